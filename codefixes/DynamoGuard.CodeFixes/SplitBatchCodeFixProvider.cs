using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB301 / DDB302 / DDB303: wraps the call in <c>foreach (var chunk in source.Chunk(n))</c>, one request (or
    /// transaction) per chunk. The request, its dictionary and every other property are built inside the loop exactly as
    /// before; only the one collection that makes up the batch is replaced by the chunk (<c>chunk.ToList()</c> where the
    /// SDK wants a List). Statements that use the response follow the call into the loop. Offered when the batch has a
    /// single element collection (one table), the call is a statement of a block, and the collection does not depend on
    /// what the moved statements declare. Adds <c>using System.Linq;</c> when needed.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SplitBatchCodeFixProvider))]
    [Shared]
    public sealed class SplitBatchCodeFixProvider : CodeFixProvider
    {
        public const string BatchWriteEquivalenceKey = "DDB301_SplitIntoChunks";
        public const string BatchGetEquivalenceKey = "DDB302_SplitIntoChunks";
        public const string TransactionEquivalenceKey = "DDB303_SplitIntoChunks";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            DiagnosticIds.BatchWriteLimit, DiagnosticIds.BatchGetLimit, DiagnosticIds.TransactionLimit);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Plan.TryCreate(root, semanticModel, diagnostic, context.CancellationToken) is null)
                {
                    continue;
                }

                var (title, key) = TitleAndKey(diagnostic);
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct), key),
                    diagnostic);
            }
        }

        private static (string Title, string Key) TitleAndKey(Diagnostic diagnostic)
        {
            var maximum = diagnostic.Properties.TryGetValue(BatchSizeLimitAnalyzer.MaximumProperty, out var value) ? value : "25";
            return diagnostic.Id switch
            {
                DiagnosticIds.BatchGetLimit => ($"Split into batches of {maximum} keys", BatchGetEquivalenceKey),
                DiagnosticIds.TransactionLimit => ($"Split into transactions of {maximum} (no longer atomic as a whole)", TransactionEquivalenceKey),
                _ => ($"Split into batches of {maximum}", BatchWriteEquivalenceKey),
            };
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var semanticModel = editor.SemanticModel;
            var moved = new List<TextSpanRange>();
            var needsLinq = false;
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var plan = Plan.TryCreate(editor.OriginalRoot, semanticModel, diagnostic, cancellationToken);
                if (plan is null || moved.Any(r => r.Overlaps(plan.Block, plan.Start, plan.End)))
                {
                    continue;
                }

                moved.Add(new TextSpanRange(plan.Block, plan.Start, plan.End));
                var statements = plan.Block.Statements;
                var names = UniqueNames.TakenNames(semanticModel, statements[plan.Start], statements.Skip(plan.Start).Take(plan.End - plan.Start + 1));
                Apply(editor, plan, UniqueNames.Choose("chunk", names, reserve: false));
                needsLinq |= !UsingDirectives.IsImported(semanticModel, plan.Block.SpanStart, "System.Linq");
            }

            var changed = editor.GetChangedDocument();
            if (needsLinq)
            {
                var root = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is not null)
                {
                    changed = changed.WithSyntaxRoot(UsingDirectives.Add(root, "System.Linq"));
                }
            }

            return changed;
        }

        private static void Apply(DocumentEditor editor, Plan plan, string chunkName)
        {
            var statements = plan.Block.Statements;
            var chunk = SyntaxFactory.IdentifierName(chunkName);
            ExpressionSyntax replacement = plan.SplitAsList
                ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, chunk, SyntaxFactory.IdentifierName("ToList")))
                : chunk;

            var body = new List<StatementSyntax>();
            for (var i = plan.Start; i <= plan.End; i++)
            {
                var statement = statements[i];
                if (statement.Span.Contains(plan.Target.Span))
                {
                    statement = statement.ReplaceNode(plan.Target, replacement.WithTriviaFrom(plan.Target));
                }

                if (i == plan.Start)
                {
                    statement = statement.WithLeadingTrivia(SyntaxFactory.ElasticMarker);
                }

                if (i == plan.End)
                {
                    statement = statement.WithTrailingTrivia(SyntaxFactory.ElasticMarker);
                }

                body.Add(statement);
            }

            var chunkCall = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, plan.Source, SyntaxFactory.IdentifierName("Chunk")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(plan.Maximum))))));
            var loop = SyntaxFactory.ForEachStatement(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.Identifier(chunkName),
                    chunkCall,
                    SyntaxFactory.Block(body))
                .WithLeadingTrivia(statements[plan.Start].GetLeadingTrivia())
                .WithTrailingTrivia(statements[plan.End].GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);

            editor.InsertBefore(statements[plan.Start], loop);
            for (var i = plan.Start; i <= plan.End; i++)
            {
                editor.RemoveNode(statements[i], SyntaxRemoveOptions.KeepNoTrivia);
            }
        }

        /// <summary>A range of statements of one block that a fix has already moved (Fix All skips overlapping ones).</summary>
        private readonly struct TextSpanRange
        {
            private readonly BlockSyntax _block;
            private readonly int _start;
            private readonly int _end;

            public TextSpanRange(BlockSyntax block, int start, int end)
            {
                _block = block;
                _start = start;
                _end = end;
            }

            public bool Overlaps(BlockSyntax block, int start, int end)
            {
                if (_block == block)
                {
                    return start <= _end && _start <= end;
                }

                // A block nested inside moved statements (or holding them) is edited by the other fix: leave it to the next pass.
                return _block.Span.Contains(block.Span) || block.Span.Contains(_block.Span);
            }
        }

        /// <summary>What one fix moves into the loop and what it splits.</summary>
        private sealed class Plan
        {
            private Plan(BlockSyntax block, int start, int end, ExpressionSyntax target, ExpressionSyntax source, bool splitAsList, int maximum)
            {
                Block = block;
                Start = start;
                End = end;
                Target = target;
                Source = source;
                SplitAsList = splitAsList;
                Maximum = maximum;
            }

            public BlockSyntax Block { get; }

            /// <summary>Index of the first statement moved into the loop.</summary>
            public int Start { get; }

            /// <summary>Index of the last statement moved into the loop.</summary>
            public int End { get; }

            /// <summary>The collection of batch elements, replaced by the chunk.</summary>
            public ExpressionSyntax Target { get; }

            /// <summary>What is chunked (the target without a trailing ToList()/ToArray()).</summary>
            public ExpressionSyntax Source { get; }

            /// <summary>True when the target must be a List (SDK request properties): chunk.ToList(); else the chunk array itself.</summary>
            public bool SplitAsList { get; }

            public int Maximum { get; }

            public static Plan? TryCreate(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (diagnostic.AdditionalLocations.Count < 2
                    || !diagnostic.Properties.TryGetValue(BatchSizeLimitAnalyzer.MaximumProperty, out var maximumText)
                    || !int.TryParse(maximumText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var maximum)
                    || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
                    || root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<ExpressionSyntax>() is not { } target
                    || target is CollectionExpressionSyntax
                    || call.FirstAncestorOrSelf<StatementSyntax>() is not { } callStatement
                    || callStatement is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax)
                    || FixSyntax.CrossesFunction(call, callStatement)
                    || !FixSyntax.TryGetBlock(callStatement, out var block, out var callIndex)
                    || !HasChunk(semanticModel.Compilation))
                {
                    return null;
                }

                var statements = block.Statements;
                var targetIndex = IndexOfStatementContaining(statements, target);
                if (targetIndex < 0 || targetIndex > callIndex || FixSyntax.CrossesFunction(target, statements[targetIndex]) && targetIndex != callIndex)
                {
                    return null;
                }

                var start = targetIndex;
                var end = callIndex;
                if (!Extend(statements, semanticModel, ref start, ref end, cancellationToken))
                {
                    return null;
                }

                // The collection is evaluated once, before the loop: it must not use anything the loop now declares.
                var declaredInRange = DeclaredLocals(statements, start, end, semanticModel, cancellationToken);
                foreach (var identifier in target.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    if (semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local && declaredInRange.Contains(local))
                    {
                        return null;
                    }
                }

                // Each statement moved before the call must belong to building the request (declare or use what the range declares).
                for (var i = start; i < callIndex; i++)
                {
                    if (statements[i] is not LocalDeclarationStatementSyntax && !References(statements[i], declaredInRange, semanticModel, cancellationToken))
                    {
                        return null;
                    }
                }

                // A return, yield or goto among the moved statements (or a break/continue of an outer loop) would leave the
                // new loop after the first chunk, or not compile ("not all code paths return a value"). Leave that to a human.
                for (var i = start; i <= end; i++)
                {
                    if (JumpsOut(statements[i]))
                    {
                        return null;
                    }
                }

                // A transaction's ClientRequestToken makes it idempotent: every chunk would send the same token with
                // different actions, which DynamoDB rejects (IdempotentParameterMismatchException). Leave that split to a human.
                for (var i = start; i <= end; i++)
                {
                    if (statements[i].DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == "ClientRequestToken"))
                    {
                        return null;
                    }
                }

                var targetType = semanticModel.GetTypeInfo(target, cancellationToken).ConvertedType;
                var splitAsList = targetType is not (IArrayTypeSymbol or { TypeKind: TypeKind.Interface });
                return new Plan(block, start, end, target, ChunkSource(target, semanticModel, cancellationToken), splitAsList, maximum);
            }

            private static bool JumpsOut(StatementSyntax statement)
            {
                foreach (var node in statement.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    switch (node)
                    {
                        case ReturnStatementSyntax or YieldStatementSyntax or GotoStatementSyntax:
                            return true;
                        case BreakStatementSyntax or ContinueStatementSyntax:
                            var target = node.Ancestors().FirstOrDefault(a => a is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                                || (a is SwitchStatementSyntax && node is BreakStatementSyntax));
                            if (target is null || !statement.Span.Contains(target.Span))
                            {
                                return true;
                            }

                            break;
                    }
                }

                return false;
            }

            private static bool HasChunk(Compilation compilation)
                => compilation.GetTypeByMetadataName("System.Linq.Enumerable")?.GetMembers("Chunk").Length > 0;

            private static int IndexOfStatementContaining(SyntaxList<StatementSyntax> statements, SyntaxNode node)
            {
                for (var i = 0; i < statements.Count; i++)
                {
                    if (statements[i].Span.Contains(node.Span))
                    {
                        return i;
                    }
                }

                return -1;
            }

            /// <summary>
            /// Grows the range to a closed unit: backwards to the declarations of fresh objects (a request, a dictionary, a
            /// transaction) that the range changes, forwards to the last statement that uses a local the range declares.
            /// </summary>
            private static bool Extend(SyntaxList<StatementSyntax> statements, SemanticModel semanticModel, ref int start, ref int end, CancellationToken cancellationToken)
            {
                for (var changed = true; changed;)
                {
                    changed = false;
                    var declared = DeclaredLocals(statements, start, end, semanticModel, cancellationToken);
                    for (var i = end + 1; i < statements.Count; i++)
                    {
                        if (References(statements[i], declared, semanticModel, cancellationToken))
                        {
                            end = i;
                            changed = true;
                        }
                    }

                    for (var i = start - 1; i >= 0; i--)
                    {
                        if (statements[i] is LocalDeclarationStatementSyntax declaration
                            && declaration.Declaration.Variables.Count == 1
                            && IsFreshObject(declaration.Declaration.Variables[0].Initializer?.Value)
                            && semanticModel.GetDeclaredSymbol(declaration.Declaration.Variables[0], cancellationToken) is ILocalSymbol local
                            && IsChangedIn(statements, start, end, local, semanticModel, cancellationToken))
                        {
                            start = i;
                            changed = true;
                        }
                    }
                }

                return true;
            }

            private static bool IsFreshObject(ExpressionSyntax? value)
                => value is BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
                    || value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } }
                        && name.StartsWith("Create", System.StringComparison.Ordinal);

            /// <summary>True when a statement of the range calls a method on the local, or assigns one of its members.</summary>
            private static bool IsChangedIn(SyntaxList<StatementSyntax> statements, int start, int end, ILocalSymbol local, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                for (var i = start; i <= end; i++)
                {
                    foreach (var identifier in statements[i].DescendantNodes().OfType<IdentifierNameSyntax>())
                    {
                        if (identifier.Identifier.ValueText != local.Name
                            || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                        {
                            continue;
                        }

                        var use = identifier.Parent is MemberAccessExpressionSyntax access && access.Expression == identifier ? access.Parent : null;
                        if (use is InvocationExpressionSyntax
                            || use is AssignmentExpressionSyntax assignment && assignment.Left == identifier.Parent
                            || identifier.Parent is ElementAccessExpressionSyntax element && element.Parent is AssignmentExpressionSyntax elementAssignment && elementAssignment.Left == element)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static HashSet<ILocalSymbol> DeclaredLocals(SyntaxList<StatementSyntax> statements, int start, int end, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                for (var i = start; i <= end; i++)
                {
                    foreach (var node in statements[i].DescendantNodesAndSelf())
                    {
                        if (node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ForEachStatementSyntax
                            && semanticModel.GetDeclaredSymbol(node, cancellationToken) is ILocalSymbol local)
                        {
                            locals.Add(local);
                        }
                    }
                }

                return locals;
            }

            private static bool References(SyntaxNode node, HashSet<ILocalSymbol> locals, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                if (locals.Count == 0)
                {
                    return false;
                }

                var names = new HashSet<string>(locals.Select(l => l.Name), System.StringComparer.Ordinal);
                foreach (var identifier in node.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (names.Contains(identifier.Identifier.ValueText)
                        && semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
                        && locals.Contains(local))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The expression to chunk: the target without a trailing ToList() / ToArray(), parenthesized if needed.</summary>
            private static ExpressionSyntax ChunkSource(ExpressionSyntax target, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                var source = target;
                if (target is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToList" or "ToArray" } access }
                    && semanticModel.GetSymbolInfo(target, cancellationToken).Symbol is IMethodSymbol { ContainingType.Name: "Enumerable" })
                {
                    source = access.Expression;
                }

                source = source.WithoutTrivia();
                return source is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
                    or ParenthesizedExpressionSyntax or ThisExpressionSyntax or BaseObjectCreationExpressionSyntax
                    ? source
                    : SyntaxFactory.ParenthesizedExpression(source);
            }
        }
    }
}
