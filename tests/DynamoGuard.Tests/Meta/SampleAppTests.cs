using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Meta
{
    /// <summary>
    /// The sample app is the product demo: every line marked <c>// expect: DDBxxx</c> must get that diagnostic, and no
    /// other line may get one. Its sources are compiled here against the same SDK the sample references.
    /// </summary>
    public class SampleAppTests
    {
        private static readonly Regex Expectation = new(@"//\s*expect:\s*(?<ids>DDB\d{3}(\s*,\s*DDB\d{3})*)", RegexOptions.Compiled);

        [Fact]
        public async Task MusicLibrary_ReportsExactlyTheMarkedDiagnostics()
        {
            var directory = Path.Combine(Product.RepositoryRoot, "samples", "MusicLibrary");
            var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(files);

            var test = new CSharpTest(Product.Analyzers.ToArray());
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
                var lines = File.ReadAllLines(file);
                test.AdditionalSources.Add((relative, string.Join("\n", lines)));
                for (var i = 0; i < lines.Length; i++)
                {
                    var match = Expectation.Match(lines[i]);
                    if (!match.Success)
                    {
                        continue;
                    }

                    foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries))
                    {
                        expected.Add($"{relative}:{i + 1}: {id}");
                    }
                }
            }

            var actual = new SortedSet<string>(
                (await test.GetDiagnosticsAsync()).Select(d =>
                    $"{d.Location.SourceTree!.FilePath["/0/".Length..]}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id}"),
                StringComparer.Ordinal);

            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
    }
}
