using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using VerifyCS = DynamoGuard.Tests.Verification.Verify<DynamoGuard.Rules.OptimisticLockingAnalyzer>;

namespace DynamoGuard.Tests.Rules
{
    public class OptimisticLockingAnalyzerTests
    {
        internal const string Models = @"
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
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

        private static DiagnosticResult Ddb101() => Verify<OptimisticLockingAnalyzer>.Diagnostic("DDB101");

        private static DiagnosticResult Ddb104() => Verify<OptimisticLockingAnalyzer>.Diagnostic("DDB104");

        private static Task Analyze(string source, params DiagnosticResult[] expected)
            => Analyze(source, ReferenceSet.AwsSdk, null, expected);

        private static Task Analyze(string source, ReferenceSet references, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new CSharpTest(new OptimisticLockingAnalyzer()) { TestCode = Models + source, References = references, DiagnosticId = "DDB101" };
            test.ExpectedDiagnostics.AddRange(expected);
            if (editorConfig is not null)
            {
                test.AnalyzerConfigFiles.Add((".editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
            }

            return test.RunAsync();
        }

        // ---- PutItem, low-level client ----

        [Fact]
        public async Task PutItem_RenamedVersionOfMappedTableWithoutCondition_Triggers()
        {
            await Analyze(@"
class Importer
{
    async Task Import(IAmazonDynamoDB client, string id)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""playlist_version""] = new AttributeValue { N = ""0"" },
        };
        await client.{|#0:PutItemAsync|}(new PutItemRequest { TableName = ""Playlists"", Item = item });
    }
}", Ddb101().WithLocation(0).WithMessage("PutItem writes 'playlist_version' of table 'Playlists' without a condition on it; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task PutItem_ConvenienceOverloadOnMappedTable_Triggers()
        {
            await Analyze(@"
class Importer
{
    const string Table = ""Playlists"";

    Task Import(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item)
        => client.{|#0:PutItemAsync|}(Table, item);
}", Ddb101().WithLocation(0).WithMessage("PutItem on table 'Playlists' has no condition on its version attribute 'playlist_version'; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task PutItem_SyncRequestWithPropertyAssignments_Triggers()
        {
            await Analyze(@"
class Importer
{
    void Import(AmazonDynamoDBClient client, string id, long current)
    {
        var request = new PutItemRequest();
        request.TableName = ""Orders"";
        request.Item = new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
        };
        client.[|PutItem|](request);
    }
}", ReferenceSet.AwsSdkNet472, null);
        }

        [Fact]
        public async Task PutItem_IncrementedVersionThroughLocal_TriggersWithTableName()
        {
            await Analyze(@"
class Orders
{
    async Task Save(IAmazonDynamoDB client, string id, long current)
    {
        var next = current + 1;
        await client.{|#0:PutItemAsync|}(new PutItemRequest(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""rowVersion""] = new AttributeValue { N = next.ToString(CultureInfo.InvariantCulture) },
        }));
    }
}", Ddb101().WithLocation(0).WithMessage("PutItem writes 'rowVersion' of table 'Orders' without a condition on it; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task PutItem_SchemaVersionWithoutLockEvidence_DoesNotTrigger()
        {
            await Analyze(@"
class Importer
{
    Task Import(IAmazonDynamoDB client, Track track)
        => client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Tracks"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = track.Id },
                [""schema_version""] = new AttributeValue { N = track.SchemaVersion.ToString(CultureInfo.InvariantCulture) },
                [""version""] = new AttributeValue { N = ""3"" },
            },
        });
}");
        }

        [Fact]
        public async Task PutItem_DefaultNameComparedInAnotherMethod_TriggersAtCompilationEnd()
        {
            await Analyze(@"
class Orders
{
    Task Import(IAmazonDynamoDB client, string id, string version)
        => client.{|#0:PutItemAsync|}(new PutItemRequest
        {
            TableName = ""Orders"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = id },
                [""version""] = new AttributeValue { N = version },
            },
        });

    Task Cancel(IAmazonDynamoDB client, string id, string expected)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #s = :cancelled, version = version + :one"",
            ConditionExpression = ""version = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":cancelled""] = new AttributeValue { S = ""cancelled"" },
                ["":one""] = new AttributeValue { N = ""1"" },
                ["":expected""] = new AttributeValue { N = expected },
            },
        });
}", Ddb101().WithLocation(0).WithMessage("PutItem writes 'version' of table 'Orders' without a condition on it; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task PutItem_DefaultNameComparedOnlyOnAnotherTable_DoesNotTrigger()
        {
            await Analyze(@"
class Orders
{
    Task Import(IAmazonDynamoDB client, string id, string version)
        => client.PutItemAsync(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""version""] = new AttributeValue { N = version },
        });

    Task Migrate(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Customers"",
            Key = key,
            UpdateExpression = ""SET version = :two"",
            ConditionExpression = ""version = :one"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":one""] = new AttributeValue { N = ""1"" },
                ["":two""] = new AttributeValue { N = ""2"" },
            },
        });
}");
        }

        [Fact]
        public async Task PutItem_GuardedByConditionOnVersion_DoesNotTrigger()
        {
            await Analyze(@"
class Importer
{
    Task Save(IAmazonDynamoDB client, string id, long current)
        => client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = id },
                [""playlist_version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
            },
            ConditionExpression = ""playlist_version = :expected"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":expected""] = new AttributeValue { N = current.ToString(CultureInfo.InvariantCulture) },
            },
        });
}");
        }

        [Fact]
        public async Task PutItem_GuardedThroughAlias_DoesNotTrigger()
        {
            await Analyze(@"
class Importer
{
    Task Save(IAmazonDynamoDB client, string id, long current)
    {
        var names = new Dictionary<string, string>();
        names.Add(""#v"", ""version"");
        return client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Orders"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = id },
                [""version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
            },
            ConditionExpression = ""attribute_not_exists(#v) OR #v = :expected"",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":expected""] = new AttributeValue { N = current.ToString(CultureInfo.InvariantCulture) },
            },
        });
    }
}");
        }

        [Fact]
        public async Task PutItem_CreateOnlyOnHashKey_DoesNotTrigger()
        {
            await Analyze(@"
class Importer
{
    Task Create(IAmazonDynamoDB client, string id)
        => client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = id },
                [""playlist_version""] = new AttributeValue { N = ""0"" },
            },
            ConditionExpression = ""attribute_not_exists(Id)"",
        });
}");
        }

        [Fact]
        public async Task PutItem_ConditionOnAnotherAttribute_Triggers()
        {
            await Analyze(@"
class Importer
{
    Task Create(IAmazonDynamoDB client, string id)
        => client.[|PutItemAsync|](new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = new AttributeValue { S = id },
                [""playlist_version""] = new AttributeValue { N = ""0"" },
            },
            ConditionExpression = ""attribute_not_exists(#n)"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"" },
        });
}");
        }

        [Fact]
        public async Task PutItem_LegacyExpectedOnVersion_DoesNotTrigger()
        {
            await Analyze(@"
class Importer
{
    Task Save(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item, string expected)
        => client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = item,
            Expected = new Dictionary<string, ExpectedAttributeValue>
            {
                [""playlist_version""] = new ExpectedAttributeValue { Value = new AttributeValue { N = expected } },
            },
        });
}");
        }

        [Fact]
        public async Task PutItem_RequestFromParameterOrHelper_DoesNotTrigger()
        {
            await Analyze(@"
class Importer
{
    Task FromParameter(IAmazonDynamoDB client, PutItemRequest request) => client.PutItemAsync(request);

    Task FromHelper(IAmazonDynamoDB client) => client.PutItemAsync(Build());

    Task HandedToHelper(IAmazonDynamoDB client, string id)
    {
        var request = new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = new Dictionary<string, AttributeValue> { [""playlist_version""] = new AttributeValue { N = ""1"" } },
        };
        AddCondition(request);
        return client.PutItemAsync(request);
    }

    static PutItemRequest Build() => new PutItemRequest { TableName = ""Playlists"" };

    static void AddCondition(PutItemRequest request) => request.ConditionExpression = ""attribute_not_exists(Id)"";
}");
        }

        [Fact]
        public async Task PutItem_ConditionBuiltAtRunTime_DoesNotTrigger()
        {
            await Analyze(@"
class Importer
{
    Task Save(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item, string condition)
        => client.PutItemAsync(new PutItemRequest { TableName = ""Playlists"", Item = item, ConditionExpression = condition });
}");
        }

        [Fact]
        public async Task PutItem_ConfiguredNameIsTrustedWithoutEvidence_Triggers()
        {
            await Analyze(@"
class Importer
{
    Task Save(IAmazonDynamoDB client, string table, string rev)
        => client.{|#0:PutItemAsync|}(table, new Dictionary<string, AttributeValue> { [""rev""] = new AttributeValue { N = rev } });
}", ReferenceSet.AwsSdk, "dynamoguard.version_attribute_names = rev, etag_version\n",
                Ddb101().WithLocation(0).WithMessage("PutItem writes version attribute 'rev' without a condition on it; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task PutItem_ConfiguredNamesReplaceTheDefaults_DoesNotTrigger()
        {
            await Analyze(@"
class Importer
{
    Task Save(IAmazonDynamoDB client, string id, long current)
        => client.PutItemAsync(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
        });
}", ReferenceSet.AwsSdk, "dynamoguard.DDB101.version_attribute_names = rev\n");
        }

        [Fact]
        public async Task PutItem_EmptyOptionTurnsNameMatchingOff_DoesNotTrigger()
        {
            await Analyze(@"
class Importer
{
    Task Save(IAmazonDynamoDB client, string id, long current)
        => client.PutItemAsync(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""version""] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
        });

    Task SavePlaylist(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item)
        => client.{|#0:PutItemAsync|}(""Playlists"", item);
}", ReferenceSet.AwsSdk, "dynamoguard.version_attribute_names =\n",
                Ddb101().WithLocation(0).WithMessage("PutItem on table 'Playlists' has no condition on its version attribute 'playlist_version'; a concurrent writer's change can be lost"));
        }

        // ---- UpdateItem ----

        [Fact]
        public async Task UpdateItem_MappedTableWithoutVersion_Triggers()
        {
            await Analyze(@"
class Playlists
{
    Task Rename(IAmazonDynamoDB client, string id, string name)
        => client.{|#0:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #n = :n"",
            ConditionExpression = ""attribute_exists(Id)"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { S = name } },
        });
}", Ddb101().WithLocation(0).WithMessage("UpdateItem on table 'Playlists' has no condition on its version attribute 'playlist_version'; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task UpdateItem_IncrementsDefaultNamedVersionWithoutCondition_Triggers()
        {
            await Analyze(@"
class Orders
{
    Task Touch(IAmazonDynamoDB client, string id, string now)
        => client.[|UpdateItemAsync|](new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #t = :now, #v = #v + :one"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#t""] = ""touched_at"", [""#v""] = ""version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":now""] = new AttributeValue { S = now }, ["":one""] = new AttributeValue { N = ""1"" } },
        });
}");
        }

        [Fact]
        public async Task UpdateItem_ConvenienceOverloadWithAttributeUpdatesOnMappedTable_Triggers()
        {
            await Analyze(@"
class Playlists
{
    Task Rename(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string name)
        => client.[|UpdateItemAsync|](""Playlists"", key, new Dictionary<string, AttributeValueUpdate>
        {
            [""Name""] = new AttributeValueUpdate { Action = AttributeAction.PUT, Value = new AttributeValue { S = name } },
        });
}");
        }

        [Fact]
        public async Task UpdateItem_GuardedAndAdvancing_DoesNotTrigger()
        {
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class Playlists
{
    Task Rename(IAmazonDynamoDB client, string id, string name, long expected)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #n = :n ADD #v :one"",
            ConditionExpression = ""#v = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"", [""#v""] = ""playlist_version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":n""] = new AttributeValue { S = name },
                ["":one""] = new AttributeValue { N = ""1"" },
                ["":expected""] = new AttributeValue { N = expected.ToString(CultureInfo.InvariantCulture) },
            },
        });
}",
            }.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_GuardedButNotAdvancing_TriggersDdb104()
        {
            var test = new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class Orders
{
    Task Rename(IAmazonDynamoDB client, string id, string name, string expected)
        => client.{|#0:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #n = :n"",
            ConditionExpression = ""#v = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""name"", [""#v""] = ""version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":n""] = new AttributeValue { S = name },
                ["":expected""] = new AttributeValue { N = expected },
            },
        });
}",
            };
            test.ExpectedDiagnostics.Add(Ddb104().WithLocation(0).WithMessage(
                "UpdateItem checks version attribute 'version' but does not advance it; writers that read the same version can still overwrite this change"));
            await test.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_SetsVersionToTheExpectedValue_TriggersDdb104()
        {
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class Orders
{
    Task Rename(IAmazonDynamoDB client, string id, string name, string expected)
        => client.{|DDB104:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #n = :n, playlist_version = :expected"",
            ConditionExpression = ""playlist_version = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":n""] = new AttributeValue { S = name },
                ["":expected""] = new AttributeValue { N = expected },
            },
        });
}",
            }.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_OnlyBumpsTheVersion_DoesNotTrigger()
        {
            // A deliberate bump (SET v = v + 1, or ADD v 1, and nothing else) changes no other attribute: there is no
            // change to lose, and it makes every writer holding the old version fail its check. The same bump next to
            // another change is still an unguarded write.
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class PlaylistInvalidation
{
    static Dictionary<string, AttributeValue> Key(string id) => new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } };

    Task Invalidate(IAmazonDynamoDB client, string id)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = Key(id),
            UpdateExpression = ""SET playlist_version = playlist_version + :one"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
        });

    Task InvalidateWithAdd(IAmazonDynamoDB client, string id)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = Key(id),
            UpdateExpression = ""ADD #v :one"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#v""] = ""playlist_version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
        });

    Task InvalidateOrder(IAmazonDynamoDB client, string id)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = Key(id),
            UpdateExpression = ""SET #v = #v + :one"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#v""] = ""version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
        });

    Task RenameAndBump(IAmazonDynamoDB client, string id, string name)
        => client.{|DDB101:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = Key(id),
            UpdateExpression = ""SET #n = :n, playlist_version = playlist_version + :one"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":n""] = new AttributeValue { S = name },
                ["":one""] = new AttributeValue { N = ""1"" },
            },
        });

    Task RenameOrderAndBump(IAmazonDynamoDB client, string id, string name)
        => client.{|DDB101:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = Key(id),
            UpdateExpression = ""SET #n = :n, #v = #v + :one"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""name"", [""#v""] = ""version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":n""] = new AttributeValue { S = name },
                ["":one""] = new AttributeValue { N = ""1"" },
            },
        });

    Task ResetVersion(IAmazonDynamoDB client, string id)
        => client.{|DDB101:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = Key(id),
            UpdateExpression = ""SET playlist_version = :zero"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":zero""] = new AttributeValue { N = ""0"" } },
        });
}",
            }.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_WritesOnlyValuesTheConditionRequires_DoesNotTriggerDdb104()
        {
            // A check written as an update (the shape found in a public code base): the condition requires the version
            // and the name to be unchanged, and the update writes the name the condition just required. Nothing changes.
            // An update whose SET writes a value the condition does not require, or a condition with OR, is a change.
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class UserChecks
{
    static Dictionary<string, AttributeValue> Key(string id) => new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } };

    Task CheckUnchanged(IAmazonDynamoDB client, string id, string name, string version)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = Key(id),
            ConditionExpression = ""attribute_exists(Id) AND playlist_version = :current AND #n = :name"",
            UpdateExpression = ""SET #n = :name"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":current""] = new AttributeValue { N = version },
                ["":name""] = new AttributeValue { S = name },
            },
        });

    Task Rename(IAmazonDynamoDB client, string id, string oldName, string newName, string version)
        => client.{|DDB104:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = Key(id),
            ConditionExpression = ""playlist_version = :current AND #n = :old"",
            UpdateExpression = ""SET #n = :new"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":current""] = new AttributeValue { N = version },
                ["":old""] = new AttributeValue { S = oldName },
                ["":new""] = new AttributeValue { S = newName },
            },
        });

    Task EitherMatches(IAmazonDynamoDB client, string id, string name, string version)
        => client.{|DDB104:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = Key(id),
            ConditionExpression = ""playlist_version = :current AND (#n = :name OR attribute_not_exists(#n))"",
            UpdateExpression = ""SET #n = :name"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":current""] = new AttributeValue { N = version },
                ["":name""] = new AttributeValue { S = name },
            },
        });
}",
            }.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_VersionCheckWrittenAsAnUpdate_DoesNotTriggerDdb104()
        {
            // Storing the expected version and nothing else changes nothing: a check (often inside a transaction, where
            // ConditionCheck would say the same). The same update that also changes the name loses the version step.
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class PlaylistChecks
{
    static Dictionary<string, AttributeValue> Key(string id) => new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } };

    Task Check(IAmazonDynamoDB client, string id, string expected)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = Key(id),
            UpdateExpression = ""SET playlist_version = :expected"",
            ConditionExpression = ""playlist_version = :expected"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expected""] = new AttributeValue { N = expected } },
        });

    Task MoveTrack(IAmazonDynamoDB client, string playlistId, string expected, Dictionary<string, AttributeValue> track)
        => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = ""Playlists"",
                        Key = Key(playlistId),
                        UpdateExpression = ""SET #v = :expected"",
                        ConditionExpression = ""#v = :expected"",
                        ExpressionAttributeNames = new Dictionary<string, string> { [""#v""] = ""playlist_version"" },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expected""] = new AttributeValue { N = expected } },
                    },
                },
                new TransactWriteItem { Put = new Put { TableName = ""Tracks"", Item = track } },
            },
        });

    Task Rename(IAmazonDynamoDB client, string id, string name, string expected)
        => client.{|DDB104:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = Key(id),
            UpdateExpression = ""SET #n = :n, playlist_version = :expected"",
            ConditionExpression = ""playlist_version = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":n""] = new AttributeValue { S = name },
                ["":expected""] = new AttributeValue { N = expected },
            },
        });
}",
            }.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_ComparedSchemaVersionWithLessThan_DoesNotTrigger()
        {
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class Tracks
{
    Task Migrate(IAmazonDynamoDB client, string id)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Tracks"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET schema_version = :current"",
            ConditionExpression = ""schema_version < :current"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":current""] = new AttributeValue { N = ""2"" } },
        });

    Task Import(IAmazonDynamoDB client, string id)
        => client.PutItemAsync(""Tracks"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""schema_version""] = new AttributeValue { N = ""2"" },
        });
}",
            }.RunAsync();
        }

        // ---- DeleteItem ----

        [Fact]
        public async Task DeleteItem_MappedTable_Triggers()
        {
            await Analyze(@"
class Playlists
{
    Task Delete(IAmazonDynamoDB client, string id)
        => client.{|#0:DeleteItemAsync|}(""Playlists"", new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } });
}", Ddb101().WithLocation(0).WithMessage("DeleteItem on table 'Playlists' has no condition on its version attribute 'playlist_version'; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task DeleteItem_GuardedByVersion_DoesNotTrigger()
        {
            await Analyze(@"
class Playlists
{
    Task Delete(IAmazonDynamoDB client, string id, string expected)
        => client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = ""Playlists"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            ConditionExpression = ""#v = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#v""] = ""playlist_version"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expected""] = new AttributeValue { N = expected } },
        });
}");
        }

        [Fact]
        public async Task DeleteItem_TableVersionedByAnotherWrite_TriggersAtCompilationEnd()
        {
            await Analyze(@"
class Orders
{
    const string Table = ""Orders"";

    Task Save(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item, string expected)
        => client.PutItemAsync(new PutItemRequest
        {
            TableName = Table,
            Item = item,
            ConditionExpression = ""version = :expected"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expected""] = new AttributeValue { N = expected } },
        });

    Task Delete(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
        => client.{|#0:DeleteItemAsync|}(Table, key);

    Task DeleteOther(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
        => client.DeleteItemAsync(""Customers"", key);
}", Ddb101().WithLocation(0).WithMessage("DeleteItem on table 'Orders' has no condition on its version attribute 'version'; a concurrent writer's change can be lost"));
        }

        // ---- Object persistence model ----

        [Fact]
        public async Task DeleteAsyncByKey_VersionedType_Triggers()
        {
            await Analyze(@"
class Repo
{
    Task Delete(IDynamoDBContext context, string id) => context.{|#0:DeleteAsync<Playlist>|}(id);
}", Ddb101().WithLocation(0).WithMessage("DeleteAsync<Playlist> deletes by key, which sends no condition on the [DynamoDBVersion] property 'Version'; delete the loaded object instead so the SDK checks the version"));
        }

        [Fact]
        public async Task DeleteByKey_SyncWithRangeKeyAndConfig_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "DeleteConfig");
            await Analyze(@"
class Repo
{
    void Delete(IDynamoDBContext context, string id) => context.[|Delete<Playlist>|](id, ""range"", new DeleteConfig());
}", ReferenceSet.AwsSdkNet472, null);
        }

        [Fact]
        public async Task ObjectModelWritesThatCheckTheVersion_DoNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "object-model transactions");
            await Analyze(@"
class Repo
{
    async Task Writes(IDynamoDBContext context, Playlist playlist, Track track)
    {
        await context.SaveAsync(playlist);
        await context.DeleteAsync(playlist);
        await context.DeleteAsync<Track>(track.Id);
        var transaction = context.CreateTransactWrite<Playlist>();
        transaction.AddSaveItem(playlist);
        transaction.AddDeleteItem(playlist);
        await transaction.ExecuteAsync();
    }
}");
        }

        // ---- Transactions ----

        [Fact]
        public async Task TransactPut_MappedTableWithoutCondition_Triggers()
        {
            await Analyze(@"
class Orders
{
    Task Save(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item)
        => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem { Put = new {|#0:Put|} { TableName = ""Playlists"", Item = item } },
            },
        });
}", Ddb101().WithLocation(0).WithMessage("Transaction Put on table 'Playlists' has no condition on its version attribute 'playlist_version'; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task TransactUpdateInLocal_MappedTableWithoutCondition_Triggers()
        {
            await Analyze(@"
class Orders
{
    Task Rename(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var update = new [|Update|]
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET Name = :n"",
        };
        update.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { S = ""x"" } };
        return client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = new List<TransactWriteItem> { new TransactWriteItem { Update = update } } });
    }
}");
        }

        [Fact]
        public async Task TransactMembers_GuardedOrBuiltByHelper_DoNotTrigger()
        {
            await Analyze(@"
class Orders
{
    Task Save(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item, Dictionary<string, AttributeValue> key, string expected)
        => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem
                {
                    Put = new Put
                    {
                        TableName = ""Playlists"",
                        Item = item,
                        ConditionExpression = ""playlist_version = :v"",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = expected } },
                    },
                },
                new TransactWriteItem { Delete = BuildDelete(key) },
            },
        });

    static Delete BuildDelete(Dictionary<string, AttributeValue> key) => new Delete { TableName = ""Playlists"", Key = key };
}");
        }

        // ---- Document model ----

        [Fact]
        public async Task TablePutItem_IncrementedVersionInDocument_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await Analyze(@"
class Orders
{
    Task Save(ITable table, string id, long current)
    {
        var document = new Document();
        document[""Id""] = id;
        document[""version""] = current + 1;
        return table.{|#0:PutItemAsync|}(document);
    }
}", Ddb101().WithLocation(0).WithMessage("PutItem writes version attribute 'version' without a condition on it; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task TablePutItem_SyncWithTableBuilder_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "TableBuilder");
            await Analyze(@"
class Playlists
{
    void Save(IAmazonDynamoDB client, Document document)
    {
        var table = new TableBuilder(client, ""Playlists"").AddHashKey(""Id"", DynamoDBEntryType.String).Build();
        table.{|#0:PutItem|}(document);
    }
}", ReferenceSet.AwsSdkNet472, null,
                Ddb101().WithLocation(0).WithMessage("PutItem on table 'Playlists' has no condition on its version attribute 'playlist_version'; a concurrent writer's change can be lost"));
        }

        [Fact]
        public async Task TableUpdateItem_LoadedMappedTable_Triggers()
        {
            await Analyze(@"
class Playlists
{
    Task Rename(IAmazonDynamoDB client, string id, string name)
    {
        var table = Table.LoadTable(client, ""Playlists"");
        return table.[|UpdateItemAsync|](new Document { [""Id""] = id, [""Name""] = name });
    }
}");
        }

        [Fact]
        public async Task TablePutItem_ConditionalExpressionOnVersion_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await Analyze(@"
class Orders
{
    Task Save(ITable table, string id, long current)
    {
        var document = new Document { [""Id""] = id, [""version""] = current + 1 };
        return table.PutItemAsync(document, new PutItemOperationConfig
        {
            ConditionalExpression = new Expression
            {
                ExpressionStatement = ""#v = :expected"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#v""] = ""version"" },
                ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { ["":expected""] = current },
            },
        });
    }
}");
        }

        [Fact]
        public async Task TableDeleteItem_ExpectedStateOrConfigFromParameter_DoesNotTrigger()
        {
            await Analyze(@"
class Playlists
{
    Task Delete(IAmazonDynamoDB client, string id, ExpectedState state, DeleteItemOperationConfig config)
    {
        var table = Table.LoadTable(client, ""Playlists"");
        table.DeleteItemAsync(new Document { [""Id""] = id }, config);
        return table.DeleteItemAsync(new Document { [""Id""] = id }, new DeleteItemOperationConfig { ExpectedState = state });
    }
}");
        }

        // ---- Check-then-act ----

        [Fact]
        public async Task UpdateItem_AfterComparingTheVersionInCSharp_TriggersCheckThenAct()
        {
            await Analyze(@"
class Orders
{
    async Task Cancel(IAmazonDynamoDB client, string id, long expected)
    {
        var key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } };
        var response = await client.GetItemAsync(""Orders"", key);
        var item = response.Item;
        if (long.Parse(item[""version""].N, CultureInfo.InvariantCulture) != expected)
        {
            return;
        }

        await client.{|#0:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = key,
            UpdateExpression = ""SET #s = :s"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { S = ""cancelled"" } },
        });
    }
}", Ddb101().WithLocation(0).WithMessage("UpdateItem runs after comparing 'version' in C#, but has no condition on it; another writer can change the item between the check and the write"));
        }

        [Fact]
        public async Task UpdateItem_AfterComparingAnotherTablesVersion_DoesNotTrigger()
        {
            await Analyze(@"
class Orders
{
    async Task Cancel(IAmazonDynamoDB client, string id, string expected)
    {
        var key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } };
        var response = await client.GetItemAsync(new GetItemRequest { TableName = ""Customers"", Key = key });
        if (response.Item[""version""].N != expected)
        {
            return;
        }

        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = key,
            UpdateExpression = ""SET #s = :s"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#s""] = ""status"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { S = ""cancelled"" } },
        });
    }
}");
        }

        [Fact]
        public async Task PutItem_AfterMigrationCheckOfSchemaVersion_DoesNotTrigger()
        {
            await Analyze(@"
class Tracks
{
    const int Current = 2;

    async Task Migrate(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Tracks"", key)).Item;
        if (item[""schema_version""].N == ""2"" || int.Parse(item[""schema_version""].N, CultureInfo.InvariantCulture) >= Current)
        {
            return;
        }

        item[""schema_version""] = new AttributeValue { N = ""2"" };
        await client.PutItemAsync(""Tracks"", item);
    }
}");
        }

        // ---- DDB104 on puts ----

        [Fact]
        public async Task PutItem_GuardedButWritesTheExpectedVersionBack_TriggersDdb104()
        {
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class Orders
{
    Task Save(IAmazonDynamoDB client, string id, string name, long expected)
    {
        var version = new AttributeValue { N = expected.ToString(CultureInfo.InvariantCulture) };
        return client.{|DDB104:PutItemAsync|}(new PutItemRequest
        {
            TableName = ""Orders"",
            Item = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id }, [""name""] = new AttributeValue { S = name }, [""version""] = version },
            ConditionExpression = ""version = :expected"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expected""] = version },
        });
    }
}",
            }.RunAsync();
        }

        [Fact]
        public async Task TableUpdateItem_GuardedDocumentWithoutVersion_TriggersDdb104()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class Orders
{
    Task Rename(ITable table, string id, string name, long expected)
        => table.{|DDB104:UpdateItemAsync|}(new Document { [""Id""] = id, [""name""] = name }, new UpdateItemOperationConfig
        {
            ConditionalExpression = new Expression
            {
                ExpressionStatement = ""version = :expected"",
                ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { ["":expected""] = expected },
            },
        });
}",
            }.RunAsync();
        }

        [Fact]
        public async Task TransactUpdate_GuardedButNotAdvancing_TriggersDdb104()
        {
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class Orders
{
    Task Ship(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string expected)
        => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem
                {
                    Update = new {|#0:Update|}
                    {
                        TableName = ""Playlists"",
                        Key = key,
                        UpdateExpression = ""SET #n = :n"",
                        ConditionExpression = ""playlist_version = :v"",
                        ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Name"" },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { S = ""x"" }, ["":v""] = new AttributeValue { N = expected } },
                    },
                },
            },
        });
}",
                ExpectedDiagnostics =
                {
                    Ddb104().WithLocation(0).WithMessage("Transaction Update checks version attribute 'playlist_version' but does not advance it; writers that read the same version can still overwrite this change"),
                },
            }.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_Ddb104OptionExcludesTheName_DoesNotTrigger()
        {
            var test = new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Models + @"
class Orders
{
    Task Rename(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string name, string expected)
        => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = key,
            UpdateExpression = ""SET #n = :n"",
            ConditionExpression = ""version = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { S = name }, ["":expected""] = new AttributeValue { N = expected } },
        });
}",
            };
            test.AnalyzerConfigFiles.Add((".editorconfig", "root = true\n\n[*.cs]\ndynamoguard.DDB104.version_attribute_names = rev\n"));
            await test.RunAsync();
        }

        // ---- Robustness ----

        [Fact]
        public async Task BrokenCode_DoesNotCrash()
        {
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                AllowAnyCompilerErrors = true,
                TestCode = Models + @"
class Orders
{
    Task Save(IAmazonDynamoDB client, string id)
        => client.PutItemAsync(new PutItemRequest { TableName = , Item = new Dictionary<string, AttributeValue> { [""version""] = new AttributeValue { N = (x + 1).ToString() } }, ConditionExpression = ""version = "" });

    Task Update(IAmazonDynamoDB client)
        => client.UpdateItemAsync(new UpdateItemRequest { TableName = ""Playlists"", UpdateExpression = ""SET = :x"" ConditionExpression = });
}",
            }.RunAsync();
        }

        [Fact]
        public async Task NoAwsSdk_DoesNotTrigger()
        {
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                References = ReferenceSet.RuntimeOnly,
                TestCode = @"
class PutItemRequest { public string TableName { get; set; } = """"; }
class Client { public void PutItem(PutItemRequest request) { } }
class Repo { void Save(Client client) => client.PutItem(new PutItemRequest { TableName = ""Playlists"" }); }",
            }.RunAsync();
        }
    }
}
