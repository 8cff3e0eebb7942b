using System.Collections.Generic;
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
    public class AtomicUpdateCodeFixTests
    {
        private const string Add = AtomicUpdateCodeFixProvider.UseAtomicAddKey;
        private const string Condition = AtomicUpdateCodeFixProvider.AddReadValueConditionKey;

        private const string Header = @"using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

[DynamoDBTable(""Counters"")]
public class Counter
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public int Count { get; set; }
    public string Name { get; set; } = """";
}
";

        /// <summary>Runs the fix (one by one and Fix All) and checks the expressions of every rewritten write.</summary>
        private static async Task VerifyFixAsync(string source, string fixedSource, string key, ReferenceSet references = ReferenceSet.AwsSdk, bool hasExpressions = true)
        {
            await new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Header + source,
                FixedCode = Header + fixedSource,
                CodeFix = new AtomicUpdateCodeFixProvider(),
                CodeActionEquivalenceKey = key,
                References = references,
            }.RunAsync();
            Assert.Equal(hasExpressions, WriteExpressionChecks.AssertValid(Header + fixedSource, references) > 0);
        }

        /// <summary>The equivalence keys of the actions offered for the (single) DDB201 of the source.</summary>
        private static async Task<string[]> GetOfferedKeysAsync(string source, AwsSdk sdk = AwsSdk.V4_0)
        {
            var workspace = new AdhocWorkspace();
            var project = workspace.CurrentSolution
                .AddProject("Test", "Test", LanguageNames.CSharp)
                .WithMetadataReferences(TestReferences.Get(ReferenceSet.AwsSdk, sdk))
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var document = project.AddDocument("Test0.cs", SourceText.From(Header + source));
            var compilation = (await document.Project.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new AtomicUpdateAnalyzer())).GetAnalyzerDiagnosticsAsync();
            var diagnostic = Assert.Single(diagnostics, d => d.Id == DiagnosticIds.ReadModifyWriteNumber);
            var actions = new List<CodeAction>();
            await new AtomicUpdateCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
            return actions.Select(a => a.EquivalenceKey!).ToArray();
        }

        private const string SampleShape = @"
class PageViews
{
    private const string TableName = ""PageViews"";
    private const string ViewsAttribute = ""views"";
    private readonly IAmazonDynamoDB _client;

    public PageViews(IAmazonDynamoDB client) => _client = client;

    public async Task<int> RecordAsync(string pageId, CancellationToken cancellationToken)
    {
        var current = await _client.GetItemAsync(new GetItemRequest { TableName = TableName, Key = KeyFor(pageId), ConsistentRead = true }, cancellationToken);
        var item = current.Item;
        var views = item is { Count: > 0 } ? int.Parse(item[ViewsAttribute].N, CultureInfo.InvariantCulture) + 1 : 1;

        // Written back.
        await _client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = TableName,
            Key = KeyFor(pageId),
            UpdateExpression = ""SET #views = :v"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#views""] = ViewsAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":v""] = new AttributeValue { N = views.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
        return views;
    }

    private static Dictionary<string, AttributeValue> KeyFor(string pageId)
        => new Dictionary<string, AttributeValue> { [""page_id""] = new AttributeValue { S = pageId } };
}";

        [Fact]
        public async Task UpdateItem_SampleShape_AddFixTurnsTheSetIntoAddAndKeepsTheReadStillUsed()
        {
            await VerifyFixAsync(SampleShape, SampleShape
                .Replace("{|DDB201:UpdateItemAsync|}", "UpdateItemAsync")
                .Replace(@"UpdateExpression = ""SET #views = :v"",", @"UpdateExpression = ""ADD #views :delta"",")
                .Replace(@"["":v""] = new AttributeValue { N = views.ToString(CultureInfo.InvariantCulture) },", @"["":delta""] = new AttributeValue { N = ""1"" },"), Add);
        }

        [Fact]
        public async Task UpdateItem_SampleShape_ConditionFixAcceptsTheValueReadOrAMissingAttribute()
        {
            await VerifyFixAsync(SampleShape, SampleShape
                .Replace("{|DDB201:UpdateItemAsync|}", "UpdateItemAsync")
                .Replace(@"                ["":v""] = new AttributeValue { N = views.ToString(CultureInfo.InvariantCulture) },
            },
", @"                ["":v""] = new AttributeValue { N = views.ToString(CultureInfo.InvariantCulture) },
                ["":expected""] = item is { Count: > 0 } ? item[ViewsAttribute] : new AttributeValue { NULL = true },
            },
            ConditionExpression = ""attribute_not_exists(#views) OR #views = :expected"",
"), Condition);
        }

        [Fact]
        public async Task UpdateItem_ReadOnlyServesTheWrite_AddFixRemovesTheReadAndKeepsOtherActions()
        {
            await VerifyFixAsync(@"
class Service
{
    public async Task Increment(IAmazonDynamoDB client, string id)
    {
        // Count one more.
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
        });
        var count = int.Parse(response.Item[""count""].N, CultureInfo.InvariantCulture) + 1;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #count = :count, updated = :u"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#count""] = ""count"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":count""] = new AttributeValue { N = count.ToString(CultureInfo.InvariantCulture) },
                ["":u""] = new AttributeValue { S = DateTime.UtcNow.ToString(""O"") },
            },
        });
    }
}", @"
class Service
{
    public async Task Increment(IAmazonDynamoDB client, string id)
    {
        // Count one more.
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
            UpdateExpression = ""ADD #count :delta SET updated = :u"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#count""] = ""count"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":delta""] = new AttributeValue { N = ""1"" },
                ["":u""] = new AttributeValue { S = DateTime.UtcNow.ToString(""O"") },
            },
        });
    }
}", Add);
        }

        [Fact]
        public async Task UpdateItem_ValueParsedWithTryParse_AddFixKeepsTheCheckedRead()
        {
            await VerifyFixAsync(@"
class Service
{
    public async Task Take(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, long quantity)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        if (!long.TryParse(item[""stock""].N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stock))
        {
            throw new InvalidOperationException(""no stock"");
        }

        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET stock = :s"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { N = (stock - quantity).ToString(CultureInfo.InvariantCulture) } },
        });
    }
}", @"
class Service
{
    public async Task Take(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, long quantity)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        if (!long.TryParse(item[""stock""].N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stock))
        {
            throw new InvalidOperationException(""no stock"");
        }

        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""ADD stock :delta"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = (-quantity).ToString(CultureInfo.InvariantCulture) } },
        });
    }
}", Add);
        }

        [Fact]
        public async Task UpdateItem_ValueParsedWithTryParse_ConditionFixComparesWithTheAttributeRead()
        {
            await VerifyFixAsync(@"
class Service
{
    public async Task Take(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, long quantity)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        if (!long.TryParse(item[""stock""].N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stock))
        {
            throw new InvalidOperationException(""no stock"");
        }

        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET stock = :s"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { N = (stock - quantity).ToString(CultureInfo.InvariantCulture) } },
        });
    }
}", @"
class Service
{
    public async Task Take(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, long quantity)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        if (!long.TryParse(item[""stock""].N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stock))
        {
            throw new InvalidOperationException(""no stock"");
        }

        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET stock = :s"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { N = (stock - quantity).ToString(CultureInfo.InvariantCulture) }, ["":expected""] = item[""stock""] },
            ConditionExpression = ""#stock = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#stock""] = ""stock"" },
        });
    }
}", Condition);
        }

        [Fact]
        public async Task UpdateItem_ValueReadStillInScope_ConditionFixComparesWithIt()
        {
            await VerifyFixAsync(@"
class Service
{
    public async Task Increment(IAmazonDynamoDB client, string id)
    {
        var response = await client.GetItemAsync(""Counters"", new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } });
        var count = int.Parse(response.Item[""count""].N, CultureInfo.InvariantCulture) + 1;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #count = :count"",
            ConditionExpression = ""attribute_exists(id)"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#count""] = ""count"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":count""] = new AttributeValue { N = count.ToString(CultureInfo.InvariantCulture) } },
        });
    }
}", @"
class Service
{
    public async Task Increment(IAmazonDynamoDB client, string id)
    {
        var response = await client.GetItemAsync(""Counters"", new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } });
        var count = int.Parse(response.Item[""count""].N, CultureInfo.InvariantCulture) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #count = :count"",
            ConditionExpression = ""attribute_exists(id) AND #count = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#count""] = ""count"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":count""] = new AttributeValue { N = count.ToString(CultureInfo.InvariantCulture) }, ["":expected""] = response.Item[""count""] },
        });
    }
}", Condition);
        }

        private const string BareNameIncrement = @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        long hits = long.Parse(item[""hits""].N);
        hits++;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET hits = :h"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":h""] = new AttributeValue { N = hits.ToString() } },
        });
    }
}";

        [Fact]
        public async Task UpdateItem_BareNameAndIncrementStatement_AddFixRemovesTheReadChain()
        {
            await VerifyFixAsync(BareNameIncrement, @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""ADD hits :delta"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""1"" } },
        });
    }
}", Add);
        }

        [Fact]
        public async Task UpdateItem_BareName_ConditionFixAddsANamePlaceholder()
        {
            await VerifyFixAsync(BareNameIncrement, @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        long hits = long.Parse(item[""hits""].N);
        hits++;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET hits = :h"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":h""] = new AttributeValue { N = hits.ToString() }, ["":expected""] = item[""hits""] },
            ConditionExpression = ""#hits = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#hits""] = ""hits"" },
        });
    }
}", Condition);
        }

        private const string ReadMapPut = @"
class Service
{
    async Task Take(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string by, CancellationToken ct)
    {
        var item = (await client.GetItemAsync(""Stock"", key, ct)).Item;
        item[""left""].N = (int.Parse(item[""left""].N) - 2).ToString();
        item[""takenBy""] = new AttributeValue { S = by };
        await client.{|DDB201:PutItemAsync|}(""Stock"", item, ct);
    }
}";

        [Fact]
        public async Task PutItem_ReadMapChanged_AddFixBecomesAnUpdateThatKeepsTheOtherChange()
        {
            await VerifyFixAsync(ReadMapPut, @"
class Service
{
    async Task Take(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string by, CancellationToken ct)
    {
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Stock"",
            Key = key,
            UpdateExpression = ""ADD #left :delta SET #takenBy = :takenBy"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#left""] = ""left"", [""#takenBy""] = ""takenBy"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":delta""] = new AttributeValue { N = ""-2"" },
                ["":takenBy""] = new AttributeValue { S = by },
            },
        }, ct);
    }
}", Add);
        }

        [Fact]
        public async Task PutItem_ReadMapChangedInPlace_ConditionFixCapturesTheTextReadAndUsesARequest()
        {
            await VerifyFixAsync(ReadMapPut, @"
class Service
{
    async Task Take(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string by, CancellationToken ct)
    {
        var item = (await client.GetItemAsync(""Stock"", key, ct)).Item;
        var expectedLeft = item[""left""].N;
        item[""left""].N = (int.Parse(item[""left""].N) - 2).ToString();
        item[""takenBy""] = new AttributeValue { S = by };
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Stock"",
            Item = item,
            ConditionExpression = ""#left = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#left""] = ""left"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expected""] = new AttributeValue { N = expectedLeft } },
        }, ct);
    }
}", Condition);
        }

        [Fact]
        public async Task PutItem_NewMapWithTheReadKey_AddFixUsesTheReadKey()
        {
            await VerifyFixAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, string id, decimal amount)
    {
        var read = await client.GetItemAsync(""Accounts"", new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } });
        var balance = decimal.Parse(read.Item[""balance""].N, CultureInfo.InvariantCulture);
        balance -= amount;
        await client.{|DDB201:PutItemAsync|}(""Accounts"", new Dictionary<string, AttributeValue>
        {
            [""id""] = new AttributeValue { S = id },
            [""balance""] = new AttributeValue { N = balance.ToString(CultureInfo.InvariantCulture) },
        });
    }
}", @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, string id, decimal amount)
    {
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Accounts"",
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
            UpdateExpression = ""ADD #balance :delta"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#balance""] = ""balance"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = (-amount).ToString(CultureInfo.InvariantCulture) } },
        });
    }
}", Add);
        }

        [Fact]
        public async Task PutItem_NewMapWithTheReadKey_ConditionFixComparesWithTheValueRead()
        {
            await VerifyFixAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, string id, decimal amount)
    {
        var read = await client.GetItemAsync(""Accounts"", new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } });
        var balance = decimal.Parse(read.Item[""balance""].N, CultureInfo.InvariantCulture);
        balance -= amount;
        await client.{|DDB201:PutItemAsync|}(""Accounts"", new Dictionary<string, AttributeValue>
        {
            [""id""] = new AttributeValue { S = id },
            [""balance""] = new AttributeValue { N = balance.ToString(CultureInfo.InvariantCulture) },
        });
    }
}", @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, string id, decimal amount)
    {
        var read = await client.GetItemAsync(""Accounts"", new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } });
        var balance = decimal.Parse(read.Item[""balance""].N, CultureInfo.InvariantCulture);
        balance -= amount;
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Accounts"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""id""] = new AttributeValue { S = id },
                [""balance""] = new AttributeValue { N = balance.ToString(CultureInfo.InvariantCulture) },
            },
            ConditionExpression = ""#balance = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#balance""] = ""balance"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":expected""] = read.Item[""balance""] },
        });
    }
}", Condition);
        }

        [Fact]
        public async Task UpdateItem_LegacyAttributeUpdates_OnlyTheAddFixIsOffered()
        {
            const string Source = @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N);
        await client.{|DDB201:UpdateItemAsync|}(""Counters"", key, new Dictionary<string, AttributeValueUpdate>
        {
            [""n""] = new AttributeValueUpdate { Action = AttributeAction.PUT, Value = new AttributeValue { N = (n + 1).ToString() } },
        });
    }
}";
            Assert.Equal(new[] { Add }, await GetOfferedKeysAsync(Source.Replace("{|DDB201:UpdateItemAsync|}", "UpdateItemAsync")));
            await VerifyFixAsync(Source, @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""ADD #n :delta"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""1"" } },
        });
    }
}", Add);
        }

        private const string TryGetValueDeposit = @"
class Service
{
    async Task Deposit(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, decimal amount)
    {
        var response = await client.GetItemAsync(""Accounts"", key);
        var balance = response.Item.TryGetValue(""balance"", out var stored) ? decimal.Parse(stored.N, CultureInfo.InvariantCulture) : 0m;
        balance += amount;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Accounts"",
            Key = key,
            UpdateExpression = ""SET balance = :b"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":b""] = new AttributeValue { N = balance.ToString(CultureInfo.InvariantCulture) } },
        });
    }
}";

        [Fact]
        public async Task UpdateItem_MissingAttributeCountedFromZero_AddFixAddsTheVariableDelta()
        {
            await VerifyFixAsync(TryGetValueDeposit, @"
class Service
{
    async Task Deposit(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, decimal amount)
    {
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Accounts"",
            Key = key,
            UpdateExpression = ""ADD balance :delta"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = amount.ToString(CultureInfo.InvariantCulture) } },
        });
    }
}", Add);
        }

        [Fact]
        public async Task UpdateItem_MissingAttributeCountedFromZero_ConditionFixAcceptsAMissingAttribute()
        {
            await VerifyFixAsync(TryGetValueDeposit, @"
class Service
{
    async Task Deposit(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, decimal amount)
    {
        var response = await client.GetItemAsync(""Accounts"", key);
        var balance = response.Item.TryGetValue(""balance"", out var stored) ? decimal.Parse(stored.N, CultureInfo.InvariantCulture) : 0m;
        balance += amount;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Accounts"",
            Key = key,
            UpdateExpression = ""SET balance = :b"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":b""] = new AttributeValue { N = balance.ToString(CultureInfo.InvariantCulture) }, ["":expected""] = stored ?? new AttributeValue { NULL = true } },
            ConditionExpression = ""attribute_not_exists(#balance) OR #balance = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#balance""] = ""balance"" },
        });
    }
}", Condition);
        }

        [Theory]
        [InlineData("var n = item.ContainsKey(\"n\") ? int.Parse(item[\"n\"].N) + 1 : 5;")]
        [InlineData("var n = int.Parse(item[\"n\"].N); if (bonus) { n++; }")]
        [InlineData("var n = int.Parse(item[\"n\"].N) * 1 + 0; n = n + 1;")]
        public async Task UpdateItem_RewriteWouldChangeWhatTheCodeCounts_OnlyTheConditionFixIsOffered(string compute)
        {
            var source = @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, bool bonus)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        " + compute + @"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET n = :n"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { N = n.ToString() } },
        });
    }
}";
            if (compute.Contains("* 1", System.StringComparison.Ordinal))
            {
                // Not a read plus a delta: no finding at all.
                await new CSharpTest(new AtomicUpdateAnalyzer()) { TestCode = Header + source }.RunAsync();
                return;
            }

            // The condition fix still applies: it keeps the code's own arithmetic.
            Assert.Equal(new[] { Condition }, await GetOfferedKeysAsync(source));
        }

        private const string DocumentVisit = @"
class Service
{
    async Task Visit(Table table, string id)
    {
        var doc = await table.GetItemAsync(id);
        doc[""visits""] = doc[""visits""].AsInt() + 1;
        await table.{|DDB201:UpdateItemAsync|}(doc);
    }
}";

        [Fact]
        public async Task DocumentUpdateItem_ConditionFixCapturesTheEntryAndAddsAConfig()
        {
            Assert.Equal(new[] { Condition }, await GetOfferedKeysAsync(DocumentVisit.Replace("{|DDB201:UpdateItemAsync|}", "UpdateItemAsync")));
            await VerifyFixAsync(DocumentVisit, @"
class Service
{
    async Task Visit(Table table, string id)
    {
        var doc = await table.GetItemAsync(id);
        var expectedVisits = doc[""visits""];
        doc[""visits""] = doc[""visits""].AsInt() + 1;
        await table.UpdateItemAsync(doc, new UpdateItemOperationConfig
        {
            ConditionalExpression = new Expression
            {
                ExpressionStatement = ""#visits = :expected"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#visits""] = ""visits"" },
                ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { ["":expected""] = expectedVisits },
            },
        });
    }
}", Condition);
        }

        [Fact]
        public async Task DocumentPutItem_WithCancellationToken_ConditionFixPutsTheConfigBeforeTheToken()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await VerifyFixAsync(@"
class Service
{
    async Task Take(ITable table, string id, CancellationToken ct)
    {
        var doc = await table.GetItemAsync(id, ct);
        int left = (int)doc[""left""];
        left--;
        doc[""left""] = left;
        await table.{|DDB201:PutItemAsync|}(doc, ct);
    }
}", @"
class Service
{
    async Task Take(ITable table, string id, CancellationToken ct)
    {
        var doc = await table.GetItemAsync(id, ct);
        int left = (int)doc[""left""];
        left--;
        var expectedLeft = doc[""left""];
        doc[""left""] = left;
        await table.PutItemAsync(doc, new PutItemOperationConfig
        {
            ConditionalExpression = new Expression
            {
                ExpressionStatement = ""#left = :expected"",
                ExpressionAttributeNames = new Dictionary<string, string> { [""#left""] = ""left"" },
                ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { ["":expected""] = expectedLeft },
            },
        }, ct);
    }
}", Condition);
        }

        [Fact]
        public async Task PutItem_MultiLineReadKey_AddFixKeepsItsLayout()
        {
            await VerifyFixAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, string id)
    {
        var read = await client.GetItemAsync(new GetItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue>
            {
                [""id""] = new AttributeValue { S = id },
            },
        });
        read.Item[""n""] = new AttributeValue { N = (int.Parse(read.Item[""n""].N) + 1).ToString() };
        await client.{|DDB201:PutItemAsync|}(new PutItemRequest { TableName = ""Counters"", Item = read.Item });
    }
}", @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, string id)
    {
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue>
            {
                [""id""] = new AttributeValue { S = id },
            },
            UpdateExpression = ""ADD #n :delta"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""1"" } },
        });
    }
}", Add);
        }

        private const string ContextIncrement = @"
class Service
{
    private readonly IDynamoDBContext _context;
    private readonly IAmazonDynamoDB _client;

    public Service(IDynamoDBContext context, IAmazonDynamoDB client)
    {
        _context = context;
        _client = client;
    }

    async Task Add(string id, int amount, CancellationToken ct)
    {
        var counter = await _context.LoadAsync<Counter>(id, ct);
        counter.Count += amount;
        counter.Name = ""renamed"";
        await _context.{|DDB201:SaveAsync|}(counter, ct);
    }
}";

        [Fact]
        public async Task SaveAsync_ClientInScope_AddFixBecomesALowLevelUpdateThatKeepsTheOtherChange()
        {
            await VerifyFixAsync(ContextIncrement, @"
class Service
{
    private readonly IDynamoDBContext _context;
    private readonly IAmazonDynamoDB _client;

    public Service(IDynamoDBContext context, IAmazonDynamoDB client)
    {
        _context = context;
        _client = client;
    }

    async Task Add(string id, int amount, CancellationToken ct)
    {
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""ADD #Count :delta SET #Name = :Name"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#Count""] = ""Count"", [""#Name""] = ""Name"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":delta""] = new AttributeValue { N = amount.ToString(CultureInfo.InvariantCulture) },
                ["":Name""] = new AttributeValue { S = ""renamed"" },
            },
        }, ct);
    }
}", Add);
        }

        [Fact]
        public async Task SaveAsync_ConditionFixComparesThePropertyAsLoaded()
        {
            TestSdks.Only(AwsSdk.V4, "the fix writes SaveConfig.ConditionalExpression");
            await VerifyFixAsync(ContextIncrement, @"
class Service
{
    private readonly IDynamoDBContext _context;
    private readonly IAmazonDynamoDB _client;

    public Service(IDynamoDBContext context, IAmazonDynamoDB client)
    {
        _context = context;
        _client = client;
    }

    async Task Add(string id, int amount, CancellationToken ct)
    {
        var counter = await _context.LoadAsync<Counter>(id, ct);
        var expectedCount = counter.Count;
        counter.Count += amount;
        counter.Name = ""renamed"";
        var condition = new ContextExpression();
        condition.SetFilter<Counter>(c => c.Count == expectedCount);
        await _context.SaveAsync(counter, new SaveConfig { ConditionalExpression = condition }, ct);
    }
}", Condition, hasExpressions: false);
        }

        [Fact]
        public async Task SaveAsync_NoClientInScope_OnlyTheConditionFixIsOffered()
        {
            Assert.Equal(new[] { Condition }, await GetOfferedKeysAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Count++;
        await context.SaveAsync(counter);
    }
}"));
        }

        /// <summary>What the ADD fix leaves of a get-or-create counter whose new object sets only the key: one UpdateItem.</summary>
        private const string CounterAddedAtomically = @"
class Service
{
    async Task Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""ADD #Count :delta"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#Count""] = ""Count"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""1"" } },
        });
    }
}";

        [Fact]
        public async Task SaveAsync_GetOrCreateWithTheKeyOnly_AddFixReplacesTheReadAndTheSave()
        {
            // A missing item: the code saves a new counter with the key and Count 0 + 1; ADD creates the same.
            await VerifyFixAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        var counter = await context.LoadAsync<Counter>(id) ?? new Counter { Id = id };
        counter.Count++;
        await context.{|DDB201:SaveAsync|}(counter);
    }
}", CounterAddedAtomically, Add);
        }

        [Fact]
        public async Task SaveAsync_GetOrCreateByNullCheck_AddFixRemovesTheReadAndTheFallback()
        {
            await VerifyFixAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        if (counter == null)
        {
            counter = new Counter { Id = id };
        }

        counter.Count++;
        await context.{|DDB201:SaveAsync|}(counter);
    }
}", CounterAddedAtomically, Add);
        }

        [Fact]
        public async Task SaveAsync_GetOrCreateByMemberCheck_NoFixIsOffered()
        {
            // DDB201 is reported: the loaded counter is incremented and saved whole. But the member check also starts an
            // existing counter without a Name again at 0 + 1, which ADD would increment instead; and the condition fix
            // compares a count a new counter never had. Nothing is offered rather than a fix that changes what runs.
            const string Code = @"
class Service
{
    async Task Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        if (counter?.Name is null)
        {
            counter = new Counter { Id = id };
        }

        counter.Count++;
        await context.SaveAsync(counter);
    }
}";
            Assert.Empty(await GetOfferedKeysAsync(Code, AwsSdk.V4_1));
            Assert.Equal(new[] { Add }, await GetOfferedKeysAsync(Code.Replace("counter?.Name is null", "counter is null"), AwsSdk.V4_1));
        }

        [Fact]
        public async Task SaveAsync_GetOrCreate_ConditionFixIsNotOffered_NorAddWhenTheNewObjectSetsMore()
        {
            // The condition fix compares Count as loaded, which a missing item never satisfies; and ADD would not store
            // the Name a new counter starts with.
            Assert.Equal(new[] { Add }, await GetOfferedKeysAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        var counter = await context.LoadAsync<Counter>(id) ?? new Counter { Id = id };
        counter.Count++;
        await context.SaveAsync(counter);
    }
}", AwsSdk.V4_1));
            Assert.Empty(await GetOfferedKeysAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        var counter = await context.LoadAsync<Counter>(id) ?? new Counter { Id = id, Name = ""new"" };
        counter.Count++;
        await context.SaveAsync(counter);
    }
}", AwsSdk.V4_1));
        }

        [Fact]
        public async Task SaveOfANewObjectBuiltFromTheLoadedOne_NoFixIsOffered()
        {
            // DDB201 is reported (new Counter { Id = id, Count = counter.Count + 1 }), but both fixes edit the save of the
            // loaded object itself; there is no such save here to rewrite, so nothing is offered rather than a wrong edit.
            Assert.Empty(await GetOfferedKeysAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        await context.SaveAsync(new Counter { Id = id, Count = counter.Count + 1 });
    }
}"));
        }

        [Fact]
        public async Task SaveAsync_SdkV3_ConditionFixIsNotOffered()
        {
            // SDK v3's object model has no SaveConfig / ContextExpression, so a conditional save cannot be written
            // there; the atomic ADD through the client is still offered where a client is in scope.
            const string NoClient = @"
class Service
{
    async Task Increment(IDynamoDBContext context, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Count++;
        await context.SaveAsync(counter);
    }
}";
            const string WithClient = @"
class Service
{
    async Task Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Count++;
        await context.SaveAsync(counter);
    }
}";
            Assert.Empty(await GetOfferedKeysAsync(NoClient, AwsSdk.V3));
            Assert.Equal(new[] { Add }, await GetOfferedKeysAsync(WithClient, AwsSdk.V3));
            Assert.Equal(new[] { Add, Condition }, await GetOfferedKeysAsync(WithClient, AwsSdk.V4_1));
        }

        [Fact]
        public async Task SaveAsync_ClientParameterAndObjectUsedAfterwards_AddFixKeepsTheLoad()
        {
            await VerifyFixAsync(@"
class Service
{
    async Task<int> Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Count++;
        await context.{|DDB201:SaveAsync|}(counter);
        return counter.Count;
    }
}", @"
class Service
{
    async Task<int> Increment(IDynamoDBContext context, IAmazonDynamoDB client, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Count++;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
            UpdateExpression = ""ADD #Count :delta"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#Count""] = ""Count"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""1"" } },
        });
        return counter.Count;
    }
}", Add);
        }

        [Fact]
        public async Task UpdateItem_SynchronousPut_AddFixUsesTheSynchronousUpdate()
        {
            await VerifyFixAsync(@"
class Service
{
    void Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = client.GetItem(""Counters"", key).Item;
        item[""n""] = new AttributeValue { N = (int.Parse(item[""n""].N) + 3).ToString() };
        client.{|DDB201:PutItem|}(""Counters"", item);
    }
}", @"
class Service
{
    void Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        client.UpdateItem(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""ADD #n :delta"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""3"" } },
        });
    }
}", Add, ReferenceSet.AwsSdkNet472);
        }

        [Fact]
        public async Task UpdateItem_ExistingAddClauseAndTakenPlaceholders_AddFixMergesWithoutClashes()
        {
            await VerifyFixAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        Console.WriteLine(item[""name""].S);
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET #n = :v, #copy = :v ADD #total :delta"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#n"", ""n"" }, { ""#copy"", ""copy"" }, { ""#total"", ""total"" } },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                { "":v"", new AttributeValue { N = n.ToString() } },
                { "":delta"", new AttributeValue { N = ""5"" } },
            },
        });
    }
}", @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        Console.WriteLine(item[""name""].S);
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET #copy = :v ADD #total :delta, #n :delta2"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#n"", ""n"" }, { ""#copy"", ""copy"" }, { ""#total"", ""total"" } },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                { "":v"", new AttributeValue { N = n.ToString() } },
                { "":delta"", new AttributeValue { N = ""5"" } },
                { "":delta2"", new AttributeValue { N = ""1"" } },
            },
        });
    }
}", Add);
        }

        [Fact]
        public async Task UpdateItem_ReadStillUsedElsewhere_AddFixRemovesOnlyTheDeadNumber()
        {
            await VerifyFixAsync(@"
class Service
{
    async Task<string> Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET #n = :v"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { { "":v"", new AttributeValue { N = n.ToString() } } },
        });
        return item[""name""].S;
    }
}", @"
class Service
{
    async Task<string> Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""ADD #n :delta"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { { "":delta"", new AttributeValue { N = ""1"" } } },
        });
        return item[""name""].S;
    }
}", Add);
        }

        [Fact]
        public async Task UpdateItem_ExistingConditionWithOr_ConditionFixParenthesizesIt()
        {
            await VerifyFixAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET #n = :v"",
            ConditionExpression = ""attribute_exists(id) OR attribute_exists(legacyId)"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#n"", ""n"" } },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { { "":v"", new AttributeValue { N = n.ToString() } } },
        });
    }
}", @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET #n = :v"",
            ConditionExpression = ""(attribute_exists(id) OR attribute_exists(legacyId)) AND #n = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#n"", ""n"" } },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { { "":v"", new AttributeValue { N = n.ToString() } }, { "":expected"", item[""n""] } },
        });
    }
}", Condition);
        }

        [Fact]
        public async Task SaveAsync_RenamedPropertyAndRangeKey_AddFixUsesStoredNamesAndBothKeys()
        {
            await VerifyFixAsync(@"
[DynamoDBTable(""Scores"")]
public class Score
{
    [DynamoDBHashKey(""player"")] public string Player { get; set; } = """";
    [DynamoDBRangeKey] public int Level { get; set; }
    [DynamoDBProperty(""pts"")] public long Points { get; set; }
}

