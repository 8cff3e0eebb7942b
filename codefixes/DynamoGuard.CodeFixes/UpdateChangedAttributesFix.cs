using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Configuration;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB202 fix "Update only what changed", planned from the finding the analyzer reported.
    /// <list type="bullet">
    /// <item>Low-level client: the whole-item <c>PutItem(Async)</c> of the map a GetItem returned becomes an
    /// <c>UpdateItem(Async)</c> request on the read's table and key that SETs each attribute the method changed, with the
    /// value the map holds at the write (<c>[":name"] = item["name"]</c>): the changes stay where they are, only the
    /// write narrows. Every attribute name goes through a <c>#name</c> placeholder, so reserved words need no care.
    /// Offered only when the changed attributes are known exactly (<see cref="ReadModifyWrite.GetExactMapChanges"/>),
    /// each change runs whenever the write does (so the attribute is in the map), the read's key is a map the method
    /// builds with constant names, no changed attribute is part of it (UpdateItem cannot SET a key attribute; a put
    /// under a changed key writes another item), the request sets nothing UpdateItemRequest does not share, and the
    /// write's result is not used as a PutItemResponse.</item>
    /// <item>Document model: <c>table.PutItemAsync(doc)</c> becomes <c>table.UpdateItemAsync(doc)</c>. The SDK's
    /// Table.UpdateItem compares every attribute of the Document with the copy it took at the read and sends only the
    /// ones that differ (the whole Document when a key attribute changed). Offered only when the method removes no
    /// attribute from the Document (UpdateItem would keep it in the table, PutItem drops it) and passes no
    /// PutItemOperationConfig.</item>
    /// </list>
    /// </summary>
    internal sealed class UpdateChangedAttributesFix
    {
        private static readonly HashSet<string> SharedRequestProperties = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "TableName", "Item", "ReturnValues", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics",
        };

        private readonly InvocationExpressionSyntax _write;
        private readonly string? _replacementText;
        private readonly TypeNames? _typeNames;
        private readonly SimpleNameSyntax? _renamedMethod;

        private UpdateChangedAttributesFix(InvocationExpressionSyntax write, string replacementText, TypeNames typeNames)
        {
            _write = write;
            _replacementText = replacementText;
            _typeNames = typeNames;
        }

        private UpdateChangedAttributesFix(InvocationExpressionSyntax write, SimpleNameSyntax renamedMethod)
        {
            _write = write;
            _renamedMethod = renamedMethod;
        }

        public InvocationExpressionSyntax Write => _write;

        /// <summary>The type names of the rewrite when they need a using directive the file lacks; null otherwise.</summary>
        public TypeNames? MissingNamespaces => _typeNames is { HasMissingNamespaces: true } ? _typeNames : null;

        /// <summary>The DDB202 finding a diagnostic is about, found again from the write call it is reported on.</summary>
        public static (WholeItemWriteBack Finding, ReadModifyWrite Analysis, DynamoDbModel Model)? FindFinding(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, AnalyzerConfigOptions? options, CancellationToken cancellationToken)
        {
            if (diagnostic.Id != DiagnosticIds.WholeItemWriteBack
                || diagnostic.Location.SourceTree != root.SyntaxTree
                || DynamoDbModel.TryCreate(semanticModel.Compilation) is not { } model)
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } syntax
                || semanticModel.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation)
            {
                return null;
            }

            var names = options is null
                ? VersionAttributeNames.Default
                : DynamoGuardOptions.VersionAttributeNames.GetValue(options, DiagnosticIds.WholeItemWriteBack);
            var counterNames = options is null
                ? VersionAttributeNames.Default
                : DynamoGuardOptions.VersionAttributeNames.GetValue(options, DiagnosticIds.ReadModifyWriteNumber);

            // As the analyzer does: a write DDB201 reports is not DDB202's.
            var analysis = new ReadModifyWrite(model, names);
            return new ReadModifyWrite(model, counterNames).FindCounter(invocation) is null && analysis.FindWriteBack(invocation) is { } finding
                ? (finding, analysis, model)
                : null;
        }

        public static UpdateChangedAttributesFix? TryPlan(WholeItemWriteBack finding, ReadModifyWrite analysis, SemanticModel semanticModel, DynamoDbModel model)
        {
            if (finding.WriteInvocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } write
                || ItemWrite.TryRead(finding.WriteInvocation, model) is not { Kind: DynamoOperation.PutItem } itemWrite)
            {
                return null;
            }

            return itemWrite.Surface switch
            {
                WriteSurface.ClientRequest or WriteSurface.ClientConvenience => PlanClient(finding, analysis, semanticModel, model, itemWrite, write),
                WriteSurface.DocumentTable => PlanDocument(finding, analysis, write),
                _ => null,
            };
        }

        public void Apply(DocumentEditor editor)
        {
            if (_renamedMethod is not null)
            {
                var member = (MemberAccessExpressionSyntax)_write.Expression;
                editor.ReplaceNode(member.Name, _renamedMethod.WithTriviaFrom(member.Name));
                return;
            }

            editor.ReplaceNode(_write, SyntaxBuilder.ParseExpression(_replacementText!).WithTriviaFrom(_write));
        }

        // ---- document model: PutItem(doc) becomes UpdateItem(doc) ----

        private static UpdateChangedAttributesFix? PlanDocument(WholeItemWriteBack finding, ReadModifyWrite analysis, InvocationExpressionSyntax write)
        {
            var invocation = finding.WriteInvocation;
            if (analysis.GetDocumentChanges(finding) is null || invocation.Instance?.Type is not { } tableType)
            {
                return null;
            }

            // Only the Document and a CancellationToken, passed by position (UpdateItem's parameter names may differ): a
            // PutItemOperationConfig has no UpdateItem counterpart to carry it.
            var hasToken = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (argument.Syntax is ArgumentSyntax { NameColon: not null })
                {
                    return null;
                }

                if (argument.Parameter?.Type.Name == "CancellationToken")
                {
                    hasToken = true;
                }
                else if (argument.Parameter?.Ordinal != 0)
                {
                    return null;
                }
            }

            var method = invocation.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal) ? "UpdateItemAsync" : "UpdateItem";
            if (!HasDocumentUpdate(tableType, method, invocation.Arguments[0].Parameter!.Type, hasToken))
            {
                return null;
            }

            var name = ((MemberAccessExpressionSyntax)write.Expression).Name;
            SimpleNameSyntax renamed = SyntaxFactory.IdentifierName(method);
            return new UpdateChangedAttributesFix(write, renamed.WithTriviaFrom(name));
        }

        /// <summary>True when the table type has <c>UpdateItem[Async](Document[, CancellationToken])</c>.</summary>
        private static bool HasDocumentUpdate(ITypeSymbol tableType, string method, ITypeSymbol documentType, bool withToken)
        {
            foreach (var type in new[] { tableType }.Concat(tableType.AllInterfaces))
            {
                for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
                {
                    foreach (var member in current.GetMembers(method))
                    {
                        if (member is IMethodSymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false } candidate
                            && candidate.Parameters.Length >= 1
                            && SymbolEqualityComparer.Default.Equals(candidate.Parameters[0].Type, documentType)
                            && candidate.Parameters.Skip(1).All(p => p.IsOptional || (withToken && p.Ordinal == 1 && p.Type.Name == "CancellationToken"))
                            && (!withToken || (candidate.Parameters.Length >= 2 && candidate.Parameters[1].Type.Name == "CancellationToken")))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        // ---- low-level client: PutItem of the read map becomes UpdateItem with SET of the changed attributes ----

        private static UpdateChangedAttributesFix? PlanClient(WholeItemWriteBack finding, ReadModifyWrite analysis, SemanticModel semanticModel, DynamoDbModel model, ItemWrite itemWrite, InvocationExpressionSyntax write)
        {
            var invocation = finding.WriteInvocation;
            var read = finding.Read;
            if (model.UpdateItemRequest is null
                || model.AttributeValue is null
                || analysis.GetExactMapChanges(finding) is not { } changes
                || itemWrite.Attributes.Value is not { } itemValue
                || read.Key is not { } readKey
                || !AtomicUpdateFix.IsAvailableAt(readKey, write)
                || !IsResultUnused(write, semanticModel))
            {
                return null;
            }

            // The key: a map with constant attribute names, none of which the method changes.
            var key = MapPart.Read(readKey);
            if (key.State != PartState.Known || !key.IsComplete || key.Entries.Count == 0)
            {
                return null;
            }

            foreach (var change in changes)
            {
                if (key.ContainsKey(change.Attribute) || !AtomicAddFix.IsUnconditional(change.Site.Syntax, write, null))
                {
                    return null;
                }
            }

            // What the request keeps: the properties PutItemRequest shares with UpdateItemRequest, in source order.
            var kept = new List<string>();
            var table = itemWrite.Request?.GetValue("TableName") ?? DynamoDbModel.GetArgumentByParameterName(invocation, "tableName");
            if (table is null)
            {
                return null;
            }

            var indentation = SyntaxBuilder.GetIndentation(write);
            var inner = indentation + "    ";
            if (itemWrite.Request is { } request)
            {
                if (!write.Span.Contains(request.Creation.Syntax.Span) || request.Creation.Arguments.Length > 0 || !request.IsComplete)
                {
                    return null;
                }

                foreach (var assignment in request.PropertyAssignments)
                {
                    if (assignment.Target is not IPropertyReferenceOperation property || !SharedRequestProperties.Contains(property.Property.Name))
                    {
                        return null;
                    }

                    if (property.Property.Name is not ("TableName" or "Item"))
                    {
                        kept.Add(property.Property.Name + " = " + SyntaxBuilder.MoveText(assignment.Value.Syntax, inner));
                    }
                }
            }

            var remaining = new List<string>();
            foreach (var argument in invocation.Arguments.OrderBy(a => a.Syntax?.SpanStart ?? int.MaxValue))
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Syntax is not ArgumentSyntax syntax)
                {
                    continue;
                }

                if (argument.Parameter?.Type.Name == "CancellationToken")
                {
                    remaining.Add(syntax.Expression.WithoutTrivia().ToString());
                }
                else if (argument.Parameter?.Name is not ("tableName" or "item" or "request"))
                {
                    return null;
                }
            }

            var typeNames = new TypeNames(semanticModel, write.SpanStart);
            var member = (MemberAccessExpressionSyntax)write.Expression;
            var method = invocation.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal) ? "UpdateItemAsync" : "UpdateItem";
            var eol = InitializerEditing.GetEndOfLine(write.SyntaxTree.GetRoot()).ToString();
            var stringType = semanticModel.Compilation.GetSpecialType(SpecialType.System_String);
            var dictionary = semanticModel.Compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!;
            var namesType = typeNames.For(dictionary.Construct(stringType, stringType)).ToString();
            var valuesType = typeNames.For(dictionary.Construct(stringType, model.AttributeValue)).ToString();

            // #name / :name for each changed attribute, unique (DynamoDB placeholders: compared without regard to case here, to be safe).
            var usedNames = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            var usedValues = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            var names = new List<(string Placeholder, string Attribute)>();
            var values = new List<(string Placeholder, string Value)>();
            var actions = new List<string>();
            var map = SyntaxBuilder.MoveText(itemValue.Syntax, inner + "    ");
            if (itemValue.Syntax is not (IdentifierNameSyntax or MemberAccessExpressionSyntax))
            {
                map = "(" + map + ")";
            }

            foreach (var change in changes)
            {
                var name = UniqueNames.Choose(SyntaxBuilder.NamePlaceholderStem(change.Attribute), usedNames, reserve: true);
                var value = UniqueNames.Choose(":" + name.Substring(1), usedValues, reserve: true);
                names.Add((name, change.Attribute));
                values.Add((value, map + "[" + SyntaxBuilder.Quote(change.Attribute) + "]"));
                actions.Add(name + " = " + value);
            }

            var builder = new StringBuilder()
                .Append(member.Expression.WithoutTrivia().ToString()).Append('.').Append(method)
                .Append("(new ").Append(typeNames.For(model.UpdateItemRequest).ToString()).Append(eol)
                .Append(indentation).Append('{').Append(eol);
            SyntaxBuilder.AppendUpdateRequestMembers(
                builder,
                inner,
                eol,
                SyntaxBuilder.MoveText(table.Syntax, inner),
                SyntaxBuilder.MoveText(readKey.Syntax, inner),
                "SET " + string.Join(", ", actions),
                namesType,
                valuesType,
                names,
                values);

            foreach (var property in kept)
            {
                builder.Append(inner).Append(property).Append(',').Append(eol);
            }

            builder.Append(indentation).Append('}');
            foreach (var argument in remaining)
            {
                builder.Append(", ").Append(argument);
            }

            return new UpdateChangedAttributesFix(write, builder.Append(')').ToString(), typeNames);
        }

        /// <summary>
        /// True when nothing reads the write's PutItemResponse: the call (awaited, possibly through ConfigureAwait) is a
        /// statement of its own, or its task is converted to a plain Task.
        /// </summary>
        private static bool IsResultUnused(InvocationExpressionSyntax write, SemanticModel semanticModel)
        {
            SyntaxNode node = write;
            if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure && configure.Parent is InvocationExpressionSyntax configured)
            {
                node = configured;
            }

            if (node.Parent is AwaitExpressionSyntax awaited)
            {
                node = awaited;
            }

            if (node.Parent is ExpressionStatementSyntax)
            {
                return true;
            }

            var converted = semanticModel.GetTypeInfo(write).ConvertedType;
            return node == write
                && converted is INamedTypeSymbol { IsGenericType: false, Name: "Task" } task
                && task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
        }
    }
}
