using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using VerifyCS = DynamoGuard.Tests.Verification.Verify<DynamoGuard.Rules.BatchSizeLimitAnalyzer, DynamoGuard.CodeFixes.SplitBatchCodeFixProvider>;

namespace DynamoGuard.Tests.Rules
{
    public class SplitBatchCodeFixTests
    {
        private const string Prelude = BatchSizeLimitAnalyzerTests.Prelude;
        private const string Helpers = BatchSizeLimitAnalyzerTests.Helpers;

        private static Task FixAsync(string source, string fixedSource, string key)
            => VerifyCS.FixAsync(Prelude + source + Helpers, Prelude + fixedSource + Helpers, key);

        [Fact]
        public async Task BatchWriteItem_ListBuiltInLoop_SendsOneRequestPerChunkKeepingOtherProperties()
        {
            await FixAsync("""
                class Importer
                {
                    private const string TracksTable = "Tracks";
                    private readonly IAmazonDynamoDB _client;

                    public Importer(IAmazonDynamoDB client) => _client = client;

                    public async Task ImportTracksAsync(List<Track> tracks, CancellationToken cancellationToken = default)
                    {
                        var writeRequests = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            writeRequests.Add(Items.Put(track));
                        }

                        // One request for the whole list.
                        await _client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest
                        {
                            RequestItems = new Dictionary<string, List<WriteRequest>>
                            {
                                [TracksTable] = writeRequests,
                            },
                            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                        }, cancellationToken);
                    }
                }
                """, """
                class Importer
                {
                    private const string TracksTable = "Tracks";
                    private readonly IAmazonDynamoDB _client;

                    public Importer(IAmazonDynamoDB client) => _client = client;

                    public async Task ImportTracksAsync(List<Track> tracks, CancellationToken cancellationToken = default)
                    {
                        var writeRequests = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            writeRequests.Add(Items.Put(track));
                        }

                        // One request for the whole list.
                        foreach (var chunk in writeRequests.Chunk(25))
                        {
                            await _client.BatchWriteItemAsync(new BatchWriteItemRequest
                            {
                                RequestItems = new Dictionary<string, List<WriteRequest>>
                                {
                                    [TracksTable] = chunk.ToList(),
                                },
                                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                            }, cancellationToken);
                        }
                    }
                }
                """, SplitBatchCodeFixProvider.BatchWriteEquivalenceKey);
        }

        [Fact]
        public async Task BatchWriteItem_RequestInLocalAndResponseUsed_MovesThemIntoTheLoop()
        {
            await FixAsync("""
                class Importer
                {
                    async Task<int> Import(IAmazonDynamoDB client, IEnumerable<Track> tracks)
                    {
                        var unprocessed = 0;
                        var request = new BatchWriteItemRequest
                        {
                            RequestItems = new() { ["Tracks"] = tracks.Select(Items.Put).ToList() },
                        };
                        request.ReturnItemCollectionMetrics = ReturnItemCollectionMetrics.SIZE;
                        var response = await client.{|DDB301:BatchWriteItemAsync|}(request);
                        unprocessed += response.UnprocessedItems?.Count ?? 0;

                        return unprocessed;
                    }
                }
                """, """
                class Importer
                {
                    async Task<int> Import(IAmazonDynamoDB client, IEnumerable<Track> tracks)
                    {
                        var unprocessed = 0;
                        foreach (var chunk in tracks.Select(Items.Put).Chunk(25))
                        {
                            var request = new BatchWriteItemRequest
                            {
                                RequestItems = new() { ["Tracks"] = chunk.ToList() },
                            };
                            request.ReturnItemCollectionMetrics = ReturnItemCollectionMetrics.SIZE;
                            var response = await client.BatchWriteItemAsync(request);
                            unprocessed += response.UnprocessedItems?.Count ?? 0;
                        }

                        return unprocessed;
                    }
                }
                """, SplitBatchCodeFixProvider.BatchWriteEquivalenceKey);
        }

