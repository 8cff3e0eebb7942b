using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>DDB202's fixes: "Update only what changed" (low-level client, document model) and "Add a version property" (object persistence model).</summary>
    public class WholeItemWriteBackCodeFixTests
    {
        private const string Key = WholeItemWriteBackCodeFixProvider.FixKey;

        private const string Header = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
";

        private static async Task VerifyUpdateAsync(string source, string fixedSource, bool hasExpressions = true)
        {
            await new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Header + source,
                FixedCode = Header + fixedSource,
                CodeFix = new WholeItemWriteBackCodeFixProvider(),
                CodeActionEquivalenceKey = Key,
            }.RunAsync();
            if (hasExpressions)
            {
                Assert.True(WriteExpressionChecks.AssertValid(Header + fixedSource) > 0);
            }
        }

        private static Task VerifyVersionAsync(string source, string fixedSource)
            => new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Header + source,
                FixedCode = Header + fixedSource,
                CodeFix = new WholeItemWriteBackCodeFixProvider(),
                CodeActionEquivalenceKey = Key,
            }.RunAsync();

        private static async Task VerifyNoFixAsync(string source)
        {
            await new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Header + source,
                FixedCode = Header + source,
                CodeFix = new WholeItemWriteBackCodeFixProvider(),
            }.RunAsync();
        }

        /// <summary>The titles of the actions offered for each DDB202 of the source, in source order.</summary>
        private static async Task<string[]> GetOfferedTitlesAsync(string source)
        {
            var workspace = new AdhocWorkspace();
            var project = workspace.CurrentSolution
                .AddProject("Test", "Test", LanguageNames.CSharp)
                .WithMetadataReferences(TestReferences.Get(ReferenceSet.AwsSdk, AwsSdk.V4_0))
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var document = project.AddDocument("Test0.cs", SourceText.From(Header + source));
            var compilation = (await document.Project.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AtomicUpdateAnalyzer())).GetAnalyzerDiagnosticsAsync();
            var titles = new List<string>();
            foreach (var diagnostic in diagnostics.Where(d => d.Id == DiagnosticIds.WholeItemWriteBack).OrderBy(d => d.Location.SourceSpan.Start))
            {
                var actions = new List<CodeAction>();
                await new WholeItemWriteBackCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                titles.Add(string.Join(" | ", actions.Select(a => a.Title + " (" + a.EquivalenceKey + ")")));
            }

            return titles.ToArray();
        }

        // ---- low-level client: Update only what changed ----

        [Fact]
        public async Task PutItemAsync_ConvenienceOverload_BecomesUpdateThatSetsTheChangedAttribute()
        {
            // "name" is a reserved word: every attribute goes through a #name placeholder.
            await VerifyUpdateAsync(@"
class Users
{
    async Task RenameAsync(IAmazonDynamoDB client, string id, string newName)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = newName };
        await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }
}", @"
class Users
{
    async Task RenameAsync(IAmazonDynamoDB client, string id, string newName)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = newName };
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Users"",
            Key = key,
            UpdateExpression = ""SET #name = :name"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#name""] = ""name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":name""] = item[""name""] },
        });
    }
}");
        }

        [Fact]
        public async Task PutItemAsync_RequestWithSeveralChanges_SetsEachAndKeepsSharedPropertiesAndToken()
        {
            await VerifyUpdateAsync(@"
class Users
{
    private const string Table = ""Users"";

    async Task TouchAsync(IAmazonDynamoDB client, string id, string email, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
        }, cancellationToken);
        if (response.Item == null || !response.Item.ContainsKey(""email""))
        {
            return;
        }

        // Both changes are kept; the write narrows to them.
        response.Item[""email""].S = email;
        response.Item.Add(""last-seen"", new AttributeValue { S = DateTime.UtcNow.ToString(""O"") });
        await client.{|DDB202:PutItemAsync|}(new PutItemRequest
        {
            TableName = Table,
            Item = response.Item,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        }, cancellationToken);
    }
}", @"
class Users
{
    private const string Table = ""Users"";

