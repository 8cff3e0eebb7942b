using System;
using System.Collections.Generic;
using System.Linq;
using DynamoGuard.Model.Flow;

namespace DynamoGuard.Tests.Model
{
    /// <summary>
    /// The word sets that stand in for text searches across documents: they must answer "spelled as a whole word?" as the
    /// text search does (a no must be certain; a yes may only be wrong on a hash collision).
    /// </summary>
    public class SourceTextSearchTests
    {
        private const string Text = """
            // Repository helpers: WriteAsync is called by ImportService
            public class TrackRepository
            {
                public Task WriteAsync(IReadOnlyList<Track> tracks) => _client.BatchWriteItemAsync(Build(tracks));
                private const string Name = "Tracks_v2";
                int größe = 25; int _x9;
            }
            EndsWithAWord
            """;

        [Theory]
        [InlineData("WriteAsync")]
        [InlineData("ImportService")]
        [InlineData("TrackRepository")]
        [InlineData("IReadOnlyList")]
        [InlineData("BatchWriteItemAsync")]
        [InlineData("_client")]
        [InlineData("Tracks_v2")]
        [InlineData("größe")]
        [InlineData("_x9")]
        [InlineData("25")]
        [InlineData("EndsWithAWord")]
        [InlineData("Repository")]
        public void WholeWords_AreFound(string word)
        {
            Assert.True(ContainsWord(Text, word));
            Assert.True(SourceTextSearch.Words.Create(Text).MayContain(word));
        }

        [Theory]
        [InlineData("Write")]
        [InlineData("Async")]
        [InlineData("Track_")]
        [InlineData("BatchWriteItem")]
        [InlineData("client")]
        [InlineData("Tracks")]
        [InlineData("größ")]
        [InlineData("x9")]
        [InlineData("2")]
        [InlineData("EndsWith")]
        [InlineData("Repositor")]
        [InlineData("ImportServices")]
        public void PartsOfLongerWords_AreNotFound(string word)
        {
            Assert.False(ContainsWord(Text, word));
            Assert.False(SourceTextSearch.Words.Create(Text).MayContain(word));
        }

        /// <summary>More distinct words than the first table holds: the table grows and keeps every word.</summary>
        [Fact]
        public void ManyDistinctWords_AreAllKept()
        {
            var text = string.Join(" ", Enumerable.Range(0, 100_000).Select(i => "w" + i));
            var words = SourceTextSearch.Words.Create(text);
            for (var i = 0; i < 100_000; i += 7)
            {
                Assert.True(words.MayContain("w" + i));
            }

            Assert.False(words.MayContain("w100000"));
            Assert.False(words.MayContain("x1"));
        }

        /// <summary>The text is read in chunks of 4,096 characters: a word across a chunk boundary, or ending the text at one, is one word.</summary>
        [Theory]
        [InlineData(4090)]
        [InlineData(4096 - 13)]
        [InlineData(4096 * 2 - 6)]
        public void WordsAcrossChunkBoundaries_AreWhole(int padding)
        {
            var text = new string(' ', padding) + "AcrossTheEdge";
            var words = SourceTextSearch.Words.Create(text);
            Assert.True(words.MayContain("AcrossTheEdge"));
            Assert.False(words.MayContain("Across"));
            Assert.False(words.MayContain("TheEdge"));
            Assert.False(words.MayContain("Edge"));
        }

        [Fact]
        public void EmptyText_HasNoWords()
        {
            Assert.False(SourceTextSearch.Words.Create("").MayContain("a"));
            Assert.False(SourceTextSearch.Words.Create(" \n\t;").MayContain("a"));
        }

