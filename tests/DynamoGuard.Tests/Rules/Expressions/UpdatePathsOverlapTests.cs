using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using static DynamoGuard.Tests.Rules.Expressions.ExpressionSources;

namespace DynamoGuard.Tests.Rules.Expressions
{
    /// <summary>DDB404: two actions of one update expression on the same or nested paths.</summary>
    public class UpdatePathsOverlapTests
    {
        private static Task VerifyAsync(string update, string names = "", params DiagnosticResult[] expected)
        {
            var test = new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Method(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = """ + update + @""",
            " + names + @"
            ExpressionAttributeValues = Values(),
        });"),
            };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        [Fact]
        public async Task SetSamePathTwice_Triggers()
        {
            await VerifyAsync(
                "SET a = :x, {|#0:a|} = :y",
                expected: new DiagnosticResult("DDB404").WithLocation(0).WithMessage(
                    "UpdateExpression writes 'a' and 'a', which are the same path; DynamoDB rejects the update ('Two document paths overlap with each other')"));
        }

        [Fact]
        public async Task SetAndRemoveSamePath_Triggers()
        {
            await VerifyAsync("SET a = :x REMOVE {|DDB404:a|}");
        }

        [Fact]
        public async Task NestedPathThenParent_Triggers()
        {
            await VerifyAsync(
                "SET a.b = :x, {|#0:a|} = :y",
                expected: new DiagnosticResult("DDB404").WithLocation(0).WithMessage(
                    "UpdateExpression writes 'a.b' and 'a', which overlap (one contains the other); DynamoDB rejects the update ('Two document paths overlap with each other')"));
        }

        [Fact]
        public async Task ListElementAndItsChild_Triggers()
        {
            await VerifyAsync("SET l[0] = :x ADD {|DDB404:l[0].n|} :y");
        }

        [Fact]
        public async Task PlaceholderAndBareNameForTheSameAttribute_Triggers()
        {
            await VerifyAsync(
                "SET #p = :x REMOVE {|DDB404:plays|}",
                @"ExpressionAttributeNames = new Dictionary<string, string> { [""#p""] = ""plays"" },");
        }

        [Fact]
        public async Task SamePlaceholderTwice_TriggersEvenWithoutKnownNames()
        {
            var test = new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Method(@"
        var request = new UpdateItemRequest { TableName = ""Playlists"", Key = key };
        Fill(request);
        request.UpdateExpression = ""SET #p = :x, {|DDB404:#p|} = :y"";
        await client.UpdateItemAsync(request);"),
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task TransactUpdate_Triggers()
        {
            var test = new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Method(@"
        await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem { Update = new Update { TableName = ""T"", Key = key, UpdateExpression = ""ADD n :one SET {|DDB404:n|} = :two"", ExpressionAttributeValues = Values() } },
            },
        });"),
            };
            await test.RunAsync();
        }

        [Theory]
        [InlineData("SET a = :x, b = :y")]
        [InlineData("SET a[0] = :x, a[1] = :y")]
        [InlineData("SET a.b = :x, a.c = :y REMOVE d")]
        [InlineData("SET a = a + :x")]
        [InlineData("SET ab = :x REMOVE a")]
        [InlineData("SET l = list_append(l, :x) ADD n :y DELETE s :z")]
        public async Task DistinctPaths_DoNotTrigger(string update)
        {
            await VerifyAsync(update);
        }

        [Fact]
        public async Task PlaceholdersForDistinctNames_DoNotTrigger()
        {
            await VerifyAsync("SET #a = :x, #b = :y", @"ExpressionAttributeNames = new Dictionary<string, string> { [""#a""] = ""a"", [""#b""] = ""b"" },");
        }
    }
}
