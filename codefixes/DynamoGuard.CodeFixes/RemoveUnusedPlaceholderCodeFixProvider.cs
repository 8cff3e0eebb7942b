using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB401 (unused entry): removes the ExpressionAttributeNames / ExpressionAttributeValues entry no expression uses:
    /// the initializer element (<c>[":x"] = ...</c>, <c>{ ":x", ... }</c>) or the statement that adds it
    /// (<c>values[":x"] = ...;</c>, <c>values.Add(":x", ...);</c>). When that empties a dictionary assigned in place
    /// (<c>ExpressionAttributeValues = new Dictionary&lt;...&gt; { ... }</c>), the assignment goes too, because an empty
    /// dictionary is rejected as well.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveUnusedPlaceholderCodeFixProvider))]
    [Shared]
    public sealed class RemoveUnusedPlaceholderCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB401_RemoveUnusedEntry";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ExpressionPlaceholderMismatch);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root is null || FindEntry(root, diagnostic) is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Remove the unused entry {GetKey(root, diagnostic)}",
                        ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static string GetKey(SyntaxNode root, Diagnostic diagnostic)
            => root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).ToString();

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var entries = new List<SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (FindEntry(editor.OriginalRoot, diagnostic) is { } entry && !entries.Contains(entry))
                {
                    entries.Add(entry);
                }
            }

            foreach (var statement in entries.OfType<ExpressionStatementSyntax>())
            {
                editor.RemoveNode(statement);
            }

            foreach (var group in entries.Where(e => e is not ExpressionStatementSyntax).GroupBy(e => (InitializerExpressionSyntax)e.Parent!))
            {
                var initializer = group.Key;
                if (group.Count() == initializer.Expressions.Count && FindDictionaryAssignment(initializer) is { } assignment)
                {
                    RemoveAssignment(editor, assignment);
                    continue;
                }

                var elements = group.ToList();
                editor.ReplaceNode(initializer, (node, _) =>
                {
                    // The editor hands over the current version of the initializer: find the elements in it by position.
                    var current = (InitializerExpressionSyntax)node;
                    var indexes = elements.Select(e => initializer.Expressions.IndexOf((ExpressionSyntax)e)).ToList();
                    var toRemove = indexes.Select(i => (SyntaxNode)current.Expressions[i]).ToList();
                    return InitializerSyntax.RemoveElements(current, toRemove);
                });
            }

            return editor.GetChangedDocument();
        }

        /// <summary>
        /// The syntax that adds the entry whose key the diagnostic marks: an element of a dictionary initializer or
        /// the statement that adds it. Null for other DDB401 diagnostics (undefined placeholder, empty dictionary).
        /// </summary>
        private static SyntaxNode? FindEntry(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(ExpressionAnalyzer.ProblemProperty, out var problem) || problem != ExpressionAnalyzer.ProblemUnused)
            {
                return null;
            }

            for (SyntaxNode? node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true); node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case ExpressionStatementSyntax statement:
                        return statement.Expression is AssignmentExpressionSyntax or InvocationExpressionSyntax ? statement : null;
                    case ExpressionSyntax element when node.Parent is InitializerExpressionSyntax initializer
                        && !initializer.IsKind(SyntaxKind.ComplexElementInitializerExpression):
                        return element;
                    case StatementSyntax:
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// For a dictionary initializer that would be left empty: the <c>ExpressionAttributeValues = ...</c> assignment
        /// that holds it (in an object initializer or as a statement), or null when the dictionary is held elsewhere.
        /// </summary>
        private static AssignmentExpressionSyntax? FindDictionaryAssignment(InitializerExpressionSyntax initializer)
        {
            SyntaxNode? value = initializer.Parent is BaseObjectCreationExpressionSyntax creation ? creation : initializer;
            return value?.Parent is AssignmentExpressionSyntax assignment
                && assignment.Right == value
                && assignment.Left is IdentifierNameSyntax or MemberAccessExpressionSyntax
                && assignment.Parent is InitializerExpressionSyntax or ExpressionStatementSyntax
                ? assignment
                : null;
        }

        private static void RemoveAssignment(DocumentEditor editor, AssignmentExpressionSyntax assignment)
        {
            if (assignment.Parent is ExpressionStatementSyntax statement)
            {
                editor.RemoveNode(statement);
            }
            else
            {
                editor.RemoveNode(assignment, SyntaxRemoveOptions.KeepNoTrivia);
            }
        }
    }
}