    async Task TouchAsync(IAmazonDynamoDB client, string id, string email, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
        }, cancellationToken);
        if (response.Item == null || !response.Item.ContainsKey(""email""))
        {
            return;
        }

        // Both changes are kept; the write narrows to them.
        response.Item[""email""].S = email;
        response.Item.Add(""last-seen"", new AttributeValue { S = DateTime.UtcNow.ToString(""O"") });
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table,
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #email = :email, #lastseen = :lastseen"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#email""] = ""email"", [""#lastseen""] = ""last-seen"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":email""] = response.Item[""email""],
                ["":lastseen""] = response.Item[""last-seen""],
            },
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        }, cancellationToken);
    }
}");
        }

        [Fact]
        public async Task PutItemAsync_TwoWritesInOneDocument_FixAllRewritesBoth()
        {
            await VerifyUpdateAsync(@"
class Users
{
    static Dictionary<string, AttributeValue> Key(string id) => new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };

    async Task RenameAsync(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""display_name""] = new AttributeValue { S = name };
        await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }

    async Task TagAsync(IAmazonDynamoDB client, string id, List<string> tags)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""tags""] = new AttributeValue { SS = tags };
        await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }
}", @"
class Users
{
    static Dictionary<string, AttributeValue> Key(string id) => new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };

    async Task RenameAsync(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""display_name""] = new AttributeValue { S = name };
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Users"",
            Key = key,
            UpdateExpression = ""SET #display_name = :display_name"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#display_name""] = ""display_name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":display_name""] = item[""display_name""] },
        });
    }

    async Task TagAsync(IAmazonDynamoDB client, string id, List<string> tags)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""tags""] = new AttributeValue { SS = tags };
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Users"",
            Key = key,
            UpdateExpression = ""SET #tags = :tags"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#tags""] = ""tags"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":tags""] = item[""tags""] },
        });
    }
}");
        }

        [Fact]
        public async Task PutItem_Sync_BecomesUpdateItem()
        {
            TestSdks.Only(AwsSdk.V4, "the sync PutItem is compiled from the net472 build of v4 here");
            await new CSharpTest(new AtomicUpdateAnalyzer())
            {
                References = ReferenceSet.AwsSdkNet472,
                TestCode = Header + @"
class Users
{
    void Rename(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = client.GetItem(""Users"", key).Item;
        item[""alias""] = new AttributeValue { S = name };
        client.{|DDB202:PutItem|}(""Users"", item);
    }
}",
                FixedCode = Header + @"
class Users
{
    void Rename(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = client.GetItem(""Users"", key).Item;
        item[""alias""] = new AttributeValue { S = name };
        client.UpdateItem(new UpdateItemRequest
        {
            TableName = ""Users"",
            Key = key,
            UpdateExpression = ""SET #alias = :alias"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#alias""] = ""alias"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":alias""] = item[""alias""] },
        });
    }
}",
                CodeFix = new WholeItemWriteBackCodeFixProvider(),
                CodeActionEquivalenceKey = Key,
            }.RunAsync();
        }

        [Theory]
        [InlineData("key passed in: its attribute names are unknown", @"
    async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string name)
    {
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }")]
        [InlineData("a nested change the analysis does not list", @"
    async Task Run(IAmazonDynamoDB client, string id, string name, string tag)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        item[""tags""].L.Add(new AttributeValue { S = tag });
        await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }")]
        [InlineData("an attribute value aliased through TryGetValue", @"
    async Task Run(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        if (item.TryGetValue(""email"", out var email))
        {
            email.S = email.S.ToLowerInvariant();
        }

        await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }")]
        [InlineData("a change that may not run (the attribute may be missing at the write)", @"
    async Task Run(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        if (name.Length > 0)
        {
            item[""name""] = new AttributeValue { S = name };
        }

        await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }")]
        [InlineData("a changed key attribute (the put writes another item)", @"
    async Task Run(IAmazonDynamoDB client, string id, string newId)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""id""] = new AttributeValue { S = newId };
        await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }")]
        [InlineData("the PutItemResponse is used", @"
    async Task<PutItemResponse> Run(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        return await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }")]
        [InlineData("an attribute removed (an UpdateItem SET would keep it)", @"
    async Task Run(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        item.Remove(""nickname"");
        await client.{|DDB202:PutItemAsync|}(""Users"", item);
    }")]
        public async Task PutItem_ChangesOrKeyNotKnownExactly_OffersNoFix(string why, string method)
        {
            Assert.NotEmpty(why);
            await VerifyNoFixAsync("\nclass Users\n{" + method + "\n}");
        }

        // ---- document model: Update only what changed ----

        [Fact]
        public async Task DocumentPutItemAsync_BecomesUpdateItemAsyncOfTheSameDocument()
        {
            await VerifyUpdateAsync(@"
class Users
{
    async Task RenameAsync(Table table, string id, string name, CancellationToken cancellationToken)
    {
        var doc = await table.GetItemAsync(id, cancellationToken);
        doc[""name""] = name;
        await table.{|DDB202:PutItemAsync|}(doc, cancellationToken);
    }
}", @"
class Users
{
    async Task RenameAsync(Table table, string id, string name, CancellationToken cancellationToken)
    {
        var doc = await table.GetItemAsync(id, cancellationToken);
        doc[""name""] = name;
        await table.UpdateItemAsync(doc, cancellationToken);
    }
}", hasExpressions: false);
        }

        [Theory]
        [InlineData("an attribute removed: Table.UpdateItem never deletes it", @"
    async Task Run(Table table, string id, string name)
    {
        var doc = await table.GetItemAsync(id);
        doc[""name""] = name;
        doc.Remove(""nickname"");
        await table.{|DDB202:PutItemAsync|}(doc);
    }")]
        [InlineData("a PutItemOperationConfig: UpdateItem has no place for it", @"
    async Task Run(Table table, string id, string name)
    {
        var doc = await table.GetItemAsync(id);
        doc[""name""] = name;
        await table.{|DDB202:PutItemAsync|}(doc, new PutItemOperationConfig { ReturnValues = ReturnValues.AllOldAttributes });
    }")]
        public async Task DocumentPutItem_UpdateWouldDiffer_OffersNoFix(string why, string method)
        {
            Assert.NotEmpty(why);
            await VerifyNoFixAsync("\nclass Users\n{" + method + "\n}");
        }

        // ---- object persistence model: Add a version property ----

        [Fact]
        public async Task SaveAsync_ModelInTheSameFile_AddsVersionPropertyAfterTheLastProperty()
        {
            await VerifyVersionAsync(@"
[DynamoDBTable(""Users"")]
public class User
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """"; // shown to other users

    public override string ToString() => Name;
}

class Users
{
    async Task RenameAsync(IDynamoDBContext context, string id, string name)
    {
        var user = await context.LoadAsync<User>(id);
        user.Name = name;
        await context.{|DDB202:SaveAsync|}(user);
    }
}", @"
[DynamoDBTable(""Users"")]
public class User
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """"; // shown to other users
    [DynamoDBVersion] public long? Version { get; set; }

    public override string ToString() => Name;
}

class Users
{
    async Task RenameAsync(IDynamoDBContext context, string id, string name)
    {
        var user = await context.LoadAsync<User>(id);
        user.Name = name;
        await context.SaveAsync(user);
    }
}");
        }

        [Fact]
        public async Task SaveAsync_PartialModelInOtherFiles_AddsToThePartWithTheHashKeyAndItsUsing()
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Header + @"
class Users
{
    async Task TagAsync(IDynamoDBContext context, string id, string tag)
    {
        var user = await context.LoadAsync<Models.User>(id);
        user.Tags.Add(tag);
        await context.{|DDB202:SaveAsync|}(user);
    }
}",
                FixedCode = Header + @"
class Users
{
    async Task TagAsync(IDynamoDBContext context, string id, string tag)
    {
        var user = await context.LoadAsync<Models.User>(id);
        user.Tags.Add(tag);
        await context.SaveAsync(user);
    }
}",
                CodeFix = new WholeItemWriteBackCodeFixProvider(),
                CodeActionEquivalenceKey = Key,
            };
            test.AdditionalSources.Add(("Models/User.Tags.cs", @"using System.Collections.Generic;

namespace Models
{
    public partial class User
    {
        public List<string> Tags { get; set; } = new List<string>();
    }
}
"));
            test.AdditionalSources.Add(("Models/User.cs", @"using System;

namespace Models
{
    [Amazon.DynamoDBv2.DataModel.DynamoDBTable(""Users"")]
    public partial class User
    {
        [Amazon.DynamoDBv2.DataModel.DynamoDBHashKey]
        public string Id { get; set; } = """";

        public DateTime CreatedAt { get; set; }
    }
}
"));
            test.FixedAdditionalSources.Add(("Models/User.cs", @"using System;
using Amazon.DynamoDBv2.DataModel;

namespace Models
{
    [Amazon.DynamoDBv2.DataModel.DynamoDBTable(""Users"")]
    public partial class User
    {
        [Amazon.DynamoDBv2.DataModel.DynamoDBHashKey]
        public string Id { get; set; } = """";

        public DateTime CreatedAt { get; set; }
        [DynamoDBVersion] public long? Version { get; set; }
    }
}
"));
            await test.RunAsync();
        }

        [Fact]
        public async Task SaveAsync_ClassHasAVersionMember_NamesThePropertyRowVersion()
        {
            await VerifyVersionAsync(@"
[DynamoDBTable(""Releases"")]
public class Release
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Version { get; set; } = """"; // the release's semantic version, not a lock
}

class Releases
{
    async Task BumpAsync(IDynamoDBContext context, string id, string version)
    {
        var release = await context.LoadAsync<Release>(id);
        release.Version = version;
        await context.{|DDB202:SaveAsync|}(release);
    }
}", @"
[DynamoDBTable(""Releases"")]
public class Release
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Version { get; set; } = """"; // the release's semantic version, not a lock
    [DynamoDBVersion] public long? RowVersion { get; set; }
}

class Releases
{
    async Task BumpAsync(IDynamoDBContext context, string id, string version)
    {
        var release = await context.LoadAsync<Release>(id);
        release.Version = version;
        await context.SaveAsync(release);
    }
}");
        }

        [Fact]
        public async Task SaveAsync_ClassOnOneLine_PutsThePropertyOnALineOfItsOwn()
        {
            await VerifyVersionAsync(@"
[DynamoDBTable(""Notes"")]
public class Note { [DynamoDBHashKey] public string Id { get; set; } = """"; public string Text { get; set; } = """"; }

class Notes
{
    async Task AppendAsync(IDynamoDBContext context, string id, string text)
    {
        var note = await context.LoadAsync<Note>(id);
        note.Text += text;
        await context.{|DDB202:SaveAsync|}(note);
    }
}", @"
[DynamoDBTable(""Notes"")]
public class Note { [DynamoDBHashKey] public string Id { get; set; } = """"; public string Text { get; set; } = """";
    [DynamoDBVersion] public long? Version { get; set; }
}

class Notes
{
    async Task AppendAsync(IDynamoDBContext context, string id, string text)
    {
        var note = await context.LoadAsync<Note>(id);
        note.Text += text;
        await context.SaveAsync(note);
    }
}");
        }

        [Fact]
        public async Task SaveAsync_TwoSavesOfOneClass_FixAllAddsOneProperty()
        {
            await VerifyVersionAsync(@"
[DynamoDBTable(""Users"")]
public class User
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """";
    public string Email { get; set; } = """";
}

class Users
{
    async Task RenameAsync(IDynamoDBContext context, string id, string name)
    {
        var user = await context.LoadAsync<User>(id);
        user.Name = name;
        await context.{|DDB202:SaveAsync|}(user);
    }

    async Task ChangeEmailAsync(IDynamoDBContext context, string id, string email)
    {
        var user = await context.LoadAsync<User>(id);
        user.Email = email;
        await context.{|DDB202:SaveAsync|}(user);
    }
}", @"
[DynamoDBTable(""Users"")]
public class User
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """";
    public string Email { get; set; } = """";
    [DynamoDBVersion] public long? Version { get; set; }
}

class Users
{
    async Task RenameAsync(IDynamoDBContext context, string id, string name)
    {
        var user = await context.LoadAsync<User>(id);
        user.Name = name;
        await context.SaveAsync(user);
    }

    async Task ChangeEmailAsync(IDynamoDBContext context, string id, string email)
    {
        var user = await context.LoadAsync<User>(id);
        user.Email = email;
        await context.SaveAsync(user);
    }
}");
        }

        [Fact]
        public async Task FixAll_LowLevelWriteAndObjectSaveInOneDocument_EachGetsItsOwnAction()
        {
            await VerifyUpdateAsync(@"
[DynamoDBTable(""Profiles"")]
public class Profile
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """";
}

class Writers
{
    async Task LowLevelAsync(IAmazonDynamoDB client, string id, string status)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Accounts"", key)).Item;
        item[""status""] = new AttributeValue { S = status };
        await client.{|DDB202:PutItemAsync|}(""Accounts"", item);
    }

    async Task ObjectAsync(IDynamoDBContext context, string id, string name)
    {
        var profile = await context.LoadAsync<Profile>(id);
        profile.Name = name;
        await context.{|DDB202:SaveAsync|}(profile);
    }
}", @"
[DynamoDBTable(""Profiles"")]
public class Profile
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """";
    [DynamoDBVersion] public long? Version { get; set; }
}

class Writers
{
    async Task LowLevelAsync(IAmazonDynamoDB client, string id, string status)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Accounts"", key)).Item;
        item[""status""] = new AttributeValue { S = status };
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Accounts"",
            Key = key,
            UpdateExpression = ""SET #status = :status"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#status""] = ""status"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":status""] = item[""status""] },
        });
    }

    async Task ObjectAsync(IDynamoDBContext context, string id, string name)
    {
        var profile = await context.LoadAsync<Profile>(id);
        profile.Name = name;
        await context.SaveAsync(profile);
    }
}");
        }

        [Fact]
        public async Task EachShape_GetsExactlyOneAction_AllUnderOneKey()
        {
            // One action per finding under one key: dotnet format (the first diagnostic's first action, then Fix All with
            // its key) and Fix All in the IDE repair every DDB202, each with the action its shape has.
            var titles = await GetOfferedTitlesAsync(@"
[DynamoDBTable(""Profiles"")]
public class Profile
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public string Name { get; set; } = """";
}

class Writers
{
    async Task LowLevelAsync(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync(""Accounts"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        await client.PutItemAsync(""Accounts"", item);
    }

    async Task DocumentAsync(Table table, string id, string name)
    {
        var doc = await table.GetItemAsync(id);
        doc[""name""] = name;
        await table.PutItemAsync(doc);
    }

    async Task ObjectAsync(IDynamoDBContext context, string id, string name)
    {
        var profile = await context.LoadAsync<Profile>(id);
        profile.Name = name;
        await context.SaveAsync(profile);
    }

    async Task NoFixAsync(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string name)
    {
        var item = (await client.GetItemAsync(""Accounts"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        await client.PutItemAsync(""Accounts"", item);
    }
}");
            Assert.Equal(
                new[]
                {
                    "Update only what changed (" + Key + ")",
                    "Update only what changed (" + Key + ")",
                    "Add a version property (" + Key + ")",
                    "",
                },
                titles);
        }
    }
}
