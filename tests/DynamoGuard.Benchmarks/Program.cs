using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Benchmarks
{
    /// <summary>
    /// Measures, in one run on one machine: compile time of a generated code base without analyzers; the execution time
    /// of each DynamoGuard analyzer (CompilationWithAnalyzers with logAnalyzerExecutionTime, telemetry ExecutionTime);
    /// their ratio on a DynamoDB-heavy corpus and on a corpus without the AWS SDK; scaling 4N / N, measured several
    /// times; allocations and GC pauses of the compile and of the analyzer run; optionally each callback's time
    /// (<see cref="CallbackRecorder"/>); the IDE latency of one open document against the SDK's own analyzers
    /// (<see cref="IdeLatencyBenchmark"/>); and the time of one code fix and of Fix All on a large file. It prints each
    /// target of issue 13 with its figure, limit and PASS/FAIL and writes them to the JSON report. Exit code 1 when the
    /// corpus does not compile, an analyzer throws or a fix adds compiler errors; the targets are reported, not
    /// enforced (timings depend on the machine).
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            BenchmarkOptions options;
            try
            {
                options = BenchmarkOptions.Parse(args);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(BenchmarkOptions.Usage);
                return 2;
            }

            if (options.Help)
            {
                Console.WriteLine(BenchmarkOptions.Usage);
                return 0;
            }

            if (options.CorpusDirectory is { } directory)
            {
                WriteCorpus(options, directory);
                return 0;
            }

            var report = new Report();
            var total = Stopwatch.StartNew();
            await new CompilationBenchmark(options, report).RunAsync().ConfigureAwait(false);
            if (options.Ide)
            {
                await new IdeLatencyBenchmark(options, report).RunAsync().ConfigureAwait(false);
            }

            await new CodeFixBenchmark(options, report).RunAsync().ConfigureAwait(false);
            report.Environment["elapsed"] = total.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

            Console.WriteLine();
            Console.WriteLine($"Targets (issue 13){(options.Quick ? " — smoke run: these figures mean nothing" : "")}:");
            var targets = new Table("target", "figure", "limit", "status");
            foreach (var target in report.Targets)
            {
                targets.Row(target.Name, Format(target.Value, target.Unit), target.LimitText, target.Status);
            }

            targets.Write(Console.Out);
            report.WriteFiles(options.OutputPath);
            Console.WriteLine($"Report: {options.OutputPath} (and .csv); total {report.Environment["elapsed"]}.");
            if (report.Problems.Count > 0)
            {
                Console.WriteLine("PROBLEMS:");
                report.Problems.ForEach(p => Console.WriteLine("  " + p));
                return 1;
            }

            return 0;
        }

        /// <summary>The generated code, for reading or for building it with the real toolchain.</summary>
        private static void WriteCorpus(BenchmarkOptions options, string directory)
        {
            foreach (var (folder, files) in new[] { ("dynamodb", CorpusGenerator.Generate(options.Files, options.Seed)), ("no-sdk", CorpusGenerator.Generate(options.Files, options.Seed, withAwsSdk: false)) })
            {
                foreach (var file in files)
                {
                    var path = System.IO.Path.Combine(directory, folder, file.Path);
                    System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                    System.IO.File.WriteAllText(path, file.Text);
                }
            }

            for (var i = 0; i < 20; i++)
            {
                var dense = CorpusGenerator.GenerateDenseFile(i, options.Seed);
                var path = System.IO.Path.Combine(directory, "dense", dense.Path);
                System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                System.IO.File.WriteAllText(path, dense.Text);
            }

            System.IO.File.WriteAllText(System.IO.Path.Combine(directory, "FixTarget.cs"), CorpusGenerator.GenerateFixTarget(options.FixLines, options.Seed));
            Console.WriteLine($"Wrote {options.Files} + {options.Files} files, 20 dense files (as in the robustness tests' corpus slice) and FixTarget.cs to {directory}.");
        }

        public static string Format(double value, string unit) => unit switch
        {
            "%" => value.ToString("0.000", CultureInfo.InvariantCulture) + " %",
            "ms" => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
            "x" => value.ToString("0.00", CultureInfo.InvariantCulture) + "x",
            "MB" => value.ToString("0.0", CultureInfo.InvariantCulture) + " MB",
            _ => value.ToString("0.##", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : ""),
        };

        public static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    /// <summary>Compile time vs analyzer time on the generated corpora.</summary>
    internal sealed class CompilationBenchmark
    {
        private const double MB = 1024 * 1024;

        private readonly BenchmarkOptions _options;
        private readonly Report _report;
        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = Product.Analyzers;

        public CompilationBenchmark(BenchmarkOptions options, Report report)
        {
            _options = options;
            _report = report;
        }

        public async Task RunAsync()
        {
            var environment = _report.Environment;
            environment["machine"] = $"{System.Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
            environment["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
            environment["roslyn"] = typeof(Compilation).Assembly.GetName().Version!.ToString();
            environment["gc"] = GCSettings.IsServerGC ? "server" : "workstation";
            environment["configuration"] = IsOptimized() ? "Release" : "Debug (timings not representative: use -c Release)";
            environment["threads"] = _options.Concurrent ? "concurrent build and analysis" : "single-threaded build and analysis";
            environment["options"] = $"files={_options.Files} repeat={_options.Repeat} seed={_options.Seed} fixLines={_options.FixLines} scaling={_options.Scaling}";
            environment["analyzers"] = string.Join(", ", _analyzers.Select(a => a.GetType().Name));
            Console.WriteLine($"DynamoGuard benchmark: {environment["options"]}; {environment["threads"]}; {environment["gc"]} GC; {environment["configuration"]}");
            Console.WriteLine($"Analyzers ({_analyzers.Length}): {environment["analyzers"]}");

            var largestSize = _options.Scaling ? 4 * _options.Files : _options.Files;
            var generated = Stopwatch.StartNew();
            var sdkFiles = CorpusGenerator.Generate(largestSize, _options.Seed, withAwsSdk: true);
            var noSdkFiles = CorpusGenerator.Generate(_options.Files, _options.Seed, withAwsSdk: false);
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var sdkTrees = sdkFiles.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, f.Path)).ToArray();
            var noSdkTrees = noSdkFiles.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, f.Path)).ToArray();
            Console.WriteLine($"Generated and parsed {sdkFiles.Count + noSdkFiles.Count} files in {generated.Elapsed.TotalSeconds:0.0} s.");

            var sdkCorpus = new Corpus("dynamodb", sdkTrees.Take(_options.Files).ToArray(), sdkFiles.Take(_options.Files).Sum(f => f.Lines), References.WithAwsSdk);
            var noSdkCorpus = new Corpus("no-sdk", noSdkTrees, noSdkFiles.Sum(f => f.Lines), References.RuntimeOnly);
            _report.Add("corpus", "dynamodb", "files", _options.Files, "files");
            _report.Add("corpus", "dynamodb", "lines", sdkCorpus.Lines, "lines");
            _report.Add("corpus", "no-sdk", "files", noSdkFiles.Count, "files");
            _report.Add("corpus", "no-sdk", "lines", noSdkCorpus.Lines, "lines");
            foreach (var kind in sdkFiles.Take(_options.Files).GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                _report.Add("corpus", "dynamodb", "files." + kind.Key, kind.Count(), "files");
                _report.Add("corpus", "dynamodb", "lines." + kind.Key, kind.Sum(f => f.Lines), "lines");
            }

            Console.WriteLine("Corpus at N: " + string.Join(", ", sdkFiles.Take(_options.Files).GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Count()} {g.Key} files ({g.Sum(f => f.Lines) / g.Count()} lines each)")) + $"; {sdkCorpus.Lines} lines; no-SDK corpus {noSdkCorpus.Lines} lines.");

            // The corpus must compile: analyzer timings on broken code would measure error paths.
            var largest = new Corpus("dynamodb", sdkTrees, sdkFiles.Sum(f => f.Lines), References.WithAwsSdk);
            CheckCompiles(largest);
            CheckCompiles(noSdkCorpus);

            Console.WriteLine("Warm-up...");
            MeasureCompile(sdkCorpus);
            await MeasureAnalysisAsync(sdkCorpus).ConfigureAwait(false);
            await MeasureAnalysisAsync(noSdkCorpus).ConfigureAwait(false);

            var n = await RunAsync(sdkCorpus, buildPass: true).ConfigureAwait(false);
            var noSdk = await RunAsync(noSdkCorpus, buildPass: true).ConfigureAwait(false);

            // What any analyzer with an operation action costs the build: the driver's IOperation pass, measured with
            // an analyzer that registers one empty Invocation action.
            var baseline = new List<(double Ms, long Allocated)>();
            for (var i = 0; i < _options.Repeat; i++)
            {
                baseline.Add(await MeasureBuildAsync(sdkCorpus, ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyOperationAnalyzer())).ConfigureAwait(false));
            }

            var baselineMs = Program.Median(baseline.Select(b => b.Ms));
            var baselineAllocated = Program.Median(baseline.Select(b => (double)b.Allocated));
            _report.Add("compile", $"dynamodb@{_options.Files}", "build with an empty operation analyzer", baselineMs, "ms");
            _report.Add("compile", $"dynamodb@{_options.Files}", "build with an empty operation analyzer allocated", baselineAllocated / MB, "MB");

            // Scaling: analyzer time at 4N / at N, measured --scaling-runs times (one analysis of each size per round, N
            // and 4N in turn); each round's ratio must stay within the target.
            var results = new List<(Corpus Corpus, Run Run)> { (sdkCorpus, n) };
            var rounds = new List<(double N, double FourN, double GcN, double GcFourN)>();
            if (_options.Scaling)
            {
                var big = new Corpus("dynamodb", sdkTrees, sdkFiles.Sum(f => f.Lines), References.WithAwsSdk);
                Console.WriteLine($"Scaling: analyzer time at {big.Trees.Length} files / at {sdkCorpus.Trees.Length} files, {_options.ScalingRuns} rounds...");
                var bigCompile = MeasureCompile(big);
                var bigAnalyses = new List<Analysis>();
                for (var round = 0; round < _options.ScalingRuns; round++)
                {
                    var atN = await MeasureAnalysisAsync(sdkCorpus).ConfigureAwait(false);
                    var at4N = await MeasureAnalysisAsync(big).ConfigureAwait(false);
                    bigAnalyses.Add(at4N);
                    rounds.Add((atN.AnalyzerMs.Values.Sum(), at4N.AnalyzerMs.Values.Sum(), atN.GcPauseMs, at4N.GcPauseMs));
                }

                results.Add((big, new Run
                {
                    CompileMs = bigCompile.Ms,
                    CompileAllocated = bigCompile.Allocated,
                    CompileGcPauseMs = bigCompile.GcPauseMs,
                    TotalAnalyzerMs = Program.Median(bigAnalyses.Select(a => a.AnalyzerMs.Values.Sum())),
                    GcPauseMs = Program.Median(bigAnalyses.Select(a => a.GcPauseMs)),
                    AnalysisAllocated = Program.Median(bigAnalyses.Select(a => (double)a.Allocated)),
                }));
            }

            if (_options.Callbacks)
            {
                await MeasureCallbacksAsync(sdkCorpus).ConfigureAwait(false);
            }

            if (_options.Retained)
            {
                await MeasureRetainedAsync(sdkCorpus).ConfigureAwait(false);
            }

            Console.WriteLine();
            Console.WriteLine($"Per analyzer at N = {_options.Files} files (median of {_options.Repeat}; % of compile time):");
            var perAnalyzer = new Table("analyzer", "dynamodb ms", "dynamodb %", "no-sdk ms", "no-sdk %", "diagnostics", "actions");
            foreach (var analyzer in _analyzers)
            {
                var name = analyzer.GetType().Name;
                perAnalyzer.Row(
                    name,
                    n.AnalyzerMs[name].ToString("0.0", CultureInfo.InvariantCulture),
                    Percent(n.AnalyzerMs[name], n.CompileMs),
                    noSdk.AnalyzerMs[name].ToString("0.00", CultureInfo.InvariantCulture),
                    Percent(noSdk.AnalyzerMs[name], noSdk.CompileMs),
                    n.Diagnostics[name].ToString(CultureInfo.InvariantCulture),
                    n.Actions[name]);
            }

            perAnalyzer.Row("DynamoGuard (all)", n.TotalAnalyzerMs.ToString("0.0", CultureInfo.InvariantCulture), Percent(n.TotalAnalyzerMs, n.CompileMs), noSdk.TotalAnalyzerMs.ToString("0.00", CultureInfo.InvariantCulture), Percent(noSdk.TotalAnalyzerMs, noSdk.CompileMs), n.Diagnostics.Values.Sum().ToString(CultureInfo.InvariantCulture), "");
            perAnalyzer.Write(Console.Out);

            Console.WriteLine("Reported diagnostics at N: " + (n.DiagnosticsById.Count == 0 ? "none" : string.Join(", ", n.DiagnosticsById.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))));
            Console.WriteLine();

            Console.WriteLine("Compile vs analyze (median ms). compile: GetDiagnostics of a fresh compilation. analyzers: sum of the analyzers'");
            Console.WriteLine("execution times. build: the compiler and analyzer diagnostics of a fresh compilation in one pass, as csc runs them;");
            Console.WriteLine("overhead = build - compile, in time and allocated bytes (the analyzer driver, IOperation trees and the analyzers).");
            Console.WriteLine("GC pauses: collections during the compile and during the analyzer run (GetAnalyzerDiagnosticsAsync of a fresh");
            Console.WriteLine("compilation); one that falls inside a callback counts as that analyzer's time. alloc: bytes allocated by the compile,");
            Console.WriteLine("by the analyzer run (which binds the code too), and by the build beyond the compile. 4N: compile once, analyzers median of the rounds.");
            var scaling = new Table("corpus", "files", "lines", "compile ms", "analyzers ms", "ratio", "GC compile ms", "GC analysis ms", "build ms", "overhead ms", "alloc compile", "alloc analysis run", "alloc overhead");
            foreach (var (corpus, run) in results.Append((noSdkCorpus, noSdk)))
            {
                var hasBuild = run.BuildMs > 0;
                scaling.Row(
                    corpus.Name,
                    corpus.Trees.Length.ToString(CultureInfo.InvariantCulture),
                    corpus.Lines.ToString(CultureInfo.InvariantCulture),
                    run.CompileMs.ToString("0", CultureInfo.InvariantCulture),
                    run.TotalAnalyzerMs.ToString("0.0", CultureInfo.InvariantCulture),
                    Percent(run.TotalAnalyzerMs, run.CompileMs),
                    run.CompileGcPauseMs.ToString("0", CultureInfo.InvariantCulture),
                    run.GcPauseMs.ToString("0", CultureInfo.InvariantCulture),
                    hasBuild ? run.BuildMs.ToString("0", CultureInfo.InvariantCulture) : "-",
                    hasBuild ? (run.BuildMs - run.CompileMs).ToString("0", CultureInfo.InvariantCulture) : "-",
                    Program.Format(run.CompileAllocated / MB, "MB"),
                    Program.Format(run.AnalysisAllocated / MB, "MB"),
                    hasBuild ? Program.Format((run.BuildAllocated - run.CompileAllocated) / MB, "MB") : "-");
            }

            scaling.Write(Console.Out);
            Console.WriteLine($"Reference: a build of the N corpus with one empty Invocation operation analyzer instead of DynamoGuard takes {baselineMs:0} ms "
                + $"(overhead {baselineMs - n.CompileMs:0} ms, {Program.Format((baselineAllocated - n.CompileAllocated) / MB, "MB")}): the driver's IOperation pass, paid once for all operation analyzers.");
            Console.WriteLine();

            if (rounds.Count > 0)
            {
                var scalingTable = new Table("round", $"analyzers ms at {_options.Files}", $"at {4 * _options.Files}", "4N / N", "GC ms at N", "GC ms at 4N");
                for (var i = 0; i < rounds.Count; i++)
                {
                    var (atN, at4N, gcN, gc4N) = rounds[i];
                    scalingTable.Row((i + 1).ToString(CultureInfo.InvariantCulture), atN.ToString("0", CultureInfo.InvariantCulture), at4N.ToString("0", CultureInfo.InvariantCulture), Program.Format(Ratio(at4N, atN), "x"), gcN.ToString("0", CultureInfo.InvariantCulture), gc4N.ToString("0", CultureInfo.InvariantCulture));
                    _report.Add("scaling", $"round {i + 1}", "analyzers at N", atN, "ms");
                    _report.Add("scaling", $"round {i + 1}", "analyzers at 4N", at4N, "ms");
                    _report.Add("scaling", $"round {i + 1}", "analyzers.4N/N", Ratio(at4N, atN), "x");
                }

                Console.WriteLine("Scaling rounds (one analysis at N and one at 4N per round):");
                scalingTable.Write(Console.Out);
                _report.Add("scaling", "dynamodb", "compile.4N/N", Ratio(results[1].Run.CompileMs, n.CompileMs), "x");
            }

            var allocatedOverhead = n.BuildAllocated - n.CompileAllocated;
            _report.Add("allocations", $"dynamodb@{_options.Files}", "compile", n.CompileAllocated / MB, "MB");
            _report.Add("allocations", $"dynamodb@{_options.Files}", "analyzer run (binds the code too)", n.AnalysisAllocated / MB, "MB");
            _report.Add("allocations", $"dynamodb@{_options.Files}", "build - compile", allocatedOverhead / MB, "MB");
            _report.Add("allocations", $"dynamodb@{_options.Files}", "build with an empty operation analyzer - compile", (baselineAllocated - n.CompileAllocated) / MB, "MB");
            _report.Add("allocations", $"dynamodb@{_options.Files}", "GC pauses during the compile", n.CompileGcPauseMs, "ms");
            _report.Add("allocations", $"dynamodb@{_options.Files}", "GC pauses during the analyzer run", n.GcPauseMs, "ms");

            _report.Targets.Add(new Target($"analyzer time / compile time, DynamoDB corpus at {_options.Files} files (median of {_options.Repeat})", 100 * Ratio(n.TotalAnalyzerMs, n.CompileMs), "<=", 3, "%"));
            _report.Targets.Add(new Target($"analyzer time / compile time, no AWS SDK (median of {_options.Repeat})", 100 * Ratio(noSdk.TotalAnalyzerMs, noSdk.CompileMs), "<", 0.2, "%"));
            for (var i = 0; i < rounds.Count; i++)
            {
                _report.Targets.Add(new Target($"analyzer time at 4N / at N, round {i + 1} of {rounds.Count}", Ratio(rounds[i].FourN, rounds[i].N), "<=", 4.4, "x"));
            }

            // The build time DynamoGuard adds beyond the driver's IOperation pass (which any operation analyzer costs):
            // the two builds' difference. The analyzer time above also counts the binding of helper bodies that
            // DynamoGuard asks for first and the driver then reuses from the same semantic model; this difference
            // does not. It is the difference of two medians, so it carries their spread (several hundred ms).
            _report.Targets.Add(new Target(
                $"build with DynamoGuard - build with an empty operation analyzer, / compile ({n.BuildMs - baselineMs:0} ms / {n.CompileMs:0} ms)",
                100 * Ratio(n.BuildMs - baselineMs, n.CompileMs),
                "report",
                0,
                "%"));
            _report.Targets.Add(new Target(
                $"allocations: build - compile / compile ({Program.Format(allocatedOverhead / MB, "MB")} / {Program.Format(n.CompileAllocated / MB, "MB")}; empty operation analyzer {Program.Format((baselineAllocated - n.CompileAllocated) / MB, "MB")})",
                100 * Ratio(allocatedOverhead, n.CompileAllocated),
                "report",
                0,
                "%"));
        }

        /// <summary>The per-callback breakdown: one run of the corpus with every analyzer wrapped (<see cref="CallbackRecorder"/>).</summary>
        private async Task MeasureCallbacksAsync(Corpus corpus)
        {
            Console.WriteLine($"Per-callback breakdown at {corpus.Trees.Length} files (one wrapped run)...");
            var recorder = new CallbackRecorder();
            var wrapped = recorder.WrapAll(_analyzers);
            var compilation = NewCompilation(corpus);
            _ = compilation.ReferencedAssemblyNames.Count();
            var withAnalyzers = compilation.WithAnalyzers(wrapped, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: _options.Concurrent,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
            Settle();
            var pauseBefore = GC.GetTotalPauseDuration();
            var collectionsBefore = GC.CollectionCount(0);
            _ = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            var pauseMs = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
            var collections = GC.CollectionCount(0) - collectionsBefore;
            var telemetry = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < wrapped.Length; i++)
            {
                telemetry[_analyzers[i].GetType().Name] = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(wrapped[i], CancellationToken.None).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
            }

            var table = new Table("analyzer", "callback", "calls", "ms", "us/call", "alloc", "GCs", "GC ms", "% of analyzer");
            foreach (var group in recorder.Entries.GroupBy(e => e.Key.Analyzer).OrderByDescending(g => telemetry.GetValueOrDefault(g.Key)))
            {
                var analyzerMs = telemetry.GetValueOrDefault(group.Key);
                foreach (var entry in group.OrderByDescending(e => e.Value.Milliseconds))
                {
                    var e = entry.Value;
                    table.Row(group.Key, entry.Key.Callback, e.Calls.ToString(CultureInfo.InvariantCulture), e.Milliseconds.ToString("0.0", CultureInfo.InvariantCulture),
                        (e.Calls == 0 ? 0 : 1000 * e.Milliseconds / e.Calls).ToString("0.0", CultureInfo.InvariantCulture), Program.Format(e.Allocated / MB, "MB"),
                        e.Collections.ToString(CultureInfo.InvariantCulture), e.PauseMilliseconds.ToString("0.0", CultureInfo.InvariantCulture), Percent(e.Milliseconds, analyzerMs));
                    var subject = $"{group.Key}: {entry.Key.Callback}";
                    _report.Add("callbacks", subject, "calls", e.Calls, "calls");
                    _report.Add("callbacks", subject, "time", e.Milliseconds, "ms");
                    _report.Add("callbacks", subject, "allocated", e.Allocated / MB, "MB");
                    _report.Add("callbacks", subject, "GC pauses inside", e.PauseMilliseconds, "ms");
                    _report.Add("callbacks", subject, "collections inside", e.Collections, "collections");
                }

                table.Row(group.Key, "(Roslyn telemetry, whole analyzer)", "", analyzerMs.ToString("0.0", CultureInfo.InvariantCulture), "", "", "", "", "");
            }

            Console.WriteLine("Per callback (wall-clock inside each callback, summed; the wrapper's own timing adds a little; '% of analyzer' is of");
            Console.WriteLine("Roslyn's telemetry time for the wrapped analyzer; actions registered by block/symbol start callbacks are in the gap):");
            table.Write(Console.Out);
            var inside = recorder.Entries.Values.Sum(e => e.Collections);
            var pauseInside = recorder.Entries.Values.Sum(e => e.PauseMilliseconds);
            Console.WriteLine($"The wrapped run: {collections} garbage collections ({pauseMs:0} ms of pauses), {inside} of them ending inside a DynamoGuard callback ({pauseInside:0} ms).");
            _report.Add("callbacks", "all", "collections during the wrapped run", collections, "collections");
            _report.Add("callbacks", "all", "collections inside DynamoGuard callbacks", inside, "collections");
        }

        private static bool IsOptimized()
        {
            var debuggable = typeof(Product).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().FirstOrDefault();
            return debuggable is null || !debuggable.IsJITOptimizerDisabled;
        }

        private static string Percent(double part, double whole) => (100 * Ratio(part, whole)).ToString("0.000", CultureInfo.InvariantCulture) + " %";

        private static double Ratio(double part, double whole) => whole > 0 ? part / whole : 0;

        /// <summary>
        /// A compilation of freshly parsed trees (new texts too), as a build in a new process has: nothing an analyzer or
        /// the compiler keeps per tree or per text from an earlier measurement is reused. Parsing happens before any timing.
        /// </summary>
        private CSharpCompilation NewCompilation(Corpus corpus)
            => CSharpCompilation.Create(
                "Corpus",
                corpus.Trees.Select(t => CSharpSyntaxTree.ParseText(SourceText.From(t.GetText().ToString()), (CSharpParseOptions)t.Options, t.FilePath)),
                corpus.References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: _options.Concurrent));

        private void CheckCompiles(Corpus corpus)
        {
            var diagnostics = NewCompilation(corpus).GetDiagnostics();
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
            Console.WriteLine($"Corpus '{corpus.Name}' ({corpus.Trees.Length} files, {corpus.Lines} lines): {errors.Count} compiler errors, {warnings} warnings.");
            _report.Add("corpus", corpus.Name, "compiler errors (largest size)", errors.Count, "errors");
            _report.Add("corpus", corpus.Name, "compiler warnings (largest size)", warnings, "warnings");
            if (errors.Count > 0)
            {
                foreach (var error in errors.Take(20))
                {
                    Console.WriteLine("  " + error);
                }

                _report.Problems.Add($"The '{corpus.Name}' corpus has {errors.Count} compiler errors (first: {errors[0]}).");
            }
        }

        private async Task<Run> RunAsync(Corpus corpus, bool buildPass)
        {
            Console.WriteLine($"Measuring '{corpus.Name}' at {corpus.Trees.Length} files ({corpus.Lines} lines), {_options.Repeat} runs...");
            var compiles = new List<(double Ms, long Allocated, double GcPauseMs)>();
            var builds = new List<(double Ms, long Allocated)>();
            var analyses = new List<Analysis>();
            for (var i = 0; i < _options.Repeat; i++)
            {
                compiles.Add(MeasureCompile(corpus));
                analyses.Add(await MeasureAnalysisAsync(corpus).ConfigureAwait(false));
                if (buildPass)
                {
                    builds.Add(await MeasureBuildAsync(corpus).ConfigureAwait(false));
                }
            }

            var run = new Run
            {
                CompileMs = Program.Median(compiles.Select(c => c.Ms)),
                CompileAllocated = Program.Median(compiles.Select(c => (double)c.Allocated)),
                CompileGcPauseMs = Program.Median(compiles.Select(c => c.GcPauseMs)),
                AnalysisAllocated = Program.Median(analyses.Select(a => (double)a.Allocated)),
                BuildMs = Program.Median(builds.Select(b => b.Ms)),
                BuildAllocated = Program.Median(builds.Select(b => (double)b.Allocated)),
                TotalAnalyzerMs = Program.Median(analyses.Select(a => a.AnalyzerMs.Values.Sum())),
                GcPauseMs = Program.Median(analyses.Select(a => a.GcPauseMs)),
            };
            foreach (var analyzer in _analyzers)
            {
                var name = analyzer.GetType().Name;
                run.AnalyzerMs[name] = Program.Median(analyses.Select(a => a.AnalyzerMs[name]));
                run.Diagnostics[name] = analyses[0].Diagnostics[name];
                run.Actions[name] = analyses[0].Actions[name];
            }

            if (_options.DiagnosticsListing && corpus.Trees.Length == _options.Files)
            {
                var listing = System.IO.Path.ChangeExtension(_options.OutputPath, null) + $"-diagnostics-{corpus.Name}.txt";
                System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(listing)!);
                System.IO.File.WriteAllLines(listing, analyses[0].Listing);
                Console.WriteLine($"  {analyses[0].Listing.Count} DynamoGuard diagnostics listed in {listing}");
            }

            foreach (var pair in analyses[0].DiagnosticsById)
            {
                run.DiagnosticsById[pair.Key] = pair.Value;
            }

            var subject = $"{corpus.Name}@{corpus.Trees.Length}";
            _report.Add("compile", subject, "lines", corpus.Lines, "lines");
            _report.Add("compile", subject, "compile", run.CompileMs, "ms");
            _report.Add("compile", subject, "compile allocated", run.CompileAllocated / MB, "MB");
            if (buildPass)
            {
                _report.Add("compile", subject, "build (compile + analyzers, one pass)", run.BuildMs, "ms");
                _report.Add("compile", subject, "build allocated", run.BuildAllocated / MB, "MB");
                _report.Add("compile", subject, "overhead (build - compile)", run.BuildMs - run.CompileMs, "ms");
                _report.Add("compile", subject, "allocated overhead (build - compile)", (run.BuildAllocated - run.CompileAllocated) / MB, "MB");
            }
            _report.Add("analyzers", subject, "DynamoGuard (all)", run.TotalAnalyzerMs, "ms");
            _report.Add("analyzers", subject, "DynamoGuard (all) / compile", 100 * Ratio(run.TotalAnalyzerMs, run.CompileMs), "%");
            _report.Add("analyzers", subject, "GC pauses during the analyzer run", run.GcPauseMs, "ms");
            foreach (var pair in run.AnalyzerMs)
            {
                _report.Add("analyzers", subject, pair.Key, pair.Value, "ms");
            }

            foreach (var pair in run.DiagnosticsById)
            {
                _report.Add("diagnostics", subject, pair.Key, pair.Value, "diagnostics");
            }

            return run;
        }

        private (double Ms, long Allocated, double GcPauseMs) MeasureCompile(Corpus corpus)
        {
            var compilation = NewCompilation(corpus);
            Settle();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var pauseBefore = GC.GetTotalPauseDuration();
            var stopwatch = Stopwatch.StartNew();
            _ = compilation.GetDiagnostics();
            stopwatch.Stop();
            return (stopwatch.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - before, (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds);
        }

        private async Task<Analysis> MeasureAnalysisAsync(Corpus corpus)
        {
            var compilation = NewCompilation(corpus);
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: _options.Concurrent,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            // Bind the references first, as a build or the IDE has done before analyzers run: otherwise the first
            // analyzer to touch the compilation is charged with the compiler's own reference binding.
            _ = compilation.ReferencedAssemblyNames.Count();

            // Execution times are kept by GetAnalyzerDiagnosticsAsync (not by GetAllDiagnosticsAsync: see MeasureBuildAsync).
            var withAnalyzers = compilation.WithAnalyzers(_analyzers, options);
            Settle();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var pauseBefore = GC.GetTotalPauseDuration();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

            // Execution times are wall-clock times of the callbacks: a garbage collection that happens during one is
            // charged to it, and collections take longer as the heap (the compilation) grows.
            var analysis = new Analysis { GcPauseMs = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds, Allocated = allocated };
            foreach (var analyzer in _analyzers)
            {
                var name = analyzer.GetType().Name;
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                analysis.AnalyzerMs[name] = telemetry.ExecutionTime.TotalMilliseconds;
                analysis.Actions[name] = $"start {telemetry.CompilationStartActionsCount}, op {telemetry.OperationActionsCount}, syntax {telemetry.SyntaxNodeActionsCount}, symbol {telemetry.SymbolActionsCount}, end {telemetry.CompilationEndActionsCount}";
                var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
                analysis.Diagnostics[name] = diagnostics.Count(d => ids.Contains(d.Id));
            }

            analysis.Listing.AddRange(diagnostics
                .Where(d => Product.DiagnosticIds.Contains(d.Id))
                .Select(d => $"{d.Location.GetLineSpan().Path}({d.Location.GetLineSpan().StartLinePosition.Line + 1}): {d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}")
                .OrderBy(l => l, StringComparer.Ordinal));
            foreach (var group in diagnostics.Where(d => Product.DiagnosticIds.Contains(d.Id)).GroupBy(d => d.Id))
            {
                analysis.DiagnosticsById[group.Key] = group.Count();
            }

            var crashes = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).Concat(exceptions).Distinct(StringComparer.Ordinal).ToList();
            foreach (var crash in crashes)
            {
                var problem = $"Analyzer exception on corpus '{corpus.Name}': {crash}";
                if (!_report.Problems.Contains(problem))
                {
                    _report.Problems.Add(problem);
                    Console.WriteLine("  " + problem);
                }
            }

            return analysis;
        }

        /// <summary>Compiler and analyzer diagnostics of a fresh compilation in one pass, as csc produces them in a build.</summary>
        private Task<(double Ms, long Allocated)> MeasureBuildAsync(Corpus corpus) => MeasureBuildAsync(corpus, _analyzers);

        private async Task<(double Ms, long Allocated)> MeasureBuildAsync(Corpus corpus, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var compilation = NewCompilation(corpus);
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: _options.Concurrent,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            Settle();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            _ = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            stopwatch.Stop();
            return (stopwatch.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        /// <summary>
        /// The heap still live when an analysis of the corpus ends, while its compilation is (as in a build, and in the
        /// IDE until the next edit): what the analyzers' caches keep beyond the compilation's own data (the driver
        /// drops each file's semantic model once the file is analyzed; a cache holding operations keeps it), against an
        /// analyzer with one empty operation action.
        /// </summary>
        private async Task MeasureRetainedAsync(Corpus corpus)
        {
            Console.WriteLine($"Live heap at the end of an analysis at {corpus.Trees.Length} files...");
            // Each run's "before" can still hold the previous run's compilation (the analyzer driver keeps the last one
            // it analyzed until the next analysis), so the runs are compared by what is live at their end: the empty
            // analyzer first and last, DynamoGuard in between.
            var table = new Table("analyzers", "live before MB", "live at the end MB");
            var empty = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyOperationAnalyzer());
            var ends = new List<double>();
            foreach (var (name, analyzers) in new[] { ("empty operation analyzer", empty), ("DynamoGuard", _analyzers), ("empty operation analyzer", empty) })
            {
                Settle();
                var (before, after) = await MeasureLiveHeapAsync(corpus, analyzers).ConfigureAwait(false);
                ends.Add(after / MB);
                table.Row(name, Program.Format(before / MB, "MB"), Program.Format(after / MB, "MB"));
            }

            table.Write(Console.Out);
            var kept = ends[1] - (ends[0] + ends[2]) / 2;
            Console.WriteLine($"DynamoGuard keeps {Program.Format(kept, "MB")} more live at the end of the analysis than an empty operation analyzer.");
            _report.Add("retained", $"dynamodb@{corpus.Trees.Length}", "live at the end, DynamoGuard - empty operation analyzer", kept, "MB");

            Console.WriteLine();
        }

        /// <summary>The live heap before and after one analysis, with the compilation still alive at the end (its own method, so that nothing of it outlives the call).</summary>
        private async Task<(long Before, long After)> MeasureLiveHeapAsync(Corpus corpus, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var compilation = NewCompilation(corpus);
            _ = compilation.ReferencedAssemblyNames.Count();
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: _options.Concurrent, logAnalyzerExecutionTime: false));
            Settle();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            _ = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            Settle();
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(withAnalyzers);
            return (before, after);
        }

        private static void Settle()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private sealed record Corpus(string Name, SyntaxTree[] Trees, int Lines, ImmutableArray<MetadataReference> References);

        private sealed class Analysis
        {
            public double GcPauseMs { get; init; }
            public long Allocated { get; init; }
            public Dictionary<string, double> AnalyzerMs { get; } = new(StringComparer.Ordinal);
            public Dictionary<string, int> Diagnostics { get; } = new(StringComparer.Ordinal);
            public Dictionary<string, string> Actions { get; } = new(StringComparer.Ordinal);
            public Dictionary<string, int> DiagnosticsById { get; } = new(StringComparer.Ordinal);
            public List<string> Listing { get; } = new();
        }

        private sealed class Run
        {
            public double CompileMs { get; init; }
            public double CompileAllocated { get; init; }
            public double CompileGcPauseMs { get; init; }
            public double AnalysisAllocated { get; init; }
            public double BuildMs { get; init; }
            public double BuildAllocated { get; init; }
            public double TotalAnalyzerMs { get; init; }
            public double GcPauseMs { get; init; }
            public Dictionary<string, double> AnalyzerMs { get; } = new(StringComparer.Ordinal);
            public Dictionary<string, int> Diagnostics { get; } = new(StringComparer.Ordinal);
            public Dictionary<string, string> Actions { get; } = new(StringComparer.Ordinal);
            public Dictionary<string, int> DiagnosticsById { get; } = new(StringComparer.Ordinal);
        }
    }
}
