using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using static DynamoGuard.Tests.Rules.Expressions.ExpressionSources;

namespace DynamoGuard.Tests.Rules.Expressions
{
    /// <summary>DDB401: placeholders used but undefined, entries defined but unused, empty dictionaries.</summary>
    public class PlaceholderTests
    {
        private static Task VerifyAsync(string body, params DiagnosticResult[] expected)
        {
            var test = new CSharpTest(new ExpressionAnalyzer()) { TestCode = Method(body) };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        private static Task VerifyFixAsync(string body, string fixedBody)
        {
            return new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Method(body),
                FixedCode = Method(fixedBody),
                CodeFix = new RemoveUnusedPlaceholderCodeFixProvider(),
                CodeActionEquivalenceKey = RemoveUnusedPlaceholderCodeFixProvider.EquivalenceKey,
            }.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_ValuePlaceholderNotDefined_TriggersOnThePlaceholder()
        {
            await VerifyAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET Title = :title, Plays = Plays + {|#0::one|}"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":title""] = new AttributeValue { S = ""x"" } },
        });",
                new DiagnosticResult("DDB401").WithLocation(0).WithMessage(
                    "UpdateExpression uses ':one', which ExpressionAttributeValues does not define; DynamoDB rejects the request"));
        }

        [Fact]
        public async Task PutItem_NamePlaceholderWithoutAnyNames_Triggers()
        {
            await VerifyAsync(@"
        await client.PutItemAsync(new PutItemRequest { TableName = ""Playlists"", Item = key, ConditionExpression = ""attribute_not_exists({|#0:#pk|})"" });",
                new DiagnosticResult("DDB401").WithLocation(0).WithMessage(
                    "ConditionExpression uses '#pk', which is not defined: ExpressionAttributeNames is not set; DynamoDB rejects the request"));
        }

        [Fact]
        public async Task UsedTwice_ReportedOncePerExpression()
        {
            await VerifyAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET a = {|DDB401::v|}, b = :v"",
            ConditionExpression = ""c <> {|DDB401::v|}"",
        });");
        }

        [Fact]
        public async Task UnusedValue_Triggers_AndTheFixRemovesIt()
        {
            await VerifyFixAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET Title = :title"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":title""] = new AttributeValue { S = ""x"" },
                [{|DDB401:"":old""|}] = new AttributeValue { S = ""y"" },
            },
        });", @"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET Title = :title"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":title""] = new AttributeValue { S = ""x"" },
            },
        });");
        }

        [Fact]
        public async Task UnusedValue_HasTheServiceMessage()
        {
            await VerifyAsync(@"
        await client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            ConditionExpression = ""attribute_exists(pk)"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [{|#0:"":v""|}] = new AttributeValue { S = ""y"" } },
        });",
                new DiagnosticResult("DDB401").WithLocation(0).WithMessage(
                    "ExpressionAttributeValues defines ':v', which no expression of the request uses; DynamoDB rejects unused entries"));
        }

        [Fact]
        public async Task AllEntriesUnused_FixAllRemovesTheDictionary()
        {
            await VerifyFixAsync(@"
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = key,
            ConditionExpression = ""attribute_not_exists(pk)"",
            ExpressionAttributeNames = new Dictionary<string, string> { [{|DDB401:""#a""|}] = ""a"", [{|DDB401:""#b""|}] = ""b"" },
        });", @"
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = key,
            ConditionExpression = ""attribute_not_exists(pk)"",
        });");
        }

        [Fact]
        public async Task UnusedEntriesInBothDictionaries_FixAllRemovesEachStyle()
        {
            await VerifyFixAsync(@"
        var request = new QueryRequest
        {
            TableName = ""Tracks"",
            KeyConditionExpression = ""#pk = :pk"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#pk"", ""pk"" }, { {|DDB401:""#sk""|}, ""sk"" } },
        };
        var values = new Dictionary<string, AttributeValue>();
        values["":pk""] = new AttributeValue { S = ""a"" };
        values.Add({|DDB401:"":from""|}, new AttributeValue { S = ""b"" });
        request.ExpressionAttributeValues = values;
        await client.QueryAsync(request);", @"
        var request = new QueryRequest
        {
            TableName = ""Tracks"",
            KeyConditionExpression = ""#pk = :pk"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#pk"", ""pk"" } },
        };
        var values = new Dictionary<string, AttributeValue>();
        values["":pk""] = new AttributeValue { S = ""a"" };
        request.ExpressionAttributeValues = values;
        await client.QueryAsync(request);");
        }

        [Fact]
        public async Task DocumentModelExpression_EntriesThroughTheProperty_AreChecked()
        {
            await VerifyFixAsync(@"
        var condition = new Expression { ExpressionStatement = ""Price > :min"" };
        condition.ExpressionAttributeValues["":min""] = 10;
        condition.ExpressionAttributeValues[{|DDB401:"":max""|}] = 20;
        await table.DeleteItemAsync(document, new DeleteItemOperationConfig { ConditionalExpression = condition });", @"
        var condition = new Expression { ExpressionStatement = ""Price > :min"" };
        condition.ExpressionAttributeValues["":min""] = 10;
        await table.DeleteItemAsync(document, new DeleteItemOperationConfig { ConditionalExpression = condition });");
        }

        [Fact]
        public async Task DocumentModelExpression_UndefinedValue_Triggers()
        {
            await VerifyAsync(@"
        var condition = new Expression { ExpressionStatement = ""Price > {|DDB401::min|}"" };
        await table.DeleteItemAsync(document, new DeleteItemOperationConfig { ConditionalExpression = condition });");
        }

        [Fact]
        public async Task EmptyValuesDictionary_Triggers()
        {
            await VerifyAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""REMOVE Draft"",
            ExpressionAttributeValues = {|#0:new Dictionary<string, AttributeValue>()|},
        });",
                new DiagnosticResult("DDB401").WithLocation(0).WithMessage(
                    "ExpressionAttributeValues is set to an empty dictionary; the SDK sends it and DynamoDB rejects it ('ExpressionAttributeValues must not be empty'): leave it unset"));
        }

        [Fact]
        public async Task EmptyDictionaryInADocumentModelExpression_DoesNotTrigger()
        {
            await VerifyAsync(@"
        var condition = new Expression { ExpressionStatement = ""attribute_exists(pk)"", ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry>() };
        await table.DeleteItemAsync(document, new DeleteItemOperationConfig { ConditionalExpression = condition });");
        }

        [Fact]
        public async Task TransactAndBatchMembers_AreCheckedEachWithItsOwnDictionaries()
        {
            await VerifyAsync(@"
        await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem { Put = new Put { TableName = ""A"", Item = key, ConditionExpression = ""attribute_not_exists(pk)"" } },
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = ""B"",
                        Key = key,
                        UpdateExpression = ""ADD Balance {|DDB401::amount|}"",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [{|DDB401:"":amt""|}] = new AttributeValue { N = ""5"" } },
                    },
                },
            },
        });
        await client.TransactGetItemsAsync(new TransactGetItemsRequest
        {
            TransactItems = new List<TransactGetItem>
            {
                new TransactGetItem { Get = new Get { TableName = ""A"", Key = key, ProjectionExpression = ""{|DDB401:#t|}"" } },
            },
        });
        await client.BatchGetItemAsync(new BatchGetItemRequest
        {
            RequestItems = new Dictionary<string, KeysAndAttributes>
            {
                [""Tracks""] = new KeysAndAttributes
                {
                    Keys = new List<Dictionary<string, AttributeValue>> { key },
                    ProjectionExpression = ""#t"",
                    ExpressionAttributeNames = new Dictionary<string, string> { [""#t""] = ""Title"", [{|DDB401:""#a""|}] = ""Artist"" },
                },
            },
        });");
        }

        [Fact]
        public async Task NamesAndValuesSharedByAllExpressionsOfTheRequest_DoNotTrigger()
        {
            await VerifyAsync(@"
        await client.QueryAsync(new QueryRequest
        {
            TableName = ""Tracks"",
            KeyConditionExpression = ""#pk = :pk"",
            FilterExpression = ""#r > :min"",
            ProjectionExpression = ""#t, #r"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#pk""] = ""pk"", [""#r""] = ""Rating"", [""#t""] = ""Title"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":pk""] = new AttributeValue { S = ""a"" },
                ["":min""] = new AttributeValue { N = ""3"" },
            },
        });");
        }

        [Fact]
        public async Task RequestOrDictionaryNotFullyVisible_DoesNotTrigger()
        {
            await VerifyAsync(@"
        // Dictionary from a helper: its content is unknown.
        await client.UpdateItemAsync(new UpdateItemRequest { TableName = ""P"", Key = key, UpdateExpression = ""SET a = :a"", ExpressionAttributeValues = Values() });

        // Request handed to a helper that may set more.
        var request = new UpdateItemRequest { TableName = ""P"", Key = key, UpdateExpression = ""SET a = :a"" };
        Fill(request);
        await client.UpdateItemAsync(request);

        // Expression built at run time: uses are unknown.
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""P"",
            Key = key,
            UpdateExpression = ""SET a = "" + runtime,
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":b""] = new AttributeValue { S = ""b"" } },
        });

        // Key not constant.
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""P"",
            Key = key,
            UpdateExpression = ""SET a = :a"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [runtime] = new AttributeValue { S = ""b"" } },
        });

        // Dictionary changed through the request after it was assigned.
        var later = new UpdateItemRequest { TableName = ""P"", Key = key, UpdateExpression = ""SET a = :a, b = :b"" };
        later.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":a""] = new AttributeValue { S = ""a"" } };
        later.ExpressionAttributeValues["":b""] = new AttributeValue { S = ""b"" };
        await client.UpdateItemAsync(later);

        // Request returned to the caller.
        static UpdateItemRequest Build(Dictionary<string, AttributeValue> k) => new UpdateItemRequest { TableName = ""P"", Key = k, UpdateExpression = ""SET a = :a"" };
        await client.UpdateItemAsync(Build(key));");
        }
    }
}
