using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;

namespace DynamoGuard.Tests.Rules
{
    public class AtomicUpdateAnalyzerTests
    {
        private const string Usings = @"
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
";

        private const string Models = Usings + @"
[DynamoDBTable(""Counters"")]
public class Counter
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public int Count { get; set; }
    public string Name { get; set; } = """";
    public List<string> Tags { get; set; } = new List<string>();
}

[DynamoDBTable(""Playlists"")]
public class Playlist
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    public int Plays { get; set; }
    [DynamoDBVersion] public long? Version { get; set; }
}
";

        private static Task VerifyAsync(string source, ReferenceSet references = ReferenceSet.AwsSdk)
            => new CSharpTest(new AtomicUpdateAnalyzer()) { TestCode = Models + source, References = references }.RunAsync();

        private static async Task VerifyMessageAsync(string source, string id, string message)
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer()) { TestCode = Models + source };
            test.ExpectedDiagnostics.Add(new DiagnosticResult(id).WithLocation(0).WithMessage(message));
            await test.RunAsync();
        }

        // ---- DDB201, low-level client ----

        [Fact]
        public async Task UpdateItem_SetOfParsedValuePlusOne_TriggersWithMessage()
        {
            await VerifyMessageAsync(@"
class Service
{
    private readonly IAmazonDynamoDB _client;
    public Service(IAmazonDynamoDB client) => _client = client;

    public async Task Increment(string id)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
        });
        var count = int.Parse(response.Item[""count""].N, CultureInfo.InvariantCulture) + 1;
        await _client.{|#0:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } },
            UpdateExpression = ""SET #count = :count"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#count""] = ""count"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":count""] = new AttributeValue { N = count.ToString(CultureInfo.InvariantCulture) },
            },
        });
    }
}", "DDB201", "UpdateItemAsync writes 'count' as the value GetItemAsync read + 1, with no condition on 'count': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)");
        }

        /// <summary><c>long.TryParse(item["n"].N, out var n)</c> reads the attribute into <c>n</c>, as <c>long.Parse</c> does.</summary>
        [Fact]
        public async Task UpdateItem_ValueParsedWithTryParseOutVar_TriggersWithMessage()
        {
            await VerifyMessageAsync(@"
class Service
{
    async Task Take(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, int quantity)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        if (!long.TryParse(item[""stock""].N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stock))
        {
            throw new InvalidOperationException(""no stock"");
        }

        await client.{|#0:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET stock = :s"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { N = (stock - quantity).ToString(CultureInfo.InvariantCulture) } },
        });
    }
}", "DDB201", "UpdateItemAsync writes 'stock' as the value GetItemAsync read - quantity, with no condition on 'stock': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)");
        }

        [Fact]
        public async Task UpdateItem_ValueParsedWithTryParseIntoDeclaredLocal_Triggers()
        {
            await VerifyAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        int hits;
        int.TryParse(item[""hits""].N, out hits);
        hits += 1;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET hits = :h"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":h""] = new AttributeValue { N = hits.ToString() } },
        });
    }
}");
        }

        /// <summary>Look-alikes: the out local reassigned from elsewhere, TryParse of text that is not an attribute, an atomic ADD, a condition on the value read.</summary>
        [Theory]
        [InlineData(@"long.TryParse(item[""stock""].N, out var stock); stock = quantity;", "SET stock = :s", "")]
        [InlineData(@"long.TryParse(text, out var stock);", "SET stock = :s", "")]
        [InlineData(@"long.TryParse(item[""stock""].N, out var stock);", "ADD stock :s", "")]
        [InlineData(@"long.TryParse(item[""stock""].N, out var stock);", "SET stock = :s", @"ConditionExpression = ""stock = :old"",")]
        [InlineData(@"long.TryParse(item[""stock""].N, out var stock);", "SET other = :s", "")]
        public async Task UpdateItem_TryParseLookAlikes_NoDiagnostic(string parse, string update, string condition)
        {
            await VerifyAsync($@"
class Service
{{
    async Task Take(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, long quantity, string text)
    {{
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        {parse}
        await client.UpdateItemAsync(new UpdateItemRequest
        {{
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""{update}"",
            {condition}
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {{
                ["":s""] = new AttributeValue {{ N = (stock - 1).ToString() }},
                ["":old""] = new AttributeValue {{ N = item[""stock""].N }},
            }},
        }});
    }}
}}");
        }

        [Fact]
        public async Task UpdateItem_ConvenienceReadAndLocalIncrementedWithPlusPlus_Triggers()
        {
            await VerifyAsync(@"
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
}");
        }

        [Fact]
        public async Task UpdateItem_SameKeyFromHelperCallAndMissingItemFallback_Triggers()
        {
            // The sample app's shape: key built by a helper twice, a missing item counted from zero.
            await VerifyAsync(@"
class Service
{
    private const string Table = ""PageViews"";
    private readonly IAmazonDynamoDB _client;
    public Service(IAmazonDynamoDB client) => _client = client;

    public async Task<int> Record(string pageId, CancellationToken cancellationToken)
    {
        var current = await _client.GetItemAsync(new GetItemRequest { TableName = Table, Key = KeyFor(pageId), ConsistentRead = true }, cancellationToken);
        var item = current.Item;
        var views = item is { Count: > 0 } ? int.Parse(item[""views""].N, CultureInfo.InvariantCulture) + 1 : 1;
        await _client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = Table,
            Key = KeyFor(pageId),
            UpdateExpression = ""SET #views = :v"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#views""] = ""views"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = views.ToString(CultureInfo.InvariantCulture) } },
        }, cancellationToken);
        return views;
    }

    private static Dictionary<string, AttributeValue> KeyFor(string pageId)
        => new Dictionary<string, AttributeValue> { [""page_id""] = new AttributeValue { S = pageId } };
}");
        }

        [Fact]
        public async Task UpdateItem_TryGetValueWithZeroFallbackThenCompoundAdd_Triggers()
        {
            await VerifyAsync(@"
class Service
{
    async Task Deposit(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, decimal amount)
    {
        var response = await client.GetItemAsync(""Accounts"", key).ConfigureAwait(false);
        var balance = response.Item.TryGetValue(""balance"", out var stored) ? decimal.Parse(stored.N, CultureInfo.InvariantCulture) : 0m;
        balance += amount;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Accounts"",
            Key = key,
            UpdateExpression = ""SET balance = :b, updated = :u"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":b""] = new AttributeValue { N = balance.ToString(CultureInfo.InvariantCulture) },
                ["":u""] = new AttributeValue { S = DateTime.UtcNow.ToString(""O"") },
            },
        }).ConfigureAwait(false);
    }
}");
        }

        [Fact]
        public async Task PutItem_ReadMapWithReplacedNumber_Triggers()
        {
            await VerifyAsync(@"
class Service
{
    async Task Decrement(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = ""Stock"", Key = key });
        var item = response.Item;
        var left = Convert.ToInt32(item[""left""].N) - 1;
        item[""left""] = new AttributeValue { N = left.ToString() };
        await client.{|DDB201:PutItemAsync|}(new PutItemRequest { TableName = ""Stock"", Item = item });
    }
}");
        }

        [Fact]
        public async Task PutItem_ReadMapNumberTextChangedInPlace_Triggers()
        {
            await VerifyAsync(@"
class Service
{
    async Task Decrement(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Stock"", key)).Item;
        item[""left""].N = (int.Parse(item[""left""].N) - 2).ToString();
        await client.{|DDB201:PutItemAsync|}(""Stock"", item);
    }
}");
        }

        [Fact]
        public async Task PutItem_NewMapWithTheReadKey_Triggers()
        {
            await VerifyAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, string id)
    {
        var read = await client.GetItemAsync(""Counters"", new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } });
        var n = int.Parse(read.Item[""n""].N);
        await client.{|DDB201:PutItemAsync|}(""Counters"", new Dictionary<string, AttributeValue>
        {
            [""id""] = new AttributeValue { S = id },
            [""n""] = new AttributeValue { N = $""{n + 5}"" },
        });
    }
}");
        }

        [Fact]
        public async Task UpdateItem_LegacyAttributeUpdatesPut_Triggers()
        {
            await VerifyAsync(@"
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
}");
        }

        [Fact]
        public async Task UpdateItem_SynchronousApi_Triggers()
        {
            await VerifyAsync(@"
class Service
{
    void Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = client.GetItem(""Counters"", key).Item;
        var n = int.Parse(item[""n""].N) + 1;
        client.{|DDB201:UpdateItem|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET n = :n"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { N = n.ToString() } },
        });
    }
}", ReferenceSet.AwsSdkNet472);
        }

        // ---- DDB201, document model ----

        [Fact]
        public async Task DocumentUpdateItem_EntryAsIntPlusOne_TriggersWithMessage()
        {
            await VerifyMessageAsync(@"
class Service
{
    async Task Increment(Table table, string id)
    {
        var doc = await table.GetItemAsync(id);
        doc[""visits""] = doc[""visits""].AsInt() + 1;
        await table.{|#0:UpdateItemAsync|}(doc);
    }
}", "DDB201", "UpdateItemAsync writes 'visits' as the value GetItemAsync read + 1, with no condition on 'visits': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)");
        }

        [Fact]
        public async Task DocumentPutItem_ExplicitConversionAndLocalDecrement_TriggersDdb201Only()
        {
            TestSdks.Only(AwsSdk.V4, "ITable");
            await VerifyAsync(@"
class Service
{
    async Task Take(ITable table, string id)
    {
        var doc = await table.GetItemAsync(id);
        int left = (int)doc[""left""];
        left--;
        doc[""left""] = left;
        await table.{|DDB201:PutItemAsync|}(doc);
    }
}");
        }

        // ---- DDB201, object persistence model ----

        [Fact]
        public async Task SaveAsync_LoadedPropertyIncremented_TriggersWithMessage()
        {
            await VerifyMessageAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Count++;
        await context.{|#0:SaveAsync|}(counter);
    }
}", "DDB201", "SaveAsync writes 'Count' as the value LoadAsync read + 1, with no condition on 'Count': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)");
        }

        [Theory]
        [InlineData("counter.Count += amount;")]
        [InlineData("counter.Count = counter.Count + amount;")]
        [InlineData("counter.Count = amount + counter.Count;")]
        [InlineData("var next = counter.Count - amount; counter.Count = next;")]
        public async Task SaveAsync_LoadedPropertyChangedByArithmetic_Triggers(string change)
        {
            await VerifyAsync(@"
class Service
{
    async Task Add(IDynamoDBContext context, string id, int amount, CancellationToken ct)
    {
        var counter = await context.LoadAsync<Counter>(id, ct);
        " + change + @"
        await context.{|DDB201:SaveAsync|}(counter, ct);
    }
}");
        }

        [Fact]
        public async Task UpdateItem_LocalReassignedToItselfPlusOne_Triggers()
        {
            await VerifyAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N);
        n = n + 1;
        await client.{|DDB201:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET n = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
        });
    }
}");
        }

        [Fact]
        public async Task SaveAsync_AtomicCounterOrIgnoredProperty_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBAtomicCounter]");
            await VerifyAsync(@"
[DynamoDBTable(""Stats"")]
public class Stats
{
    [DynamoDBHashKey] public string Id { get; set; } = """";
    [DynamoDBAtomicCounter] public long Saves { get; set; }
    [DynamoDBIgnore] public int Cached { get; set; }
}

class Service
{
    async Task Touch(IDynamoDBContext context, string id)
    {
        var stats = await context.LoadAsync<Stats>(id);
        stats.Saves++;
        stats.Cached++;
        await context.SaveAsync(stats);
    }
}");
        }

        // ---- DDB201: silent ----

        [Fact]
        public async Task UpdateItem_AtomicAdd_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        Console.WriteLine(int.Parse(item[""n""].N));
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""ADD n :one"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
        });
    }
}");
        }

        [Fact]
        public async Task UpdateItem_SetRelativeToStoredValue_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, int delta)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var step = item.ContainsKey(""n"") ? delta : 0;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET #n = if_not_exists(#n, :zero) + :d"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":zero""] = new AttributeValue { N = ""0"" },
                ["":d""] = new AttributeValue { N = step.ToString() },
            },
        });
    }
}");
        }

        [Theory]
        [InlineData("#n = :expected")]
        [InlineData("attribute_not_exists(#n) OR #n = :expected")]
        public async Task UpdateItem_ConditionOnTheValueRead_DoesNotTrigger(string condition)
        {
            await VerifyAsync(@"
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
            ConditionExpression = """ + condition + @""",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""n"" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":v""] = new AttributeValue { N = n.ToString() },
                ["":expected""] = item[""n""],
            },
        });
    }
}");
        }

        [Fact]
        public async Task UpdateItem_ConditionOnAVersion_DoesNotTrigger()
        {
            await VerifyAsync(@"
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
            UpdateExpression = ""SET n = :v, rowVersion = :next"",
            ConditionExpression = ""rowVersion = :current"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":v""] = new AttributeValue { N = n.ToString() },
                ["":current""] = item[""rowVersion""],
                ["":next""] = new AttributeValue { N = (int.Parse(item[""rowVersion""].N) + 1).ToString() },
            },
        });
    }
}");
        }

        [Fact]
        public async Task UpdateItem_ConditionOnAnotherAttributeOnly_Triggers()
        {
            await VerifyAsync(@"
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
            ConditionExpression = ""attribute_exists(id)"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
        });
    }
}");
        }

        [Fact]
        public async Task UpdateItem_ConditionBuiltAtRunTime_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Increment(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string condition)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET n = :v"",
            ConditionExpression = condition,
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
        });
    }
}");
        }

        [Fact]
        public async Task SaveAsync_VersionedType_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyAsync(@"
class Service
{
    async Task Play(IDynamoDBContext context, string id)
    {
        var playlist = await context.LoadAsync<Playlist>(id);
        playlist.Plays++;
        await context.SaveAsync(playlist);
        await context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = true });
    }
}");
        }

        [Fact]
        public async Task UpdateItem_TableOfAVersionedClass_DoesNotTrigger()
        {
            // DDB101 reports writes to the table of a [DynamoDBVersion] class.
            await VerifyAsync(@"
class Service
{
    async Task Play(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Playlists"", key)).Item;
        var plays = int.Parse(item[""Plays""].N) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET Plays = :p"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":p""] = new AttributeValue { N = plays.ToString() } },
        });
    }
}");
        }

        [Fact]
        public async Task UpdateItem_IncrementedVersionNamedAttribute_DoesNotTrigger()
        {
            // An attribute named like a version that is incremented is a lock: DDB101's concern.
            await VerifyAsync(@"
class Service
{
    async Task Touch(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Docs"", key)).Item;
        var version = int.Parse(item[""version""].N) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Docs"",
            Key = key,
            UpdateExpression = ""SET version = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = version.ToString() } },
        });
    }
}");
        }

        [Fact]
        public async Task UpdateItem_WriteAlsoAdvancesAVersion_DoesNotTrigger()
        {
            // The write is versioned (DDB101 asks for the version condition, which also protects the counter).
            await VerifyAsync(@"
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
            UpdateExpression = ""SET n = :v, version = version + :one"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":v""] = new AttributeValue { N = n.ToString() },
                ["":one""] = new AttributeValue { N = ""1"" },
            },
        });
    }
}");
        }

        [Theory]
        [InlineData("otherKey", "\"Counters\"")]
        [InlineData("key", "\"Archive\"")]
        [InlineData("KeyFor(Guid.NewGuid().ToString())", "\"Counters\"")]
        public async Task UpdateItem_DifferentKeyOrTable_DoesNotTrigger(string writeKey, string writeTable)
        {
            await VerifyAsync(@"
class Service
{
    async Task Copy(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, Dictionary<string, AttributeValue> otherKey)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = " + writeTable + @",
            Key = " + writeKey + @",
            UpdateExpression = ""SET n = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
        });
    }

    static Dictionary<string, AttributeValue> KeyFor(string id) => new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
}");
        }

        [Fact]
        public async Task UpdateItem_KeyLocalReassignedBetweenReadAndWrite_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Copy(IAmazonDynamoDB client, string id, string other)
    {
        var keyId = id;
        var item = (await client.GetItemAsync(""Counters"", KeyFor(keyId))).Item;
        var n = int.Parse(item[""n""].N) + 1;
        keyId = other;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = KeyFor(keyId),
            UpdateExpression = ""SET n = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
        });
    }

    static Dictionary<string, AttributeValue> KeyFor(string id) => new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue { S = id } };
}");
        }

        [Fact]
        public async Task UpdateItem_DifferentAttributeWritten_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Copy(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var next = int.Parse(item[""n""].N) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET previousPlusOne = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = next.ToString() } },
        });
    }
}");
        }

        [Theory]
        [InlineData("amount + 1")]
        [InlineData("int.Parse(item[\"n\"].N) * 2")]
        [InlineData("Math.Max(int.Parse(item[\"n\"].N), 0) + 1")]
        [InlineData("Compute(int.Parse(item[\"n\"].N)) + 1")]
        [InlineData("int.Parse(item[\"n\"].N)")]
        public async Task UpdateItem_ValueNotAReadPlusDelta_DoesNotTrigger(string value)
        {
            await VerifyAsync(@"
class Service
{
    async Task Set(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, int amount)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = " + value + @";
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET n = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
        });
    }

    static int Compute(int value) => value;
}");
        }

        [Fact]
        public async Task UpdateItem_NumberReassignedFromElsewhere_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Set(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, int reset)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        n = reset;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET n = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
        });
    }
}");
        }

        [Fact]
        public async Task UpdateItem_RequestFromHelper_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Set(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", key)).Item;
        var n = int.Parse(item[""n""].N) + 1;
        await client.UpdateItemAsync(Build(key, n));
    }

    static UpdateItemRequest Build(Dictionary<string, AttributeValue> key, int n) => new UpdateItemRequest();
}");
        }

        [Fact]
        public async Task UpdateItem_ResponseFromParameter_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Set(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, GetItemResponse response)
    {
        var n = int.Parse(response.Item[""n""].N) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Counters"",
            Key = key,
            UpdateExpression = ""SET n = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
        });
    }
}");
        }

        [Fact]
        public async Task PutItem_ReadMapHandedToHelperBeforeTheWrite_DoesNotTriggerDdb201()
        {
            await VerifyAsync(@"
class Service
{
    async Task Decrement(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Stock"", key)).Item;
        item[""left""] = new AttributeValue { N = (int.Parse(item[""left""].N) - 1).ToString() };
        Normalize(item);
        await client.{|DDB202:PutItemAsync|}(""Stock"", item);
    }

    static void Normalize(Dictionary<string, AttributeValue> item) { }
}");
        }

        [Fact]
        public async Task SaveAsync_LoadedObjectHandedToHelper_DoesNotTriggerDdb201()
        {
            await VerifyAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Count++;
        Adjust(counter);
        await context.{|DDB202:SaveAsync|}(counter);
    }

    static void Adjust(Counter counter) { }
}");
        }

        [Fact]
        public async Task SaveAsync_WithConditionalExpression_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "ContextExpression, SaveConfig");
            await VerifyAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, string id)
    {
        var counter = await context.LoadAsync<Counter>(id);
        var expected = counter.Count;
        counter.Count++;
        var condition = new ContextExpression();
        condition.SetFilter<Counter>(c => c.Count == expected);
        await context.SaveAsync(counter, new SaveConfig { ConditionalExpression = condition });
    }
}");
        }

        [Fact]
        public async Task SaveAsync_ConfigFromParameter_DoesNotTrigger()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await VerifyAsync(@"
class Service
{
    async Task Increment(IDynamoDBContext context, string id, SaveConfig config)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Count++;
        await context.SaveAsync(counter, config);
    }
}");
        }

        [Fact]
        public async Task SaveAsync_PropertyNotDerivedFromTheLoad_TriggersDdb202Only()
        {
            await VerifyAsync(@"
class Service
{
    async Task Reset(IDynamoDBContext context, string id, int value)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Count = value + 1;
        await context.{|DDB202:SaveAsync|}(counter);
    }
}");
        }

        [Fact]
        public async Task SaveAsync_NewObject_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Create(IDynamoDBContext context, string id)
    {
        var counter = new Counter { Id = id };
        counter.Count++;
        await context.SaveAsync(counter);
    }
}");
        }

        [Fact]
        public async Task UpdateItem_WriteBeforeTheRead_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Loop(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var n = 0;
        for (var i = 0; i < 2; i++)
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = ""Counters"",
                Key = key,
                UpdateExpression = ""SET n = :v"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = n.ToString() } },
            });
            var item = (await client.GetItemAsync(""Counters"", key)).Item;
            Console.WriteLine(item.Count);
        }
    }
}");
        }

        // ---- DDB202 ----

        [Fact]
        public async Task PutItem_ReadMapWithChangedString_TriggersDdb202WithMessage()
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Models + @"
class Service
{
    async Task Rename(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string name)
    {
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        await client.{|#0:PutItemAsync|}(""Users"", item);
    }
}",
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB202").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithMessage(
                "PutItemAsync writes back the whole item GetItemAsync returned after changing 'name', without a condition: changes other writers make to the item in between are lost (update only the changed attributes, or add a version)"));
            await test.RunAsync();
        }

        [Fact]
        public async Task SaveAsync_LoadedObjectWithChangedString_TriggersDdb202()
        {
            await VerifyAsync(@"
class Service
{
    async Task Rename(IDynamoDBContext context, string id, string name)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Name = name;
        await context.{|DDB202:SaveAsync|}(counter);
    }
}");
        }

        [Fact]
        public async Task SaveAsync_LoadedObjectWithCollectionChanged_TriggersDdb202()
        {
            await VerifyAsync(@"
class Service
{
    async Task Tag(IDynamoDBContext context, string id, string tag)
    {
        var counter = await context.LoadAsync<Counter>(id);
        if (!counter.Tags.Contains(tag))
        {
            counter.Tags.Add(tag);
        }

        await context.{|DDB202:SaveAsync|}(counter);
    }
}");
        }

        [Fact]
        public async Task DocumentPutItem_ReadDocumentWithChangedString_TriggersDdb202()
        {
            await VerifyAsync(@"
class Service
{
    async Task Rename(Table table, string id, string name)
    {
        var doc = await table.GetItemAsync(id);
        doc[""name""] = name;
        await table.{|DDB202:PutItemAsync|}(doc);
    }
}");
        }

        [Fact]
        public async Task DocumentUpdateItem_ReadDocumentWithChangedString_DoesNotTrigger()
        {
            // Table.UpdateItem sends only the attributes that changed.
            await VerifyAsync(@"
class Service
{
    async Task Rename(Table table, string id, string name)
    {
        var doc = await table.GetItemAsync(id);
        doc[""name""] = name;
        await table.UpdateItemAsync(doc);
    }
}");
        }

        [Fact]
        public async Task PutItem_ReadMapWrittenWithCondition_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Rename(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string name)
    {
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Users"",
            Item = item,
            ConditionExpression = ""attribute_exists(id)"",
        });
    }
}");
        }

        [Fact]
        public async Task PutItem_ReadMapUnchanged_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Copy(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        await client.PutItemAsync(""Users"", item);
    }
}");
        }

        [Fact]
        public async Task PutItem_ReadMapCopiedToAnotherTable_DoesNotTrigger()
        {
            await VerifyAsync(@"
class Service
{
    async Task Archive(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""archivedAt""] = new AttributeValue { S = DateTime.UtcNow.ToString(""O"") };
        await client.PutItemAsync(""UsersArchive"", item);
    }
}");
        }

        [Fact]
        public async Task PutItem_ReadMapWithVersionAttribute_DoesNotTrigger()
        {
            // An item that carries a version is the locking rules' concern (DDB101).
            await VerifyAsync(@"
class Service
{
    async Task Rename(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string name)
    {
        var item = (await client.GetItemAsync(""Users"", key)).Item;
        item[""name""] = new AttributeValue { S = name };
        item[""version""] = new AttributeValue { N = (int.Parse(item[""version""].N) + 1).ToString() };
        await client.PutItemAsync(""Users"", item);
    }
}");
        }

        [Fact]
        public async Task SaveAsync_VersionedTypeChanged_DoesNotTriggerDdb202()
        {
            await VerifyAsync(@"
class Service
{
    async Task Rename(IDynamoDBContext context, string id)
    {
        var playlist = await context.LoadAsync<Playlist>(id);
        playlist.Id = ""x"";
        await context.SaveAsync(playlist);
    }
}");
        }

        // ---- one finding per write, with the locking rules ----

        [Fact]
        public async Task WithLockingRules_EachWriteGetsOneFinding()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await new CSharpTest(new AtomicUpdateAnalyzer(), new OptimisticLockingAnalyzer(), new SkipVersionCheckAnalyzer())
            {
                TestCode = Models + @"
class Service
{
    async Task Versioned(IDynamoDBContext context, string id)
    {
        var playlist = await context.LoadAsync<Playlist>(id);
        playlist.Plays++;
        await context.SaveAsync(playlist, new SaveConfig { {|DDB102:SkipVersionCheck = true|} });
    }

    async Task VersionedTable(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Playlists"", key)).Item;
        item[""Plays""] = new AttributeValue { N = (int.Parse(item[""Plays""].N) + 1).ToString() };
        item[""Version""] = new AttributeValue { N = (long.Parse(item[""Version""].N) + 1).ToString() };
        await client.{|DDB101:PutItemAsync|}(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = new Dictionary<string, AttributeValue>
            {
                [""Id""] = item[""Id""],
                [""Plays""] = item[""Plays""],
                [""Version""] = item[""Version""],
            },
        });
    }

    async Task Unversioned(IDynamoDBContext context, string id, string name)
    {
        var counter = await context.LoadAsync<Counter>(id);
        counter.Name = name;
        await context.{|DDB202:SaveAsync|}(counter);
        counter.Count++;
        await context.{|DDB201:SaveAsync|}(counter);
    }
}",
            }.RunAsync();
        }

        // ---- robustness ----

        [Fact]
        public async Task SaveAsync_GenericRepository_DoesNotTrigger()
        {
            // T could be versioned: nothing is known about it.
            await VerifyAsync(@"
public class Entity
{
    public int Count { get; set; }
}

class Repository<T> where T : Entity
{
    async Task Touch(IDynamoDBContext context, string id)
    {
        var item = await context.LoadAsync<T>(id);
        item.Count++;
        await context.SaveAsync(item);
    }
}");
        }

        [Fact]
        public async Task BrokenCode_DoesNotCrash()
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Models + @"
class Service
{
    async Task Broken(IAmazonDynamoDB client, IDynamoDBContext context, Table table, Dictionary<string, AttributeValue> key)
    {
        var item = (await client.GetItemAsync(""Counters"", )).Item;
        var n = int.Parse(item[].N) + ;
        await client.UpdateItemAsync(new UpdateItemRequest { TableName = , Key = key, UpdateExpression = ""SET n = :v"", ExpressionAttributeValues = { ["":v""] = new AttributeValue { N = n. } } });
        var counter = await context.LoadAsync<Counter>();
        counter.Count += ;
        await context.SaveAsync(counter, );
        var doc = await table.GetItemAsync();
        doc[] = doc[""x""].AsInt() + 1;
        await table.UpdateItemAsync(doc);
        await client.PutItemAsync(""Counters"", item
",
                AllowAnyCompilerErrors = true,
                CheckSuppressions = false,
            };
            await test.GetDiagnosticsAsync();
        }
    }
}
