using System.Linq;
using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules.AcrossMethods
{
    /// <summary>
    /// DDB102 for a context-wide SkipVersionCheck that reaches a save in another method or file: a field set in the
    /// constructor, a field initializer, the builder's ConfigureContext, and the one context a DI registration creates.
    /// </summary>
    public class SkipVersionCheckAcrossMethodsTests
    {
        private const string Usings = @"using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
";

        private const string Models = Usings + @"
namespace Shop.Models
{
    [DynamoDBTable(""Orders"")]
    public class Order
    {
        [DynamoDBHashKey] public string Id { get; set; } = """";
        [DynamoDBVersion] public long? Version { get; set; }
    }

    [DynamoDBTable(""AuditEntries"")]
    public class AuditEntry
    {
        [DynamoDBHashKey] public string Id { get; set; } = """";
        public string Text { get; set; } = """";
    }
}
";

        /// <summary>A tiny stand-in for Microsoft.Extensions.DependencyInjection (not referenced by the tests).</summary>
        private const string ServiceCollection = @"using System;
namespace Shop.Hosting
{
    public sealed class ServiceCollection
    {
        public ServiceCollection AddSingleton<TService>(Func<IServiceProvider, TService> factory) where TService : class => this;
        public ServiceCollection AddScoped<TService, TImplementation>() where TService : class where TImplementation : class, TService => this;
    }
}
";

        private static CSharpTest Test(string source, string? startup = null)
        {
            var test = new CSharpTest(new SkipVersionCheckAnalyzer()) { TestCode = Usings + "using Shop.Models;\n" + source };
            test.AdditionalSources.Add(("Models/Models.cs", Models));
            if (startup is not null)
            {
                test.AdditionalSources.Add(("Hosting/ServiceCollection.cs", ServiceCollection));
                test.AdditionalSources.Add(("Startup.cs", Usings + "using Shop.Hosting;\nusing Shop.Data;\n" + startup));
            }

            return test;
        }

        [Fact]
        public async Task FieldCreatedInConstructor_WithSkippingConfig_ReportsAtTheSaveAndTheSetting()
        {
            var test = Test(@"
namespace Shop.Data
{
    public sealed class OrderStore
    {
        private readonly IDynamoDBContext _context;

        public OrderStore(IAmazonDynamoDB client)
        {
            _context = new DynamoDBContext(client, new DynamoDBContextConfig { {|#1:SkipVersionCheck = true|} });
        }

        public Task SaveAsync(Order order, CancellationToken ct) => _context.{|#0:SaveAsync|}(order, ct);

        public Task SaveAuditAsync(AuditEntry entry) => _context.SaveAsync(entry);
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(0).WithMessage(
                "SaveAsync of versioned type 'Order' goes through a DynamoDBContext configured with SkipVersionCheck = true, so its [DynamoDBVersion] property 'Version' is not checked; a concurrent writer's change can be lost"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(1));
            await test.RunAsync();

            var atSave = (await test.GetDiagnosticsAsync()).Single(d => d.GetMessage().StartsWith("SaveAsync", System.StringComparison.Ordinal));
            var setting = Assert.Single(atSave.AdditionalLocations);
            Assert.Equal("SkipVersionCheck = true", setting.SourceTree!.GetText().ToString(setting.SourceSpan));
        }

        [Fact]
        public async Task FieldInitializer_AndBuilder_AreFollowed()
        {
            TestSdks.Only(AwsSdk.V4, "DynamoDBContextBuilder");
            var test = Test(@"
namespace Shop.Data
{
    public sealed class OrderStore
    {
        private readonly IDynamoDBContext _context = new DynamoDBContext(new AmazonDynamoDBClient(), new DynamoDBContextConfig { {|#1:SkipVersionCheck = true|} });

        public Task DeleteAsync(Order order) => _context.{|#0:DeleteAsync|}(order);
    }

    public sealed class OrderArchive
    {
        private IDynamoDBContext Context { get; }

        public OrderArchive(IAmazonDynamoDB client)
        {
            Context = new DynamoDBContextBuilder()
                .ConfigureContext(c => { {|#3:c.SkipVersionCheck = true|}; })
                .WithDynamoDBClient(() => client)
                .Build();
        }

        public async Task ArchiveAsync(Order order) => await Context.{|#2:SaveAsync|}(order);
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(0));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(1));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(2));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(3));
            await test.RunAsync();
        }

        [Fact]
        public async Task InjectedContext_FromTheOnlyRegistration_IsFollowed()
        {
            var test = Test(@"
namespace Shop.Data
{
    public sealed class OrderStore
    {
        private readonly IDynamoDBContext _context;
        public OrderStore(IDynamoDBContext context) => _context = context;

        public Task SaveAsync(Order order) => _context.{|#0:SaveAsync|}(order);
    }
}", startup: @"
namespace Shop
{
    public static class Startup
    {
        public static void Configure(ServiceCollection services, IAmazonDynamoDB client)
        {
            services.AddSingleton<IDynamoDBContext>(_ => new DynamoDBContext(client, new DynamoDBContextConfig { {|#1:SkipVersionCheck = true|} }));
            services.AddScoped<OrderStore, OrderStore>();
        }
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(0));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB102").WithLocation(1));
            await test.RunAsync();
        }

        [Fact]
        public async Task LookAlikes_AreSilent()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await Test(@"
namespace Shop.Data
{
    public sealed class Stores
    {
        private readonly IDynamoDBContext _checked;
        private readonly IDynamoDBContext _skipping;
        private IDynamoDBContext _reassigned;

        public Stores(IAmazonDynamoDB client, IDynamoDBContext injected)
        {
            _checked = new DynamoDBContext(client, new DynamoDBContextConfig { SkipVersionCheck = false });
            _skipping = new DynamoDBContext(client, new DynamoDBContextConfig { [|SkipVersionCheck = true|] });
            _reassigned = injected;
        }

        public void Reset(IDynamoDBContext other) => _reassigned = other;

        public async Task SaveAsync(Order order, AuditEntry entry, IDynamoDBContext passedIn)
        {
            // The check is on.
            await _checked.SaveAsync(order);

            // Nothing to bypass: AuditEntry has no version.
            await _skipping.SaveAsync(entry);

            // The operation's own config turns the check back on (DDB102 at an operation config is the local rule's).
            await _skipping.SaveAsync(order, new SaveConfig { SkipVersionCheck = false });

            // Assigned in two places; passed in by the caller: origin unknown.
            await _reassigned.SaveAsync(order);
            await passedIn.SaveAsync(order);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task InjectedContext_WhenTheCompilationCreatesTwoContexts_IsSilent()
        {
            await Test(@"
namespace Shop.Data
{
    public sealed class OrderStore
    {
        private readonly IDynamoDBContext _context;
        public OrderStore(IDynamoDBContext context) => _context = context;

        public Task SaveAsync(Order order) => _context.SaveAsync(order);
    }

    public static class Migrations
    {
        public static IDynamoDBContext CreateChecked(IAmazonDynamoDB client) => new DynamoDBContext(client);
    }
}", startup: @"
namespace Shop
{
    public static class Startup
    {
        public static void Configure(ServiceCollection services, IAmazonDynamoDB client)
        {
            services.AddSingleton<IDynamoDBContext>(_ => new DynamoDBContext(client, new DynamoDBContextConfig { {|DDB102:SkipVersionCheck = true|} }));
        }
    }
}").RunAsync();
        }
    }
}
