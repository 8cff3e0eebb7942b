using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
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
    /// Zero AD0001: every analyzer DynamoGuard ships runs on every test source, the sample app, the corpus slice and
    /// the snippets, whole and damaged in many ways (<see cref="Mutator"/>), and must never throw. The number of
    /// variants is bounded (<see cref="VariantBudget"/>) and spread over the sources in proportion to their size, so
    /// the suite's time stays flat as tests are added; the variants are the same on every run.
    /// </summary>
    public class AnalyzerCrashTests
    {
        public const int Seed = 20250607;

        /// <summary>Mutated variants per run, over all sources (about 20 s on two quiet cores with four analyzers).</summary>
        public const int VariantBudget = 1500;

        private const int MaxVariantsPerFile = 40;
        private const int MaxCrashReports = 5;

        private readonly ITestOutputHelper _output;

        public AnalyzerCrashTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task EverySource_Unchanged_NoAnalyzerThrows()
        {
            var sets = Inputs();
            var crashes = new ConcurrentQueue<string>();
            var diagnostics = 0;
            await Parallel.ForEachAsync(sets, Parallelism(), async (set, _) =>
            {
                var trees = set.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, AnalyzerRun.ParseOptions, f.Path)).ToList();
                var outcome = await AnalyzerRun.AnalyzeAsync(AnalyzerRun.NewCompilation(set.References, trees)).ConfigureAwait(false);
                Interlocked.Add(ref diagnostics, outcome.Diagnostics.Length);
                foreach (var crash in outcome.Crashes)
                {
                    crashes.Enqueue($"{set.Name}: {crash}");
                }
            });

            _output.WriteLine($"{sets.Length} sources ({RobustnessSources.TestSources.Length} from the test suite), {Product.Analyzers.Length} analyzers, {diagnostics} diagnostics, {crashes.Count} crashes.");
            Assert.True(crashes.IsEmpty, "Analyzer exceptions (AD0001):\n" + string.Join("\n\n", crashes.Take(MaxCrashReports)));
        }

        [Fact]
        public async Task EverySource_Mutated_NoAnalyzerThrows()
        {
            var plan = Plan(Inputs());
            var crashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var crashCount = 0;
            var withSyntaxErrors = 0;
            var diagnostics = 0;
            var stopwatch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(plan, Parallelism(), async (variant, _) =>
            {
                var (set, fileIndex, index) = variant;
                var file = set.Files[fileIndex];
                var mutation = Mutator.Mutate(file.Text, Seed ^ StableHash(set.Name + "|" + file.Path), index);
                var trees = set.Files.Select((f, i) => CSharpSyntaxTree.ParseText(i == fileIndex ? mutation.Text : f.Text, AnalyzerRun.ParseOptions, f.Path)).ToList();
                var compilation = AnalyzerRun.NewCompilation(set.References, trees);
                var options = index % 4 == 3 ? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new OddOptionsProvider(index)) : null;
                var outcome = await AnalyzerRun.AnalyzeAsync(compilation, options: options).ConfigureAwait(false);
                Interlocked.Add(ref diagnostics, outcome.Diagnostics.Length);
                if (compilation.GetParseDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    Interlocked.Increment(ref withSyntaxErrors);
                }

                foreach (var crash in outcome.Crashes)
                {
                    Interlocked.Increment(ref crashCount);
                    var key = crash.Split('\n')[0];
                    if (crashes.Count < 50 && !crashes.ContainsKey(key))
                    {
                        var repro = SaveRepro(set, fileIndex, mutation.Text, crashes.Count);
                        crashes.TryAdd(key, $"{set.Name} / {file.Path}, variant {index}: {mutation.Description}\n  repro: {repro}\n  {crash}");
                    }
                }
            });

            _output.WriteLine($"{plan.Count} variants of {plan.Select(p => p.Set.Name + p.File).Distinct().Count()} files in {plan.Select(p => p.Set.Name).Distinct().Count()} sources, {Mutator.OperatorCount} mutation operators, {Product.Analyzers.Length} analyzers: "
                + $"{withSyntaxErrors} variants with syntax errors, {diagnostics} diagnostics, {crashCount} crashes ({crashes.Count} distinct) in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
            Assert.True(crashes.IsEmpty, $"{crashCount} analyzer exceptions (AD0001), {crashes.Count} distinct:\n" + string.Join("\n\n", crashes.Values.Take(MaxCrashReports)));
        }

        [Fact]
        public async Task Runner_AnalyzerThatThrows_IsReportedAsCrash()
        {
            var compilation = AnalyzerRun.NewCompilation(ReferenceSet.AwsSdk, new[] { CSharpSyntaxTree.ParseText("class C { void M() { M(); } }", AnalyzerRun.ParseOptions) });
            var outcome = await AnalyzerRun.AnalyzeAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer()));
            Assert.NotEmpty(outcome.Crashes);
            Assert.Contains(outcome.Crashes, c => c.Contains("ThrowingAnalyzer", StringComparison.Ordinal));
        }

        [Fact]
        public void Mutator_SameInputs_SameVariant_AndOperatorsDamageCode()
        {
            var (_, code, _) = RobustnessSnippets.All[0];
            for (var i = 0; i < Mutator.OperatorCount * 2; i++)
            {
                var first = Mutator.Mutate(code, Seed, i);
                Assert.Equal(first, Mutator.Mutate(code, Seed, i));
                Assert.NotEqual(code, first.Text);
            }
        }

        [Fact]
        public void TestSources_AreCollectedFromTheTestSuite()
        {
            var sources = RobustnessSources.TestSources;
            _output.WriteLine($"{sources.Length} test sources: " + string.Join(", ", sources.Select(s => s.Name)));
            Assert.Contains(sources, s => s.Name.StartsWith("Rules/", StringComparison.Ordinal) && s.Files[0].Text.Contains("SkipVersionCheck", StringComparison.Ordinal));
            Assert.All(sources, s => Assert.DoesNotContain("[|", s.Files[0].Text, StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(RobustnessSnippets.Names), MemberType = typeof(RobustnessSnippets))]
        public void Snippet_Compiles(string name)
        {
            var (_, code, references) = RobustnessSnippets.All.Single(s => s.Name == name);
            var compilation = AnalyzerRun.NewCompilation(references, new[] { CSharpSyntaxTree.ParseText(code, AnalyzerRun.ParseOptions) });
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }

        private static ImmutableArray<SourceSet> Inputs()
        {
            // Corpus files are self-contained, so each is mutated in a compilation of its own (cheaper than the slice).
            var corpusFiles = RobustnessSources.CorpusSlice.Files.Select(f => new SourceSet("corpus " + f.Path, ImmutableArray.Create(f), ReferenceSet.AwsSdk));
            return RobustnessSources.TestSources.Add(RobustnessSources.SampleApp).AddRange(corpusFiles).AddRange(RobustnessSources.Snippets);
        }

        /// <summary>
        /// Variants per file in proportion to its lines (between 1 and <see cref="MaxVariantsPerFile"/>), scaled so the
        /// total stays within <see cref="VariantBudget"/>.
        /// </summary>
        private static List<(SourceSet Set, int File, int Index)> Plan(ImmutableArray<SourceSet> sets)
        {
            var files = sets.SelectMany(s => s.Files.Select((f, i) => (Set: s, File: i, Lines: f.Text.Count(c => c == '\n') + 1))).ToList();
            var wanted = files.Select(f => Math.Clamp(f.Lines / 4, 4, MaxVariantsPerFile)).ToList();
            var scale = Math.Min(1.0, (double)VariantBudget / wanted.Sum());
            var plan = new List<(SourceSet, int, int)>();
            for (var i = 0; i < files.Count; i++)
            {
                var count = Math.Max(1, (int)Math.Round(wanted[i] * scale));
                for (var index = 0; index < count; index++)
                {
                    plan.Add((files[i].Set, files[i].File, index));
                }
            }

            return plan;
        }

        private static ParallelOptions Parallelism() => new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

        /// <summary>FNV-1a: string.GetHashCode differs between runs.</summary>
        private static int StableHash(string text)
        {
            unchecked
            {
                var hash = (int)2166136261;
                foreach (var c in text)
                {
                    hash = (hash ^ c) * 16777619;
                }

                return hash;
            }
        }

        private static string SaveRepro(SourceSet set, int fileIndex, string mutated, int number)
        {
            var directory = Path.Combine(Path.GetTempPath(), "dynamoguard-robustness");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"crash-{number}-{set.References}.cs");
            File.WriteAllText(path, string.Join("\n\n", set.Files.Select((f, i) => $"// ===== {f.Path}\n" + (i == fileIndex ? mutated : f.Text))));
            return path;
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new("TEST0001", "t", "t", "t", DiagnosticSeverity.Warning, true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterOperationAction(_ => throw new InvalidOperationException("boom"), OperationKind.Invocation);
            }
        }
    }
}
