using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using DynamoGuard.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB106: two ways to stop dropping a version conflict.
    /// <list type="number">
    /// <item><b>Rethrow the conflict</b> (<see cref="RethrowKey"/>): <c>throw;</c> at the end of the catch block, after
    /// whatever it logs; a trailing <c>return;</c>, <c>continue;</c> or <c>break;</c> (which carried on as if the write
    /// had happened) becomes the <c>throw;</c>. Always offered.</item>
    /// <item><b>Retry on conflict</b> (<see cref="RetryKey"/>): when the catch names ConditionalCheckFailedException
    /// and the read of the item (<c>var x = await context.LoadAsync&lt;T&gt;(...)</c>, <c>client.GetItemAsync</c>,
    /// <c>table.GetItemAsync</c>), the statements that change it and the try are consecutive statements of one block,
    /// they are wrapped in <c>for (var attempt = 1; ; attempt++)</c> with a <c>const int maxAttempts = 3;</c>: the try
    /// ends with <c>break;</c>, and the catch rethrows on the last attempt, so each conflict re-reads the item and
    /// applies the changes to the fresh copy. Locals declared by the moved statements that code after the try uses are
    /// declared before the loop and assigned in it. Not offered when anything between the read and the try does more
    /// than derive from the item (an await, a call that does not involve it, control flow), when such a local cannot be
    /// declared on its own (several in one declaration, anonymous types), or when the layout is not one statement per
    /// line.</item>
    /// </list>
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwallowedConflictCodeFixProvider))]
    [Shared]
    public sealed class SwallowedConflictCodeFixProvider : CodeFixProvider
    {
        public const string RethrowKey = "DDB106_Rethrow";
        public const string RetryKey = "DDB106_RetryOnConflict";

        private const int MaxAttempts = 3;

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SwallowedVersionConflict);

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
                if (FindCatch(root, diagnostic) is not { } clause)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Rethrow the conflict",
                        ct => FixDocumentAsync(context.Document, new[] { diagnostic }, RethrowKey, ct),
                        RethrowKey),
                    diagnostic);

                if (RetryPlan.TryCreate(clause, diagnostic, semanticModel, context.CancellationToken) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Retry on conflict: re-read, re-apply and write again (up to {MaxAttempts} attempts)",
                            ct => FixDocumentAsync(context.Document, new[] { diagnostic }, RetryKey, ct),
                            RetryKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CodeActionEquivalenceKey ?? RethrowKey, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return document;
            }

            var endOfLine = InitializerEditing.GetEndOfLine(root).ToFullString();
            var changes = new List<TextChange>();
            var reserved = new Dictionary<BlockSyntax, HashSet<string>>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (FindCatch(root, diagnostic) is not { } clause)
                {
                    continue;
                }

                if (key == RetryKey)
                {
                    if (RetryPlan.TryCreate(clause, diagnostic, semanticModel, cancellationToken) is { } plan)
                    {
                        if (!reserved.TryGetValue(plan.Block, out var taken))
                        {
                            taken = new HashSet<string>(System.StringComparer.Ordinal);
                            reserved.Add(plan.Block, taken);
                        }

                        changes.Add(plan.GetChange(text, semanticModel, taken, endOfLine));
                    }
                }
                else if (GetRethrowChange(text, clause.Block, endOfLine) is { } change)
                {
                    changes.Add(change);
                }
            }

            // Fix All: each diagnostic has its own catch; a retry that would wrap another one's statements is left out.
            return document.WithText(TextRemoval.ApplyNonOverlapping(text, changes));
        }

        private static CatchClauseSyntax? FindCatch(SyntaxNode root, Diagnostic diagnostic)
            => root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<CatchClauseSyntax>();

        /// <summary>
        /// <c>throw;</c> as the last statement of the catch block, indented like the block's statements, after any comment
        /// lines that end it; a trailing <c>return;</c> / <c>continue;</c> / <c>break;</c> is replaced.
        /// </summary>
        private static TextChange? GetRethrowChange(SourceText text, BlockSyntax block, string endOfLine)
        {
            if (block.Statements.LastOrDefault() is { } last
                && last is ReturnStatementSyntax { Expression: null } or ContinueStatementSyntax or BreakStatementSyntax)
            {
                return new TextChange(last.Span, "throw;");
            }

            var closeBrace = block.CloseBraceToken;
            var closeLine = text.Lines.GetLineFromPosition(closeBrace.SpanStart);
            if (text.Lines.GetLineFromPosition(block.OpenBraceToken.SpanStart).LineNumber == closeLine.LineNumber)
            {
                // catch (X) { } or catch (X) { Log(); }: stays on its line.
                return block.Statements.Count == 0
                    ? new TextChange(TextSpan.FromBounds(block.OpenBraceToken.Span.End, closeBrace.SpanStart), " throw; ")
                    : new TextChange(new TextSpan(block.Statements.Last().Span.End, 0), " throw;");
            }

            if (!IsFirstOnLine(text, closeBrace.SpanStart))
            {
                return new TextChange(new TextSpan(closeBrace.SpanStart, 0), "throw; ");
            }

            var braceIndentation = SyntaxBuilder.GetIndentation(block);
            var indentation = block.Statements.Count > 0
                ? SyntaxBuilder.GetIndentation(block.Statements[0])
                : braceIndentation + IndentUnit(braceIndentation, block);
            return new TextChange(new TextSpan(closeLine.Start, 0), indentation + "throw;" + endOfLine);
        }

        private static bool IsFirstOnLine(SourceText text, int position)
        {
            var line = text.Lines.GetLineFromPosition(position);
            for (var i = line.Start; i < position; i++)
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One level of indentation as the code around <paramref name="node"/> writes it (a tab, or four spaces).</summary>
        private static string IndentUnit(string outer, SyntaxNode node)
        {
            for (var parent = node.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is BlockSyntax { Statements.Count: > 0 } block)
                {
                    var inner = SyntaxBuilder.GetIndentation(block.Statements[0]);
                    var blockIndentation = SyntaxBuilder.GetIndentation(block);
                    if (inner.Length > blockIndentation.Length && inner.StartsWith(blockIndentation, System.StringComparison.Ordinal))
                    {
                        return inner.Substring(blockIndentation.Length);
                    }
                }
            }

            return outer.IndexOf('\t') >= 0 ? "\t" : "    ";
        }

        /// <summary>
        /// The read → change → write statements to wrap in a retry loop: <see cref="Statements"/> are the block's
        /// statements from the read's declaration to the try, which is the last of them.
        /// </summary>
        private sealed class RetryPlan
        {
            private RetryPlan(BlockSyntax block, int first, TryStatementSyntax tryStatement, CatchClauseSyntax clause, List<(VariableDeclaratorSyntax Variable, string Type)> hoisted)
            {
                Block = block;
                First = first;
                Try = tryStatement;
                Clause = clause;
                Hoisted = hoisted;
            }

            public BlockSyntax Block { get; }

            /// <summary>Index of the read's declaration in <see cref="Block"/>.</summary>
            public int First { get; }

            public TryStatementSyntax Try { get; }

            public CatchClauseSyntax Clause { get; }

            /// <summary>Locals declared by the moved statements that code after the try uses: declared before the loop, assigned in it.</summary>
            public List<(VariableDeclaratorSyntax Variable, string Type)> Hoisted { get; }

            public static RetryPlan? TryCreate(CatchClauseSyntax clause, Diagnostic diagnostic, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                if (!diagnostic.Properties.TryGetValue(SwallowedConflictAnalyzer.CatchesConflictProperty, out var catchesConflict) || catchesConflict != "true"
                    || clause.Filter is not null
                    || clause.Parent is not TryStatementSyntax { Catches.Count: 1, Finally: null } tryStatement
                    || !FixSyntax.TryGetBlock(tryStatement, out var block, out var tryIndex)
                    || DynamoDbModel.TryCreate(semanticModel.Compilation) is not { } model)
                {
                    return null;
                }

                // The read: the nearest declaration above the try that reads an item; everything between derives from it.
                var first = -1;
                for (var i = tryIndex - 1; i >= 0; i--)
                {
                    if (IsRead(block.Statements[i], semanticModel, model, cancellationToken))
                    {
                        first = i;
                        break;
                    }
                }

                if (first < 0)
                {
                    return null;
                }

                var declared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                var declarators = new List<(VariableDeclaratorSyntax Variable, ILocalSymbol Local)>();
                for (var i = first; i < tryIndex; i++)
                {
                    var statement = block.Statements[i];
                    if (i > first && !IsChange(statement, declared, semanticModel, cancellationToken))
                    {
                        return null;
                    }

                    if (statement is LocalDeclarationStatementSyntax declaration)
                    {
                        foreach (var variable in declaration.Declaration.Variables)
                        {
                            if (semanticModel.GetDeclaredSymbol(variable, cancellationToken) is ILocalSymbol local)
                            {
                                declared.Add(local);
                                declarators.Add((variable, local));
                            }
                        }
                    }
                }

                if (!References(tryStatement.Block, declared, semanticModel, cancellationToken))
                {
                    return null;
                }

                // The locals move into the loop; those that code after the try uses are declared before it.
                var hoisted = new List<(VariableDeclaratorSyntax Variable, string Type)>();
                foreach (var (variable, local) in declarators)
                {
                    var usedAfter = false;
                    for (var i = tryIndex + 1; i < block.Statements.Count && !usedAfter; i++)
                    {
                        usedAfter = References(block.Statements[i], new HashSet<ISymbol>(SymbolEqualityComparer.Default) { local }, semanticModel, cancellationToken);
                    }

                    if (!usedAfter)
                    {
                        continue;
                    }

                    if (GetHoistedType(variable, local, semanticModel) is not { } type)
                    {
                        return null;
                    }

                    hoisted.Add((variable, type));
                }

                var plan = new RetryPlan(block, first, tryStatement, clause, hoisted);
                return plan.HasPlainLayout() ? plan : null;
            }

            /// <summary>
            /// The type to declare a hoisted local with: the declaration's own type, or for <c>var</c> the inferred type
            /// (a reference type without its <c>?</c>: flow analysis still knows what the assignment stores); null for a
            /// declaration of several variables, a ref or const local, or a type that has no name (anonymous types).
            /// </summary>
            private static string? GetHoistedType(VariableDeclaratorSyntax variable, ILocalSymbol local, SemanticModel semanticModel)
            {
                if (variable.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
                    || declaration.Parent is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, IsConst: false }
                    || local.IsRef
                    || local.Type.IsAnonymousType
                    || local.Type is IErrorTypeSymbol)
                {
                    return null;
                }

                if (!declaration.Type.IsVar)
                {
                    return declaration.Type.ToString();
                }

                var type = local.Type.IsReferenceType ? local.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : local.Type;
                return type.ToMinimalDisplayString(semanticModel, declaration.SpanStart);
            }

            /// <summary>
            /// <c>var x = await context.LoadAsync&lt;T&gt;(...)</c>, <c>client.GetItemAsync(...)</c> or <c>table.GetItemAsync(...)</c>
            /// (or the synchronous forms, with ConfigureAwait, or followed by <c>?? throw ...</c>).
            /// </summary>
            private static bool IsRead(StatementSyntax statement, SemanticModel semanticModel, DynamoDbModel model, CancellationToken cancellationToken)
            {
                if (statement is not LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } declaration
                    || declaration.IsConst
                    || variables[0].Initializer?.Value is not { } value)
                {
                    return false;
                }

                // var x = await context.LoadAsync<T>(id) ?? throw new KeyNotFoundException(...);
                if (value is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: ThrowExpressionSyntax } coalesce)
                {
                    value = coalesce.Left;
                }

                if (value is AwaitExpressionSyntax awaited)
                {
                    value = awaited.Expression;
                }

                if (value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure })
                {
                    value = configure.Expression;
                }

                if (value is not InvocationExpressionSyntax call
                    || semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
                {
                    return false;
                }

                return model.IsContextMethod(method, "Load")
                    || model.GetClientOperation(method) == DynamoOperation.GetItem
                    || model.GetTableOperation(method) == DynamoOperation.GetItem;
            }

            /// <summary>
            /// A statement that only derives from the read: a declaration or an assignment / call without await, control
            /// flow or lambdas, that uses a local declared since the read.
            /// </summary>
            private static bool IsChange(StatementSyntax statement, HashSet<ISymbol> declared, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                if (statement is not (LocalDeclarationStatementSyntax or ExpressionStatementSyntax))
                {
                    return false;
                }

                foreach (var node in statement.DescendantNodes())
                {
                    if (node is AwaitExpressionSyntax or AnonymousFunctionExpressionSyntax or ThrowExpressionSyntax)
                    {
                        return false;
                    }
                }

                return References(statement, declared, semanticModel, cancellationToken);
            }

            private static bool References(SyntaxNode node, HashSet<ISymbol> locals, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                foreach (var identifier in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    if (locals.Contains(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol!))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// One statement per line, block braces on lines of their own, no multi-line string literal (re-indenting
            /// would change it), and no break / continue / goto / yield that the new loop would capture.
            /// </summary>
            private bool HasPlainLayout()
            {
                var text = Try.SyntaxTree.GetText();
                var firstStatement = Block.Statements[First];
                if (!IsFirstOnLine(text, firstStatement.SpanStart)
                    || !EndsLine(text, Try.Span.End)
                    || !IsFirstOnLine(text, Try.Block.CloseBraceToken.SpanStart)
                    || !IsFirstOnLine(text, Clause.Block.CloseBraceToken.SpanStart)
                    || text.Lines.GetLineFromPosition(Clause.Block.OpenBraceToken.SpanStart).LineNumber == text.Lines.GetLineFromPosition(Clause.Block.CloseBraceToken.SpanStart).LineNumber)
                {
                    return false;
                }

                var span = TextSpan.FromBounds(firstStatement.SpanStart, Try.Span.End);
                foreach (var token in Block.DescendantTokens(span))
                {
                    if (token.Span.IntersectsWith(span)
                        && (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                        && token.ToString().IndexOf('\n') >= 0)
                    {
                        return false;
                    }
                }

                for (var i = First; i < Block.Statements.Count && Block.Statements[i].SpanStart <= Try.SpanStart; i++)
                {
                    foreach (var node in Block.Statements[i].DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                    {
                        switch (node)
                        {
                            case GotoStatementSyntax:
                            case YieldStatementSyntax:
                                return false;
                            case BreakStatementSyntax or ContinueStatementSyntax when !IsInsideNestedLoopOrSwitch(node, Block.Statements[i]):
                                return false;
                        }
                    }
                }

                return true;
            }

            private static bool EndsLine(SourceText text, int position)
            {
                var line = text.Lines.GetLineFromPosition(position);
                for (var i = position; i < line.End; i++)
                {
                    if (!char.IsWhiteSpace(text[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsInsideNestedLoopOrSwitch(SyntaxNode node, SyntaxNode statement)
            {
                for (var parent = node.Parent; parent is not null && parent != statement.Parent; parent = parent.Parent)
                {
                    if (parent is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Replaces the lines from the read to the end of the try with the loop around them.</summary>
            public TextChange GetChange(SourceText text, SemanticModel semanticModel, HashSet<string> reserved, string endOfLine)
            {
                var firstStatement = Block.Statements[First];
                var moved = new List<SyntaxNode>();
                for (var i = First; i < Block.Statements.Count && Block.Statements[i].SpanStart <= Try.SpanStart; i++)
                {
                    moved.Add(Block.Statements[i]);
                }

                var taken = UniqueNames.TakenNames(semanticModel, firstStatement, moved);
                taken.UnionWith(reserved);
                var maxAttempts = UniqueNames.Choose("maxAttempts", taken, reserve: true);
                reserved.Add(maxAttempts);
                var attempt = UniqueNames.Choose("attempt", taken, reserve: true);

                var indentation = SyntaxBuilder.GetIndentation(firstStatement);
                var unit = IndentUnit(indentation, Try.Block.Statements.Count > 0 ? Try.Block.Statements[0] : (SyntaxNode)Try);
                var start = text.Lines.GetLineFromPosition(firstStatement.SpanStart).Start;
                var end = text.Lines.GetLineFromPosition(Try.Span.End).EndIncludingLineBreak;

                // Edits inside the moved lines, at original positions: break; after the write, the last-attempt rethrow in the catch.
                var edits = new List<TextChange>();
                var tryIndentation = SyntaxBuilder.GetIndentation(Try);
                if (Try.Block.Statements.LastOrDefault() is not (ReturnStatementSyntax or ThrowStatementSyntax))
                {
                    var bodyIndentation = Try.Block.Statements.Count > 0 ? SyntaxBuilder.GetIndentation(Try.Block.Statements[0]) : tryIndentation + unit;
                    edits.Add(new TextChange(new TextSpan(text.Lines.GetLineFromPosition(Try.Block.CloseBraceToken.SpanStart).Start, 0), bodyIndentation + "break;" + endOfLine));
                }

                var catchIndentation = Clause.Block.Statements.Count > 0 ? SyntaxBuilder.GetIndentation(Clause.Block.Statements[0]) : SyntaxBuilder.GetIndentation(Clause.Block) + unit;
                var rethrow = new StringBuilder()
                    .Append(catchIndentation).Append("if (").Append(attempt).Append(" == ").Append(maxAttempts).Append(')').Append(endOfLine)
                    .Append(catchIndentation).Append('{').Append(endOfLine)
                    .Append(catchIndentation).Append(unit).Append("throw;").Append(endOfLine)
                    .Append(catchIndentation).Append('}').Append(endOfLine)
                    .ToString();
                if (Clause.Block.Statements.LastOrDefault() is ReturnStatementSyntax { Expression: null } trailingReturn
                    && IsFirstOnLine(text, trailingReturn.SpanStart) && EndsLine(text, trailingReturn.Span.End))
                {
                    var line = text.Lines.GetLineFromPosition(trailingReturn.SpanStart);
                    edits.Add(new TextChange(TextSpan.FromBounds(line.Start, line.EndIncludingLineBreak), rethrow));
                }
                else
                {
                    edits.Add(new TextChange(new TextSpan(text.Lines.GetLineFromPosition(Clause.Block.CloseBraceToken.SpanStart).Start, 0), rethrow));
                }

                // var x = ...; becomes x = ...; under a declaration before the loop.
                var loop = new StringBuilder();
                foreach (var (variable, type) in Hoisted)
                {
                    var declaration = (VariableDeclarationSyntax)variable.Parent!;
                    edits.Add(new TextChange(TextSpan.FromBounds(declaration.Type.SpanStart, variable.Identifier.SpanStart), string.Empty));
                    loop.Append(indentation).Append(type).Append(' ').Append(variable.Identifier.ValueText).Append(';').Append(endOfLine);
                }

                edits.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
                var body = text.GetSubText(TextSpan.FromBounds(start, end)).WithChanges(edits.Select(e => new TextChange(new TextSpan(e.Span.Start - start, e.Span.Length), e.NewText!)));
                loop
                    .Append(indentation).Append("const int ").Append(maxAttempts).Append(" = ").Append(MaxAttempts).Append(';').Append(endOfLine)
                    .Append(indentation).Append("for (var ").Append(attempt).Append(" = 1; ; ").Append(attempt).Append("++)").Append(endOfLine)
                    .Append(indentation).Append('{').Append(endOfLine);
                foreach (var line in body.Lines)
                {
                    var content = body.ToString(line.Span);
                    if (content.Trim().Length > 0)
                    {
                        loop.Append(unit);
                    }

                    loop.Append(content).Append(body.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)));
                }

                loop.Append(indentation).Append('}').Append(endOfLine);
                return new TextChange(TextSpan.FromBounds(start, end), loop.ToString());
            }
        }
    }
}
