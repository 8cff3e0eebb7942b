using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using VerifyCS = DynamoGuard.Tests.Verification.Verify<DynamoGuard.Rules.UnprocessedItemsAnalyzer, DynamoGuard.CodeFixes.RetryUnprocessedItemsCodeFixProvider>;

namespace DynamoGuard.Tests.Rules
{
    public class RetryUnprocessedItemsCodeFixTests
    {
        private const string Prelude = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            """;

        private static Task FixAsync(string source, string fixedSource)
            => VerifyCS.FixAsync(Prelude + source, Prelude + fixedSource, RetryUnprocessedItemsCodeFixProvider.EquivalenceKey);

        [Fact]
        public async Task BatchWriteItem_InlineRequestDiscarded_RetriesUnprocessedItemsWithBackoff()
        {
            await FixAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<WriteRequest> requests, CancellationToken cancellationToken)
                    {
                        // Send the batch.
                        await client.{|DDB304:BatchWriteItemAsync|}(new BatchWriteItemRequest
                        {
                            RequestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = requests },
                            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                        }, cancellationToken);
                    }
                }
                """, """
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<WriteRequest> requests, CancellationToken cancellationToken)
                    {
                        // Send the batch.
                        var request = new BatchWriteItemRequest
                        {
                            RequestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = requests },
                            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                        };
                        var response = await client.BatchWriteItemAsync(request, cancellationToken);
                        for (var attempt = 1; response.UnprocessedItems is { Count: > 0 }; attempt++)
                        {
                            if (attempt == 5)
                            {
                                throw new InvalidOperationException("BatchWriteItem left items unprocessed after 5 attempts.");
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken);
                            request.RequestItems = response.UnprocessedItems;
                            response = await client.BatchWriteItemAsync(request, cancellationToken);
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_UnprocessedItemsOnlyLogged_AddsTheRetryBeforeTheLog()
        {
            await FixAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<WriteRequest> requests, CancellationToken cancellationToken)
                    {
                        var request = new BatchWriteItemRequest { RequestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = requests } };
                        var response = await client.{|DDB304:BatchWriteItemAsync|}(request, cancellationToken);
                        Console.WriteLine($"{response.UnprocessedItems.Count} tables left");
                    }
                }
                """, """
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<WriteRequest> requests, CancellationToken cancellationToken)
                    {
                        var request = new BatchWriteItemRequest { RequestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = requests } };
                        var response = await client.BatchWriteItemAsync(request, cancellationToken);
                        for (var attempt = 1; response.UnprocessedItems is { Count: > 0 }; attempt++)
                        {
                            if (attempt == 5)
                            {
                                throw new InvalidOperationException("BatchWriteItem left items unprocessed after 5 attempts.");
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken);
                            request.RequestItems = response.UnprocessedItems;
                            response = await client.BatchWriteItemAsync(request, cancellationToken);
                        }
                        Console.WriteLine($"{response.UnprocessedItems.Count} tables left");
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchGetItem_ResponseUsedAfterwards_AccumulatesTheItemsOfEveryRetry()
        {
            await FixAsync("""
                class Reader
                {
                    async Task<List<Dictionary<string, AttributeValue>>> Read(IAmazonDynamoDB client, List<Dictionary<string, AttributeValue>> keys)
                    {
                        var request = new BatchGetItemRequest { RequestItems = new() { ["Tracks"] = new KeysAndAttributes { Keys = keys } } };
                        var response = await client.{|DDB304:BatchGetItemAsync|}(request).ConfigureAwait(false);
                        return response.Responses["Tracks"];
                    }
                }
                """, """
                class Reader
                {
                    async Task<List<Dictionary<string, AttributeValue>>> Read(IAmazonDynamoDB client, List<Dictionary<string, AttributeValue>> keys)
                    {
                        var request = new BatchGetItemRequest { RequestItems = new() { ["Tracks"] = new KeysAndAttributes { Keys = keys } } };
                        var response = await client.BatchGetItemAsync(request).ConfigureAwait(false);
                        for (var attempt = 1; response.UnprocessedKeys is { Count: > 0 }; attempt++)
                        {
                            if (attempt == 5)
                            {
                                throw new InvalidOperationException("BatchGetItem left keys unprocessed after 5 attempts.");
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt))).ConfigureAwait(false);
                            request.RequestItems = response.UnprocessedKeys;
                            var retry = await client.BatchGetItemAsync(request).ConfigureAwait(false);
                            response.Responses ??= new();
                            foreach (var table in retry.Responses ?? new())
                            {
                                if (response.Responses.TryGetValue(table.Key, out var items))
                                {
                                    items.AddRange(table.Value);
                                }
                                else
                                {
                                    response.Responses[table.Key] = table.Value;
                                }
                            }

