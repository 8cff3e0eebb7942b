using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace DynamoGuard.CodeFixes.Editing
{
    /// <summary>
    /// Creates object and collection initializers and adds or removes their elements the way the surrounding code is
    /// written: one per line with the same indentation and trailing-comma style when the initializer spans lines,
    /// inline otherwise.
    /// </summary>
    internal static class InitializerEditing
    {
        /// <summary>
        /// Replaces the elastic trivia SyntaxFactory puts on tokens by plain (empty) trivia. A code action's cleanup
        /// formats around elastic trivia, and the formatter would rewrite spacing we set on purpose (<c>{ [</c> to <c>{[</c>).
        /// </summary>
        public static T WithoutElasticTrivia<T>(T node)
            where T : SyntaxNode
        {
            return node.ReplaceTokens(node.DescendantTokens(), (_, token) => token
                .WithLeadingTrivia(Plain(token.LeadingTrivia))
                .WithTrailingTrivia(Plain(token.TrailingTrivia)));
        }

        private static SyntaxTriviaList Plain(SyntaxTriviaList trivia)
        {
            var result = new List<SyntaxTrivia>(trivia.Count);
            foreach (var item in trivia)
            {
                if (!item.HasAnnotation(SyntaxAnnotation.ElasticAnnotation))
                {
                    result.Add(item);
                }
                else if (item.Span.Length > 0)
                {
                    result.Add(item.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.EndOfLine(item.ToString()) : SyntaxFactory.Whitespace(item.ToString()));
                }
            }

            return SyntaxFactory.TriviaList(result);
        }

        /// <summary>The end-of-line sequence the document uses (LF when it has none yet).</summary>
        public static SyntaxTrivia GetEndOfLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.EndOfLine("\n");
        }

        /// <summary>
        /// Adds <paramref name="additions"/> at the end of <paramref name="initializer"/>, in its layout
        /// (<see cref="AddElements"/>); an empty initializer gets them on one line, or one per line
        /// when its braces are on separate lines.
        /// </summary>
        public static InitializerExpressionSyntax AddExpressions(InitializerExpressionSyntax initializer, IReadOnlyList<ExpressionSyntax> additions, SyntaxTrivia endOfLine)
        {
            if (additions.Count == 0)
            {
                return initializer;
            }

            if (initializer.Expressions.Count > 0)
            {
                return AddElements(initializer, additions);
            }

            if (initializer.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                var indentation = SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(GetIndentation(initializer.CloseBraceToken) + "    "));
                var items = new List<SyntaxNodeOrToken>();
                foreach (var addition in additions)
                {
                    items.Add(addition.WithLeadingTrivia(indentation).WithTrailingTrivia());
                    items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(endOfLine));
                }

                return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(items));
            }

            return CreateInlineInitializer(initializer.Kind(), additions)
                .WithLeadingTrivia(initializer.GetLeadingTrivia())
                .WithTrailingTrivia(initializer.GetTrailingTrivia());
        }

        /// <summary>
        /// Adds an initializer to an object creation that has none: <c>new PutItemRequest()</c> becomes
        /// <c>new PutItemRequest { ... }</c>, laid out over several lines (the formatter indents it).
        /// </summary>
        public static BaseObjectCreationExpressionSyntax AddInitializer(BaseObjectCreationExpressionSyntax creation, IReadOnlyList<ExpressionSyntax> members, SyntaxTrivia endOfLine)
        {
            var initializer = CreateMultiLineInitializer(SyntaxKind.ObjectInitializerExpression, members, endOfLine);
            switch (creation)
            {
                case ObjectCreationExpressionSyntax objectCreation:
                    var withoutEmptyArguments = objectCreation.ArgumentList is { Arguments.Count: 0 } empty
                        ? objectCreation.WithArgumentList(null).WithType(objectCreation.Type.WithTrailingTrivia(empty.GetTrailingTrivia()))
                        : objectCreation;
                    var lastToken = withoutEmptyArguments.GetLastToken();
                    return withoutEmptyArguments
                        .ReplaceToken(lastToken, lastToken.WithTrailingTrivia(endOfLine))
                        .WithInitializer(initializer.WithTrailingTrivia(creation.GetTrailingTrivia()));
                default:
                    var last = creation.GetLastToken();
                    return creation
                        .ReplaceToken(last, last.WithTrailingTrivia(endOfLine))
                        .WithInitializer(initializer.WithTrailingTrivia(creation.GetTrailingTrivia()));
            }
        }

        /// <summary>A <c>{ a, b, }</c> initializer over several lines, annotated for the formatter.</summary>
        public static InitializerExpressionSyntax CreateMultiLineInitializer(SyntaxKind kind, IReadOnlyList<ExpressionSyntax> members, SyntaxTrivia endOfLine)
        {
            var items = new List<SyntaxNodeOrToken>();
            foreach (var member in members)
            {
                items.Add(member.WithoutLeadingTrivia().WithTrailingTrivia());
                items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(endOfLine));
            }

            return SyntaxFactory.InitializerExpression(
                    kind,
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(endOfLine),
                    SyntaxFactory.SeparatedList<ExpressionSyntax>(items),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>A <c>{ a, b }</c> initializer on one line, with a space before it (<c>new T { a }</c>).</summary>
        public static InitializerExpressionSyntax CreateInlineInitializer(SyntaxKind kind, IReadOnlyList<ExpressionSyntax> members)
        {
            var created = CreateSingleLine(kind, members.Select(m => m.WithoutTrivia()).ToList());
            return WithoutElasticTrivia(created
                .WithOpenBraceToken(created.OpenBraceToken.WithLeadingTrivia(SyntaxFactory.Space))
                .WithCloseBraceToken(created.CloseBraceToken.WithLeadingTrivia(SyntaxFactory.Space)));
        }

        /// <summary>The whitespace before a token that starts its line.</summary>
        private static string GetIndentation(SyntaxToken token)
        {
            var indentation = string.Empty;
            foreach (var trivia in token.LeadingTrivia)
            {
                indentation = trivia.IsKind(SyntaxKind.WhitespaceTrivia) ? trivia.ToString() : string.Empty;
            }

            return indentation;
        }

        /// <summary>A one-line initializer <c>{ a, b }</c>, with no trivia before the open brace (compare <see cref="CreateInlineInitializer"/>).</summary>
        public static InitializerExpressionSyntax CreateSingleLine(SyntaxKind kind, IReadOnlyList<ExpressionSyntax> elements)
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
                var created = CreateSingleLine(initializer.Kind(), elements);
                return created
                    .WithOpenBraceToken(initializer.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space))
                    .WithCloseBraceToken(initializer.CloseBraceToken.WithLeadingTrivia());
            }

            var last = existing[existing.Count - 1];
            var multiLine = initializer.SyntaxTree.GetLineSpan(initializer.OpenBraceToken.Span).StartLinePosition.Line
                != initializer.SyntaxTree.GetLineSpan(existing[0].Span).StartLinePosition.Line;
            var trailingComma = existing.SeparatorCount == existing.Count;
            var leading = multiLine ? Indentation(last.GetLeadingTrivia()) : SyntaxFactory.TriviaList();
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

        /// <summary>The whitespace after the last line break: the indentation, without comments written above the element.</summary>
        private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
        {
            var start = 0;
            for (var i = 0; i < leading.Count; i++)
            {
                if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia) || leading[i].IsKind(SyntaxKind.SingleLineCommentTrivia) || leading[i].IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    start = i + 1;
                }
            }

            return SyntaxFactory.TriviaList(leading.Skip(start).Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
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
