using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    public class DeleteByKeyCodeFixTests
    {
        private const string Models = @"
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;

[DynamoDBTable(""Playlists"")]
public class Playlist
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """";
    [DynamoDBVersion] public long? Version { get; set; }
}

[DynamoDBTable(""Episodes"")]
public class Episode
{
    [DynamoDBHashKey] public string ShowId { get; set; } = """";
    [DynamoDBRangeKey] public int Number { get; set; }
    [DynamoDBVersion] public long? Version { get; set; }
}
";

        private static Task Fix(string source, string fixedSource, string key, ReferenceSet references = ReferenceSet.AwsSdk)
            => new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + source,
                FixedCode = Models + fixedSource,
                CodeFix = new AddVersionConditionCodeFixProvider(),
                CodeActionEquivalenceKey = key,
                References = references,
                DiagnosticId = "DDB101",
            }.RunAsync();

        [Fact]
        public async Task DeleteAsyncByKey_ObjectLoadedAndNullChecked_DeletesTheLoadedObject()
        {
            await Fix(@"
class Repo
{
    async Task<bool> Remove(IDynamoDBContext context, string id, CancellationToken cancellationToken)
    {
        var playlist = await context.LoadAsync<Playlist>(id, cancellationToken);
        if (playlist is null)
        {
            return false;
        }

        // Gone for good.
        await context.[|DeleteAsync<Playlist>|](id, cancellationToken);
        return true;
    }
}", @"
class Repo
{
    async Task<bool> Remove(IDynamoDBContext context, string id, CancellationToken cancellationToken)
    {
        var playlist = await context.LoadAsync<Playlist>(id, cancellationToken);
        if (playlist is null)
        {
            return false;
        }

        // Gone for good.
        await context.DeleteAsync(playlist, cancellationToken);
        return true;
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task DeleteAsyncByKey_ObjectLoadedWithoutNullCheck_DeletesItWhenFound()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            await Fix(@"
class Repo
{
    async Task Remove(IDynamoDBContext context, string showId, int number)
    {
        var episode = await context.LoadAsync<Episode>(showId, number).ConfigureAwait(false);
        System.Console.WriteLine(episode?.Version);
        // Gone for good.
        await context.[|DeleteAsync<Episode>|](showId, number, new DeleteConfig { OverrideTableName = ""Archive"" }).ConfigureAwait(false);
    }

    async Task Checked(IDynamoDBContext context, string id)
    {
        var playlist = await context.LoadAsync<Playlist>(id) ?? throw new System.InvalidOperationException(""missing"");
        await context.[|DeleteAsync<Playlist>|](id);
    }

    async Task Enclosed(IDynamoDBContext context, string id)
    {
        var playlist = await context.LoadAsync<Playlist>(id);
        if (playlist != null && playlist.Name.Length > 0)
        {
            await context.[|DeleteAsync<Playlist>|](id);
        }
    }
}", @"
class Repo
{
    async Task Remove(IDynamoDBContext context, string showId, int number)
    {
        var episode = await context.LoadAsync<Episode>(showId, number).ConfigureAwait(false);
        System.Console.WriteLine(episode?.Version);
        // Gone for good.
        if (episode is not null)
        {
            await context.DeleteAsync(episode, new DeleteConfig { OverrideTableName = ""Archive"" }).ConfigureAwait(false);
        }
    }

    async Task Checked(IDynamoDBContext context, string id)
    {
        var playlist = await context.LoadAsync<Playlist>(id) ?? throw new System.InvalidOperationException(""missing"");
        await context.DeleteAsync(playlist);
    }

    async Task Enclosed(IDynamoDBContext context, string id)
    {
        var playlist = await context.LoadAsync<Playlist>(id);
        if (playlist != null && playlist.Name.Length > 0)
        {
            await context.DeleteAsync(playlist);
        }
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task DeleteAsyncByKey_NothingLoaded_LoadsConsistentlyAndDeletesWhenFound()
        {
            TestSdks.Only(AwsSdk.V4, "the expected load uses LoadConfig; SDK v3 gets a DynamoDBOperationConfig (SdkV3ShapeTests)");
            await Fix(@"
class Repo
{
    private readonly IDynamoDBContext _context;

    Repo(IDynamoDBContext context) => _context = context;

    async Task Remove(string id, CancellationToken cancellationToken)
    {
        // Gone for good.
        await _context.[|DeleteAsync<Playlist>|](id, cancellationToken);
    }

    async Task RemoveOther(string id, string otherId)
    {
        var playlist = await _context.LoadAsync<Playlist>(otherId);
        await _context.[|DeleteAsync<Playlist>|](id);
    }
}", @"
class Repo
{
    private readonly IDynamoDBContext _context;

    Repo(IDynamoDBContext context) => _context = context;

    async Task Remove(string id, CancellationToken cancellationToken)
    {
        // Gone for good.
        var playlist = await _context.LoadAsync<Playlist>(id, new LoadConfig { ConsistentRead = true }, cancellationToken);
        if (playlist is not null)
        {
            await _context.DeleteAsync(playlist, cancellationToken);
        }
    }

    async Task RemoveOther(string id, string otherId)
    {
        var playlist = await _context.LoadAsync<Playlist>(otherId);
        var playlist2 = await _context.LoadAsync<Playlist>(id, new LoadConfig { ConsistentRead = true });
        if (playlist2 is not null)
        {
            await _context.DeleteAsync(playlist2);
        }
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task DeleteAsyncByKey_WithConfigs_LoadUsesTheSameTableSettings()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            await Fix(@"
class Repo
{
    async Task Remove(IDynamoDBContext context, string showId, int number, string table)
    {
        await context.[|DeleteAsync<Episode>|](showId, number, new DeleteConfig { OverrideTableName = table, SkipVersionCheck = false });
        await context.[|DeleteAsync<Playlist>|](showId, new DynamoDBOperationConfig { TableNamePrefix = ""test-"" });
    }
}", @"
class Repo
{
    async Task Remove(IDynamoDBContext context, string showId, int number, string table)
    {
        var episode = await context.LoadAsync<Episode>(showId, number, new LoadConfig { ConsistentRead = true, OverrideTableName = table });
        if (episode is not null)
        {
            await context.DeleteAsync(episode, new DeleteConfig { OverrideTableName = table, SkipVersionCheck = false });
        }
        var playlist = await context.LoadAsync<Playlist>(showId, new DynamoDBOperationConfig { ConsistentRead = true, TableNamePrefix = ""test-"" });
        if (playlist is not null)
        {
            await context.DeleteAsync(playlist, new DynamoDBOperationConfig { TableNamePrefix = ""test-"" });
        }
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task DeleteByKey_Sync_LoadsAndDeletes()
        {
            TestSdks.Only(AwsSdk.V4, "the expected load uses LoadConfig; SDK v3 gets a DynamoDBOperationConfig (SdkV3ShapeTests)");
            await Fix(@"
class Repo
{
    void Remove(IDynamoDBContext context, string id)
    {
        context.[|Delete<Playlist>|](id);
    }

}", @"
class Repo
{
    void Remove(IDynamoDBContext context, string id)
    {
        var playlist = context.Load<Playlist>(id, new LoadConfig { ConsistentRead = true });
        if (playlist is not null)
        {
            context.Delete(playlist);
        }
    }

}", AddVersionConditionCodeFixProvider.AddConditionKey, ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task DeleteByKey_SyncAfterLoadAndReturnOnNull_DeletesTheLoadedObject()
        {
            await Fix(@"
class Repo
{
    void RemoveLoaded(IDynamoDBContext context, string id)
    {
        var playlist = context.Load<Playlist>(id);
        if (playlist == null) return;
        context.[|Delete<Playlist>|](id);
    }
}", @"
class Repo
{
    void RemoveLoaded(IDynamoDBContext context, string id)
    {
        var playlist = context.Load<Playlist>(id);
        if (playlist == null) return;
        context.Delete(playlist);
    }
}", AddVersionConditionCodeFixProvider.AddConditionKey, ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task DeleteAsyncByKey_NoSoundRewrite_OffersNoFix()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            const string Source = @"
class Repo
{
    // Not a statement of its own: nowhere to put the load.
    Task Remove(IDynamoDBContext context, string id) => context.[|DeleteAsync<Playlist>|](id);

    // The configuration comes from outside: the load could not read the same table.
    async Task RemoveWith(IDynamoDBContext context, string id, DeleteConfig config)
    {
        await context.[|DeleteAsync<Playlist>|](id, config);
    }

    // The loaded object is replaced before the delete.
    async Task Reassigned(IDynamoDBContext context, string id, Playlist other)
    {
        var playlist = await context.LoadAsync<Playlist>(id);
        playlist = other;
        await context.[|DeleteAsync<Playlist>|](id, new DynamoDBOperationConfig { TableNamePrefix = Prefix() });
    }

    // Its key is changed.
    Task Rekeyed(IDynamoDBContext context, string id)
    {
        var playlist = context.LoadAsync<Playlist>(id).Result;
        playlist.Id = ""other"";
        return context.[|DeleteAsync<Playlist>|](id);
    }

    static string Prefix() => ""p-"";
}";
            await Fix(Source, Source, AddVersionConditionCodeFixProvider.AddConditionKey);
        }

        [Fact]
        public async Task FixAll_PutAndDeleteByKey_OneGroupFixesBoth()
        {
            TestSdks.Only(AwsSdk.V4, "the expected load uses LoadConfig; SDK v3 gets a DynamoDBOperationConfig (SdkV3ShapeTests)");
            // dotnet format fixes all occurrences with the equivalence key of the first finding's action: the
            // version-condition fixes share one key, so one run fixes the put and the delete by key.
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = OptimisticLockingAnalyzerTests.Models + @"
class Repo
{
    async Task Replace(IAmazonDynamoDB client, IDynamoDBContext context, string id, string oldId, long current)
    {
        await client.{|DDB101:PutItemAsync|}(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = id },
                [""playlist_version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
            },
        });
        await context.{|DDB101:DeleteAsync<Playlist>|}(oldId);
    }
}",
                FixedCode = OptimisticLockingAnalyzerTests.Models + @"
class Repo
{
    async Task Replace(IAmazonDynamoDB client, IDynamoDBContext context, string id, string oldId, long current)
    {
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = id },
                [""playlist_version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
            },
            ConditionExpression = ""#ver = :expectedVersion"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#ver""] = ""playlist_version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expectedVersion""] = new AttributeValue { N = current.ToString(CultureInfo.InvariantCulture) } },
        });
        var playlist = await context.LoadAsync<Playlist>(oldId, new LoadConfig { ConsistentRead = true });
        if (playlist is not null)
        {
            await context.DeleteAsync(playlist);
        }
    }
}",
                CodeFix = new AddVersionConditionCodeFixProvider(),
                CodeActionEquivalenceKey = AddVersionConditionCodeFixProvider.AddConditionKey,
            }.RunAsync();
        }
    }
}
