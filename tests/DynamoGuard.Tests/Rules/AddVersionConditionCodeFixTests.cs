using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    public class AddVersionConditionCodeFixTests
    {
        private const string Models = OptimisticLockingAnalyzerTests.Models;

        private static Task Fix(string source, string fixedSource, string key, ReferenceSet references = ReferenceSet.AwsSdk)
            => new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + source,
                FixedCode = Models + fixedSource,
                CodeFix = new AddVersionConditionCodeFixProvider(),
                CodeActionEquivalenceKey = key,
                References = references,
            }.RunAsync();

        [Fact]
        public async Task PutItem_IncrementedVersion_AddsConditionWithPreviousVersion()
        {
            await Fix(@"
class Orders
{
    async Task Save(IAmazonDynamoDB client, string id, long current)
    {
        await client.{|DDB101:PutItemAsync|}(new PutItemRequest
        {
            TableName = ""Orders"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = id },
                [""version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
            },
        });
    }
}", @"
class Orders
{
    async Task Save(IAmazonDynamoDB client, string id, long current)
    {
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Orders"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = id },
                [""version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
            },
            ConditionExpression = ""#ver = :expectedVersion"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#ver""] = ""version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expectedVersion""] = new AttributeValue { N = current.ToString(CultureInfo.InvariantCulture) } },
        });
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task PutItem_FirstVersionOfMappedTable_OnlyCreateOnHashKey()
        {
            await Fix(@"
class Importer
{
    async Task Import(IAmazonDynamoDB client, string id)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""playlist_version""] = new AttributeValue { N = ""0"" },
        };
        await client.{|DDB101:PutItemAsync|}(new PutItemRequest
        {
            TableName = ""Playlists"",
            // Built above.
            Item = item,
        });
    }
}", @"
class Importer
{
    async Task Import(IAmazonDynamoDB client, string id)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""playlist_version""] = new AttributeValue { N = ""0"" },
        };
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            // Built above.
            Item = item,
            ConditionExpression = ""attribute_not_exists(#pk)"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#pk""] = ""Id"" },
        });
    }
}", AddVersionConditionCodeFixProvider.OnlyCreateKey);
        }
    
        [Fact]
        public async Task UpdateItem_WithoutVersion_AddsConditionFromParameterAndAdvancesVersion()
        {
            await Fix(@"
class Playlists
{
    Task Rename(IAmazonDynamoDB client, string id, string name, long expectedVersion)
        => client.{|DDB101:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #ver = :n"",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                [""#ver""] = ""Name"",
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":n""] = new AttributeValue { S = name },
            },
        });
}", @"
class Playlists
{
    Task Rename(IAmazonDynamoDB client, string id, string name, long expectedVersion)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #ver = :n, #ver2 = #ver2 + :versionStep"",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                [""#ver""] = ""Name"",
                [""#ver2""] = ""playlist_version"",
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":n""] = new AttributeValue { S = name },
                ["":expectedVersion""] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
                ["":versionStep""] = new AttributeValue { N = ""1"" },
            },
            ConditionExpression = ""#ver2 = :expectedVersion"",
        });
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task UpdateItem_SetsIncrementedVersion_AddsConditionWithoutClashingPlaceholders()
        {
            await Fix(@"
class Orders
{
    Task Ship(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, int read, string previous)
    {
        var next = read + 1;
        return client.{|DDB101:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = key,
            UpdateExpression = ""SET #s = :expectedVersion, version = :next"",
            ConditionExpression = ""#s = :previous"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":expectedVersion""] = new AttributeValue { S = ""shipped"" },
                ["":previous""] = new AttributeValue { S = previous },
                ["":next""] = new AttributeValue { N = next.ToString(CultureInfo.InvariantCulture) },
            },
        });
    }
}", @"
class Orders
{
    Task Ship(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, int read, string previous)
    {
        var next = read + 1;
        return client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = key,
            UpdateExpression = ""SET #s = :expectedVersion, version = :next"",
            ConditionExpression = ""#s = :previous AND #ver = :expectedVersion2"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"", [""#ver""] = ""version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":expectedVersion""] = new AttributeValue { S = ""shipped"" },
                ["":previous""] = new AttributeValue { S = previous },
                ["":next""] = new AttributeValue { N = next.ToString(CultureInfo.InvariantCulture) },
                ["":expectedVersion2""] = new AttributeValue { N = read.ToString(CultureInfo.InvariantCulture) },
            },
        });
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task UpdateItem_GuardedButNotAdvancing_Ddb104FixAddsVersionStep()
        {
            await Fix(@"
class Orders
{
    Task Rename(IAmazonDynamoDB client, string id, string name, string expected)
        => client.{|DDB104:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #n = :n REMOVE draft"",
            ConditionExpression = ""#v = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""name"", [""#v""] = ""version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { S = name }, ["":expected""] = new AttributeValue { N = expected } },
        });
}", @"
class Orders
{
    Task Rename(IAmazonDynamoDB client, string id, string name, string expected)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #n = :n, #v = #v + :versionStep REMOVE draft"",
            ConditionExpression = ""#v = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""name"", [""#v""] = ""version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { S = name }, ["":expected""] = new AttributeValue { N = expected }, ["":versionStep""] = new AttributeValue { N = ""1"" } },
        });
}", AddVersionConditionCodeFixProvider.AdvanceVersionKey);
        }

        [Fact]
        public async Task DeleteItem_VersionReadIntoLocal_AddsConditionAndMergesIntoExistingCondition()
        {
            await Fix(@"
class Playlists
{
    async Task Delete(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var response = await client.GetItemAsync(""Playlists"", key);
        var current = response.Item[""playlist_version""];
        var request = new DeleteItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            ConditionExpression = ""attribute_exists(Id) OR attribute_exists(#o)"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#o"", ""OwnerId"" } },
        };
        await client.{|DDB101:DeleteItemAsync|}(request);
    }
}", @"
class Playlists
{
    async Task Delete(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var response = await client.GetItemAsync(""Playlists"", key);
        var current = response.Item[""playlist_version""];
        var request = new DeleteItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            ConditionExpression = ""(attribute_exists(Id) OR attribute_exists(#o)) AND #ver = :expectedVersion"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#o"", ""OwnerId"" }, { ""#ver"", ""playlist_version"" } },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expectedVersion""] = current },
        };
        await client.DeleteItemAsync(request);
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task DeleteItem_NoExpectedVersionInScope_OffersNoFix()
        {
            const string Source = @"
class Playlists
{
    Task Delete(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, long newVersion)
        => client.{|DDB101:DeleteItemAsync|}(""Playlists"", key);
}";
            await Fix(Source, Source, AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task DeleteItem_ConvenienceOverload_BecomesRequestWithCondition()
        {
            await Fix(@"
class Playlists
{
    Task Delete(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string currentVersion, System.Threading.CancellationToken cancellationToken)
        => client.{|DDB101:DeleteItemAsync|}(""Playlists"", key, cancellationToken);
}", @"
class Playlists
{
    Task Delete(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string currentVersion, System.Threading.CancellationToken cancellationToken)
        => client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            ConditionExpression = ""#ver = :expectedVersion"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#ver""] = ""playlist_version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expectedVersion""] = new AttributeValue { N = currentVersion } },
        }, cancellationToken);
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task UpdateItem_AfterCheckThenAct_UsesTheComparedVersion()
        {
            await Fix(@"
class Orders
{
    async Task Cancel(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string expected)
    {
        var item = (await client.GetItemAsync(""Orders"", key)).Item;
        if (item[""version""].N != expected)
        {
            return;
        }

        await client.{|DDB101:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = key,
            UpdateExpression = ""SET #s = :s"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { S = ""cancelled"" } },
        });
    }
}", @"
class Orders
{
    async Task Cancel(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string expected)
    {
        var item = (await client.GetItemAsync(""Orders"", key)).Item;
        if (item[""version""].N != expected)
        {
            return;
        }

        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = key,
            UpdateExpression = ""SET #s = :s, #ver = #ver + :versionStep"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"", [""#ver""] = ""version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { S = ""cancelled"" }, ["":expectedVersion""] = item[""version""], ["":versionStep""] = new AttributeValue { N = ""1"" } },
            ConditionExpression = ""#ver = :expectedVersion"",
        });
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task TablePutItem_IncrementedDocumentVersion_AddsOperationConfig()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await Fix(@"
class Orders
{
    Task Save(ITable table, string id, int current)
    {
        var document = new Document { [""Id""] = id, [""version""] = current + 1 };
        return table.{|DDB101:PutItemAsync|}(document);
    }
}", @"
class Orders
{
    Task Save(ITable table, string id, int current)
    {
        var document = new Document { [""Id""] = id, [""version""] = current + 1 };
        return table.PutItemAsync(document, new PutItemOperationConfig
        {
            ConditionalExpression = new Expression
            {
                ExpressionStatement = ""#ver = :expectedVersion"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#ver""] = ""version"" },
                ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { ["":expectedVersion""] = current },
            },
        });
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task TransactPut_IncrementedVersion_FixAllFixesEveryWriteAndAddsUsing()
        {
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = @"
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

class Orders
{
    Task Save(IAmazonDynamoDB client, string id, long version)
        => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem
                {
                    Put = new {|DDB101:Put|}
                    {
                        TableName = ""Orders"",
                        Item = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id }, [""version""] = new AttributeValue { N = $""{version + 1}"" } },
                    },
                },
            },
        });

    Task Touch(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, long expectedVersion)
        => client.{|DDB101:UpdateItemAsync|}(new UpdateItemRequest { TableName = ""Orders"", Key = key, UpdateExpression = ""SET touched_at = :now ADD version :one"", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":now""] = new AttributeValue { S = ""2026-12-03"" }, ["":one""] = new AttributeValue { N = ""1"" } } });
}",
                FixedCode = @"
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

class Orders
{
    Task Save(IAmazonDynamoDB client, string id, long version)
        => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem
                {
                    Put = new Put
                    {
                        TableName = ""Orders"",
                        Item = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id }, [""version""] = new AttributeValue { N = $""{version + 1}"" } },
                        ConditionExpression = ""#ver = :expectedVersion"",
                        ExpressionAttributeNames = new Dictionary<string, string> { [""#ver""] = ""version"" },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expectedVersion""] = new AttributeValue { N = $""{version}"" } },
                    },
                },
            },
        });

    Task Touch(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, long expectedVersion)
        => client.UpdateItemAsync(new UpdateItemRequest { TableName = ""Orders"", Key = key, UpdateExpression = ""SET touched_at = :now ADD version :one"", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":now""] = new AttributeValue { S = ""2026-12-03"" }, ["":one""] = new AttributeValue { N = ""1"" }, ["":expectedVersion""] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) } }, ConditionExpression = ""#ver = :expectedVersion"", ExpressionAttributeNames = new Dictionary<string, string> { [""#ver""] = ""version"" } });
}",
                CodeFix = new AddVersionConditionCodeFixProvider(),
                CodeActionEquivalenceKey = AddVersionConditionCodeFixProvider.AddConditionKey,
            }.RunAsync();
        }
    }
}
