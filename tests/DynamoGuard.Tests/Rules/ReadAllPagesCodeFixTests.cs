using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using VerifyCS = DynamoGuard.Tests.Verification.Verify<DynamoGuard.Rules.UnpagedQueryAnalyzer, DynamoGuard.CodeFixes.ReadAllPagesCodeFixProvider>;

namespace DynamoGuard.Tests.Rules
{
    public class ReadAllPagesCodeFixTests
    {
        private const string Prelude = UnpagedQueryAnalyzerTests.Prelude;

        private static CSharpTest Test(string source, string fixedSource, string key, ReferenceSet references = ReferenceSet.AwsSdk)
        {
            var test = VerifyCS.Test(Prelude + source, Prelude + fixedSource, key);
            test.AdditionalSources.Add(("Models/Track.cs", UnpagedQueryAnalyzerTests.TrackModel));
            test.References = references;
            return test;
        }

        private static Task ReadAllPagesAsync(string source, string fixedSource, ReferenceSet references = ReferenceSet.AwsSdk)
            => Test(source, fixedSource, ReadAllPagesCodeFixProvider.ReadAllPagesKey, references).RunAsync();

        private static Task PagingLoopAsync(string source, string fixedSource, ReferenceSet references = ReferenceSet.AwsSdk)
            => Test(source, fixedSource, ReadAllPagesCodeFixProvider.PagingLoopKey, references).RunAsync();

        // ---- Read all pages (document and object persistence models) ----

        [Fact]
        public async Task ObjectModelQuery_GetNextSetAsync_BecomesGetRemainingAsyncWithTheToken()
        {
            await ReadAllPagesAsync("""
                public class TrackRepository
                {
                    private readonly IDynamoDBContext _context;

                    public TrackRepository(IDynamoDBContext context) => _context = context;

                    public async Task<List<Track>> GetAlbumAsync(string albumId, CancellationToken cancellationToken)
                    {
                        var search = _context.QueryAsync<Track>(albumId);
                        // Every track of the album, in track order.
                        var tracks = await search.{|DDB305:GetNextSetAsync|}(cancellationToken).ConfigureAwait(false);
                        return tracks.OrderBy(t => t.TrackId).ToList();
                    }
                }
                """, """
                public class TrackRepository
                {
                    private readonly IDynamoDBContext _context;

                    public TrackRepository(IDynamoDBContext context) => _context = context;

                    public async Task<List<Track>> GetAlbumAsync(string albumId, CancellationToken cancellationToken)
                    {
                        var search = _context.QueryAsync<Track>(albumId);
                        // Every track of the album, in track order.
                        var tracks = await search.GetRemainingAsync(cancellationToken).ConfigureAwait(false);
                        return tracks.OrderBy(t => t.TrackId).ToList();
                    }
                }
                """);
        }

        [Fact]
        public async Task DocumentModelScan_ChainedCall_BecomesGetRemainingAsync()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await ReadAllPagesAsync("""
                public class Reports
                {
                    public async Task<int> CountAsync(ITable table)
                        => (await table.Scan(new ScanFilter()).{|DDB305:GetNextSetAsync|}()).Count;
                }
                """, """
                public class Reports
                {
                    public async Task<int> CountAsync(ITable table)
                        => (await table.Scan(new ScanFilter()).GetRemainingAsync()).Count;
                }
                """);
        }

