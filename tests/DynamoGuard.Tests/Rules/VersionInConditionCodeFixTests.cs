using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    public class VersionInConditionCodeFixTests
    {
        private const string Models = @"
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;

[DynamoDBTable(""Playlists"")]
public class Playlist
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string OwnerId { get; set; } = """";
    public string Name { get; set; } = """";
    [DynamoDBVersion] public long? Version { get; set; }
}
";

        /// <summary>The models after a fix that added <c>using System;</c> (for InvalidOperationException).</summary>
        private const string ModelsWithSystem = @"
using System;" + Models;

        private static Task Fix(string source, string fixedSource, ReferenceSet references = ReferenceSet.AwsSdk)
            => new CSharpTest(new VersionedSaveConditionAnalyzer())
            {
                TestCode = Models + source,
                FixedCode = (source == fixedSource ? Models : ModelsWithSystem) + fixedSource,
                CodeFix = new VersionInConditionCodeFixProvider(),
                CodeActionEquivalenceKey = VersionInConditionCodeFixProvider.EquivalenceKey,
                References = references,
            }.RunAsync();

        [Fact]
        public async Task SaveAsync_CustomCondition_ChecksTheVersionInTheCondition()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await Fix(@"
class Repo
{
    async Task Rename(IDynamoDBContext context, Playlist playlist, string ownerId, CancellationToken cancellationToken)
    {
        var condition = new ContextExpression();
        condition.SetFilter<Playlist>(p => p.OwnerId == ownerId);
        await context.SaveAsync(playlist, new SaveConfig { [|ConditionalExpression = condition|] }, cancellationToken);
    }
}", @"
class Repo
{
    async Task Rename(IDynamoDBContext context, Playlist playlist, string ownerId, CancellationToken cancellationToken)
    {
        var condition = new ContextExpression();
        var expectedVersion = playlist.Version ?? throw new InvalidOperationException(""Playlist.Version is null: the condition can only check the version of an item that was saved before."");
        condition.SetFilter<Playlist>(p => p.OwnerId == ownerId && p.Version == expectedVersion);
        playlist.Version = expectedVersion + 1;
        await context.SaveAsync(playlist, new SaveConfig { ConditionalExpression = condition, SkipVersionCheck = true }, cancellationToken);
    }
}");
        }

        [Fact]
        public async Task Save_OrConditionAndSkipVersionCheckFalse_ParenthesizesAndSetsTrue()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await Fix(@"
class Repo
{
    void Rename(IDynamoDBContext context, string id, string ownerId)
    {
        var playlist = context.Load<Playlist>(id);
        playlist.Name = ""renamed"";
        var condition = new ContextExpression();
        condition.SetFilter<Playlist>(x => x.OwnerId == ownerId || x.OwnerId == ""admin"");
        context.Save(playlist, new SaveConfig
        {
            SkipVersionCheck = false,
            [|ConditionalExpression = condition|],
        });
    }
}", @"
class Repo
{
    void Rename(IDynamoDBContext context, string id, string ownerId)
    {
        var playlist = context.Load<Playlist>(id);
        playlist.Name = ""renamed"";
        var condition = new ContextExpression();
        var expectedVersion = playlist.Version ?? throw new InvalidOperationException(""Playlist.Version is null: the condition can only check the version of an item that was saved before."");
        condition.SetFilter<Playlist>(x => (x.OwnerId == ownerId || x.OwnerId == ""admin"") && x.Version == expectedVersion);
        playlist.Version = expectedVersion + 1;
        context.Save(playlist, new SaveConfig
        {
            SkipVersionCheck = true,
            ConditionalExpression = condition,
        });
    }
}", ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task SaveAsync_ConditionOrObjectNotVisible_OffersNoFix()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            const string Source = @"
class Repo
{
    // The condition comes from outside.
    Task Save(IDynamoDBContext context, Playlist playlist, ContextExpression condition)
        => context.SaveAsync(playlist, new SaveConfig { [|ConditionalExpression = condition|] });

    // The condition is used twice.
    async Task SaveTwice(IDynamoDBContext context, Playlist a, Playlist b)
    {
        var condition = new ContextExpression();
        condition.SetFilter<Playlist>(p => p.Name != """");
        await context.SaveAsync(a, new SaveConfig { [|ConditionalExpression = condition|] });
        await context.SaveAsync(b, new SaveConfig { [|ConditionalExpression = condition|] });
    }

    // The method sets the version itself.
    async Task Bump(IDynamoDBContext context, Playlist playlist)
    {
        var condition = new ContextExpression();
        condition.SetFilter<Playlist>(p => p.Name != """");
        playlist.Version++;
        await context.SaveAsync(playlist, new SaveConfig { [|ConditionalExpression = condition|] });
    }
}";
            await Fix(Source, Source);
        }
    }
}
