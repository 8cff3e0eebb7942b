using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.CodeFixes.Editing
{
    /// <summary>
    /// Deletes source text the way a person would, for fixes that remove code (a property, an argument, a statement,
    /// a dictionary entry): a construct that has a line to itself goes with its whole line (comment on that line
    /// included); comments and blank lines on other lines stay; inside a line, the spacing around what is left stays.
    /// Node removal either drops neighbouring trivia or leaves elastic trivia for the formatter, which joins lines.
    /// </summary>
    internal static class TextRemoval
    {
        /// <summary>
        /// Applies changes sorted by position, skipping any that overlaps an earlier one (Fix All over neighbours). Whole
        /// lines removed one after the other with only blank lines between them go as one block, blank lines included;
        /// a block so removed right after an opening brace takes the blank lines after it too (no block starts blank).
        /// </summary>
        public static SourceText ApplyNonOverlapping(SourceText text, List<TextChange> changes)
        {
            changes.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
            var accepted = new List<TextChange>();
            var end = 0;
            foreach (var change in changes)
            {
                if (change.Span.Start < end)
                {
                    continue;
                }

                if (accepted.Count > 0
                    && IsLineRemoval(text, accepted[accepted.Count - 1]) && IsLineRemoval(text, change)
                    && IsBlank(text.ToString(TextSpan.FromBounds(accepted[accepted.Count - 1].Span.End, change.Span.Start))))
                {
                    accepted[accepted.Count - 1] = new TextChange(TextSpan.FromBounds(accepted[accepted.Count - 1].Span.Start, change.Span.End), "");
                }
                else
                {
                    accepted.Add(change);
                }

                end = change.Span.End;
            }

            for (var i = 0; i < accepted.Count; i++)
            {
                accepted[i] = TakeBlankLinesAfterOpeningBrace(text, accepted[i]);
            }

            return text.WithChanges(accepted);
        }

        /// <summary>A removal of whole lines: it starts at a line start and ends after a line break.</summary>
        private static bool IsLineRemoval(SourceText text, TextChange change)
            => change.NewText?.Length == 0
                && change.Span.Length > 0
                && text.Lines.GetLineFromPosition(change.Span.Start).Start == change.Span.Start
                && text.Lines.GetLineFromPosition(change.Span.End).Start == change.Span.End;

        private static TextChange TakeBlankLinesAfterOpeningBrace(SourceText text, TextChange change)
        {
            if (!IsLineRemoval(text, change) || change.Span.Start == 0)
            {
                return change;
            }

            var previous = text.Lines.GetLineFromPosition(change.Span.Start - 1);
            if (!text.ToString(previous.Span).TrimEnd().EndsWith("{", System.StringComparison.Ordinal))
            {
                return change;
            }

            var end = change.Span.End;
            var lineIndex = text.Lines.GetLineFromPosition(end).LineNumber;
            while (lineIndex < text.Lines.Count - 1 && IsBlank(text.ToString(text.Lines[lineIndex].Span)))
            {
                end = text.Lines[lineIndex].EndIncludingLineBreak;
                lineIndex++;
            }

            return new TextChange(TextSpan.FromBounds(change.Span.Start, end), "");
        }

        /// <summary>Removes one element of a comma-separated list (initializer members, arguments) with its comma.</summary>
        public static IEnumerable<TextChange> RemoveListElement<TNode>(SourceText text, SeparatedSyntaxList<TNode> list, int index)
            where TNode : SyntaxNode
        {
            var element = list[index];
            if (index < list.SeparatorCount)
            {
                // Followed by a comma: "a, X, b" -> "a, b"; "X," alone on its line -> the line goes.
                return new[] { RemoveSpan(text, TextSpan.FromBounds(element.SpanStart, list.GetSeparator(index).Span.End)) };
            }

            if (index == 0)
            {
                return new[] { RemoveSpan(text, element.Span) };
            }

            // The last element, without a trailing comma: the comma before it goes.
            var separator = list.GetSeparator(index - 1);
            if (OccupiesLines(text, element.Span) || HasCommentBetween(text, separator.Span.End, element.SpanStart))
            {
                // "a, // note\n    X\n" -> "a // note\n": the comma and X's line go, the comment on a's line stays.
                return new[] { new TextChange(separator.Span, ""), RemoveSpan(text, element.Span) };
            }

            // "{ a, X }" -> "{ a }"; "(a,\n    X)" -> "(a)".
            return new[] { RemoveSpan(text, TextSpan.FromBounds(separator.SpanStart, element.Span.End)) };
        }

        /// <summary>
        /// Deletes <paramref name="span"/> as a person would. When it has its line(s) to itself (only whitespace before
        /// it, only whitespace or a // comment after it) the whole lines go. When it ends a line, the whitespace before
        /// it goes too. When it starts a line, what follows it moves into its place. In the middle of a line, one of the
        /// two spaces around it goes.
        /// </summary>
        public static TextChange RemoveSpan(SourceText text, TextSpan span)
        {
            var (firstLine, lastLine, before, after) = GetLines(text, span);
            var startsLine = IsBlank(before);
            var endsLine = EndsLine(after);
            if (startsLine && endsLine)
            {
                return new TextChange(TextSpan.FromBounds(firstLine.Start, lastLine.EndIncludingLineBreak), "");
            }

            var start = span.Start;
            var end = span.End;
            if (endsLine)
            {
                // "a, X" + line end -> "a": no trailing whitespace left behind.
                start -= before.Length - before.TrimEnd().Length;
                if (IsBlank(after))
                {
                    end = lastLine.End;
                }
            }
            else if (startsLine || (before.Length > 0 && char.IsWhiteSpace(before[before.Length - 1])))
            {
                // "{ X, b }" -> "{ b }"; at the start of a line, what follows takes X's indentation.
                end += CountLeadingWhitespace(after);
            }

            return new TextChange(TextSpan.FromBounds(start, end), "");
        }

        private static bool OccupiesLines(SourceText text, TextSpan span)
        {
            var (_, _, before, after) = GetLines(text, span);
            return IsBlank(before) && EndsLine(after);
        }

        /// <summary>The lines <paramref name="span"/> starts and ends on, and the text before and after it on them.</summary>
        private static (TextLine FirstLine, TextLine LastLine, string Before, string After) GetLines(SourceText text, TextSpan span)
        {
            var firstLine = text.Lines.GetLineFromPosition(span.Start);
            var lastLine = text.Lines.GetLineFromPosition(span.End);
            return (
                firstLine,
                lastLine,
                text.ToString(TextSpan.FromBounds(firstLine.Start, span.Start)),
                text.ToString(TextSpan.FromBounds(span.End, lastLine.End)));
        }

        /// <summary>Only whitespace, or a // comment, follows on the line.</summary>
        private static bool EndsLine(string after) => IsBlank(after) || after.TrimStart().StartsWith("//", System.StringComparison.Ordinal);

        private static bool HasCommentBetween(SourceText text, int start, int end)
        {
            var between = text.ToString(TextSpan.FromBounds(start, end));
            return between.Contains("//") || between.Contains("/*");
        }

        private static bool IsBlank(string value) => value.Trim().Length == 0;

        private static int CountLeadingWhitespace(string value)
        {
            var count = 0;
            while (count < value.Length && (value[count] == ' ' || value[count] == '\t'))
            {
                count++;
            }

            return count;
        }
    }
}
