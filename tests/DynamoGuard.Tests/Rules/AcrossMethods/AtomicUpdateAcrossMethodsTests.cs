using System.Linq;
using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules.AcrossMethods
{
    /// <summary>
    /// DDB201 / DDB202 when the read, the arithmetic and the write are spread over a repository and a service, in
    /// separate files: the repository reads and writes, the service computes.
    /// </summary>
    public class AtomicUpdateAcrossMethodsTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
";

        /// <summary>A low-level repository: a number read, and writers with and without conditions, ADD, other keys.</summary>
        private const string LowLevelRepository = Usings + @"
namespace Shop.Data
{
    public interface IInventoryRepository
    {
        Task<int> GetStockAsync(string sku, CancellationToken ct = default);
        Task SetStockAsync(string sku, int stock, CancellationToken ct = default);
    }

    public sealed class InventoryRepository : IInventoryRepository
    {
        private const string Table = ""Inventory"";
        private readonly IAmazonDynamoDB _client;

        public InventoryRepository(IAmazonDynamoDB client) => _client = client;

        public async Task<int> GetStockAsync(string sku, CancellationToken ct = default)
        {
            var response = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = Table,
                Key = new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = sku } },
            }, ct);
            return int.Parse(response.Item[""stock""].N, CultureInfo.InvariantCulture);
        }

        public Task<int> GetStockViaAsync(string sku) => GetStockAsync(sku);

        public Task SetStockAsync(string sku, int stock, CancellationToken ct = default)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = sku } },
                UpdateExpression = ""SET stock = :s"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { N = stock.ToString(CultureInfo.InvariantCulture) } },
            }, ct);

        public Task PutStockAsync(string sku, int stock)
            => _client.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = new Dictionary<string, AttributeValue>
                {
                    [""pk""] = new AttributeValue { S = sku },
                    [""stock""] = new AttributeValue { N = stock.ToString() },
                },
            });

        public Task SetStockViaAsync(string sku, int stock) => SetStockAsync(sku, stock);

        public Task SetStockIfAsync(string sku, int stock, int expected)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = sku } },
                UpdateExpression = ""SET stock = :s"",
                ConditionExpression = ""stock = :e"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":s""] = new AttributeValue { N = stock.ToString() },
                    ["":e""] = new AttributeValue { N = expected.ToString() },
                },
            });

        public Task AddStockAsync(string sku, int delta)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = sku } },
                UpdateExpression = ""ADD stock :d"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":d""] = new AttributeValue { N = delta.ToString() } },
            });

        public Task SetReservedAsync(string sku, int reserved)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = sku } },
                UpdateExpression = ""SET reserved = :r"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":r""] = new AttributeValue { N = reserved.ToString() } },
            });

        public Task SetArchivedStockAsync(string sku, int stock)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = ""InventoryArchive"",
                Key = new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = sku } },
                UpdateExpression = ""SET stock = :s"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":s""] = new AttributeValue { N = stock.ToString() } },
            });
    }
}
";

        private const string ServiceUsings = Usings + @"using Shop.Data;
