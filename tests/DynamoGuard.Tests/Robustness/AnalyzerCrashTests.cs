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

        /// <summary>Mutated variants of the CI run, over all sources (about 20 s on two quiet cores with four analyzers); see <see cref="RobustnessSettings"/> for the long mode.</summary>
        public const int VariantBudget = RobustnessSettings.DefaultVariants;

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

        /// <summary>
        /// The mutation suite. In the long mode (<see cref="RobustnessSettings"/>) it also times every variant against a
        /// hang limit and checks code fixes on the variants.
        /// </summary>
        [Fact]
        public async Task EverySource_Mutated_NoAnalyzerThrows()
        {
            var seed = RobustnessSettings.Seed;
            var plan = Plan(Inputs(), RobustnessSettings.Variants, RobustnessSettings.LongMode);
            var crashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var hangs = new ConcurrentQueue<string>();
            var fixProblems = new ConcurrentQueue<string>();
            var crashCount = 0;
            var withSyntaxErrors = 0;
            var diagnostics = 0;
            var fixesApplied = 0;
            var variantsWithFixes = 0;
            long slowestTicks = 0;
            var slowest = "";
            var done = 0;
            var stopwatch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(plan, Parallelism(), async (variant, _) =>
            {
                var (set, fileIndex, index) = variant;
                var file = set.Files[fileIndex];
                var mutation = Mutator.Mutate(file.Text, seed ^ StableHash(set.Name + "|" + file.Path), index);
                var what = $"{set.Name} / {file.Path}, variant {index}: {mutation.Description}";
                var trees = set.Files.Select((f, i) => CSharpSyntaxTree.ParseText(i == fileIndex ? mutation.Text : f.Text, AnalyzerRun.ParseOptions, f.Path)).ToList();
                var compilation = AnalyzerRun.NewCompilation(set.References, trees);
                var options = index % 4 == 3 ? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new OddOptionsProvider(index)) : null;
                var timer = Stopwatch.StartNew();
                AnalyzerOutcome outcome;
                try
                {
                    outcome = await AnalyzerRun.AnalyzeAsync(compilation, options: options, timeLimit: RobustnessSettings.VariantTimeLimit).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    hangs.Enqueue($"{what}: analysis not done after {RobustnessSettings.VariantTimeLimit.TotalSeconds:0} s\n  repro: {SaveRepro(set, fileIndex, mutation.Text, "hang", hangs.Count)}");
                    return;
                }

                timer.Stop();
                lock (hangs)
                {
                    if (timer.ElapsedTicks > slowestTicks)
                    {
                        slowestTicks = timer.ElapsedTicks;
                        slowest = $"{timer.Elapsed.TotalSeconds:0.00} s: {what}";
                    }
                }

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
                        var repro = SaveRepro(set, fileIndex, mutation.Text, "crash", crashes.Count);
                        crashes.TryAdd(key, $"{what}\n  repro: {repro}\n  {crash}");
                    }
                }

                if (RobustnessSettings.FixesPerVariant > 0 && outcome.Crashes.IsEmpty && outcome.Diagnostics.Any(d => Product.CodeFixes.Any(p => p.FixableDiagnosticIds.Contains(d.Id))))
                {
                    var (applied, problems) = await CheckFixesAsync(set, fileIndex, mutation.Text, options).ConfigureAwait(false);
                    Interlocked.Add(ref fixesApplied, applied);
                    Interlocked.Increment(ref variantsWithFixes);
                    foreach (var problem in problems)
                    {
                        fixProblems.Enqueue($"{what}\n  repro: {SaveRepro(set, fileIndex, mutation.Text, "fix", fixProblems.Count)}\n  {problem}");
                    }
                }

                if (RobustnessSettings.LongMode && Interlocked.Increment(ref done) % 500 == 0)
                {
                    Console.WriteLine($"robustness long mode: {done} of {plan.Count} variants, {stopwatch.Elapsed.TotalMinutes:0.0} min");
                }
            });

            var summary = $"{plan.Count} variants (seed {seed}) of {plan.Select(p => p.Set.Name + p.File).Distinct().Count()} files in {plan.Select(p => p.Set.Name).Distinct().Count()} sources, {Mutator.OperatorCount} mutation operators, {Product.Analyzers.Length} analyzers: "
                + $"{withSyntaxErrors} variants with syntax errors, {diagnostics} diagnostics, {crashCount} crashes ({crashes.Count} distinct), "
                + $"{hangs.Count} hangs (limit {RobustnessSettings.VariantTimeLimit.TotalSeconds:0} s per variant; slowest {slowest}), "
                + $"{fixesApplied} code fixes applied on {variantsWithFixes} variants ({RobustnessSettings.FixesPerVariant} per variant at most), {fixProblems.Count} fix problems, "
                + $"in {stopwatch.Elapsed.TotalSeconds:0.0} s.";
            _output.WriteLine(summary);
            if (RobustnessSettings.LongMode)
            {
                var directory = Path.Combine(Path.GetTempPath(), "dynamoguard-robustness");
                Directory.CreateDirectory(directory);
                File.WriteAllText(
                    Path.Combine(directory, $"summary-{RobustnessSettings.Variants}-{seed}.txt"),
                    summary + "\n\n" + string.Join("\n\n", crashes.Values.Concat(hangs).Concat(fixProblems).Take(50)) + "\n");
                Console.WriteLine(summary);
            }

            Assert.True(crashes.IsEmpty, $"{crashCount} analyzer exceptions (AD0001), {crashes.Count} distinct:\n" + string.Join("\n\n", crashes.Values.Take(MaxCrashReports)));
            Assert.True(hangs.IsEmpty, $"{hangs.Count} variants over the time limit:\n" + string.Join("\n\n", hangs.Take(MaxCrashReports)));
            Assert.True(fixProblems.IsEmpty, $"{fixProblems.Count} code fix problems:\n" + string.Join("\n\n", fixProblems.Take(MaxCrashReports)));
        }

        /// <summary>
        /// The first action of the code fixes of up to <see cref="RobustnessSettings.FixesPerVariant"/> diagnostics of a
        /// variant (in a workspace project of the variant's files): each must change the code, add no compiler error the
        /// variant did not have, and make no analyzer throw on the result.
        /// </summary>
        private static async Task<(int Applied, List<string> Problems)> CheckFixesAsync(SourceSet set, int fileIndex, string mutated, AnalyzerOptions? options)
        {
            var problems = new List<string>();
            var project = CodeFixRobustnessTests.CreateProject(set.Files.Select((f, i) => (f.Path, i == fileIndex ? mutated : f.Text)), set.References);
            var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            var outcome = await AnalyzerRun.AnalyzeAsync(compilation, options: options, timeLimit: RobustnessSettings.VariantTimeLimit).ConfigureAwait(false);
            var applied = 0;
            var work = outcome.Diagnostics
                .Where(d => d.Location.IsInSource)
                .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .SelectMany(d => Product.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(d.Id)).Select(p => (Diagnostic: d, Provider: p)))
                .Take(RobustnessSettings.FixesPerVariant);
            foreach (var (diagnostic, provider) in work)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    continue;
                }

                var actions = await CodeFixRobustnessTests.RegisterAsync(provider, document, diagnostic).ConfigureAwait(false);
                if (actions.Count == 0)
                {
                    continue;
                }

                var changed = await CodeFixRobustnessTests.ApplyAsync(actions[0]).ConfigureAwait(false);
                var what = $"{provider.GetType().Name} '{actions[0].Title}' on {diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition}";
                if (changed is null || !await CodeFixRobustnessTests.ChangedAsync(project.Solution, changed).ConfigureAwait(false))
                {
                    problems.Add($"{what}: changed nothing.");
                    continue;
                }

                applied++;
                problems.AddRange((await CodeFixRobustnessTests.CheckAsync(project.Solution, changed).ConfigureAwait(false)).Select(p => $"{what}: {p}"));
            }

            return (applied, problems);
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
        /// total stays within the budget (<see cref="VariantBudget"/> in CI); in the long mode scaled up to it.
        /// </summary>
        private static List<(SourceSet Set, int File, int Index)> Plan(ImmutableArray<SourceSet> sets, int budget, bool longMode)
        {
            var files = sets.SelectMany(s => s.Files.Select((f, i) => (Set: s, File: i, Lines: f.Text.Count(c => c == '\n') + 1))).ToList();
            var wanted = files.Select(f => Math.Clamp(f.Lines / 4, 4, MaxVariantsPerFile)).ToList();

            // The long mode may ask for more variants than the files' share: then each file gets more (other indexes,
            // other mutations), and the total is trimmed to the budget exactly.
            var scale = longMode ? (double)budget / wanted.Sum() : Math.Min(1.0, (double)budget / wanted.Sum());
            var plan = new List<(SourceSet, int, int)>();
            for (var i = 0; i < files.Count; i++)
            {
                // Rounded up in the long mode, so that the trim below leaves exactly the budget (not a few short of it).
                var count = Math.Max(1, longMode ? (int)Math.Ceiling(wanted[i] * scale) : (int)Math.Round(wanted[i] * scale));
                for (var index = 0; index < count; index++)
                {
                    plan.Add((files[i].Set, files[i].File, index));
                }
            }

            if (longMode && plan.Count > budget)
            {
                plan = Enumerable.Range(0, budget).Select(i => plan[(int)((long)i * plan.Count / budget)]).ToList();
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

        private static string SaveRepro(SourceSet set, int fileIndex, string mutated, string kind, int number)
        {
            var directory = Path.Combine(Path.GetTempPath(), "dynamoguard-robustness");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"{kind}-{number}-{set.References}.cs");
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
