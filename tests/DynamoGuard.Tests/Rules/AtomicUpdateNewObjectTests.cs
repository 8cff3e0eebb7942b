using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB201 on a save of a new object built from a loaded one (<c>new Counter { Id = loaded.Id, Hits = loaded.Hits + 1 }</c>):
    /// the save replaces the item, so an increment another writer makes between the Load and the save is lost. The
    /// models, the repository and the services are separate files, as in a real code base.
    /// </summary>
    public class AtomicUpdateNewObjectTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
";

        private const string Models = Usings + @"
namespace Stats.Models
{
    [DynamoDBTable(""PageStats"")]
    public class PageStats
    {
        [DynamoDBHashKey] public string Page { get; set; } = """";
        public long Hits { get; set; }
        public string Title { get; set; } = """";
        public DateTime UpdatedAt { get; set; }
    }

    [DynamoDBTable(""DailyStats"")]
    public class DailyStats
    {
        [DynamoDBHashKey] public string Page { get; set; } = """";
        [DynamoDBRangeKey] public string Day { get; set; } = """";
        public int Hits { get; set; }
    }

    [DynamoDBTable(""Quotas"")]
    public class Quota
    {
        [DynamoDBHashKey] public string Tenant { get; set; } = """";
        public int Used { get; set; }
        [DynamoDBVersion] public int? Version { get; set; }
    }

    public class PageStatsArchive
    {
        [DynamoDBHashKey] public string Page { get; set; } = """";
        public long Hits { get; set; }
    }
}
";

        private const string Repository = Usings + @"using Stats.Models;

namespace Stats.Data
{
    public sealed class StatsRepository<T> where T : class
    {
        private readonly IDynamoDBContext _context;
        public StatsRepository(IDynamoDBContext context) => _context = context;

        public Task<T> GetAsync(string id, CancellationToken ct = default) => _context.LoadAsync<T>(id, ct);

        public Task PutAsync(T item, CancellationToken ct = default) => _context.SaveAsync(item, ct);
    }

    public sealed class PageStatsReader
    {
        private readonly IDynamoDBContext _context;
        public PageStatsReader(IDynamoDBContext context) => _context = context;

        public async Task<long> GetHitsAsync(string page)
        {
            var stats = await _context.LoadAsync<PageStats>(page);
            return stats.Hits;
        }

        public async Task<int> GetDailyHitsAsync(string page, string day)
        {
            var stats = await _context.LoadAsync<DailyStats>(page, day);
            return stats.Hits;
        }

        public async Task<long> GetHitsOfHomeAsync()
        {
            var stats = await _context.LoadAsync<PageStats>(""home"");
            return stats.Hits;
        }

