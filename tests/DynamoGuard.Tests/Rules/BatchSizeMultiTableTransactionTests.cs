using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB303 for multi-table transactions (SDK v4): parts combined with <c>Combine</c>, <c>CreateMultiTableTransactWrite</c>
    /// / <c>CreateMultiTableTransactGet</c>, the multi-table constructors, <c>AddTransactionPart</c> and
    /// <c>context.ExecuteTransactWriteAsync(parts)</c> go out as one request: the transaction holds the sum of the parts' actions.
    /// </summary>
    public class BatchSizeMultiTableTransactionTests
    {
        private const string Types = """

            public class Album
            {
                public string Id { get; set; } = "";
            }

            """;

        private static Task VerifyAsync(string source)
        {
            TestSdks.Only(AwsSdk.V4, "multi-table transactions through interfaces (ITransactWrite, IMultiTableTransactWrite)");
            return new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = BatchSizeLimitAnalyzerTests.Prelude + """
                    using Amazon.DynamoDBv2.DataModel;
                    using Amazon.DynamoDBv2.DocumentModel;

                    """ + source + Types + BatchSizeLimitAnalyzerTests.Helpers,
            }.RunAsync();
        }

        private static string Call(bool triggers, string method = "ExecuteAsync") => triggers ? "{|DDB303:" + method + "|}" : method;

        // ---- object persistence model: writes ----

        [Fact]
        public async Task Combine_PartWithUnboundedInput_TriggersNamingTheInput()
        {
            TestSdks.Only(AwsSdk.V4, "multi-table transactions through interfaces (ITransactWrite, IMultiTableTransactWrite)");
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = BatchSizeLimitAnalyzerTests.Prelude + """
                    using Amazon.DynamoDBv2.DataModel;

                    class Writer
                    {
                        async Task Write(IDynamoDBContext context, List<Track> tracks, Album album)
                        {
                            var trackPart = context.CreateTransactWrite<Track>();
                            trackPart.AddSaveItems(tracks);
                            var albumPart = context.CreateTransactWrite<Album>();
                            albumPart.AddSaveItem(album);
                            await trackPart.Combine((TransactWrite)albumPart).{|#0:ExecuteAsync|}();
                        }
                    }
                    """ + Types + BatchSizeLimitAnalyzerTests.Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB303").WithLocation(0).WithMessage(
                "ExecuteAsync may send more than 100 actions in one transaction: there is one for each element of 'tracks', which is not limited to 100; DynamoDB rejects the whole transaction"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("tracks.Take(50)", "albums.Take(50)", false)]
        [InlineData("tracks.Take(60)", "albums.Take(60)", true)]
        [InlineData("tracks.Take(60)", "albums.Take(40)", false)]
        [InlineData("tracks.Take(61)", "albums.Take(40)", true)]
        [InlineData("tracks.Take(50)", "albums", true)]
        public async Task CreateMultiTableTransactWrite_SumsTheParts(string trackItems, string albumItems, bool triggers)
        {
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks, List<Album> albums)
                    {
                        var trackPart = context.CreateTransactWrite<Track>();
                        trackPart.AddSaveItems({{trackItems}});
                        var albumPart = context.CreateTransactWrite<Album>();
                        albumPart.AddDeleteItems({{albumItems}});
                        var transaction = context.CreateMultiTableTransactWrite(trackPart, albumPart);
                        await transaction.{{Call(triggers)}}();
                    }
                }
                """);
        }

        [Theory]
        [InlineData(40, false)]
        [InlineData(90, false)]
        [InlineData(91, true)]
        public async Task Combine_ChunkPlusTenSingleAdds_TriggersOnlyOver100(int chunk, bool triggers)
        {
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk({{chunk}}))
                        {
                            var trackPart = context.CreateTransactWrite<Track>();
                            trackPart.AddSaveItems(chunk);
                            var albumPart = context.CreateTransactWrite<Album>();
                            for (var i = 0; i < 10; i++)
                            {
                                albumPart.AddDeleteKey(i.ToString());
                            }

                            await trackPart.Combine((TransactWrite)albumPart).{{Call(triggers)}}();
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task Combine_ProvablyOver100_TriggersWithTheTotal()
        {
            TestSdks.Only(AwsSdk.V4, "multi-table transactions through interfaces (ITransactWrite, IMultiTableTransactWrite)");
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = BatchSizeLimitAnalyzerTests.Prelude + """
                    using Amazon.DynamoDBv2.DataModel;

                    class Writer
                    {
                        async Task Write(IDynamoDBContext context)
                        {
                            var trackPart = context.CreateTransactWrite<Track>();
                            for (var i = 0; i < 60; i++) trackPart.AddDeleteKey(i.ToString());
                            var albumPart = context.CreateTransactWrite<Album>();
                            for (var i = 0; i < 41; i++) albumPart.AddDeleteKey(i.ToString());
                            await context.CreateMultiTableTransactWrite(trackPart, albumPart).{|#0:ExecuteAsync|}();
                        }
                    }
                    """ + Types + BatchSizeLimitAnalyzerTests.Helpers,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB303").WithLocation(0).WithMessage(
                "ExecuteAsync sends 101 actions in one transaction, but DynamoDB accepts at most 100 and rejects the whole transaction"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("Track> other", "trackPart.AddSaveItems(tracks.Take(50));", false)]
        [InlineData("Track> other", "trackPart.AddSaveItems(tracks);", true)]
        public async Task CreateMultiTableTransactWrite_PartFromParameter_CountsOnlyWhatTheMethodShows(string parameter, string additions, bool triggers)
        {
            // The part from the parameter is unknown: the sum has no upper bound, but a part that grows with an input is
            // over the limit on its own.
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks, ITransactWrite<{{parameter}})
                    {
                        var trackPart = context.CreateTransactWrite<Track>();
                        {{additions}}
                        await context.CreateMultiTableTransactWrite(trackPart, other).{{Call(triggers)}}();
                    }
                }
                """);
        }

        [Fact]
        public async Task MultiTableTransactionFromParameterOrPartsArray_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, IMultiTableTransactWrite transaction, ITransactWrite[] parts)
                    {
                        await transaction.ExecuteAsync();
                        await context.CreateMultiTableTransactWrite(parts).ExecuteAsync();
                        await context.ExecuteTransactWriteAsync(parts);
                    }
                }
                """);
        }

        [Theory]
        [InlineData("tracks.Take(50)", false)]
        [InlineData("tracks.Take(51)", true)]
        public async Task Combine_PartWithItself_CountsItTwice(string items, bool triggers)
        {
            // The SDK sends the actions of every part it is given, the same part twice included.
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks)
                    {
                        var trackPart = context.CreateTransactWrite<Track>();
                        trackPart.AddSaveItems({{items}});
                        await trackPart.Combine((TransactWrite)trackPart).{{Call(triggers)}}();
                    }
                }
                """);
        }

        [Theory]
        [InlineData("albums.Take(50)", false)]
        [InlineData("albums.Take(51)", true)]
        public async Task AddTransactionPart_CountsTheAddedPart(string albumItems, bool triggers)
        {
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks, List<Album> albums)
                    {
                        var trackPart = context.CreateTransactWrite<Track>();
                        trackPart.AddSaveItems(tracks.Take(50));
                        var albumPart = context.CreateTransactWrite<Album>();
                        albumPart.AddSaveItems({{albumItems}});
                        var transaction = context.CreateMultiTableTransactWrite(trackPart);
                        transaction.AddTransactionPart(albumPart);
                        await transaction.{{Call(triggers)}}();
                    }
                }
                """);
        }

        [Fact]
        public async Task AddTransactionPart_OnePartPerInputElement_Triggers()
        {
            await VerifyAsync("""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks)
                    {
                        var transaction = context.CreateMultiTableTransactWrite();
                        foreach (var track in tracks)
                        {
                            var part = context.CreateTransactWrite<Track>();
                            part.AddSaveItem(track);
                            transaction.AddTransactionPart(part);
                        }

                        await transaction.{|DDB303:ExecuteAsync|}();
                    }
                }
                """);
        }

        [Fact]
        public async Task Combine_AdditionsToAPartAfterCombineCountUntilTheCall()
        {
            // The multi-table transaction holds the part itself: what is added to it before ExecuteAsync is sent.
            await VerifyAsync("""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks, Album album)
                    {
                        var trackPart = context.CreateTransactWrite<Track>();
                        var albumPart = context.CreateTransactWrite<Album>();
                        albumPart.AddSaveItem(album);
                        var transaction = trackPart.Combine((TransactWrite)albumPart);
                        trackPart.AddSaveItems(tracks);
                        await transaction.{|DDB303:ExecuteAsync|}();

                        var later = context.CreateTransactWrite<Track>();
                        var single = context.CreateTransactWrite<Album>();
                        single.AddSaveItem(album);
                        var second = later.Combine((TransactWrite)single);
                        await second.ExecuteAsync();
                        later.AddSaveItems(tracks);
                    }
                }
                """);
        }

        [Theory]
        [InlineData("tracks.Take(50)", false)]
        [InlineData("tracks", true)]
        public async Task MultiTableTransactWriteConstructor_SumsTheParts(string items, bool triggers)
        {
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks, List<Album> albums)
                    {
                        var trackPart = context.CreateTransactWrite<Track>();
                        trackPart.AddSaveItems({{items}});
                        var albumPart = context.CreateTransactWrite<Album>();
                        albumPart.AddSaveItems(albums.Take(50));
                        await new MultiTableTransactWrite(trackPart, albumPart).{{Call(triggers)}}();
                    }
                }
                """);
        }

        [Theory]
        [InlineData("tracks.Take(50)", false)]
        [InlineData("tracks.Take(51)", true)]
        public async Task ContextExecuteTransactWriteAsync_SumsTheParts(string items, bool triggers)
        {
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks, List<Album> albums)
                    {
                        var trackPart = context.CreateTransactWrite<Track>();
                        trackPart.AddSaveItems({{items}});
                        var albumPart = context.CreateTransactWrite<Album>();
                        albumPart.AddSaveItems(albums.Take(50));
                        await context.{{Call(triggers, "ExecuteTransactWriteAsync")}}(new ITransactWrite[] { trackPart, albumPart });
                    }
                }
                """);
        }

        [Fact]
        public async Task Combine_PartExecutedOnItsOwn_IsJudgedOnItsOwn()
        {
            // Combine makes a new transaction: the part's own ExecuteAsync sends only its own actions.
            await VerifyAsync("""
                class Writer
                {
                    async Task Write(IDynamoDBContext context, List<Track> tracks, List<Album> albums)
                    {
                        var trackPart = context.CreateTransactWrite<Track>();
                        trackPart.AddSaveItems(tracks.Take(60));
                        var albumPart = context.CreateTransactWrite<Album>();
                        albumPart.AddSaveItems(albums.Take(60));
                        var transaction = trackPart.Combine((TransactWrite)albumPart);
                        await trackPart.ExecuteAsync();
                        await albumPart.ExecuteAsync();
                        await transaction.{|DDB303:ExecuteAsync|}();

                        var unbounded = context.CreateTransactWrite<Track>();
                        unbounded.AddSaveItems(tracks);
                        _ = unbounded.Combine((TransactWrite)albumPart);
                        await unbounded.{|DDB303:ExecuteAsync|}();
                    }
                }
                """);
        }

        // ---- object persistence model: gets ----

        [Theory]
        [InlineData("tracks.Take(50)", "albums.Take(50)", false)]
        [InlineData("tracks.Take(60)", "albums.Take(60)", true)]
        [InlineData("tracks", "albums.Take(1)", true)]
        public async Task TransactGet_CombineAndCreateMultiTableTransactGet_SumTheParts(string trackKeys, string albumKeys, bool triggers)
        {
            await VerifyAsync($$"""
                class Reader
                {
                    async Task Read(IDynamoDBContext context, List<Track> tracks, List<Album> albums)
                    {
                        var trackPart = context.CreateTransactGet<Track>();
                        trackPart.AddKeys({{trackKeys}});
                        var albumPart = context.CreateTransactGet<Album>();
                        albumPart.AddKeys({{albumKeys}});
                        await trackPart.Combine(albumPart).{{Call(triggers)}}();
                        await context.CreateMultiTableTransactGet(trackPart, albumPart).{{Call(triggers)}}();
                        await context.{{Call(triggers, "ExecuteTransactGetAsync")}}(new ITransactGet[] { trackPart, albumPart });
                    }
                }
                """);
        }

        // ---- document model ----

        [Theory]
        [InlineData("tracks.Take(50)", false)]
        [InlineData("tracks.Take(51)", true)]
        [InlineData("tracks", true)]
        public async Task DocumentTransactWrite_CombineAndMultiTableConstructor_SumTheParts(string tracks, bool triggers)
        {
            await VerifyAsync($$"""
                class Writer
                {
                    async Task Write(ITable trackTable, ITable albumTable, List<Document> tracks, List<Document> albums)
                    {
                        var trackPart = trackTable.CreateTransactWrite();
                        foreach (var track in {{tracks}})
                        {
                            trackPart.AddDocumentToPut(track);
                        }

                        var albumPart = albumTable.CreateTransactWrite();
                        foreach (var album in albums.Take(50))
                        {
                            albumPart.AddDocumentToUpdate(album);
                        }

                        await trackPart.Combine(albumPart).{{Call(triggers)}}();
                        await new MultiTableDocumentTransactWrite(trackPart, albumPart).{{Call(triggers)}}();

                        var transaction = new MultiTableDocumentTransactWrite(trackPart);
                        transaction.AddTransactionPart(albumPart);
                        await transaction.{{Call(triggers)}}();
                    }
                }
                """);
        }

        [Theory]
        [InlineData(50, false)]
        [InlineData(51, true)]
        public async Task DocumentTransactGet_Combine_SumsTheParts(int count, bool triggers)
        {
            await VerifyAsync($$"""
                class Reader
                {
                    async Task Read(ITable trackTable, ITable albumTable)
                    {
                        var trackPart = trackTable.CreateTransactGet();
                        for (var i = 0; i < {{count}}; i++)
                        {
                            trackPart.AddKey(i.ToString(), (Expression)null!);
                        }

                        var albumPart = albumTable.CreateTransactGet();
                        for (var i = 0; i < 50; i++)
                        {
                            albumPart.AddKey(i.ToString(), (Expression)null!);
                        }

                        await trackPart.Combine(albumPart).{{Call(triggers)}}();
                    }
                }
                """);
        }

        [Fact]
        public async Task DocumentTransactWrite_PartFromParameter_DoesNotTrigger()
        {
            await VerifyAsync("""
                class Writer
                {
                    async Task Write(ITable trackTable, IDocumentTransactWrite other, List<Document> tracks)
                    {
                        var trackPart = trackTable.CreateTransactWrite();
                        foreach (var track in tracks.Take(100))
                        {
                            trackPart.AddDocumentToPut(track);
                        }

                        await trackPart.Combine(other).ExecuteAsync();
                    }
                }
                """);
        }

        // ---- parts built by helpers ----

        [Theory]
        [InlineData("Part(context, tracks.Take(50).ToList())", "Part(context, tracks.Take(50).ToList())", false)]
        [InlineData("Part(context, tracks.Take(60).ToList())", "Part(context, tracks.Take(60).ToList())", true)]
        [InlineData("Part(context, tracks)", "Part(context, tracks.Take(1).ToList())", true)]
        [InlineData("Shared()", "Part(context, tracks.Take(99).ToList())", false)]
        public async Task PartsReturnedByHelpers_AreCountedAsForOnePart(string first, string second, bool triggers)
        {
            // As for a single transaction returned by a helper: the helper's additions, with this call's arguments. A part
            // the helper does not build (a field) is unknown.
            await VerifyAsync($$"""
                class Writer
                {
                    private ITransactWrite<Track> _shared = null!;

                    ITransactWrite<Track> Shared() => _shared;

                    static ITransactWrite<Track> Part(IDynamoDBContext context, List<Track> tracks)
                    {
                        var part = context.CreateTransactWrite<Track>();
                        part.AddSaveItems(tracks);
                        return part;
                    }

                    async Task Write(IDynamoDBContext context, List<Track> tracks)
                    {
                        var first = {{first}};
                        var second = {{second}};
                        await context.CreateMultiTableTransactWrite(first, second).{{Call(triggers)}}();
                    }
                }
                """);
        }
    }
}
