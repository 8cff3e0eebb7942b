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
    /// DDB101 on a delete by key of the object persistence model (<c>DeleteAsync&lt;T&gt;(id)</c>): <b>Delete the loaded
    /// object</b> or <b>Load and delete</b> (see <see cref="DeleteByKeyFix"/>). Both share the equivalence key of "Add a
    /// condition on the version": each finding has exactly one version-condition fix, and Fix All (in the IDE and in
    /// <c>dotnet format</c>, which fixes all with the key of the first finding's first action) applies them together.
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
                string title;
                string key;
                if (DeleteByKeyFix.TryPlan(root, semanticModel, diagnostic, new Dictionary<SyntaxNode, HashSet<string>>(), context.CancellationToken) is { } delete)
                {
                    (title, key) = (delete.Title, delete.EquivalenceKey);
                }
                else if (VersionConditionFix.TryPlan(root, semanticModel, generator, diagnostic, context.CancellationToken) is { } plan)
                {
                    (title, key) = (plan.Title, plan.EquivalenceKey);
                }
                else
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixDocumentAsync(context.Document, new[] { diagnostic }, key, ct), key),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);

            // Names the delete-by-key fixes take, per function: one-by-one fixing and Fix All then choose the same names.
            var reserved = new Dictionary<SyntaxNode, HashSet<string>>();
            TypeNames? deleteTypeNames = null;
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (DeleteByKeyFix.TryPlan(editor.OriginalRoot, editor.SemanticModel, diagnostic, reserved, cancellationToken) is { } delete)
                {
                    if (key is null || delete.EquivalenceKey == key)
                    {
                        delete.Apply(editor);
                        if (delete.TypeNames is { HasMissingNamespaces: true })
                        {
                            deleteTypeNames = delete.TypeNames;
                        }
                    }

                    continue;
                }

                var plan = VersionConditionFix.TryPlan(editor.OriginalRoot, editor.SemanticModel, editor.Generator, diagnostic, cancellationToken);
                if (plan is not null && (key is null || plan.EquivalenceKey == key))
                {
                    plan.Apply(editor);
                }
            }

            if (deleteTypeNames is not null && editor.OriginalRoot is CompilationUnitSyntax root)
            {
                var endOfLine = InitializerEditing.GetEndOfLine(root);
                editor.ReplaceNode(root, (current, _) => deleteTypeNames.AddMissingUsings((CompilationUnitSyntax)current, endOfLine));
            }

            return editor.GetChangedDocument();
        }
    }
}
