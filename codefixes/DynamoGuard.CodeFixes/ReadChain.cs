using System.Collections.Generic;
using System.Linq;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// The statements of a read-modify-write that only serve the write a fix replaces: the read
    /// (<c>var response = await client.GetItemAsync(...);</c>), the locals computed from it (<c>var item = response.Item;</c>,
    /// <c>var views = int.Parse(item["views"].N) + 1;</c>) and the changes made to them (<c>views++;</c>,
    /// <c>item["views"] = ...;</c>, <c>counter.Count++;</c>). A statement goes only when every local it declares or
    /// changes is used nowhere else: not after the write, not by other code, not by what the fix writes instead.
    /// Statements with other effects (a call that is not a pure conversion) are never removed.
    /// </summary>
    internal static class ReadChain
    {
        /// <summary>
        /// The statements to remove: the read when nothing else uses what it returned, and the locals computed from it
        /// (and their changes) that nothing uses any more.
        /// </summary>
        /// <param name="read">The read invocation.</param>
        /// <param name="write">The write invocation (statements after it are not touched).</param>
        /// <param name="replaced">Source spans the fix replaces: references inside them do not keep a local alive.</param>
        /// <param name="keptAlive">Locals the fix's new code refers to.</param>
        public static List<StatementSyntax> FindRemovable(IInvocationOperation read, IOperation write, IReadOnlyList<TextSpan> replaced, ISet<ILocalSymbol> keptAlive)
        {
            var result = new List<StatementSyntax>();
            var readStatement = read.Syntax.FirstAncestorOrSelf<StatementSyntax>();
            if (readStatement is not LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1, Parent: BlockSyntax }
                || !IsReadDeclaration(readStatement, read))
            {
                return result;
            }

            var root = write.GetRoot();
            var semanticModel = write.SemanticModel!;
            var writeStart = write.Syntax.SpanStart;

            // Candidate statements and the locals each declares or changes.
            var statements = new Dictionary<StatementSyntax, HashSet<ILocalSymbol>>();
            var candidates = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            AddDeclared(readStatement, semanticModel, statements, candidates);

            var block = (BlockSyntax)readStatement.Parent!;
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var statement in EnumerateStatements(block, readStatement.Span.End, writeStart))
                {
                    if (statements.ContainsKey(statement))
                    {
                        continue;
                    }

                    var operation = semanticModel.GetOperation(statement);
                    if (operation is null || !ReferencesAny(operation, candidates))
                    {
                        continue;
                    }

                    if (statement is LocalDeclarationStatementSyntax declaration && IsPure(operation))
                    {
                        AddDeclared(declaration, semanticModel, statements, candidates);
                        changed = true;
                    }
                    else if (statement is ExpressionStatementSyntax && GetChangedLocal(operation) is { } target && candidates.Contains(target) && IsPureChange(operation)
                        && !statements.Keys.Any(s => s.Span.Contains(statement.Span)))
                    {
                        statements[statement] = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default) { target };
                        changed = true;
                    }
                    else if (statement is IfStatementSyntax
                        && operation is IConditionalOperation check
                        && ValueResolver.IsNullFallback(check, out var fallback, out var replacedLocal) && replacedLocal is not null
                        && candidates.Contains(replacedLocal)
                        && IsPureCreation(fallback!.Value))
                    {
                        // if (counter == null) counter = new Counter { Id = id }; goes with the read it completes.
                        foreach (var inner in statements.Keys.Where(s => statement.Span.Contains(s.Span)).ToList())
                        {
                            statements.Remove(inner);
                        }

                        statements[statement] = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default) { replacedLocal };
                        changed = true;
                    }
                }
            }

            // Fixpoint: a local stays when any reference to it is outside the removable statements and the replaced spans.
            var removable = new HashSet<ILocalSymbol>(candidates.Where(c => !keptAlive.Contains(c)), SymbolEqualityComparer.Default);
            var references = root.Descendants().OfType<ILocalReferenceOperation>().Where(r => candidates.Contains(r.Local)).ToList();
            changed = true;
            while (changed)
            {
                changed = false;
                var removableStatements = statements.Where(s => s.Value.All(removable.Contains)).Select(s => s.Key).ToList();
                foreach (var reference in references)
                {
                    if (!removable.Contains(reference.Local))
                    {
                        continue;
                    }

                    var span = reference.Syntax.Span;
                    if (removableStatements.Any(s => s.Span.Contains(span)) || replaced.Any(r => r.Contains(span)))
                    {
                        continue;
                    }

                    removable.Remove(reference.Local);
                    changed = true;
                }
            }

            foreach (var pair in statements)
            {
                if (pair.Value.All(removable.Contains))
                {
                    result.Add(pair.Key);
                }
            }

            // The read goes only with everything computed from it; locals computed from it that nothing uses any more go anyway.
            return result.OrderBy(s => s.SpanStart).ToList();
        }

        private static bool IsReadDeclaration(StatementSyntax statement, IInvocationOperation read)
        {
            var declarator = ((LocalDeclarationStatementSyntax)statement).Declaration.Variables[0];
            if (declarator.Initializer?.Value is not { } value)
            {
                return false;
            }

            // var r = await client.GetItemAsync(...); var item = (await ...).Item; with ConfigureAwait.
            for (SyntaxNode? node = read.Syntax; node is not null && node != declarator.Initializer; node = node.Parent)
            {
                if (node is not (ExpressionSyntax or ArgumentListSyntax))
                {
                    return false;
                }

                if (node is InvocationExpressionSyntax invocation && node != read.Syntax
                    && !(invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" }))
                {
                    return false;
                }
            }

            return value.Span.Contains(read.Syntax.Span);
        }

        private static IEnumerable<StatementSyntax> EnumerateStatements(BlockSyntax block, int start, int end)
        {
            foreach (var statement in block.DescendantNodes().OfType<StatementSyntax>())
            {
                if (statement.SpanStart >= start && statement.Span.End <= end && statement.Parent is BlockSyntax)
                {
                    yield return statement;
                }
            }
        }

        private static void AddDeclared(StatementSyntax statement, SemanticModel semanticModel, Dictionary<StatementSyntax, HashSet<ILocalSymbol>> statements, HashSet<ILocalSymbol> candidates)
        {
            var declared = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (var node in statement.DescendantNodes())
            {
                if (node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
                    && semanticModel.GetDeclaredSymbol(node) is ILocalSymbol local)
                {
                    declared.Add(local);
                    candidates.Add(local);
                }
            }

            statements[statement] = declared;
        }

        private static bool ReferencesAny(IOperation operation, HashSet<ILocalSymbol> locals)
            => operation.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(r => locals.Contains(r.Local));

        /// <summary>The local a statement changes: <c>x++</c>, <c>x += d</c>, <c>x = v</c>, <c>item["k"] = v</c>, <c>o.P++</c>, <c>item.Add(k, v)</c>.</summary>
        private static ILocalSymbol? GetChangedLocal(IOperation statement)
        {
            var expression = statement is IExpressionStatementOperation expressionStatement ? expressionStatement.Operation : statement;
            var target = expression switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                IInvocationOperation { Instance: { } instance } => instance,
                _ => null,
            };

            while (target is not null)
            {
                switch (target.WalkDownConversions())
                {
                    case ILocalReferenceOperation local:
                        return local.Local;
                    case IPropertyReferenceOperation { Instance: { } instance }:
                        target = instance;
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static bool IsPureChange(IOperation statement)
        {
            var expression = ((IExpressionStatementOperation)statement).Operation;
            return expression switch
            {
                IAssignmentOperation assignment => IsPure(assignment.Value),
                IIncrementOrDecrementOperation => true,
                IInvocationOperation invocation => invocation.TargetMethod.Name is "Add" or "Remove" && invocation.Arguments.All(a => IsPure(a.Value)),
                _ => false,
            };
        }

        /// <summary>True when evaluating the operation has no effect but its value (reads, arithmetic, number conversions).</summary>
        private static bool IsPure(IOperation operation)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                switch (node)
                {
                    case IInvocationOperation invocation:
                        var name = invocation.TargetMethod.Name;
                        if (!(name is "ToString" or "Parse" or "ContainsKey" or "TryGetValue" or "GetValueOrDefault"
                            || name.StartsWith("As", System.StringComparison.Ordinal)
                            || (name.StartsWith("To", System.StringComparison.Ordinal) && invocation.TargetMethod.ContainingType?.Name == "Convert")
                            || IsSdkRead(invocation)))
                        {
                            return false;
                        }

                        break;
                    case IObjectCreationOperation creation when creation.Type?.ContainingNamespace?.ToDisplayString() is not ("Amazon.DynamoDBv2.Model" or "Amazon.DynamoDBv2.DocumentModel"):
                    case IIncrementOrDecrementOperation when node != operation:
                    case IAssignmentOperation { Parent: not IObjectOrCollectionInitializerOperation } when node != operation:
                        return false;
                }
            }

            return true;
        }

        /// <summary><c>new T { P = pure, ... }</c> of a type whose constructor the compiler wrote (nothing runs but the initializer).</summary>
        private static bool IsPureCreation(IOperation value)
            => value.WalkDownConversions() is IObjectCreationOperation { Arguments.IsEmpty: true, Constructor.IsImplicitlyDeclared: true } creation
                && (creation.Initializer is null || creation.Initializer.Initializers.All(i => i is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } member && IsPure(member.Value)));

        private static bool IsSdkRead(IInvocationOperation invocation)
            => invocation.TargetMethod.Name is "GetItemAsync" or "GetItem" or "LoadAsync" or "Load" or "ConfigureAwait"
                && (invocation.TargetMethod.ContainingNamespace?.ToDisplayString().StartsWith("Amazon", System.StringComparison.Ordinal) == true
                    || invocation.TargetMethod.Name == "ConfigureAwait");
    }
}
