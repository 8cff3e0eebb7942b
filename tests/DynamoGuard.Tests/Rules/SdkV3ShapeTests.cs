using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// Shapes only SDK v3 has (AWSSDK.DynamoDBv2 3.3.105.15): <c>DynamoDBOperationConfig</c> on saves, deletes and
    /// batches (in v3 it derives from <c>DynamoDBContextConfig</c> and inherits its <c>SkipVersionCheck</c>), and the
    /// context-wide <c>DynamoDBContextConfig</c> given to the <c>DynamoDBContext</c> constructor. Every test here runs on
    /// SDK v3 only; the rest of the suite runs on v3 too wherever its source compiles there.
    /// </summary>
    public class SdkV3ShapeTests
    {
        private const string V3 = "DynamoDBOperationConfig in its SDK v3 shape";

        private const string Models = """

            [DynamoDBTable("Playlists")]
            public class Playlist
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                [DynamoDBVersion] public long? Version { get; set; }
            }

            [DynamoDBTable("Tags")]
            public class Tag
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                public int SchemaVersion { get; set; }
            }
            """;

        private const string Usings = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;

            """;

        // ---------------------------------------------------------------- DDB102

        [Fact]
        public async Task SaveAsync_OperationConfigWithSkipVersionCheck_TriggersPerSaveNotContextWide()
        {
            TestSdks.Only(AwsSdk.V3, V3);
            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = Usings + """
                    class PlaylistStore
                    {
                        private readonly IDynamoDBContext _context;

                        public PlaylistStore(IDynamoDBContext context) => _context = context;

                        public Task SaveAsync(Playlist playlist, CancellationToken cancellationToken)
                            => _context.SaveAsync(playlist, new DynamoDBOperationConfig { {|#0:SkipVersionCheck = true|} }, cancellationToken);
                    }
                    """ + Models,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(0).WithMessage(
                "SaveAsync of versioned type 'Playlist' sets SkipVersionCheck = true, so its [DynamoDBVersion] property 'Version' is not checked; a concurrent writer's change can be lost"));
            await test.RunAsync();
        }

        [Fact]
        public async Task DeleteAsync_OperationConfigAssignedLater_Triggers()
        {
            TestSdks.Only(AwsSdk.V3, V3);
            await Verify<SkipVersionCheckAnalyzer>.AnalyzerAsync(Usings + """
                class PlaylistStore
                {
                    async Task Remove(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new DynamoDBOperationConfig { ConsistentRead = true };
                        [|config.SkipVersionCheck = true|];
                        await context.DeleteAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task OperationConfigWithSkipVersionCheck_OnLoadOrUnversionedSave_DoesNotTrigger()
        {
            // In v3 the property is declared on DynamoDBContextConfig; a per-call config must still not be taken for a
            // context-wide one (which DDB102 reports wherever the code base has a versioned type).
            TestSdks.Only(AwsSdk.V3, V3);
            await Verify<SkipVersionCheckAnalyzer>.AnalyzerAsync(Usings + """
                class Stores
                {
                    Task<Playlist> Load(IDynamoDBContext context, string id)
                        => context.LoadAsync<Playlist>(id, new DynamoDBOperationConfig { SkipVersionCheck = true, ConsistentRead = true });

                    Task SaveTag(IDynamoDBContext context, Tag tag)
                        => context.SaveAsync(tag, new DynamoDBOperationConfig { SkipVersionCheck = true });
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextConfig_PassedToConstructor_TriggersContextWide()
        {
            TestSdks.Only(AwsSdk.V3, "new DynamoDBContext(client, DynamoDBContextConfig), obsolete in v4");
            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = Usings + """
                    static class ContextFactory
                    {
                        public static IDynamoDBContext Create(IAmazonDynamoDB client)
                            => new DynamoDBContext(client, new DynamoDBContextConfig { {|#0:SkipVersionCheck = true|}, ConsistentRead = true });
                    }
                    """ + Models,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(0).WithMessage(
                "DynamoDBContext is configured with SkipVersionCheck = true, which turns off the version check of every versioned type (such as 'Playlist'); concurrent writers can silently overwrite each other"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Save_SynchronousApiOfNet45Build_Triggers()
        {
            TestSdks.Only(AwsSdk.V3, V3);
            await new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                References = ReferenceSet.AwsSdkNet472,
                TestCode = Usings + """
                    class PlaylistStore
                    {
                        void Save(DynamoDBContext context, Playlist playlist)
                            => context.Save(playlist, new DynamoDBOperationConfig { [|SkipVersionCheck = true|] });
                    }
                    """ + Models,
            }.RunAsync();
        }

        [Fact]
        public async Task SaveAsync_OperationConfigWithSkipVersionCheck_FixRemovesTheConfig()
        {
            TestSdks.Only(AwsSdk.V3, V3);
            await Verify<SkipVersionCheckAnalyzer, RemoveSkipVersionCheckCodeFixProvider>.FixAsync(Usings + """
                class PlaylistStore
                {
                    Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                        => context.SaveAsync(playlist, new DynamoDBOperationConfig { [|SkipVersionCheck = true|], ConsistentRead = true }, ct);
                }
                """ + Models, Usings + """
                class PlaylistStore
                {
                    Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                        => context.SaveAsync(playlist, new DynamoDBOperationConfig { ConsistentRead = true }, ct);
                }
                """ + Models);
        }

        // ---------------------------------------------------------------- DDB103

        [Fact]
        public async Task CreateBatchWrite_OperationConfigWithSkipVersionCheck_TriggersOverwritesMessage()
        {
            TestSdks.Only(AwsSdk.V3, V3);
            var test = new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Usings + """
                    class PlaylistImport
                    {
                        async Task SaveAll(IDynamoDBContext context, List<Playlist> playlists)
                        {
                            var batch = context.{|#0:CreateBatchWrite<Playlist>|}(new DynamoDBOperationConfig { SkipVersionCheck = true });
                            batch.AddPutItems(playlists);
                            await batch.ExecuteAsync();
                        }
                    }
                    """ + Models,
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB103").WithLocation(0).WithMessage(
                "CreateBatchWrite of versioned type 'Playlist' skips the version check, so the batch overwrites concurrent changes: a batch cannot check its [DynamoDBVersion] property 'Version'"));
            await test.RunAsync();
        }

        [Fact]
        public async Task CreateBatchWrite_UnversionedTypeWithOperationConfig_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V3, V3);
            await Verify<VersionedBatchWriteAnalyzer>.AnalyzerAsync(Usings + """
                class TagImport
                {
                    async Task SaveAll(IDynamoDBContext context, List<Tag> tags)
                    {
                        var batch = context.CreateBatchWrite<Tag>(new DynamoDBOperationConfig { SkipVersionCheck = true });
                        batch.AddPutItems(tags);
                        await batch.ExecuteAsync();
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task CreateBatchWrite_OperationConfig_FixSavesOneByOneWithoutV4Types()
        {
            // The fix must not bring SDK v4's SaveConfig to a v3 user: the saves take no configuration (the version
            // check is the point of the fix) and compile against v3.
            TestSdks.Only(AwsSdk.V3, V3);
            await new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Usings + """
                    class PlaylistImport
                    {
                        async Task SaveAll(IDynamoDBContext context, List<Playlist> playlists, CancellationToken cancellationToken)
                        {
                            var batch = context.[|CreateBatchWrite<Playlist>|](new DynamoDBOperationConfig { SkipVersionCheck = true });
                            batch.AddPutItems(playlists);
                            await batch.ExecuteAsync(cancellationToken);
                        }
                    }
                    """ + Models,
                FixedCode = Usings + """
                    class PlaylistImport
                    {
                        async Task SaveAll(IDynamoDBContext context, List<Playlist> playlists, CancellationToken cancellationToken)
                        {
                            foreach (var playlist in playlists)
                            {
                                await context.SaveAsync(playlist, cancellationToken);
                            }
                        }
                    }
                    """ + Models,
                CodeFix = new SaveOneByOneCodeFixProvider(),
                CodeActionEquivalenceKey = SaveOneByOneCodeFixProvider.EquivalenceKey,
            }.RunAsync();
        }

        // ---------------------------------------------------------------- DDB101

        [Fact]
        public async Task DeleteAsyncByKey_OperationConfig_Triggers()
        {
            TestSdks.Only(AwsSdk.V3, V3);
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                DiagnosticId = "DDB101",
                TestCode = Usings + """
                    class PlaylistStore
                    {
                        Task Remove(IDynamoDBContext context, string id)
                            => context.[|DeleteAsync<Playlist>|](id, new DynamoDBOperationConfig { ConsistentRead = true });
                    }
                    """ + Models,
            }.RunAsync();
        }

        [Fact]
        public async Task DeleteAsyncByKey_NothingLoaded_FixLoadsWithOperationConfig()
        {
            // SDK v3 has no LoadConfig: the load the fix adds reads consistently through a DynamoDBOperationConfig.
            TestSdks.Only(AwsSdk.V3, V3);
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                DiagnosticId = "DDB101",
                TestCode = Usings + """
                    class PlaylistStore
                    {
                        async Task Remove(IDynamoDBContext context, string id, CancellationToken cancellationToken)
                        {
                            await context.[|DeleteAsync<Playlist>|](id, cancellationToken);
                        }
                    }
                    """ + Models,
                FixedCode = Usings + """
                    class PlaylistStore
                    {
                        async Task Remove(IDynamoDBContext context, string id, CancellationToken cancellationToken)
                        {
                            var playlist = await context.LoadAsync<Playlist>(id, new DynamoDBOperationConfig { ConsistentRead = true }, cancellationToken);
                            if (playlist is not null)
                            {
                                await context.DeleteAsync(playlist, cancellationToken);
                            }
                        }
                    }
                    """ + Models,
                CodeFix = new AddVersionConditionCodeFixProvider(),
                CodeActionEquivalenceKey = AddVersionConditionCodeFixProvider.AddConditionKey,
            }.RunAsync();
        }
    }
}