        /// <summary>The word set agrees with the text search on every word and every part of a word of generated code, large texts included (the per-thread tables are reused between texts).</summary>
        [Fact]
        public void AgreesWithTheTextSearch_OnGeneratedFiles()
        {
            var files = DynamoGuard.Corpus.CorpusGenerator.Generate(40, 7);
            var big = string.Concat(files.Select(f => f.Text));
            foreach (var text in files.Select(f => f.Text).Append(big).Append(files[0].Text))
            {
                var words = SourceTextSearch.Words.Create(text);
                var candidates = new HashSet<string>(StringComparer.Ordinal);
                foreach (var word in text.Split(new[] { ' ', '.', '(', ')', '<', '>', ',', ';', '\n', '\r', '"', '[', ']', '{', '}', '=' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    candidates.Add(word);
                    if (word.Length > 3)
                    {
                        candidates.Add(word.Substring(1));
                        candidates.Add(word.Substring(0, word.Length - 1));
                    }
                }

                foreach (var candidate in candidates.Where(c => c.All(ch => char.IsLetterOrDigit(ch) || ch == '_')).Take(3000))
                {
                    Assert.Equal(ContainsWord(text, candidate), words.MayContain(candidate));
                }
            }
        }

        /// <summary>
        /// The invoked names read from text (the batch-reach pre-filter across methods): every name the syntax invokes is
        /// found (a name missed there would make a batch helper look unreachable and keep the rule silent), through
        /// generic arguments, member access, <c>?.</c>, whitespace and line breaks; keywords and names not followed by an
        /// argument list are not.
        /// </summary>
        [Fact]
        public void InvokedNames_FromText_AreTheSyntaxsInvokedNames()
        {
            const string code = """
                class C
                {
                    async Task M(List<Item> items, IAmazonDynamoDB client)
                    {
                        if (items.Count > 25) throw new ArgumentException(nameof(items));
                        foreach (var chunk in items.Chunk(25)) { await WriteChunkAsync<Item>(chunk); }
                        var r = await _policy.ExecuteAsync(() => client?.BatchWriteItemAsync (Build(items)));
                        var x = Map<Dictionary<string, List<(int A, string? B)>>, int[]>(r);
                        var y = a < b ? (c) : d;
                        Func<int, int> f = v => v + 1; f(2);
                        var z = Values
                            .Select(v => v)
                            .ToList();
                        int Local(int q) => q; Local(1);
                        string s = $"{Format(r)}";
                        NotCalled = items.Count;
                    }
                }
                """;
            var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(code);
            var fromSyntax = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
                .Select(i => i.Expression switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax n => n.Identifier.ValueText,
                    Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
                    Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax b => b.Name.Identifier.ValueText,
                    _ => null,
                })
                .Where(n => n is not null)
                .Select(n => n!)
                .ToHashSet(StringComparer.Ordinal);
            var body = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single().Body!.Span;
            var fromText = new HashSet<string>(StringComparer.Ordinal);
            SourceTextSearch.AddInvokedNames(code, body.Start, body.End, fromText);

            Assert.Equal(
                new[] { "BatchWriteItemAsync", "Build", "Chunk", "ExecuteAsync", "Format", "Local", "Map", "Select", "ToList", "WriteChunkAsync", "f", "nameof" },
                fromSyntax.OrderBy(n => n, StringComparer.Ordinal).ToArray());
            Assert.Superset(fromSyntax, fromText);
            Assert.Contains("ArgumentException", fromText);  // a constructor: an over-approximation only
            Assert.DoesNotContain("if", fromText);
            Assert.DoesNotContain("foreach", fromText);
            Assert.DoesNotContain("b", fromText);             // a < b ? (c) : d is a comparison
            Assert.DoesNotContain("NotCalled", fromText);
            Assert.DoesNotContain("Values", fromText);
            Assert.DoesNotContain("M", fromText);             // the declaration's own name, outside the body
        }

        /// <summary>The oracle: a plain search for a whole-word match.</summary>
        private static bool ContainsWord(string text, string word)
        {
            for (var position = text.IndexOf(word, StringComparison.Ordinal); position >= 0; position = text.IndexOf(word, position + 1, StringComparison.Ordinal))
            {
                if (SourceTextSearch.IsWholeWord(text, position, word.Length))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
