using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.CodeFixes
{
    /// <summary>Adds elements to object and collection initializers in the layout the initializer already has.</summary>
    internal static class InitializerSyntax
    {
        /// <summary>A one-line initializer: <c>{ a, b }</c>.</summary>
        public static InitializerExpressionSyntax Create(SyntaxKind kind, IReadOnlyList<ExpressionSyntax> elements)
        {
            var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), elements.Count - 1);
            return SyntaxFactory.InitializerExpression(
                kind,
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.SeparatedList(elements, separators),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
        }

        /// <summary>
        /// Appends <paramref name="elements"/>: one per line with the last element's indentation when the initializer
        /// spans lines (keeping a trailing comma if it has one), else on the same line after <c>, </c>.
        /// </summary>
        public static InitializerExpressionSyntax AddElements(InitializerExpressionSyntax initializer, IReadOnlyList<ExpressionSyntax> elements)
        {
            var existing = initializer.Expressions;
            if (existing.Count == 0)
            {
                var created = Create(initializer.Kind(), elements);
                return created
                    .WithOpenBraceToken(initializer.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space))
                    .WithCloseBraceToken(initializer.CloseBraceToken.WithLeadingTrivia());
            }

            var last = existing[existing.Count - 1];
            var multiLine = initializer.SyntaxTree.GetLineSpan(initializer.OpenBraceToken.Span).StartLinePosition.Line
                != initializer.SyntaxTree.GetLineSpan(existing[0].Span).StartLinePosition.Line;
            var trailingComma = existing.SeparatorCount == existing.Count;
            var leading = multiLine ? last.GetLeadingTrivia() : SyntaxFactory.TriviaList();
            // On several lines, a separator ends its line the way the existing ones (or the last element) do.
            var separator = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(
                !multiLine ? SyntaxFactory.TriviaList(SyntaxFactory.Space)
                : existing.SeparatorCount > 0 ? existing.GetSeparator(0).TrailingTrivia
                : last.GetTrailingTrivia());

            var items = new List<SyntaxNodeOrToken>();
            foreach (var item in existing.GetWithSeparators())
            {
                items.Add(item);
            }

            SyntaxTriviaList movedTrailing = default;
            if (!trailingComma)
            {
                // The last element's trailing trivia (the line break, or the space before '}') moves to the new last element.
                movedTrailing = last.GetTrailingTrivia();
                items[items.Count - 1] = last.WithoutTrailingTrivia();
                items.Add(separator);
            }

            for (var i = 0; i < elements.Count; i++)
            {
                var element = elements[i].WithLeadingTrivia(leading);
                var isLast = i == elements.Count - 1;
                if (isLast && !trailingComma)
                {
                    items.Add(element.WithTrailingTrivia(movedTrailing));
                }
                else
                {
                    items.Add(element);
                    items.Add(separator);
                }
            }

            return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(items));
        }
    

        /// <summary>
        /// Removes <paramref name="remove"/> from the initializer with the separator that follows each (or, for the
        /// last element, the one before it), keeping the layout of what remains.
        /// </summary>
        public static InitializerExpressionSyntax RemoveElements(InitializerExpressionSyntax initializer, ICollection<SyntaxNode> remove)
        {
            var existing = initializer.Expressions;
            var items = new List<SyntaxNodeOrToken>();
            for (var i = 0; i < existing.Count; i++)
            {
                var element = existing[i];
                var hasSeparator = i < existing.SeparatorCount;
                if (!remove.Contains(element))
                {
                    items.Add(element);
                    if (hasSeparator)
                    {
                        items.Add(existing.GetSeparator(i));
                    }

                    continue;
                }

                if (!hasSeparator && items.Count > 0)
                {
                    // The last element goes with the separator before it; what ended its line now ends the new last one.
                    items.RemoveAt(items.Count - 1);
                    var newLast = items[items.Count - 1].AsNode()!;
                    items[items.Count - 1] = newLast.WithTrailingTrivia(element.GetTrailingTrivia());
                }
            }

            return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(items));
        }
    }
}
