using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Meta
{
    /// <summary>
    /// The sample's track search is the demo of DDB305: the "Read all pages" fix applied to the real file must give
    /// code that compiles with the rest of the app and carries no DDB305 any more.
    /// </summary>
    public class SampleReadAllPagesFixTests
    {
        private static readonly string SampleDirectory = Path.Combine(Product.RepositoryRoot, "samples", "MusicLibrary");

        private const string Call = "return await search.GetNextSetAsync(cancellationToken); // expect: DDB305";

        [Fact]
        public async Task TrackSearch_ReadAllPagesFix_CompilesWithoutDdb305()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBVersion(name)], DynamoDBContextBuilder, SaveConfig");
            var source = Read("TrackSearch.cs");
            Assert.Contains(Call, source, StringComparison.Ordinal);

            var test = new CSharpTest(new UnpagedQueryAnalyzer())
            {
                TestCode = source.Replace(Call, Call.Replace("GetNextSetAsync", "{|DDB305:GetNextSetAsync|}", StringComparison.Ordinal), StringComparison.Ordinal),
                FixedCode = source.Replace(Call, Call.Replace("GetNextSetAsync", "GetRemainingAsync", StringComparison.Ordinal), StringComparison.Ordinal),
                CodeFix = new ReadAllPagesCodeFixProvider(),
                CodeActionEquivalenceKey = ReadAllPagesCodeFixProvider.ReadAllPagesKey,
            };
            foreach (var file in SampleSources().Where(f => f != "TrackSearch.cs"))
            {
                test.AdditionalSources.Add((file, Read(file)));
            }

            await test.RunAsync();
        }

        private static string[] SampleSources()
            => Directory.EnumerateFiles(SampleDirectory, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(SampleDirectory, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();

        private static string Read(string relativePath)
            => string.Join("\n", File.ReadAllLines(Path.Combine(SampleDirectory, relativePath)));
    }
}