        [Fact]
        public async Task DocumentModelQuery_SyncGetNextSet_BecomesGetRemaining()
        {
            await ReadAllPagesAsync("""
                public class Reports
                {
                    public List<Document> Album(Table table, string albumId)
                    {
                        var search = table.Query(albumId, new QueryFilter());
                        return search.{|DDB305:GetNextSet|}();
                    }
                }
                """, """
                public class Reports
                {
                    public List<Document> Album(Table table, string albumId)
                    {
                        var search = table.Query(albumId, new QueryFilter());
                        return search.GetRemaining();
                    }
                }
                """, ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task FixAll_SearchesInTwoFiles_AllRead()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            var test = Test("""
                public class AlbumRepository
                {
                    public async Task<List<Track>> TracksAsync(IDynamoDBContext context, string albumId)
                        => await context.QueryAsync<Track>(albumId).{|DDB305:GetNextSetAsync|}();

                    public async Task<List<Track>> OldTracksAsync(IDynamoDBContext context)
                    {
                        var search = context.FromScanAsync<Track>(new ScanOperationConfig());
                        return await search.{|DDB305:GetNextSetAsync|}();
                    }
                }
                """, """
                public class AlbumRepository
                {
                    public async Task<List<Track>> TracksAsync(IDynamoDBContext context, string albumId)
                        => await context.QueryAsync<Track>(albumId).GetRemainingAsync();

                    public async Task<List<Track>> OldTracksAsync(IDynamoDBContext context)
                    {
                        var search = context.FromScanAsync<Track>(new ScanOperationConfig());
                        return await search.GetRemainingAsync();
                    }
                }
                """, ReadAllPagesCodeFixProvider.ReadAllPagesKey);
            test.AdditionalSources.Add(("Data/Documents.cs", Prelude + """
                public class Documents
                {
                    public async Task<List<Document>> AllAsync(ITable table)
                    {
                        var search = table.Scan(new ScanFilter());
                        var page = await search.{|DDB305:GetNextSetAsync|}();
                        return page;
                    }
                }
                """));
            test.FixedAdditionalSources.Add(("Data/Documents.cs", Prelude + """
                public class Documents
                {
                    public async Task<List<Document>> AllAsync(ITable table)
                    {
                        var search = table.Scan(new ScanFilter());
                        var page = await search.GetRemainingAsync();
                        return page;
                    }
                }
                """));
            await test.RunAsync();
        }

        // ---- Page through all results (low-level client) ----

        [Fact]
        public async Task Query_InlineRequest_BecomesAPagingLoopAndLaterItemsReadsReadTheList()
        {
            await PagingLoopAsync("""
                public class TrackRepository
                {
                    private readonly IAmazonDynamoDB _client;

                    public TrackRepository(IAmazonDynamoDB client) => _client = client;

                    public async Task<List<Track>> GetAlbumAsync(string albumId, CancellationToken cancellationToken)
                    {
                        // One album, every track.
                        var response = await _client.{|DDB305:QueryAsync|}(new QueryRequest
                        {
                            TableName = "Tracks",
                            KeyConditionExpression = "album_id = :album",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                        }, cancellationToken);
                        Console.WriteLine($"{response.Items.Count} tracks");
                        return response.Items.Select(item => new Track { AlbumId = albumId, TrackId = item["track_id"].S }).ToList();
                    }
                }
                """, """
                public class TrackRepository
                {
                    private readonly IAmazonDynamoDB _client;

                    public TrackRepository(IAmazonDynamoDB client) => _client = client;

                    public async Task<List<Track>> GetAlbumAsync(string albumId, CancellationToken cancellationToken)
                    {
                        // One album, every track.
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
                            response = await _client.QueryAsync(request, cancellationToken);
                            items.AddRange(response.Items ?? new());
                            request.ExclusiveStartKey = response.LastEvaluatedKey;
                        }
                        while (response.LastEvaluatedKey is { Count: > 0 });
                        Console.WriteLine($"{items.Count} tracks");
                        return items.Select(item => new Track { AlbumId = albumId, TrackId = item["track_id"].S }).ToList();
                    }
                }
                """);
        }

        [Fact]
        public async Task Scan_RequestLocalAndItemsShape_LoopsIntoTheItemsLocal()
        {
            await PagingLoopAsync("""
                public class Reports
                {
                    public async Task<int> CountAsync(IAmazonDynamoDB client)
                    {
                        var request = new ScanRequest { TableName = "Tracks", ProjectionExpression = "album_id" };
                        var items = (await client.{|DDB305:ScanAsync|}(request).ConfigureAwait(false)).Items;
                        return items.Count;
                    }
                }
                """, """
                public class Reports
                {
                    public async Task<int> CountAsync(IAmazonDynamoDB client)
                    {
                        var request = new ScanRequest { TableName = "Tracks", ProjectionExpression = "album_id" };
                        var items = new List<Dictionary<string, AttributeValue>>();
                        ScanResponse response;
                        do
                        {
                            response = await client.ScanAsync(request).ConfigureAwait(false);
                            items.AddRange(response.Items ?? new());
                            request.ExclusiveStartKey = response.LastEvaluatedKey;
                        }
                        while (response.LastEvaluatedKey is { Count: > 0 });
                        return items.Count;
                    }
                }
                """);
        }

        [Fact]
        public async Task ExecuteStatement_LoopsOnNextToken()
        {
            TestSdks.Only(AwsSdk.V4, "PartiQL");
            await PagingLoopAsync("""
                public class Reports
                {
                    public async Task<List<Dictionary<string, AttributeValue>>> AllAsync(IAmazonDynamoDB client)
                    {
                        var response = await client.{|DDB305:ExecuteStatementAsync|}(new ExecuteStatementRequest { Statement = "SELECT * FROM Tracks" });
                        return response.Items;
                    }
                }
                """, """
                public class Reports
                {
                    public async Task<List<Dictionary<string, AttributeValue>>> AllAsync(IAmazonDynamoDB client)
                    {
                        var request = new ExecuteStatementRequest { Statement = "SELECT * FROM Tracks" };
                        var items = new List<Dictionary<string, AttributeValue>>();
                        ExecuteStatementResponse response;
                        do
                        {
                            response = await client.ExecuteStatementAsync(request);
                            items.AddRange(response.Items ?? new());
                            request.NextToken = response.NextToken;
                        }
                        while (response.NextToken is not null);
                        return items;
                    }
                }
                """);
        }

        [Fact]
        public async Task SyncQuery_LoopsWithoutAwait()
        {
            await PagingLoopAsync("""
                public class Reports
                {
                    public int CountAlbum(AmazonDynamoDBClient client, string albumId)
                    {
                        var request = new QueryRequest
                        {
                            TableName = "Tracks",
                            KeyConditionExpression = "album_id = :album",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                        };
                        var result = client.{|DDB305:Query|}(request);
                        return result.Items.Count;
                    }
                }
                """, """
                public class Reports
                {
                    public int CountAlbum(AmazonDynamoDBClient client, string albumId)
                    {
                        var request = new QueryRequest
                        {
                            TableName = "Tracks",
                            KeyConditionExpression = "album_id = :album",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
                        };
                        var items = new List<Dictionary<string, AttributeValue>>();
                        QueryResponse result;
                        do
                        {
                            result = client.Query(request);
                            items.AddRange(result.Items ?? new());
                            request.ExclusiveStartKey = result.LastEvaluatedKey;
                        }
                        while (result.LastEvaluatedKey is { Count: > 0 });
                        return items.Count;
                    }
                }
                """, ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task FixAll_TwoScansInOneMethod_UseDistinctLocals()
        {
            await PagingLoopAsync("""
                public class Reports
                {
                    public async Task<int> CountBothAsync(IAmazonDynamoDB client)
                    {
                        var tracks = await client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Tracks" });
                        var albums = await client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Albums" });
                        return tracks.Items.Count + albums.Items.Count;
                    }
                }
                """, """
                public class Reports
                {
                    public async Task<int> CountBothAsync(IAmazonDynamoDB client)
                    {
                        var request = new ScanRequest { TableName = "Tracks" };
                        var items = new List<Dictionary<string, AttributeValue>>();
                        ScanResponse tracks;
                        do
                        {
                            tracks = await client.ScanAsync(request);
                            items.AddRange(tracks.Items ?? new());
                            request.ExclusiveStartKey = tracks.LastEvaluatedKey;
                        }
                        while (tracks.LastEvaluatedKey is { Count: > 0 });
                        var request2 = new ScanRequest { TableName = "Albums" };
                        var items2 = new List<Dictionary<string, AttributeValue>>();
                        ScanResponse albums;
                        do
                        {
                            albums = await client.ScanAsync(request2);
                            items2.AddRange(albums.Items ?? new());
                            request2.ExclusiveStartKey = albums.LastEvaluatedKey;
                        }
                        while (albums.LastEvaluatedKey is { Count: > 0 });
                        return items.Count + items2.Count;
                    }
                }
                """);
        }

        [Fact]
        public async Task Query_FileWithoutCollectionsUsing_AddsIt()
        {
            var test = VerifyCS.Test("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.Model;

                public class Reports
                {
                    public async Task<int> CountAsync(IAmazonDynamoDB client)
                    {
                        var response = await client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Tracks" });
                        return response.Items.Count;
                    }
                }
                """, """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.Model;

                public class Reports
                {
                    public async Task<int> CountAsync(IAmazonDynamoDB client)
                    {
                        var request = new ScanRequest { TableName = "Tracks" };
                        var items = new List<Dictionary<string, AttributeValue>>();
                        ScanResponse response;
                        do
                        {
                            response = await client.ScanAsync(request);
                            items.AddRange(response.Items ?? new());
                            request.ExclusiveStartKey = response.LastEvaluatedKey;
                        }
                        while (response.LastEvaluatedKey is { Count: > 0 });
                        return items.Count;
                    }
                }
                """, ReadAllPagesCodeFixProvider.PagingLoopKey);
            await test.RunAsync();
        }

        [Fact]
        public async Task Scan_TargetTypedRequestInAFileWithoutModelUsings_NamesTheTypesAndAddsTheUsings()
        {
            var test = VerifyCS.Test("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;

                public class Reports
                {
                    public async Task<int> CountAsync(IAmazonDynamoDB client)
                    {
                        var response = await client.{|DDB305:ScanAsync|}(new() { TableName = "Tracks" });
                        return response.Items.Count;
                    }
                }
                """, """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.Model;

                public class Reports
                {
                    public async Task<int> CountAsync(IAmazonDynamoDB client)
                    {
                        var request = new ScanRequest() { TableName = "Tracks" };
                        var items = new List<Dictionary<string, AttributeValue>>();
                        ScanResponse response;
                        do
                        {
                            response = await client.ScanAsync(request);
                            items.AddRange(response.Items ?? new());
                            request.ExclusiveStartKey = response.LastEvaluatedKey;
                        }
                        while (response.LastEvaluatedKey is { Count: > 0 });
                        return items.Count;
                    }
                }
                """, ReadAllPagesCodeFixProvider.PagingLoopKey);
            await test.RunAsync();
        }

        [Fact]
        public async Task Query_NamesTakenInANestedScopeLater_PicksFreshNames()
        {
            await PagingLoopAsync("""
                public class Reports
                {
                    public async Task<List<string>> TitlesAsync(IAmazonDynamoDB client)
                    {
                        var page = await client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Tracks" });
                        var titles = new List<string>();
                        foreach (var item in page.Items)
                        {
                            var items = item.Keys.ToList();
                            var request = items.Count;
                            titles.Add(item["Title"].S + request);
                        }

                        return titles;
                    }
                }
                """, """
                public class Reports
                {
                    public async Task<List<string>> TitlesAsync(IAmazonDynamoDB client)
                    {
                        var request2 = new ScanRequest { TableName = "Tracks" };
                        var items2 = new List<Dictionary<string, AttributeValue>>();
                        ScanResponse page;
                        do
                        {
                            page = await client.ScanAsync(request2);
                            items2.AddRange(page.Items ?? new());
                            request2.ExclusiveStartKey = page.LastEvaluatedKey;
                        }
                        while (page.LastEvaluatedKey is { Count: > 0 });
                        var titles = new List<string>();
                        foreach (var item in items2)
                        {
                            var items = item.Keys.ToList();
                            var request = items.Count;
                            titles.Add(item["Title"].S + request);
                        }

                        return titles;
                    }
                }
                """);
        }

        // ---- shapes too complex to rewrite soundly: no fix ----

        [Theory]
        [InlineData("""
            public async Task<int> CountAsync(IAmazonDynamoDB client, ScanRequest request)
            {
                // The caller's request: paging would change its ExclusiveStartKey.
                var response = await client.{|DDB305:ScanAsync|}(request);
                return response.Items.Count;
            }
            """)]
        [InlineData("""
            public async Task<int> CountAsync(IAmazonDynamoDB client)
            {
                var response = await client.{|DDB305:ScanAsync|}("Tracks", new List<string> { "Title" });
                return response.Items.Count;
            }
            """)]
        [InlineData("""
            public async Task<int> CountAsync(IAmazonDynamoDB client)
                => (await client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Tracks" })).Items.Count;
            """)]
        [InlineData("""
            public async Task<List<string>> TitlesAsync(IAmazonDynamoDB client)
            {
                var titles = new List<string>();
                foreach (var item in (await client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Tracks" })).Items)
                {
                    titles.Add(item["Title"].S);
                }

                return titles;
            }
            """)]
        [InlineData("""
            public async Task<int> CountTwiceAsync(IAmazonDynamoDB client)
            {
                var response = await client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Tracks" });
                var count = response.Items.Count;
                response = await client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Albums" });
                return count + response.Items.Count;
            }
            """)]
        [InlineData("""
            public int Count(IAmazonDynamoDB client)
            {
                var response = client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Tracks" }).Result;
                return response.Items.Count;
            }
            """)]
        [InlineData("""
            public async Task<IEnumerable<Dictionary<string, AttributeValue>>> ItemsAsync(IAmazonDynamoDB client)
            {
                IEnumerable<Dictionary<string, AttributeValue>> items = (await client.{|DDB305:ScanAsync|}(new ScanRequest { TableName = "Tracks" })).Items;
                return items;
            }
            """)]
        public async Task ShapeTooComplex_OffersNoFix(string method)
        {
            var source = Prelude + $$"""
                public class Reports
                {
                    {{method}}
                }
                """;
            var test = VerifyCS.Test(source, source, ReadAllPagesCodeFixProvider.PagingLoopKey);
            test.AdditionalSources.Add(("Models/Track.cs", UnpagedQueryAnalyzerTests.TrackModel));
            await test.RunAsync();
        }
    }
}
