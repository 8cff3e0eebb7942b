using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB106. Each test is a small project: the [DynamoDBVersion] model and the application's logger live in their own
    /// files (<see cref="AddProjectFiles"/>); the test source is the repository or service under test.
    /// </summary>
    public class SwallowedConflictAnalyzerTests
    {
        internal const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using MusicShop.Infrastructure;
using MusicShop.Models;
";

        internal const string ModelFile = @"using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;

namespace MusicShop.Models
{
    [DynamoDBTable(""Playlists"")]
    public class Playlist
    {
        [DynamoDBHashKey] public string Id { get; set; } = """";
        public string Name { get; set; } = """";
        public List<string> Tracks { get; set; } = new List<string>();
        [DynamoDBVersion] public int? Version { get; set; }
    }

    /// <summary>Not versioned: nothing guards its writes.</summary>
    [DynamoDBTable(""Tracks"")]
    public class Track
    {
        [DynamoDBHashKey] public string Id { get; set; } = """";
        public string Title { get; set; } = """";
    }
}
";

        internal const string LoggingFile = @"using System;

namespace MusicShop.Infrastructure
{
    public interface IAppLogger
    {
        void LogWarning(Exception exception, string message);
        void LogInformation(string message);
    }

    public interface IRetryQueue
    {
        void Enqueue(string id);
    }

    public sealed class PlaylistConflictException : Exception
    {
        public PlaylistConflictException(string id, Exception inner) : base(""Playlist "" + id + "" was changed by someone else."", inner) { }
    }
}
";

        private const string SaveMessage = "SaveAsync is guarded by the [DynamoDBVersion] property 'Version' of 'Playlist', but the ConditionalCheckFailedException it throws when another writer changed the item first is caught here and dropped; the code carries on as if the write happened, and the change is lost";

        internal static void AddProjectFiles(CSharpTest test)
        {
            test.AdditionalSources.Add(("Models/Playlist.cs", ModelFile));
            test.AdditionalSources.Add(("Infrastructure/Logging.cs", LoggingFile));
        }

        private static DiagnosticResult Ddb106() => Verify<SwallowedConflictAnalyzer>.Diagnostic("DDB106");

        private static Task Analyze(string source, params DiagnosticResult[] expected)
            => Analyze(source, ReferenceSet.AwsSdk, expected);

        private static Task Analyze(string source, ReferenceSet references, params DiagnosticResult[] expected)
        {
            var test = new CSharpTest(new SwallowedConflictAnalyzer()) { TestCode = Usings + source, References = references };
            AddProjectFiles(test);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        // ---- Object persistence model ----

        [Fact]
        public async Task SaveAsync_VersionedItem_EmptyCatch_Triggers()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        private readonly IDynamoDBContext _context;

        public PlaylistService(IDynamoDBContext context) => _context = context;

        public async Task RenameAsync(string id, string name)
        {
            var playlist = await _context.LoadAsync<Playlist>(id);
            playlist.Name = name;
            try
            {
                await _context.SaveAsync(playlist);
            }
            {|#0:catch (ConditionalCheckFailedException)|}
            {
                // Someone else renamed it first; never mind.
            }
        }
    }
}", Ddb106().WithLocation(0).WithMessage(SaveMessage));
        }

        [Fact]
        public async Task SaveAsync_CatchOnlyLogs_Triggers()
        {
            await Analyze(@"
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

        public async Task AddTrackAsync(Playlist playlist, string trackId)
        {
            playlist.Tracks.Add(trackId);
            try
            {
                await _context.SaveAsync(playlist).ConfigureAwait(false);
                _logger.LogInformation(""Added "" + trackId);
            }
            [|catch (ConditionalCheckFailedException ex)|]
            {
                _logger.LogWarning(ex, $""Playlist {playlist.Id} changed concurrently: {ex.Message}"");
                Console.WriteLine(ex.ToString());
                Console.Error.WriteLine(""conflict"");
            }
        }
    }
}");
        }

        [Fact]
        public async Task DeleteAsync_VersionedObject_CatchLogsAndReturns_Triggers()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistCleaner
    {
        private readonly IDynamoDBContext _context;
        private readonly IAppLogger _logger;

        public PlaylistCleaner(IDynamoDBContext context, IAppLogger logger)
        {
            _context = context;
            _logger = logger;
        }

        public async Task RemoveAsync(Playlist playlist)
        {
            try
            {
                await _context.DeleteAsync(playlist);
            }
            {|#0:catch (ConditionalCheckFailedException ex)|}
            {
                _logger.LogWarning(ex, ""Delete lost a race"");
                return;
            }

            _logger.LogInformation(""Deleted "" + playlist.Id);
        }
    }
}", Ddb106().WithLocation(0).WithMessage("DeleteAsync is guarded by the [DynamoDBVersion] property 'Version' of 'Playlist', but the ConditionalCheckFailedException it throws when another writer changed the item first is caught here and dropped; the code carries on as if the write happened, and the change is lost"));
        }

        [Fact]
        public async Task Save_Synchronous_EmptyCatch_Triggers()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class LegacyPlaylistStore
    {
        public void Rename(DynamoDBContext context, Playlist playlist, string name)
        {
            playlist.Name = name;
            try
            {
                context.Save(playlist);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
            }
        }
    }
}", ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task SaveAsync_FlagSetButNeverRead_Triggers()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task<Playlist> RenameAsync(IDynamoDBContext context, Playlist playlist, string name)
        {
            var conflict = false;
            playlist.Name = name;
            try
            {
                await context.SaveAsync(playlist);
            }
            [|catch (ConditionalCheckFailedException)|]
            {
                conflict = true;
            }

            return playlist;
        }
    }
}");
        }

        [Fact]
        public async Task SaveAsync_InForeachThatMovesOn_Triggers()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistImporter
    {
        public async Task ImportAsync(IDynamoDBContext context, IEnumerable<Playlist> playlists, IAppLogger logger)
        {
            foreach (var playlist in playlists)
            {
                try
                {
                    await context.SaveAsync(playlist);
                }
                [|catch (ConditionalCheckFailedException ex)|]
                {
                    logger.LogWarning(ex, ""Skipping "" + playlist.Id);
                    continue;
                }
            }
        }
    }
}");
        }

        // ---- Low-level client and document model ----

        [Fact]
        public async Task UpdateItem_ConditionOnVersion_EmptyCatch_Triggers()
        {
            await Analyze(@"
namespace MusicShop.Data
{
    public sealed class OrderRepository
    {
        private readonly IAmazonDynamoDB _client;

        public OrderRepository(IAmazonDynamoDB client) => _client = client;

        public async Task MarkShippedAsync(string id, long expectedVersion)
        {
            try
            {
                await _client.{|#1:UpdateItemAsync|}(new UpdateItemRequest
                {
                    TableName = ""Orders"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
                    UpdateExpression = ""SET #s = :shipped, version = :next"",
                    ConditionExpression = ""version = :expected"",
                    ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        ["":shipped""] = new AttributeValue { S = ""SHIPPED"" },
                        ["":expected""] = new AttributeValue { N = expectedVersion.ToString() },
                        ["":next""] = new AttributeValue { N = (expectedVersion + 1).ToString() },
                    },
                });
            }
            {|#0:catch (ConditionalCheckFailedException)|}
            {
            }
        }
    }
}", Ddb106().WithLocation(0).WithMessage("UpdateItemAsync is guarded by a condition on 'version', but the ConditionalCheckFailedException it throws when another writer changed the item first is caught here and dropped; the code carries on as if the write happened, and the change is lost"));
        }

        [Fact]
        public async Task PutItem_MappedTableConditionOnItsVersion_LogOnly_Triggers()
        {
            await Analyze(@"
namespace MusicShop.Data
{
    public sealed class PlaylistWriter
    {
        public async Task PutAsync(IAmazonDynamoDB client, IAppLogger logger, string id, int version)
        {
            var request = new PutItemRequest
            {
                TableName = ""Playlists"",
                Item = new Dictionary<string, AttributeValue>
                {
                    [""Id""] = new AttributeValue { S = id },
                    [""Version""] = new AttributeValue { N = (version + 1).ToString() },
                },
                ConditionExpression = ""#v = :v"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#v""] = ""Version"" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = version.ToString() } },
            };
            try
            {
                await client.PutItemAsync(request);
            }
            [|catch (ConditionalCheckFailedException ex)|]
            {
                logger.LogWarning(ex, ""Playlist "" + id + "" was changed concurrently"");
            }
        }
    }
}");
        }

        [Fact]
        public async Task DocumentModel_UpdateItemWithVersionCondition_EmptyCatch_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await Analyze(@"
namespace MusicShop.Data
{
    public sealed class ProfileStore
    {
        private readonly ITable _profiles;

        public ProfileStore(ITable profiles) => _profiles = profiles;

        public async Task SetNicknameAsync(Document profile, string nickname)
        {
            int expected = profile[""version""].AsInt();
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
            }
        }
    }
}");
        }

        [Theory]
        [InlineData(null, false)]
        [InlineData("dynamoguard.version_attribute_names = rev", true)]
        [InlineData("dynamoguard.DDB106.version_attribute_names = rev", true)]
        [InlineData("dynamoguard.version_attribute_names = rev\ndynamoguard.DDB106.version_attribute_names = etag", false)]
        public async Task UpdateItem_ConditionOnConfiguredVersionName_TriggersPerOption(string? editorConfig, bool triggers)
        {
            var catchClause = triggers ? "[|catch (ConditionalCheckFailedException)|]" : "catch (ConditionalCheckFailedException)";
            var test = new CSharpTest(new SwallowedConflictAnalyzer())
            {
                TestCode = Usings + @"
namespace MusicShop.Data
{
    public sealed class DocumentStore
    {
        public async Task TouchAsync(IAmazonDynamoDB client, string id, long rev)
        {
            try
            {
                await client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = ""Documents"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
                    UpdateExpression = ""SET rev = :next"",
                    ConditionExpression = ""rev = :rev"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        ["":rev""] = new AttributeValue { N = rev.ToString() },
                        ["":next""] = new AttributeValue { N = (rev + 1).ToString() },
                    },
                });
            }
            " + catchClause + @"
            {
            }
        }
    }
}",
            };
            AddProjectFiles(test);
            if (editorConfig is not null)
            {
                test.AnalyzerConfigFiles.Add((".editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
            }

            await test.RunAsync();
        }

        // ---- Transactions ----

        [Fact]
        public async Task TransactWriteItems_VersionedMember_CatchTransactionCanceled_Triggers()
        {
            await Analyze(@"
namespace MusicShop.Data
{
    public sealed class TransferService
    {
        public async Task MoveTrackAsync(IAmazonDynamoDB client, IAppLogger logger, string from, string to, long fromVersion)
        {
            var update = new Update
            {
                TableName = ""Playlists"",
                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = from } },
                UpdateExpression = ""SET Version = :next"",
                ConditionExpression = ""Version = :expected"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":expected""] = new AttributeValue { N = fromVersion.ToString() },
                    ["":next""] = new AttributeValue { N = (fromVersion + 1).ToString() },
                },
            };
            try
            {
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = new List<TransactWriteItem> { new TransactWriteItem { Update = update } },
                });
            }
            {|#0:catch (TransactionCanceledException ex)|}
            {
                logger.LogWarning(ex, ""Move cancelled"");
            }
        }
    }
}", Ddb106().WithLocation(0).WithMessage("TransactWriteItemsAsync is guarded by a condition on 'Version', but the TransactionCanceledException it throws when another writer changed the item first is caught here and dropped; the code carries on as if the write happened, and the change is lost"));
        }

        [Fact]
        public async Task ContextTransaction_VersionedSave_CatchTransactionCanceled_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistMerger
    {
        public async Task MergeAsync(IDynamoDBContext context, Playlist target, Playlist source)
        {
            target.Tracks.AddRange(source.Tracks);
            var transaction = context.CreateTransactWrite<Playlist>();
            transaction.AddSaveItem(target);
            transaction.AddDeleteItem(source);
            try
            {
                await transaction.ExecuteAsync();
            }
            {|#0:catch (TransactionCanceledException)|}
            {
            }
        }
    }
}", Ddb106().WithLocation(0).WithMessage("ExecuteAsync is guarded by the [DynamoDBVersion] property 'Version' of 'Playlist', but the TransactionCanceledException it throws when another writer changed the item first is caught here and dropped; the code carries on as if the write happened, and the change is lost"));
        }

        // ---- Broad catches ----

        [Fact]
        public async Task SaveAsync_CatchException_TryHoldsOnlyTheWrite_Triggers()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
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
    }
}");
        }

        [Fact]
        public async Task BareCatchAndSdkBaseExceptions_TryHoldsOnlyTheWrite_Trigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task SaveQuietlyAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            [|catch|]
            {
            }
        }

        public void SaveBlocking(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                context.SaveAsync(playlist).GetAwaiter().GetResult();
            }
            [|catch (AmazonDynamoDBException)|]
            {
            }
        }

        public async Task DeleteQuietlyAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.DeleteAsync(playlist);
            }
            [|catch (Amazon.Runtime.AmazonServiceException)|]
            {
            }
        }
    }
}");
        }

        [Fact]
        public async Task NestedTry_InnerCatchesSomethingElse_OuterDropTriggers_InnerDropReportedOnce()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, IAppLogger logger, Playlist playlist)
        {
            try
            {
                try
                {
                    await context.SaveAsync(playlist);
                }
                catch (TimeoutException ex)
                {
                    logger.LogWarning(ex, ""Timed out"");
                    throw;
                }
            }
            [|catch (ConditionalCheckFailedException)|]
            {
            }
        }

        public async Task DeleteAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                try
                {
                    await context.DeleteAsync(playlist);
                }
                [|catch (ConditionalCheckFailedException)|]
                {
                }
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}");
        }

        // ---- Not reported: the failure is reported, retried or harmless ----

        [Fact]
        public async Task SaveAsync_CatchRethrows_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, IAppLogger logger, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException ex)
            {
                logger.LogWarning(ex, ""Conflict"");
                throw;
            }
        }
    }
}");
        }

        [Fact]
        public async Task SaveAsync_CatchWrapsInDomainException_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException ex)
            {
                throw new PlaylistConflictException(playlist.Id, ex);
            }
        }
    }
}");
        }

        [Fact]
        public async Task SaveAsync_CatchReturnsFalseOrConflictResult_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public enum SaveResult { Saved, Conflict }

    public sealed class PlaylistService
    {
        public async Task<bool> TryRenameAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                return false;
            }
        }

        public async Task<SaveResult> SaveAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (Exception)
            {
                return SaveResult.Conflict;
            }

            return SaveResult.Saved;
        }
    }
}");
        }

        [Fact]
        public async Task SaveAsync_FlagReadAfterwards_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public bool LastSaveConflicted { get; private set; }

        public async Task<bool> RenameAsync(IDynamoDBContext context, Playlist playlist)
        {
            var saved = true;
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
                saved = false;
            }

            return saved;
        }

        public async Task RenameAndRememberAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
                LastSaveConflicted = true;
            }
        }
    }
}");
        }

        [Fact]
        public async Task SaveAsync_CatchInRetryLoop_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, IAppLogger logger, string id, string name)
        {
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var playlist = await context.LoadAsync<Playlist>(id);
                playlist.Name = name;
                try
                {
                    await context.SaveAsync(playlist);
                    return;
                }
                catch (ConditionalCheckFailedException ex)
                {
                    logger.LogWarning(ex, ""Retrying"");
                }
            }

            throw new InvalidOperationException(""Gave up"");
        }

        public async Task AddTrackAsync(IDynamoDBContext context, string id, string track)
        {
            while (true)
            {
                var playlist = await context.LoadAsync<Playlist>(id);
                playlist.Tracks.Add(track);
                try
                {
                    await context.SaveAsync(playlist);
                    break;
                }
                catch (ConditionalCheckFailedException)
                {
                    continue;
                }
            }
        }
    }
}");
        }

        [Fact]
        public async Task SaveAsync_CatchHandsFailureToOtherCode_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        private readonly IRetryQueue _queue;

        public PlaylistService(IRetryQueue queue) => _queue = queue;

        public async Task RenameAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
                _queue.Enqueue(playlist.Id);
            }
        }
    }
}");
        }

        [Fact]
        public async Task PutItem_CreateOnly_FailureIgnoredOnPurpose_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Data
{
    public sealed class TrackImporter
    {
        public async Task ImportOnceAsync(IAmazonDynamoDB client, string id, string title)
        {
            try
            {
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = ""Tracks"",
                    Item = new Dictionary<string, AttributeValue>
                    {
                        [""Id""] = new AttributeValue { S = id },
                        [""Title""] = new AttributeValue { S = title },
                    },
                    ConditionExpression = ""attribute_not_exists(Id)"",
                });
            }
            catch (ConditionalCheckFailedException)
            {
                // Already imported: an idempotent insert, nothing is lost.
            }
        }
    }
}");
        }

        [Fact]
        public async Task UnversionedWrites_EmptyCatch_DoNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await Analyze(@"
namespace MusicShop.Data
{
    public sealed class TrackService
    {
        public async Task RetitleAsync(IDynamoDBContext context, Track track)
        {
            try
            {
                await context.SaveAsync(track);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }

        public async Task DeleteByKeyAsync(IDynamoDBContext context, string id)
        {
            try
            {
                await context.DeleteAsync<Playlist>(id);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }

        public async Task SkipCheckAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = true });
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }

        public async Task ArchiveAsync(IAmazonDynamoDB client, string id)
        {
            try
            {
                await client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = ""Orders"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
                    UpdateExpression = ""SET #s = :archived"",
                    ConditionExpression = ""#s = :open"",
                    ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        ["":archived""] = new AttributeValue { S = ""ARCHIVED"" },
                        ["":open""] = new AttributeValue { S = ""OPEN"" },
                    },
                });
            }
            catch (ConditionalCheckFailedException)
            {
                // Not open any more: nothing to archive.
            }
        }
    }
}");
        }

        [Fact]
        public async Task BroadCatch_TryDoesMoreThanTheWrite_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task PublishAsync(IDynamoDBContext context, IAppLogger logger, Playlist playlist, Func<Task> notify)
        {
            try
            {
                await context.SaveAsync(playlist);
                await notify();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, ""Publishing failed"");
            }
        }
    }
}");
        }

        [Fact]
        public async Task CatchWithFilter_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, Playlist playlist, bool ignoreConflicts)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException) when (ignoreConflicts)
            {
            }
        }
    }
}");
        }

        [Fact]
        public async Task WrongExceptionForTheWrite_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task MergeAsync(IDynamoDBContext context, Playlist target)
        {
            var transaction = context.CreateTransactWrite<Playlist>();
            transaction.AddSaveItem(target);
            try
            {
                await transaction.ExecuteAsync();
            }
            catch (ConditionalCheckFailedException)
            {
                // A transaction fails with TransactionCanceledException: this catch never runs for it.
            }
        }

        public async Task RenameAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (TransactionCanceledException)
            {
            }
        }
    }
}");
        }

        [Fact]
        public async Task ConflictTakenByEarlierCatch_BroadCatchAfterIt_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public async Task RenameAsync(IDynamoDBContext context, IAppLogger logger, Playlist playlist)
        {
            try
            {
                await context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException ex)
            {
                throw new PlaylistConflictException(playlist.Id, ex);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, ""Save failed"");
            }
        }
    }
}");
        }

        [Fact]
        public async Task WriteNotRunInTheTry_DoesNotTrigger()
        {
            await Analyze(@"
namespace MusicShop.Services
{
    public sealed class PlaylistService
    {
        public Task RenameLaterAsync(IDynamoDBContext context, Playlist playlist)
        {
            try
            {
                return context.SaveAsync(playlist);
            }
            catch (ConditionalCheckFailedException)
            {
                return Task.CompletedTask;
            }
        }

        public void Schedule(IDynamoDBContext context, Playlist playlist, List<Func<Task>> work)
        {
            try
            {
                work.Add(() => context.SaveAsync(playlist));
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }
}");
        }

        [Fact]
        public async Task NoAwsSdk_DoesNotTrigger()
        {
            await new CSharpTest(new SwallowedConflictAnalyzer())
            {
                TestCode = @"
using System;

class Store
{
    void Save(Action write)
    {
        try
        {
            write();
        }
        catch (Exception)
        {
        }
    }
}",
                References = ReferenceSet.RuntimeOnly,
            }.RunAsync();
        }
    }
}
