using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules.AcrossMethods
{
    /// <summary>
    /// DDB201's fix across methods: the repository gains an atomic ADD beside its write helper, and the service calls it
    /// with the delta. The verifier applies the fix diagnostic by diagnostic and by Fix All (document and project scope)
    /// and compares the exact text of the service and of the repository.
    /// </summary>
    public class AtomicAddInHelperCodeFixTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
";

        private const string RepositoryStart = Usings + @"
namespace Shop.Data
{
    public sealed class StockRepository
    {
        private const string Table = ""Inventory"";
        private readonly IAmazonDynamoDB _client;

        public StockRepository(IAmazonDynamoDB client) => _client = client;

        /// <summary>The stock of a SKU; 0 when it has none.</summary>
        public async Task<int> GetStockAsync(string sku, CancellationToken ct = default)
        {
            var response = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = Table,
                Key = Key(sku),
                ConsistentRead = true,
            }, ct);
            return response.Item is { } item && item.TryGetValue(""stock"", out var stock)
                ? int.Parse(stock.N, CultureInfo.InvariantCulture)
                : 0;
        }

        /// <summary>Sets the stock of a SKU.</summary>
        public Task SetStockAsync(string sku, int stock, CancellationToken ct = default)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = Key(sku),
                UpdateExpression = ""SET #stock = :stock"", // the count on hand
                ExpressionAttributeNames = new Dictionary<string, string> { [""#stock""] = ""stock"" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":stock""] = new AttributeValue { N = stock.ToString(CultureInfo.InvariantCulture) },
                },
            }, ct);
";

        private const string AddedMethod = @"
        /// <summary>Adds <paramref name=""delta""/> to 'stock' on the server (DynamoDB ADD): concurrent changes all count; a retried call counts twice.</summary>
        public Task AddStockAsync(string sku, int delta, CancellationToken ct = default)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = Key(sku),
                UpdateExpression = ""ADD #stock :stock"", // the count on hand
                ExpressionAttributeNames = new Dictionary<string, string> { [""#stock""] = ""stock"" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":stock""] = new AttributeValue { N = delta.ToString(CultureInfo.InvariantCulture) },
                },
            }, ct);
";

        private const string RepositoryEnd = @"
        private static Dictionary<string, AttributeValue> Key(string sku)
            => new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = sku } };
    }
}
";

        private const string Repository = RepositoryStart + RepositoryEnd;

        private const string FixedRepository = RepositoryStart + AddedMethod + RepositoryEnd;

        private static CSharpTest Test(string service, string fixedService, string repository = Repository, string? fixedRepository = FixedRepository)
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Usings + "using Shop.Data;\n" + service,
                DiagnosticId = "DDB201",
                CodeFix = new AtomicAddInHelperCodeFixProvider(),
                FixedCode = Usings + "using Shop.Data;\n" + fixedService,
                CodeActionEquivalenceKey = AtomicAddInHelperCodeFixProvider.EquivalenceKey,
            };
            test.AdditionalSources.Add(("Data/StockRepository.cs", repository));
            if (fixedRepository is not null)
            {
                test.FixedAdditionalSources.Add(("Data/StockRepository.cs", fixedRepository));
            }

            return test;
        }

        [Fact]
        public async Task ReadMinusQuantity_AddsTheRepositoryMethod_CallsItWithTheNegatedDelta_DropsTheUnusedRead()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        private readonly StockRepository _stock;

        public OrderService(StockRepository stock) => _stock = stock;

        public async Task ReserveAsync(string sku, int quantity, CancellationToken ct)
        {
            // Take the ordered quantity off the shelf.
            var stock = await _stock.GetStockAsync(sku, ct);
            await _stock.[|SetStockAsync|](sku, stock - quantity, ct);
        }
    }
}", @"
namespace Shop.Services
{
    public sealed class OrderService
    {
        private readonly StockRepository _stock;

        public OrderService(StockRepository stock) => _stock = stock;