                            response.UnprocessedKeys = retry.UnprocessedKeys;
                        }
                        return response.Responses["Tracks"];
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchGetItem_ConvenienceOverload_BuildsTheRequestItStandsFor()
        {
            await FixAsync("""
                class Reader
                {
                    async Task<int> Read(IAmazonDynamoDB client, Dictionary<string, KeysAndAttributes> keys, CancellationToken ct)
                    {
                        var result = await client.{|DDB304:BatchGetItemAsync|}(keys, ReturnConsumedCapacity.TOTAL, ct);

                        return result.Responses.Sum(t => t.Value.Count);
                    }
                }
                """, """
                class Reader
                {
                    async Task<int> Read(IAmazonDynamoDB client, Dictionary<string, KeysAndAttributes> keys, CancellationToken ct)
                    {
                        var request = new BatchGetItemRequest() { RequestItems = keys, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL };
                        var result = await client.BatchGetItemAsync(request, ct);
                        for (var attempt = 1; result.UnprocessedKeys is { Count: > 0 }; attempt++)
                        {
                            if (attempt == 5)
                            {
                                throw new InvalidOperationException("BatchGetItem left keys unprocessed after 5 attempts.");
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), ct);
                            request.RequestItems = result.UnprocessedKeys;
                            var retry = await client.BatchGetItemAsync(request, ct);
                            result.Responses ??= new();
                            foreach (var table in retry.Responses ?? new())
                            {
                                if (result.Responses.TryGetValue(table.Key, out var items))
                                {
                                    items.AddRange(table.Value);
                                }
                                else
                                {
                                    result.Responses[table.Key] = table.Value;
                                }
                            }

                            result.UnprocessedKeys = retry.UnprocessedKeys;
                        }

                        return result.Responses.Sum(t => t.Value.Count);
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_SyncApi_SleepsBetweenAttempts()
        {
            var test = VerifyCS.Test(Prelude + """
                class Importer
                {
                    void Import(AmazonDynamoDBClient client, Dictionary<string, List<WriteRequest>> items)
                    {
                        client.{|DDB304:BatchWriteItem|}(items);
                    }
                }
                """, Prelude + """
                class Importer
                {
                    void Import(AmazonDynamoDBClient client, Dictionary<string, List<WriteRequest>> items)
                    {
                        var request = new BatchWriteItemRequest() { RequestItems = items };
                        var response = client.BatchWriteItem(request);
                        for (var attempt = 1; response.UnprocessedItems is { Count: > 0 }; attempt++)
                        {
                            if (attempt == 5)
                            {
                                throw new InvalidOperationException("BatchWriteItem left items unprocessed after 5 attempts.");
                            }

                            Thread.Sleep(TimeSpan.FromMilliseconds(100 * (1 << attempt)));
                            request.RequestItems = response.UnprocessedItems;
                            response = client.BatchWriteItem(request);
                        }
                    }
                }
                """, RetryUnprocessedItemsCodeFixProvider.EquivalenceKey);
            test.References = ReferenceSet.AwsSdkNet472;
            await test.RunAsync();
        }

        [Fact]
        public async Task FixAll_TwoDiscardedCallsInOneBlock_UseDistinctLocals()
        {
            await FixAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest first, List<WriteRequest> albums)
                    {
                        var tracks = new BatchWriteItemRequest { RequestItems = first.RequestItems };
                        await client.{|DDB304:BatchWriteItemAsync|}(tracks);
                        await client.{|DDB304:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Albums"] = albums } });
                    }
                }
                """, """
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest first, List<WriteRequest> albums)
                    {
                        var tracks = new BatchWriteItemRequest { RequestItems = first.RequestItems };
                        var response = await client.BatchWriteItemAsync(tracks);
                        for (var attempt = 1; response.UnprocessedItems is { Count: > 0 }; attempt++)
                        {
                            if (attempt == 5)
                            {
                                throw new InvalidOperationException("BatchWriteItem left items unprocessed after 5 attempts.");
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)));
                            tracks.RequestItems = response.UnprocessedItems;
                            response = await client.BatchWriteItemAsync(tracks);
                        }
                        var request = new BatchWriteItemRequest { RequestItems = new() { ["Albums"] = albums } };
                        var response2 = await client.BatchWriteItemAsync(request);
                        for (var attempt = 1; response2.UnprocessedItems is { Count: > 0 }; attempt++)
                        {
                            if (attempt == 5)
                            {
                                throw new InvalidOperationException("BatchWriteItem left items unprocessed after 5 attempts.");
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)));
                            request.RequestItems = response2.UnprocessedItems;
                            response2 = await client.BatchWriteItemAsync(request);
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_FileWithoutSystemUsings_AddsThem()
        {
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.Model;

                class Importer
                {
                    async System.Threading.Tasks.Task Import(IAmazonDynamoDB client, BatchWriteItemRequest template)
                    {
                        var request = new BatchWriteItemRequest { RequestItems = template.RequestItems };
                        await client.{|DDB304:BatchWriteItemAsync|}(request);
                    }
                }
                """, """
                using System;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.Model;

                class Importer
                {
                    async System.Threading.Tasks.Task Import(IAmazonDynamoDB client, BatchWriteItemRequest template)
                    {
                        var request = new BatchWriteItemRequest { RequestItems = template.RequestItems };
                        var response = await client.BatchWriteItemAsync(request);
                        for (var attempt = 1; response.UnprocessedItems is { Count: > 0 }; attempt++)
                        {
                            if (attempt == 5)
                            {
                                throw new InvalidOperationException("BatchWriteItem left items unprocessed after 5 attempts.");
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)));
                            request.RequestItems = response.UnprocessedItems;
                            response = await client.BatchWriteItemAsync(request);
                        }
                    }
                }
                """, RetryUnprocessedItemsCodeFixProvider.EquivalenceKey);
        }

        [Theory]
        [InlineData("await client.{|DDB304:BatchWriteItemAsync|}(request);")]
        [InlineData("await client.{|DDB304:BatchExecuteStatementAsync|}(new BatchExecuteStatementRequest());")]
        [InlineData("var items = (await client.{|DDB304:BatchGetItemAsync|}(new BatchGetItemRequest())).Responses;")]
        public async Task RequestFromOutsideOrNoRetryShape_OffersNoFix(string statement)
        {
            if (statement.Contains("BatchExecuteStatement", System.StringComparison.Ordinal))
            {
                TestSdks.Only(AwsSdk.V4, "PartiQL");
            }

            var source = Prelude + $$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request)
                    {
                        {{statement}}
                    }
                }
                """;
            await VerifyCS.FixAsync(source, source, RetryUnprocessedItemsCodeFixProvider.EquivalenceKey);
        }
    }
}
