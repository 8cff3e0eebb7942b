using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.Tests.Robustness
{
    /// <summary>A source text damaged in one way, and how.</summary>
    public sealed record Mutation(string Text, string Description);

    /// <summary>
    /// Damages C# source the way typing and refactoring do: cut at a position, tokens deleted, brackets unbalanced,
    /// identifiers renamed, usings, types, attributes or arguments dropped, literals swapped, stray tokens inserted.
    /// Deterministic: the same text, seed and index give the same mutation.
    /// </summary>
    public static class Mutator
    {
        private static readonly string[] Strays = { "(", ")", "{", "}", "[", "]", ".", ",", ";", "=", "=>", "?", "!", "new", "await", "null", "default", "var", "\"", "$\"", "@", "#", "/*", "<", ">", "out", "ref", "static" };

        private static readonly string[] Literals = { "null", "default", "true", "0", "-1", "\"\"", "\" \"", "\"#v = :v\"", "\"version\"", "1.5m", "'c'", "new()", "typeof(object)", "(object)null" };

        private static readonly Func<Random, string, SyntaxNode, List<SyntaxToken>, Mutation?>[] Operators =
        {
            CutAtToken,
            CutAtCharacter,
            DeleteToken,
            DeleteTokenRange,
            DeleteClosingBracket,
            InsertOpeningBracket,
            RenameOneIdentifier,
            RenameEveryOccurrence,
            DropUsing,
            DropType,
            DropMember,
            DropAttribute,
            DropArgument,
            ReplaceLiteral,
            InsertStray,
            DuplicateStatement,
        };

        /// <summary>The number of distinct mutation operators; variant <c>i</c> uses operator <c>i % OperatorCount</c> first.</summary>
        public static int OperatorCount => Operators.Length;

        public static Mutation Mutate(string text, int seed, int index)
        {
            var random = new Random(unchecked((seed * 16777619) ^ (index * 31)));
            var root = CSharpSyntaxTree.ParseText(text, AnalyzerRun.ParseOptions).GetRoot();
            var tokens = root.DescendantTokens().Where(t => t.Span.Length > 0).ToList();
            if (tokens.Count == 0)
            {
                return new Mutation(text, "unchanged (no tokens)");
            }

            // Start with the operator the index selects; fall back to the next ones when it does not apply.
            for (var attempt = 0; attempt < Operators.Length; attempt++)
            {
                var mutation = Operators[(index + attempt) % Operators.Length](random, text, root, tokens);
                if (mutation is not null && mutation.Text != text)
                {
                    return mutation;
                }
            }

            return CutAtToken(random, text, root, tokens)!;
        }

        private static Mutation? CutAtToken(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var token = tokens[random.Next(tokens.Count)];
            var end = random.Next(2) == 0 ? token.Span.Start : token.Span.End;
            return new Mutation(text.Substring(0, end), $"cut after {Where(text, end)}");
        }

        private static Mutation? CutAtCharacter(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var end = random.Next(text.Length);
            return new Mutation(text.Substring(0, end), $"cut at character {end} ({Where(text, end)})");
        }

        private static Mutation? DeleteToken(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var token = tokens[random.Next(tokens.Count)];
            return Replace(text, token.Span.Start, token.Span.Length, "", $"deleted '{token.Text}' at {Where(text, token.Span.Start)}");
        }

        private static Mutation? DeleteTokenRange(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var first = random.Next(tokens.Count);
            var last = Math.Min(tokens.Count - 1, first + 1 + random.Next(12));
            var start = tokens[first].Span.Start;
            return Replace(text, start, tokens[last].Span.End - start, "", $"deleted {last - first + 1} tokens from {Where(text, start)}");
        }

        private static Mutation? DeleteClosingBracket(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var closing = tokens.Where(t => t.IsKind(SyntaxKind.CloseBraceToken) || t.IsKind(SyntaxKind.CloseParenToken) || t.IsKind(SyntaxKind.CloseBracketToken) || t.IsKind(SyntaxKind.GreaterThanToken)).ToList();
            if (closing.Count == 0)
            {
                return null;
            }

            var token = closing[random.Next(closing.Count)];
            return Replace(text, token.Span.Start, token.Span.Length, "", $"unbalanced: deleted '{token.Text}' at {Where(text, token.Span.Start)}");
        }

        private static Mutation? InsertOpeningBracket(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var token = tokens[random.Next(tokens.Count)];
            var bracket = new[] { "(", "{", "[", "<" }[random.Next(4)];
            return Replace(text, token.Span.Start, 0, bracket, $"unbalanced: inserted '{bracket}' at {Where(text, token.Span.Start)}");
        }

        private static Mutation? RenameOneIdentifier(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
            if (identifiers.Count == 0)
            {
                return null;
            }

            var token = identifiers[random.Next(identifiers.Count)];
            return Replace(text, token.Span.End, 0, "X", $"renamed one '{token.Text}' at {Where(text, token.Span.Start)}");
        }

        private static Mutation? RenameEveryOccurrence(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
            if (identifiers.Count == 0)
            {
                return null;
            }

            var name = identifiers[random.Next(identifiers.Count)].ValueText;
            var edits = identifiers.Where(t => t.ValueText == name).Select(t => (t.Span.End, 0, "Renamed")).ToList();
            return new Mutation(Apply(text, edits), $"renamed every '{name}' ({edits.Count})");
        }

        private static Mutation? DropUsing(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
            => DropNode<UsingDirectiveSyntax>(random, text, root, "using");

        private static Mutation? DropType(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
            => DropNode<BaseTypeDeclarationSyntax>(random, text, root, "type");

        private static Mutation? DropMember(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
            => DropNode<MemberDeclarationSyntax>(random, text, root, "member");

        private static Mutation? DropAttribute(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
            => DropNode<AttributeListSyntax>(random, text, root, "attribute");

        private static Mutation? DropArgument(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var arguments = root.DescendantNodes().OfType<ArgumentListSyntax>().Where(a => a.Arguments.Count > 0).ToList();
            if (arguments.Count == 0)
            {
                return null;
            }

            var list = arguments[random.Next(arguments.Count)];
            var index = random.Next(list.Arguments.Count);
            var argument = list.Arguments[index];
            var start = argument.Span.Start;
            var end = argument.Span.End;
            if (index < list.Arguments.SeparatorCount)
            {
                end = list.Arguments.GetSeparator(index).Span.End;
            }
            else if (index > 0)
            {
                start = list.Arguments.GetSeparator(index - 1).Span.Start;
            }

            return Replace(text, start, end - start, "", $"dropped argument '{Short(argument.ToString())}' at {Where(text, start)}");
        }

        private static Mutation? ReplaceLiteral(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var literals = root.DescendantNodes().OfType<LiteralExpressionSyntax>().ToList();
            if (literals.Count == 0)
            {
                return null;
            }

            var literal = literals[random.Next(literals.Count)];
            var replacement = Literals[random.Next(Literals.Length)];
            return Replace(text, literal.Span.Start, literal.Span.Length, replacement, $"literal '{Short(literal.ToString())}' became {replacement} at {Where(text, literal.Span.Start)}");
        }

        private static Mutation? InsertStray(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var token = tokens[random.Next(tokens.Count)];
            var stray = Strays[random.Next(Strays.Length)];
            var position = random.Next(2) == 0 ? token.Span.Start : token.Span.End;
            return Replace(text, position, 0, stray, $"inserted '{stray}' at {Where(text, position)}");
        }

        private static Mutation? DuplicateStatement(Random random, string text, SyntaxNode root, List<SyntaxToken> tokens)
        {
            var statements = root.DescendantNodes().OfType<StatementSyntax>().Where(s => s is not BlockSyntax).ToList();
            if (statements.Count == 0)
            {
                return null;
            }

            var statement = statements[random.Next(statements.Count)];
            return Replace(text, statement.FullSpan.End, 0, statement.ToFullString(), $"duplicated statement '{Short(statement.ToString())}' at {Where(text, statement.Span.Start)}");
        }

        private static Mutation? DropNode<T>(Random random, string text, SyntaxNode root, string what)
            where T : SyntaxNode
        {
            var nodes = root.DescendantNodes().OfType<T>().ToList();
            if (nodes.Count == 0)
            {
                return null;
            }

            var node = nodes[random.Next(nodes.Count)];
            return Replace(text, node.FullSpan.Start, node.FullSpan.Length, "", $"dropped {what} '{Short(node.ToString())}' at {Where(text, node.Span.Start)}");
        }

        private static Mutation Replace(string text, int start, int length, string replacement, string description)
            => new(Apply(text, new List<(int, int, string)> { (start, length, replacement) }), description);

        private static string Apply(string text, List<(int Start, int Length, string Replacement)> edits)
        {
            var result = text;
            foreach (var (start, length, replacement) in edits.OrderByDescending(e => e.Start))
            {
                result = result.Substring(0, start) + replacement + result.Substring(start + length);
            }

            return result;
        }

        private static string Where(string text, int position)
        {
            var line = 1;
            var column = 1;
            for (var i = 0; i < position && i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            return $"{line}:{column}";
        }

        private static string Short(string text)
        {
            var oneLine = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return oneLine.Length <= 40 ? oneLine : oneLine.Substring(0, 37) + "...";
        }
    }
}
