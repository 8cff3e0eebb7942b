using System.Collections.Immutable;
using System.Linq;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Robustness
{
    /// <summary>
    /// Representative code that the rule tests rarely write: the SDK used from unusual syntax (generics, lambdas,
    /// local functions, field initializers, switch expressions, dynamic, null-conditional calls, collection
    /// expressions, derived contexts, very deep or very long expressions). Each compiles (a test checks it), so the
    /// mutations start from meaningful code.
    /// </summary>
    public static class RobustnessSnippets
    {
        private const string Models = """
            [DynamoDBTable("Items")]
            public class Item
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                public int Count { get; set; }
                [DynamoDBVersion] public long? Version { get; set; }
            }

            public class DerivedItem : Item
            {
                public string Extra { get; set; } = "";
            }

            [DynamoDBTable("Plain")]
            public record PlainItem
            {
                [DynamoDBHashKey] public string Id { get; init; } = "";
                public int Views { get; set; }
            }

            """;

        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.DynamoDBv2.DocumentModel;
            using Amazon.DynamoDBv2.Model;

            """;

        public static ImmutableArray<(string Name, string Code, ReferenceSet References)> All { get; } = ImmutableArray.Create(
            ("generics", Usings + Models + """
                public class Repository<T> where T : class
                {
                    private readonly IDynamoDBContext _context;
                    public Repository(IDynamoDBContext context) => _context = context;
                    public Task Save(T item) => _context.SaveAsync(item, new SaveConfig { SkipVersionCheck = true });
                    public Task Delete(object key) => _context.DeleteAsync<T>(key);
                    public ITransactWrite<T> Transaction() => _context.CreateTransactWrite<T>(new TransactWriteConfig { SkipVersionCheck = true });
                    public IBatchWrite<T> Batch() => _context.CreateBatchWrite<T>();
                    public Task SaveOther<TOther>(TOther other) => _context.SaveAsync<TOther>(other, new SaveConfig { SkipVersionCheck = true });
                }

                public static class Uses
                {
                    public static Task Run(IDynamoDBContext context) => new Repository<Item>(context).Save(new DerivedItem());
                    public static Task SaveDerived(IDynamoDBContext context, DerivedItem item) => context.SaveAsync(item, new SaveConfig { SkipVersionCheck = true });
                    public static Task SaveByType(IDynamoDBContext context, object item) => context.SaveAsync(typeof(Item), item, new SaveConfig { SkipVersionCheck = true });
                }
                """, ReferenceSet.AwsSdk),

            ("lambdas and local functions", Usings + Models + """
                public class Lambdas
                {
                    public async Task Run(IDynamoDBContext context, IAmazonDynamoDB client, IEnumerable<Item> items, CancellationToken ct)
                    {
                        Func<Item, Task> save = item => context.SaveAsync(item, new SaveConfig { SkipVersionCheck = true }, ct);
                        await Task.WhenAll(items.Select(save));
                        await Task.WhenAll(from item in items where item.Count > 0 select context.SaveAsync(item, ct));
                        await Local(items.First());
                        static Task Ignore(Item _) => Task.CompletedTask;
                        await Ignore(items.First());
                        Task Local(Item item)
                        {
                            var config = new SaveConfig();
                            config.SkipVersionCheck = true;
                            return context.SaveAsync(item, config, ct);
                        }

                        var loads = await Task.WhenAll(items.Select(async i => await context.LoadAsync<PlainItem>(i.Id, ct)));
                        foreach (var loaded in loads)
                        {
                            loaded.Views++;
                            await context.SaveAsync(loaded, ct);
                        }

                        Action<Dictionary<string, AttributeValue>> put = async item => await client.PutItemAsync("Items", item, ct);
                        put(new Dictionary<string, AttributeValue> { ["version"] = new AttributeValue { N = "3" } });
                    }
                }
                """, ReferenceSet.AwsSdk),

            ("conditional and pattern syntax", Usings + Models + """
                public class Conditional
                {
                    public async Task Run(IDynamoDBContext? context, Item item, int mode, bool flag, object boxed)
                    {
                        await (context?.SaveAsync(item, flag ? new SaveConfig { SkipVersionCheck = true } : null!) ?? Task.CompletedTask);
                        var config = mode switch
                        {
                            1 => new SaveConfig { SkipVersionCheck = true },
                            2 => new SaveConfig { SkipVersionCheck = flag },
                            _ => new SaveConfig { SkipVersionCheck = !flag && mode > 3 },
                        };
                        if (context is { } c && boxed is Item { Version: null } fresh)
                        {
                            await c.SaveAsync(fresh, config);
                        }

                        if (boxed is SaveConfig { SkipVersionCheck: true } existing)
                        {
                            await context!.SaveAsync(item, existing);
                        }

                        await context!.SaveAsync(item, (SaveConfig)boxed);
                        await context.SaveAsync(item, boxed as SaveConfig ?? new() { SkipVersionCheck = true });
                        await context.DeleteAsync(item, new DeleteConfig { SkipVersionCheck = mode == 1 ? true : false });
                    }
                }
                """, ReferenceSet.AwsSdk),

            ("members and initializers", Usings + Models + """
                public class Members
                {
                    private static readonly SaveConfig Skip = new SaveConfig { SkipVersionCheck = true };
                    private readonly Task _pending;
                    private SaveConfig Config { get; } = new() { SkipVersionCheck = true };
                    public SaveConfig this[int i] => new SaveConfig { SkipVersionCheck = i > 0 };
                    public DynamoDBContextConfig ContextConfig { get; set; } = new DynamoDBContextConfig { SkipVersionCheck = true };

                    public Members(IDynamoDBContext context, Item item)
                    {
                        _pending = context.SaveAsync(item, Skip);
                    }

                    public Task Save(IDynamoDBContext context, Item item, SaveConfig? config = null) => context.SaveAsync(item, config ?? Config);

                    public Task Pending => _pending;

                    public static IDynamoDBContext Build(IAmazonDynamoDB client) => new DynamoDBContextBuilder()
                        .WithDynamoDBClient(() => client)
                        .ConfigureContext(c => { c.SkipVersionCheck = true; c.ConsistentRead = true; })
                        .ConfigureContext(c => c.SkipVersionCheck = true)
                        .Build();
                }
                """, ReferenceSet.AwsSdk),

            ("collections and initializers", Usings + """
                public class Collections
                {
                    public async Task Run(IAmazonDynamoDB client, string[] ids)
                    {
                        List<WriteRequest> writes =
                        [
                            new() { PutRequest = new() { Item = new() { ["id"] = new() { S = "a" }, ["version"] = new() { N = "1" } } } },
                            new() { DeleteRequest = new() { Key = new() { ["id"] = new() { S = "b" } } } },
                            .. ids.Select(id => new WriteRequest { DeleteRequest = new DeleteRequest { Key = new() { ["id"] = new() { S = id } } } }),
                        ];
                        var request = new BatchWriteItemRequest { RequestItems = { ["T"] = writes } };
                        request.RequestItems.Add("U", [.. writes]);
                        var response = await client.BatchWriteItemAsync(request);
                        _ = response.UnprocessedItems?.Count;

                        var put = new PutItemRequest { TableName = "T", Item = { ["id"] = new AttributeValue("x"), ["rowVersion"] = new AttributeValue { N = "2" } } };
                        put.Item["other"] = new AttributeValue { BOOL = true };
                        put.ExpressionAttributeValues = [];
                        put.ExpressionAttributeNames = new() { ["#v"] = "rowVersion" };
                        await client.PutItemAsync(put);

                        var keys = Enumerable.Range(0, 150).Select(i => new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = i.ToString() } }).ToList();
                        await client.BatchGetItemAsync(new Dictionary<string, KeysAndAttributes> { ["T"] = new KeysAndAttributes { Keys = keys } });

                        var actions = new List<TransactWriteItem>();
                        for (var i = 0; i < 101; i++)
                        {
                            actions.Add(new TransactWriteItem { ConditionCheck = new ConditionCheck { TableName = "T", Key = keys[i], ConditionExpression = "attribute_exists(id)" } });
                        }

                        await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = actions, ClientRequestToken = new string('x', 40) });
                    }
                }
                """, ReferenceSet.AwsSdk),

            ("expressions built in many ways", Usings + """
                public class Expressions
                {
                    private const string Version = "version";
                    private const string Condition = "#v = :expected AND attribute_exists(" + Version + ")";

                    public async Task Run(IAmazonDynamoDB client, string dynamicPart, int n)
                    {
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "T",
                            Key = new() { ["id"] = new AttributeValue { S = "1" } },
                            UpdateExpression = $"SET {Version} = {Version} + :one, #name = :name" + (n > 0 ? " REMOVE old" : ""),
                            ConditionExpression = Condition,
                            ExpressionAttributeNames = new() { ["#v"] = Version, ["#name"] = nameof(dynamicPart) },
                            ExpressionAttributeValues = new() { [":one"] = new() { N = "1" }, [":expected"] = new() { N = n.ToString() }, [":name"] = new() { S = dynamicPart } },
                        });
                        await client.UpdateItemAsync(new UpdateItemRequest { TableName = "T", UpdateExpression = "SET count = count + :one, status = :s ADD views :one DELETE tags :t REMOVE a.b[3].c", ConditionExpression = "size(#x) > :one AND NOT (begins_with(a, :p) OR contains(b, :q)) AND c BETWEEN :lo AND :hi AND d IN (:a, :b, :c)" });
                        await client.UpdateItemAsync(new UpdateItemRequest { TableName = "T", UpdateExpression = "SET a = :x, a = :y REMOVE a SET b = list_append(if_not_exists(b, :empty), :more)", ConditionExpression = "((((a = :x)" });
                        await client.UpdateItemAsync(new UpdateItemRequest { TableName = "T", UpdateExpression = "", ConditionExpression = " ", ExpressionAttributeValues = new() });
                        await client.UpdateItemAsync(new UpdateItemRequest { TableName = "T", UpdateExpression = string.Format("SET {0} = :v", dynamicPart), ConditionExpression = dynamicPart + " = :v" });
                        await client.DeleteItemAsync(new DeleteItemRequest { TableName = "T", ConditionExpression = "#\u0000 = :\uFFFF", Expected = new() { ["version"] = new ExpectedAttributeValue { Exists = false } } });
                        await client.QueryAsync(new QueryRequest { TableName = "T", KeyConditionExpression = "id = :id AND begins_with(sk, :p)", ProjectionExpression = "a, b.c, d[0], #e", AttributesToGet = new() { "a" } });
                    }
                }
                """, ReferenceSet.AwsSdk),

            ("very deep and very long", Usings + $$"""
                public class Deep
                {
                    public async Task Run(IAmazonDynamoDB client)
                    {
                        await client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "T",
                            ConditionExpression = "{{new string('(', 1000)}}a = :v{{new string(')', 1000)}}",
                            UpdateExpression = "SET {{string.Join(", ", Enumerable.Range(0, 400).Select(i => $"a{i} = :v"))}}",
                            ExpressionAttributeValues = new() { [":v"] = new AttributeValue { N = "1" } },
                        });
                        var concatenated = {{string.Join(" + ", Enumerable.Range(0, 300).Select(i => $"\"x{i} \""))}};
                        await client.DeleteItemAsync(new DeleteItemRequest { TableName = "T", ConditionExpression = concatenated });
                        var nested = new Dictionary<string, AttributeValue> { ["m"] = {{string.Concat(Enumerable.Repeat("new AttributeValue { M = new Dictionary<string, AttributeValue> { [\"m\"] = ", 60))}}new AttributeValue { N = "1" }{{string.Concat(Enumerable.Repeat(" } }", 60))}} };
                        await client.PutItemAsync("T", nested);
                    }
                }
                """, ReferenceSet.AwsSdk),

            ("dynamic, casts and derived clients", Usings + Models + """
                #pragma warning disable CS0618
                public class MyContext : DynamoDBContext
                {
                    public MyContext(IAmazonDynamoDB client) : base(client) { }
                }

                public class MyClient : AmazonDynamoDBClient
                {
                    public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default) => base.PutItemAsync(request, cancellationToken);
                }

                public class Dynamic
                {
                    public async Task Run(IAmazonDynamoDB client, Item item, dynamic anything)
                    {
                        dynamic context = new MyContext(client);
                        await context.SaveAsync(item, new SaveConfig { SkipVersionCheck = true });
                        await new MyContext(client).SaveAsync(item, new SaveConfig { SkipVersionCheck = true });
                        await ((IDynamoDBContext)anything).SaveAsync(item, anything);
                        object boxed = new SaveConfig { SkipVersionCheck = true };
                        await new MyContext(client).SaveAsync(item, (SaveConfig)boxed);
                        await new MyClient().PutItemAsync(new PutItemRequest { TableName = "T", Item = new() { ["version"] = new() { N = "1" } } });
                        await ((AmazonDynamoDBClient)client).DeleteItemAsync("T", new Dictionary<string, AttributeValue>());
                        await anything.PutItemAsync(new PutItemRequest());
                    }
                }
                """, ReferenceSet.AwsSdk),

            ("document model pieces", Usings + """
                public class Documents
                {
                    public async Task Run(ITable table, Table concrete, IAmazonDynamoDB client, string id)
                    {
                        var expression = new Expression();
                        expression.ExpressionStatement = "#v = :v";
                        expression.ExpressionAttributeNames["#v"] = "version";
                        expression.ExpressionAttributeValues[":v"] = 3;
                        var document = new Document { ["id"] = id, ["version"] = 4, ["count"] = 1 };
                        document["count"] = document["count"].AsInt() + 1;
                        await table.PutItemAsync(document, new PutItemOperationConfig { ConditionalExpression = expression });
                        await table.UpdateItemAsync(document, new UpdateItemOperationConfig { ExpectedState = new ExpectedState(), ConditionalExpression = new Expression { ExpressionStatement = "attribute_not_exists(id)" } });
                        await concrete.DeleteItemAsync(document);
                        await concrete.UpdateItemAsync(document, new Primitive(id), new UpdateItemOperationConfig());
                        var batch = table.CreateBatchWrite();
                        batch.AddDocumentToPut(document);
                        await batch.ExecuteAsync();
                        var other = new TableBuilder(client, "T").AddHashKey("id", DynamoDBEntryType.String).Build();
                        await other.PutItemAsync(new Document { ["version"] = 1 });
                    }
                }
                """, ReferenceSet.AwsSdk),

            ("statements of every kind", Usings + Models + """
                public partial class Statements
                {
                    partial void OnSaved(Item item);

                    public async IAsyncEnumerable<Item> Stream(IDynamoDBContext context, IAsyncEnumerable<Item> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
                    {
                        await foreach (var item in items.WithCancellation(ct))
                        {
                            using var scope = new CancellationTokenSource();
                            try
                            {
                                checked
                                {
                                    item.Count += 1;
                                }

                                lock (this)
                                {
                                    _ = item.Version;
                                }

                                await context.SaveAsync(item, new SaveConfig { SkipVersionCheck = true }, scope.Token);
                                OnSaved(item);
                            }
                            catch (Exception ex) when (ex is ConditionalCheckFailedException)
                            {
                                goto retry;
                            }
                            finally
                            {
                                scope.Cancel();
                            }

                            yield return item;
                            continue;
                        retry:
                            var (a, b) = (item, new DeleteConfig { SkipVersionCheck = true });
                            await context.DeleteAsync(a, b, ct);
                        }
                    }
                }

                public partial class Statements
                {
                    partial void OnSaved(Item item) { }
                }
                """, ReferenceSet.AwsSdk),

            ("synchronous API (net472 build)", Usings + Models + """
                public class Sync
                {
                    public void Run(IAmazonDynamoDB client, IDynamoDBContext context, Table table, Item item)
                    {
                        client.PutItem(new PutItemRequest { TableName = "T", Item = new Dictionary<string, AttributeValue> { ["version"] = new AttributeValue { N = "1" } } });
                        client.PutItem("T", new Dictionary<string, AttributeValue> { ["version"] = new AttributeValue { N = "2" } });
                        client.UpdateItem("T", new Dictionary<string, AttributeValue>(), new Dictionary<string, AttributeValueUpdate> { ["version"] = new AttributeValueUpdate { Action = AttributeAction.PUT, Value = new AttributeValue { N = "3" } } });
                        client.DeleteItem(new DeleteItemRequest { TableName = "T" });
                        var response = client.BatchWriteItem(new Dictionary<string, List<WriteRequest>> { ["T"] = new List<WriteRequest>() });
                        _ = response.UnprocessedItems;
                        context.Save(item, new SaveConfig { SkipVersionCheck = true });
                        context.Delete<Item>("id");
                        context.Delete(item, new DeleteConfig { SkipVersionCheck = true });
                        var batch = context.CreateBatchWrite<Item>(new BatchWriteConfig { SkipVersionCheck = true });
                        batch.AddPutItem(item);
                        batch.Execute();
                        table.PutItem(new Document { ["version"] = 5 });
                        table.UpdateItem(new Document { ["count"] = table.GetItem("id")["count"].AsInt() + 1 });
                    }
                }
                """, ReferenceSet.AwsSdkNet472),

            ("look-alikes that are not the SDK", """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                namespace Amazon.Fake
                {
                    public class SaveConfig { public bool SkipVersionCheck { get; set; } }
                    public class DynamoDBVersionAttribute : System.Attribute { }
                    public class Context { public Task SaveAsync<T>(T item, SaveConfig? config = null) => Task.CompletedTask; public void PutItem(string table, Dictionary<string, object> item) { } }
                    public class Item { [DynamoDBVersion] public int? Version { get; set; } }

                    public class Uses
                    {
                        public Task Run(Context context) { context.PutItem("T", new Dictionary<string, object> { ["version"] = 1 }); return context.SaveAsync(new Item(), new SaveConfig { SkipVersionCheck = true }); }
                    }
                }
                """, ReferenceSet.AwsSdk),

            ("whole items read, changed and written back", Usings + """
                namespace WholeItems
                {
                    [DynamoDBTable("Profiles")]
                    public partial record Profile
                    {
                        [DynamoDBHashKey] public string Id { get; init; } = "";
                        public string Version() => "v1";
                    }

                    public partial record Profile
                    {
                        public string Bio { get; set; } = ""; public List<string> Links { get; set; } = new();
                    }

                    public static class Outer
                    {
                        [DynamoDBTable("Notes")] public class Note { [DynamoDBHashKey] public string Id { get; set; } = ""; public string Text { get; set; } = ""; }
                    }

                    public sealed class Writers
                    {
                        private readonly IAmazonDynamoDB _client;
                        private readonly Table _table;
                        public Writers(IAmazonDynamoDB client, Table table) => (_client, _table) = (client, table);

                        public async Task RenameAsync(string id, string name, CancellationToken ct)
                        {
                            var response = await _client.GetItemAsync(new GetItemRequest { TableName = "Users", Key = new() { ["id"] = new() { S = id } } }, ct).ConfigureAwait(false);
                            var item = response.Item;
                            if (item is null || item.Count == 0) return;
                            item["name"] = new AttributeValue { S = name }; item["status"].S = "renamed";
                            await _client.PutItemAsync(new PutItemRequest { TableName = "Users", Item = item, ReturnValues = ReturnValue.ALL_OLD }, ct).ConfigureAwait(false);
                        }

                        public async Task TagAsync(string id, string tag)
                        {
                            var key = new Dictionary<string, AttributeValue> { { "id", new AttributeValue { S = id } } };
                            var item = (await _client.GetItemAsync("Users", key)).Item;
                            item.Add("tag#1", new AttributeValue { S = tag });
                            Func<Task> write = async () => await _client.PutItemAsync("Users", item);
                            await _client.PutItemAsync("Users", item);
                            await write();
                        }

                        public async Task<Document> DocumentAsync(string id, string name)
                        {
                            var doc = await _table.GetItemAsync(id).ConfigureAwait(false);
                            doc["name"] = name;
                            return await _table.PutItemAsync(doc).ConfigureAwait(false);
                        }

                        public async Task ProfileAsync(IDynamoDBContext context, string id)
                        {
                            var profile = await context.LoadAsync<Profile>(id);
                            profile.Links.Add("https://example.com");
                            await context.SaveAsync(profile);
                            var note = await context.LoadAsync<Outer.Note>(id);
                            note.Text += "!";
                            await context.SaveAsync(note);
                        }
                    }
                }
                """, ReferenceSet.AwsSdk),

            ("no SDK at all", """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                public class SaveConfig { public bool SkipVersionCheck { get; set; } }
                public interface IDynamoDBContext { Task SaveAsync<T>(T item, SaveConfig config); }
                public class Uses
                {
                    public Task Run(IDynamoDBContext context) => context.SaveAsync(new object(), new SaveConfig { SkipVersionCheck = true });
                    public Dictionary<string, string> Items { get; } = new() { ["version"] = "1" };
                }
                """, ReferenceSet.RuntimeOnly));

        /// <summary>Names of the snippets, for test data.</summary>
        public static TheoryData<string> Names
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (var name in All.Select(s => s.Name))
                {
                    data.Add(name);
                }

                return data;
            }
        }
    }
}
