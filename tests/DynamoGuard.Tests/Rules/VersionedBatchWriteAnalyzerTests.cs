using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using VerifyCS = DynamoGuard.Tests.Verification.Verify<DynamoGuard.Rules.VersionedBatchWriteAnalyzer>;

namespace DynamoGuard.Tests.Rules
{
    public class VersionedBatchWriteAnalyzerTests
    {
        private const string Models = @"
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

[DynamoDBTable(""Playlists"")]
public class Playlist
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """";
#if AWSSDK_V3
    [DynamoDBVersion(AttributeName = ""playlist_version"")] public long? Version { get; set; } // SDK v3 has no constructor that takes the name
#else
    [DynamoDBVersion(""playlist_version"")] public long? Version { get; set; }
#endif
}

[DynamoDBTable(""Tracks"")]
public class Track
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    [DynamoDBProperty(""schema_version"")] public int SchemaVersion { get; set; }
}
";

        private static DiagnosticResult Diagnostic() => Verify<VersionedBatchWriteAnalyzer>.Diagnostic("DDB103");

        [Fact]
        public async Task CreateBatchWrite_VersionedType_TriggersThrowsMessage()
        {
            var test = new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Models + @"
class Repo
{
    async Task SaveAll(IDynamoDBContext context, List<Playlist> playlists)
    {
        var batch = context.{|#0:CreateBatchWrite<Playlist>|}();
        batch.AddPutItems(playlists);
        await batch.ExecuteAsync();
    }
}",
            };
            test.ExpectedDiagnostics.Add(Diagnostic().WithLocation(0).WithMessage(
                "CreateBatchWrite of versioned type 'Playlist' throws at run time: a batch cannot check its [DynamoDBVersion] property 'Version'"));
            await test.RunAsync();
        }

        [Fact]
        public async Task CreateBatchWrite_SkipVersionCheck_TriggersOverwritesMessage()
        {
            TestSdks.Only(AwsSdk.V4, "BatchWriteConfig");
            var test = new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Models + @"
class Repo
{
    async Task SaveAll(IDynamoDBContext context, List<Playlist> playlists)
    {
        var batch = context.{|#0:CreateBatchWrite<Playlist>|}(new BatchWriteConfig { SkipVersionCheck = true });
        batch.AddPutItems(playlists);
        await batch.ExecuteAsync();
    }
}",
            };
            test.ExpectedDiagnostics.Add(Diagnostic().WithLocation(0).WithMessage(
                "CreateBatchWrite of versioned type 'Playlist' skips the version check, so the batch overwrites concurrent changes: a batch cannot check its [DynamoDBVersion] property 'Version'"));
            await test.RunAsync();
        }

        [Fact]
        public async Task CreateBatchWrite_ConfigFromParameter_TriggersBothConsequencesMessage()
        {
            TestSdks.Only(AwsSdk.V4, "BatchWriteConfig, IBatchWrite<T>");
            var test = new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Models + @"
class Repo
{
    IBatchWrite<Playlist> Create(IDynamoDBContext context, BatchWriteConfig config)
        => context.{|#0:CreateBatchWrite<Playlist>|}(config);
}",
            };
            test.ExpectedDiagnostics.Add(Diagnostic().WithLocation(0).WithMessage(
                "CreateBatchWrite of versioned type 'Playlist' either throws at run time or, with SkipVersionCheck, overwrites concurrent changes: a batch cannot check its [DynamoDBVersion] property 'Version'"));
            await test.RunAsync();
        }

        [Fact]
        public async Task CreateBatchWrite_TypeOfVersionedTypeWithSkipFalse_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "IBatchWrite<T>, BatchWriteConfig");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    IBatchWrite<object> Create(IDynamoDBContext context)
        => context.[|CreateBatchWrite|](typeof(Playlist), new BatchWriteConfig { SkipVersionCheck = false });
}");
        }

        [Fact]
        public async Task CreateBatchWrite_Net472_Triggers()
        {
            await new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                References = ReferenceSet.AwsSdkNet472,
                TestCode = Models + @"
class Repo
{
    void SaveAll(IDynamoDBContext context, List<Playlist> playlists)
    {
        var batch = context.[|CreateBatchWrite<Playlist>|]();
        batch.AddPutItems(playlists);
        batch.Execute();
    }
}",
            }.RunAsync();
        }

        [Fact]
        public async Task CreateBatchWrite_UnversionedType_DoesNotTrigger()
        {
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    async Task SaveAll(IDynamoDBContext context, List<Track> tracks)
    {
        var batch = context.CreateBatchWrite<Track>();
        batch.AddPutItems(tracks);
        await batch.ExecuteAsync();
    }
}");
        }

        [Fact]
        public async Task CreateBatchWrite_TypeParameter_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "IBatchWrite<T>");
            await VerifyCS.AnalyzerAsync(Models + @"
class Repo
{
    IBatchWrite<T> Create<T>(IDynamoDBContext context) => context.CreateBatchWrite<T>();
}");
        }

        [Fact]
        public async Task BatchWriteItem_PutOfVersionAttributeOfMappedTable_Triggers()
        {
            var test = new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Models + @"
class Importer
{
    async Task Import(IAmazonDynamoDB client, List<Playlist> playlists)
    {
        var writes = new List<WriteRequest>();
        foreach (var playlist in playlists)
        {
            writes.Add(new WriteRequest
            {
                PutRequest = new PutRequest
                {
                    Item = new Dictionary<string, AttributeValue>
                    {
                        [""Id""] = new AttributeValue { S = playlist.Id },
                        [""playlist_version""] = new AttributeValue { N = ""0"" },
                    },
                },
            });
        }

        await client.{|#0:BatchWriteItemAsync|}(new BatchWriteItemRequest
        {
            RequestItems = new Dictionary<string, List<WriteRequest>> { [""Playlists""] = writes },
        });
    }
}",
            };
            test.ExpectedDiagnostics.Add(Diagnostic().WithLocation(0).WithMessage(
                "BatchWriteItem puts items carrying version attribute 'playlist_version' of table 'Playlists'; a batch cannot carry a condition, so a concurrent writer's change can be lost"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BatchWriteItem_ConvenienceOverloadWithIncrementedVersion_Triggers()
        {
            await VerifyCS.AnalyzerAsync(Models + @"
class Importer
{
    const string Table = ""Orders"";

    async Task Import(IAmazonDynamoDB client, string id, long current)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
        };
        await client.[|BatchWriteItemAsync|](new Dictionary<string, List<WriteRequest>>
        {
            [Table] = new List<WriteRequest> { new WriteRequest(new PutRequest(item)) },
        });
    }
}");
        }

        [Fact]
        public async Task BatchWriteItem_SchemaVersionWithoutLockEvidence_DoesNotTrigger()
        {
            await VerifyCS.AnalyzerAsync(Models + @"
class Importer
{
    async Task Import(IAmazonDynamoDB client, string id)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""schema_version""] = new AttributeValue { N = ""2"" },
            [""version""] = new AttributeValue { N = ""7"" },
        };
        await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>>
        {
            [""Tracks""] = new List<WriteRequest> { new WriteRequest(new PutRequest(item)) },
        });
    }
}");
        }

        [Fact]
        public async Task BatchWriteItem_ItemFromHelper_DoesNotTrigger()
        {
            await VerifyCS.AnalyzerAsync(Models + @"
class Importer
{
    async Task Import(IAmazonDynamoDB client, List<Playlist> playlists)
    {
        var writes = new List<WriteRequest>();
        foreach (var playlist in playlists)
        {
            writes.Add(new WriteRequest { PutRequest = new PutRequest { Item = ToItem(playlist) } });
        }

        await client.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new Dictionary<string, List<WriteRequest>> { [""Playlists""] = writes },
        });
    }

    static Dictionary<string, AttributeValue> ToItem(Playlist playlist) => new Dictionary<string, AttributeValue>();
}");
        }

        [Fact]
        public async Task BatchWriteItem_DeleteRequestsOnly_DoesNotTrigger()
        {
            await VerifyCS.AnalyzerAsync(Models + @"
class Importer
{
    Task Purge(IAmazonDynamoDB client, string id)
        => client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>>
        {
            [""Playlists""] = new List<WriteRequest>
            {
                new WriteRequest { DeleteRequest = new DeleteRequest { Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } } } },
            },
        });
}");
        }

        [Fact]
        public async Task BatchWriteItem_ConfiguredNameInEditorConfig_Triggers()
        {
            var test = new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Models + @"
class Importer
{
    Task Import(IAmazonDynamoDB client, string table, string id)
        => client.{|#0:BatchWriteItemAsync|}(new Dictionary<string, List<WriteRequest>>
        {
            [table] = new List<WriteRequest>
            {
                new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue> { [""rev""] = new AttributeValue { N = ""3"" } })),
            },
        });
}",
            };
            test.AnalyzerConfigFiles.Add((".editorconfig", "root = true\n\n[*.cs]\ndynamoguard.version_attribute_names = rev, etag_version\n"));
            test.ExpectedDiagnostics.Add(Diagnostic().WithLocation(0).WithMessage(
                "BatchWriteItem puts items carrying version attribute 'rev'; a batch cannot carry a condition, so a concurrent writer's change can be lost"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BatchWriteItem_RuleSpecificOptionOverridesSharedOne_DoesNotTrigger()
        {
            var test = new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Models + @"
class Importer
{
    Task Import(IAmazonDynamoDB client, string table)
        => client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>>
        {
            [table] = new List<WriteRequest>
            {
                new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue> { [""rev""] = new AttributeValue { N = ""3"" } })),
            },
        });
}",
            };
            test.AnalyzerConfigFiles.Add((".editorconfig", "root = true\n\n[*.cs]\ndynamoguard.version_attribute_names = rev\ndynamoguard.DDB103.version_attribute_names = etag_version\n"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BatchWriteItem_OptionAppliesPerFolder()
        {
            var test = new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                TestCode = Models,
            };
            const string Import = @"
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

class Importer{0}
{{
    Task Import(IAmazonDynamoDB client, string table)
        => client.{1}(new Dictionary<string, List<WriteRequest>>
        {{
            [table] = new List<WriteRequest> {{ new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue> {{ [""rev""] = new AttributeValue {{ N = ""3"" }} }})) }},
        }});
}}";
            test.AdditionalSources.Add(("Legacy/Importer.cs", string.Format(System.Globalization.CultureInfo.InvariantCulture, Import, "A", "[|BatchWriteItemAsync|]")));
            test.AdditionalSources.Add(("Modern/Importer.cs", string.Format(System.Globalization.CultureInfo.InvariantCulture, Import, "B", "BatchWriteItemAsync")));
            test.AnalyzerConfigFiles.Add(("Legacy/.editorconfig", "[*.cs]\ndynamoguard.version_attribute_names = rev\n"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BatchWriteItem_BrokenCode_DoesNotCrash()
        {
            await new CSharpTest(new VersionedBatchWriteAnalyzer())
            {
                AllowAnyCompilerErrors = true,
                TestCode = Models + @"
class Importer
{
    Task Import(IAmazonDynamoDB client)
        => client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { [] = new List<WriteRequest> { new WriteRequest(new PutRequest(", 
            }.RunAsync();
        }
    }
}
