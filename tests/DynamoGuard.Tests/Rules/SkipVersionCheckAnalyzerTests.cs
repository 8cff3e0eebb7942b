using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using VerifyCS = DynamoGuard.Tests.Verification.Verify<DynamoGuard.Rules.SkipVersionCheckAnalyzer, DynamoGuard.CodeFixes.RemoveSkipVersionCheckCodeFixProvider>;

namespace DynamoGuard.Tests.Rules
{
    public class SkipVersionCheckAnalyzerTests
    {
        private const string Models = @"
using Amazon.DynamoDBv2.DataModel;

[DynamoDBTable(""Playlists"")]
public class Playlist
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """";
    [DynamoDBVersion] public long? Version { get; set; }
}

[DynamoDBTable(""Tags"")]
public class Tag
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public int SchemaVersion { get; set; }
}
";

        [Fact]
        public async Task SaveAsync_VersionedTypeWithSkipVersionCheck_Triggers()
        {
            await VerifyCS.FixAsync(Models + @"
class Repo
{
    async System.Threading.Tasks.Task Save(IDynamoDBContext context, Playlist playlist)
    {
        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|] });
    }
}", Models + @"
class Repo
{
    async System.Threading.Tasks.Task Save(IDynamoDBContext context, Playlist playlist)
    {
        await context.SaveAsync(playlist);
    }
}");
        }
    }
}
