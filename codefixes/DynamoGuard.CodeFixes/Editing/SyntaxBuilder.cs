using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.CodeFixes.Editing
{
    /// <summary>
    /// Small syntax pieces fixes put into object initializers, spaced the way people write them and free of elastic
    /// trivia (so the code action's formatter leaves them alone): <c>Name = value</c>, <c>["key"] = value</c>,
    /// string literals; and the indentation and line ending of the code around an edit.
    /// </summary>
    internal static class SyntaxBuilder
    {
        public static LiteralExpressionSyntax StringLiteral(string text)
            => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text));

        /// <summary><c>Property = value</c>, for an object initializer.</summary>
        public static AssignmentExpressionSyntax Assignment(string property, ExpressionSyntax value)
            => InitializerEditing.WithoutElasticTrivia(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(property),
                EqualsToken(),
                value.WithoutLeadingTrivia().WithTrailingTrivia()));

        /// <summary><c>["key"] = value</c>, for a dictionary's object initializer.</summary>
        public static AssignmentExpressionSyntax IndexerEntry(string key, ExpressionSyntax value)
            => InitializerEditing.WithoutElasticTrivia(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.ImplicitElementAccess(SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(StringLiteral(key))))),
                EqualsToken(),
                value.WithoutLeadingTrivia().WithTrailingTrivia()));

        /// <summary><c>{ "key", value }</c>, for a dictionary's collection initializer.</summary>
        public static InitializerExpressionSyntax ComplexEntry(string key, ExpressionSyntax value)
            => InitializerEditing.CreateInlineInitializer(SyntaxKind.ComplexElementInitializerExpression, new ExpressionSyntax[] { StringLiteral(key), value.WithoutTrivia() });

        /// <summary>Parses an expression written by a fix (no elastic trivia, so the formatter does not touch it).</summary>
        public static ExpressionSyntax ParseExpression(string text) => SyntaxFactory.ParseExpression(text);

        /// <summary>Parses a statement written by a fix, with the given indentation and line ending.</summary>
        public static StatementSyntax ParseStatement(string text, string indentation, SyntaxTrivia endOfLine)
            => SyntaxFactory.ParseStatement(text)
                .WithLeadingTrivia(SyntaxFactory.Whitespace(indentation))
                .WithTrailingTrivia(endOfLine);

        /// <summary>The whitespace that starts the line <paramref name="node"/> starts on.</summary>
        public static string GetIndentation(SyntaxNode node)
        {
            var text = node.SyntaxTree.GetText();
            var line = text.Lines.GetLineFromPosition(node.SpanStart);
            var content = text.ToString(TextSpan.FromBounds(line.Start, node.SpanStart));
            var length = 0;
            while (length < content.Length && (content[length] == ' ' || content[length] == '\t'))
            {
                length++;
            }

            return content.Substring(0, length);
        }

        /// <summary>
        /// The source of <paramref name="node"/> for writing it again on a line indented by <paramref name="indentation"/>:
        /// its continuation lines move by as much as its first line does, so a multi-line expression keeps its shape.
        /// </summary>
        public static string MoveText(SyntaxNode node, string indentation)
        {
            var text = node.WithoutTrivia().ToString();
            var lines = text.Split('\n');
            if (lines.Length == 1)
            {
                return text;
            }

            var original = GetIndentation(node);
            var builder = new System.Text.StringBuilder(lines[0]);
            for (var i = 1; i < lines.Length; i++)
            {
                builder.Append('\n');
                builder.Append(lines[i].StartsWith(original, System.StringComparison.Ordinal) ? indentation + lines[i].Substring(original.Length) : lines[i]);
            }

            return builder.ToString();
        }

        /// <summary>
        /// The first members of a generated <c>new UpdateItemRequest { ... }</c>, one per line at <paramref name="inner"/>:
        /// <c>TableName</c>, <c>Key</c>, <c>UpdateExpression</c>, then the names and values dictionaries (the values on
        /// one line when there is one, else one entry per line). The caller adds the opening and closing lines.
        /// </summary>
        public static System.Text.StringBuilder AppendUpdateRequestMembers(
            System.Text.StringBuilder builder,
            string inner,
            string eol,
            string table,
            string key,
            string updateExpression,
            string namesType,
            string valuesType,
            System.Collections.Generic.IReadOnlyList<(string Placeholder, string Attribute)> names,
            System.Collections.Generic.IReadOnlyList<(string Placeholder, string Value)> values)
        {
            builder.Append(inner).Append("TableName = ").Append(table).Append(',').Append(eol)
                .Append(inner).Append("Key = ").Append(key).Append(',').Append(eol)
                .Append(inner).Append("UpdateExpression = ").Append(Quote(updateExpression)).Append(',').Append(eol)
                .Append(inner).Append("ExpressionAttributeNames = new ").Append(namesType).Append(" { ");
            for (var i = 0; i < names.Count; i++)
            {
                builder.Append(i == 0 ? "[" : ", [").Append(Quote(names[i].Placeholder)).Append("] = ").Append(Quote(names[i].Attribute));
            }

            builder.Append(" },").Append(eol);
            if (values.Count == 1)
            {
                return builder.Append(inner).Append("ExpressionAttributeValues = new ").Append(valuesType).Append(" { [")
                    .Append(Quote(values[0].Placeholder)).Append("] = ").Append(values[0].Value).Append(" },").Append(eol);
            }

            builder.Append(inner).Append("ExpressionAttributeValues = new ").Append(valuesType).Append(eol)
                .Append(inner).Append('{').Append(eol);
            foreach (var (placeholder, value) in values)
            {
                builder.Append(inner).Append("    [").Append(Quote(placeholder)).Append("] = ").Append(value).Append(',').Append(eol);
            }

            return builder.Append(inner).Append("},").Append(eol);
        }

        /// <summary>Escapes <paramref name="text"/> as the content of a regular C# string literal.</summary>
        public static string Quote(string text) => StringLiteral(text).Token.Text;

        /// <summary>A name placeholder for an attribute: <c>#</c> and the attribute's letters, digits and underscores.</summary>
        public static string NamePlaceholderStem(string attribute)
        {
            var builder = new System.Text.StringBuilder("#");
            foreach (var c in attribute)
            {
                if (char.IsLetterOrDigit(c) || c == '_')
                {
                    builder.Append(c);
                }
            }

            return builder.Length == 1 ? "#attr" : builder.ToString();
        }

        private static SyntaxToken EqualsToken()
            => SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space);
    }
}
