using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model.Expressions;
using DynamoGuard.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB402: writes a reserved word through an expression attribute name: every bare occurrence of the word in the
    /// expression literal becomes the placeholder the analyzer chose (an existing entry for the same name, or a new
    /// <c>#word</c> that clashes with no other placeholder), and a new placeholder gets its entry, in the
    /// ExpressionAttributeNames initializer or in a new <c>ExpressionAttributeNames = new Dictionary&lt;string, string&gt; { ... }</c>
    /// member of the object's initializer.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AliasReservedWordCodeFixProvider))]
    [Shared]
    public sealed class AliasReservedWordCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB402_AliasReservedWord";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ExpressionReservedWord);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!TryGetPlan(diagnostic, out var word, out var alias, out _))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Write '{word}' as the expression attribute name '{alias}'",
                        ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct),
                        EquivalenceKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static bool TryGetPlan(Diagnostic diagnostic, out string word, out string alias, out ExpressionKind kind)
        {
            word = alias = string.Empty;
            kind = ExpressionKind.Condition;
            return diagnostic.Properties.TryGetValue(ExpressionAnalyzer.WordProperty, out var w) && w is not null
                && diagnostic.Properties.TryGetValue(ExpressionAnalyzer.AliasProperty, out var a) && a is not null
                && diagnostic.Properties.TryGetValue(ExpressionAnalyzer.ExpressionKindProperty, out var k) && Enum.TryParse(k, out kind)
                && diagnostic.AdditionalLocations.Count >= 1
                && (word = w) is not null
                && (alias = a) is not null;
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var literals = new Dictionary<LiteralExpressionSyntax, (ExpressionKind Kind, Dictionary<string, string> Aliases)>();
            var entries = new Dictionary<SyntaxNode, (string Target, List<(string Alias, string Word)> Entries)>();
            foreach (var diagnostic in diagnostics)
            {
                if (!TryGetPlan(diagnostic, out var word, out var alias, out var kind)
                    || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal)
                {
                    continue;
                }

                if (!literals.TryGetValue(literal, out var plan))
                {
                    plan = (kind, new Dictionary<string, string>(StringComparer.Ordinal));
                    literals.Add(literal, plan);
                }

                plan.Aliases[word] = alias;
                if (diagnostic.Properties.TryGetValue(ExpressionAnalyzer.EntryTargetProperty, out var target) && target is not null
                    && diagnostic.AdditionalLocations.Count >= 2
                    && FindCreation(root, diagnostic.AdditionalLocations[1]) is { } creation)
                {
                    if (!entries.TryGetValue(creation, out var list))
                    {
                        list = (target, new List<(string, string)>());
                        entries.Add(creation, list);
                    }

                    if (!list.Entries.Any(e => e.Alias == alias))
                    {
                        list.Entries.Add((alias, word));
                    }
                }
            }

            foreach (var pair in literals)
            {
                if (RewriteLiteral(pair.Key, pair.Value.Kind, pair.Value.Aliases) is { } rewritten)
                {
                    editor.ReplaceNode(pair.Key, rewritten);
                }
            }

            foreach (var pair in entries)
            {
                var newEntries = pair.Value.Entries;
                if (pair.Value.Target == ExpressionAnalyzer.EntryTargetDictionary)
                {
                    editor.ReplaceNode(pair.Key, (node, _) => AddDictionaryEntries((BaseObjectCreationExpressionSyntax)node, newEntries));
                }
                else
                {
                    editor.ReplaceNode(pair.Key, (node, _) => AddNamesMember((BaseObjectCreationExpressionSyntax)node, newEntries));
                }
            }

            // A new ExpressionAttributeNames dictionary may need 'using System.Collections.Generic;'.
            return await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        private static BaseObjectCreationExpressionSyntax? FindCreation(SyntaxNode root, Location location)
            => root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) as BaseObjectCreationExpressionSyntax;

        /// <summary>The literal with every bare occurrence of each word replaced by its alias; null when it no longer maps one to one.</summary>
        private static LiteralExpressionSyntax? RewriteLiteral(LiteralExpressionSyntax literal, ExpressionKind kind, Dictionary<string, string> aliases)
        {
            var token = literal.Token;
            var content = token.ValueText;
            var text = token.Text;
            if (!ExpressionLocations.TryGetContentOffset(token, out var prefix))
            {
                return null;
            }

            var result = ExpressionParser.Parse(content, kind);
            var builder = new StringBuilder(content.Length + 16);
            var position = 0;
            foreach (var name in result.AttributeNames)
            {
                if (!aliases.TryGetValue(name.Name, out var alias))
                {
                    continue;
                }

                builder.Append(content, position, name.Span.Start - position).Append(alias);
                position = name.Span.End;
            }

            builder.Append(content, position, content.Length - position);
            var newContent = builder.ToString();
            var newText = text.Substring(0, prefix) + newContent + text.Substring(prefix + content.Length);
            return literal.WithToken(SyntaxFactory.Token(token.LeadingTrivia, token.Kind(), newText, newContent, token.TrailingTrivia));
        }

        private static BaseObjectCreationExpressionSyntax AddDictionaryEntries(BaseObjectCreationExpressionSyntax creation, List<(string Alias, string Word)> entries)
            => PlaceholderEntries.AddEntries(creation, Entries(entries));

        private static BaseObjectCreationExpressionSyntax AddNamesMember(BaseObjectCreationExpressionSyntax creation, List<(string Alias, string Word)> entries)
            => PlaceholderEntries.AddMember(creation, "ExpressionAttributeNames", PlaceholderEntries.NamesType, Entries(entries));

        private static List<(string Key, ExpressionSyntax Value)> Entries(List<(string Alias, string Word)> entries)
            => entries.Select(e => (e.Alias, (ExpressionSyntax)SyntaxBuilder.StringLiteral(e.Word))).ToList();
    }
}
