using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>DDB203 fix: the update inside the retry loop becomes a TransactWriteItems with a token made before the loop.</summary>
    public class RetriedAtomicUpdateCodeFixTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
";

        private static CSharpTest Test(string source, string fixedSource)
            => Verify<RetriedAtomicUpdateAnalyzer, RetriedAtomicUpdateCodeFixProvider>.Test(Usings + source, Usings + fixedSource, RetriedAtomicUpdateCodeFixProvider.MakeRetryIdempotentKey);

        [Fact]
        public async Task InlineRequestInForLoop_BecomesTransactionWithTokenBeforeTheLoop()
        {
            await Test(@"
public sealed class PlayCounter
{
    private readonly IAmazonDynamoDB _client;

    public PlayCounter(IAmazonDynamoDB client) => _client = client;

    public async Task CountPlayAsync(string trackId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.[|UpdateItemAsync|](new UpdateItemRequest
                {
                    TableName = ""Tracks"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    UpdateExpression = ""ADD Plays :one"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                });
                return;
            }
            catch (AmazonServiceException) when (attempt < 3)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }
}", @"
public sealed class PlayCounter
{
    private readonly IAmazonDynamoDB _client;

    public PlayCounter(IAmazonDynamoDB client) => _client = client;

    public async Task CountPlayAsync(string trackId)
    {
        var requestToken = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    ClientRequestToken = requestToken,
                    TransactItems = new List<TransactWriteItem>
                    {
                        new TransactWriteItem
                        {
                            Update = new Update
                            {
                                TableName = ""Tracks"",
                                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                                UpdateExpression = ""ADD Plays :one"",
                                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                            },
                        },
                    },
                });
                return;
            }
            catch (AmazonServiceException) when (attempt < 3)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task RequestLocalInWhileLoop_BecomesUpdateSentInTransaction()
        {
            await Test(@"
public sealed class CreditStore
{
    private readonly IAmazonDynamoDB _client;

    public CreditStore(IAmazonDynamoDB client) => _client = client;

    public async Task AddCreditsAsync(string userId, int credits)
    {
        var requestToken = ""taken"";
        var attempts = 0;
        while (true)
        {
            try
            {
                var request = new UpdateItemRequest
                {
                    TableName = ""Users"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = userId } },
                    UpdateExpression = ""SET Credits = Credits + :d"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":d""] = new AttributeValue { N = credits.ToString() } },
                };
                await _client.[|UpdateItemAsync|](request);
                break;
            }
            catch (AmazonServiceException) when (++attempts < 3)
            {
            }
        }

        Console.WriteLine(requestToken);
    }
}", @"
public sealed class CreditStore
{
    private readonly IAmazonDynamoDB _client;

    public CreditStore(IAmazonDynamoDB client) => _client = client;

    public async Task AddCreditsAsync(string userId, int credits)
    {
        var requestToken = ""taken"";
        var attempts = 0;
        var requestToken2 = Guid.NewGuid().ToString();
        while (true)
        {
            try
            {
                var request = new Update
                {
                    TableName = ""Users"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = userId } },
                    UpdateExpression = ""SET Credits = Credits + :d"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":d""] = new AttributeValue { N = credits.ToString() } },
                };
                await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    ClientRequestToken = requestToken2,
                    TransactItems = new List<TransactWriteItem> { new TransactWriteItem { Update = request } },
                });
                break;
            }
            catch (AmazonServiceException) when (++attempts < 3)
            {
            }
        }

        Console.WriteLine(requestToken);
    }
}").RunAsync();
        }

        [Fact]
        public async Task FixAll_TwoUpdatesInOneLoop_EachGetsItsOwnToken()
        {
            var test = Test(@"
public sealed class Stats
{
    private readonly IAmazonDynamoDB _client;

    public Stats(IAmazonDynamoDB client) => _client = client;

    public async Task CountAsync(string trackId, string albumId)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _client.[|UpdateItemAsync|](new UpdateItemRequest { TableName = ""Tracks"", Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } }, UpdateExpression = ""ADD Plays :one"", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } } });
                await _client.[|UpdateItemAsync|](new UpdateItemRequest { TableName = ""Albums"", Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = albumId } }, UpdateExpression = ""ADD Plays :one"", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } } });
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }
}", @"
public sealed class Stats
{
    private readonly IAmazonDynamoDB _client;

