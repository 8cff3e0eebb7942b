using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Tests.Verification
{
    /// <summary>A span marked in test source: <c>[|…|]</c> (Id null: the rule under test), <c>{|DDB101:…|}</c>, or a location marker <c>{|#0:…|}</c>.</summary>
    public sealed record MarkupSpan(string? Id, int? MarkerIndex, TextSpan Span);

    /// <summary>Parses the markup of the official Microsoft.CodeAnalysis.Testing verifiers (the subset we use).</summary>
    public static class TestMarkup
    {
        public static (string Source, List<MarkupSpan> Spans) Parse(string markup)
        {
            var output = new StringBuilder(markup.Length);
            var spans = new List<MarkupSpan>();
            var open = new Stack<(char Kind, string? Id, int Start)>();
            var i = 0;
            while (i < markup.Length)
            {
                if (Matches(markup, i, "[|"))
                {
                    open.Push(('[', null, output.Length));
                    i += 2;
                }
                else if (Matches(markup, i, "{|"))
                {
                    var colon = markup.IndexOf(':', i + 2);
                    if (colon < 0)
                    {
                        throw new VerificationException($"Markup '{{|' at offset {i} has no ':' after its ID.");
                    }

                    open.Push(('{', markup.Substring(i + 2, colon - i - 2), output.Length));
                    i = colon + 1;
                }
                else if (Matches(markup, i, "|]") || Matches(markup, i, "|}"))
                {
                    var kind = markup[i + 1] == ']' ? '[' : '{';
                    if (open.Count == 0 || open.Peek().Kind != kind)
                    {
                        throw new VerificationException($"Markup '{markup.Substring(i, 2)}' at offset {i} closes nothing.");
                    }

                    var (_, id, start) = open.Pop();
                    var span = TextSpan.FromBounds(start, output.Length);
                    if (id is not null && id.StartsWith('#'))
                    {
                        spans.Add(new MarkupSpan(null, int.Parse(id.Substring(1), System.Globalization.CultureInfo.InvariantCulture), span));
                    }
                    else
                    {
                        spans.Add(new MarkupSpan(id, null, span));
                    }

                    i += 2;
                }
                else
                {
                    output.Append(markup[i]);
                    i++;
                }
            }

            if (open.Count > 0)
            {
                throw new VerificationException($"Markup opened at offset {open.Peek().Start} of the source is never closed.");
            }

            return (output.ToString(), spans);
        }

        private static bool Matches(string text, int index, string token)
            => index + token.Length <= text.Length && string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
    }
}
