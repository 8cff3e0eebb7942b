using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Model.Expressions
{
    /// <summary>Maps spans of an expression string back into the C# source that wrote it.</summary>
    internal static class ExpressionLocations
    {
        /// <summary>
        /// True when <paramref name="value"/> is written as one string literal whose characters are the expression's
        /// characters one for one (<c>"..."</c> without escape sequences, <c>@"..."</c> without doubled quotes, a
        /// single-line raw literal); <paramref name="contentStart"/> is where the expression's first character is.
        /// </summary>
        public static bool TryGetSimpleLiteral(IOperation value, out LiteralExpressionSyntax literal, out int contentStart)
        {
            literal = null!;
            contentStart = 0;
            if (value.WalkDownConversions().Syntax is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } candidate)
            {
                return false;
            }

            if (!TryGetContentOffset(candidate.Token, out var prefix))
            {
                return false;
            }

            literal = candidate;
            contentStart = candidate.Token.SpanStart + prefix;
            return true;
        }

        /// <summary>
        /// For a string literal token whose source text is its value between quotes (no escape sequences, no doubled
        /// quotes, one line), the number of characters before the value (<c>"</c>: 1, <c>@"</c>: 2, <c>"""</c>: 3, ...).
        /// </summary>
        public static bool TryGetContentOffset(SyntaxToken token, out int prefix)
        {
            var text = token.Text;
            var content = token.ValueText;
            prefix = 0;
            while (prefix < text.Length && (text[prefix] == '"' || (prefix == 0 && text[prefix] == '@')))
            {
                prefix++;
            }

            // A literal of only quotes ("" or """ """): the content is empty; the prefix is the opening quotes.
            if (content.Length == 0)
            {
                prefix = text.Length / 2;
            }

            var suffix = text.Length - prefix - content.Length;
            if (suffix < 1 || string.CompareOrdinal(text, prefix, content, 0, content.Length) != 0)
            {
                return false;
            }

            for (var i = prefix + content.Length; i < text.Length; i++)
            {
                if (text[i] != '"')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The location of <paramref name="span"/> (relative to the expression text) inside the literal that wrote it;
        /// the whole value when the text is not one simple literal, or when the span is empty (an error at the end).
        /// </summary>
        public static Location Map(IOperation value, TextSpan span)
        {
            if (span.Length > 0 && TryGetSimpleLiteral(value, out var literal, out var start))
            {
                return Location.Create(literal.SyntaxTree, new TextSpan(start + span.Start, span.Length));
            }

            return value.WalkDownConversions().Syntax.GetLocation();
        }
    }
}
