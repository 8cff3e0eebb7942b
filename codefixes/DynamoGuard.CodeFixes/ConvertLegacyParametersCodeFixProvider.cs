using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB405: converts every legacy parameter of the object (AttributesToGet, Expected, ConditionalOperator,
    /// AttributeUpdates, KeyConditions, QueryFilter, ScanFilter) into its expression and merges it with the expression
    /// already set (see <see cref="LegacyConversion"/>). All diagnostics of one object share the one edit.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConvertLegacyParametersCodeFixProvider))]
    [Shared]
    public sealed class ConvertLegacyParametersCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB405_ConvertToExpressions";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ExpressionAndLegacyParametersMixed);

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
                if (LegacyConversion.FindCreation(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is not { } creation
                    || LegacyConversion.TryPlan(creation, semanticModel, context.CancellationToken) is not { } plan)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Convert {string.Join(", ", plan.Converted)} to expressions",
                        ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var creations = new HashSet<BaseObjectCreationExpressionSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                if (LegacyConversion.FindCreation(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is { } creation)
                {
                    creations.Add(creation);
                }
            }

            foreach (var creation in creations.OrderBy(c => c.SpanStart))
            {
                // Objects carrying legacy parameters do not nest in one another, so each initializer is replaced whole.
                if (LegacyConversion.TryPlan(creation, editor.SemanticModel, cancellationToken) is { } plan)
                {
                    editor.ReplaceNode(plan.Initializer, plan.Apply());
                }
            }

            // A new dictionary may need 'using System.Collections.Generic;' or 'using Amazon.DynamoDBv2.Model;'.
            return await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
