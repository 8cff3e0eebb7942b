using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using VerifyCS = DynamoGuard.Tests.Verification.Verify<DynamoGuard.Rules.SkipVersionCheckAnalyzer>;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>DDB102: where SkipVersionCheck = true is reported, and where it is not.</summary>
    public class SkipVersionCheckAnalyzerTests
    {
        /// <summary>
        /// Model classes appended to test sources (which bring <c>using Amazon.DynamoDBv2.DataModel;</c>):
        /// Playlist is versioned; Tag has a property called SchemaVersion but no [DynamoDBVersion].
        /// </summary>
        internal const string Models = """


            [DynamoDBTable("Playlists")]
            public class Playlist
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                public string Name { get; set; } = "";
                [DynamoDBVersion] public long? Version { get; set; }
            }

            [DynamoDBTable("Tags")]
            public class Tag
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                public int SchemaVersion { get; set; }
            }
            """;

        /// <summary>Only the unversioned Tag: a code base where SkipVersionCheck bypasses nothing.</summary>
        internal const string UnversionedModels = """


            [DynamoDBTable("Tags")]
            public class Tag
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                public int SchemaVersion { get; set; }
            }
            """;

        private const string SaveMessage =
            "SaveAsync of versioned type 'Playlist' sets SkipVersionCheck = true, so its [DynamoDBVersion] property 'Version' is not checked; a concurrent writer's change can be lost";

        // ---------------------------------------------------------------- per-call configuration: positives

        [Fact]
        public async Task SaveAsync_VersionedTypeWithSkipVersionCheck_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_OnDynamoDBContextClass_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(DynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync<Playlist>(playlist, new SaveConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_VersionedTypeWithSkipVersionCheckAndCancellationToken_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|] }, ct);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_SkipVersionCheckAmongOtherProperties_TriggersOnSkipVersionCheckOnly()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { OverrideTableName = "Playlists-Test", [|SkipVersionCheck = true|], IgnoreNullValues = true });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task DeleteAsync_VersionedItemWithSkipVersionCheck_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.DeleteAsync(playlist, new DeleteConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task DeleteAsync_VersionedItemWithExplicitTypeArgument_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.DeleteAsync<Playlist>(playlist, new DeleteConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigLocalWithSkipVersionCheckInInitializer_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new SaveConfig { [|SkipVersionCheck = true|] };
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigLocalWithTargetTypedNew_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        SaveConfig config = new() { [|SkipVersionCheck = true|] };
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigLocalWithSkipVersionCheckSetLater_TriggersOnAssignment()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new SaveConfig();
                        [|config.SkipVersionCheck = true|];
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task DeleteAsync_ConfigLocalWithSkipVersionCheckSetLater_TriggersOnAssignment()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new DeleteConfig();
                        [|config.SkipVersionCheck = true|];
                        await context.DeleteAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_SkipVersionCheckSetToTrueConstant_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    private const bool LastWriterWins = true;

                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = LastWriterWins|] });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigLocalUsedByTwoCalls_TriggersOnceOnAssignment()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task SaveBoth(IDynamoDBContext context, Playlist first, Playlist second)
                    {
                        var config = new SaveConfig { [|SkipVersionCheck = true|] };
                        await context.SaveAsync(first, config);
                        await context.SaveAsync(second, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigLocalSetLaterAndUsedByTwoCalls_TriggersOnceOnAssignment()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task SaveBoth(IDynamoDBContext context, Playlist first, Playlist second)
                    {
                        var config = new SaveConfig();
                        [|config.SkipVersionCheck = true|];
                        await context.SaveAsync(first, config);
                        await context.SaveAsync(second, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigLocalUsedForUnversionedThenVersionedType_TriggersOnceForVersionedCall()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.DynamoDBv2.DataModel;

                    class Repo
                    {
                        async Task SaveBoth(IDynamoDBContext context, Tag tag, Playlist playlist)
                        {
                            var config = new SaveConfig { {|#0:SkipVersionCheck = true|} };
                            await context.SaveAsync(tag, config);
                            await context.SaveAsync(playlist, config);
                        }
                    }
                    """ + Models,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(DiagnosticIds.VersionCheckDisabled).WithLocation(0).WithMessage(SaveMessage));
            await test.RunAsync();
        }

        [Fact]
        public async Task SaveAsync_ConfigLocalUsedInsideLambda_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Linq;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    Task SaveAll(IDynamoDBContext context, Playlist[] playlists)
                    {
                        var config = new SaveConfig { [|SkipVersionCheck = true|] };
                        return Task.WhenAll(playlists.Select(p => context.SaveAsync(p, config)));
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ObsoleteOperationConfigWithSkipVersionCheck_Triggers()
        {
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                #pragma warning disable CS0618 // the DynamoDBOperationConfig overloads are obsolete
                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new DynamoDBOperationConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task DeleteAsync_ObsoleteOperationConfigWithSkipVersionCheck_Triggers()
        {
            // No pragma here: the CS0618 warnings of the obsolete overload do not fail the test.
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new DynamoDBOperationConfig();
                        [|config.SkipVersionCheck = true|];
                        await context.DeleteAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAndDeleteAsync_ObsoleteOperationConfigLocalSharedByBothCalls_TriggersOnce()
        {
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                #pragma warning disable CS0618
                class Repo
                {
                    async Task Replace(IDynamoDBContext context, Playlist oldPlaylist, Playlist newPlaylist)
                    {
                        var config = new DynamoDBOperationConfig { [|SkipVersionCheck = true|] };
                        await context.DeleteAsync(oldPlaylist, config);
                        await context.SaveAsync(newPlaylist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_TypeOverloadForVersionedTypeWithSkipVersionCheck_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, object playlist)
                    {
                        var config = new SaveConfig { [|SkipVersionCheck = true|] };
                        await context.SaveAsync(typeof(Playlist), playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task CreateTransactWrite_VersionedTypeWithSkipVersionCheck_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var write = context.CreateTransactWrite<Playlist>(new TransactWriteConfig { [|SkipVersionCheck = true|] });
                        write.AddSaveItem(playlist);
                        await write.ExecuteAsync();
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task CreateTransactWrite_ObsoleteOperationConfigWithSkipVersionCheck_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2.DataModel;

                #pragma warning disable CS0618
                class Repo
                {
                    ITransactWrite<Playlist> Begin(IDynamoDBContext context)
                        => context.CreateTransactWrite<Playlist>(new DynamoDBOperationConfig { [|SkipVersionCheck = true|] });
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAndDelete_SyncMethodsOnNet472_Trigger()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig, SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    void Replace(IDynamoDBContext context, Playlist oldPlaylist, Playlist newPlaylist)
                    {
                        context.Delete(oldPlaylist, new DeleteConfig { [|SkipVersionCheck = true|] });
                        context.Save(newPlaylist, new SaveConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models, ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task SaveAsync_VersionPropertyInheritedFromBaseClass_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.DynamoDBv2.DataModel;

                    public abstract class Entity
                    {
                        [DynamoDBHashKey] public string Id { get; set; } = "";
                        [DynamoDBVersion] public int? RowVersion { get; set; }
                    }

                    [DynamoDBTable("Orders")]
                    public class Order : Entity
                    {
                        public decimal Total { get; set; }
                    }

                    class Repo
                    {
                        async Task Save(IDynamoDBContext context, Order order)
                        {
                            await context.SaveAsync(order, new SaveConfig { {|#0:SkipVersionCheck = true|} });
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(DiagnosticIds.VersionCheckDisabled).WithLocation(0).WithMessage(
                "SaveAsync of versioned type 'Order' sets SkipVersionCheck = true, so its [DynamoDBVersion] property 'RowVersion' is not checked; a concurrent writer's change can be lost"));
            await test.RunAsync();
        }

        [Fact]
        public async Task SaveAsync_ModelDeclaredInAnotherFileAndNamespace_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.DynamoDBv2.DataModel;
                    using MyApp.Models;

                    namespace MyApp.Data
                    {
                        class PlaylistRepository
                        {
                            async Task Save(IDynamoDBContext context, Playlist playlist)
                            {
                                await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|] });
                            }
                        }
                    }
                    """,
                AdditionalSources =
                {
                    ("Models/Playlist.cs", """
                        using Amazon.DynamoDBv2.DataModel;

                        namespace MyApp.Models
                        {
                            [DynamoDBTable("Playlists")]
                            public class Playlist
                            {
                                [DynamoDBHashKey] public string Id { get; set; } = "";
                                [DynamoDBVersion] public long? Version { get; set; }
                            }
                        }
                        """),
                },
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task SaveAsync_WithNullConditionalExpression_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|], ConditionalExpression = null });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAndDeleteAsync_Message_NamesMethodTypeAndVersionProperty()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig, DeleteConfig");
            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.DynamoDBv2.DataModel;

                    class Repo
                    {
                        async Task Save(IDynamoDBContext context, Playlist playlist)
                        {
                            await context.SaveAsync(playlist, new SaveConfig { {|#0:SkipVersionCheck = true|} });
                            await context.DeleteAsync(playlist, new DeleteConfig { {|#1:SkipVersionCheck = true|} });
                        }
                    }
                    """ + Models,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(DiagnosticIds.VersionCheckDisabled)
                .WithLocation(0)
                .WithMessage(SaveMessage)
                .WithSeverity(DiagnosticSeverity.Warning));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(DiagnosticIds.VersionCheckDisabled)
                .WithLocation(1)
                .WithMessage("DeleteAsync of versioned type 'Playlist' sets SkipVersionCheck = true, so its [DynamoDBVersion] property 'Version' is not checked; a concurrent writer's change can be lost")
                .WithSeverity(DiagnosticSeverity.Warning));
            await test.RunAsync();
        }

        // ---------------------------------------------------------------- context-wide configuration: positives

        [Fact]
        public async Task ContextConfig_SkipVersionCheckInInitializerWithVersionedType_Triggers()
        {
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    DynamoDBContextConfig Create() => new DynamoDBContextConfig { TableNamePrefix = "dev-", [|SkipVersionCheck = true|] };
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextConfig_SkipVersionCheckSetLaterWithVersionedType_Triggers()
        {
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    DynamoDBContextConfig Create()
                    {
                        var config = new DynamoDBContextConfig();
                        [|config.SkipVersionCheck = true|];
                        return config;
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextBuilder_ConfigureContextExpressionLambdaWithVersionedType_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create(IAmazonDynamoDB client)
                        => new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client)
                            .ConfigureContext(c => [|c.SkipVersionCheck = true|])
                            .Build();
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextBuilder_ConfigureContextBlockLambdaWithVersionedType_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create()
                        => new DynamoDBContextBuilder()
                            .ConfigureContext(c =>
                            {
                                c.TableNamePrefix = "dev-";
                                [|c.SkipVersionCheck = true|];
                            })
                            .Build();
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextConfig_VersionedTypeInAnotherFile_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = """
                    using Amazon.DynamoDBv2.DataModel;

                    namespace MyApp.Data
                    {
                        class Setup
                        {
                            IDynamoDBContext Create() => new DynamoDBContextBuilder().ConfigureContext(c => [|c.SkipVersionCheck = true|]).Build();
                        }
                    }
                    """,
                AdditionalSources =
                {
                    ("Models/Playlist.cs", """
                        using Amazon.DynamoDBv2.DataModel;

                        namespace MyApp.Models
                        {
                            [DynamoDBTable("Playlists")]
                            public class Playlist
                            {
                                [DynamoDBHashKey] public string Id { get; set; } = "";
                                [DynamoDBVersion] public long? Version { get; set; }
                            }
                        }
                        """),
                },
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task ContextConfig_VersionedTypeNestedInAnotherClass_Triggers()
        {
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    DynamoDBContextConfig Create() => new DynamoDBContextConfig { [|SkipVersionCheck = true|] };
                }

                static class Catalog
                {
                    [DynamoDBTable("Albums")]
                    public class Album
                    {
                        [DynamoDBHashKey] public string Id { get; set; } = "";
                        [DynamoDBVersion] public int? Revision { get; set; }
                    }
                }
                """ + UnversionedModels);
        }

        [Fact]
        public async Task ContextConfig_Message_NamesFirstVersionedTypeByFullName()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = """
                    using Amazon.DynamoDBv2.DataModel;

                    class Setup
                    {
                        IDynamoDBContext Create() => new DynamoDBContextBuilder().ConfigureContext(c => {|#0:c.SkipVersionCheck = true|}).Build();
                    }

                    [DynamoDBTable("Albums")]
                    public class Album
                    {
                        [DynamoDBHashKey] public string Id { get; set; } = "";
                        [DynamoDBVersion] public int? Revision { get; set; }
                    }
                    """ + Models,
            };
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(DiagnosticIds.VersionCheckDisabled)
                .WithLocation(0)
                .WithMessage("DynamoDBContext is configured with SkipVersionCheck = true, which turns off the version check of every versioned type (such as 'Album'); concurrent writers can silently overwrite each other")
                .WithSeverity(DiagnosticSeverity.Warning));
            await test.RunAsync();
        }

        // ---------------------------------------------------------------- negatives

        [Fact]
        public async Task SaveAsync_TypeWithoutVersion_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig, DeleteConfig, object-model transactions");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Tag tag)
                    {
                        await context.SaveAsync(tag, new SaveConfig { SkipVersionCheck = true });
                        await context.DeleteAsync(tag, new DeleteConfig { SkipVersionCheck = true });
                        var write = context.CreateTransactWrite<Tag>(new TransactWriteConfig { SkipVersionCheck = true });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_PropertyNamedVersionWithoutAttribute_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                [DynamoDBTable("Documents")]
                public class Document
                {
                    [DynamoDBHashKey] public string Id { get; set; } = "";
                    public long? Version { get; set; }
                }

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Document document)
                    {
                        await context.SaveAsync(document, new SaveConfig { SkipVersionCheck = true });
                    }
                }
                """);
        }

        [Fact]
        public async Task SaveAsync_WithoutConfig_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist);
                        await context.SaveAsync(playlist, new SaveConfig { OverrideTableName = "Playlists-Test" });
                        await context.DeleteAsync(playlist);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_SkipVersionCheckFalse_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig, DeleteConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = false });
                        await context.DeleteAsync(playlist, new DeleteConfig { SkipVersionCheck = null });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_SkipVersionCheckFromNonConstant_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, bool force)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = force });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_SkipVersionCheckSetTrueThenFalse_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new SaveConfig { SkipVersionCheck = true };
                        config.SkipVersionCheck = false;
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigFromParameter_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, SaveConfig config)
                    {
                        config.SkipVersionCheck = true;
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigFromField_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    private readonly SaveConfig _config = new SaveConfig { SkipVersionCheck = true };

                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, _config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigFromMethodCall_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    static SaveConfig Overwrite() => new SaveConfig { SkipVersionCheck = true };

                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, Overwrite());
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_ConfigLocalReassigned_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, SaveConfig? overrides)
                    {
                        var config = new SaveConfig { SkipVersionCheck = true };
                        if (overrides is not null)
                        {
                            config = overrides;
                        }

                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task DeleteAsync_ByHashKeyWithSkipVersionCheck_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            // Delete<T>(hashKey[, rangeKey]) sends no version condition at all: there is nothing to skip.
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Delete(IDynamoDBContext context, string id)
                    {
                        await context.DeleteAsync<Playlist>(id, new DeleteConfig { SkipVersionCheck = true });
                        await context.DeleteAsync<Playlist>(id, "range", new DeleteConfig { SkipVersionCheck = true });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_GenericTypeParameter_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig, DeleteConfig, object-model transactions");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo<T>
                {
                    async Task Save(IDynamoDBContext context, T item)
                    {
                        await context.SaveAsync(item, new SaveConfig { SkipVersionCheck = true });
                        await context.DeleteAsync(item, new DeleteConfig { SkipVersionCheck = true });
                        context.CreateTransactWrite<T>(new TransactWriteConfig { SkipVersionCheck = true });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_TypeOverloadWithNonTypeofArgument_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, object item)
                    {
                        await context.SaveAsync(item.GetType(), item, new SaveConfig { SkipVersionCheck = true });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_WithConditionalExpression_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            // A custom condition together with SkipVersionCheck is DDB105's concern, not DDB102's.
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var condition = new ContextExpression();
                        condition.SetFilter<Playlist>(p => p.Name == "Favourites");
                        await context.SaveAsync(playlist, new SaveConfig
                        {
                            SkipVersionCheck = true,
                            ConditionalExpression = condition,
                        });

                        var config = new SaveConfig { SkipVersionCheck = true };
                        config.ConditionalExpression = condition;
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task CreateBatchWrite_VersionedTypeWithSkipVersionCheck_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "IBatchWrite<T>, BatchWriteConfig");
            // A batch write of a versioned type throws unless SkipVersionCheck is set (batches cannot carry conditions):
            // removing it would not bring the check back, it would break the code.
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    IBatchWrite<Playlist> Begin(IDynamoDBContext context)
                        => context.CreateBatchWrite<Playlist>(new BatchWriteConfig { SkipVersionCheck = true });
                }
                """ + Models);
        }

        [Fact]
        public async Task LoadAsync_ObsoleteOperationConfigWithSkipVersionCheck_DoesNotTrigger()
        {
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                #pragma warning disable CS0618
                class Repo
                {
                    Task<Playlist> Load(IDynamoDBContext context, string id)
                        => context.LoadAsync<Playlist>(id, new DynamoDBOperationConfig { SkipVersionCheck = true, ConsistentRead = true });
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextConfig_NoVersionedTypeInCompilation_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    DynamoDBContextConfig CreateConfig()
                    {
                        var config = new DynamoDBContextConfig { SkipVersionCheck = true };
                        config.SkipVersionCheck = true;
                        return config;
                    }

                    IDynamoDBContext CreateContext()
                        => new DynamoDBContextBuilder()
                            .ConfigureContext(c => c.SkipVersionCheck = true)
                            .ConfigureContext(c => { c.SkipVersionCheck = true; })
                            .Build();
                }
                """ + UnversionedModels);
        }

        [Fact]
        public async Task ContextConfig_SkipVersionCheckFalseOrNonConstant_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.AnalyzerAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext CreateContext(bool skip)
                        => new DynamoDBContextBuilder()
                            .ConfigureContext(c => c.SkipVersionCheck = false)
                            .ConfigureContext(c => c.SkipVersionCheck = skip)
                            .Build();

                    DynamoDBContextConfig CreateConfig() => new DynamoDBContextConfig { SkipVersionCheck = false };
                }
                """ + Models);
        }

        [Fact]
        public async Task NoAwsSdkReferenced_UserTypeWithSkipVersionCheck_DoesNotTrigger()
        {
            await VerifyCS.AnalyzerAsync("""
                using System.Threading.Tasks;

                public class SaveConfig
                {
                    public bool? SkipVersionCheck { get; set; }
                }

                public class DynamoDBContextConfig
                {
                    public bool? SkipVersionCheck { get; set; }
                }

                public class Playlist
                {
                    public long? Version { get; set; }
                }

                public interface IDynamoDBContext
                {
                    Task SaveAsync<T>(T item, SaveConfig config);
                }

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = true });
                        var config = new DynamoDBContextConfig { SkipVersionCheck = true };
                    }
                }
                """, ReferenceSet.RuntimeOnly);
        }

        [Theory]
        [InlineData("await context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = });")]
                [InlineData("await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|] }")]
        [InlineData("await context.SaveAsync(new SaveConfig { SkipVersionCheck = true });")]
        [InlineData("await context.SaveAsync(typeof(), playlist, new SaveConfig { SkipVersionCheck = true });")]
        [InlineData("await context.SaveAsync(typeof(Missing), playlist, new SaveConfig { SkipVersionCheck = true });")]
        [InlineData("await context.SaveAsync(missing, new SaveConfig { SkipVersionCheck = true });")]
        [InlineData("await context.SaveAsync<Missing>(missing, new SaveConfig { SkipVersionCheck = true });")]
        [InlineData("await context.SaveAsync(playlist, new MissingConfig { SkipVersionCheck = true });")]
        [InlineData("await context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = true, Unknown = 1 }, 42);")]
        [InlineData("var config = new SaveConfig { SkipVersionCheck = true }; config = ; await context.SaveAsync(playlist, config);")]
        [InlineData("var config; config.SkipVersionCheck = true; await context.SaveAsync(playlist, config);")]
        [InlineData("await context.SaveAsync(playlist, cfg); var cfg = new SaveConfig { SkipVersionCheck = true };")]
        [InlineData("context.CreateTransactWrite<>(new TransactWriteConfig { SkipVersionCheck = true });")]
        [InlineData("new DynamoDBContextBuilder().ConfigureContext(c => c.SkipVersionCheck = ).Build();")]
        [InlineData("new DynamoDBContextBuilder().ConfigureContext(c => { [|c.SkipVersionCheck = true|] }).Build();")]
        [InlineData("new DynamoDBContextBuilder().ConfigureContext((c, d) => [|c.SkipVersionCheck = true|]).Build();")]
        public async Task BrokenCode_DoesNotCrash(string statementWithMarkup)
        {
            if (statementWithMarkup.Contains("[|", System.StringComparison.Ordinal))
            {
                // The rows that expect a finding bind SaveConfig / DynamoDBContextBuilder; the others run on every SDK.
                TestSdks.Only(AwsSdk.V4, "SaveConfig, DynamoDBContextBuilder");
            }

            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.DynamoDBv2.DataModel;

                    class Repo
                    {
                        async Task Save(IDynamoDBContext context, Playlist playlist)
                        {
                            STATEMENT
                        }
                    }
                    """.Replace("STATEMENT", statementWithMarkup, System.StringComparison.Ordinal) + Models,
                AllowAnyCompilerErrors = true,
            };

            // The verifier fails on an analyzer exception (AD0001). Half-typed code is still reported where the
            // call and the configuration bind (marked), and nowhere else.
            await test.RunAsync();
        }
    }
}