class Service
{
    async Task Award(IDynamoDBContext context, IAmazonDynamoDB client, string player, int level)
    {
        var score = await context.LoadAsync<Score>(player, level);
        score.Points += 10;
        await context.{|DDB201:SaveAsync|}(score);
    }
}", @"
[DynamoDBTable(""Scores"")]
public class Score
{
    [DynamoDBHashKey(""player"")] public string Player { get; set; } = """";
    [DynamoDBRangeKey] public int Level { get; set; }
    [DynamoDBProperty(""pts"")] public long Points { get; set; }
}

class Service
{
    async Task Award(IDynamoDBContext context, IAmazonDynamoDB client, string player, int level)
    {
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Scores"",
            Key = new Dictionary<string, AttributeValue> { [""player""] = new AttributeValue { S = player }, [""Level""] = new AttributeValue { N = level.ToString(CultureInfo.InvariantCulture) } },
            UpdateExpression = ""ADD #pts :delta"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#pts""] = ""pts"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""10"" } },
        });
    }
}", Add);
        }

        [Fact]
        public async Task BrokenCodeElsewhere_BothFixesStillApply()
        {
            const string Broken = @"
class Other
{
    void Typing() { var x = ; }
}";
            foreach (var (key, fixedWrite) in new[]
            {
                (Add, @"UpdateExpression = ""ADD n :delta"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""1"" } },"),
                (Condition, @"UpdateExpression = ""SET n = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() }, ["":expected""] = item[""n""] },
            ConditionExpression = ""#n = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },"),
            })
            {
                const string Source = @"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET n = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
        });
    }
}";
                var fixedSource = Source
                    .Replace("{|DDB201:UpdateItemAsync|}", "UpdateItemAsync")
                    .Replace(@"UpdateExpression = ""SET n = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },", fixedWrite);
                if (key == Add)
                {
                    fixedSource = fixedSource.Replace(@"        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
", string.Empty);
                }

                await new CSharpTest(new AtomicUpdateAnalyzer())
                {
                    TestCode = Header + Source + Broken,
                    FixedCode = Header + fixedSource + Broken,
                    CodeFix = new AtomicUpdateCodeFixProvider(),
                    CodeActionEquivalenceKey = key,
                    AllowAnyCompilerErrors = true,
                }.RunAsync();
            }
        }

        private const string TwoCounters = @"
class Service
{
    async Task Both(IAmazonDynamoDB client, Dictionary<string, AttributeValue> a, Dictionary<string, AttributeValue> b)
    {
        var first = (await client.GetItemAsync(""Counters"", a)).Item;
        var x = int.Parse(first[""n""].N) + 1;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = a,
            UpdateExpression = ""SET n = :n"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { N = x.ToString() } },
        });

        var second = (await client.GetItemAsync(""Counters"", b)).Item;
        var y = int.Parse(second[""n""].N) - 1;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = b,
            UpdateExpression = ""SET n = :n"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { N = y.ToString() } },
        });
    }
}";

        [Fact]
        public async Task FixAll_TwoCountersInOneMethod_AddFixRewritesBoth()
        {
            await VerifyFixAsync(TwoCounters, @"
class Service
{
    async Task Both(IAmazonDynamoDB client, Dictionary<string, AttributeValue> a, Dictionary<string, AttributeValue> b)
    {
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = a,
            UpdateExpression = ""ADD n :delta"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""1"" } },
        });

        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = b,
            UpdateExpression = ""ADD n :delta"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":delta""] = new AttributeValue { N = ""-1"" } },
        });
    }
}", Add);
        }

        [Fact]
        public async Task FixAll_TwoCountersInOneMethod_ConditionFixGuardsBoth()
        {
            await VerifyFixAsync(TwoCounters, @"
class Service
{
    async Task Both(IAmazonDynamoDB client, Dictionary<string, AttributeValue> a, Dictionary<string, AttributeValue> b)
    {
        var first = (await client.GetItemAsync(""Counters"", a)).Item;
        var x = int.Parse(first[""n""].N) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = a,
            UpdateExpression = ""SET n = :n"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { N = x.ToString() }, ["":expected""] = first[""n""] },
            ConditionExpression = ""#n = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },
        });

        var second = (await client.GetItemAsync(""Counters"", b)).Item;
        var y = int.Parse(second[""n""].N) - 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = b,
            UpdateExpression = ""SET n = :n"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { N = y.ToString() }, ["":expected""] = second[""n""] },
            ConditionExpression = ""#n = :expected"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },
        });
    }
}", Condition);
        }
    }
}
