using System.Linq;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules.AcrossMethods
{
    /// <summary>
    /// DDB106 across methods: the versioned write sits in a repository (another file) that the service awaits inside a
    /// try whose catch of the conflict drops it. Each test is a small project: the models and logger of
    /// <see cref="SwallowedConflictAnalyzerTests"/>, a repository file, and the service under test.
    /// </summary>
    public class SwallowedConflictAcrossMethodsTests
    {
        private const string Usings = SwallowedConflictAnalyzerTests.Usings;

        private const string Repository = Usings + @"
namespace MusicShop.Data
{
    public interface IPlaylistRepository
    {
        Task<Playlist> GetAsync(string id);
        Task SaveAsync(Playlist playlist);
    }

    public sealed class PlaylistRepository : IPlaylistRepository
    {
        private readonly IDynamoDBContext _context;

        public PlaylistRepository(IDynamoDBContext context) => _context = context;

        public Task<Playlist> GetAsync(string id) => _context.LoadAsync<Playlist>(id);

        // The version check is on: a concurrent change throws ConditionalCheckFailedException from here.
        public Task SaveAsync(Playlist playlist) => _context.SaveAsync(playlist);

        public async Task SaveTrackAsync(Track track)
        {
            await _context.SaveAsync(track);
        }

        public async Task SaveOrExplainAsync(Playlist playlist)
        {
            try
            {
                await _context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException exception)
            {
                throw new PlaylistConflictException(playlist.Id, exception);
            }
        }

        public async void SaveAndForget(Playlist playlist)
        {
            await _context.SaveAsync(playlist);
        }

        public Task SaveWithRetriesAsync(Playlist playlist, Func<Func<Task>, Task> retry)
            => retry(() => _context.SaveAsync(playlist));
    }

    /// <summary>A service-level helper over the repository: the write is two calls away from the service.</summary>
    public sealed class PlaylistStore
    {
        private readonly PlaylistRepository _repository;

        public PlaylistStore(PlaylistRepository repository) => _repository = repository;

        public async Task RenameAsync(Playlist playlist, string name)
        {
            playlist.Name = name;
            await _repository.SaveAsync(playlist);
        }
    }

    /// <summary>The low-level client with an explicit version condition.</summary>
    public sealed class PlaylistTable
    {
        private readonly IAmazonDynamoDB _client;

        public PlaylistTable(IAmazonDynamoDB client) => _client = client;

        public async Task RenameAsync(string id, string name, long expectedVersion)
        {
            await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = ""PlaylistsV2"",
                Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
                UpdateExpression = ""SET #n = :name, version = :next"",
                ConditionExpression = ""version = :expected"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""name"" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":name""] = new AttributeValue { S = name },
                    ["":expected""] = new AttributeValue { N = expectedVersion.ToString() },
                    ["":next""] = new AttributeValue { N = (expectedVersion + 1).ToString() },
                },
            });
        }

        public async Task MoveTrackAsync(string from, string to, long fromVersion, long toVersion)
        {
            await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems = new List<TransactWriteItem>
                {
                    new TransactWriteItem
                    {
                        Update = new Update
                        {
                            TableName = ""PlaylistsV2"",
                            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = from } },
                            UpdateExpression = ""SET version = :next"",
                            ConditionExpression = ""version = :expected"",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                            {
                                ["":expected""] = new AttributeValue { N = fromVersion.ToString() },
                                ["":next""] = new AttributeValue { N = (fromVersion + 1).ToString() },
                            },
                        },
                    },
                },
            });
        }
    }
}
";

        private const string SaveMessage = "SaveAsync in PlaylistRepository.SaveAsync is guarded by the [DynamoDBVersion] property 'Version' of 'Playlist', but the ConditionalCheckFailedException it throws when another writer changed the item first is caught here and dropped; the code carries on as if the write happened, and the change is lost";

        private static CSharpTest Test(string service, string repository = Repository)
        {
            var test = new CSharpTest(new SwallowedConflictAnalyzer()) { TestCode = Usings + service };
            SwallowedConflictAnalyzerTests.AddProjectFiles(test);
            test.AdditionalSources.Add(("Data/PlaylistRepository.cs", repository));
            return test;
        }

        private static Task NoDiagnostic(string service, string repository = Repository)
        {
            return Test(service, repository).RunAsync();
        }

        private static DiagnosticResult Ddb106() => Verify<SwallowedConflictAnalyzer>.Diagnostic("DDB106");

        private static string Text(Microsoft.CodeAnalysis.Location location)
            => location.SourceTree!.GetText().ToString(location.SourceSpan);

        [Fact]
        public async Task RepositorySave_InAnotherFile_CatchOnlyLogs_ReportsWithTheWriteAndTheCall()
        {
            var test = Test(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        private readonly MusicShop.Data.PlaylistRepository _playlists;
        private readonly IAppLogger _logger;

        public PlaylistService(MusicShop.Data.PlaylistRepository playlists, IAppLogger logger)
        {
            _playlists = playlists;
            _logger = logger;
        }

        public async Task RenameAsync(string id, string name)
        {
            var playlist = await _playlists.GetAsync(id);
            playlist.Name = name;
            try
            {
                await _playlists.SaveAsync(playlist);
            }
            {|#0:catch (ConditionalCheckFailedException exception)|}
            {
                _logger.LogWarning(exception, ""Rename lost to a concurrent change."");
            }
        }
    }
}");
            test.ExpectedDiagnostics.Add(Ddb106().WithLocation(0).WithMessage(SaveMessage));
            await test.RunAsync();

            var diagnostic = Assert.Single(await test.GetDiagnosticsAsync());
            Assert.Equal(2, diagnostic.AdditionalLocations.Count);
            Assert.Equal("SaveAsync", Text(diagnostic.AdditionalLocations[0]));
            Assert.EndsWith("PlaylistRepository.cs", diagnostic.AdditionalLocations[0].SourceTree!.FilePath, System.StringComparison.Ordinal);
            Assert.Equal("SaveAsync", Text(diagnostic.AdditionalLocations[1]));
            Assert.Equal(diagnostic.Location.SourceTree, diagnostic.AdditionalLocations[1].SourceTree);
        }

        [Fact]
        public async Task ThroughTheOnlyImplementationOfAnInterface_Triggers()
        {
            var test = Test(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        private readonly MusicShop.Data.IPlaylistRepository _playlists;

        public PlaylistService(MusicShop.Data.IPlaylistRepository playlists) => _playlists = playlists;

        public async Task AddTrackAsync(string id, string trackId)
        {
            var playlist = await _playlists.GetAsync(id);
            playlist.Tracks.Add(trackId);
            try
            {
                await _playlists.SaveAsync(playlist).ConfigureAwait(false);
            }
            {|#0:catch (ConditionalCheckFailedException)|}
            {
            }
        }
    }
}");
            test.ExpectedDiagnostics.Add(Ddb106().WithLocation(0).WithMessage(SaveMessage));
            await test.RunAsync();
        }

        [Fact]
        public async Task TwoCallsDeep_NamesTheMethodThatWrites()
        {
            var test = Test(@"
namespace MusicShop.Services
{
    public sealed class PlaylistController
    {
        private readonly MusicShop.Data.PlaylistStore _store;

        public PlaylistController(MusicShop.Data.PlaylistStore store) => _store = store;

        public void Rename(Playlist playlist, string name)
        {
            try
            {
                _store.RenameAsync(playlist, name).GetAwaiter().GetResult();
            }
            {|#0:catch (ConditionalCheckFailedException)|}
            {
                Console.WriteLine(""Renamed by someone else first."");
            }
        }
    }
}");
            test.ExpectedDiagnostics.Add(Ddb106().WithLocation(0).WithMessage(SaveMessage));
            await test.RunAsync();
        }

        [Fact]
        public async Task LowLevelHelper_WithVersionCondition_Triggers()
        {
            var test = Test(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(MusicShop.Data.PlaylistTable table, string id, string name, long version)
        {
            try
            {
                await table.RenameAsync(id, name, version);
            }
            {|#0:catch (ConditionalCheckFailedException)|}
            {
                return;
            }
        }
    }
}");
            test.ExpectedDiagnostics.Add(Ddb106().WithLocation(0).WithMessage(
                "UpdateItemAsync in PlaylistTable.RenameAsync is guarded by a condition on 'version', but the ConditionalCheckFailedException it throws when another writer changed the item first is caught here and dropped; the code carries on as if the write happened, and the change is lost"));
            await test.RunAsync();
        }

        [Fact]
        public async Task TransactionHelper_CatchOfTransactionCanceled_Triggers()
        {
            var test = Test(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task MoveAsync(MusicShop.Data.PlaylistTable table, string from, string to, long fromVersion, long toVersion)
        {
            try
            {
                await table.MoveTrackAsync(from, to, fromVersion, toVersion);
            }
            {|#0:catch (TransactionCanceledException)|}
            {
            }
        }
    }
}");
            test.ExpectedDiagnostics.Add(Ddb106().WithLocation(0).WithMessage(
                "TransactWriteItemsAsync in PlaylistTable.MoveTrackAsync is guarded by a condition on 'version', but the TransactionCanceledException it throws when another writer changed the item first is caught here and dropped; the code carries on as if the write happened, and the change is lost"));
            await test.RunAsync();
        }

        [Fact]
        public async Task RethrowFix_AppliesInTheCatchOfTheService()
        {
            var service = @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(MusicShop.Data.PlaylistRepository playlists, Playlist playlist, string name)
        {
            playlist.Name = name;
            try
            {
                await playlists.SaveAsync(playlist);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
                // Someone else renamed it first.
            }
        }
    }
}";
            var test = Test(service);
            test.CodeFix = new SwallowedConflictCodeFixProvider();
            test.CodeActionEquivalenceKey = SwallowedConflictCodeFixProvider.RethrowKey;
            test.FixedCode = Usings + service.Replace("[|catch (ConditionalCheckFailedException)|]", "catch (ConditionalCheckFailedException)")
                .Replace("// Someone else renamed it first.\r\n", "// Someone else renamed it first.\r\n                throw;\r\n")
                .Replace("// Someone else renamed it first.\n", "// Someone else renamed it first.\n                throw;\n");
            Assert.Contains("throw;", test.FixedCode);
            await test.RunAsync();
        }

        // ---- Negatives ----

        [Fact]
        public async Task HelperCatchesTheConflictItself_NoDiagnostic()
        {
            await NoDiagnostic(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(MusicShop.Data.PlaylistRepository playlists, Playlist playlist)
        {
            try
            {
                await playlists.SaveOrExplainAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}");
        }

        [Fact]
        public async Task HelperSavesAnUnversionedType_NoDiagnostic()
        {
            await NoDiagnostic(@"
namespace MusicShop.Services
{
    public sealed class TrackService
    {
        public async Task RenameAsync(MusicShop.Data.PlaylistRepository playlists, Track track)
        {
            try
            {
                await playlists.SaveTrackAsync(track);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}");
        }

        [Fact]
        public async Task CatchAllAroundAHelperCall_NoDiagnostic()
        {
            await NoDiagnostic(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(MusicShop.Data.PlaylistRepository playlists, IAppLogger logger, Playlist playlist)
        {
            try
            {
                await playlists.SaveAsync(playlist);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, ""Could not save."");
            }
        }
    }
}");
        }

        [Fact]
        public async Task HelperTaskNotAwaited_AsyncVoidHelper_WriteInARetryLambda_NoDiagnostic()
        {
            await NoDiagnostic(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public void SaveLater(MusicShop.Data.PlaylistRepository playlists, Playlist playlist)
        {
            try
            {
                _ = playlists.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }

        public void SaveAndForget(MusicShop.Data.PlaylistRepository playlists, Playlist playlist)
        {
            try
            {
                playlists.SaveAndForget(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }

        public async Task SaveWithRetriesAsync(MusicShop.Data.PlaylistRepository playlists, Playlist playlist, Func<Func<Task>, Task> retry)
        {
            try
            {
                await playlists.SaveWithRetriesAsync(playlist, retry);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}");
        }

        [Fact]
        public async Task CatchRethrowsOrReports_NoDiagnostic()
        {
            await NoDiagnostic(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(MusicShop.Data.PlaylistRepository playlists, IRetryQueue queue, Playlist playlist)
        {
            try
            {
                await playlists.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
                queue.Enqueue(playlist.Id);
            }
        }

        public async Task<bool> TryRenameAsync(MusicShop.Data.PlaylistRepository playlists, Playlist playlist)
        {
            try
            {
                await playlists.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
                return false;
            }

            return true;
        }
    }
}");
        }

        [Fact]
        public async Task TwoImplementationsOfTheInterface_NoDiagnostic()
        {
            var repository = Repository.Replace(
                "    /// <summary>A service-level helper over the repository",
                @"    public sealed class InMemoryPlaylistRepository : IPlaylistRepository
    {
        private readonly Dictionary<string, Playlist> _items = new Dictionary<string, Playlist>();
        public Task<Playlist> GetAsync(string id) => Task.FromResult(_items[id]);
        public Task SaveAsync(Playlist playlist) { _items[playlist.Id] = playlist; return Task.CompletedTask; }
    }

    /// <summary>A service-level helper over the repository");
            await NoDiagnostic(
                @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task AddTrackAsync(MusicShop.Data.IPlaylistRepository playlists, Playlist playlist)
        {
            try
            {
                await playlists.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}",
                repository);
        }

        [Fact]
        public async Task ContextConfiguredWithSkipVersionCheck_NothingIsChecked_NoDiagnostic()
        {
            var repository = Repository.Replace(
                "public PlaylistRepository(IDynamoDBContext context) => _context = context;",
                "public PlaylistRepository(IAmazonDynamoDB client) => _context = new DynamoDBContext(client, new DynamoDBContextConfig { SkipVersionCheck = true });");
            await NoDiagnostic(
                @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task AddTrackAsync(MusicShop.Data.PlaylistRepository playlists, Playlist playlist)
        {
            try
            {
                await playlists.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}",
                repository);
        }

        [Fact]
        public async Task SaveInTheMethodThroughASkippingContext_NoDiagnostic()
        {
            await NoDiagnostic(@"
namespace MusicShop.Services
{
    public sealed class PlaylistImporter
    {
        private readonly IDynamoDBContext _context;

        public PlaylistImporter(IAmazonDynamoDB client)
        {
            _context = new DynamoDBContext(client, new DynamoDBContextConfig { SkipVersionCheck = true });
        }

        public async Task ImportAsync(Playlist playlist)
        {
            try
            {
                await _context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}");
        }

        [Fact]
        public async Task FourCallsDeep_BeyondTheLimit_NoDiagnostic()
        {
            await NoDiagnostic(@"
namespace MusicShop.Services
{
    public sealed class Layers
    {
        private readonly MusicShop.Data.PlaylistStore _store;

        public Layers(MusicShop.Data.PlaylistStore store) => _store = store;

        public Task Level3Async(Playlist playlist) => _store.RenameAsync(playlist, ""x"");

        public Task Level2Async(Playlist playlist) => Level3Async(playlist);

        public async Task Level1Async(Playlist playlist)
        {
            try
            {
                await Level2Async(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}");
        }

        [Fact]
        public async Task GenericRepository_IsNotFollowed_NoDiagnostic()
        {
            await NoDiagnostic(@"
namespace MusicShop.Services
{
    public class Repository<T>
    {
        private readonly IDynamoDBContext _context;
        public Repository(IDynamoDBContext context) => _context = context;
        public Task SaveAsync(T item) => _context.SaveAsync(item);
    }

    public sealed class PlaylistService
    {
        public async Task RenameAsync(Repository<Playlist> playlists, Playlist playlist)
        {
            try
            {
                await playlists.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}");
        }
    }
}
