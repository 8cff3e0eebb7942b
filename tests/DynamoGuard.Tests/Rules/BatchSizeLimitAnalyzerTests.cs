using System.Linq;
using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    public class BatchSizeLimitAnalyzerTests
    {
        internal const string Prelude = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            """;

        internal const string Helpers = """

            public class Track
            {
                public string Id { get; set; } = "";
            }

            static class Items
            {
                public static WriteRequest Put(Track track) => new WriteRequest { PutRequest = new PutRequest { Item = Key(track.Id) } };
                public static WriteRequest Put(int i) => new WriteRequest { PutRequest = new PutRequest { Item = Key(i.ToString()) } };
                public static Dictionary<string, AttributeValue> Key(string id) => new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } };
                public static Dictionary<string, AttributeValue> Key(int i) => Key(i.ToString());
                public static TransactWriteItem Save(Track track) => new TransactWriteItem { Put = new Put { TableName = "Tracks", Item = Key(track.Id) } };
                public static TransactWriteItem Save(int i) => new TransactWriteItem { Put = new Put { TableName = "Tracks", Item = Key(i) } };
            #if !AWSSDK_V3 // PartiQL (BatchStatementRequest) came after the SDK v3 build under test
                public static BatchStatementRequest Statement(int i) => new BatchStatementRequest { Statement = "DELETE FROM Tracks WHERE Id = '" + i + "'" };
            #endif
            }

            """;

        private static Task VerifyAsync(string source, ReferenceSet references = ReferenceSet.AwsSdk)
            => new CSharpTest(new BatchSizeLimitAnalyzer()) { TestCode = Prelude + source + Helpers, References = references }.RunAsync();

        private static string Puts(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"Items.Put({i})"));

        // ---- DDB301: provable counts ----

        [Theory]
        [InlineData(24)]
        [InlineData(25)]
        public async Task BatchWriteItem_CollectionInitializerWithinLimit_DoesNotTrigger(int count)
        {
            await VerifyAsync($$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client)
                    {
                        await client.BatchWriteItemAsync(new BatchWriteItemRequest
                        {
                            RequestItems = new Dictionary<string, List<WriteRequest>>
                            {
                                ["Tracks"] = new List<WriteRequest> { {{Puts(count)}} },
                            },
                        });
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_CollectionInitializerOf26_TriggersWithTheCount()
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + $$"""
                    class Importer
                    {
                        async Task Import(IAmazonDynamoDB client)
                        {
                            await client.{|#0:BatchWriteItemAsync|}(new BatchWriteItemRequest
                            {
                                RequestItems = new Dictionary<string, List<WriteRequest>>
                                {
                                    ["Tracks"] = new List<WriteRequest> { {{Puts(26)}} },
                                },
                            });
                        }
                    }
                    """ + Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync sends 26 write requests in one call, but DynamoDB accepts at most 25 and rejects the whole batch"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData(25, false)]
        [InlineData(26, true)]
        public async Task BatchWriteItem_CollectionExpression_TriggersOver25(int count, bool triggers)
        {
            var call = triggers ? "{|DDB301:BatchWriteItemAsync|}" : "BatchWriteItemAsync";
            await VerifyAsync($$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client)
                    {
                        List<WriteRequest> requests = [{{Puts(count)}}];
                        await client.{{call}}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_CollectionExpressionWithSpreadOfUnboundedInput_Triggers()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<Track> tracks)
                    {
                        List<WriteRequest> requests = [Items.Put(0), .. tracks.Select(Items.Put)];
                        await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """);
        }

        [Theory]
        [InlineData(25, false)]
        [InlineData(26, true)]
        public async Task BatchWriteItem_ConstantNumberOfAddCalls_TriggersOver25(int count, bool triggers)
        {
            var adds = string.Concat(Enumerable.Range(0, count).Select(i => $"        requests.Add(Items.Put({i}));\n"));
            var call = triggers ? "{|DDB301:BatchWriteItemAsync|}" : "BatchWriteItemAsync";
            await VerifyAsync($$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client)
                    {
                        var requests = new List<WriteRequest>();
                {{adds}}
                        await client.{{call}}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """);
        }

        [Theory]
        [InlineData("i < 25", false)]
        [InlineData("i <= 24", false)]
        [InlineData("i < 26", true)]
        [InlineData("i < Limit", true)]
        [InlineData("i <= 25", true)]
        public async Task BatchWriteItem_LoopWithConstantBounds_TriggersOver25(string condition, bool triggers)
        {
            var call = triggers ? "{|DDB301:BatchWriteItemAsync|}" : "BatchWriteItemAsync";
            await VerifyAsync($$"""
                class Importer
                {
                    private const int Limit = 30;

                    async Task Import(IAmazonDynamoDB client)
                    {
                        var requests = new List<WriteRequest>();
                        for (var i = 0; {{condition}}; i++)
                        {
                            requests.Add(Items.Put(i));
                        }

                        await client.{{call}}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_EnumerableRangeSelect_Triggers()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client)
                    {
                        var requests = Enumerable.Range(0, 40).Select(Items.Put).ToList();
                        await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_TwoTablesTogetherOver25_TriggersWithTheTotal()
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + $$"""
                    class Importer
                    {
                        async Task Import(IAmazonDynamoDB client)
                        {
                            var tracks = new List<WriteRequest> { {{Puts(20)}} };
                            var albums = new List<WriteRequest> { {{Puts(10)}} };
                            await client.{|#0:BatchWriteItemAsync|}(new BatchWriteItemRequest
                            {
                                RequestItems = new Dictionary<string, List<WriteRequest>>
                                {
                                    ["Tracks"] = tracks,
                                    ["Albums"] = albums,
                                },
                            });
                        }
                    }
                    """ + Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync sends 30 write requests in one call, but DynamoDB accepts at most 25 and rejects the whole batch"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BatchWriteItem_TwoTablesTogetherWithinLimit_DoesNotTrigger()
        {
            await VerifyAsync($$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client)
                    {
                        var requestItems = new Dictionary<string, List<WriteRequest>>();
                        requestItems["Tracks"] = new List<WriteRequest> { {{Puts(15)}} };
                        requestItems.Add("Albums", new List<WriteRequest> { {{Puts(10)}} });
                        await client.BatchWriteItemAsync(requestItems);
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_ConvenienceOverloadOver25_Triggers()
        {
            await VerifyAsync($$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, CancellationToken cancellationToken)
                    {
                        var requestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = new List<WriteRequest> { {{Puts(15)}} } };
                        requestItems.Add("Albums", new List<WriteRequest> { {{Puts(15)}} });
                        await client.{|DDB301:BatchWriteItemAsync|}(requestItems, cancellationToken);
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_SyncApiOver25_Triggers()
        {
            await VerifyAsync("""
                class Importer
                {
                    void Import(AmazonDynamoDBClient client)
                    {
                        var requests = new List<WriteRequest>();
                        for (var i = 0; i < 30; i++)
                        {
                            requests.Add(Items.Put(i));
                        }

                        client.{|DDB301:BatchWriteItem|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """, ReferenceSet.AwsSdkNet472);
        }

        // ---- DDB301: sizes that grow with an input ----

        [Fact]
        public async Task BatchWriteItem_ForEachOverParameter_TriggersNamingTheInput()
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + """
                    class Importer
                    {
                        async Task Import(IAmazonDynamoDB client, IReadOnlyList<Track> tracks)
                        {
                            var requests = new List<WriteRequest>();
                            foreach (var track in tracks)
                            {
                                requests.Add(Items.Put(track));
                            }

                            await client.{|#0:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                        }
                    }
                    """ + Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("tracks.Select(Items.Put).ToList()")]
        [InlineData("tracks.Where(t => t.Id != \"\").Select(t => Items.Put(t)).ToList()")]
        [InlineData("new List<WriteRequest>(tracks.Select(Items.Put))")]
        [InlineData("tracks.Skip(10).Select(Items.Put).ToList()")]
        [InlineData("tracks.Take(26).Select(Items.Put).ToList()")]
        [InlineData("tracks.Take(Math.Min(30, tracks.Count)).Select(Items.Put).ToList()")]
        [InlineData("tracks.ConvertAll(Items.Put)")]
        [InlineData("tracks.Skip(100).Take(50).Select(Items.Put).ToList()")]
        [InlineData("tracks.GetRange(0, Math.Min(30, tracks.Count)).Select(Items.Put).ToList()")]
        public async Task BatchWriteItem_SelectOverUnboundedInput_Triggers(string requests)
        {
            await VerifyAsync($$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<Track> tracks)
                    {
                        await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest
                        {
                            RequestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = {{requests}} },
                        });
                    }
                }
                """);
        }

        [Theory]
        [InlineData("tracks.Take(25).Select(Items.Put).ToList()")]
        [InlineData("tracks.Take(BatchSize).Select(Items.Put).ToList()")]
        [InlineData("tracks.Skip(page * 25).Take(25).Select(Items.Put).ToList()")]
        [InlineData("tracks.GetRange(0, Math.Min(25, tracks.Count)).Select(Items.Put).ToList()")]
        [InlineData("tracks.GetRange(0, Math.Min(tracks.Count, BatchSize)).ConvertAll(Items.Put)")]
        [InlineData("tracks.GetRange(page, 25).Select(Items.Put).ToList()")]
        public async Task BatchWriteItem_InputLimitedTo25_DoesNotTrigger(string requests)
        {
            await VerifyAsync($$"""
                class Importer
                {
                    private const int BatchSize = 25;

                    async Task Import(IAmazonDynamoDB client, List<Track> tracks, int page)
                    {
                        await client.BatchWriteItemAsync(new BatchWriteItemRequest
                        {
                            RequestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = {{requests}} },
                        });
                    }
                }
                """);
        }

        [Theory]
        [InlineData("25", false)]
        [InlineData("BatchSize", false)]
        [InlineData("26", true)]
        public async Task BatchWriteItem_ForEachOverChunks_TriggersOnlyForChunksOver25(string size, bool triggers)
        {
            var call = triggers ? "{|DDB301:BatchWriteItemAsync|}" : "BatchWriteItemAsync";
            await VerifyAsync($$"""
                class Importer
                {
                    private const int BatchSize = 25;

                    async Task Import(IAmazonDynamoDB client, IEnumerable<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk({{size}}))
                        {
                            var requests = new List<WriteRequest>();
                            foreach (var track in chunk)
                            {
                                requests.Add(Items.Put(track));
                            }

                            await client.{{call}}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_ChunksThroughLocalAndLambda_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, IEnumerable<Track> tracks, CancellationToken cancellationToken)
                    {
                        var chunks = tracks.Chunk(25);
                        foreach (var chunk in chunks)
                        {
                            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = chunk.Select(Items.Put).ToList() } });
                        }

                        await Parallel.ForEachAsync(tracks.Chunk(25), cancellationToken, async (chunk, ct) =>
                            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = chunk.Select(Items.Put).ToList() } }, ct));

                        await Task.WhenAll(tracks.Chunk(25).Select(chunk =>
                            client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = chunk.Select(Items.Put).ToList() } })));
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_SkipTakePagingInLoop_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<Track> tracks)
                    {
                        for (var offset = 0; offset < tracks.Count; offset += 25)
                        {
                            var page = tracks.Skip(offset).Take(25).Select(Items.Put).ToList();
                            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = page } });
                        }
                    }
                }
                """);
        }

        [Theory]
        [InlineData("if (tracks.Count > 25) throw new ArgumentException(\"Too many tracks\", nameof(tracks));")]
        [InlineData("if (tracks.Count > BatchSize) { throw new ArgumentException(\"Too many tracks\"); }")]
        [InlineData("if (tracks == null || tracks.Count >= 26) return;")]
        [InlineData("if (25 < tracks.Count()) throw new ArgumentException();")]
        [InlineData("ArgumentOutOfRangeException.ThrowIfGreaterThan(tracks.Count, 25);")]
        public async Task BatchWriteItem_GuardOnTheInputCount_DoesNotTrigger(string guard)
        {
            await VerifyAsync($$"""
                class Importer
                {
                    private const int BatchSize = 25;

                    async Task Import(IAmazonDynamoDB client, List<Track> tracks)
                    {
                        {{guard}}
                        var requests = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            requests.Add(Items.Put(track));
                        }

                        await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_CallInsideIfThatBoundsTheCount_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<Track> tracks)
                    {
                        var requests = tracks.Select(Items.Put).ToList();
                        if (requests.Count <= 25)
                        {
                            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_GuardWithTooHighLimit_Triggers()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, List<Track> tracks)
                    {
                        if (tracks.Count > 50) throw new ArgumentException("Too many tracks");
                        var requests = tracks.Select(Items.Put).ToList();
                        await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_ListSentAndClearedEvery25InLoop_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, IEnumerable<Track> tracks)
                    {
                        var batch = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            batch.Add(Items.Put(track));
                            if (batch.Count == 25)
                            {
                                await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = batch.ToList() } });
                                batch.Clear();
                            }
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_LoopThatStopsAt25_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, IEnumerable<Track> tracks)
                    {
                        var batch = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            if (batch.Count == 25)
                            {
                                break;
                            }

                            batch.Add(Items.Put(track));
                        }

                        await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = batch } });
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_ListAccumulatedAcrossLoopIterations_Triggers()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, IEnumerable<Track> tracks)
                    {
                        var requests = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            requests.Add(Items.Put(track));
                            await client.{|DDB301:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_AddsAfterTheCall_AreNotCounted()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client)
                    {
                        var requests = new List<WriteRequest> { Items.Put(1) };
                        await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                        for (var i = 0; i < 100; i++)
                        {
                            requests.Add(Items.Put(i));
                        }
                    }
                }
                """);
        }

        [Theory]
        [InlineData("private static readonly string[] Ids = { \"a\", \"b\", \"c\" };", false)]
        [InlineData("private static readonly string[] Ids = [\"a\", \"b\", \"c\"];", false)]
        [InlineData("private readonly string[] Ids = new string[] { \"a\", \"b\" };", false)]
        [InlineData("private static string[] Ids = { \"a\", \"b\", \"c\" };", true)]
        [InlineData("private static readonly List<string> Ids = new() { \"a\", \"b\", \"c\" };", true)]
        public async Task BatchWriteItem_ForEachOverReadOnlyArrayField_CountsItsElements(string field, bool triggers)
        {
            var call = triggers ? "{|DDB301:BatchWriteItemAsync|}" : "BatchWriteItemAsync";
            await VerifyAsync($$"""
                class Importer
                {
                    {{field}}

                    async Task Import(IAmazonDynamoDB client)
                    {
                        var requests = new List<WriteRequest>();
                        foreach (var id in Ids)
                        {
                            requests.Add(Items.Put(new Track { Id = id }));
                        }

                        var tables = new Dictionary<string, int> { ["Tracks"] = 1, ["Albums"] = 2 };
                        foreach (var table in tables)
                        {
                            requests.Add(Items.Put(table.Value));
                        }

                        await client.{{call}}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchWriteItem_RequestItemsChangedAfterTheCall_CountsWhatTheCallSends()
        {
            await VerifyAsync("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client)
                    {
                        var requestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = Enumerable.Range(0, 20).Select(Items.Put).ToList() };
                        var request = new BatchWriteItemRequest { RequestItems = requestItems };
                        var response = await client.BatchWriteItemAsync(request);
                        requestItems["Albums"] = Enumerable.Range(0, 20).Select(Items.Put).ToList();

                        var big = new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = Enumerable.Range(0, 30).Select(Items.Put).ToList() } };
                        var first = await client.{|DDB301:BatchWriteItemAsync|}(big);
                        big.RequestItems = first.UnprocessedItems;
                        await client.BatchWriteItemAsync(big);
                    }
                }
                """);
        }

        [Theory]
        [InlineData("async Task Import(IAmazonDynamoDB client, List<WriteRequest> requests) { await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [\"Tracks\"] = requests } }); }")]
        [InlineData("async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request) { await client.BatchWriteItemAsync(request); }")]
        [InlineData("async Task Import(IAmazonDynamoDB client, Dictionary<string, List<WriteRequest>> items) { await client.BatchWriteItemAsync(items); }")]
        [InlineData("async Task Import(IAmazonDynamoDB client) { await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = Build() }); }")]
        [InlineData("async Task Import(IAmazonDynamoDB client) { var requests = Build()[\"Tracks\"]; await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [\"Tracks\"] = requests } }); }")]
        [InlineData("async Task Import(IAmazonDynamoDB client, List<Track> tracks) { var requests = new List<WriteRequest>(); Fill(requests, tracks); await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [\"Tracks\"] = requests } }); }")]
        [InlineData("async Task Import(IAmazonDynamoDB client, List<Track> tracks) { var requests = new List<WriteRequest>(); tracks.ForEach(t => requests.Add(Items.Put(t))); await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [\"Tracks\"] = requests } }); }")]
        [InlineData("async Task Import(IAmazonDynamoDB client, List<Track> tracks) { var requests = new List<WriteRequest>(); var i = 0; while (i < tracks.Count) { requests.Add(Items.Put(tracks[i++])); } await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [\"Tracks\"] = requests } }); }")]
        [InlineData("async Task Import(IAmazonDynamoDB client, List<List<Track>> batches) { foreach (var batch in batches) { await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [\"Tracks\"] = batch.Select(Items.Put).ToList() } }); } }")]
        [InlineData("async Task Import(IAmazonDynamoDB client, List<Track> tracks, int n) { await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [\"Tracks\"] = tracks.Take(n).Select(Items.Put).ToList() } }); }")]
        public async Task BatchWriteItem_BatchPreparedOutsideTheMethodOrNotModelled_DoesNotTrigger(string method)
        {
            await VerifyAsync($$"""
                class Importer
                {
                    {{method}}

                    static Dictionary<string, List<WriteRequest>> Build() => new();

                    static void Fill(List<WriteRequest> requests, List<Track> tracks) { }
                }
                """);
        }

        [Fact]
        public async Task BatchExecuteStatement_Over25Statements_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "PartiQL");
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + """
                    class Cleanup
                    {
                        async Task Run(IAmazonDynamoDB client)
                        {
                            var statements = Enumerable.Range(0, 26).Select(Items.Statement).ToList();
                            await client.{|#0:BatchExecuteStatementAsync|}(new BatchExecuteStatementRequest { Statements = statements });
                        }
                    }
                    """ + Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchExecuteStatementAsync sends 26 statements in one call, but DynamoDB accepts at most 25 and rejects the whole batch"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BatchExecuteStatement_StatementsFromUnboundedInput_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "PartiQL");
            await VerifyAsync("""
                class Cleanup
                {
                    async Task Run(IAmazonDynamoDB client, IEnumerable<int> ids)
                    {
                        await client.{|DDB301:BatchExecuteStatementAsync|}(new BatchExecuteStatementRequest { Statements = ids.Select(Items.Statement).ToList() });
                        await client.BatchExecuteStatementAsync(new BatchExecuteStatementRequest { Statements = ids.Take(25).Select(Items.Statement).ToList() });
                    }
                }
                """);
        }

        // ---- DDB302 ----

        [Theory]
        [InlineData(100, false)]
        [InlineData(101, true)]
        public async Task BatchGetItem_KeysAddedInConstantLoop_TriggersOver100(int count, bool triggers)
        {
            var call = triggers ? "{|DDB302:BatchGetItemAsync|}" : "BatchGetItemAsync";
            await VerifyAsync($$"""
                class Reader
                {
                    async Task Read(IAmazonDynamoDB client)
                    {
                        var keys = new List<Dictionary<string, AttributeValue>>();
                        for (var i = 0; i < {{count}}; i++)
                        {
                            keys.Add(Items.Key(i));
                        }

                        await client.{{call}}(new BatchGetItemRequest
                        {
                            RequestItems = new Dictionary<string, KeysAndAttributes>
                            {
                                ["Tracks"] = new KeysAndAttributes { Keys = keys, ConsistentRead = true },
                            },
                        });
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchGetItem_TwoTablesTogetherOver100_TriggersWithTheTotal()
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + """
                    class Reader
                    {
                        async Task Read(IAmazonDynamoDB client)
                        {
                            var trackKeys = new KeysAndAttributes { Keys = Enumerable.Range(0, 60).Select(Items.Key).ToList() };
                            var albumKeys = new KeysAndAttributes { Keys = Enumerable.Range(0, 50).Select(Items.Key).ToList() };
                            await client.{|#0:BatchGetItemAsync|}(new Dictionary<string, KeysAndAttributes> { ["Tracks"] = trackKeys, ["Albums"] = albumKeys });
                        }
                    }
                    """ + Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB302").WithLocation(0).WithMessage(
                "BatchGetItemAsync requests 110 keys in one call, but DynamoDB accepts at most 100 and rejects the whole batch"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BatchGetItem_KeysFromUnboundedInput_TriggersNamingTheInput()
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + """
                    class Reader
                    {
                        async Task Read(IAmazonDynamoDB client, IReadOnlyCollection<string> ids)
                        {
                            var keys = ids.Select(Items.Key).ToList();
                            await client.{|#0:BatchGetItemAsync|}(new BatchGetItemRequest { RequestItems = new() { ["Tracks"] = new KeysAndAttributes { Keys = keys } } });
                        }
                    }
                    """ + Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB302").WithLocation(0).WithMessage(
                "BatchGetItemAsync may request more than 100 keys in one call: there is one for each element of 'ids', which is not limited to 100; DynamoDB rejects the whole batch"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BatchGetItem_KeysChunkedBy100_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Reader
                {
                    async Task Read(IAmazonDynamoDB client, IReadOnlyCollection<string> ids)
                    {
                        foreach (var chunk in ids.Chunk(100))
                        {
                            var keys = chunk.Select(Items.Key).ToList();
                            await client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { ["Tracks"] = new KeysAndAttributes { Keys = keys } } });
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task BatchGetItem_30KeysInBatchOf25_IsNotAWriteLimit()
        {
            await VerifyAsync("""
                class Reader
                {
                    async Task Read(IAmazonDynamoDB client)
                    {
                        var keys = Enumerable.Range(0, 30).Select(Items.Key).ToList();
                        await client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { ["Tracks"] = new KeysAndAttributes { Keys = keys } } });
                    }
                }
                """);
        }

        // ---- DDB303 ----

        [Theory]
        [InlineData(100, false)]
        [InlineData(101, true)]
        public async Task TransactWriteItems_ActionsAddedInConstantLoop_TriggersOver100(int count, bool triggers)
        {
            var call = triggers ? "{|DDB303:TransactWriteItemsAsync|}" : "TransactWriteItemsAsync";
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(IAmazonDynamoDB client)
                    {
                        var actions = new List<TransactWriteItem>();
                        for (var i = 0; i < {{count}}; i++)
                        {
                            actions.Add(Items.Save(i));
                        }

                        await client.{{call}}(new TransactWriteItemsRequest { TransactItems = actions, ClientRequestToken = "import-1" });
                    }
                }
                """);
        }

        [Fact]
        public async Task TransactWriteItems_ActionsFromUnboundedInput_Triggers()
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + """
                    class Writer
                    {
                        async Task Write(IAmazonDynamoDB client, IEnumerable<Track> tracks)
                        {
                            await client.{|#0:TransactWriteItemsAsync|}(new TransactWriteItemsRequest { TransactItems = tracks.Select(Items.Save).ToList() });
                        }
                    }
                    """ + Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB303").WithLocation(0).WithMessage(
                "TransactWriteItemsAsync may send more than 100 actions in one transaction: there is one for each element of 'tracks', which is not limited to 100; DynamoDB rejects the whole transaction"));
            await test.RunAsync();
        }

        [Fact]
        public async Task TransactGetItemsAndExecuteTransaction_Over100_Trigger()
        {
            TestSdks.Only(AwsSdk.V4, "PartiQL");
            await VerifyAsync("""
                class Writer
                {
                    async Task Write(IAmazonDynamoDB client, IEnumerable<string> ids)
                    {
                        var gets = ids.Select(id => new TransactGetItem { Get = new Get { TableName = "Tracks", Key = Items.Key(id) } }).ToList();
                        await client.{|DDB303:TransactGetItemsAsync|}(new TransactGetItemsRequest { TransactItems = gets });

                        var statements = new List<ParameterizedStatement>();
                        for (var i = 0; i < 150; i++)
                        {
                            statements.Add(new ParameterizedStatement { Statement = "DELETE FROM Tracks WHERE Id = ?", Parameters = [new AttributeValue { S = i.ToString() }] });
                        }

                        await client.{|DDB303:ExecuteTransactionAsync|}(new ExecuteTransactionRequest { TransactStatements = statements });
                    }
                }
                """);
        }

        [Fact]
        public async Task ContextTransactWrite_AddSaveItemsOfUnboundedInput_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + """
                    using Amazon.DynamoDBv2.DataModel;

                    class Writer
                    {
                        async Task Write(IDynamoDBContext context, List<Track> tracks)
                        {
                            var transaction = context.CreateTransactWrite<Track>();
                            transaction.AddSaveItems(tracks);
                            await transaction.{|#0:ExecuteAsync|}();
                        }
                    }
                    """ + Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB303").WithLocation(0).WithMessage(
                "ExecuteAsync may send more than 100 actions in one transaction: there is one for each element of 'tracks', which is not limited to 100; DynamoDB rejects the whole transaction"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("transaction.AddSaveItems(tracks.Take(100));", false)]
        [InlineData("if (tracks.Count > 100) throw new ArgumentException(); transaction.AddSaveItems(tracks);", false)]
        [InlineData("transaction.AddSaveItem(tracks[0]); transaction.AddDeleteItem(tracks[1]);", false)]
        [InlineData("for (var i = 0; i < 101; i++) transaction.AddDeleteKey(i.ToString());", true)]
        [InlineData("transaction.AddSaveItems(tracks.Take(99)); transaction.AddVersionCheckItem(tracks[0]);", false)]
        [InlineData("transaction.AddSaveItems(tracks.Take(100)); transaction.AddVersionCheckItem(tracks[0]);", true)]
        [InlineData("transaction.AddSaveItems(new[] { tracks[0], tracks[1] }); transaction.AddDeleteItems(tracks);", true)]
        public async Task ContextTransactWrite_CountsEveryAddition(string additions, bool triggers)
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            var call = triggers ? "{|DDB303:ExecuteAsync|}" : "ExecuteAsync";
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(Amazon.DynamoDBv2.DataModel.IDynamoDBContext context, List<Track> tracks)
                    {
                        var transaction = context.CreateTransactWrite<Track>();
                        {{additions}}
                        await transaction.{{call}}();
                    }
                }
                """);
        }

        [Fact]
        public async Task TableTransactWrite_DocumentPerInputElement_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await VerifyAsync("""
                using Amazon.DynamoDBv2.DocumentModel;

                class Writer
                {
                    async Task Write(ITable table, IEnumerable<Document> documents)
                    {
                        var transaction = table.CreateTransactWrite();
                        foreach (var document in documents)
                        {
                            transaction.AddDocumentToPut(document);
                        }

                        await transaction.{|DDB303:ExecuteAsync|}();
                    }
                }
                """);
        }

        [Fact]
        public async Task ContextTransactGet_AddKeysOfUnboundedInput_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await VerifyAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Reader
                {
                    async Task Read(IDynamoDBContext context, IEnumerable<Track> tracks)
                    {
                        var transaction = context.CreateTransactGet<Track>();
                        transaction.AddKeys(tracks);
                        await transaction.{|DDB303:ExecuteAsync|}();
                    }
                }
                """);
        }

        [Fact]
        public async Task DataModelBatches_SplitByTheSdk_DoNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await VerifyAsync("""
                using Amazon.DynamoDBv2.DataModel;
                using Amazon.DynamoDBv2.DocumentModel;

                class Writer
                {
                    async Task Write(IDynamoDBContext context, ITable table, List<Track> tracks, List<Document> documents)
                    {
                        var batch = context.CreateBatchWrite<Track>();
                        batch.AddPutItems(tracks);
                        await batch.ExecuteAsync();

                        var get = context.CreateBatchGet<Track>();
                        foreach (var track in tracks)
                        {
                            get.AddKey(track.Id);
                        }

                        await get.ExecuteAsync();

                        var documentBatch = table.CreateBatchWrite();
                        foreach (var document in documents)
                        {
                            documentBatch.AddDocumentToPut(document);
                        }

                        await documentBatch.ExecuteAsync();
                    }
                }
                """);
        }

        [Fact]
        public async Task TransactionFromParameter_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await VerifyAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Writer
                {
                    async Task Write(ITransactWrite<Track> transaction, TransactWriteItemsRequest request, IAmazonDynamoDB client)
                    {
                        await transaction.ExecuteAsync();
                        await client.TransactWriteItemsAsync(request);
                    }
                }
                """);
        }

        // ---- robustness ----

        [Fact]
        public async Task BrokenCode_DoesNotCrash()
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + """
                    class Importer
                    {
                        async Task Import(IAmazonDynamoDB client, List<Track> tracks)
                        {
                            var requests = new List<WriteRequest>();
                            foreach (var track in )
                            {
                                requests.Add(Items.Put(track
                            }

                            for (var i = 0; i < ; i++) requests.Add(;
                            List<WriteRequest> more = [.., Items.Put(1)];
                            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [UnknownTable] = requests, ["B"] = more } });
                            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = });
                            await client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { ["T"] = new KeysAndAttributes { Keys = tracks.Select(Missing).ToList() } } });
                            await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = tracks.Select( });
                            var transaction = context.CreateTransactWrite<Track>();
                            transaction.AddSaveItems(tracks);
                            await transaction.ExecuteAsync();
                        }
                    }
                    """ + Helpers,
                AllowAnyCompilerErrors = true,
                CheckSuppressions = false,
            };

            // Whatever is reported in broken code, the analyzer must not throw (the harness fails on AD0001).
            await test.GetDiagnosticsAsync();
        }

        [Fact]
        public async Task ProjectWithoutAwsSdk_DoesNotTrigger()
        {
            await new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = """
                    using System.Collections.Generic;
                    class Client { public void BatchWriteItem(Dictionary<string, List<int>> requestItems) { } }
                    class C { void M(Client c) { c.BatchWriteItem(new Dictionary<string, List<int>> { ["T"] = new List<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26 } }); } }
                    """,
                References = ReferenceSet.RuntimeOnly,
            }.RunAsync();
        }
    }
}
