using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using DynamoGuard.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB101 on <c>DeleteAsync&lt;T&gt;(hashKey[, rangeKey][, config][, ct])</c> / <c>Delete&lt;T&gt;(...)</c> of a versioned
    /// type: a delete by key sends no condition, a delete of the loaded object sends the version condition.
    /// <list type="bullet">
    /// <item><b>Delete the loaded object</b>, when the method already holds it (<c>var p = await context.LoadAsync&lt;T&gt;(sameKey)</c>
    /// earlier, the key the same value, <c>p</c> never reassigned): the call becomes <c>DeleteAsync(p[, config][, ct])</c>,
    /// inside <c>if (p is not null)</c> unless a null check before it already returns (the SDK throws
    /// ArgumentNullException for a null object).</item>
    /// <item><b>Load and delete</b>, otherwise: <c>var x = await context.LoadAsync&lt;T&gt;(key, new LoadConfig { ConsistentRead = true }[, ct]);</c>
    /// and <c>if (x is not null) { await context.DeleteAsync(x[, config][, ct]); }</c>. The read is strongly consistent so
    /// an item that exists is seen (an eventually consistent miss would skip the delete); an absent item is left
    /// alone, as the delete by key left it.</item>
    /// </list>
    /// The configuration the user passed stays on the delete; the load gets the same table settings (an inline
    /// DeleteConfig's assignments are copied into the LoadConfig, an inline DynamoDBOperationConfig's into a new one),
    /// and without a config the load uses LoadConfig, or DynamoDBOperationConfig where the SDK has no LoadConfig (v3).
    /// Offered through <see cref="AddVersionConditionCodeFixProvider"/>: <c>dotnet format</c> pairs an analyzer with one fixer, so every
    /// DDB101 fix lives in the provider that is registered for DDB101.
    /// </summary>
    internal sealed class DeleteByKeyFix
    {
        private readonly List<(SyntaxNode Node, SyntaxNode Replacement)> _replacements = new List<(SyntaxNode, SyntaxNode)>();
        private StatementSyntax? _insertBefore;
        private StatementSyntax? _inserted;

        private DeleteByKeyFix(string key, string title, TypeNames? typeNames)
        {
            EquivalenceKey = key;
            Title = title;
            TypeNames = typeNames;
        }

        public string EquivalenceKey { get; }

        public string Title { get; }

        /// <summary>Records the config type the load needs, when its namespace is not imported.</summary>
        public TypeNames? TypeNames { get; }

        public void Apply(DocumentEditor editor)
        {
            if (_insertBefore is not null && _inserted is not null)
            {
                editor.InsertBefore(_insertBefore, _inserted);
            }

            foreach (var (node, replacement) in _replacements)
            {
                editor.ReplaceNode(node, replacement);
            }
        }

        public static DeleteByKeyFix? TryPlan(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, Dictionary<SyntaxNode, HashSet<string>> reserved, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(OptimisticLockingAnalyzer.FindingProperty, out var finding)
                || finding != OptimisticLockingAnalyzer.FindingDeleteByKey
                || DynamoDbModel.TryCreate(semanticModel.Compilation) is not { } model)
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
                || call.Expression is not MemberAccessExpressionSyntax { Name: GenericNameSyntax genericName } access
                || semanticModel.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
                || !model.TryGetDeleteByKey(invocation, out var itemType)
                || model.GetVersionProperty(itemType) is null
                || !TryReadArguments(invocation, out var keys, out var config, out var token))
            {
                return null;
            }

            var function = call.FirstAncestorOrSelf<SyntaxNode>(IsFunction);
            if (function is null)
            {
                return null;
            }

            var isAsync = invocation.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal);
            var statement = GetStatement(call, isAsync, out var configureAwait);
            var indentation = statement is null ? string.Empty : SyntaxBuilder.GetIndentation(statement);
            var unit = indentation.Contains("\t") ? "\t" : "    ";
            var endOfLine = InitializerEditing.GetEndOfLine(root);
            var languageVersion = (call.SyntaxTree.Options as CSharpParseOptions)?.LanguageVersion ?? LanguageVersion.Latest;

            if (FindLoadedObject(semanticModel, model, function, call, itemType, keys, cancellationToken) is { } loaded)
            {
                var plan = new DeleteByKeyFix(AddVersionConditionCodeFixProvider.AddConditionKey, $"Delete the loaded object '{loaded.Local.Name}' (the SDK checks its version)", null);
                var replacement = ObjectDelete(call, access, genericName, loaded.Local.Name, config, token);
                if (loaded.KnownNotNull)
                {
                    plan._replacements.Add((call, replacement));
                    return plan;
                }

                if (statement is null)
                {
                    return null;
                }

                var inner = Splice(statement, call, replacement.ToString(), indentation + unit);
                plan._replacements.Add((statement, NullGuarded(statement, loaded.Local.Name, inner, indentation, unit, endOfLine, languageVersion)));
                return plan;
            }

            // Load and delete: the key moves into the load, the receiver and token are evaluated twice.
            if (statement is null || !IsPlainReference(access.Expression) || (token is not null && !IsPlainReference(token)))
            {
                return null;
            }

            var typeNames = new TypeNames(semanticModel, statement.SpanStart);
            if (LoadConfig(semanticModel, model, config, typeNames, cancellationToken) is not { } loadConfig)
            {
                return null;
            }

            if (!reserved.TryGetValue(function, out var taken))
            {
                reserved[function] = taken = new HashSet<string>(System.StringComparer.Ordinal);
            }

            var stem = char.ToLowerInvariant(itemType.Name[0]) + itemType.Name.Substring(1);
            if (SyntaxFacts.GetKeywordKind(stem) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(stem) != SyntaxKind.None)
            {
                stem += "Item";
            }

            var name = UniqueNames.LocalName(semanticModel, statement.SpanStart, stem, taken);
            var loadName = isAsync ? "LoadAsync" : "Load";
            var arguments = new List<string>(keys.Select(k => k.Syntax.ToString())) { loadConfig };
            if (token is not null)
            {
                arguments.Add(token.ToString());
            }

            var awaitPrefix = isAsync ? "await " : string.Empty;
            var load = $"var {name} = {awaitPrefix}{access.Expression}.{loadName}{genericName.TypeArgumentList}({string.Join(", ", arguments)}){configureAwait};";
            var loadPlan = new DeleteByKeyFix(AddVersionConditionCodeFixProvider.AddConditionKey, $"Load the {itemType.Name} and delete the loaded object (the SDK checks its version)", typeNames);
            loadPlan._insertBefore = statement;
            loadPlan._inserted = SyntaxBuilder.ParseStatement(load, indentation, endOfLine).WithLeadingTrivia(statement.GetLeadingTrivia());
            var delete = ObjectDelete(call, access, genericName, name, config, token);
            var guarded = NullGuarded(statement, name, Splice(statement, call, delete.ToString(), indentation + unit), indentation, unit, endOfLine, languageVersion);
            loadPlan._replacements.Add((statement, guarded.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation))));
            return loadPlan;
        }

        private static bool IsFunction(SyntaxNode node)
            => node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax;

        /// <summary>The key arguments (hash, then range), the configuration and the cancellation token the user passed.</summary>
        private static bool TryReadArguments(IInvocationOperation invocation, out List<IOperation> keys, out ExpressionSyntax? config, out ExpressionSyntax? token)
        {
            keys = new List<IOperation>();
            config = null;
            token = null;
            foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? -1))
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (argument.Parameter is not { } parameter || argument.Syntax is not ArgumentSyntax syntax)
                {
                    return false;
                }

                if (parameter.Type.SpecialType == SpecialType.System_Object)
                {
                    keys.Add(argument.Value);
                }
                else if (parameter.Type.Name == "CancellationToken")
                {
                    token = syntax.Expression;
                }
                else if (parameter.Type.Name.EndsWith("Config", System.StringComparison.Ordinal))
                {
                    config = syntax.Expression;
                }
                else
                {
                    return false;
                }
            }

            return keys.Count > 0;
        }

        /// <summary>
        /// The statement the delete is, when it is one on its own in a block: <c>await context.DeleteAsync&lt;T&gt;(id);</c>
        /// (with or without <c>.ConfigureAwait(...)</c>, whose text comes back in <paramref name="configureAwait"/>) or
        /// <c>context.Delete&lt;T&gt;(id);</c>.
        /// </summary>
        private static ExpressionStatementSyntax? GetStatement(InvocationExpressionSyntax call, bool isAsync, out string configureAwait)
        {
            configureAwait = string.Empty;
            ExpressionSyntax top = call;
            if (isAsync)
            {
                if (call.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member
                    && member.Expression == call
                    && member.Parent is InvocationExpressionSyntax configured)
                {
                    configureAwait = "." + member.Name + configured.ArgumentList;
                    top = configured;
                }

                if (top.Parent is not AwaitExpressionSyntax awaited)
                {
                    return null;
                }

                top = awaited;
            }

            return top.Parent is ExpressionStatementSyntax { Parent: BlockSyntax } statement ? statement : null;
        }

        /// <summary><c>context.DeleteAsync(name[, config][, token])</c>, keeping the receiver and the call's trivia.</summary>
        private static InvocationExpressionSyntax ObjectDelete(InvocationExpressionSyntax call, MemberAccessExpressionSyntax access, GenericNameSyntax genericName, string item, ExpressionSyntax? config, ExpressionSyntax? token)
        {
            var arguments = new List<string> { item };
            if (config is not null)
            {
                arguments.Add(config.ToString());
            }

            if (token is not null)
            {
                arguments.Add(token.ToString());
            }

            var name = SyntaxFactory.IdentifierName(genericName.Identifier);
            return call
                .WithExpression(access.WithName(name))
                .WithArgumentList(SyntaxFactory.ParseArgumentList("(" + string.Join(", ", arguments) + ")").WithTriviaFrom(call.ArgumentList));
        }

        /// <summary>The statement's text with the delete call replaced, its continuation lines moved to <paramref name="indentation"/>.</summary>
        private static string Splice(StatementSyntax statement, InvocationExpressionSyntax call, string replacement, string indentation)
        {
            var text = statement.WithoutTrivia().ToFullString();
            var offset = call.SpanStart - statement.SpanStart;
            text = text.Substring(0, offset) + replacement + text.Substring(offset + call.Span.Length);
            var original = SyntaxBuilder.GetIndentation(statement);
            var lines = text.Split('\n');
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].StartsWith(original, System.StringComparison.Ordinal))
                {
                    lines[i] = indentation + lines[i].Substring(original.Length);
                }
            }

            return string.Join("\n", lines);
        }

        /// <summary><c>if (name is not null) { inner }</c> in place of <paramref name="statement"/>, keeping its comments.</summary>
        private static StatementSyntax NullGuarded(StatementSyntax statement, string name, string inner, string indentation, string unit, SyntaxTrivia endOfLine, LanguageVersion languageVersion)
        {
            var eol = endOfLine.ToFullString();
            var test = languageVersion >= LanguageVersion.CSharp9 ? $"{name} is not null" : $"{name} != null";
            var text = $"if ({test}){eol}{indentation}{{{eol}{indentation}{unit}{inner}{eol}{indentation}}}";
            return SyntaxBuilder.ParseStatement(text, indentation, endOfLine)
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(statement.GetTrailingTrivia());
        }

        /// <summary>An expression that reads the same when evaluated twice: names, <c>this</c>, member accesses of those, <c>default</c>.</summary>
        private static bool IsPlainReference(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax or ThisExpressionSyntax or BaseExpressionSyntax => true,
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.DefaultLiteralExpression) || literal.IsKind(SyntaxKind.StringLiteralExpression)
                || literal.IsKind(SyntaxKind.NumericLiteralExpression) || literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression)
                || literal.IsKind(SyntaxKind.NullLiteralExpression),
            DefaultExpressionSyntax => true,
            MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } member => IsPlainReference(member.Expression),
            ParenthesizedExpressionSyntax parenthesized => IsPlainReference(parenthesized.Expression),
            _ => false,
        };

        /// <summary>
        /// The configuration of the load: ConsistentRead, plus the table settings of the delete's own configuration when
        /// it is built inline (every assignment but SkipVersionCheck). Null when the delete's configuration is not built
        /// inline (its table settings cannot be copied) or an assignment is not a plain value.
        /// </summary>
        private static string? LoadConfig(SemanticModel semanticModel, DynamoDbModel model, ExpressionSyntax? config, TypeNames typeNames, CancellationToken cancellationToken)
        {
            var copied = new List<string> { "ConsistentRead = true" };
            INamedTypeSymbol? type;
            if (config is null)
            {
                type = model.LoadConfig ?? model.DynamoDBOperationConfig;
            }
            else
            {
                if (config is not BaseObjectCreationExpressionSyntax creation
                    || creation.ArgumentList is { Arguments.Count: > 0 }
                    || semanticModel.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol configType)
                {
                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(configType, model.DeleteConfig) && model.LoadConfig is not null)
                {
                    type = model.LoadConfig;
                }
                else if (SymbolEqualityComparer.Default.Equals(configType, model.DynamoDBOperationConfig))
                {
                    type = model.DynamoDBOperationConfig;
                }
                else
                {
                    return null;
                }

                foreach (var expression in creation.Initializer?.Expressions ?? default)
                {
                    if (expression is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax property } assignment
                        || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                        || !IsPlainReference(assignment.Right))
                    {
                        return null;
                    }

                    if (property.Identifier.ValueText is not ("SkipVersionCheck" or "ConsistentRead"))
                    {
                        copied.Add(property.Identifier.ValueText + " = " + assignment.Right);
                    }
                }
            }

            return type is null ? null : $"new {typeNames.For(type)} {{ {string.Join(", ", copied)} }}";
        }

        /// <summary>
        /// The local that an earlier <c>LoadAsync&lt;T&gt;</c> / <c>Load&lt;T&gt;</c> of the same key initialised, in scope at
        /// the delete, never reassigned and whose key properties the method does not set; whether it is known not to be
        /// null there (a <c>?? throw</c>, an enclosing <c>if (p is not null)</c>, or an earlier <c>if (p is null) return;</c>).
        /// </summary>
        private static (ILocalSymbol Local, bool KnownNotNull)? FindLoadedObject(
            SemanticModel semanticModel, DynamoDbModel model, SyntaxNode function, InvocationExpressionSyntax call, ITypeSymbol itemType, List<IOperation> keys, CancellationToken cancellationToken)
        {
            (ILocalSymbol Local, bool KnownNotNull)? found = null;
            foreach (var declarator in function.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                if (declarator.SpanStart >= call.SpanStart
                    || declarator.Initializer is not { } initializer
                    || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None } declaration
                    || declaration.Parent is not BlockSyntax block
                    || !block.Span.Contains(call.Span)
                    || FixSyntax.CrossesFunction(call, block)
                    || declarator.FirstAncestorOrSelf<SyntaxNode>(IsFunction) != function
                    || semanticModel.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local
                    || !SymbolEqualityComparer.Default.Equals(local.Type, itemType))
                {
                    continue;
                }

                var value = semanticModel.GetOperation(initializer.Value, cancellationToken)?.WalkDownConversions();
                var throwsOnNull = false;
                if (value is ICoalesceOperation coalesce && coalesce.WhenNull.WalkDownConversions() is IThrowOperation)
                {
                    value = coalesce.Value.WalkDownConversions();
                    throwsOnNull = true;
                }

                if (value is IAwaitOperation awaited)
                {
                    value = awaited.Operation.WalkDownConversions();
                }

                if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
                {
                    value = configured.WalkDownConversions();
                }

                if (value is not IInvocationOperation load
                    || ItemRead.TryRead(load, model) is not { Surface: ReadSurface.Context } read
                    || !SymbolEqualityComparer.Default.Equals(read.ItemType, itemType)
                    || read.KeyValues.Length != keys.Count
                    || Enumerable.Range(0, keys.Count).Any(i => !OperationEquivalence.AreEquivalent(read.KeyValues[i], keys[i]))
                    || IsChanged(semanticModel, model, function, local, cancellationToken))
                {
                    continue;
                }

                found = (local, throwsOnNull || IsCheckedNotNull(semanticModel, local, block, call, cancellationToken));
            }

            return found;
        }

        /// <summary>True when the method assigns the local again (or passes it by ref/out), or sets one of its key properties.</summary>
        private static bool IsChanged(SemanticModel semanticModel, DynamoDbModel model, SyntaxNode function, ILocalSymbol local, CancellationToken cancellationToken)
        {
            foreach (var identifier in function.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != local.Name
                    || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                {
                    continue;
                }

                SyntaxNode target = identifier;
                if (identifier.Parent is MemberAccessExpressionSyntax member && member.Expression == identifier
                    && semanticModel.GetSymbolInfo(member, cancellationToken).Symbol is IPropertySymbol property
                    && IsKeyProperty(model, property))
                {
                    target = member;
                }
                else if (identifier.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } or RefExpressionSyntax)
                {
                    return true;
                }

                if (target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsKeyProperty(DynamoDbModel model, IPropertySymbol property)
            => property.GetAttributes().Any(a => a.AttributeClass is { } attribute
                && (SymbolEqualityComparer.Default.Equals(attribute, model.DynamoDBHashKeyAttribute) || SymbolEqualityComparer.Default.Equals(attribute, model.DynamoDBRangeKeyAttribute)));

        private static bool IsCheckedNotNull(SemanticModel semanticModel, ILocalSymbol local, BlockSyntax declarationBlock, SyntaxNode call, CancellationToken cancellationToken)
        {
            for (SyntaxNode? child = call, node = call.Parent; node is not null && child != declarationBlock; child = node, node = node.Parent)
            {
                if (node is IfStatementSyntax { } enclosing && enclosing.Statement == child && Implies(semanticModel, enclosing.Condition, local, whenNull: false, cancellationToken))
                {
                    return true;
                }

                if (node is BlockSyntax block)
                {
                    foreach (var statement in block.Statements)
                    {
                        if (statement.SpanStart >= child.SpanStart)
                        {
                            break;
                        }

                        if (statement is IfStatementSyntax { Else: null } guard
                            && Exits(guard.Statement)
                            && Implies(semanticModel, guard.Condition, local, whenNull: true, cancellationToken))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool Exits(StatementSyntax statement) => statement switch
        {
            ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax => true,
            BlockSyntax { Statements.Count: > 0 } block => Exits(block.Statements.Last()),
            _ => false,
        };

        /// <summary>
        /// With <paramref name="whenNull"/>: the condition is true whenever the local is null (<c>p is null</c>,
        /// <c>p == null</c>, either side of <c>||</c>). Without: the condition is true only when it is not null
        /// (<c>p is not null</c>, <c>p != null</c>, <c>p is { }</c>, either side of <c>&amp;&amp;</c>).
        /// </summary>
        private static bool Implies(SemanticModel semanticModel, ExpressionSyntax condition, ILocalSymbol local, bool whenNull, CancellationToken cancellationToken)
        {
            bool IsLocal(ExpressionSyntax e) => e is IdentifierNameSyntax && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(e, cancellationToken).Symbol, local);
            static bool IsNull(ExpressionSyntax e) => e.IsKind(SyntaxKind.NullLiteralExpression);

            switch (condition)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Implies(semanticModel, parenthesized.Expression, local, whenNull, cancellationToken);
                case BinaryExpressionSyntax binary when binary.IsKind(whenNull ? SyntaxKind.LogicalOrExpression : SyntaxKind.LogicalAndExpression):
                    return Implies(semanticModel, binary.Left, local, whenNull, cancellationToken) || Implies(semanticModel, binary.Right, local, whenNull, cancellationToken);
                case BinaryExpressionSyntax binary when binary.IsKind(whenNull ? SyntaxKind.EqualsExpression : SyntaxKind.NotEqualsExpression):
                    return (IsLocal(binary.Left) && IsNull(binary.Right)) || (IsNull(binary.Left) && IsLocal(binary.Right));
                case IsPatternExpressionSyntax pattern when IsLocal(pattern.Expression):
                    return whenNull
                        ? pattern.Pattern is ConstantPatternSyntax { Expression: var constant } && IsNull(constant)
                        : pattern.Pattern is UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var negated } } && IsNull(negated)
                            || pattern.Pattern is RecursivePatternSyntax { Type: null, PositionalPatternClause: null, PropertyPatternClause.Subpatterns.Count: 0, Designation: null };
                default:
                    return false;
            }
        }
    }
}
