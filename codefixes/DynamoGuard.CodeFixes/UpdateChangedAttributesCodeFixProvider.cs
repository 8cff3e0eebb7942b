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
using Microsoft.CodeAnalysis.Editing;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB202 on the low-level client and the document model: <b>Update only what changed</b>
    /// (<see cref="UpdateChangedAttributesKey"/>). The whole-item PutItem becomes an UpdateItem that writes just the
    /// attributes the method changed, so concurrent changes to the other attributes survive; see
    /// <see cref="UpdateChangedAttributesFix"/> for the rewrite and when it is offered. It narrows the lost-update window
    /// to the changed attributes; it does not close it (a concurrent change to the same attribute is still overwritten).
    /// The object persistence model's Save gets <see cref="AddVersionPropertyCodeFixProvider"/> instead.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UpdateChangedAttributesCodeFixProvider))]
    [Shared]
    public sealed class UpdateChangedAttributesCodeFixProvider : CodeFixProvider
    {
        public const string UpdateChangedAttributesKey = "DDB202_UpdateChangedAttributes";

        private const string Title = "Update only what changed";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WholeItemWriteBack);

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
                if (UpdateChangedAttributesFix.FindFinding(root, semanticModel, diagnostic, options, context.CancellationToken) is { } found
                    && UpdateChangedAttributesFix.TryPlan(found.Finding, found.Analysis, semanticModel, found.Model) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct), UpdateChangedAttributesKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => context.CodeActionEquivalenceKey is null or UpdateChangedAttributesKey
                ? await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false)
                : document;

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(editor.OriginalRoot.SyntaxTree);
            var fixedWrites = new HashSet<SyntaxNode>();
            UpdateChangedAttributesFix? needsUsings = null;
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (UpdateChangedAttributesFix.FindFinding(editor.OriginalRoot, editor.SemanticModel, diagnostic, options, cancellationToken) is not { } found
                    || UpdateChangedAttributesFix.TryPlan(found.Finding, found.Analysis, editor.SemanticModel, found.Model) is not { } fix
                    || !fixedWrites.Add(fix.Write))
                {
                    continue;
                }

                fix.Apply(editor);
                if (needsUsings is null && fix.HasMissingNamespaces)
                {
                    needsUsings = fix;
                }
            }

            needsUsings?.AddMissingUsings(editor, InitializerEditing.GetEndOfLine(editor.OriginalRoot));
            return editor.GetChangedDocument();
        }
    }
}
