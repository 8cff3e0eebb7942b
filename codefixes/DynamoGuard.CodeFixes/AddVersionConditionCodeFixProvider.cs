using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB101: guards a write to a versioned item with a condition on its version, merging the placeholders it needs
    /// into the write's ExpressionAttributeNames / ExpressionAttributeValues (created when absent, never clashing):
    /// <list type="bullet">
    /// <item><b>Add a condition on the version</b>: <c>#ver = :expectedVersion</c>, where the expected version is X for a
    /// write that stores <c>X + 1</c>, or, for an update or delete, a value in scope read from the item's version. An
    /// update that does not advance the version also gets <c>#ver = #ver + :versionStep</c> in its SET clause. A
    /// convenience overload (<c>PutItemAsync(table, item)</c>) becomes the request-object form; a document-model call
    /// gets a <c>*OperationConfig { ConditionalExpression = new Expression { ... } }</c>.</item>
    /// <item><b>Only create</b>: for a put whose version is the first one (0 or 1), <c>attribute_not_exists</c> on the hash
    /// key (or on the version when no [DynamoDBTable] class names the key).</item>
    /// </list>
    /// DDB104: <b>Advance the version</b> adds <c>#ver = #ver + :versionStep</c> to the update's SET clause.
    /// No fix is offered when the expected version is not known, or when the write uses legacy parameters (Expected,
    /// AttributeUpdates), which DynamoDB does not let you mix with expressions.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddVersionConditionCodeFixProvider))]
    [Shared]
    public sealed class AddVersionConditionCodeFixProvider : CodeFixProvider
    {
        public const string AddConditionKey = "DDB101_AddVersionCondition";
        public const string OnlyCreateKey = "DDB101_OnlyCreate";
        public const string AdvanceVersionKey = "DDB104_AdvanceVersion";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnguardedVersionedWrite, DiagnosticIds.VersionNotAdvanced);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return;
            }

            var generator = SyntaxGenerator.GetGenerator(context.Document);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (VersionConditionFix.TryPlan(root, semanticModel, generator, diagnostic, context.CancellationToken) is not { } plan)
                {
                    continue;
                }

                var key = plan.EquivalenceKey;
                context.RegisterCodeFix(
                    CodeAction.Create(plan.Title, ct => FixDocumentAsync(context.Document, new[] { diagnostic }, key, ct), key),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in diagnostics)
            {
                var plan = VersionConditionFix.TryPlan(editor.OriginalRoot, editor.SemanticModel, editor.Generator, diagnostic, cancellationToken);
                if (plan is not null && (key is null || plan.EquivalenceKey == key))
                {
                    plan.Apply(editor);
                }
            }

            return editor.GetChangedDocument();
        }
    }
}
