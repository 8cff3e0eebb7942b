using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB102: removes <c>SkipVersionCheck = true</c> so the SDK checks (and advances) the version again. An object
    /// initializer left empty disappears with it: the configuration argument is dropped from an SDK call (every
    /// SDK method that takes one has an overload without it), or the object is created without an initializer.
    /// A <c>ConfigureContext(c =&gt; c.SkipVersionCheck = true)</c> step is dropped from the builder chain.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSkipVersionCheckCodeFixProvider))]
    [Shared]
    public sealed class RemoveSkipVersionCheckCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB102_RemoveSkipVersionCheck";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.VersionCheckDisabled);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (FindAssignment(root, diagnostic) is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove SkipVersionCheck = true (check the version again)",
                        ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, System.Collections.Generic.IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var semanticModel = editor.SemanticModel;
            foreach (var diagnostic in diagnostics)
            {
                if (FindAssignment(editor.OriginalRoot, diagnostic) is { } assignment)
                {
                    RemoveAssignment(editor, semanticModel, assignment, cancellationToken);
                }
            }

            return editor.GetChangedDocument();
        }

        private static AssignmentExpressionSyntax? FindAssignment(SyntaxNode? root, Diagnostic diagnostic)
        {
            var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            return node?.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
        }

        private static void RemoveAssignment(DocumentEditor editor, SemanticModel semanticModel, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
        {
            switch (assignment.Parent)
            {
                case InitializerExpressionSyntax initializer when initializer.Parent is BaseObjectCreationExpressionSyntax creation:
                    RemoveFromInitializer(editor, semanticModel, assignment, initializer, creation, cancellationToken);
                    break;

                case ExpressionStatementSyntax statement:
                    editor.RemoveNode(statement);
                    break;

                case LambdaExpressionSyntax lambda when lambda.ExpressionBody == assignment:
                    RemoveLambdaBody(editor, lambda);
                    break;
            }
        }

        private static void RemoveFromInitializer(
            DocumentEditor editor,
            SemanticModel semanticModel,
            AssignmentExpressionSyntax assignment,
            InitializerExpressionSyntax initializer,
            BaseObjectCreationExpressionSyntax creation,
            CancellationToken cancellationToken)
        {
            if (initializer.Expressions.Count > 1)
            {
                editor.RemoveNode(assignment, SyntaxRemoveOptions.KeepNoTrivia);
                return;
            }

            // The initializer would be left empty.
            if (creation.ArgumentList is not { Arguments.Count: > 0 }
                && creation.Parent is ArgumentSyntax argument
                && argument.Parent is ArgumentListSyntax { Parent: { } call }
                && IsSdkMember(semanticModel.GetSymbolInfo(call, cancellationToken).Symbol))
            {
                editor.RemoveNode(argument);
                return;
            }

            editor.ReplaceNode(creation, (node, _) =>
            {
                var current = (BaseObjectCreationExpressionSyntax)node;
                var withoutInitializer = current.WithInitializer(null)
                    .WithArgumentList(current.ArgumentList ?? SyntaxFactory.ArgumentList());
                var lastToken = withoutInitializer.GetLastToken();
                return withoutInitializer
                    .ReplaceToken(lastToken, lastToken.WithTrailingTrivia(SyntaxFactory.TriviaList()))
                    .WithTrailingTrivia(current.GetTrailingTrivia());
            });
        }

        private static void RemoveLambdaBody(DocumentEditor editor, LambdaExpressionSyntax lambda)
        {
            // builder.ConfigureContext(c => c.SkipVersionCheck = true): the whole step goes.
            if (lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax invocation } }
                && invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureContext" } memberAccess)
            {
                if (invocation.Parent is ExpressionStatementSyntax statement)
                {
                    editor.RemoveNode(statement);
                }
                else
                {
                    editor.ReplaceNode(invocation, memberAccess.Expression.WithTrailingTrivia(invocation.GetTrailingTrivia()));
                }

                return;
            }

            editor.ReplaceNode(lambda, (node, _) =>
            {
                var current = (LambdaExpressionSyntax)node;
                var body = current.ExpressionBody!;
                return current
                    .WithExpressionBody(null)
                    .WithBlock(SyntaxFactory.Block().WithTriviaFrom(body));
            });
        }

        private static bool IsSdkMember(ISymbol? symbol)
        {
            var ns = symbol?.ContainingNamespace?.ToDisplayString();
            return ns is not null && ns.StartsWith("Amazon.DynamoDBv2", System.StringComparison.Ordinal);
        }
    }
}
