using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    public class SwallowedConflictCodeFixTests
    {
        private const string Usings = SwallowedConflictAnalyzerTests.Usings;

        private static Task Fix(string source, string fixedSource, string key)
        {
            var test = new CSharpTest(new SwallowedConflictAnalyzer())
            {
                TestCode = Usings + source,
                FixedCode = Usings + fixedSource,
                CodeFix = new SwallowedConflictCodeFixProvider(),
                CodeActionEquivalenceKey = key,
            };
            SwallowedConflictAnalyzerTests.AddProjectFiles(test);
            return test.RunAsync();
        }

        // ---- Rethrow ----

        [Fact]
        public async Task Rethrow_EmptyCatchWithComment_AddsThrowAfterTheComment()
        {
            await Fix(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, Playlist playlist, string name)
        {
            playlist.Name = name;
            try
            {
                await context.SaveAsync(playlist);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
                // Someone else renamed it first; never mind.
            }
        }
    }
}", @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, Playlist playlist, string name)
        {
            playlist.Name = name;
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
                // Someone else renamed it first; never mind.
                throw;
            }
        }
    }
}", SwallowedConflictCodeFixProvider.RethrowKey);
        }

        [Fact]
        public async Task Rethrow_LogThenReturn_ReturnBecomesThrow()
        {
            await Fix(@"
namespace MusicShop.Services
{
    public sealed class PlaylistCleaner
    {
        public async Task RemoveAsync(IDynamoDBContext context, IAppLogger logger, Playlist playlist)
        {
            try
            {
                await context.DeleteAsync(playlist);
            }
            [|catch (ConditionalCheckFailedException ex)|]
            {
                logger.LogWarning(ex, ""Delete lost a race""); // keep this
                return;
            }

            logger.LogInformation(""Deleted"");
        }
    }
}", @"
namespace MusicShop.Services
{
    public sealed class PlaylistCleaner
    {
        public async Task RemoveAsync(IDynamoDBContext context, IAppLogger logger, Playlist playlist)
        {
            try
            {
                await context.DeleteAsync(playlist);
            }
            catch (ConditionalCheckFailedException ex)
            {
                logger.LogWarning(ex, ""Delete lost a race""); // keep this
                throw;
            }

            logger.LogInformation(""Deleted"");
        }
    }
}", SwallowedConflictCodeFixProvider.RethrowKey);
        }

        [Fact]
        public async Task Rethrow_FixAll_OneLineAndBroadCatchesAndTransaction()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await Fix(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, Playlist playlist)
        {
            try { await context.SaveAsync(playlist); } [|catch (ConditionalCheckFailedException)|] { }
        }

        public async Task SaveQuietlyAsync(IDynamoDBContext context, IAppLogger logger, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            [|catch (Exception ex)|]
            {
                logger.LogWarning(ex, ""Save failed"");
            }
        }

        public async Task MergeAsync(IDynamoDBContext context, Playlist target, Playlist source)
        {
            var transaction = context.CreateTransactWrite<Playlist>();
            transaction.AddSaveItem(target);
            transaction.AddDeleteItem(source);
            try
            {
                await transaction.ExecuteAsync();
            }
            [|catch (TransactionCanceledException)|]
            {
            }
        }
    }
}", @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, Playlist playlist)
        {
            try { await context.SaveAsync(playlist); } catch (ConditionalCheckFailedException) { throw; }
        }

        public async Task SaveQuietlyAsync(IDynamoDBContext context, IAppLogger logger, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, ""Save failed"");
                throw;
            }
        }

        public async Task MergeAsync(IDynamoDBContext context, Playlist target, Playlist source)
        {
            var transaction = context.CreateTransactWrite<Playlist>();
            transaction.AddSaveItem(target);
            transaction.AddDeleteItem(source);
            try
            {
                await transaction.ExecuteAsync();
            }
            catch (TransactionCanceledException)
            {
                throw;
            }
        }
    }
}", SwallowedConflictCodeFixProvider.RethrowKey);
        }

        // ---- Retry on conflict ----

        [Fact]
        public async Task Retry_ObjectModel_LoadChangeSave_WrappedInBoundedLoop()
        {
            await Fix(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        private readonly IDynamoDBContext _context;
        private readonly IAppLogger _logger;

        public PlaylistService(IDynamoDBContext context, IAppLogger logger)
        {
            _context = context;
            _logger = logger;
        }

        public async Task AddTrackAsync(string playlistId, string trackId)
        {
            // Load the latest copy.
            var playlist = await _context.LoadAsync<Playlist>(playlistId);
            playlist.Tracks.Add(trackId); // the change
            try
            {
                await _context.SaveAsync(playlist);
            }
            [|catch (ConditionalCheckFailedException ex)|]
            {
                // Lost the race.
                _logger.LogWarning(ex, ""Playlist "" + playlistId + "" changed concurrently"");
            }

            _logger.LogInformation(""Done"");
        }
    }
}", @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        private readonly IDynamoDBContext _context;
        private readonly IAppLogger _logger;

        public PlaylistService(IDynamoDBContext context, IAppLogger logger)
        {
            _context = context;
            _logger = logger;
        }

        public async Task AddTrackAsync(string playlistId, string trackId)
        {
            // Load the latest copy.
            const int maxAttempts = 3;
            for (var attempt = 1; ; attempt++)
            {
                var playlist = await _context.LoadAsync<Playlist>(playlistId);
                playlist.Tracks.Add(trackId); // the change
                try
                {
                    await _context.SaveAsync(playlist);
                    break;
                }
                catch (ConditionalCheckFailedException ex)
                {
                    // Lost the race.
                    _logger.LogWarning(ex, ""Playlist "" + playlistId + "" changed concurrently"");
                    if (attempt == maxAttempts)
                    {
                        throw;
                    }
                }
            }

            _logger.LogInformation(""Done"");
        }
    }
}", SwallowedConflictCodeFixProvider.RetryKey);
        }

        [Fact]
        public async Task Retry_DocumentModel_GetItemChangeConditionalUpdate_WrappedInBoundedLoop()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await Fix(@"
namespace MusicShop.Data
{
    public sealed class ProfileStore
    {
        private readonly ITable _profiles;

        public ProfileStore(ITable profiles) => _profiles = profiles;

        public async Task SetNicknameAsync(string userId, string nickname)
        {
            var maxAttempts = 10;
            var profile = await _profiles.GetItemAsync(userId);
            var expected = profile[""version""].AsInt();
            profile[""nickname""] = nickname;
            profile[""version""] = expected + 1;
            try
            {
                await _profiles.UpdateItemAsync(profile, new UpdateItemOperationConfig
                {
                    ConditionalExpression = new Expression
                    {
                        ExpressionStatement = ""version = :expected"",
                        ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { ["":expected""] = expected },
                    },
                });
            }
            [|catch (ConditionalCheckFailedException)|]
            {
                return;
            }
        }
    }
}", @"
namespace MusicShop.Data
{
    public sealed class ProfileStore
    {
        private readonly ITable _profiles;

        public ProfileStore(ITable profiles) => _profiles = profiles;

        public async Task SetNicknameAsync(string userId, string nickname)
        {
            var maxAttempts = 10;
            const int maxAttempts2 = 3;
            for (var attempt = 1; ; attempt++)
            {
                var profile = await _profiles.GetItemAsync(userId);
                var expected = profile[""version""].AsInt();
                profile[""nickname""] = nickname;
                profile[""version""] = expected + 1;
                try
                {
                    await _profiles.UpdateItemAsync(profile, new UpdateItemOperationConfig
                    {
                        ConditionalExpression = new Expression
                        {
                            ExpressionStatement = ""version = :expected"",
                            ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { ["":expected""] = expected },
                        },
                    });
                    break;
                }
                catch (ConditionalCheckFailedException)
                {
                    if (attempt == maxAttempts2)
                    {
                        throw;
                    }
                }
            }
        }
    }
}", SwallowedConflictCodeFixProvider.RetryKey);
        }

        [Fact]
        public async Task Retry_LowLevel_GetItemRequestUpdate_WrappedInBoundedLoop()
        {
            await Fix(@"
namespace MusicShop.Data
{
    public sealed class OrderRepository
    {
        private readonly IAmazonDynamoDB _client;
        private readonly IAppLogger _logger;

        public OrderRepository(IAmazonDynamoDB client, IAppLogger logger)
        {
            _client = client;
            _logger = logger;
        }

        public async Task<bool> MarkShippedAsync(string id)
        {
            var key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } };
            var current = await _client.GetItemAsync(new GetItemRequest { TableName = ""Orders"", Key = key, ConsistentRead = true });
            var version = long.Parse(current.Item[""version""].N);
            var request = new UpdateItemRequest
            {
                TableName = ""Orders"",
                Key = key,
                UpdateExpression = ""SET #s = :shipped, version = :next"",
                ConditionExpression = ""version = :expected"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":shipped""] = new AttributeValue { S = ""SHIPPED"" },
                    ["":expected""] = new AttributeValue { N = version.ToString() },
                    ["":next""] = new AttributeValue { N = (version + 1).ToString() },
                },
            };
            try
            {
                await _client.UpdateItemAsync(request);
            }
            [|catch (ConditionalCheckFailedException ex)|]
            {
                _logger.LogWarning(ex, ""Order "" + id + "" changed"");
            }

            return true;
        }
    }
}", @"
namespace MusicShop.Data
{
    public sealed class OrderRepository
    {
        private readonly IAmazonDynamoDB _client;
        private readonly IAppLogger _logger;