    public Stats(IAmazonDynamoDB client) => _client = client;

    public async Task CountAsync(string trackId, string albumId)
    {
        var requestToken = Guid.NewGuid().ToString();
        var requestToken2 = Guid.NewGuid().ToString();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    ClientRequestToken = requestToken,
                    TransactItems = new List<TransactWriteItem>
                    {
                        new TransactWriteItem
                        {
                            Update = new Update { TableName = ""Tracks"", Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } }, UpdateExpression = ""ADD Plays :one"", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } } },
                        },
                    },
                });
                await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    ClientRequestToken = requestToken2,
                    TransactItems = new List<TransactWriteItem>
                    {
                        new TransactWriteItem
                        {
                            Update = new Update { TableName = ""Albums"", Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = albumId } }, UpdateExpression = ""ADD Plays :one"", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } } },
                        },
                    },
                });
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }
}");
            await test.RunAsync();
        }

        [Fact]
        public async Task SyncUpdateItemWithoutUsingSystem_AddsTheUsing()
        {
            await Verify<RetriedAtomicUpdateAnalyzer, RetriedAtomicUpdateCodeFixProvider>.Test(@"using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

public sealed class PlayCounter
{
    public void CountPlay(IAmazonDynamoDB client, string trackId)
    {
        var done = false;
        while (!done)
        {
            try
            {
                client.[|UpdateItemAsync|](new UpdateItemRequest { TableName = ""Tracks"", Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } }, UpdateExpression = ""ADD Plays :one"", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } } }).Wait();
                done = true;
            }
            catch (System.AggregateException)
            {
            }
        }
    }
}", @"using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

public sealed class PlayCounter
{
    public void CountPlay(IAmazonDynamoDB client, string trackId)
    {
        var done = false;
        var requestToken = Guid.NewGuid().ToString();
        while (!done)
        {
            try
            {
                client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    ClientRequestToken = requestToken,
                    TransactItems = new List<TransactWriteItem>
                    {
                        new TransactWriteItem
                        {
                            Update = new Update { TableName = ""Tracks"", Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } }, UpdateExpression = ""ADD Plays :one"", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } } },
                        },
                    },
                }).Wait();
                done = true;
            }
            catch (System.AggregateException)
            {
            }
        }
    }
}", RetriedAtomicUpdateCodeFixProvider.MakeRetryIdempotentKey).RunAsync();
        }

        [Fact]
        public async Task ResponseUsedOrLegacyAttributeUpdates_OffersNoFix()
        {
            const string Source = @"
public sealed class PlayCounter
{
    private readonly IAmazonDynamoDB _client;

    public PlayCounter(IAmazonDynamoDB client) => _client = client;

    public async Task<string> CountPlayAsync(string trackId)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await _client.[|UpdateItemAsync|](new UpdateItemRequest
                {
                    TableName = ""Tracks"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    UpdateExpression = ""ADD Plays :one"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                    ReturnValues = ReturnValue.UPDATED_NEW,
                });
                return response.Attributes[""Plays""].N;
            }
            catch (AmazonServiceException) when (attempt < 3)
            {
            }
        }
    }

    public async Task CountLegacyAsync(string trackId)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _client.[|UpdateItemAsync|](""Tracks"",
                    new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    new Dictionary<string, AttributeValueUpdate> { [""Plays""] = new AttributeValueUpdate { Action = AttributeAction.ADD, Value = new AttributeValue { N = ""1"" } } });
                return;
            }
            catch (AmazonServiceException) when (attempt < 3)
            {
            }
        }
    }
}";
            await Test(Source, Source).RunAsync();
        }
    }
}
