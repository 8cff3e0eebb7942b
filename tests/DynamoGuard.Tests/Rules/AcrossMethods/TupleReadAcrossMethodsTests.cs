using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules.AcrossMethods
{
    /// <summary>
    /// DDB201 when a repository returns the numbers it read as a tuple (<c>return (stock, reserved);</c>) and a service,
    /// in another file, takes an element (deconstruction, <c>t.Stock</c>, <c>t.Item1</c>), changes it and writes it back
    /// through a repository write that has no condition.
    /// </summary>
    public class TupleReadAcrossMethodsTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            """;

        private const string Repository = Usings + """
            namespace Shop.Data
            {
                public sealed class InventoryRepository
                {
                    private const string Table = "Inventory";
                    private readonly IAmazonDynamoDB _client;

                    public InventoryRepository(IAmazonDynamoDB client) => _client = client;

                    public async Task<(int Stock, int Reserved)> GetLevelsAsync(string sku, CancellationToken ct = default)
                    {
                        var response = await _client.GetItemAsync(new GetItemRequest
                        {
                            TableName = Table,
                            Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = sku } },
                        }, ct);
                        var stock = int.Parse(response.Item["stock"].N, CultureInfo.InvariantCulture);
                        var reserved = int.Parse(response.Item["reserved"].N, CultureInfo.InvariantCulture);
                        return (stock, reserved);
                    }

                    /// <summary>The name and the stock: only the second element is a number read.</summary>
                    public async Task<(string, int)> GetNamedStockAsync(string sku)
                    {
                        var response = await _client.GetItemAsync(new GetItemRequest
                        {
                            TableName = Table,
                            Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = sku } },
                        });
                        return (response.Item["name"].S, int.Parse(response.Item["stock"].N));
                    }

                    /// <summary>Not a read: the caller's own numbers handed back.</summary>
                    public (int Stock, int Reserved) Echo(int stock, int reserved) => (stock, reserved);

                    public Task SetStockAsync(string sku, int stock, CancellationToken ct = default)
                        => _client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = Table,
                            Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = sku } },
                            UpdateExpression = "SET stock = :s",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue { N = stock.ToString(CultureInfo.InvariantCulture) } },
                        }, ct);

                    public Task SetStockIfAsync(string sku, int stock, int expected)
                        => _client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = Table,
                            Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = sku } },
                            UpdateExpression = "SET stock = :s",
                            ConditionExpression = "stock = :e",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                            {
                                [":s"] = new AttributeValue { N = stock.ToString() },
                                [":e"] = new AttributeValue { N = expected.ToString() },
                            },
                        });

                    public Task AddStockAsync(string sku, int delta)
                        => _client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = Table,
                            Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = sku } },
                            UpdateExpression = "ADD stock :d",
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":d"] = new AttributeValue { N = delta.ToString() } },
                        });
                }
            }

            """;

        private static CSharpTest Test(string service)
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer()) { TestCode = Usings + "using Shop.Data;\n" + service, DiagnosticId = "DDB201" };
            test.AdditionalSources.Add(("Data/InventoryRepository.cs", Repository));
            return test;
        }

        [Fact]
        public async Task Deconstructed_ChangedAndWrittenBack_Triggers()
        {
            var test = Test("""
                namespace Shop.Services
                {
                    public sealed class OrderService
                    {
                        private readonly InventoryRepository _inventory;
                        public OrderService(InventoryRepository inventory) => _inventory = inventory;

                        public async Task ReserveAsync(string sku, int quantity, CancellationToken ct)
                        {
                            var (stock, reserved) = await _inventory.GetLevelsAsync(sku, ct);
                            if (stock - reserved < quantity) throw new InvalidOperationException("out of stock");
                            await _inventory.{|#0:SetStockAsync|}(sku, stock - quantity, ct);
                        }

                        public async Task ReleaseAsync(string sku)
                        {
                            (var stock, _) = await _inventory.GetLevelsAsync(sku).ConfigureAwait(false);
                            stock += 1;
                            await _inventory.{|#1:SetStockAsync|}(sku, stock);
                        }

                        public async Task RestockAsync(string sku, int count)
                        {
                            var (_, stock) = await _inventory.GetNamedStockAsync(sku);
                            await _inventory.{|#2:SetStockAsync|}(sku, stock + count);
                        }
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(0).WithMessage(
                "InventoryRepository.SetStockAsync writes 'stock' as the value InventoryRepository.GetLevelsAsync read - quantity, with no condition on 'stock': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(1));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(2));
            await test.RunAsync();
        }

        [Fact]
        public async Task ElementOfATupleLocal_NamedOrItemN_Triggers()
        {
            await Test("""
                namespace Shop.Services
                {
                    public sealed class OrderService
                    {
                        public async Task ReserveAsync(InventoryRepository inventory, string sku)
                        {
                            var levels = await inventory.GetLevelsAsync(sku);
                            await inventory.[|SetStockAsync|](sku, levels.Stock - 1);
                        }

                        public async Task ReserveByPositionAsync(InventoryRepository inventory, string sku)
                        {
                            var levels = await inventory.GetLevelsAsync(sku);
                            await inventory.[|SetStockAsync|](sku, levels.Item1 - 1);
                        }

                        public async Task ReserveInlineAsync(InventoryRepository inventory, string sku)
                        {
                            await inventory.[|SetStockAsync|](sku, (await inventory.GetLevelsAsync(sku)).Stock - 1);
                        }
                    }
                }
                """).RunAsync();
        }

        [Fact]
        public async Task LookAlikes_AreSilent()
        {
            await Test("""
                namespace Shop.Services
                {
                    public sealed class OrderService
                    {
                        public async Task SafeWritesAsync(InventoryRepository inventory, string sku)
                        {
                            var (stock, _) = await inventory.GetLevelsAsync(sku);

                            // The write checks the value read; the change is an atomic ADD.
                            await inventory.SetStockIfAsync(sku, stock - 1, stock);
                            await inventory.AddStockAsync(sku, -1);
                        }

                        public async Task OtherElementsAsync(InventoryRepository inventory, string sku, int count)
                        {
                            // 'reserved' was read from another attribute: writing it as 'stock' is not a write-back.
                            var (_, reserved) = await inventory.GetLevelsAsync(sku);
                            await inventory.SetStockAsync(sku, reserved - count);

                            // The first element of this tuple is the name, not a number read.
                            var named = await inventory.GetNamedStockAsync(sku);
                            await inventory.SetStockAsync(sku, named.Item1.Length + count);
                        }

                        public async Task ReplacedOrNotReadAsync(InventoryRepository inventory, string sku, int stock, int count)
                        {
                            // The element is replaced before the write.
                            var levels = await inventory.GetLevelsAsync(sku);
                            levels.Stock = stock;
                            await inventory.SetStockAsync(sku, levels.Stock - count);

                            // The tuple holds the caller's numbers, not a read.
                            var echoed = inventory.Echo(stock, 0);
                            await inventory.SetStockAsync(sku, echoed.Stock - count);
                            var (mine, _) = (stock, count);
                            await inventory.SetStockAsync(sku, mine - count);
                        }

                        public async Task ReassignedAsync(InventoryRepository inventory, string sku, int stock)
                        {
                            // The deconstructed local is given the caller's value before the write.
                            var (current, _) = await inventory.GetLevelsAsync(sku);
                            current = stock;
                            await inventory.SetStockAsync(sku, current - 1);
                        }
                    }
                }
                """).RunAsync();
        }
    }
}
