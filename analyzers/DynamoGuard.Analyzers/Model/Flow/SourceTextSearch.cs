using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// Text searches of source files, the cheap first step of every look across documents: a name is searched for in
    /// the text (vectorised, nothing allocated per match), and only the tokens at whole-word matches are looked at. No
    /// syntax tree is walked and nothing is bound. Matches in comments and strings are found too; callers look at the
    /// token, or accept an over-approximation that can only keep a rule silent.
    /// </summary>
    internal static class SourceTextSearch
    {
        private static readonly ConditionalWeakTable<SourceText, string> Texts = new ConditionalWeakTable<SourceText, string>();

        /// <summary>A tree's text as one string, kept as long as the text lives (unchanged documents keep it between compilations).</summary>
        public static string GetString(SyntaxTree tree, CancellationToken cancellationToken)
            => Texts.GetValue(tree.GetText(cancellationToken), static text => text.ToString());

        /// <summary>True when <paramref name="text"/> spells <paramref name="word"/> as a whole identifier somewhere.</summary>
        public static bool ContainsWord(string text, string word)
        {
            for (var position = text.IndexOf(word, StringComparison.Ordinal); position >= 0; position = text.IndexOf(word, position + word.Length, StringComparison.Ordinal))
            {
                if (IsWholeWord(text, position, word.Length))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the match at <paramref name="position"/> is not part of a longer identifier.</summary>
        public static bool IsWholeWord(string text, int position, int length)
            => !IsIdentifierPart(text, position - 1) && !IsIdentifierPart(text, position + length);

        /// <summary>
        /// The simple names spelled <paramref name="name"/> inside <paramref name="span"/> of <paramref name="tree"/>, in
        /// text order: a text search, then the token at each whole-word match (no syntax walked).
        /// </summary>
        public static IEnumerable<SimpleNameSyntax> FindSimpleNames(SyntaxTree tree, TextSpan span, string name, CancellationToken cancellationToken)
        {
            var text = GetString(tree, cancellationToken);
            var end = Math.Min(span.End, text.Length);
            if (name.Length == 0 || span.Start >= end)
            {
                yield break;
            }

            SyntaxNode? root = null;
            for (var position = text.IndexOf(name, span.Start, end - span.Start, StringComparison.Ordinal);
                position >= 0 && position + name.Length <= end;
                position = text.IndexOf(name, position + name.Length, end - position - name.Length, StringComparison.Ordinal))
            {
                if (!IsWholeWord(text, position, name.Length))
                {
                    continue;
                }

                root ??= tree.GetRoot(cancellationToken);
                if (GetSimpleName(root, position, name) is { } simpleName)
                {
                    yield return simpleName;
                }
            }
        }

        /// <summary>The simple name whose identifier <paramref name="name"/> starts at <paramref name="position"/>, or null (a comment, a string, a declaration).</summary>
        public static SimpleNameSyntax? GetSimpleName(SyntaxNode root, int position, string name)
        {
            var token = root.FindToken(position);
            return token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && token.Parent is SimpleNameSyntax simpleName ? simpleName : null;
        }

        private static bool IsIdentifierPart(string text, int position)
            => position >= 0 && position < text.Length && SyntaxFacts.IsIdentifierPartCharacter(text[position]);
    }
}
