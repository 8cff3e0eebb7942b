using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB201: two remedies for a read-modify-write of a number, each with its own equivalence key.
    /// <list type="bullet">
    /// <item><b>Use atomic ADD (not idempotent on retry)</b> (<see cref="UseAtomicAddKey"/>): one UpdateItem with
    /// <c>ADD #n :delta</c>; see <see cref="AtomicAddFix"/>. For counters where an occasional double count on a retried
    /// request is acceptable.</item>
    /// <item><b>Guard with a condition on the read value (idempotent)</b> (<see cref="AddReadValueConditionKey"/>): the
    /// write succeeds only if the attribute still holds the value read; see <see cref="ReadValueConditionFix"/>. For
    /// amounts that must not count twice (money, stock); the caller handles ConditionalCheckFailedException.</item>
    /// </list>
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AtomicUpdateCodeFixProvider))]
    [Shared]
    public sealed class AtomicUpdateCodeFixProvider : CodeFixProvider
    {
        public const string UseAtomicAddKey = "DDB201_UseAtomicAdd";
        public const string AddReadValueConditionKey = "DDB201_AddReadValueCondition";

        private const string UseAtomicAddTitle = "Use atomic ADD (not idempotent on retry)";
        private const string AddReadValueConditionTitle = "Guard with a condition on the read value (idempotent)";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ReadModifyWriteNumber);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return;
            }

            var options = context.Document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (AtomicUpdateFix.FindFinding(root, semanticModel, diagnostic, options, context.CancellationToken) is not { } found)
                {
                    continue;
                }

                if (AtomicAddFix.TryPlan(found.Finding, semanticModel, found.Model) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(UseAtomicAddTitle, ct => FixDocumentAsync(context.Document, new[] { diagnostic }, UseAtomicAddKey, ct), UseAtomicAddKey),
                        diagnostic);
                }

                if (ReadValueConditionFix.TryPlan(found.Finding, semanticModel, found.Model, session: null) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(AddReadValueConditionTitle, ct => FixDocumentAsync(context.Document, new[] { diagnostic }, AddReadValueConditionKey, ct), AddReadValueConditionKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(editor.OriginalRoot.SyntaxTree);
            var session = new FixSession(InitializerEditing.GetEndOfLine(editor.OriginalRoot));
            var removals = new List<StatementSyntax>();
            var fixedWrites = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (AtomicUpdateFix.FindFinding(editor.OriginalRoot, editor.SemanticModel, diagnostic, options, cancellationToken) is not { } found
                    || !fixedWrites.Add(found.Finding.WriteInvocation.Syntax))
                {
                    continue;
                }

                AtomicUpdateFix? fix = key == AddReadValueConditionKey
                    ? ReadValueConditionFix.TryPlan(found.Finding, editor.SemanticModel, found.Model, session)
                    : AtomicAddFix.TryPlan(found.Finding, editor.SemanticModel, found.Model);
                if (fix is null || fix.Removals.Any(r => removals.Any(existing => existing.Span.OverlapsWith(r.Span))))
                {
                    continue;
                }

                fix.Apply(editor, session);
                foreach (var statement in fix.Removals)
                {
                    editor.ReplaceNode(statement, (current, _) => current.WithAdditionalAnnotations(session.RemoveAnnotation));
                    removals.Add(statement);
                }
            }

            var changed = editor.GetChangedDocument();
            if (removals.Count == 0)
            {
                return changed;
            }

            // Delete the statements the rewrite no longer needs as a person would: whole lines, comments on other lines kept.
            var root = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var text = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var changes = root!.GetAnnotatedNodes(session.RemoveAnnotation).Select(node => TextRemoval.RemoveSpan(text, node.Span)).ToList();
            return changed.WithText(TextRemoval.ApplyNonOverlapping(text, changes));
        }
    }
}
