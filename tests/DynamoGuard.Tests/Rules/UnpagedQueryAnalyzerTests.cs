using System;
using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB305. Each test is a small project: a repository class (the test source) and the item model in
    /// Models/Track.cs, as a real code base splits them.
    /// </summary>
    public class UnpagedQueryAnalyzerTests
    {
        internal const string Prelude = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.DynamoDBv2.DocumentModel;
            using Amazon.DynamoDBv2.Model;
            using MusicStore.Models;

            """;

        internal const string TrackModel = """
            using Amazon.DynamoDBv2.DataModel;

            namespace MusicStore.Models
            {
                [DynamoDBTable("Tracks")]
                public class Track
                {
                    [DynamoDBHashKey("album_id")]
                    public string AlbumId { get; set; } = "";

                    [DynamoDBRangeKey("track_id")]
                    public string TrackId { get; set; } = "";

                    public string Title { get; set; } = "";

                    public int Year { get; set; }
                }
            }
            """;

        /// <summary>
        /// Theory rows share one method; a row that uses an API SDK v3 (3.3.105.15) lacks runs on v4 only, the others
        /// run on every SDK.
        /// </summary>
        private static void OnlyOnV4IfTheRowNeedsIt(string body)
        {
            foreach (var api in new[] { "ExecuteStatement", "Paginators", "PaginationToken", "ISearch", "IAsyncSearch" })
            {
                if (body.Contains(api, StringComparison.Ordinal))
                {
                    TestSdks.Only(AwsSdk.V4, api);
                    return;
                }
            }
        }

        private static CSharpTest Test(string repository, ReferenceSet references = ReferenceSet.AwsSdk)
        {
            var test = new CSharpTest(new UnpagedQueryAnalyzer()) { TestCode = Prelude + repository, References = references };
            test.AdditionalSources.Add(("Models/Track.cs", TrackModel));
            return test;
        }

        private static Task VerifyAsync(string repository, ReferenceSet references = ReferenceSet.AwsSdk) => Test(repository, references).RunAsync();

        private static Task VerifyBodyAsync(string body, ReferenceSet references = ReferenceSet.AwsSdk) => VerifyAsync($$"""
            namespace MusicStore.Data
            {
                public class TrackRepository
                {
                    private readonly IAmazonDynamoDB _client;
                    private readonly IDynamoDBContext _context;
            #if AWSSDK_V3 // SDK v3 has no ITable
                    private readonly Table _table;
            #else
                    private readonly ITable _table;
            #endif
                    private Dictionary<string, AttributeValue>? _resumeKey;

            #if AWSSDK_V3
                    public TrackRepository(IAmazonDynamoDB client, IDynamoDBContext context, Table table)
            #else
                    public TrackRepository(IAmazonDynamoDB client, IDynamoDBContext context, ITable table)
            #endif
                    {
                        _client = client;
                        _context = context;
                        _table = table;
                    }

                    public QueryResponse? LastPage { get; private set; }

                    {{body}}

                    private static void Audit(QueryResponse response) { }

                    private static Track ToTrack(Dictionary<string, AttributeValue> item)
                        => new Track { AlbumId = item["album_id"].S, TrackId = item["track_id"].S, Title = item["Title"].S };
                }
            }
            """, references);

        private static CSharpTest WithMessage(string body, string message)
        {
            var test = Test($$"""
                namespace MusicStore.Data
                {
                    public class TrackRepository
                    {
                        private readonly IAmazonDynamoDB _client;
                        private readonly IDynamoDBContext _context;

                        public TrackRepository(IAmazonDynamoDB client, IDynamoDBContext context)
                        {
                            _client = client;
                            _context = context;
                        }

                        {{body}}
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB305").WithLocation(0).WithMessage(message));
            return test;
        }

        // ---- low-level client: only the first item asked for ----

        /// <summary>
        /// Without a filter a page holds at least one item whenever any item matches, so the first item of the first page
        /// is the first item of the result: <c>FirstOrDefault()</c>, <c>First()</c> and <c>Any()</c> need no paging.
        /// </summary>
        [Theory]
        [InlineData("""
            public async Task<Dictionary<string, AttributeValue>?> FirstTrackAsync(string albumId)
            {
                var response = await _client.QueryAsync(new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                });
                return response.Items.FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<Track> FirstTrackAsync(string albumId)
                => ToTrack((await _client.QueryAsync(new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                })).Items.First());
            """)]
        [InlineData("""
            public async Task<bool> HasAnyTrackAsync()
            {
                var response = await _client.ScanAsync(new ScanRequest { TableName = "Tracks" });
                return response.Items.Any();
            }
            """)]
        public async Task UnfilteredRead_OnlyTheFirstItemAskedFor_NoDiagnostic(string body)
            => await VerifyBodyAsync(body);

        /// <summary>With a filter the first page can be empty while later pages match; a predicate or a count needs every page.</summary>
        [Theory]
        [InlineData("""
            public async Task<Dictionary<string, AttributeValue>?> FirstHitAsync(string albumId)
            {
                var response = await _client.{|#0:QueryAsync|}(new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    FilterExpression = "#y > :year",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#y"] = "Year" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":album"] = new AttributeValue { S = albumId },
                        [":year"] = new AttributeValue { N = "2000" },
                    },
                });
                return response.Items.FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<Dictionary<string, AttributeValue>?> FirstHitAsync(string albumId)
            {
                var response = await _client.{|#0:QueryAsync|}(new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                });
                return response.Items.FirstOrDefault(item => item["Title"].S == "Intro");
            }
            """)]
        [InlineData("""
            public async Task<int> CountAsync()
            {
                var response = await _client.{|#0:ScanAsync|}(new ScanRequest { TableName = "Tracks" });
                var first = response.Items.FirstOrDefault();
                return response.Items.Count;
            }
            """)]
        public async Task FilteredOrWholeResultNeeded_WithFirstItem_Triggers(string body)
        {
            var test = Test($$"""
                namespace MusicStore.Data
                {
                    public class TrackRepository
                    {
                        private readonly IAmazonDynamoDB _client;

                        public TrackRepository(IAmazonDynamoDB client) => _client = client;

                        {{body}}
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB305").WithLocation(0));
            await test.RunAsync();
        }

        // ---- low-level client: reported ----

        [Fact]
        public async Task QueryAsync_ItemsOfOnePageReturnedAsTheAlbum_Triggers()
        {
            await WithMessage("""
                public async Task<List<Dictionary<string, AttributeValue>>> GetAlbumAsync(string albumId, CancellationToken cancellationToken)
                {
                    var response = await _client.{|#0:QueryAsync|}(new QueryRequest
                    {
                        TableName = "Tracks",
                        KeyConditionExpression = "album_id = :album",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                    }, cancellationToken);
                    return response.Items;
                }
                """,
                "QueryAsync returns one page of at most 1 MB, but its Items are read and its LastEvaluatedKey never is: once the result outgrows a page, the remaining items are silently missing").RunAsync();
        }

        [Fact]
        public async Task ExecuteStatementAsync_ItemsReadWithoutNextToken_TriggersWithNextTokenInTheMessage()
        {
            TestSdks.Only(AwsSdk.V4, "PartiQL");
            await WithMessage("""
                public async Task<int> CountRecentAsync(string albumId)
                {
                    var response = await _client.{|#0:ExecuteStatementAsync|}(new ExecuteStatementRequest
                    {
                        Statement = "SELECT * FROM \"Tracks\" WHERE album_id = ? AND \"Year\" >= 2020",
                        Parameters = new List<AttributeValue> { new AttributeValue { S = albumId } },
                    });
                    return response.Items.Count;
                }
                """,
                "ExecuteStatementAsync returns one page of at most 1 MB, but its Items are read and its NextToken never is: once the result outgrows a page, the remaining items are silently missing").RunAsync();
        }

        [Fact]
        public async Task ObjectModelQueryAsync_OnePageRead_TriggersWithTheSearchInTheMessage()
        {
            await WithMessage("""
                public async Task<List<Track>> GetAlbumAsync(string albumId, CancellationToken cancellationToken)
                {
                    var search = _context.QueryAsync<Track>(albumId);
                    return await search.{|#0:GetNextSetAsync|}(cancellationToken);
                }
                """,
                "GetNextSetAsync reads only the first page (at most 1 MB) of the results of QueryAsync, and IsDone is never checked: once the result outgrows a page, the remaining items are silently missing").RunAsync();
        }

        [Theory]
        [InlineData("""
            public async Task<List<Track>> ScanAllAsync()
            {
                var request = new ScanRequest { TableName = "Tracks" };
                var response = await _client.[|ScanAsync|](request).ConfigureAwait(false);
                return response.Items.Select(ToTrack).ToList();
            }
            """)]
        [InlineData("""
            public async Task<int> CountAsync(ScanRequest request)
            {
                // A Scan from anywhere reads the whole table: it always needs paging.
                var items = (await _client.[|ScanAsync|](request)).Items;
                return items.Count;
            }
            """)]
        [InlineData("""
            public async Task<List<string>> TitlesAsync()
            {
                var response = await _client.[|ScanAsync|]("Tracks", new List<string> { "Title" });
                return response.Items.Select(i => i["Title"].S).ToList();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> GetAlbumsAsync(IEnumerable<string> albumIds)
            {
                // A loop over albums is not a paging loop: each album's query still reads one page.
                var tracks = new List<Track>();
                foreach (var albumId in albumIds)
                {
                    var request = new QueryRequest
                    {
                        TableName = "Tracks",
                        KeyConditionExpression = "album_id = :album",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                    };
                    var response = await _client.[|QueryAsync|](request);
                    tracks.AddRange(response.Items.Select(ToTrack));
                }

                return tracks;
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> GetRangeAsync(string albumId, string from, string to)
            {
                var response = await _client.[|QueryAsync|](new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album AND track_id BETWEEN :from AND :to",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":album"] = new AttributeValue { S = albumId },
                        [":from"] = new AttributeValue { S = from },
                        [":to"] = new AttributeValue { S = to },
                    },
                });
                return response.Items.Select(ToTrack).ToList();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> ByTitleAsync(string albumId, string title)
            {
                // Two equalities on an index do not pin one item: index keys are not unique.
                var response = await _client.[|QueryAsync|](new QueryRequest
                {
                    TableName = "Tracks",
                    IndexName = "album-title-index",
                    KeyConditionExpression = "album_id = :album AND Title = :title",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":album"] = new AttributeValue { S = albumId },
                        [":title"] = new AttributeValue { S = title },
                    },
                });
                return response.Items.Select(ToTrack).ToList();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> LegacyAlbumAsync(string albumId)
            {
                var response = await _client.[|QueryAsync|](new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditions = new Dictionary<string, Condition>
                    {
                        ["album_id"] = new Condition { ComparisonOperator = ComparisonOperator.EQ, AttributeValueList = new List<AttributeValue> { new AttributeValue { S = albumId } } },
                    },
                });
                return response.Items.Select(ToTrack).ToList();
            }
            """)]
        [InlineData("""
            public async Task<List<Dictionary<string, AttributeValue>>> AllAsync()
            {
                var response = await _client.[|ExecuteStatementAsync|](new ExecuteStatementRequest { Statement = "SELECT * FROM \"Tracks\"" });
                return response.Items;
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> RecentAsync(string albumId)
            {
                // Limit counts the items read before the filter: the page may hold fewer matches than there are.
                QueryResponse response;
                response = await _client.[|QueryAsync|](new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    FilterExpression = "#year >= :year",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#year"] = "Year" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":album"] = new AttributeValue { S = albumId },
                        [":year"] = new AttributeValue { N = "2020" },
                    },
                    Limit = 10,
                });
                Console.WriteLine(response.ConsumedCapacity?.CapacityUnits);
                return response.Items.Select(ToTrack).ToList();
            }
            """)]
        public async Task LowLevelRead_ItemsOfOnePageUsed_Triggers(string body)
        {
            OnlyOnV4IfTheRowNeedsIt(body);
            await VerifyBodyAsync(body);
        }

        [Theory]
        [InlineData("""
            public List<Track> GetAlbum(string albumId)
            {
                var response = _client.[|Query|](new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                });
                return response.Items.Select(ToTrack).ToList();
            }
            """)]
        [InlineData("""
            public int CountTracks()
            {
                return _client.[|Scan|](new ScanRequest { TableName = "Tracks" }).Items.Count;
            }
            """)]
        [InlineData("""
            public List<Dictionary<string, AttributeValue>> All()
            {
                var response = _client.[|ExecuteStatement|](new ExecuteStatementRequest { Statement = "SELECT * FROM Tracks" });
                return response.Items;
            }
            """)]
        [InlineData("""
            public List<Document> GetAlbumDocuments(string albumId)
            {
                var search = _table.Query(albumId, new QueryFilter());
                return search.[|GetNextSet|]();
            }
            """)]
        public async Task SyncApi_OnePageUsed_Triggers(string body)
        {
            OnlyOnV4IfTheRowNeedsIt(body);
            await VerifyBodyAsync(body, ReferenceSet.AwsSdkNet472);
        }

        // ---- document and object persistence models: reported ----

        [Theory]
        [InlineData("""
            public async Task<List<Document>> GetAlbumAsync(string albumId, CancellationToken cancellationToken)
            {
                var search = _table.Query(albumId, new QueryFilter());
                var documents = await search.[|GetNextSetAsync|](cancellationToken);
                return documents;
            }
            """)]
        [InlineData("""
            public async Task<int> CountAsync()
            {
                return (await _table.Scan(new ScanFilter()).[|GetNextSetAsync|]()).Count;
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> ByYearAsync(int year)
            {
                var search = _context.ScanAsync<Track>(new[] { new ScanCondition("Year", ScanOperator.Equal, year) });
                var tracks = await search.[|GetNextSetAsync|]().ConfigureAwait(false);
                return tracks.OrderBy(t => t.Title).ToList();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> FromConfigAsync(QueryOperationConfig config)
            {
                var tracks = await _context.FromQueryAsync<Track>(config).[|GetNextSetAsync|]();
                return tracks;
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> FromScanConfigAsync()
            {
                var search = _context.FromScanAsync<Track>(new ScanOperationConfig { Limit = 100, FilterExpression = new Expression { ExpressionStatement = "attribute_exists(Title)" } });
                List<Track> page = await search.[|GetNextSetAsync|]();
                return page;
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> LaterTracksAsync(string albumId, string after)
            {
                // A range condition: many items.
                var search = _context.QueryAsync<Track>(albumId, QueryOperator.GreaterThan, new object[] { after });
                return await search.[|GetNextSetAsync|]();
            }
            """)]
        [InlineData("""
            public async Task<Track?> FirstRecentAsync(string albumId)
            {
                // A filter: the first page can be empty while a later one matches.
                var config = new QueryOperationConfig
                {
                    KeyExpression = new Expression { ExpressionStatement = "album_id = :a", ExpressionAttributeValues = { [":a"] = albumId } },
                    FilterExpression = new Expression { ExpressionStatement = "attribute_exists(Title)" },
                };
                var tracks = await _context.FromQueryAsync<Track>(config).[|GetNextSetAsync|]();
                return tracks.FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<Track?> FirstRecentOfIndexAsync(string albumId)
            {
            #pragma warning disable CS0618 // DynamoDBOperationConfig on a query is obsolete in SDK v4, still common
                var query = _context.QueryAsync<Track>(albumId, new DynamoDBOperationConfig
                {
                    IndexName = "by-year",
                    QueryFilter = new List<ScanCondition> { new ScanCondition("Year", ScanOperator.GreaterThan, 2000) },
                });
            #pragma warning restore CS0618
                var tracks = await query.[|GetNextSetAsync|]();
                return tracks.FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<Track?> FirstOfYearAsync(int year)
            {
                var tracks = await _context.ScanAsync<Track>(new[] { new ScanCondition("Year", ScanOperator.Equal, year) }).[|GetNextSetAsync|]();
                return tracks.FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<(Track? First, int Count)> SummaryAsync(string albumId)
            {
                // The first item and the count: the count needs every page.
                var tracks = await _context.QueryAsync<Track>(albumId).[|GetNextSetAsync|]();
                return (tracks.FirstOrDefault(), tracks.Count);
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> FirstTitledAsync(int take)
            {
                var search = _context.FromScanAsync<Track>(new ScanOperationConfig { Limit = take, FilterExpression = new Expression { ExpressionStatement = "attribute_exists(Title)" } });
                return await search.[|GetNextSetAsync|]();
            }
            """)]
        public async Task SearchRead_OnePageUsedWithoutIsDone_Triggers(string body)
        {
            OnlyOnV4IfTheRowNeedsIt(body);
            await VerifyBodyAsync(body);
        }

        // ---- paging, or a page on purpose: not reported ----

        [Theory]
        [InlineData("""
            public async Task<List<Dictionary<string, AttributeValue>>> GetAlbumAsync(string albumId)
            {
                var request = new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                };
                var items = new List<Dictionary<string, AttributeValue>>();
                QueryResponse response;
                do
                {
                    response = await _client.QueryAsync(request);
                    items.AddRange(response.Items ?? new());
                    request.ExclusiveStartKey = response.LastEvaluatedKey;
                }
                while (response.LastEvaluatedKey is { Count: > 0 });
                return items;
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> ScanAllAsync()
            {
                var tracks = new List<Track>();
                Dictionary<string, AttributeValue>? startKey = null;
                do
                {
                    var response = await _client.ScanAsync(new ScanRequest { TableName = "Tracks", ExclusiveStartKey = startKey });
                    tracks.AddRange(response.Items.Select(ToTrack));
                    startKey = response.LastEvaluatedKey;
                }
                while (startKey is { Count: > 0 });
                return tracks;
            }
            """)]
        [InlineData("""
            public async Task<List<Dictionary<string, AttributeValue>>> AllAsync()
            {
                var request = new ExecuteStatementRequest { Statement = "SELECT * FROM Tracks" };
                var items = new List<Dictionary<string, AttributeValue>>();
                do
                {
                    var response = await _client.ExecuteStatementAsync(request);
                    items.AddRange(response.Items);
                    request.NextToken = response.NextToken;
                }
                while (request.NextToken != null);
                return items;
            }
            """)]
        [InlineData("""
            public async Task<(List<Dictionary<string, AttributeValue>> Items, Dictionary<string, AttributeValue> Next)> PageAsync(Dictionary<string, AttributeValue>? start)
            {
                // One page for the caller, with the key to the next one.
                var response = await _client.ScanAsync(new ScanRequest { TableName = "Tracks", Limit = 50, ExclusiveStartKey = start });
                return (response.Items, response.LastEvaluatedKey);
            }
            """)]
        [InlineData("""
            public async Task<List<Dictionary<string, AttributeValue>>> FirstPageAsync()
            {
                var response = await _client.ScanAsync(new ScanRequest { TableName = "Tracks", Limit = 50 });
                _resumeKey = response.LastEvaluatedKey;
                return response.Items;
            }
            """)]
        [InlineData("""
            public async Task<QueryResponse> PageAsync(QueryRequest request)
            {
                var response = await _client.QueryAsync(request);
                Console.WriteLine(response.Items.Count);
                return response;
            }
            """)]
        [InlineData("""
            public async Task<ScanResponse> PageAsync()
            {
                return await _client.ScanAsync(new ScanRequest { TableName = "Tracks" });
            }
            """)]
        [InlineData("""
            public Task<ScanResponse> PageAsync() => _client.ScanAsync(new ScanRequest { TableName = "Tracks" });
            """)]
        [InlineData("""
            public async Task RememberAsync(string albumId)
            {
                var response = await _client.QueryAsync(new QueryRequest { TableName = "Tracks", KeyConditionExpression = "album_id = :a", ExpressionAttributeValues = new() { [":a"] = new AttributeValue { S = albumId } } });
                LastPage = response;
                Console.WriteLine(response.Items.Count);
            }
            """)]
        [InlineData("""
            public async Task AuditAsync(string albumId)
            {
                var response = await _client.QueryAsync(new QueryRequest { TableName = "Tracks", KeyConditionExpression = "album_id = :a", ExpressionAttributeValues = new() { [":a"] = new AttributeValue { S = albumId } } });
                Console.WriteLine(response.Items.Count);
                Audit(response); // unknown code may page on
            }
            """)]
        [InlineData("""
            public async Task<bool> HasMoreAsync()
            {
                var response = await _client.ScanAsync(new ScanRequest { TableName = "Tracks" });
                Console.WriteLine(response.Items.Count);
                return response is { LastEvaluatedKey.Count: > 0 };
            }
            """)]
        [InlineData("""
            public async Task<List<Dictionary<string, AttributeValue>>> PageAsync(Dictionary<string, AttributeValue> key, Action<Dictionary<string, AttributeValue>> next)
            {
                var response = await _client.ScanAsync(new ScanRequest { TableName = "Tracks", ExclusiveStartKey = key });
                next(response.LastEvaluatedKey);
                return response.Items;
            }
            """)]
        [InlineData("""
            public async Task<int?> ConsumedAsync()
            {
                // Items not used: a count or capacity probe is not this rule's business.
                var response = await _client.ScanAsync(new ScanRequest { TableName = "Tracks", Select = Select.COUNT });
                return response.Count;
            }
            """)]
        [InlineData("""
            public async Task ProbeAsync()
            {
                await _client.ScanAsync(new ScanRequest { TableName = "Tracks" });
            }
            """)]
        public async Task LowLevelRead_PagedOrHandedOn_DoesNotTrigger(string body)
        {
            OnlyOnV4IfTheRowNeedsIt(body);
            await VerifyBodyAsync(body);
        }

        [Fact]
        public async Task LowLevelRead_ContinuationLeftThroughOutParameter_DoesNotTrigger()
        {
            await VerifyBodyAsync("""
                public List<Dictionary<string, AttributeValue>> Page(ScanRequest request, out Dictionary<string, AttributeValue> next)
                {
                    var response = _client.Scan(request);
                    next = response.LastEvaluatedKey;
                    return response.Items;
                }
                """, ReferenceSet.AwsSdkNet472);
        }

        [Theory]
        [InlineData("""
            public async Task<Track?> GetTrackAsync(string albumId, string trackId)
            {
                // Both keys by equality: at most one item.
                var response = await _client.QueryAsync(new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album AND track_id = :track",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":album"] = new AttributeValue { S = albumId },
                        [":track"] = new AttributeValue { S = trackId },
                    },
                });
                return response.Items.Select(ToTrack).FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<Track?> GetTrackAsync(string albumId, string trackId)
            {
                var response = await _client.QueryAsync(new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditions = new Dictionary<string, Condition>
                    {
                        ["album_id"] = new Condition { ComparisonOperator = ComparisonOperator.EQ, AttributeValueList = new List<AttributeValue> { new AttributeValue { S = albumId } } },
                        ["track_id"] = new Condition { ComparisonOperator = "EQ", AttributeValueList = new List<AttributeValue> { new AttributeValue { S = trackId } } },
                    },
                });
                return response.Items.Select(ToTrack).FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<Track?> NewestAsync(string albumId)
            {
                var response = await _client.QueryAsync(new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                    ScanIndexForward = false,
                    Limit = 1,
                });
                return response.Items.Count > 0 ? ToTrack(response.Items[0]) : null;
            }
            """)]
        [InlineData("""
            public async Task<Track?> GetTrackAsync(QueryRequest request)
            {
                // A Query from elsewhere: its key condition (which may pin one item) is not visible.
                var response = await _client.QueryAsync(request);
                return response.Items.Select(ToTrack).FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<Track?> GetTrackAsync(string albumId, string trackId)
            {
                var response = await _client.ExecuteStatementAsync(new ExecuteStatementRequest
                {
                    Statement = "SELECT * FROM \"Tracks\" WHERE album_id = ? AND track_id = ?",
                    Parameters = new List<AttributeValue> { new AttributeValue { S = albumId }, new AttributeValue { S = trackId } },
                });
                return response.Items.Select(ToTrack).FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<int> DeleteAsync(string albumId, string trackId)
            {
                var response = await _client.ExecuteStatementAsync(new ExecuteStatementRequest
                {
                    Statement = "DELETE FROM Tracks WHERE album_id = ? AND track_id = ? RETURNING ALL OLD *",
                    Parameters = new List<AttributeValue> { new AttributeValue { S = albumId }, new AttributeValue { S = trackId } },
                });
                return response.Items.Count;
            }
            """)]
        [InlineData("""
            public async Task<Track?> GetTrackAsync(string albumId, string trackId)
            {
                var tracks = await _context.QueryAsync<Track>(albumId, QueryOperator.Equal, new object[] { trackId }).GetNextSetAsync();
                return tracks.FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> LatestAsync(string albumId)
            {
                // The ten newest tracks: Limit without a filter is a "first n items" read.
                var response = await _client.QueryAsync(new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                    ScanIndexForward = false,
                    Limit = 10,
                });
                return response.Items.Select(ToTrack).ToList();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> SampleAsync()
            {
                var config = new ScanOperationConfig { Limit = 25 };
                var search = _context.FromScanAsync<Track>(config);
                return await search.GetNextSetAsync();
            }
            """)]
        [InlineData("""
            public async Task<Track?> FirstOfAlbumAsync(string albumId)
            {
                // No filter: the first page holds the album's first track whenever there is one.
                var query = _context.QueryAsync<Track>(albumId);
                var tracks = await query.GetNextSetAsync();
                return tracks.FirstOrDefault() ?? new Track();
            }
            """)]
        [InlineData("""
            public async Task<Track> ByIndexAsync(string albumId, string indexName)
            {
            #pragma warning disable CS0618 // DynamoDBOperationConfig on a query is obsolete in SDK v4, still common
                var query = _context.QueryAsync<Track>(albumId, new DynamoDBOperationConfig { IndexName = indexName });
            #pragma warning restore CS0618
                var entities = await query.GetNextSetAsync();
                return entities.FirstOrDefault() ?? new Track();
            }
            """)]
        [InlineData("""
            public async Task<bool> HasTracksAsync(string albumId)
            {
                return (await _context.QueryAsync<Track>(albumId).GetNextSetAsync()).Any();
            }
            """)]
        [InlineData("""
            public async Task<Track?> ByIndexAsync(string title)
            {
                var query = _context.FromQueryAsync<Track>(new QueryOperationConfig { IndexName = "by-title", KeyExpression = new Expression { ExpressionStatement = "Title = :t" } });
                var tracks = await query.GetNextSetAsync();
                return tracks.FirstOrDefault();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> PageOfTracksAsync(int take, string? from)
            {
                // A page the caller asked for: its size and where it starts.
                var config = new ScanOperationConfig { Limit = take, PaginationToken = from };
                return await _context.FromScanAsync<Track>(config).GetNextSetAsync();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> FirstTracksAsync(int take)
            {
                var search = _context.FromScanAsync<Track>(new ScanOperationConfig { Limit = take });
                return await search.GetNextSetAsync();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> LatestAsync(string albumId, int count)
            {
                var response = await _client.QueryAsync(new QueryRequest
                {
                    TableName = "Tracks",
                    KeyConditionExpression = "album_id = :album",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                    ScanIndexForward = false,
                    Limit = count,
                });
                return response.Items.Select(ToTrack).ToList();
            }
            """)]
        public async Task Read_AsksForWhatOnePageHolds_DoesNotTrigger(string body)
        {
            OnlyOnV4IfTheRowNeedsIt(body);
            await VerifyBodyAsync(body);
        }

        [Theory]
        [InlineData("""
            public async Task<List<Document>> GetAlbumAsync(string albumId)
            {
                var search = _table.Query(albumId, new QueryFilter());
                var documents = new List<Document>();
                do
                {
                    documents.AddRange(await search.GetNextSetAsync());
                }
                while (!search.IsDone);
                return documents;
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> GetAlbumAsync(string albumId, CancellationToken cancellationToken)
            {
                var search = _context.QueryAsync<Track>(albumId);
                var tracks = new List<Track>();
                while (!search.IsDone)
                {
                    tracks.AddRange(await search.GetNextSetAsync(cancellationToken));
                }

                return tracks;
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> GetAlbumAsync(string albumId)
            {
                return await _context.QueryAsync<Track>(albumId).GetRemainingAsync();
            }
            """)]
        [InlineData("""
            public async Task<List<Document>> ScanAsync()
            {
                return await _table.Scan(new ScanFilter()).GetRemainingAsync();
            }
            """)]
        [InlineData("""
            public async Task<(List<Track> Page, string Token)> PageAsync(string albumId)
            {
                var search = _context.FromQueryAsync<Track>(new QueryOperationConfig { Limit = 20, KeyExpression = new Expression { ExpressionStatement = "album_id = :a", ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { [":a"] = albumId } } });
                var page = await search.GetNextSetAsync();
                return (page, search.PaginationToken);
            }
            """)]
        [InlineData("""
            public async Task<List<Document>> NextPageAsync(ISearch search)
            {
                // A search from the caller: the caller may be paging.
                return await search.GetNextSetAsync();
            }
            """)]
        [InlineData("""
            public async Task<List<Track>> FirstPagesAsync(string albumId)
            {
                var search = _context.QueryAsync<Track>(albumId);
                var tracks = new List<Track>();
                for (var i = 0; i < 3; i++)
                {
                    tracks.AddRange(await search.GetNextSetAsync());
                }

                return tracks;
            }
            """)]
        [InlineData("""
            public async Task<IAsyncSearch<Track>> StartAsync(string albumId)
            {
                var search = _context.QueryAsync<Track>(albumId);
                Console.WriteLine((await search.GetNextSetAsync()).Count);
                return search;
            }
            """)]
        [InlineData("""
            public async Task WarmUpAsync(string albumId)
            {
                var search = _context.QueryAsync<Track>(albumId);
                await search.GetNextSetAsync();
            }
            """)]
        [InlineData("""
            public async Task<List<Dictionary<string, AttributeValue>>> GetAlbumAsync(string albumId)
            {
                var items = new List<Dictionary<string, AttributeValue>>();
                var request = new QueryRequest { TableName = "Tracks", KeyConditionExpression = "album_id = :a", ExpressionAttributeValues = new() { [":a"] = new AttributeValue { S = albumId } } };
                await foreach (var page in _client.Paginators.Query(request).Responses)
                {
                    items.AddRange(page.Items);
                }

                return items;
            }
            """)]
        public async Task Search_PagedOrHandedOn_DoesNotTrigger(string body)
        {
            OnlyOnV4IfTheRowNeedsIt(body);
            await VerifyBodyAsync(body);
        }

        [Fact]
        public async Task ContextSyncQuery_LazilyPagingEnumerable_DoesNotTrigger()
        {
            await VerifyBodyAsync("""
                public List<Track> GetAlbum(string albumId)
                {
                    return _context.Query<Track>(albumId).ToList();
                }

                public List<Document> GetAll()
                {
                    var search = _table.Scan(new ScanFilter());
                    var documents = new List<Document>();
                    do
                    {
                        documents.AddRange(search.GetNextSet());
                    }
                    while (!search.IsDone);
                    return documents;
                }
                """, ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task LookAlikeClientWithoutTheSdk_DoesNotTrigger()
        {
            await new CSharpTest(new UnpagedQueryAnalyzer())
            {
                TestCode = """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;

                    namespace Shop
                    {
                        public sealed class QueryResponse
                        {
                            public List<string> Items { get; } = new();
                            public string? LastEvaluatedKey { get; set; }
                        }

                        public sealed class CatalogClient
                        {
                            public Task<QueryResponse> QueryAsync(string table) => Task.FromResult(new QueryResponse());
                        }

                        public sealed class Catalog
                        {
                            public async Task<List<string>> AllAsync(CatalogClient client) => (await client.QueryAsync("Products")).Items;
                        }
                    }
                    """,
                References = ReferenceSet.RuntimeOnly,
            }.RunAsync();
        }

        [Fact]
        public async Task LookAlikeClientNextToTheSdk_DoesNotTrigger()
        {
            await VerifyAsync("""
                namespace MusicStore.Data
                {
                    public sealed class CachedTracks
                    {
                        public Task<QueryResponse> QueryAsync(QueryRequest request) => Task.FromResult(new QueryResponse { Items = new() });
                    }

                    public sealed class TrackCache
                    {
                        public async Task<int> CountAsync(CachedTracks cache)
                            => (await cache.QueryAsync(new QueryRequest { TableName = "Tracks" })).Items.Count;
                    }
                }
                """);
        }

        [Fact]
        public async Task TwoRepositoriesInTwoFiles_EachUnpagedReadReported()
        {
            var test = Test("""
                namespace MusicStore.Data
                {
                    public class AlbumRepository
                    {
                        private readonly IDynamoDBContext _context;

                        public AlbumRepository(IDynamoDBContext context) => _context = context;

                        public async Task<List<Track>> TracksAsync(string albumId)
                            => await _context.QueryAsync<Track>(albumId).[|GetNextSetAsync|]();
                    }
                }
                """);
            test.AdditionalSources.Add(("Data/ReportRepository.cs", Prelude + """
                namespace MusicStore.Data
                {
                    public class ReportRepository
                    {
                        private readonly IAmazonDynamoDB _client;

                        public ReportRepository(IAmazonDynamoDB client) => _client = client;

                        public async Task<int> TrackCountAsync()
                        {
                            var response = await _client.[|ScanAsync|](new ScanRequest { TableName = "Tracks", ProjectionExpression = "album_id" });
                            return response.Items.Count;
                        }
                    }
                }
                """));
            await test.RunAsync();
        }
    }
}