        public async Task ReserveAsync(string sku, int quantity, CancellationToken ct)
        {
            // Take the ordered quantity off the shelf.
            await _stock.AddStockAsync(sku, -quantity, ct);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task TwoCalls_FixAllAddsTheMethodOnce_ReadKeptWhereStillUsed_IntermediateLocalGoes()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        private readonly StockRepository _stock;

        public OrderService(StockRepository stock) => _stock = stock;

        public async Task<int> RestockAsync(string sku, int crates, CancellationToken ct)
        {
            var stock = await _stock.GetStockAsync(sku, ct);
            if (stock > 100)
            {
                return stock;
            }

            var next = stock + crates * 12;
            await _stock.[|SetStockAsync|](sku, next, ct);
            return stock;
        }

        public async Task ReturnOneAsync(string sku, CancellationToken ct)
        {
            var stock = await _stock.GetStockAsync(sku, ct).ConfigureAwait(false);
            await _stock.[|SetStockAsync|](sku, 1 + stock, ct).ConfigureAwait(false);
        }
    }
}", @"
namespace Shop.Services
{
    public sealed class OrderService
    {
        private readonly StockRepository _stock;

        public OrderService(StockRepository stock) => _stock = stock;

        public async Task<int> RestockAsync(string sku, int crates, CancellationToken ct)
        {
            var stock = await _stock.GetStockAsync(sku, ct);
            if (stock > 100)
            {
                return stock;
            }

            await _stock.AddStockAsync(sku, crates * 12, ct);
            return stock;
        }

        public async Task ReturnOneAsync(string sku, CancellationToken ct)
        {
            await _stock.AddStockAsync(sku, 1, ct).ConfigureAwait(false);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task CompoundDelta_IsNegatedInParentheses()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ShipAsync(StockRepository repository, string sku, int boxes, int perBox)
        {
            var stock = await repository.GetStockAsync(sku);
            await repository.[|SetStockAsync|](sku, stock - boxes * perBox);
        }
    }
}", @"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ShipAsync(StockRepository repository, string sku, int boxes, int perBox)
        {
            await repository.AddStockAsync(sku, -(boxes * perBox));
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task RepositoryAlreadyHasTheAtomicAdd_TheCallUsesIt_RepositoryUnchanged()
        {
            var repository = RepositoryStart + @"
        /// <summary>Adds to the stock of a SKU on the server.</summary>
        public Task IncreaseStockAsync(string sku, int count, CancellationToken ct = default)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = Key(sku),
                UpdateExpression = ""ADD stock :count"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":count""] = new AttributeValue { N = count.ToString(CultureInfo.InvariantCulture) } },
            }, ct);