        public async Task<int> GetUsedAsync(string tenant)
        {
            var quota = await _context.LoadAsync<Quota>(tenant);
            return quota.Used;
        }
    }
}
";

        private static CSharpTest Test(string service)
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Usings + "using Stats.Models;\nusing Stats.Data;\n" + service,
                DiagnosticId = "DDB201",
            };
            test.AdditionalSources.Add(("Models/Stats.cs", Models));
            test.AdditionalSources.Add(("Data/StatsRepository.cs", Repository));
            return test;
        }

        [Fact]
        public async Task NewObjectWithLoadedKeyAndIncrementedNumber_TriggersWithMessage()
        {
            var test = Test(@"
namespace Stats.Services
{
    public sealed class HitCounter
    {
        private readonly IDynamoDBContext _context;
        public HitCounter(IDynamoDBContext context) => _context = context;

        public async Task HitAsync(string page, CancellationToken ct)
        {
            var current = await _context.LoadAsync<PageStats>(page, ct);
            await _context.{|#0:SaveAsync|}(new PageStats
            {
                Page = page,
                Hits = current.Hits + 1,
                Title = current.Title,
                UpdatedAt = DateTime.UtcNow,
            }, ct);
        }
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(0).WithMessage(
                "SaveAsync writes 'Hits' as the value LoadAsync read + 1, with no condition on 'Hits': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("Page = current.Page, Hits = current.Hits - amount")]
        [InlineData("Hits = amount + current.Hits, Page = page")]
        [InlineData("Page = page, Hits = current.Hits + 2 * amount")]
        public async Task NewObjectHeldInALocal_Triggers(string members)
        {
            await Test(@"
namespace Stats.Services
{
    public sealed class HitCounter
    {
        public async Task AddAsync(IDynamoDBContext context, string page, long amount)
        {
            var current = await context.LoadAsync<PageStats>(page);
            var next = new PageStats { " + members + @" };
            await context.[|SaveAsync|](next);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task CompositeKey_BothPartsFromTheLoad_Triggers()
        {
            await Test(@"
namespace Stats.Services
{
    public sealed class DailyCounter
    {
        public async Task HitAsync(IDynamoDBContext context, string page, string day)
        {
            var today = await context.LoadAsync<DailyStats>(page, day);
            await context.[|SaveAsync|](new DailyStats { Page = page, Day = day, Hits = today.Hits + 1 });
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task ThroughRepository_LoadAndSaveInHelpers_Triggers()
        {
            var test = Test(@"
namespace Stats.Services
{
    public sealed class HitService
    {
        private readonly StatsRepository<PageStats> _stats;
        public HitService(StatsRepository<PageStats> stats) => _stats = stats;

        public async Task HitAsync(string page, CancellationToken ct)
        {
            var current = await _stats.GetAsync(page, ct);
            await _stats.{|#0:PutAsync|}(new PageStats { Page = current.Page, Hits = current.Hits + 1 }, ct);
        }
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(0).WithMessage(
                "StatsRepository.PutAsync writes 'Hits' as the value StatsRepository.GetAsync read + 1, with no condition on 'Hits': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"));
            await test.RunAsync();
        }

        [Fact]
        public async Task NumberFromAReadHelper_SavedAsANewObject_TriggersWithMessage()
        {
            var test = Test(@"
namespace Stats.Services
{
    public sealed class HitService
    {
        private readonly PageStatsReader _reader;
        private readonly IDynamoDBContext _context;

        public HitService(PageStatsReader reader, IDynamoDBContext context)
        {
            _reader = reader;
            _context = context;
        }

        public async Task HitAsync(string page)
        {
            var hits = await _reader.GetHitsAsync(page);
            await _context.{|#0:SaveAsync|}(new PageStats { Page = page, Hits = hits + 1 });
        }
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(0).WithMessage(
                "SaveAsync writes 'Hits' as the value PageStatsReader.GetHitsAsync read + 1, with no condition on 'Hits': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"));
            await test.RunAsync();
        }

        [Fact]
        public async Task NumberFromAReadHelper_CompositeOrConstantKey_SavedThroughTheRepository_Triggers()
        {
            await Test(@"
namespace Stats.Services
{
    public sealed class HitService
    {
        public async Task HitAsync(PageStatsReader reader, StatsRepository<DailyStats> daily, StatsRepository<PageStats> pages, string page, string day)
        {
            var today = await reader.GetDailyHitsAsync(page, day);
            await daily.[|PutAsync|](new DailyStats { Day = day, Page = page, Hits = today + 1 });

            var home = await reader.GetHitsOfHomeAsync();
            await pages.[|PutAsync|](new PageStats { Page = ""home"", Hits = home - 1 });
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task NumberFromAReadHelper_LookAlikes_AreSilent()
        {
            await Test(@"
namespace Stats.Services
{
    public sealed class HitService
    {
        public async Task HitAsync(PageStatsReader reader, IDynamoDBContext context, StatsRepository<Quota> quotas, string page, string other, string day)
        {
            var hits = await reader.GetHitsAsync(page);

            // Another page's item.
            await context.SaveAsync(new PageStats { Page = other, Hits = hits + 1 });

            // Another table.
            await context.SaveAsync(new PageStatsArchive { Page = page, Hits = hits + 1 });

            // Another day than the one read.
            var today = await reader.GetDailyHitsAsync(page, day);
            await context.SaveAsync(new DailyStats { Page = page, Day = other, Hits = today + 1 });

            // The helper reads the constant key ""home"", the save is for the page.
            var home = await reader.GetHitsOfHomeAsync();
            await context.SaveAsync(new PageStats { Page = page, Hits = home + 1 });

            // A versioned type: its read helper is not summarised as a plain number.
            var used = await reader.GetUsedAsync(page);
            await quotas.PutAsync(new Quota { Tenant = page, Used = used + 1 });
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task LookAlikes_AreSilent()
        {
            await Test(@"
namespace Stats.Services
{
    public sealed class HitCounter
    {
        public async Task LookAlikesAsync(IDynamoDBContext context, StatsRepository<Quota> quotas, string page, string other, string day, long amount)
        {
            var current = await context.LoadAsync<PageStats>(page);

            // Another item: the key is not the one loaded.
            await context.SaveAsync(new PageStats { Page = other, Hits = current.Hits + 1 });

            // No key set at all.
            await context.SaveAsync(new PageStats { Hits = current.Hits + 1 });

            // The number is copied, not changed.
            await context.SaveAsync(new PageStats { Page = page, Hits = current.Hits, Title = ""renamed"" });

            // The number comes from the caller.
            await context.SaveAsync(new PageStats { Page = page, Hits = amount });

            // Another type (another table) takes the loaded number.
            await context.SaveAsync(new PageStatsArchive { Page = page, Hits = current.Hits + 1 });

            // The local is changed after it is built: what is saved is not what the initializer says.
            var next = new PageStats { Page = page, Hits = current.Hits + 1 };
            next.Hits = 0;
            await context.SaveAsync(next);

            // Only half of a composite key matches the load.
            var today = await context.LoadAsync<DailyStats>(page, day);
            await context.SaveAsync(new DailyStats { Page = page, Day = other, Hits = today.Hits + 1 });

            // A versioned type: the new object carries no version, so the SDK's check rejects a save over an existing item.
            var quota = await quotas.GetAsync(page);
            await quotas.PutAsync(new Quota { Tenant = page, Used = quota.Used + 1 });
        }
    }
}").RunAsync();
        }
    }
}
