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
    /// The lightbulb fixes applied to the sample app: the result must compile (with the rest of the app) and carry no
    /// diagnostic of the fixed rule any more.
    /// </summary>
    public class SampleCodeFixTests
    {
        private static readonly string SampleDirectory = Path.Combine(Product.RepositoryRoot, "samples", "MusicLibrary");

        [Fact]
        public async Task MusicLibrary_Ddb101FixOnTrackImporter_CompilesWithoutDdb101()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBVersion(name)], DynamoDBContextBuilder, SaveConfig");
            const string Call = "await _client.PutItemAsync(new PutItemRequest // expect: DDB101";
            const string Request = @"            {
                TableName = PlaylistsTable,
                Item = item,
            }, cancellationToken);";
            const string GuardedRequest = @"            {
                TableName = PlaylistsTable,
                Item = item,
                ConditionExpression = ""attribute_not_exists(#pk)"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#pk""] = ""Id"" },
            }, cancellationToken);";

            var source = Read("TrackImporter.cs");
            Assert.Contains(Call, source, StringComparison.Ordinal);
            Assert.Contains(Request, source, StringComparison.Ordinal);

            var test = new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = source.Replace(Call, Call.Replace("PutItemAsync", "{|DDB101:PutItemAsync|}", StringComparison.Ordinal), StringComparison.Ordinal),
                FixedCode = source.Replace(Request, GuardedRequest, StringComparison.Ordinal),
                CodeFix = new AddVersionConditionCodeFixProvider(),
                CodeActionEquivalenceKey = AddVersionConditionCodeFixProvider.OnlyCreateKey,
            };
            foreach (var file in SampleSources().Where(f => f != "TrackImporter.cs"))
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
