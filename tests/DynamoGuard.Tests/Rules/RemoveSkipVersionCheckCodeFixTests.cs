using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Tests.Verification;
using VerifyCS = DynamoGuard.Tests.Verification.Verify<DynamoGuard.Rules.SkipVersionCheckAnalyzer, DynamoGuard.CodeFixes.RemoveSkipVersionCheckCodeFixProvider>;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB102's code fix: the exact code it produces. The verifier applies it diagnostic by diagnostic and by Fix All
    /// (document and project scope), and each result must equal the expected code and compile.
    /// </summary>
    public class RemoveSkipVersionCheckCodeFixTests
    {
        private const string Models = SkipVersionCheckAnalyzerTests.Models;

        // ---------------------------------------------------------------- object initializers passed inline

        [Fact]
        public async Task SaveAsync_InlineConfigWithOnlySkipVersionCheck_RemovesArgument()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist);
                    }
                }
                """ + Models, RemoveSkipVersionCheckCodeFixProvider.EquivalenceKey);
        }

        [Fact]
        public async Task SaveAsync_InlineConfigWithTrailingComma_RemovesArgument()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig() { [|SkipVersionCheck = true|], });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_InlineConfigFollowedByCancellationToken_RemovesArgumentKeepsToken()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
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
                """ + Models, """
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                    {
                        await context.SaveAsync(playlist, ct);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_InlineConfigAsNamedArgument_RemovesArgumentKeepsNamedToken()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                    {
                        await context.SaveAsync(playlist, saveConfig: new SaveConfig { [|SkipVersionCheck = true|] }, cancellationToken: ct);
                    }
                }
                """ + Models, """
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                    {
                        await context.SaveAsync(playlist, cancellationToken: ct);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task DeleteAsync_InlineConfigWithOnlySkipVersionCheck_RemovesArgument()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.DeleteAsync(playlist, new DeleteConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.DeleteAsync(playlist);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_TypeOverloadInlineConfig_RemovesArgument()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, object playlist)
                    {
                        await context.SaveAsync(typeof(Playlist), playlist, new SaveConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, object playlist)
                    {
                        await context.SaveAsync(typeof(Playlist), playlist);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task CreateTransactWrite_InlineConfigWithOnlySkipVersionCheck_RemovesArgument()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    ITransactWrite<Playlist> Begin(IDynamoDBContext context)
                        => context.CreateTransactWrite<Playlist>(new TransactWriteConfig { [|SkipVersionCheck = true|] });
                }
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    ITransactWrite<Playlist> Begin(IDynamoDBContext context)
                        => context.CreateTransactWrite<Playlist>();
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAndDelete_SyncMethodsOnNet472_RemoveArguments()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig, SaveConfig");
            var test = VerifyCS.Test("""
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    void Replace(IDynamoDBContext context, Playlist oldPlaylist, Playlist newPlaylist)
                    {
                        context.Delete(oldPlaylist, new DeleteConfig { [|SkipVersionCheck = true|] });
                        context.Save(newPlaylist, new SaveConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    void Replace(IDynamoDBContext context, Playlist oldPlaylist, Playlist newPlaylist)
                    {
                        context.Delete(oldPlaylist);
                        context.Save(newPlaylist);
                    }
                }
                """ + Models);
            test.References = ReferenceSet.AwsSdkNet472;
            await test.RunAsync();
        }

        [Fact]
        public async Task SaveAsync_ObsoleteOperationConfig_RemovesArgument()
        {
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                #pragma warning disable CS0618
                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new DynamoDBOperationConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                #pragma warning disable CS0618
                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_InlineMultiPropertyInitializerOnOneLine_RemovesOnlySkipVersionCheck()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|], OverrideTableName = "Playlists-Test" });
                        await context.SaveAsync(playlist, new SaveConfig { OverrideTableName = "Playlists-Test", [|SkipVersionCheck = true|] });
                        await context.SaveAsync(playlist, new SaveConfig { OverrideTableName = "Playlists-Test", [|SkipVersionCheck = true|], IgnoreNullValues = true });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { OverrideTableName = "Playlists-Test" });
                        await context.SaveAsync(playlist, new SaveConfig { OverrideTableName = "Playlists-Test" });
                        await context.SaveAsync(playlist, new SaveConfig { OverrideTableName = "Playlists-Test", IgnoreNullValues = true });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_InlineMultiPropertyInitializerOnSeveralLines_RemovesOnlySkipVersionCheckLine()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig
                        {
                            [|SkipVersionCheck = true|],
                            OverrideTableName = "Playlists-Test",
                        });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig
                        {
                            OverrideTableName = "Playlists-Test",
                        });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_MultiLineInitializerWithSkipVersionCheckLastWithoutComma_RemovesLineAndSeparator()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new SaveConfig
                        {
                            OverrideTableName = "Playlists-Test",
                            IgnoreNullValues = true,
                            [|SkipVersionCheck = true|]
                        };
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new SaveConfig
                        {
                            OverrideTableName = "Playlists-Test",
                            IgnoreNullValues = true
                        };
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_MultiLineInitializerWithSkipVersionCheckInTheMiddle_RemovesOnlyThatLine()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new SaveConfig
                        {
                            OverrideTableName = "Playlists-Test",
                            [|SkipVersionCheck = true|],
                            IgnoreNullValues = true,
                        };
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new SaveConfig
                        {
                            OverrideTableName = "Playlists-Test",
                            IgnoreNullValues = true,
                        };
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_InlineConfigOnItsOwnLineInMultiLineCall_RemovesLineAndComma()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig, DeleteConfig");
            await VerifyCS.FixAsync("""
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                    {
                        await context.SaveAsync(
                            playlist,
                            new SaveConfig { [|SkipVersionCheck = true|] },
                            ct);
                        await context.DeleteAsync(
                            playlist, // the item just saved
                            new DeleteConfig { [|SkipVersionCheck = true|] }
                        );
                        await context.SaveAsync(
                            playlist,
                            new SaveConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models, """
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                    {
                        await context.SaveAsync(
                            playlist,
                            ct);
                        await context.DeleteAsync(
                            playlist // the item just saved
                        );
                        await context.SaveAsync(
                            playlist);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_LastMemberAfterCommentedLine_KeepsTheComment()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig
                        {
                            OverrideTableName = "Playlists-Test", // per-tenant table
                            [|SkipVersionCheck = true|] // imports overwrite
                        });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig
                        {
                            OverrideTableName = "Playlists-Test" // per-tenant table
                        });
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_MembersSharingALine_RemovesOnlySkipVersionCheck()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig
                        {
                            OverrideTableName = "Playlists-Test", [|SkipVersionCheck = true|],
                            IgnoreNullValues = true,
                        });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig
                        {
                            OverrideTableName = "Playlists-Test",
                            IgnoreNullValues = true,
                        });
                    }
                }
                """ + Models);
        }

        // ---------------------------------------------------------------- configurations held in locals

        [Fact]
        public async Task SaveAsync_LocalConfigWithOnlySkipVersionCheck_LeavesEmptyConstruction()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig { [|SkipVersionCheck = true|] };
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig();
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_LocalConfigWithOnlySkipVersionCheckOnSeveralLines_LeavesEmptyConstruction()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig
                        {
                            [|SkipVersionCheck = true|],
                        };
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig();
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_LocalConfigWithTargetTypedNew_LeavesEmptyConstruction()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        SaveConfig cfg = new() { [|SkipVersionCheck = true|] };
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        SaveConfig cfg = new();
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_LocalConfigUsedByTwoCalls_FixesTheSingleAssignment()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task SaveBoth(IDynamoDBContext context, Playlist first, Playlist second)
                    {
                        var cfg = new SaveConfig { OverrideTableName = "Playlists-Test", [|SkipVersionCheck = true|] };
                        await context.SaveAsync(first, cfg);
                        await context.SaveAsync(second, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task SaveBoth(IDynamoDBContext context, Playlist first, Playlist second)
                    {
                        var cfg = new SaveConfig { OverrideTableName = "Playlists-Test" };
                        await context.SaveAsync(first, cfg);
                        await context.SaveAsync(second, cfg);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_LocalConfigWithEmptyArgumentListAndInitializer_KeepsArgumentList()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig() { [|SkipVersionCheck = true|] };
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig();
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_SkipVersionCheckAssignmentStatement_RemovesStatement()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig();
                        cfg.OverrideTableName = "Playlists-Test";
                        [|cfg.SkipVersionCheck = true|];
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig();
                        cfg.OverrideTableName = "Playlists-Test";
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task DeleteAsync_SkipVersionCheckAssignmentStatementFollowedByBlankLine_RemovesOnlyTheStatementLine()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new DeleteConfig();
                        [|cfg.SkipVersionCheck = true|];

                        await context.DeleteAsync(playlist, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new DeleteConfig();

                        await context.DeleteAsync(playlist, cfg);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_StatementWithCommentOnItsLine_RemovesTheWholeLine()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig();
                        [|cfg.SkipVersionCheck = true|]; // imports overwrite whatever is there
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig();
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_StatementGovernedByIf_IsReportedButNotFixed()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            // Deleting the statement would leave the if governing the next statement; the user decides.
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, bool force)
                    {
                        var cfg = new SaveConfig();
                        if (force)
                            [|cfg.SkipVersionCheck = true|];
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist, bool force)
                    {
                        var cfg = new SaveConfig();
                        if (force)
                            [|cfg.SkipVersionCheck = true|];
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models);
        }

        // ---------------------------------------------------------------- context-wide configuration

        [Fact]
        public async Task ContextBuilder_ConfigureContextStepInMultiLineChain_RemovesStep()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create(IAmazonDynamoDB client)
                    {
                        var context = new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client)
                            .ConfigureContext(c => [|c.SkipVersionCheck = true|])
                            .Build();
                        return context;
                    }
                }
                """ + Models, """
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create(IAmazonDynamoDB client)
                    {
                        var context = new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client)
                            .Build();
                        return context;
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextBuilder_ConfigureContextStepOnOneLine_RemovesStep()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create() => new DynamoDBContextBuilder().ConfigureContext(c => [|c.SkipVersionCheck = true|]).Build();
                }
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create() => new DynamoDBContextBuilder().Build();
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextBuilder_ConfigureContextStepAsStatement_RemovesStatement()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create()
                    {
                        var builder = new DynamoDBContextBuilder();
                        builder.ConfigureContext(c => [|c.SkipVersionCheck = true|]);
                        return builder.Build();
                    }
                }
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create()
                    {
                        var builder = new DynamoDBContextBuilder();
                        return builder.Build();
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextBuilder_BlockLambdaWithOtherSettings_RemovesOnlySkipVersionCheckStatement()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create()
                        => new DynamoDBContextBuilder()
                            .ConfigureContext(c =>
                            {
                                c.TableNamePrefix = "dev-";
                                [|c.SkipVersionCheck = true|];
                                c.ConsistentRead = true;
                            })
                            .Build();
                }
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create()
                        => new DynamoDBContextBuilder()
                            .ConfigureContext(c =>
                            {
                                c.TableNamePrefix = "dev-";
                                c.ConsistentRead = true;
                            })
                            .Build();
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextBuilder_BlockLambdaWithOnlySkipVersionCheck_RemovesStep()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create()
                        => new DynamoDBContextBuilder()
                            .ConfigureContext(c =>
                            {
                                [|c.SkipVersionCheck = true|];
                            })
                            .Build();
                }
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create()
                        => new DynamoDBContextBuilder()
                            .Build();
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextBuilder_ConfigureContextStepFollowedByBuildOnSameLine_RemovesStep()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create(IAmazonDynamoDB client)
                        => new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client)
                            .ConfigureContext(c => [|c.SkipVersionCheck = true|]).Build();

                    IDynamoDBContext CreateOther(IAmazonDynamoDB client)
                        => new DynamoDBContextBuilder().ConfigureContext(c => [|c.SkipVersionCheck = true|])
                            .WithDynamoDBClient(() => client)
                            .Build();
                }
                """ + Models, """
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create(IAmazonDynamoDB client)
                        => new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client)
                            .Build();

                    IDynamoDBContext CreateOther(IAmazonDynamoDB client)
                        => new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client)
                            .Build();
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextBuilder_SingleLineBlockLambdaWithOnlySkipVersionCheck_RemovesStep()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create() => new DynamoDBContextBuilder().ConfigureContext(c => { [|c.SkipVersionCheck = true|]; }).Build();
                }
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create() => new DynamoDBContextBuilder().Build();
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextConfig_LambdaOutsideConfigureContext_GetsEmptyBody()
        {
            await VerifyCS.FixAsync("""
                using System;
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    static readonly Action<DynamoDBContextConfig> Configure = c => [|c.SkipVersionCheck = true|];
                }
                """ + Models, """
                using System;
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    static readonly Action<DynamoDBContextConfig> Configure = c => { };
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextConfig_InlineArgumentWithOnlySkipVersionCheck_RemovedFromSdkCallKeptForOwnCall()
        {
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                #pragma warning disable CS0618 // DynamoDBContext constructors are obsolete
                class Setup
                {
                    IDynamoDBContext CreateWithSdk(IAmazonDynamoDB client)
                        => new DynamoDBContext(client, new DynamoDBContextConfig { [|SkipVersionCheck = true|] });

                    IDynamoDBContext CreateWithFactory(IAmazonDynamoDB client)
                        => Factory(client, new DynamoDBContextConfig { [|SkipVersionCheck = true|] });

                    static IDynamoDBContext Factory(IAmazonDynamoDB client, DynamoDBContextConfig config) => new DynamoDBContext(client, config);
                }
                """ + Models, """
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                #pragma warning disable CS0618 // DynamoDBContext constructors are obsolete
                class Setup
                {
                    IDynamoDBContext CreateWithSdk(IAmazonDynamoDB client)
                        => new DynamoDBContext(client);

                    IDynamoDBContext CreateWithFactory(IAmazonDynamoDB client)
                        => Factory(client, new DynamoDBContextConfig());

                    static IDynamoDBContext Factory(IAmazonDynamoDB client, DynamoDBContextConfig config) => new DynamoDBContext(client, config);
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextConfig_InitializerWithOtherSettings_RemovesOnlySkipVersionCheck()
        {
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    DynamoDBContextConfig Create() => new DynamoDBContextConfig { TableNamePrefix = "dev-", [|SkipVersionCheck = true|] };
                }
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    DynamoDBContextConfig Create() => new DynamoDBContextConfig { TableNamePrefix = "dev-" };
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextConfig_AssignmentStatement_RemovesStatement()
        {
            await VerifyCS.FixAsync("""
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
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    DynamoDBContextConfig Create()
                    {
                        var config = new DynamoDBContextConfig();
                        return config;
                    }
                }
                """ + Models);
        }

        // ---------------------------------------------------------------- comments

        [Fact]
        public async Task SaveAsync_CommentsAroundInlineConfig_ArePreserved()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        // Persist the playlist.
                        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|] }); // see ADR-12
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        // Persist the playlist.
                        await context.SaveAsync(playlist); // see ADR-12
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_CommentsOnOtherInitializerLines_ArePreserved()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new SaveConfig // per-tenant table
                        {
                            // Tests write to their own table.
                            OverrideTableName = "Playlists-Test", // not the production one
                            [|SkipVersionCheck = true|],
                            IgnoreNullValues = true, // keep absent attributes absent
                        };
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var config = new SaveConfig // per-tenant table
                        {
                            // Tests write to their own table.
                            OverrideTableName = "Playlists-Test", // not the production one
                            IgnoreNullValues = true, // keep absent attributes absent
                        };
                        await context.SaveAsync(playlist, config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_CommentsAroundRemovedStatement_ArePreserved()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig(); // built here
                        // TODO: revisit once imports are idempotent
                        [|cfg.SkipVersionCheck = true|];
                        await context.SaveAsync(playlist, cfg); // write
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig(); // built here
                        // TODO: revisit once imports are idempotent
                        await context.SaveAsync(playlist, cfg); // write
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task SaveAsync_CommentAfterLocalInitializer_IsPreserved()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig { [|SkipVersionCheck = true|] }; // shared by both writes
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new SaveConfig(); // shared by both writes
                        await context.SaveAsync(playlist, cfg);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task ContextBuilder_CommentsInChain_ArePreserved()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create(IAmazonDynamoDB client)
                    {
                        // One context per application.
                        var context = new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client) // shared client
                            .ConfigureContext(c => [|c.SkipVersionCheck = true|])
                            .Build(); // done
                        return context;
                    }
                }
                """ + Models, """
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create(IAmazonDynamoDB client)
                    {
                        // One context per application.
                        var context = new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client) // shared client
                            .Build(); // done
                        return context;
                    }
                }
                """ + Models);
        }

        // ---------------------------------------------------------------- Fix All

        [Fact]
        public async Task FixAll_SeveralDiagnosticsInOneDocument_FixesEach()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions, DynamoDBContextBuilder, SaveConfig");
            await VerifyCS.FixAsync("""
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    IDynamoDBContext Create(IAmazonDynamoDB client)
                        => new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client)
                            .ConfigureContext(c => [|c.SkipVersionCheck = true|])
                            .Build();

                    async Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|] }, ct);
                        await context.SaveAsync(playlist, new SaveConfig { OverrideTableName = "Playlists-Test", [|SkipVersionCheck = true|] }, ct);
                    }

                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new DeleteConfig();
                        [|cfg.SkipVersionCheck = true|];
                        await context.DeleteAsync(playlist, cfg);
                        await context.DeleteAsync(playlist, new DeleteConfig { [|SkipVersionCheck = true|] });
                    }

                    ITransactWrite<Playlist> Begin(IDynamoDBContext context)
                    {
                        var config = new TransactWriteConfig { [|SkipVersionCheck = true|] };
                        return context.CreateTransactWrite<Playlist>(config);
                    }
                }
                """ + Models, """
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    IDynamoDBContext Create(IAmazonDynamoDB client)
                        => new DynamoDBContextBuilder()
                            .WithDynamoDBClient(() => client)
                            .Build();

                    async Task Save(IDynamoDBContext context, Playlist playlist, CancellationToken ct)
                    {
                        await context.SaveAsync(playlist, ct);
                        await context.SaveAsync(playlist, new SaveConfig { OverrideTableName = "Playlists-Test" }, ct);
                    }

                    async Task Delete(IDynamoDBContext context, Playlist playlist)
                    {
                        var cfg = new DeleteConfig();
                        await context.DeleteAsync(playlist, cfg);
                        await context.DeleteAsync(playlist);
                    }

                    ITransactWrite<Playlist> Begin(IDynamoDBContext context)
                    {
                        var config = new TransactWriteConfig();
                        return context.CreateTransactWrite<Playlist>(config);
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task FixAll_DiagnosticsOnAdjacentLines_RemovesEachLine()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            await VerifyCS.FixAsync("""
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create()
                    {
                        var first = new DynamoDBContextConfig();
                        var second = new DynamoDBContextConfig();
                        [|first.SkipVersionCheck = true|];
                        [|second.SkipVersionCheck = true|];
                        return new DynamoDBContextBuilder()
                            .ConfigureContext(c => [|c.SkipVersionCheck = true|])
                            .ConfigureContext(c => { [|c.SkipVersionCheck = true|]; })
                            .Build();
                    }
                }
                """ + Models, """
                using Amazon.DynamoDBv2.DataModel;

                class Setup
                {
                    IDynamoDBContext Create()
                    {
                        var first = new DynamoDBContextConfig();
                        var second = new DynamoDBContextConfig();
                        return new DynamoDBContextBuilder()
                            .Build();
                    }
                }
                """ + Models);
        }

        [Fact]
        public async Task FixAll_DiagnosticsInTwoDocuments_FixesBoth()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder, SaveConfig");
            var test = VerifyCS.Test("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist, new SaveConfig { [|SkipVersionCheck = true|] });
                    }
                }
                """ + Models, """
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2.DataModel;

                class Repo
                {
                    async Task Save(IDynamoDBContext context, Playlist playlist)
                    {
                        await context.SaveAsync(playlist);
                    }
                }
                """ + Models);
            test.AdditionalSources.Add(("Setup/ContextFactory.cs", """
                using Amazon.DynamoDBv2.DataModel;

                class ContextFactory
                {
                    IDynamoDBContext Create() => new DynamoDBContextBuilder().ConfigureContext(c => [|c.SkipVersionCheck = true|]).Build();
                }
                """));
            test.FixedAdditionalSources.Add(("Setup/ContextFactory.cs", """
                using Amazon.DynamoDBv2.DataModel;

                class ContextFactory
                {
                    IDynamoDBContext Create() => new DynamoDBContextBuilder().Build();
                }
                """));
            await test.RunAsync();
        }
    }
}