        [Fact]
        public async Task BatchGetItem_KeysFromInput_SplitsIntoBatchesOf100Keys()
        {
            await FixAsync("""
                class Reader
                {
                    async Task Read(IAmazonDynamoDB client, IReadOnlyCollection<string> ids, List<Dictionary<string, AttributeValue>> items)
                    {
                        var keys = ids.Select(Items.Key).ToList();
                        var response = await client.{|DDB302:BatchGetItemAsync|}(new BatchGetItemRequest
                        {
                            RequestItems = new()
                            {
                                ["Tracks"] = new KeysAndAttributes { Keys = keys, ProjectionExpression = "Id, Title" },
                            },
                        });
                        items.AddRange(response.Responses["Tracks"]);
                    }
                }
                """, """
                class Reader
                {
                    async Task Read(IAmazonDynamoDB client, IReadOnlyCollection<string> ids, List<Dictionary<string, AttributeValue>> items)
                    {
                        var keys = ids.Select(Items.Key).ToList();
                        foreach (var chunk in keys.Chunk(100))
                        {
                            var response = await client.BatchGetItemAsync(new BatchGetItemRequest
                            {
                                RequestItems = new()
                                {
                                    ["Tracks"] = new KeysAndAttributes { Keys = chunk.ToList(), ProjectionExpression = "Id, Title" },
                                },
                            });
                            items.AddRange(response.Responses["Tracks"]);
                        }
                    }
                }
                """, SplitBatchCodeFixProvider.BatchGetEquivalenceKey);
        }

        [Fact]
        public async Task TransactWriteItems_ActionsFromInput_SplitsIntoTransactionsOf100()
        {
            await FixAsync("""
                class Writer
                {
                    async Task Write(IAmazonDynamoDB client, IEnumerable<Track> tracks, CancellationToken cancellationToken)
                    {
                        await client.{|DDB303:TransactWriteItemsAsync|}(new TransactWriteItemsRequest { TransactItems = tracks.Select(Items.Save).ToList() }, cancellationToken);
                    }
                }
                """, """
                class Writer
                {
                    async Task Write(IAmazonDynamoDB client, IEnumerable<Track> tracks, CancellationToken cancellationToken)
                    {
                        foreach (var chunk in tracks.Select(Items.Save).Chunk(100))
                        {
                            await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = chunk.ToList() }, cancellationToken);
                        }
                    }
                }
                """, SplitBatchCodeFixProvider.TransactionEquivalenceKey);
        }

