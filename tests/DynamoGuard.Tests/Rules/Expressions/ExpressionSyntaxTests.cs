using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using static DynamoGuard.Tests.Rules.Expressions.ExpressionSources;

namespace DynamoGuard.Tests.Rules.Expressions
{
    /// <summary>DDB403: an expression DynamoDB cannot parse or rejects by its grammar.</summary>
    public class ExpressionSyntaxTests
    {
        private static Task VerifyAsync(string body, params DiagnosticResult[] expected)
        {
            var test = new CSharpTest(new ExpressionAnalyzer()) { TestCode = Method(body) };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_UnbalancedParenthesis_TriggersAtTheEndWithWhatWasExpected()
        {
            await VerifyAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = {|#0:""SET #n = (#n + :one""|},
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""plays"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
        });",
                new DiagnosticResult("DDB403").WithLocation(0).WithMessage(
                    "UpdateExpression is invalid at character 20: expected ')' to close the '(', found end of expression"));
        }

        [Fact]
        public async Task PutItem_StrayToken_TriggersOnTheToken()
        {
            await VerifyAsync(@"
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = key,
            ConditionExpression = ""attribute_not_exists(pk) {|#0:pk|} = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { S = ""x"" } },
        });",
                new DiagnosticResult("DDB403").WithLocation(0).WithMessage(
                    "ConditionExpression is invalid at character 26: expected AND, OR or end of expression, found 'pk'"));
        }

        [Fact]
        public async Task DeleteItem_UnknownFunction_TriggersOnTheName()
        {
            await VerifyAsync(@"
        await client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            ConditionExpression = ""{|#0:Attribute_Exists|}(pk)"",
        });",
                new DiagnosticResult("DDB403").WithLocation(0).WithMessage(
                    "ConditionExpression is invalid at character 1: invalid function name 'Attribute_Exists': function names are case-sensitive, write 'attribute_exists'"));
        }

        [Fact]
        public async Task UpdateItem_ClauseTwice_TriggersOnTheSecondKeyword()
        {
            await VerifyAsync(@"
        var request = new UpdateItemRequest { TableName = ""Playlists"", Key = key };
        request.UpdateExpression = ""SET a = :a {|DDB403:SET|} b = :b"";
        request.ExpressionAttributeValues = new Dictionary<string, AttributeValue>
        {
            ["":a""] = new AttributeValue { S = ""a"" },
            ["":b""] = new AttributeValue { S = ""b"" },
        };
        await client.UpdateItemAsync(request);");
        }

        [Fact]
        public async Task Query_OrInKeyCondition_Triggers()
        {
            await VerifyAsync(@"
        await client.QueryAsync(new QueryRequest
        {
            TableName = ""Tracks"",
            KeyConditionExpression = ""{|DDB403:pk = :pk OR pk = :other|}"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":pk""] = new AttributeValue { S = ""a"" },
                ["":other""] = new AttributeValue { S = ""b"" },
            },
        });");
        }

        [Fact]
        public async Task Scan_LiteralValueInFilter_Triggers()
        {
            await VerifyAsync(@"
        await client.ScanAsync(new ScanRequest { TableName = ""Tracks"", FilterExpression = ""Rating > {|DDB403:3|}"" });");
        }

        [Fact]
        public async Task GetItem_ProjectionWithTrailingComma_TriggersOnTheWholeLiteralForAnErrorAtTheEnd()
        {
            await VerifyAsync(@"
        await client.GetItemAsync(new GetItemRequest { TableName = ""Tracks"", Key = key, ProjectionExpression = {|DDB403:""Title, Artist,""|} });");
        }

        [Fact]
        public async Task TransactWrite_ConditionCheckWithMissingOperand_Triggers()
        {
            await VerifyAsync(@"
        await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem
                {
                    ConditionCheck = new ConditionCheck { TableName = ""Accounts"", Key = key, ConditionExpression = ""Balance >= {|DDB403:AND|}"" },
                },
            },
        });");
        }

        [Fact]
        public async Task DocumentModelExpression_SyntaxError_Triggers()
        {
            await VerifyAsync(@"
        var condition = new Expression { ExpressionStatement = ""Price <>{|DDB403:=|} :p"" };
        await table.DeleteItemAsync(document, new DeleteItemOperationConfig { ConditionalExpression = condition });");
        }

        [Fact]
        public async Task ConstantFromConcatenation_TriggersOnTheWholeValue()
        {
            await VerifyAsync(@"
        const string Increment = ""#n = #n + "";
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = {|DDB403:Set + Increment|},
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""plays"" },
        });");
        }

        [Fact]
        public async Task EscapedLiteral_TriggersOnTheWholeLiteral()
        {
            await VerifyAsync(@"
        await client.ScanAsync(new ScanRequest { TableName = ""Tracks"", FilterExpression = {|DDB403:""a = :a\tAND""|}, ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":a""] = new AttributeValue { S = ""x"" } } });");
        }

        [Fact]
        public async Task VerbatimLiteral_MapsPrecisely()
        {
            await VerifyAsync(@"
        await client.ScanAsync(new ScanRequest { TableName = ""Tracks"", FilterExpression = @""a = {|DDB403:=|} :a"", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":a""] = new AttributeValue { S = ""x"" } } });");
        }

        [Fact]
        public async Task ValidExpressionsEverywhere_DoNotTrigger()
        {
            await VerifyAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #c = if_not_exists(#c, :zero) + :one, Tags = list_append(Tags, :t) REMOVE Draft ADD Plays :one DELETE Genres :g"",
            ConditionExpression = ""attribute_exists(pk) AND (#v = :v OR attribute_not_exists(#v)) AND size(Tags) < :max AND Genre IN (:g1, :g2)"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#c""] = ""count"", [""#v""] = ""version"" },
            ExpressionAttributeValues = Values(),
        });
        await client.QueryAsync(new QueryRequest
        {
            TableName = ""Tracks"",
            KeyConditionExpression = ""pk = :pk AND begins_with(sk, :prefix)"",
            FilterExpression = ""Rating BETWEEN :lo AND :hi"",
            ProjectionExpression = ""Title, Artist.Id, Tags[0]"",
            ExpressionAttributeValues = Values(),
        });");
        }

        [Fact]
        public async Task ExpressionBuiltAtRunTime_DoesNotTrigger()
        {
            await VerifyAsync(@"
        await client.ScanAsync(new ScanRequest { TableName = ""Tracks"", FilterExpression = ""a = "" + runtime });
        await client.ScanAsync(new ScanRequest { TableName = ""Tracks"", FilterExpression = $""a = {runtime}"" });
        var built = ""a = :a AND"";
        built += runtime;
        await client.ScanAsync(new ScanRequest { TableName = ""Tracks"", FilterExpression = built });");
        }

        [Fact]
        public async Task StringPropertyOfAnotherType_DoesNotTrigger()
        {
            await VerifyAsync(@"
        var other = new Other { UpdateExpression = ""not ( an expression"" };");
        }

        [Fact]
        public async Task BrokenCode_ReportsWhatItCanWithoutThrowing()
        {
            await new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Method(@"
        await client.UpdateItemAsync(new UpdateItemRequest { UpdateExpression = {|DDB403:""SET a = ""|}, ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [:a] = } });
        var r = new QueryRequest { KeyConditionExpression = , FilterExpression = 42, ProjectionExpression = ""a,"" + };
        var e = new Expression { ExpressionStatement = null, ExpressionAttributeValues = { [""x""] = } };"),
                AllowAnyCompilerErrors = true,
                CheckSuppressions = false,
            }.RunAsync();
        }
    }
}