";

        private static CSharpTest Test(string service)
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer()) { TestCode = ServiceUsings + service, DiagnosticId = "DDB201" };
            test.AdditionalSources.Add(("Data/InventoryRepository.cs", LowLevelRepository));
            return test;
        }

        [Fact]
        public async Task Service_ReadsThroughRepository_SubtractsAndWritesBack_Triggers()
        {
            var test = Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        private readonly InventoryRepository _inventory;
        public OrderService(InventoryRepository inventory) => _inventory = inventory;

        public async Task ReserveAsync(string sku, int quantity, CancellationToken ct)
        {
            var stock = await _inventory.GetStockAsync(sku, ct);
            if (stock < quantity) throw new InvalidOperationException(""out of stock"");
            await _inventory.{|#0:SetStockAsync|}(sku, stock - quantity, ct);
        }
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(0).WithMessage(
                "InventoryRepository.SetStockAsync writes 'stock' as the value InventoryRepository.GetStockAsync read - quantity, with no condition on 'stock': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Finding_CarriesTheReadCallAndTheSdkCallsInsideTheHelpers()
        {
            var test = Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(InventoryRepository inventory, string sku)
        {
            var stock = await inventory.GetStockAsync(sku);
            await inventory.[|SetStockAsync|](sku, stock - 1);
        }
    }
}");
            var diagnostic = Assert.Single(await test.GetDiagnosticsAsync());
            var spans = diagnostic.AdditionalLocations.Select(l => (l.SourceTree!.FilePath, l.SourceTree.GetText().ToString(l.SourceSpan))).ToArray();
            Assert.Equal(3, spans.Length);
            Assert.Equal("inventory.GetStockAsync(sku)", spans[0].Item2);
            Assert.EndsWith("InventoryRepository.cs", spans[1].FilePath);
            Assert.StartsWith("_client.GetItemAsync(", spans[1].Item2);
            Assert.StartsWith("_client.UpdateItemAsync(", spans[2].Item2);
        }

        [Fact]
        public async Task ThroughInterface_WithOneImplementation_Triggers()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        private readonly IInventoryRepository _inventory;
        public OrderService(IInventoryRepository inventory) => _inventory = inventory;

        public async Task ReleaseAsync(string sku, int quantity)
        {
            int stock = await _inventory.GetStockAsync(sku).ConfigureAwait(false);
            stock += quantity;
            await _inventory.[|SetStockAsync|](sku, stock).ConfigureAwait(false);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task ThroughDelegatingHelpers_TwoDeep_Triggers()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(InventoryRepository inventory, string sku)
        {
            var stock = await inventory.GetStockViaAsync(sku);
            await inventory.[|SetStockViaAsync|](sku, stock - 1);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task PutOfTheWholeItem_Triggers()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(InventoryRepository inventory, string sku)
        {
            var stock = await inventory.GetStockAsync(sku);
            await inventory.[|PutStockAsync|](sku, stock - 1);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task LookAlikes_AreSilent()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(InventoryRepository inventory, string sku, string otherSku, int quantity)
        {
            var stock = await inventory.GetStockAsync(sku);

            // The helper adds a condition on the value read: the idempotent pattern.
            await inventory.SetStockIfAsync(sku, stock - quantity, stock);

            // The helper uses ADD: nothing is read back.
            await inventory.AddStockAsync(sku, -quantity);

            // Another attribute, another item, another table.
            await inventory.SetReservedAsync(sku, stock - quantity);
            await inventory.SetStockAsync(otherSku, stock - quantity);
            await inventory.SetArchivedStockAsync(sku, stock - quantity);

            // Not derived from the read: a value the caller was given.
            await inventory.SetStockAsync(sku, quantity);

            // The number read, written unchanged (a copy, not a read-modify-write).
            await inventory.SetStockAsync(sku, stock);

            // Multiplied: not modelled.
            await inventory.SetStockAsync(sku, stock * 2);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task InterfaceWithTwoImplementations_IsSilent()
        {
            var test = Test(@"
namespace Shop.Services
{
    public sealed class CachedInventory : IInventoryRepository
    {
        public Task<int> GetStockAsync(string sku, CancellationToken ct = default) => Task.FromResult(0);
        public Task SetStockAsync(string sku, int stock, CancellationToken ct = default) => Task.CompletedTask;
    }

    public sealed class OrderService
    {
        public async Task ReserveAsync(IInventoryRepository inventory, string sku)
        {
            var stock = await inventory.GetStockAsync(sku);
            await inventory.SetStockAsync(sku, stock - 1);
        }
    }
}");
            await test.RunAsync();
        }

        [Fact]
        public async Task KeyChangedBetweenReadAndWrite_IsSilent()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(InventoryRepository inventory, string sku)
        {
            var stock = await inventory.GetStockAsync(sku);
            sku = sku.ToUpperInvariant();
            await inventory.SetStockAsync(sku, stock - 1);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task WriteBeforeRead_IsSilent()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task<int> ResetAsync(InventoryRepository inventory, string sku, int previous)
        {
            await inventory.SetStockAsync(sku, previous - 1);
            return await inventory.GetStockAsync(sku);
        }
    }
}").RunAsync();
        }

        private const string TryParseRepository = Usings + @"
namespace Shop.Data
{
    public sealed class CreditRepository
    {
        private readonly IAmazonDynamoDB _client;
        public CreditRepository(IAmazonDynamoDB client) => _client = client;

        public async Task<long> GetCreditAsync(string id)
        {
            var response = await _client.GetItemAsync(new GetItemRequest { TableName = ""Credits"", Key = KeyFor(id) });
            return response.Item is { } item && item.TryGetValue(""credit"", out var credit) && long.TryParse(credit.N, out var parsed) ? parsed : 0;
        }

        public async Task<long> GetCreditOrThrowAsync(string id)
        {
            var response = await _client.GetItemAsync(new GetItemRequest { TableName = ""Credits"", Key = KeyFor(id) });
            if (!long.TryParse(response.Item[""credit""].N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var credit))
            {
                throw new InvalidOperationException(""credit is not a number"");
            }

            return credit;
        }

        public Task SetCreditAsync(string id, long credit)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = ""Credits"",
                Key = KeyFor(id),
                UpdateExpression = ""SET credit = :c"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":c""] = new AttributeValue { N = credit.ToString(CultureInfo.InvariantCulture) } },
            });

        public Task AddCreditAsync(string id, long delta)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = ""Credits"",
                Key = KeyFor(id),
                UpdateExpression = ""ADD credit :d"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":d""] = new AttributeValue { N = delta.ToString(CultureInfo.InvariantCulture) } },
            });

        private static Dictionary<string, AttributeValue> KeyFor(string id)
            => new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = id } };
    }
}";

        /// <summary>A repository that parses the number with <c>long.TryParse(…, out var n)</c> and returns it (with a fallback, or after a throw).</summary>
        [Fact]
        public async Task ReadHelperParsesWithTryParse_ServiceWritesBack_Triggers()
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer()) { DiagnosticId = "DDB201", TestCode = Usings + @"
using Shop.Data;

namespace Shop.Services
{
    public sealed class CreditService
    {
        private readonly CreditRepository _credits;
        public CreditService(CreditRepository credits) => _credits = credits;

        public async Task SpendAsync(string id, long amount)
        {
            var credit = await _credits.GetCreditAsync(id);
            await _credits.[|SetCreditAsync|](id, credit - amount);
        }

        public async Task RefundAsync(string id, long amount)
        {
            var credit = await _credits.GetCreditOrThrowAsync(id);
            await _credits.[|SetCreditAsync|](id, credit + amount);
        }

        public async Task TopUpAsync(string id, long amount)
        {
            var credit = await _credits.GetCreditAsync(id);
            await _credits.AddCreditAsync(id, amount);          // atomic: silent
            await _credits.SetCreditAsync(id, amount);          // not derived from the read: silent
            await _credits.SetCreditAsync(""other"", credit - 1); // another key: silent
        }
    }
}" };
            test.AdditionalSources.Add(("Data/CreditRepository.cs", TryParseRepository));
            await test.RunAsync();
        }

        [Fact]
        public async Task KeyFromAHelper_AndAGuardedRead_Triggers()
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer()) { DiagnosticId = "DDB201", TestCode = Usings + @"
namespace Shop.Services
{
    public sealed class FollowService
    {
        private readonly StatsRepository _stats;
        public FollowService(StatsRepository stats) => _stats = stats;

        public async Task FollowAsync(string id)
        {
            var followers = await _stats.GetFollowersAsync(id);
            await _stats.[|SetFollowersAsync|](id, followers + 1);
        }
    }

    public sealed class StatsRepository
    {
        private readonly IAmazonDynamoDB _client;
        public StatsRepository(IAmazonDynamoDB client) => _client = client;

        public async Task<int> GetFollowersAsync(string id)
        {
            var response = await _client.GetItemAsync(new GetItemRequest { TableName = ""Stats"", Key = KeyFor(id) });
            return response.Item is { } item && item.TryGetValue(""followers"", out var followers) ? int.Parse(followers.N) : 0;
        }

        public Task SetFollowersAsync(string id, int followers)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = ""Stats"",
                Key = KeyFor(id),
                UpdateExpression = ""SET followers = :f"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":f""] = new AttributeValue { N = followers.ToString() } },
            });

        private static Dictionary<string, AttributeValue> KeyFor(string id)
            => new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = ""STATS#"" + id } };
    }
}" };
            await test.RunAsync();
        }

        [Fact]
        public async Task KeyWithTheStringConstructor_Triggers()
        {
            // new AttributeValue(id) sets S, as new AttributeValue { S = id } does (seen on public code).
            var test = new CSharpTest(new AtomicUpdateAnalyzer()) { DiagnosticId = "DDB201", TestCode = Usings + @"
namespace Shop.Services
{
    public sealed class PageRepository
    {
        private readonly IAmazonDynamoDB _db;
        public PageRepository(IAmazonDynamoDB db) => _db = db;

        public async Task<int> GetHitsAsync(string id)
        {
            var r = await _db.GetItemAsync(new GetItemRequest { TableName = ""Pages"", Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue(id) } });
            return int.Parse(r.Item[""hits""].N);
        }

        public Task SetHitsAsync(string id, int hits) => _db.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Pages"",
            Key = new Dictionary<string, AttributeValue> { [""id""] = new AttributeValue(id) },
            UpdateExpression = ""SET hits = :v"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":v""] = new AttributeValue { N = hits.ToString() } },
        });
    }

    public sealed class PageService
    {
        public async Task HitAsync(PageRepository pages, string id)
        {
            var hits = await pages.GetHitsAsync(id);
            await pages.[|SetHitsAsync|](id, hits + 1);
        }
    }
}" };
            await test.RunAsync();
        }

        [Fact]
        public async Task KeyHelperThatComputesTheKey_IsSilent()
        {
            // A key helper may prefix the parameter (""STATS#"" + id above); this one computes the key from it, which is
            // not modelled, so read and write keys cannot be matched: silent.
            var test = new CSharpTest(new AtomicUpdateAnalyzer()) { DiagnosticId = "DDB201", TestCode = Usings + @"
namespace Shop.Services
{
    public sealed class StatsRepository
    {
        private readonly IAmazonDynamoDB _client;
        public StatsRepository(IAmazonDynamoDB client) => _client = client;

        public async Task FollowAsync(string id)
        {
            var followers = await GetFollowersAsync(id);
            await SetFollowersAsync(id, followers + 1);
        }

        public async Task<int> GetFollowersAsync(string id)
        {
            var response = await _client.GetItemAsync(new GetItemRequest { TableName = ""Stats"", Key = KeyFor(id) });
            return int.Parse(response.Item[""followers""].N);
        }

        public Task SetFollowersAsync(string id, int followers)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = ""Stats"",
                Key = KeyFor(id),
                UpdateExpression = ""SET followers = :f"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":f""] = new AttributeValue { N = followers.ToString() } },
            });

        private static Dictionary<string, AttributeValue> KeyFor(string id)
            => new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = id.GetHashCode().ToString() } };
    }
}" };
            await test.RunAsync();
        }

        [Fact]
        public async Task DtoFilledFromTheRead_ChangedAndWrittenBack_Triggers()
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer()) { DiagnosticId = "DDB201", TestCode = ServiceUsings + @"
namespace Shop.Services
{
    public sealed class StockView
    {
        public string Sku { get; set; } = """";
        public int Stock { get; set; }
        public string Name { get; set; } = """";
    }

    public sealed class CatalogRepository
    {
        private readonly IAmazonDynamoDB _client;
        public CatalogRepository(IAmazonDynamoDB client) => _client = client;

        public async Task<StockView> GetAsync(string sku)
        {
            var response = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = ""Inventory"",
                Key = new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = sku } },
            });
            var item = response.Item;
            return new StockView { Sku = sku, Stock = int.Parse(item[""stock""].N), Name = item[""name""].S };
        }
    }

    public sealed class OrderService
    {
        public async Task ReserveAsync(CatalogRepository catalog, InventoryRepository inventory, string sku, int quantity)
        {
            var view = await catalog.GetAsync(sku);
            await inventory.[|SetStockAsync|](sku, view.Stock - quantity);
        }

        public async Task ReserveInPlaceAsync(CatalogRepository catalog, InventoryRepository inventory, string sku)
        {
            var view = await catalog.GetAsync(sku);
            view.Stock--;
            await inventory.[|SetStockAsync|](sku, view.Stock);
        }

        public async Task OverwriteAsync(CatalogRepository catalog, InventoryRepository inventory, string sku, int stock)
        {
            // The DTO's number replaced by the caller's value: not a read-modify-write.
            var view = await catalog.GetAsync(sku);
            view.Stock = stock;
            await inventory.SetStockAsync(sku, view.Stock);
        }
    }
}" };
            test.AdditionalSources.Add(("Data/InventoryRepository.cs", LowLevelRepository));
            await test.RunAsync();
        }

        // ---- object persistence model through a repository ----

        private const string ObjectModels = Usings + @"
