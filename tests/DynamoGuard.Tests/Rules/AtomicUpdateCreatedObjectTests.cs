using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB201 and DDB202 where the objects are built by constructors and their keys are computed from other properties,
    /// as in OpenIddict.AmazonDynamoDB's counters: <c>CountAsync()</c> loads <c>new CountModel(CountType.Application)</c>'s
    /// key into the same local and returns <c>count?.Count ?? 0</c>; the store saves
    /// <c>new CountModel(CountType.Application, count + 1)</c>. The models and the stores are separate files.
    /// </summary>
    public class AtomicUpdateCreatedObjectTests
    {
        private const string Usings = @"using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;
";

        private const string Models = Usings + @"
namespace Identity.Models
{
    public enum CountType { Application, Token }

    [DynamoDBTable(""Identity"")]
    public class CountModel
    {
        public CountModel() { }

        public CountModel(CountType type, long? count = default)
        {
            Type = type;
            Count = count ?? 0;
        }

        [DynamoDBHashKey]
        public string PartitionKey
        {
            get => $""COUNT#{Type}"";
            set { }
        }

        [DynamoDBRangeKey]
        public string? SortKey
        {
            get => $""#COUNT#{Type}"";
            set { }
        }

        public CountType Type { get; set; }
        public long Count { get; set; }
    }

    [DynamoDBTable(""Counters"")]
    public class Counter
    {
        public Counter() { }

        public Counter(string id, long hits)
        {
            Id = id;
            Hits = hits;
        }

        [DynamoDBHashKey] public string Id { get; set; } = """";
        public long Hits { get; set; }
    }

    /// <summary>Constructors DynamoGuard does not follow: chained, conditional, or not storing the argument.</summary>
    [DynamoDBTable(""Counters"")]
    public class OddCounter
    {
        public OddCounter() { }

        public OddCounter(string id, long hits) : this(id, hits, 1) { }

        public OddCounter(string id, long hits, int scale)
        {
            Id = id;
            if (scale > 0)
            {
                Hits = hits;
            }
        }

        public OddCounter(string id, bool reset, long hits)
        {
            Id = id;
            Hits = reset ? 0 : 1;
        }

        [DynamoDBHashKey] public string Id { get; set; } = """";
        public long Hits { get; set; }
    }

    [DynamoDBTable(""Visitors"")]
    public class Visitor
    {
        [DynamoDBHashKey] public string VisitorId { get; set; } = """";
        public int MessageCount { get; set; }
        public string Name { get; set; } = """";
        public DateTime LastActive { get; set; }
    }

    [DynamoDBTable(""Identity"")]
    public class Authorization
    {
        [DynamoDBHashKey]
        public string PartitionKey
        {
            get => $""AUTHORIZATION#{Id}"";
            set { }
        }

        [DynamoDBRangeKey]
        public string? SortKey
        {
            get => $""#AUTHORIZATION#{Id}"";
            set { }
        }

        public string Id { get; set; } = """";
        public DateTime? TTL { get; set; }
    }
}
";

        private static CSharpTest Test(string store, string id = "DDB201")
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Usings + "using Identity.Models;\n" + store,
                DiagnosticId = id,
            };
            test.AdditionalSources.Add(("Models/Identity.cs", Models));
            return test;
        }

        private const string CountHelper = @"
        public async ValueTask<long> CountAsync(CancellationToken cancellationToken)
        {
            var count = new CountModel(CountType.Application);
            count = await _context.LoadAsync<CountModel>(count.PartitionKey, count.SortKey, cancellationToken);

            return count?.Count ?? 0;
        }
";

        [Fact]
        public async Task OpenIddictCounter_ComputedKeyAndConstructorArgument_TriggersWithMessage()
        {
            var test = Test(@"
namespace Identity.Stores
{
    public sealed class ApplicationStore
    {
        private readonly IDynamoDBContext _context;
        public ApplicationStore(IDynamoDBContext context) => _context = context;
" + CountHelper + @"
        public async ValueTask CreateAsync(CancellationToken cancellationToken)
        {
            var count = await CountAsync(cancellationToken);
            await _context.{|#0:SaveAsync|}(new CountModel(CountType.Application, count + 1), cancellationToken);
        }

        public async ValueTask DeleteAsync(int removed, CancellationToken cancellationToken)
        {
            var count = await CountAsync(cancellationToken);
            var newCount = count - removed;
            await _context.{|#1:SaveAsync|}(new CountModel(CountType.Application, newCount), cancellationToken);
        }
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(0).WithMessage(
                "SaveAsync writes 'Count' as the value ApplicationStore.CountAsync read + 1, with no condition on 'Count': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(1).WithMessage(
                "SaveAsync writes 'Count' as the value ApplicationStore.CountAsync read - removed, with no condition on 'Count': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("new CountModel(CountType.Application, loaded.Count + 1)")]
        [InlineData("new CountModel { Type = CountType.Application, Count = (loaded?.Count ?? 0) + 1 }")]
        [InlineData("new CountModel(CountType.Token) { Type = CountType.Application, Count = loaded.Count + 1 }")]
        public async Task ComputedKey_LoadInTheMethod_Triggers(string saved)
        {
            await Test(@"
namespace Identity.Stores
{
    public sealed class Counts
    {
        public async Task AddAsync(IDynamoDBContext context)
        {
            var loaded = await context.LoadAsync<CountModel>(""COUNT#Application"", ""#COUNT#Application"");
            await context.[|SaveAsync|](" + saved + @");
        }
    }
}").RunAsync();
        }

        [Theory]
        [InlineData("var c = await context.LoadAsync<Counter>(id); var n = c?.Hits ?? 0;", "new Counter { Id = id, Hits = n + 1 }")]
        [InlineData("var c = await context.LoadAsync<Counter>(id); var n = c.Hits;", "new Counter(id, n + 1)")]
        [InlineData("var c = new Counter(id, 0); c = await context.LoadAsync<Counter>(c.Id); var n = c.Hits;", "new Counter(c.Id, n + 1)")]
        public async Task ConstructorArgumentsAndConditionalAccess_Trigger(string read, string saved)
        {
            await Test(@"
namespace Identity.Stores
{
    public sealed class Hits
    {
        public async Task HitAsync(IDynamoDBContext context, string id)
        {
            " + read + @"
            await context.[|SaveAsync|](" + saved + @");
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task OpenIddictCounter_LookAlikes_AreSilent()
        {
            await Test(@"
namespace Identity.Stores
{
    public sealed class TokenStore
    {
        private readonly IDynamoDBContext _context;
        public TokenStore(IDynamoDBContext context) => _context = context;
" + CountHelper + @"
        public async ValueTask OtherCounterAsync(CancellationToken cancellationToken)
        {
            // The application count read, the token count written: another item.
            var count = await CountAsync(cancellationToken);
            await _context.SaveAsync(new CountModel(CountType.Token, count + 1), cancellationToken);
        }

        public async ValueTask TypeUnknownAsync(CountType type, CancellationToken cancellationToken)
        {
            var count = await CountAsync(cancellationToken);
            await _context.SaveAsync(new CountModel(type, count + 1), cancellationToken);
        }

        public async ValueTask ResetAsync(CancellationToken cancellationToken)
        {
            var count = await CountAsync(cancellationToken);
            await _context.SaveAsync(new CountModel(CountType.Application), cancellationToken);
        }

        public async ValueTask CountSetLaterAsync(CancellationToken cancellationToken)
        {
            var count = await CountAsync(cancellationToken);
            await _context.SaveAsync(new CountModel(CountType.Application, count + 1) { Count = 0 }, cancellationToken);
        }

        public async ValueTask<long> CountOfAsync(CountType type, bool tokens, CancellationToken cancellationToken)
        {
            // The local holds another object in a branch: its key at the Load is not known.
            var count = new CountModel(CountType.Application);
            if (tokens)
            {
                count = new CountModel(CountType.Token);
            }

            count = await _context.LoadAsync<CountModel>(count.PartitionKey, count.SortKey, cancellationToken);
            await _context.SaveAsync(new CountModel(CountType.Application, count.Count + 1), cancellationToken);
            return count.Count;
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task ConstructorsNotFollowed_AreSilent()
        {
            await Test(@"
namespace Identity.Stores
{
    public sealed class OddHits
    {
        public async Task HitAsync(IDynamoDBContext context, string id, string other)
        {
            var c = await context.LoadAsync<OddCounter>(id);
            await context.SaveAsync(new OddCounter(id, c.Hits + 1));
            await context.SaveAsync(new OddCounter(id, c.Hits + 1, 2));
            await context.SaveAsync(new OddCounter(id, false, c.Hits + 1));

            var d = await context.LoadAsync<Counter>(id);
            await context.SaveAsync(new Counter(other, d.Hits + 1));
            await context.SaveAsync(new Counter(id, d.Hits * 2));
        }

        public async Task InALoopAsync(IDynamoDBContext context, int times)
        {
            // At the Load, the local may hold the token count of the iteration before: the key is not known.
            var count = new CountModel(CountType.Application);
            for (var i = 0; i < times; i++)
            {
                count = await context.LoadAsync<CountModel>(count.PartitionKey, count.SortKey);
                await context.SaveAsync(new CountModel(CountType.Application, count.Count + 1));
                count = new CountModel(CountType.Token);
            }
        }
    }
}").RunAsync();
        }

        [Theory]
        [InlineData("new Counter { Id = id }")]
        [InlineData("new Counter(id, 0)")]
        public async Task GetOrCreate_IncrementedAndSaved_Triggers(string created)
        {
            await Test(@"
namespace Identity.Stores
{
    public sealed class Hits
    {
        public async Task HitAsync(IDynamoDBContext context, string id)
        {
            var counter = await context.LoadAsync<Counter>(id) ?? " + created + @";
            counter.Hits++;
            await context.[|SaveAsync|](counter);
        }
    }
}").RunAsync();
        }

        [Theory]
        [InlineData("if (counter == null) counter = new Counter { Id = id };")]
        [InlineData("if (counter is null)\n            {\n                counter = new Counter(id, 0);\n            }")]
        [InlineData("if (null == counter) { counter = new Counter { Id = id }; }")]
        [InlineData("if (counter?.Id is null) counter = new Counter { Id = id };")]
        [InlineData("if (counter?.Id == null) { counter = new Counter(id, 0); }")]
        public async Task GetOrCreate_NullCheckAfterTheLoad_Triggers(string fallback)
        {
            await Test(@"
namespace Identity.Stores
{
    public sealed class Hits
    {
        public async Task HitAsync(IDynamoDBContext context, string id)
        {
            var counter = await context.LoadAsync<Counter>(id);
            " + fallback + @"

            counter.Hits += 1;
            await context.[|SaveAsync|](counter);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task GetOrCreate_NullCheckLookAlikes_AreSilent()
        {
            await Test(@"
namespace Identity.Stores
{
    public sealed class Hits
    {
        public async Task ElseBranchAsync(IDynamoDBContext context, string id, Counter other)
        {
            var counter = await context.LoadAsync<Counter>(id);
            if (counter == null) counter = new Counter { Id = id }; else counter = other;
            counter.Hits += 1;
            await context.SaveAsync(counter);
        }

        public async Task OtherObjectsMemberCheckedAsync(IDynamoDBContext context, string id, Counter? other)
        {
            var counter = await context.LoadAsync<Counter>(id);
            if (other?.Id is null) counter = new Counter { Id = id };
            counter.Hits += 1;
            await context.SaveAsync(counter);
        }

        public async Task NotNullCheckAsync(IDynamoDBContext context, string id, bool reset)
        {
            var counter = await context.LoadAsync<Counter>(id);
            if (reset) counter = new Counter { Id = id };
            counter.Hits += 1;
            await context.SaveAsync(counter);
        }

        public async Task ReplacedByACallAsync(IDynamoDBContext context, string id, Func<Counter> create)
        {
            var counter = await context.LoadAsync<Counter>(id);
            if (counter == null) counter = create();
            counter.Hits += 1;
            await context.SaveAsync(counter);
        }

        public async Task LoadInABranchAsync(IDynamoDBContext context, string id, bool load)
        {
            Counter? counter = null;
            if (load) counter = await context.LoadAsync<Counter>(id);
            if (counter == null) counter = new Counter { Id = id };
            counter.Hits += 1;
            await context.SaveAsync(counter);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task GetOrCreate_LookAlikes_AreSilent()
        {
            await Test(@"
namespace Identity.Stores
{
    public sealed class Hits
    {
        public async Task FallbackFromElsewhereAsync(IDynamoDBContext context, string id, Counter fallback)
        {
            // The object may be the caller's: not a get-or-create of this item.
            var counter = await context.LoadAsync<Counter>(id) ?? fallback;
            counter.Hits++;
            await context.SaveAsync(counter);
        }

        public async Task NewObjectOnlyAsync(IDynamoDBContext context, string id)
        {
            var counter = new Counter { Id = id } ?? await context.LoadAsync<Counter>(id);
            counter.Hits++;
            await context.SaveAsync(counter);
        }
    }
}").RunAsync();
        }

        private const string VisitorRepository = Usings + @"using Identity.Models;

namespace Identity.Data
{
    public class VisitorRepository
    {
        private readonly IDynamoDBContext _context;
        public VisitorRepository(IDynamoDBContext context) => _context = context;

        public async Task<Visitor?> GetVisitorAsync(string visitorId)
        {
            try
            {
                var visitor = await _context.LoadAsync<Visitor>(visitorId);
                return visitor;
            }
            catch (Exception)
            {
                return null;
            }
        }

        public async Task UpdateVisitorAsync(Visitor visitor)
        {
            visitor.LastActive = DateTime.UtcNow;
            await _context.SaveAsync(visitor);
        }
    }
}
";

        [Fact]
        public async Task HelperReturnsTheLoadedObjectOrNull_IncrementedAndSavedThroughAHelper_Triggers()
        {
            var test = Test(@"
namespace Identity.Services
{
    public sealed class Messages
    {
        private readonly Identity.Data.VisitorRepository _visitors;
        public Messages(Identity.Data.VisitorRepository visitors) => _visitors = visitors;

        public async Task CountMessageAsync(string visitorId)
        {
            var visitor = await _visitors.GetVisitorAsync(visitorId);
            if (visitor != null)
            {
                visitor.MessageCount++;
                await _visitors.{|#0:UpdateVisitorAsync|}(visitor);
            }
        }
    }
}");
            test.AdditionalSources.Add(("Data/VisitorRepository.cs", VisitorRepository));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB201").WithLocation(0).WithMessage(
                "VisitorRepository.UpdateVisitorAsync writes 'MessageCount' as the value VisitorRepository.GetVisitorAsync read + 1, with no condition on 'MessageCount': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"));
            await test.RunAsync();
        }

        [Fact]
        public async Task LoadedIntoAReassignedLocal_ChangedAndSaved_TriggersWholeItemWriteBack()
        {
            await Test(@"
namespace Identity.Stores
{
    public sealed class TokenStore
    {
        public async Task RenameAsync(IDynamoDBContext context, string id, string name)
        {
            // Get or create: the loaded visitor, changed and written back whole, whenever it exists.
            var visitor = await context.LoadAsync<Visitor>(id) ?? new Visitor { VisitorId = id };
            visitor.Name = name;
            await context.[|SaveAsync|](visitor);
        }

        public async Task TouchAsync(IDynamoDBContext context, string id, DateTime now)
        {
            // The Laboratory shape: replaced when missing or without a Name, else changed and written back whole.
            var visitor = await context.LoadAsync<Visitor>(id);
            if (visitor?.Name is null)
                visitor = new Visitor { VisitorId = id, Name = ""new"" };

            visitor.LastActive = now;
            await context.[|SaveAsync|](visitor);
        }

        public async Task ReplacedWhenAnotherIsMissingAsync(IDynamoDBContext context, string id, DateTime now, Visitor? other)
        {
            var visitor = await context.LoadAsync<Visitor>(id);
            if (other?.Name is null)
                visitor = new Visitor { VisitorId = id, Name = ""new"" };

            visitor.LastActive = now;
            await context.SaveAsync(visitor);
        }

        public async Task ExpireAsync(IDynamoDBContext context, string authorizationId, DateTime ttl, CancellationToken cancellationToken)
        {
            var authorization = new Authorization { Id = authorizationId };
            authorization = await context.LoadAsync<Authorization>(authorization.PartitionKey, authorization.SortKey, cancellationToken);

            if (authorization != default)
            {
                authorization.TTL = ttl;
                await context.[|SaveAsync|](authorization, cancellationToken);
            }
        }

        public async Task NotLoadedInBetweenAsync(IDynamoDBContext context, string authorizationId, bool load, DateTime ttl)
        {
            // The object saved may be the new one: the Load happens in a branch.
            var authorization = new Authorization { Id = authorizationId };
            if (load)
            {
                authorization = await context.LoadAsync<Authorization>(authorization.PartitionKey, authorization.SortKey);
            }

            authorization.TTL = ttl;
            await context.SaveAsync(authorization);
        }
    }
}", "DDB202").RunAsync();
        }
    }
}
