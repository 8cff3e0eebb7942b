using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB301/DDB302 for batches filled through member paths (<c>request.RequestItems[table].Add</c>,
    /// <c>kaa.Keys.Add</c>), the <c>{ table, requests }</c> initializer form, <c>await foreach</c>, and collections
    /// returned by helpers in another file.
    /// </summary>
    public class BatchSizeShapesTests
    {
        private static CSharpTest Test(string body, params (string Path, string Source)[] more)
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = BatchSizeLimitAnalyzerTests.Prelude + $$"""
                    class Importer
                    {
                        async Task Import(IAmazonDynamoDB client, List<Track> tracks, TrackRequests requests)
                        {
                            {{body}}
                        }

                        static async IAsyncEnumerable<Track> Stream()
                        {
                            await Task.Yield();
                            yield return new Track();
                        }

                        static void Fill(List<WriteRequest> requests) { }
                    }
                    """ + BatchSizeLimitAnalyzerTests.Helpers,
            };
            test.AdditionalSources.Add(("Data/TrackRequests.cs", BatchSizeLimitAnalyzerTests.Prelude + """
                public class TrackRequests
                {
                    public List<WriteRequest> PutAll(IEnumerable<Track> tracks) => tracks.Select(Items.Put).ToList();

                    public List<WriteRequest> PutFirst(IEnumerable<Track> tracks) => tracks.Take(25).Select(Items.Put).ToList();

                    public List<WriteRequest> PutChecked(List<Track> tracks)
                    {
                        if (tracks.Count > 25)
                        {
                            throw new ArgumentException("At most 25 tracks");
                        }

                        return tracks.ConvertAll(Items.Put);
                    }
                }
                """));
            foreach (var source in more)
            {
                test.AdditionalSources.Add(source);
            }

            return test;
        }

        [Theory]
        [InlineData("""
            var request = new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = new List<WriteRequest>() } };
            foreach (var track in tracks) request.RequestItems["Tracks"].Add(Items.Put(track));
            await client.[|BatchWriteItemAsync|](request);
            """)]
        [InlineData("""
            var keys = new KeysAndAttributes { Keys = new List<Dictionary<string, AttributeValue>>() };
            foreach (var track in tracks) keys.Keys.Add(Items.Key(track.Id));
            await client.{|DDB302:BatchGetItemAsync|}(new BatchGetItemRequest { RequestItems = new() { ["Tracks"] = keys } });
            """)]
        [InlineData("""
            var puts = tracks.Select(Items.Put).ToList();
            await client.[|BatchWriteItemAsync|](new BatchWriteItemRequest { RequestItems = new Dictionary<string, List<WriteRequest>> { { "Tracks", puts } } });
            """)]
        [InlineData("""
            var puts = new List<WriteRequest>();
            await foreach (var track in Stream()) puts.Add(Items.Put(track));
            await client.[|BatchWriteItemAsync|](new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = puts } });
            """)]
        [InlineData("""
            await client.[|BatchWriteItemAsync|](new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests.PutAll(tracks) } });
            """)]
        [InlineData("""
            var request = new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = new List<WriteRequest>() } };
            for (var i = 0; i < 30; i++) request.RequestItems["Tracks"].Add(Items.Put(i));
            await client.[|BatchWriteItemAsync|](request);
            """)]
        public async Task BatchFilledThroughMemberPathsOrHelpers_Triggers(string body)
        {
            var test = Test(body);
            test.DiagnosticId = "DDB301";
            await test.RunAsync();
        }

        [Theory]
        [InlineData("""
            foreach (var chunk in tracks.Chunk(25))
            {
                var request = new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = new List<WriteRequest>() } };
                foreach (var track in chunk) request.RequestItems["Tracks"].Add(Items.Put(track));
                await client.BatchWriteItemAsync(request);
            }
            """)]
        [InlineData("""
            var request = new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = new List<WriteRequest>() } };
            Fill(request.RequestItems["Tracks"]);
            foreach (var track in tracks) request.RequestItems["Tracks"].Add(Items.Put(track));
            await client.BatchWriteItemAsync(request);
            """)]
        [InlineData("""
            var keys = new KeysAndAttributes { Keys = new List<Dictionary<string, AttributeValue>>() };
            foreach (var track in tracks.Take(100)) keys.Keys.Add(Items.Key(track.Id));
            await client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { ["Tracks"] = keys } });
            """)]
        [InlineData("""
            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests.PutFirst(tracks) } });
            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests.PutChecked(tracks) } });
            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests.PutAll(tracks.Take(25)) } });
            foreach (var chunk in tracks.Chunk(25))
            {
                await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests.PutAll(chunk) } });
            }
            """)]
        [InlineData("""
            var request = new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = new List<WriteRequest>() } };
            for (var i = 0; i < 25; i++) request.RequestItems["Tracks"].Add(Items.Put(i));
            await client.BatchWriteItemAsync(request);
            """)]
        public async Task BatchFilledThroughMemberPathsOrHelpers_BoundedOrNotModelled_DoesNotTrigger(string body)
        {
            await Test(body).RunAsync();
        }

        [Fact]
        public async Task HelperReturnedCollection_TwoImplementations_DoesNotTrigger()
        {
            await Test("""
                await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = builder.Build(tracks) } });
                """.Replace("builder", "((IRequestBuilder)new AllBuilder())", System.StringComparison.Ordinal),
                ("Data/Builders.cs", BatchSizeLimitAnalyzerTests.Prelude + """
                public interface IRequestBuilder
                {
                    List<WriteRequest> Build(List<Track> tracks);
                }

                public class AllBuilder : IRequestBuilder
                {
                    public List<WriteRequest> Build(List<Track> tracks) => tracks.ConvertAll(Items.Put);
                }

                public class FirstBuilder : IRequestBuilder
                {
                    public List<WriteRequest> Build(List<Track> tracks) => tracks.Take(25).Select(Items.Put).ToList();
                }
                """)).RunAsync();
        }
    }
}
