using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using static DynamoGuard.Tests.Rules.Expressions.ExpressionSources;

namespace DynamoGuard.Tests.Rules.Expressions
{
    /// <summary>DDB405: expression parameters and legacy parameters in one request.</summary>
    public class MixedParametersTests
    {
        private static Task VerifyAsync(string body, params DiagnosticResult[] expected)
        {
            var test = new CSharpTest(new ExpressionAnalyzer()) { TestCode = Method(body) };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_UpdateExpressionWithAttributeUpdates_Triggers()
        {
            await VerifyAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET Title = :t"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":t""] = new AttributeValue { S = ""x"" } },
            {|#0:AttributeUpdates|} = new Dictionary<string, AttributeValueUpdate> { [""Plays""] = new AttributeValueUpdate { Action = AttributeAction.ADD, Value = new AttributeValue { N = ""1"" } } },
        });",
                new DiagnosticResult("DDB405").WithLocation(0).WithMessage(
                    "UpdateItemRequest sets both UpdateExpression and the legacy parameter AttributeUpdates; DynamoDB rejects a request that mixes expression and non-expression parameters"));
        }

        [Fact]
        public async Task PutItem_ConditionExpressionWithExpectedSetLater_Triggers()
        {
            await VerifyAsync(@"
        var request = new PutItemRequest { TableName = ""Playlists"", Item = key, ConditionExpression = ""attribute_not_exists(pk)"" };
        {|DDB405:request.Expected|} = new Dictionary<string, ExpectedAttributeValue> { [""pk""] = new ExpectedAttributeValue { Exists = false } };
        {|DDB405:request.ConditionalOperator|} = ConditionalOperator.AND;
        await client.PutItemAsync(request);");
        }

        [Fact]
        public async Task Query_ProjectionExpressionWithAttributesToGet_Triggers()
        {
            await VerifyAsync(@"
        await client.QueryAsync(new QueryRequest
        {
            TableName = ""Tracks"",
            KeyConditionExpression = ""pk = :pk"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":pk""] = new AttributeValue { S = ""x"" } },
            {|DDB405:AttributesToGet|} = new List<string> { ""Title"" },
            {|DDB405:QueryFilter|} = new Dictionary<string, Condition>(),
        });");
        }

        [Fact]
        public async Task BatchGet_KeysAndAttributesMixingProjections_Triggers()
        {
            await VerifyAsync(@"
        await client.BatchGetItemAsync(new BatchGetItemRequest
        {
            RequestItems = new Dictionary<string, KeysAndAttributes>
            {
                [""Tracks""] = new KeysAndAttributes { Keys = new List<Dictionary<string, AttributeValue>> { key }, ProjectionExpression = ""Title"", {|DDB405:AttributesToGet|} = new List<string> { ""Artist"" } },
            },
        });");
        }

        [Fact]
        public async Task Scan_ExpressionSetAtRunTimeWithScanFilter_Triggers()
        {
            await VerifyAsync(@"
        await client.ScanAsync(new ScanRequest { TableName = ""Tracks"", FilterExpression = runtime, {|DDB405:ScanFilter|} = new Dictionary<string, Condition>() });");
        }

        [Fact]
        public async Task LegacyParametersAlone_DoNotTrigger()
        {
            await VerifyAsync(@"
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = key,
            Expected = new Dictionary<string, ExpectedAttributeValue> { [""pk""] = new ExpectedAttributeValue { Exists = false } },
        });
        await client.GetItemAsync(new GetItemRequest { TableName = ""Tracks"", Key = key, AttributesToGet = new List<string> { ""Title"" } });");
        }

        [Fact]
        public async Task ExpressionSetToNull_DoesNotTrigger()
        {
            await VerifyAsync(@"
        await client.GetItemAsync(new GetItemRequest { TableName = ""Tracks"", Key = key, ProjectionExpression = null, AttributesToGet = new List<string> { ""Title"" } });
        await client.GetItemAsync(new GetItemRequest { TableName = ""Tracks"", Key = key, ProjectionExpression = ""Title"", AttributesToGet = null });");
        }
    }
}
