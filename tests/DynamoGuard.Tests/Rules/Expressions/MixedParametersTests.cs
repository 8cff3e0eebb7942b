using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
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

        private static Task VerifyFixAsync(string body, string fixedBody)
        {
            return new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Method(body),
                FixedCode = Method(fixedBody),
                CodeFix = new ConvertLegacyParametersCodeFixProvider(),
                CodeActionEquivalenceKey = ConvertLegacyParametersCodeFixProvider.EquivalenceKey,
            }.RunAsync();
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

        [Fact]
        public async Task Fix_AttributeUpdatesAdd_AppendsAnAddClauseAndTheValue()
        {
            await VerifyFixAsync("""
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            UpdateExpression = "SET Title = :t",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = new AttributeValue { S = "x" } },
                            {|DDB405:AttributeUpdates|} = new Dictionary<string, AttributeValueUpdate> { ["Plays"] = new AttributeValueUpdate { Action = AttributeAction.ADD, Value = new AttributeValue { N = "1" } } },
                        });
                """, """
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            UpdateExpression = "SET Title = :t ADD Plays :v",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = new AttributeValue { S = "x" }, [":v"] = new AttributeValue { N = "1" } },
                        });
                """);
        }

        [Fact]
        public async Task Fix_AttributeUpdates_PutJoinsTheSetClause_DeleteBecomesRemove_ReservedWordsAliased()
        {
            await VerifyFixAsync("""
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            // the title changes with the plays
                            UpdateExpression = "SET Title = :t, Mood = :v REMOVE Draft",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                            {
                                [":t"] = new AttributeValue { S = "x" },
                                [":v"] = new AttributeValue { S = "taken" },
                            },
                            {|DDB405:AttributeUpdates|} = new Dictionary<string, AttributeValueUpdate>
                            {
                                ["count"] = new AttributeValueUpdate { Action = AttributeAction.PUT, Value = new AttributeValue { N = "3" } },
                                ["Rating"] = new AttributeValueUpdate { Value = new AttributeValue { N = "5" } },
                                ["Lyrics"] = new AttributeValueUpdate { Action = AttributeAction.DELETE },
                                ["Tags"] = new AttributeValueUpdate { Action = AttributeAction.DELETE, Value = new AttributeValue { SS = new List<string> { "old" } } },
                            },
                            ReturnValues = ReturnValue.ALL_NEW, // keep
                        });
                """, """
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            // the title changes with the plays
                            UpdateExpression = "SET Title = :t, Mood = :v, #count = :v1, Rating = :v2 REMOVE Draft, Lyrics DELETE Tags :v3",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                            {
                                [":t"] = new AttributeValue { S = "x" },
                                [":v"] = new AttributeValue { S = "taken" },
                                [":v1"] = new AttributeValue { N = "3" },
                                [":v2"] = new AttributeValue { N = "5" },
                                [":v3"] = new AttributeValue { SS = new List<string> { "old" } },
                            },
                            ReturnValues = ReturnValue.ALL_NEW, // keep
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#count"] = "count" },
                        });
                """);
        }

        [Fact]
        public async Task Fix_ExpectedWithOr_IsAndedWithTheCondition_NamesAndValuesAdded()
        {
            await VerifyFixAsync("""
                        await client.PutItemAsync(new PutItemRequest
                        {
                            TableName = "Tracks",
                            Item = key,
                            ConditionExpression = "attribute_not_exists(pk) OR Locked = :f",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { { ":f", new AttributeValue { BOOL = false } } },
                            {|DDB405:Expected|} = new Dictionary<string, ExpectedAttributeValue>
                            {
                                ["Status"] = new ExpectedAttributeValue { Value = new AttributeValue { S = "draft" } },
                                ["Owner"] = new ExpectedAttributeValue { Exists = false },
                                ["Plays"] = new ExpectedAttributeValue { ComparisonOperator = ComparisonOperator.BETWEEN, AttributeValueList = new List<AttributeValue> { new AttributeValue { N = "1" }, new AttributeValue { N = "9" } } },
                                ["Genre"] = new ExpectedAttributeValue { ComparisonOperator = "IN", AttributeValueList = new List<AttributeValue> { new AttributeValue { S = "rock" }, new AttributeValue { S = "pop" } } },
                                ["Artist"] = new ExpectedAttributeValue { ComparisonOperator = ComparisonOperator.NOT_NULL },
                            },
                            {|DDB405:ConditionalOperator|} = ConditionalOperator.OR,
                        });
                """, """
                        await client.PutItemAsync(new PutItemRequest
                        {
                            TableName = "Tracks",
                            Item = key,
                            ConditionExpression = "(attribute_not_exists(pk) OR Locked = :f) AND (#Status = :v OR attribute_not_exists(#Owner) OR Plays BETWEEN :v1 AND :v2 OR Genre IN (:v3, :v4) OR attribute_exists(Artist))",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { { ":f", new AttributeValue { BOOL = false } }, { ":v", new AttributeValue { S = "draft" } }, { ":v1", new AttributeValue { N = "1" } }, { ":v2", new AttributeValue { N = "9" } }, { ":v3", new AttributeValue { S = "rock" } }, { ":v4", new AttributeValue { S = "pop" } } },
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#Status"] = "Status", ["#Owner"] = "Owner" },
                        });
                """);
        }

        [Fact]
        public async Task Fix_QueryFilterAndAttributesToGet_JoinTheFilterAndAddAProjection()
        {
            await VerifyFixAsync("""
                        await client.QueryAsync(new QueryRequest
                        {
                            TableName = "Tracks",
                            KeyConditionExpression = "pk = :pk",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new AttributeValue { S = "x" } },
                            {|DDB405:AttributesToGet|} = new List<string> { "Title", "name", "release-date", "Café" },
                            {|DDB405:QueryFilter|} = new Dictionary<string, Condition>
                            {
                                ["Title"] = new Condition { ComparisonOperator = ComparisonOperator.BEGINS_WITH, AttributeValueList = new List<AttributeValue> { new AttributeValue { S = "A" } } },
                                ["Plays"] = new Condition { ComparisonOperator = ComparisonOperator.GT, AttributeValueList = new List<AttributeValue> { new AttributeValue { N = "0" } } },
                            },
                        });
                """, """
                        await client.QueryAsync(new QueryRequest
                        {
                            TableName = "Tracks",
                            KeyConditionExpression = "pk = :pk",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new AttributeValue { S = "x" }, [":v"] = new AttributeValue { S = "A" }, [":v1"] = new AttributeValue { N = "0" } },
                            ProjectionExpression = "Title, #name, #releasedate, #attr",
                            FilterExpression = "begins_with(Title, :v) AND Plays > :v1",
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#name"] = "name", ["#releasedate"] = "release-date", ["#attr"] = "Café" },
                        });
                """);
        }

        [Fact]
        public async Task Fix_KeyConditionsWithAFilterExpression_BecomeTheKeyConditionExpression()
        {
            await VerifyFixAsync("""
                        await client.QueryAsync(new QueryRequest
                        {
                            TableName = "Tracks",
                            FilterExpression = "Plays > :min",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":min"] = new AttributeValue { N = "0" } },
                            {|DDB405:KeyConditions|} = new Dictionary<string, Condition>
                            {
                                { "pk", new Condition { ComparisonOperator = ComparisonOperator.EQ, AttributeValueList = new List<AttributeValue> { new AttributeValue { S = "album#1" } } } },
                                { "sk", new Condition { ComparisonOperator = ComparisonOperator.BEGINS_WITH, AttributeValueList = new List<AttributeValue> { new AttributeValue { S = "track#" } } } },
                            },
                        });
                """, """
                        await client.QueryAsync(new QueryRequest
                        {
                            TableName = "Tracks",
                            FilterExpression = "Plays > :min",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":min"] = new AttributeValue { N = "0" }, [":v"] = new AttributeValue { S = "album#1" }, [":v1"] = new AttributeValue { S = "track#" } },
                            KeyConditionExpression = "pk = :v AND begins_with(sk, :v1)",
                        });
                """);
        }

        [Fact]
        public async Task Fix_AttributesToGet_JoinsTheProjection_SkippingWhatItHas()
        {
            await VerifyFixAsync("""
                        await client.GetItemAsync(new GetItemRequest { TableName = "Tracks", Key = key, ProjectionExpression = "Title", {|DDB405:AttributesToGet|} = new List<string> { "Artist", "Title" } });
                        await client.GetItemAsync(new GetItemRequest { TableName = "Tracks", Key = key, ProjectionExpression = "Title", {|DDB405:AttributesToGet|} = new List<string>() });
                """, """
                        await client.GetItemAsync(new GetItemRequest { TableName = "Tracks", Key = key, ProjectionExpression = "Title, Artist" });
                        await client.GetItemAsync(new GetItemRequest { TableName = "Tracks", Key = key, ProjectionExpression = "Title" });
                """);
        }

        [Fact]
        public async Task Fix_ScanFilterWithoutExpressionValues_AddsTheDictionary_AndEmptyLegacyFilterIsDropped()
        {
            await VerifyFixAsync("""
                        await client.ScanAsync(new ScanRequest
                        {
                            TableName = "Tracks",
                            FilterExpression = "attribute_exists(Title)",
                            {|DDB405:ScanFilter|} = new Dictionary<string, Condition> { ["Tags"] = new Condition { ComparisonOperator = ComparisonOperator.CONTAINS, AttributeValueList = new List<AttributeValue> { new AttributeValue { S = "live" } } } },
                        });
                        await client.ScanAsync(new ScanRequest { TableName = "Tracks", FilterExpression = "attribute_exists(Title)", {|DDB405:ScanFilter|} = new Dictionary<string, Condition>() });
                """, """
                        await client.ScanAsync(new ScanRequest
                        {
                            TableName = "Tracks",
                            FilterExpression = "attribute_exists(Title) AND contains(Tags, :v)",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = new AttributeValue { S = "live" } },
                        });
                        await client.ScanAsync(new ScanRequest { TableName = "Tracks", FilterExpression = "attribute_exists(Title)" });
                """);
        }

        [Theory]
        [InlineData("""
            await client.ScanAsync(new ScanRequest { TableName = "Tracks", FilterExpression = runtime, {|DDB405:ScanFilter|} = new Dictionary<string, Condition>() });
            """)]
        [InlineData("""
            var filter = new Dictionary<string, Condition>();
            await client.ScanAsync(new ScanRequest { TableName = "Tracks", FilterExpression = "attribute_exists(Title)", {|DDB405:ScanFilter|} = filter });
            """)]
        [InlineData("""
            await client.ScanAsync(new ScanRequest { TableName = "Tracks", FilterExpression = "attribute_exists(Title)", {|DDB405:ScanFilter|} = new Dictionary<string, Condition> { [runtime] = new Condition { ComparisonOperator = ComparisonOperator.NOT_NULL } } });
            """)]
        [InlineData("""
            await client.ScanAsync(new ScanRequest { TableName = "Tracks", FilterExpression = "attribute_exists(Title)", {|DDB405:ScanFilter|} = new Dictionary<string, Condition> { ["Tags"] = new Condition { ComparisonOperator = ComparisonOperator.NOT_CONTAINS, AttributeValueList = new List<AttributeValue> { new AttributeValue { S = "x" } } } } });
            """)]
        [InlineData("""
            await client.PutItemAsync(new PutItemRequest { TableName = "Tracks", Item = key, ConditionExpression = "attribute_exists(pk)", {|DDB405:Expected|} = new Dictionary<string, ExpectedAttributeValue> { ["Owner"] = new ExpectedAttributeValue { Exists = true } } });
            """)]
        [InlineData("""
            var request = new PutItemRequest { TableName = "Tracks", Item = key, ConditionExpression = "attribute_exists(pk)" };
            {|DDB405:request.Expected|} = new Dictionary<string, ExpectedAttributeValue> { ["Owner"] = new ExpectedAttributeValue { Exists = false } };
            await client.PutItemAsync(request);
            """)]
        [InlineData("""
            var values = new Dictionary<string, AttributeValue> { [":t"] = new AttributeValue { S = "x" } };
            await client.UpdateItemAsync(new UpdateItemRequest { TableName = "Tracks", Key = key, UpdateExpression = "SET Title = :t", ExpressionAttributeValues = values, {|DDB405:AttributeUpdates|} = new Dictionary<string, AttributeValueUpdate> { ["Plays"] = new AttributeValueUpdate { Action = AttributeAction.ADD, Value = new AttributeValue { N = "1" } } } });
            """)]
        [InlineData("""
            await client.UpdateItemAsync(new UpdateItemRequest { TableName = "Tracks", Key = key, UpdateExpression = "REMOVE Plays", {|DDB405:AttributeUpdates|} = new Dictionary<string, AttributeValueUpdate> { ["Plays"] = new AttributeValueUpdate { Action = AttributeAction.DELETE } } });
            """)]
        [InlineData("""
            await client.ScanAsync(new ScanRequest { TableName = "Tracks", FilterExpression = "attribute_exists(\u0054itle)", {|DDB405:ScanFilter|} = new Dictionary<string, Condition>() });
            """)]
        [InlineData("""
            await client.QueryAsync(new QueryRequest { TableName = "Tracks", KeyConditionExpression = "pk = :pk", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new AttributeValue { S = "x" } }, {|DDB405:KeyConditions|} = new Dictionary<string, Condition> { ["pk"] = new Condition { ComparisonOperator = ComparisonOperator.EQ, AttributeValueList = new List<AttributeValue> { new AttributeValue { S = "y" } } } } });
            """)]
        [InlineData("""
            await client.GetItemAsync(new GetItemRequest { TableName = "Tracks", Key = key, ProjectionExpression = "Info.Title", {|DDB405:AttributesToGet|} = new List<string> { "Info" } });
            """)]
        public async Task ShapesTheFixCannotConvert_OfferNoFix(string body)
        {
            await VerifyFixAsync(body, body);
        }

        [Fact]
        public async Task Fix_RequestInALocal_BatchGetKeysAndAttributes_AndExpectedWithExistsTrue()
        {
            await VerifyFixAsync("""
                        var request = new DeleteItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            ConditionExpression = "attribute_exists(pk)",
                            {|DDB405:Expected|} = new Dictionary<string, ExpectedAttributeValue> { ["Owner"] = new ExpectedAttributeValue { Exists = true, Value = new AttributeValue { S = runtime } } },
                        };
                        await client.DeleteItemAsync(request);
                        await client.BatchGetItemAsync(new BatchGetItemRequest
                        {
                            RequestItems = new Dictionary<string, KeysAndAttributes>
                            {
                                ["Tracks"] = new KeysAndAttributes { Keys = new List<Dictionary<string, AttributeValue>> { key }, ProjectionExpression = "Title", {|DDB405:AttributesToGet|} = new List<string> { "Artist", "Year" } },
                            },
                        });
                """, """
                        var request = new DeleteItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            ConditionExpression = "attribute_exists(pk) AND #Owner = :v",
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#Owner"] = "Owner" },
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = new AttributeValue { S = runtime } },
                        };
                        await client.DeleteItemAsync(request);
                        await client.BatchGetItemAsync(new BatchGetItemRequest
                        {
                            RequestItems = new Dictionary<string, KeysAndAttributes>
                            {
                                ["Tracks"] = new KeysAndAttributes { Keys = new List<Dictionary<string, AttributeValue>> { key }, ProjectionExpression = "Title, Artist, #Year", ExpressionAttributeNames = new Dictionary<string, string> { ["#Year"] = "Year" } },
                            },
                        });
                """);
        }

        [Fact]
        public async Task Fix_ExistingNameEntryIsReused_AndAttributeUpdatesBecomeTheUpdateExpression()
        {
            await VerifyFixAsync("""
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            ConditionExpression = "#s = :s",
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "status" },
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue { S = "live" } },
                            {|DDB405:AttributeUpdates|} = new Dictionary<string, AttributeValueUpdate>
                            {
                                ["status"] = new AttributeValueUpdate { Action = "PUT", Value = new AttributeValue { S = "archived" } },
                                ["Plays"] = new AttributeValueUpdate { Action = AttributeAction.ADD, Value = new AttributeValue { N = "1" } },
                            },
                        });
                """, """
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            ConditionExpression = "#s = :s",
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "status" },
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue { S = "live" }, [":v"] = new AttributeValue { S = "archived" }, [":v1"] = new AttributeValue { N = "1" } },
                            UpdateExpression = "SET #s = :v ADD Plays :v1",
                        });
                """);
        }

        [Fact]
        public async Task Fix_TheSampleShape_MultiLineValuesAndATrailingComment()
        {
            await VerifyFixAsync("""
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            UpdateExpression = "SET Title = :title",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                            {
                                [":title"] = new AttributeValue { S = runtime },
                            },
                            {|DDB405:AttributeUpdates|} = new Dictionary<string, AttributeValueUpdate> // expect: DDB405
                            {
                                ["Plays"] = new AttributeValueUpdate { Action = AttributeAction.ADD, Value = new AttributeValue { N = "1" } },
                            },
                        });
                """, """
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            UpdateExpression = "SET Title = :title ADD Plays :v",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                            {
                                [":title"] = new AttributeValue { S = runtime },
                                [":v"] = new AttributeValue { N = "1" },
                            },
                        });
                """);
        }

        [Fact]
        public async Task Fix_LegacyEntriesBuiltWithConstructors()
        {
            await VerifyFixAsync("""
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            UpdateExpression = "SET Title = :t",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = new AttributeValue { S = "x" } },
                            {|DDB405:AttributeUpdates|} = new Dictionary<string, AttributeValueUpdate> { ["Plays"] = new AttributeValueUpdate(new AttributeValue { N = "1" }, AttributeAction.ADD) },
                            {|DDB405:Expected|} = new Dictionary<string, ExpectedAttributeValue> { ["Locked"] = new ExpectedAttributeValue(false), ["Owner"] = new ExpectedAttributeValue(new AttributeValue { S = runtime }) },
                        });
                """, """
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Tracks",
                            Key = key,
                            UpdateExpression = "SET Title = :t ADD Plays :v",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = new AttributeValue { S = "x" }, [":v"] = new AttributeValue { N = "1" }, [":v1"] = new AttributeValue { S = runtime } },
                            ConditionExpression = "attribute_not_exists(Locked) AND #Owner = :v1",
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#Owner"] = "Owner" },
                        });
                """);
        }
    }
}
