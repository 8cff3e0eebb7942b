using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    public class UnprocessedItemsAnalyzerTests
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

        private static Task VerifyAsync(string source, ReferenceSet references = ReferenceSet.AwsSdk)
            => new CSharpTest(new UnprocessedItemsAnalyzer()) { TestCode = Prelude + source, References = references }.RunAsync();

        private static CSharpTest WithMessage(string source, string message)
        {
            var test = new CSharpTest(new UnprocessedItemsAnalyzer()) { TestCode = Prelude + source };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB304").WithLocation(0).WithMessage(message));
            return test;
        }

        [Fact]
        public async Task SourceClassImplementingTheClient_RunsItsOwnCode_NoDiagnostic()
        {
            // An in-process emulator of DynamoDB (the shape of a public library found on real code): a call typed as the
            // emulator runs its own BatchWriteItemAsync, which the compilation shows, not the service. The same call
            // through IAmazonDynamoDB may reach DynamoDB and stays reported. (The emulator is cut short: CS0535.)
            var test = new CSharpTest(new UnprocessedItemsAnalyzer())
            {
                TestCode = Prelude + """
                    sealed class InProcessDynamoDb : IAmazonDynamoDB
                    {
                        public Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
                            => Task.FromResult(new BatchWriteItemResponse { UnprocessedItems = new Dictionary<string, List<WriteRequest>>() });
                    }

                    class Bench
                    {
                        async Task Run(InProcessDynamoDb local, IAmazonDynamoDB client, BatchWriteItemRequest request)
                        {
                            _ = await local.BatchWriteItemAsync(request);
                            _ = await client.[|BatchWriteItemAsync|](request);
                        }
                    }
                    """,
            };
            test.AllowedCompilerErrors.Add("CS0535");
            await test.RunAsync();
        }

        // ---- reported ----

        [Fact]
        public async Task BatchWriteItem_ResponseDiscarded_Triggers()
        {
            await WithMessage("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request)
                    {
                        await client.{|#0:BatchWriteItemAsync|}(request);
                    }
                }
                """,
                "The response of BatchWriteItemAsync is discarded, so its UnprocessedItems are never read: writes that DynamoDB did not process (throttling) are silently lost").RunAsync();
        }

        [Theory]
        [InlineData("_ = await client.[|BatchWriteItemAsync|](request);")]
        [InlineData("await client.[|BatchWriteItemAsync|](request).ConfigureAwait(false);")]
        [InlineData("await client.[|BatchWriteItemAsync|](request.RequestItems, CancellationToken.None);")]
        [InlineData("client.[|BatchWriteItemAsync|](request).GetAwaiter().GetResult();")]
        [InlineData("await client.[|BatchGetItemAsync|](new BatchGetItemRequest());")]
        public async Task BatchCall_ResponseDiscardedInOtherForms_Triggers(string statement)
        {
            await VerifyAsync($$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request)
                    {
                        {{statement}}
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_SyncResponseDiscarded_Triggers()
        {
            await VerifyAsync("""
                class Importer
                {
                    void Import(AmazonDynamoDBClient client, BatchWriteItemRequest request)
                    {
                        client.[|BatchWriteItem|](request);
                    }
                }
                """, ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task BatchWriteItem_ResponseStoredButUnprocessedItemsNeverRead_Triggers()
        {
            await WithMessage("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request)
                    {
                        var response = await client.{|#0:BatchWriteItemAsync|}(request);
                        Console.WriteLine(response.ConsumedCapacity?.Count);
                    }
                }
                """,
                "The response of BatchWriteItemAsync is stored in 'response', but its UnprocessedItems are never read: writes that DynamoDB did not process (throttling) are silently lost").RunAsync();
        }

        [Fact]
        public async Task BatchGetItem_OnlyResponsesRead_Triggers()
        {
            await WithMessage("""
                class Reader
                {
                    async Task<List<Dictionary<string, AttributeValue>>> Read(IAmazonDynamoDB client, BatchGetItemRequest request)
                    {
                        var items = (await client.{|#0:BatchGetItemAsync|}(request)).Responses["Tracks"];
                        return items;
                    }
                }
                """,
                "The response of BatchGetItemAsync is used only for Responses, but its UnprocessedKeys are never read: items that DynamoDB did not read (throttling) are silently missing from the result").RunAsync();
        }

        [Fact]
        public async Task BatchGetItem_ResponseStoredAndItemsUsedButUnprocessedKeysNeverRead_Triggers()
        {
            await VerifyAsync("""
                class Reader
                {
                    async Task<int> Read(IAmazonDynamoDB client, BatchGetItemRequest request)
                    {
                        var response = await client.[|BatchGetItemAsync|](request);
                        return response.Responses["Tracks"].Count;
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchExecuteStatement_ResponseDiscarded_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "PartiQL");
            await WithMessage("""
                class Cleanup
                {
                    async Task Run(IAmazonDynamoDB client, BatchExecuteStatementRequest request)
                    {
                        await client.{|#0:BatchExecuteStatementAsync|}(request);
                    }
                }
                """,
                "The response of BatchExecuteStatementAsync is discarded, so its per-statement errors (Responses[i].Error) are never read: the call succeeds even when statements fail, so failed statements go unnoticed").RunAsync();
        }

        [Fact]
        public async Task BatchExecuteStatement_ResponsesReadButNoError_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "PartiQL");
            await VerifyAsync("""
                class Cleanup
                {
                    async Task<int> Run(IAmazonDynamoDB client, BatchExecuteStatementRequest request)
                    {
                        var response = await client.[|BatchExecuteStatementAsync|](request);
                        return response.Responses.Count(r => r.TableName == "Tracks");
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_ResponseInRetryLoopReadOnlyForCapacity_TriggersForEachCall()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request)
                    {
                        var response = await client.[|BatchWriteItemAsync|](request);
                        response = await client.[|BatchWriteItemAsync|](request);
                        Console.WriteLine(response.ConsumedCapacity);
                    }
                }
                """);
        }

        // ---- handled: not reported ----

        [Theory]
        [InlineData("""
            var response = await client.BatchWriteItemAsync(request);
            for (var attempt = 1; response.UnprocessedItems is { Count: > 0 }; attempt++)
            {
                if (attempt == 5) throw new InvalidOperationException("Unprocessed items left");
                await Task.Delay(100 * (1 << attempt));
                request.RequestItems = response.UnprocessedItems;
                response = await client.BatchWriteItemAsync(request);
            }
            """)]
        [InlineData("""
            var response = await client.BatchWriteItemAsync(request);
            if (response.UnprocessedItems.Count > 0)
            {
                throw new InvalidOperationException($"{response.UnprocessedItems.Count} tables have unprocessed items");
            }
            """)]
        [InlineData("""
            var response = await client.BatchWriteItemAsync(request);
            Console.WriteLine($"Unprocessed: {response.UnprocessedItems?.Sum(t => t.Value.Count) ?? 0}");
            if (response.UnprocessedItems?.Sum(t => t.Value.Count) > 0) throw new InvalidOperationException();
            """)]
        [InlineData("""
            var response = await client.BatchWriteItemAsync(request);
            if (response is { UnprocessedItems.Count: > 0 })
            {
                throw new InvalidOperationException();
            }
            """)]
        [InlineData("""
            BatchWriteItemResponse response;
            do
            {
                response = await client.BatchWriteItemAsync(request);
                request.RequestItems = response.UnprocessedItems;
            }
            while (request.RequestItems is { Count: > 0 });
            """)]
        [InlineData("""
            request.RequestItems = (await client.BatchWriteItemAsync(request)).UnprocessedItems;
            """)]
        [InlineData("""
            var response = await client.BatchWriteItemAsync(request);
            Handle(response);
            """)]
        [InlineData("""
            _last = await client.BatchWriteItemAsync(request);
            """)]
        [InlineData("""
            var task = client.BatchWriteItemAsync(request);
            await Task.WhenAll(task);
            Handle(task.Result);
            """)]
        public async Task BatchWriteItem_UnprocessedItemsHandled_DoesNotTrigger(string body)
        {
            await VerifyAsync($$"""
                class Importer
                {
                    private BatchWriteItemResponse? _last;

                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request)
                    {
                        {{body}}
                    }

                    static void Handle(BatchWriteItemResponse response) { }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_ResponseReturnedToTheCaller_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task<BatchWriteItemResponse> A(IAmazonDynamoDB client, BatchWriteItemRequest request)
                    {
                        return await client.BatchWriteItemAsync(request);
                    }

                    Task<BatchWriteItemResponse> B(IAmazonDynamoDB client, BatchWriteItemRequest request)
                        => client.BatchWriteItemAsync(request);

                    async Task<BatchWriteItemResponse> C(IAmazonDynamoDB client, BatchWriteItemRequest request)
                    {
                        var response = await client.BatchWriteItemAsync(request);
                        Console.WriteLine(response.ConsumedCapacity);
                        return response;
                    }

                    Task<BatchWriteItemResponse[]> D(IAmazonDynamoDB client, IEnumerable<BatchWriteItemRequest> requests)
                        => Task.WhenAll(requests.Select(r => client.BatchWriteItemAsync(r)));
                }
                """);
        }

        [Fact]
        public async Task BatchGetItem_UnprocessedKeysRead_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Reader
                {
                    async Task<List<Dictionary<string, AttributeValue>>> Read(IAmazonDynamoDB client, BatchGetItemRequest request)
                    {
                        var items = new List<Dictionary<string, AttributeValue>>();
                        while (request.RequestItems is { Count: > 0 })
                        {
                            var response = await client.BatchGetItemAsync(request);
                            items.AddRange(response.Responses["Tracks"]);
                            request.RequestItems = response.UnprocessedKeys;
                        }

                        return items;
                    }
                }
                """);
        }

        [Theory]
        [InlineData("foreach (var item in response.Responses) { if (item.Error is not null) throw new InvalidOperationException(item.Error.Message); }")]
        [InlineData("var failed = response.Responses.Where(r => r.Error != null).ToList(); Console.WriteLine(failed.Count);")]
        [InlineData("if (response.Responses.Any(r => r is { Error: not null })) throw new InvalidOperationException();")]
        [InlineData("Report(response.Responses);")]
        public async Task BatchExecuteStatement_ErrorsRead_DoesNotTrigger(string handling)
        {
            TestSdks.Only(AwsSdk.V4, "PartiQL");
            await VerifyAsync($$"""
                class Cleanup
                {
                    async Task Run(IAmazonDynamoDB client, BatchExecuteStatementRequest request)
                    {
                        var response = await client.BatchExecuteStatementAsync(request);
                        {{handling}}
                    }

                    static void Report(List<BatchStatementResponse> responses) { }
                }
                """);
        }

        [Fact]
        public async Task DataModelAndDocumentModelBatches_RetryByThemselves_DoNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await VerifyAsync("""
                using Amazon.DynamoDBv2.DataModel;
                using Amazon.DynamoDBv2.DocumentModel;

                public class Track
                {
                    [DynamoDBHashKey] public string Id { get; set; } = "";
                }

                class Writer
                {
                    async Task Write(IDynamoDBContext context, ITable table, List<Track> tracks, List<Document> documents)
                    {
                        var batch = context.CreateBatchWrite<Track>();
                        batch.AddPutItems(tracks);
                        await batch.ExecuteAsync();

                        var get = context.CreateBatchGet<Track>();
                        get.AddKey("1");
                        await get.ExecuteAsync();

                        var documentBatch = table.CreateBatchWrite();
                        documents.ForEach(documentBatch.AddDocumentToPut);
                        await documentBatch.ExecuteAsync();

                        var documentGet = table.CreateBatchGet();
                        documentGet.AddKey("1");
                        await documentGet.ExecuteAsync();
                    }
                }
                """);
        }

        [Fact]
        public async Task OtherClientCalls_DoNotTrigger()
        {
            await VerifyAsync("""
                class Writer
                {
                    async Task Write(IAmazonDynamoDB client, TransactWriteItemsRequest transaction, PutItemRequest put)
                    {
                        await client.TransactWriteItemsAsync(transaction);
                        await client.PutItemAsync(put);
                    }
                }
                """);
        }

        [Fact]
        public async Task BrokenCode_DoesNotCrash()
        {
            var test = new CSharpTest(new UnprocessedItemsAnalyzer())
            {
                TestCode = Prelude + """
                    class Importer
                    {
                        async Task Import(IAmazonDynamoDB client)
                        {
                            await client.BatchWriteItemAsync();
                            var response = await client.BatchGetItemAsync(request
                            response.
                            await client.BatchExecuteStatementAsync(new BatchExecuteStatementRequest { Statements = });
                            _ = client.BatchWriteItemAsync(null!).Result.UnprocessedItems
                        }
                    }
                    """,
                AllowAnyCompilerErrors = true,
                CheckSuppressions = false,
            };

            await test.GetDiagnosticsAsync();
        }
    }
}
