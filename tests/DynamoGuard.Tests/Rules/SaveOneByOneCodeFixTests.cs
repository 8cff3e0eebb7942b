using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    public class SaveOneByOneCodeFixTests
    {
        private const string Models = @"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;

[DynamoDBTable(""Playlists"")]
public class Playlist
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    [DynamoDBVersion] public long? Version { get; set; }
}
";

        private static Task Fix(string source, string fixedSource, ReferenceSet references = ReferenceSet.AwsSdk, string key = SaveOneByOneCodeFixProvider.EquivalenceKey)
            => new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Models + source,
                FixedCode = Models + fixedSource,
                CodeFix = new SaveOneByOneCodeFixProvider(),
                CodeActionEquivalenceKey = key,
                References = references,
            }.RunAsync();

        [Fact]
        public async Task CreateBatchWrite_PutsAndDeletes_BecomeSavesAndDeletesOneByOne()
        {
            TestSdks.Only(AwsSdk.V4, "BatchWriteConfig");
            await Fix(@"
class Repo
{
    private readonly IDynamoDBContext _context;

    Repo(IDynamoDBContext context) => _context = context;

    async Task Sync(List<Playlist> changed, Playlist removed, CancellationToken cancellationToken)
    {
        var batch = _context.[|CreateBatchWrite<Playlist>|](new BatchWriteConfig { SkipVersionCheck = true });
        // Changed playlists first.
        batch.AddPutItems(changed);
        batch.AddDeleteItem(removed);
        await batch.ExecuteAsync(cancellationToken);
    }
}", @"
class Repo
{
    private readonly IDynamoDBContext _context;

    Repo(IDynamoDBContext context) => _context = context;

    async Task Sync(List<Playlist> changed, Playlist removed, CancellationToken cancellationToken)
    {
        // Changed playlists first.
        foreach (var playlist in changed)
        {
            await _context.SaveAsync(playlist, cancellationToken);
        }
        await _context.DeleteAsync(removed, cancellationToken);
    }
}");
        }

        [Fact]
        public async Task CreateBatchWrite_SyncInLoop_BecomesSave()
        {
            await Fix(@"
class Repo
{
    void SaveAll(IDynamoDBContext context, List<Playlist> playlists)
    {
        var playlist = playlists[0];
        var batch = context.[|CreateBatchWrite<Playlist>|]();
        foreach (var p in playlists)
        {
            batch.AddPutItem(p);
        }

        batch.Execute();
    }
}", @"
class Repo
{
    void SaveAll(IDynamoDBContext context, List<Playlist> playlists)
    {
        var playlist = playlists[0];
        foreach (var p in playlists)
        {
            context.Save(p);
        }
    }
}", ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task CreateBatchWrite_BatchEscapes_OffersNoFix()
        {
            TestSdks.Only(AwsSdk.V4, "IBatchWrite<T>, BatchWriteConfig");
            const string Source = @"
class Repo
{
    IBatchWrite<Playlist> Create(IDynamoDBContext context, Playlist playlist)
    {
        var batch = context.[|CreateBatchWrite<Playlist>|]();
        batch.AddPutItem(playlist);
        return batch;
    }

    async Task DeleteKeys(IDynamoDBContext context, string id)
    {
        var batch = context.[|CreateBatchWrite<Playlist>|]();
        batch.AddDeleteKey(id);
        await batch.ExecuteAsync();
    }

    async Task WithOtherConfig(IDynamoDBContext context, Playlist playlist)
    {
        var batch = context.[|CreateBatchWrite<Playlist>|](new BatchWriteConfig { SkipVersionCheck = true, IgnoreNullValues = true });
        batch.AddPutItem(playlist);
        await batch.ExecuteAsync();
    }
}";
            await Fix(Source, Source);
        }

        [Fact]
        public async Task CreateBatchWrite_AtMost100Items_BecomesOneTransaction()
        {
            TestSdks.Only(AwsSdk.V4, "BatchWriteConfig");
            await Fix(@"
class Repo
{
    async Task Move(IDynamoDBContext context, Playlist from, Playlist to, CancellationToken cancellationToken)
    {
        var batch = context.[|CreateBatchWrite<Playlist>|](new BatchWriteConfig { SkipVersionCheck = true });
        batch.AddPutItem(to);
        batch.AddDeleteItem(from);
        await batch.ExecuteAsync(cancellationToken);
    }

    async Task SaveFirst(IDynamoDBContext context, List<Playlist> playlists)
    {
        var batch = context.[|CreateBatchWrite<Playlist>|]();
        batch.AddPutItems(playlists.Take(50));
        foreach (var removed in playlists.Skip(50).Take(10))
        {
            batch.AddDeleteItem(removed);
        }

        await batch.ExecuteAsync();
    }
}", @"
class Repo
{
    async Task Move(IDynamoDBContext context, Playlist from, Playlist to, CancellationToken cancellationToken)
    {
        var batch = context.CreateTransactWrite<Playlist>();
        batch.AddSaveItem(to);
        batch.AddDeleteItem(from);
        await batch.ExecuteAsync(cancellationToken);
    }

    async Task SaveFirst(IDynamoDBContext context, List<Playlist> playlists)
    {
        var batch = context.CreateTransactWrite<Playlist>();
        batch.AddSaveItems(playlists.Take(50));
        foreach (var removed in playlists.Skip(50).Take(10))
        {
            batch.AddDeleteItem(removed);
        }

        await batch.ExecuteAsync();
    }
}", key: SaveOneByOneCodeFixProvider.TransactionKey);
        }

        [Fact]
        public async Task CreateBatchWrite_SizeNotBoundedTo100_OffersNoTransaction()
        {
            TestSdks.Only(AwsSdk.V4, "IBatchWrite<T>");
            const string Source = @"
class Repo
{
    async Task SaveAll(IDynamoDBContext context, List<Playlist> playlists)
    {
        var batch = context.[|CreateBatchWrite<Playlist>|]();
        batch.AddPutItems(playlists);
        await batch.ExecuteAsync();
    }

    async Task SaveMany(IDynamoDBContext context, Playlist playlist)
    {
        var batch = context.[|CreateBatchWrite<Playlist>|]();
        for (var i = 0; i < 101; i++)
        {
            batch.AddPutItem(playlist);
        }

        await batch.ExecuteAsync();
    }

    async Task Typed(IDynamoDBContext context, Playlist playlist)
    {
        IBatchWrite<Playlist> batch = context.[|CreateBatchWrite<Playlist>|]();
        batch.AddPutItem(playlist);
        await batch.ExecuteAsync();
    }
}";
            await Fix(Source, Source, key: SaveOneByOneCodeFixProvider.TransactionKey);
        }
    }
}