" + RepositoryEnd;
            await Test(
                @"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(StockRepository repository, string sku, CancellationToken ct)
        {
            var stock = await repository.GetStockAsync(sku, ct);
            await repository.[|SetStockAsync|](sku, stock - 2, ct);
        }
    }
}",
                @"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(StockRepository repository, string sku, CancellationToken ct)
        {
            await repository.IncreaseStockAsync(sku, -2, ct);
        }
    }
}",
                repository,
                fixedRepository: repository).RunAsync();
        }

        [Fact]
        public async Task DeltaHeldInALocalThatDoesNotDependOnTheRead_IsPassed()
        {
            await Test(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ShipAsync(StockRepository repository, string sku, int boxes)
        {
            var units = boxes * 6;
            var stock = await repository.GetStockAsync(sku);
            await repository.[|SetStockAsync|](sku, stock - units);
        }
    }
}", @"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ShipAsync(StockRepository repository, string sku, int boxes)
        {
            var units = boxes * 6;
            await repository.AddStockAsync(sku, -units);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task RepositoryAndServiceInOneDocument_BothEditsLand()
        {
            var repositoryBody = Repository.Substring(Usings.Length);
            var fixedRepositoryBody = FixedRepository.Substring(Usings.Length);
            const string Service = @"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(Shop.Data.StockRepository repository, string sku, int quantity)
        {
            var stock = await repository.GetStockAsync(sku);
            await repository.[|SetStockAsync|](sku, stock - quantity);
        }
    }
}";
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Usings + repositoryBody + Service,
                DiagnosticId = "DDB201",
                CodeFix = new AtomicAddInHelperCodeFixProvider(),
                FixedCode = Usings + fixedRepositoryBody + Service
                    .Replace("            var stock = await repository.GetStockAsync(sku);\n", string.Empty)
                    .Replace("[|SetStockAsync|](sku, stock - quantity)", "AddStockAsync(sku, -quantity)"),
                CodeActionEquivalenceKey = AtomicAddInHelperCodeFixProvider.EquivalenceKey,
            };
            Assert.DoesNotContain("GetStockAsync(sku);", test.FixedCode);
            await test.RunAsync();
        }

        // ---- Not offered: the finding stays, nothing changes ----

        private static Task NotOffered(string service, string repository = Repository)
            => Test(service, service, repository, fixedRepository: null).RunAsync();

        [Fact]
        public async Task ReadHelperFallsBackToANonZeroNumber_NotOffered()
        {
            await NotOffered(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(StockRepository repository, string sku)
        {
            var stock = await repository.GetStockAsync(sku);
            await repository.[|SetStockAsync|](sku, stock - 1);
        }
    }
}", Repository.Replace(@"                : 0;", @"                : 10;"));
        }

        [Fact]
        public async Task ReadHelperLoadsAnObject_NotOffered()
        {
            // An object-model read: LoadAsync returns null for a missing item and the helper throws, where ADD would
            // create the item. The read-modify-write is still reported.
            var repository = Repository
                .Replace("using Amazon.DynamoDBv2.Model;", "using Amazon.DynamoDBv2.Model;\nusing Amazon.DynamoDBv2.DataModel;")
                .Replace(@"        public StockRepository(IAmazonDynamoDB client) => _client = client;", @"        private readonly IDynamoDBContext _context;

        public StockRepository(IAmazonDynamoDB client, IDynamoDBContext context)
        {
            _client = client;
            _context = context;
        }

        public async Task<int> LoadStockAsync(string sku)
        {
            var item = await _context.LoadAsync<StockItem>(sku);
            return item.Stock;
        }")
                + @"
namespace Shop.Data
{
    [DynamoDBTable(""Inventory"")]
    public sealed class StockItem
    {
        [DynamoDBHashKey(""pk"")] public string Sku { get; set; } = """";
        [DynamoDBProperty(""stock"")] public int Stock { get; set; }
    }
}
";
            await NotOffered(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(StockRepository repository, string sku)
        {
            var stock = await repository.LoadStockAsync(sku);
            await repository.[|SetStockAsync|](sku, stock - 1);
        }
    }
}", repository);
        }

        [Fact]
        public async Task NameTakenByAnotherMethod_NotOffered()
        {
            await NotOffered(
                @"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(StockRepository repository, string sku)
        {
            var stock = await repository.GetStockAsync(sku);
            await repository.[|SetStockAsync|](sku, stock - 1);
        }
    }
}",
                RepositoryStart + @"
        public Task AddStockAsync(string sku, int delta) => SetStockAsync(sku, delta);
" + RepositoryEnd);
        }

        [Fact]
        public async Task CallThroughAnInterface_NotOffered()
        {
            // The analyzer follows the only implementation; the fix would have to change the interface too.
            await NotOffered(
                @"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(IStockRepository repository, string sku)
        {
            var stock = await repository.GetStockAsync(sku);
            await repository.[|SetStockAsync|](sku, stock - 1);
        }
    }
}",
                Repository.Replace("public sealed class StockRepository", @"public interface IStockRepository
    {
        Task<int> GetStockAsync(string sku, CancellationToken ct = default);
        Task SetStockAsync(string sku, int stock, CancellationToken ct = default);
    }

    public sealed class StockRepository : IStockRepository"));
        }

        [Fact]
        public async Task ValueNotReadPlusDelta_NotOffered()
        {
            await NotOffered(@"
namespace Shop.Services
{
    public sealed class OrderService
    {
        public async Task ReserveAsync(StockRepository repository, string sku, int quantity)
        {
            var stock = await repository.GetStockAsync(sku);
            var left = stock - quantity;
            left -= 1;
            await repository.[|SetStockAsync|](sku, left);
        }
    }
}");
        }
    }
}
