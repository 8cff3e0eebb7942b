using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Meta
{
    /// <summary>
    /// Both DDB201 fixes applied to the sample app's read-modify-write page-view counter: the result must compile with
    /// the rest of the app, carry no DDB201 any more, and send expressions DynamoDB accepts (every placeholder defined
    /// and used).
    /// </summary>
    public class SampleAtomicUpdateFixTests
    {
        private static readonly string SampleDirectory = Path.Combine(Product.RepositoryRoot, "samples", "MusicLibrary");

        private const string Call = "await _client.UpdateItemAsync(new UpdateItemRequest // expect: DDB201";

        private const string Request = @"                UpdateExpression = ""SET #views = :v"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#views""] = ViewsAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":v""] = new AttributeValue { N = views.ToString(CultureInfo.InvariantCulture) },
                },
            }, cancellationToken);";

        [Fact]
        public async Task MusicLibrary_Ddb201AtomicAddFix_CompilesWithoutDdb201()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBVersion(name)], DynamoDBContextBuilder, SaveConfig");
            await VerifyAsync(AtomicUpdateCodeFixProvider.UseAtomicAddKey, @"                UpdateExpression = ""ADD #views :delta"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#views""] = ViewsAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":delta""] = new AttributeValue { N = ""1"" },
                },
            }, cancellationToken);");
        }

        [Fact]
        public async Task MusicLibrary_Ddb201ConditionFix_CompilesWithoutDdb201()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBVersion(name)], DynamoDBContextBuilder, SaveConfig");
            await VerifyAsync(AtomicUpdateCodeFixProvider.AddReadValueConditionKey, @"                UpdateExpression = ""SET #views = :v"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#views""] = ViewsAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":v""] = new AttributeValue { N = views.ToString(CultureInfo.InvariantCulture) },
                    ["":expected""] = item is { Count: > 0 } ? item[ViewsAttribute] : new AttributeValue { NULL = true },
                },
                ConditionExpression = ""attribute_not_exists(#views) OR #views = :expected"",
            }, cancellationToken);");
        }

        [Fact]
        public async Task MusicLibrary_Ddb201AcrossMethodsFix_UsesTheRepositorysAtomicAdd()
        {
            // FollowService reads the count through one repository method and writes it back through another; the
            // repository already has AddFollowersAsync (ADD on the same item), so the fix calls it and keeps the read,
            // which the method still returns from.
            TestSdks.Only(AwsSdk.V4, "[DynamoDBVersion(name)], DynamoDBContextBuilder, SaveConfig");
            const string HelperCall = "await _stats.SetFollowerCountAsync(playlistId, followers + 1, cancellationToken); // expect: DDB201";
            var source = Read("Data/FollowService.cs");
            Assert.Contains(HelperCall, source, StringComparison.Ordinal);
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = source.Replace(HelperCall, HelperCall.Replace("SetFollowerCountAsync", "{|DDB201:SetFollowerCountAsync|}", StringComparison.Ordinal), StringComparison.Ordinal),
                FixedCode = source.Replace(HelperCall, "await _stats.AddFollowersAsync(playlistId, 1, cancellationToken); // expect: DDB201", StringComparison.Ordinal),
                CodeFix = new AtomicAddInHelperCodeFixProvider(),
                CodeActionEquivalenceKey = AtomicAddInHelperCodeFixProvider.EquivalenceKey,
            };
            foreach (var file in SampleSources().Where(f => f != "Data/FollowService.cs"))
            {
                var text = Read(file);
                if (file == "PageViewCounterService.cs")
                {
                    // The sample's DDB201 in one method has the other provider's fixes: it stays here.
                    text = text.Replace(Call, Call.Replace("UpdateItemAsync", "{|DDB201:UpdateItemAsync|}", StringComparison.Ordinal), StringComparison.Ordinal);
                }

                test.AdditionalSources.Add((file, text));
            }

            await test.RunAsync();
        }

        private static async Task VerifyAsync(string key, string fixedRequest)
        {
            var source = Read("PageViewCounterService.cs");
            Assert.Contains(Call, source, StringComparison.Ordinal);
            Assert.Contains(Request, source, StringComparison.Ordinal);
            var fixedSource = source.Replace(Request, fixedRequest, StringComparison.Ordinal);

            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = source.Replace(Call, Call.Replace("UpdateItemAsync", "{|DDB201:UpdateItemAsync|}", StringComparison.Ordinal), StringComparison.Ordinal),
                FixedCode = fixedSource,
                CodeFix = new AtomicUpdateCodeFixProvider(),
                CodeActionEquivalenceKey = key,
            };
            foreach (var file in SampleSources().Where(f => f != "PageViewCounterService.cs"))
            {
                // The sample's DDB201 across methods (FollowService) has its own provider's fix: it stays here.
                var text = Read(file);
                if (file.EndsWith("FollowService.cs", StringComparison.Ordinal))
                {
                    const string HelperCall = "_stats.SetFollowerCountAsync(playlistId, followers + 1";
                    Assert.Contains(HelperCall, text, StringComparison.Ordinal);
                    text = text.Replace(HelperCall, HelperCall.Replace("SetFollowerCountAsync", "{|DDB201:SetFollowerCountAsync|}", StringComparison.Ordinal), StringComparison.Ordinal);
                }

                test.AdditionalSources.Add((file, text));
            }

            await test.RunAsync();

            // Both writes of the service (the fixed one and the correct ADD) send valid expressions.
            var others = SampleSources().Where(f => f != "PageViewCounterService.cs").Select(Read).ToArray();
            Assert.Equal(2, WriteExpressionChecks.AssertValid(fixedSource, ReferenceSet.AwsSdk, others));
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