        [Fact]
        public async Task ContextTransactWrite_AddSaveItems_CreatesOneTransactionPerChunk()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await FixAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks)
                    {
                        var transaction = context.CreateTransactWrite<Track>();
                        transaction.AddSaveItems(tracks);
                        await transaction.{|DDB303:ExecuteAsync|}();
                    }
                }
                """, """
                using Amazon.DynamoDBv2.DataModel;

                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(100))
                        {
                            var transaction = context.CreateTransactWrite<Track>();
                            transaction.AddSaveItems(chunk);
                            await transaction.ExecuteAsync();
                        }
                    }
                }
                """, SplitBatchCodeFixProvider.TransactionEquivalenceKey);
        }

        [Fact]
        public async Task FixAll_TwoCallsInOneMethod_SplitsBoth()
        {
            await FixAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<Track> tracks, List<Track> albums)
                    {
                        await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = tracks.ConvertAll(Items.Put) } });
                        await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Albums"] = albums.ConvertAll(Items.Put) } });
                    }
                }
                """, """
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<Track> tracks, List<Track> albums)
                    {
                        foreach (var chunk in tracks.ConvertAll(Items.Put).Chunk(25))
                        {
                            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = chunk.ToList() } });
                        }
                        foreach (var chunk in albums.ConvertAll(Items.Put).Chunk(25))
                        {
                            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Albums"] = chunk.ToList() } });
                        }
                    }
                }
                """, SplitBatchCodeFixProvider.BatchWriteEquivalenceKey);
        }

        [Fact]
        public async Task BatchWriteItem_FileWithoutSystemLinq_AddsTheUsing()
        {
            await VerifyCS.FixAsync("""
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.Model;

                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, IEnumerable<string> ids)
                    {
                        var requests = new List<WriteRequest>();
                        foreach (var id in ids)
                        {
                            requests.Add(new WriteRequest { DeleteRequest = new DeleteRequest { Key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } } } });
                        }

                        await client.{|DDB301:BatchWriteItemAsync|}(new Dictionary<string, List<WriteRequest>> { ["Tracks"] = requests });
                    }
                }
                """, """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.Model;

                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, IEnumerable<string> ids)
                    {
                        var requests = new List<WriteRequest>();
                        foreach (var id in ids)
                        {
                            requests.Add(new WriteRequest { DeleteRequest = new DeleteRequest { Key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } } } });
                        }

                        foreach (var chunk in requests.Chunk(25))
                        {
                            await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { ["Tracks"] = chunk.ToList() });
                        }
                    }
                }
                """, SplitBatchCodeFixProvider.BatchWriteEquivalenceKey);
        }

        [Fact]
        public async Task BatchExecuteStatement_StatementsFromInput_SplitsIntoBatchesOf25()
        {
            TestSdks.Only(AwsSdk.V4, "PartiQL");
            await FixAsync("""
                class Cleanup
                {
                    async Task Run(IAmazonDynamoDB client, IEnumerable<int> ids, int chunk)
                    {
                        var response = await client.{|DDB301:BatchExecuteStatementAsync|}(new BatchExecuteStatementRequest { Statements = ids.Select(Items.Statement).ToList() });
                        Console.WriteLine(response.Responses.Count(r => r.Error != null) + chunk);
                    }
                }
                """, """
                class Cleanup
                {
                    async Task Run(IAmazonDynamoDB client, IEnumerable<int> ids, int chunk)
                    {
                        foreach (var chunk2 in ids.Select(Items.Statement).Chunk(25))
                        {
                            var response = await client.BatchExecuteStatementAsync(new BatchExecuteStatementRequest { Statements = chunk2.ToList() });
                            Console.WriteLine(response.Responses.Count(r => r.Error != null) + chunk);
                        }
                    }
                }
                """, SplitBatchCodeFixProvider.BatchWriteEquivalenceKey);
        }

        [Theory]
        [InlineData("""
            var request = new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = tracks.Select(Items.Put).ToList() } };
            Console.WriteLine("Sending a batch");
            await client.{|DDB301:BatchWriteItemAsync|}(request);
            """)]
        [InlineData("""
            await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = tracks.Select(Items.Put).ToList(), ["Albums"] = new List<WriteRequest> { Items.Put(1) } } });
            """)]
        [InlineData("""
            await Task.WhenAll(new[] { "Tracks" }.Select(table => client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { [table] = tracks.Select(Items.Put).ToList() } })));
            """)]
        [InlineData("""
            await client.{|DDB303:TransactWriteItemsAsync|}(new TransactWriteItemsRequest { TransactItems = tracks.Select(Items.Save).ToList(), ClientRequestToken = "import-42" });
            """)]
        [InlineData("""
            var requests = tracks.Select(Items.Put).ToList();
            if (requests.Count > 0) await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
            """)]
        [InlineData("""
            var response = await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = tracks.Select(Items.Put).ToList() } });
            if (response.UnprocessedItems.Count > 0) return;
            Console.WriteLine("all written");
            """)]
        public async Task ShapesTheFixDoesNotRewrite_OfferNoFix(string body)
        {
            var source = Prelude + $$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<Track> tracks)
                    {
                        {{body}}
                    }
                }
                """ + Helpers;
            await VerifyCS.FixAsync(source, source);
        }

        [Fact]
        public async Task MultiTableTransactionAndCombinedPart_OfferNoFix()
        {
            // Splitting a part would move it into a loop away from the Combine that uses it; a multi-table transaction
            // has no single collection to split.
            TestSdks.Only(AwsSdk.V4, "multi-table transactions");
            var source = Prelude + """
                using Amazon.DynamoDBv2.DataModel;

                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks, Track track)
                    {
                        var trackPart = context.CreateTransactWrite<Track>();
                        trackPart.AddSaveItems(tracks);
                        var other = context.CreateTransactWrite<Track>();
                        other.AddSaveItem(track);
                        await trackPart.Combine((TransactWrite)other).{|DDB303:ExecuteAsync|}();
                        await trackPart.{|DDB303:ExecuteAsync|}();
                    }
                }
                """ + Helpers;
            await VerifyCS.FixAsync(source, source);
        }
    }
}