namespace Shop.Models
{
    [DynamoDBTable(""Products"")]
    public class Product
    {
        [DynamoDBHashKey] public string Id { get; set; } = """";
        public int Stock { get; set; }
        public string Name { get; set; } = """";
    }

    [DynamoDBTable(""Orders"")]
    public class Order
    {
        [DynamoDBHashKey] public string Id { get; set; } = """";
        public int Lines { get; set; }
        [DynamoDBVersion] public long? Version { get; set; }
    }
}
";

        private const string GenericRepository = Usings + @"
namespace Shop.Data
{
    public class Repository<T> where T : class
    {
        private readonly IDynamoDBContext _context;
        public Repository(IDynamoDBContext context) => _context = context;

        public Task<T> GetAsync(string id, CancellationToken ct = default) => _context.LoadAsync<T>(id, ct);

        public async Task<T> FindAsync(string id)
        {
            var item = await _context.LoadAsync<T>(id);
            return item;
        }

        public Task SaveAsync(T item, CancellationToken ct = default) => _context.SaveAsync(item, ct);
    }
}
";

        private static CSharpTest ObjectTest(string service)
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer()) { TestCode = ServiceUsings + "using Shop.Models;\n" + service, DiagnosticId = "DDB201" };
            test.AdditionalSources.Add(("Models/Models.cs", ObjectModels));
            test.AdditionalSources.Add(("Data/Repository.cs", GenericRepository));
            return test;
        }

        [Fact]
        public async Task ObjectModel_GenericRepository_LoadChangeSave_Triggers()
        {
            var test = ObjectTest(@"
namespace Shop.Services
{
    public sealed class StockService
    {
        private readonly Repository<Product> _products;
        public StockService(Repository<Product> products) => _products = products;

        public async Task TakeAsync(string id, int quantity, CancellationToken ct)
        {
            var product = await _products.GetAsync(id, ct);
            product.Stock -= quantity;
            await _products.{|#0:SaveAsync|}(product, ct);
        }
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(0).WithMessage(
                "Repository.SaveAsync writes 'Stock' as the value Repository.GetAsync read - quantity, with no condition on 'Stock': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"));
            await test.RunAsync();
        }

        [Fact]
        public async Task ObjectModel_RepositoryChangesAName_IsWholeItemWriteBack()
        {
            var test = ObjectTest(@"
namespace Shop.Services
{
    public sealed class ProductService
    {
        public async Task RenameAsync(Repository<Product> products, string id, string name)
        {
            var product = await products.FindAsync(id);
            product.Name = name;
            await products.[|SaveAsync|](product);
        }
    }
}");
            test.DiagnosticId = "DDB202";
            await test.RunAsync();
        }

        [Fact]
        public async Task ObjectModel_LookAlikes_AreSilent()
        {
            await ObjectTest(@"
namespace Shop.Services
{
    public sealed class StockService
    {
        public async Task TakeAsync(Repository<Product> products, Repository<Order> orders, string id, int quantity)
        {
            // A versioned type: the SDK checks the version on save.
            var order = await orders.GetAsync(id);
            order.Lines += 1;
            await orders.SaveAsync(order);

            // An object the method built, not one it loaded.
            var fresh = new Product { Id = id, Stock = quantity };
            await products.SaveAsync(fresh);

            // Loaded, handed to unknown code, then saved: the number may have changed in between, so no DDB201; the
            // item is still written back whole without a condition (DDB202).
            var product = await products.GetAsync(id);
            Adjust(product);
            product.Stock -= quantity;
            await products.{|DDB202:SaveAsync|}(product);
        }

        private static void Adjust(Product product) { }
    }
}").RunAsync();
        }
    }
}