        public OrderRepository(IAmazonDynamoDB client, IAppLogger logger)
        {
            _client = client;
            _logger = logger;
        }

        public async Task<bool> MarkShippedAsync(string id)
        {
            var key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } };
            const int maxAttempts = 3;
            for (var attempt = 1; ; attempt++)
            {
                var current = await _client.GetItemAsync(new GetItemRequest { TableName = ""Orders"", Key = key, ConsistentRead = true });
                var version = long.Parse(current.Item[""version""].N);
                var request = new UpdateItemRequest
                {
                    TableName = ""Orders"",
                    Key = key,
                    UpdateExpression = ""SET #s = :shipped, version = :next"",
                    ConditionExpression = ""version = :expected"",
                    ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        ["":shipped""] = new AttributeValue { S = ""SHIPPED"" },
                        ["":expected""] = new AttributeValue { N = version.ToString() },
                        ["":next""] = new AttributeValue { N = (version + 1).ToString() },
                    },
                };
                try
                {
                    await _client.UpdateItemAsync(request);
                    break;
                }
                catch (ConditionalCheckFailedException ex)
                {
                    _logger.LogWarning(ex, ""Order "" + id + "" changed"");
                    if (attempt == maxAttempts)
                    {
                        throw;
                    }
                }
            }

            return true;
        }
    }
}", SwallowedConflictCodeFixProvider.RetryKey);
        }

        [Fact]
        public async Task Retry_FixAll_TwoRetriesInOneMethod_SecondConstantGetsItsOwnName()
        {
            await Fix(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameBothAsync(IDynamoDBContext context, string firstId, string secondId, string name)
        {
            var first = await context.LoadAsync<Playlist>(firstId);
            first.Name = name;
            try
            {
                await context.SaveAsync(first);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
            }

            var second = await context.LoadAsync<Playlist>(secondId);
            second.Name = name;
            try
            {
                await context.SaveAsync(second);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
            }
        }
    }
}", @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameBothAsync(IDynamoDBContext context, string firstId, string secondId, string name)
        {
            const int maxAttempts = 3;
            for (var attempt = 1; ; attempt++)
            {
                var first = await context.LoadAsync<Playlist>(firstId);
                first.Name = name;
                try
                {
                    await context.SaveAsync(first);
                    break;
                }
                catch (ConditionalCheckFailedException)
                {
                    if (attempt == maxAttempts)
                    {
                        throw;
                    }
                }
            }

            const int maxAttempts2 = 3;
            for (var attempt = 1; ; attempt++)
            {
                var second = await context.LoadAsync<Playlist>(secondId);
                second.Name = name;
                try
                {
                    await context.SaveAsync(second);
                    break;
                }
                catch (ConditionalCheckFailedException)
                {
                    if (attempt == maxAttempts2)
                    {
                        throw;
                    }
                }
            }
        }
    }
}", SwallowedConflictCodeFixProvider.RetryKey);
        }

        [Theory]
        [InlineData("await context.LoadAsync<Playlist>(\"other\");")]
        [InlineData("Console.WriteLine(\"loaded\");")]
        [InlineData("if (playlist.Name == name) return;")]
        public async Task Retry_StatementsNotConsecutive_OnlyRethrowIsOffered(string between)
        {
            var source = @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, string id, string name)
        {
            var playlist = await context.LoadAsync<Playlist>(id);
            " + between + @"
            playlist.Name = name;
            try
            {
                await context.SaveAsync(playlist);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
            }
        }
    }
}";
            await Fix(source, source, SwallowedConflictCodeFixProvider.RetryKey);
            await Fix(source, source.Replace("[|", "").Replace("|]", "").Replace(@"            {
            }
        }", @"            {
                throw;
            }
        }"), SwallowedConflictCodeFixProvider.RethrowKey);
        }

        [Fact]
        public async Task Retry_ItemUsedAfterTheTry_DeclaredBeforeTheLoop()
        {
            await Fix(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task<Playlist> RenameAsync(IDynamoDBContext context, string id, string name)
        {
            var playlist = await context.LoadAsync<Playlist>(id);
            var previous = playlist.Name;
            playlist.Name = name;
            try
            {
                await context.SaveAsync(playlist);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
            }

            Console.WriteLine(previous + "" -> "" + playlist.Name);
            return playlist;
        }
    }
}", @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task<Playlist> RenameAsync(IDynamoDBContext context, string id, string name)
        {
            Playlist playlist;
            string previous;
            const int maxAttempts = 3;
            for (var attempt = 1; ; attempt++)
            {
                playlist = await context.LoadAsync<Playlist>(id);
                previous = playlist.Name;
                playlist.Name = name;
                try
                {
                    await context.SaveAsync(playlist);
                    break;
                }
                catch (ConditionalCheckFailedException)
                {
                    if (attempt == maxAttempts)
                    {
                        throw;
                    }
                }
            }

            Console.WriteLine(previous + "" -> "" + playlist.Name);
            return playlist;
        }
    }
}", SwallowedConflictCodeFixProvider.RetryKey);
        }

        [Fact]
        public async Task Retry_NoReadOrBroadCatchOrTwoCatches_OnlyRethrowIsOffered()
        {
            const string Source = @"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task SaveAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
            }
        }

        public async Task RenameQuietlyAsync(IDynamoDBContext context, string id, string name)
        {
            var playlist = await context.LoadAsync<Playlist>(id);
            playlist.Name = name;
            try
            {
                await context.SaveAsync(playlist);
            }
            [|catch (Exception)|]
            {
            }
        }

        public async Task RenameAsync(IDynamoDBContext context, IAppLogger logger, string id, string name)
        {
            var playlist = await context.LoadAsync<Playlist>(id);
            playlist.Name = name;
            try
            {
                await context.SaveAsync(playlist);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
            }
            catch (AmazonDynamoDBException ex)
            {
                logger.LogWarning(ex, ""DynamoDB failed"");
                throw;
            }
        }
    }
}";
            await Fix(Source, Source, SwallowedConflictCodeFixProvider.RetryKey);
        }
    }
}
