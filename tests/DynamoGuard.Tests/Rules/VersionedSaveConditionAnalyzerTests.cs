using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using VerifyCS = DynamoGuard.Tests.Verification.Verify<DynamoGuard.Rules.VersionedSaveConditionAnalyzer>;

namespace DynamoGuard.Tests.Rules
{
    public class VersionedSaveConditionAnalyzerTests
    {
        private const string Models = @"
using System.Threading.Tasks;
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
        public async Task SaveAsync_VersionedTypeWithConditionalExpression_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            var test = new CSharpTest(new VersionedSaveConditionAnalyzer())
            {
                TestCode = Models + @"
class Repo
{
    async Task Save(IDynamoDBContext context, Playlist playlist, ContextExpression condition)
    {
        await context.SaveAsync(playlist, new SaveConfig { {|#0:ConditionalExpression = condition|} });
    }
}",
            };
            test.ExpectedDiagnostics.Add(Verify<VersionedSaveConditionAnalyzer>.Diagnostic("DDB105").WithLocation(0).WithMessage(
                "SaveAsync of versioned type 'Playlist' sets a ConditionalExpression without SkipVersionCheck = true, so the SDK throws InvalidOperationException; set SkipVersionCheck = true and check [DynamoDBVersion] property 'Version' in the condition yourself"));
            await test.RunAsync();
        }

        [Fact]
        public async Task SaveAsync_ConfigInLocalWithSkipVersionCheckFalse_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    async Task Save(IDynamoDBContext context, Playlist playlist)
    {
        var condition = new ContextExpression();
        condition.SetFilter<Playlist>(p => p.Name != """");
        var config = new SaveConfig { SkipVersionCheck = false };
        [|config.ConditionalExpression = condition|];
        await context.SaveAsync(playlist, config);
        await context.SaveAsync(playlist, config);
    }
}");
        }

        [Fact]
        public async Task SaveTypeOverload_VersionedType_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    Task Save(IDynamoDBContext context, object playlist, ContextExpression condition)
        => context.SaveAsync(typeof(Playlist), playlist, new SaveConfig { [|ConditionalExpression = condition|] });
}");
        }

        [Fact]
        public async Task Save_SyncVersionedType_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await new CSharpTest(new VersionedSaveConditionAnalyzer())
            {
                References = ReferenceSet.AwsSdkNet472,
                TestCode = Models + @"
class Repo
{
    void Save(IDynamoDBContext context, Playlist playlist, ContextExpression condition)
    {
        context.Save(playlist, new SaveConfig { [|ConditionalExpression = condition|] });
    }
}",
            }.RunAsync();
        }

        [Fact]
        public async Task SaveAsync_SkipVersionCheckWithCondition_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    async Task Save(IDynamoDBContext context, Playlist playlist, long expected)
    {
        var condition = new ContextExpression();
        condition.SetFilter<Playlist>(p => p.Version == expected);
        await context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = true, ConditionalExpression = condition });
    }
}");
        }

        [Fact]
        public async Task SaveAsync_SkipVersionCheckNotConstant_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    Task Save(IDynamoDBContext context, Playlist playlist, ContextExpression condition, bool skip)
        => context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = skip, ConditionalExpression = condition });
}");
        }

        [Fact]
        public async Task SaveAsync_UnversionedType_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    Task Save(IDynamoDBContext context, Tag tag, ContextExpression condition)
        => context.SaveAsync(tag, new SaveConfig { ConditionalExpression = condition });
}");
        }

        [Fact]
        public async Task SaveAsync_ConfigFromParameter_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    Task Save(IDynamoDBContext context, Playlist playlist, SaveConfig config)
        => context.SaveAsync(playlist, config);
}");
        }

        [Fact]
        public async Task SaveAsync_ConditionalExpressionNull_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    Task Save(IDynamoDBContext context, Playlist playlist)
        => context.SaveAsync(playlist, new SaveConfig { ConditionalExpression = null, IgnoreNullValues = true });
}");
        }

        [Fact]
        public async Task SaveAsync_GenericTypeParameter_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    Task Save<T>(IDynamoDBContext context, T item, ContextExpression condition)
        => context.SaveAsync(item, new SaveConfig { ConditionalExpression = condition });
}");
        }

        [Fact]
        public async Task SaveAsync_BrokenCode_DoesNotCrash()
        {
            await new CSharpTest(new VersionedSaveConditionAnalyzer())
            {
                AllowAnyCompilerErrors = true,
                TestCode = Models + @"
class Repo
{
    Task Save(IDynamoDBContext context, Playlist playlist)
        => context.SaveAsync(playlist, new SaveConfig { ConditionalExpression = , SkipVersionCheck = });
}",
            }.RunAsync();
        }

        [Fact]
        public async Task SkipVersionCheckWithCondition_Ddb102StaysSilent()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await Verify<SkipVersionCheckAnalyzer>.AnalyzerAsync(Models + @"
class Repo
{
    async Task Save(IDynamoDBContext context, Playlist playlist, long expected)
    {
        var condition = new ContextExpression();
        condition.SetFilter<Playlist>(p => p.Version == expected);
        await context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = true, ConditionalExpression = condition });
    }
}");
        }
    }
}
