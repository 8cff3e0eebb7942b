using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Benchmarks
{
    /// <summary>
    /// What one open document costs in the IDE: for DynamoDB-heavy documents of the corpus, each on a fresh compilation
    /// of the N-file corpus in which that document was just re-parsed (as after a keystroke: no per-compilation cache
    /// survives, so compilation start work counts), the compiler's own diagnostics of the document are computed first
    /// (the IDE asks for them separately), then the wall-clock time of
    /// <c>CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, …)</c> is taken for DynamoGuard's
    /// analyzers, for the .NET SDK's own default analyzers (Microsoft.CodeAnalysis.NetAnalyzers and
    /// CSharp.NetAnalyzers from the installed SDK's <c>analyzers</c> folder, with their descriptors' default
    /// severities: an analyzer all of whose rules are off by default does not run) and for an empty analyzer with one
    /// operation action (the driver's IOperation pass alone). Each set runs on its own fresh compilation, the three in
    /// turn, <c>--repeat</c> times per document; the per-document figure is the median. One thread, as the other ratios.
    /// <para>
    /// That standalone time has a floor that is not the analyzers' work: for any analyzer with a semantic action (an
    /// operation, syntax node, code block or semantic model action), the driver first computes the document's compiler
    /// diagnostics again in its own semantic model, to raise the compilation events it analyzes, and binds the whole
    /// document there. It is measured here with an analyzer that registers one empty syntax node action. The IDE pays
    /// that pass once for all the analyzers it runs on the document, so DynamoGuard's own cost in the IDE is measured as
    /// the IDE runs it: DynamoGuard and the SDK's analyzers in one <c>CompilationWithAnalyzers</c> and one request for
    /// the document, with <c>logAnalyzerExecutionTime</c>, and the execution time of DynamoGuard's analyzers over that of
    /// the SDK's analyzers in that same request (callbacks, compilation start actions and everything they call, binding
    /// of other documents and the GC pauses inside them included). The targets are taken on that ratio: median over
    /// the documents and worst document. The standalone ratio is reported beside it, with its floor.
    /// </para>
    /// </summary>
    internal sealed class IdeLatencyBenchmark
    {
        private readonly BenchmarkOptions _options;
        private readonly Report _report;

        public IdeLatencyBenchmark(BenchmarkOptions options, Report report)
        {
            _options = options;
            _report = report;
        }

        public async Task RunAsync()
        {
            var (sdkAnalyzers, folder, loadProblems) = LoadSdkAnalyzers(_options.SdkAnalyzersDirectory);
            if (sdkAnalyzers.IsEmpty)
            {
                // Not a problem of DynamoGuard's (the smoke run must not fail for it), but the targets show it as FAIL.
                Console.WriteLine($"IDE latency not measured: no SDK analyzers loaded from '{folder}' ({string.Join("; ", loadProblems)}).");
                _report.Targets.Add(new Target("IDE: DynamoGuard / SDK analyzers (not measured: the SDK's analyzers were not found)", double.NaN, "<=", 20, "%"));
                return;
            }

            var active = sdkAnalyzers.Count(a => a.SupportedDiagnostics.Any(d => d.IsEnabledByDefault && d.DefaultSeverity != DiagnosticSeverity.Hidden));
            _report.Environment["sdk analyzers"] = $"{folder}: {sdkAnalyzers.Length} C# analyzers, {active} with a rule on by default (warning/info/error)";
            foreach (var problem in loadProblems.Distinct(StringComparer.Ordinal).Take(5))
            {
                Console.WriteLine("  analyzer load problem: " + problem);
            }

            var files = CorpusGenerator.Generate(_options.Files, _options.Seed);
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, f.Path)).ToArray();
            var compilation = CSharpCompilation.Create(
                "Corpus",
                trees,
                References.WithAwsSdk,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
            _ = compilation.ReferencedAssemblyNames.Count();

            // DynamoDB-heavy documents, spread evenly over the corpus.
            var candidates = Enumerable.Range(0, files.Count).Where(i => files[i].Kind != "Ordinary").ToList();
            var count = Math.Min(_options.IdeDocuments, candidates.Count);
            var chosen = Enumerable.Range(0, count).Select(i => candidates[(int)((long)i * candidates.Count / count)]).ToList();
            var dynamoGuard = Product.Analyzers;
            var empty = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyOperationAnalyzer());
            var floor = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptySyntaxNodeAnalyzer());
            var together = dynamoGuard.AddRange(sdkAnalyzers);
            Console.WriteLine($"IDE latency: {count} DynamoDB-heavy documents of the {files.Count}-file corpus, {_options.Repeat} runs each; "
                + $"DynamoGuard ({dynamoGuard.Length} analyzers) vs the SDK's ({sdkAnalyzers.Length} C# analyzers from {folder}, {active} on by default).");

            // Warm-up: JIT of every analyzer and of the driver paths.
            foreach (var set in new[] { dynamoGuard, sdkAnalyzers, empty, floor })
            {
                _ = await TimeOnceAsync(compilation, trees[chosen[0]], set, parseOptions).ConfigureAwait(false);
            }

            _ = await TimeTogetherAsync(compilation, trees[chosen[0]], dynamoGuard, sdkAnalyzers, parseOptions).ConfigureAwait(false);

            var rows = new List<Row>();
            foreach (var index in chosen)
            {
                var dg = new List<double>();
                var sdk = new List<double>();
                var baseline = new List<double>();
                var floors = new List<double>();
                var compiler = new List<double>();
                var ownDg = new List<double>();
                var ownSdk = new List<double>();
                var request = new List<double>();
                for (var i = 0; i < _options.Repeat; i++)
                {
                    var a = await TimeOnceAsync(compilation, trees[index], dynamoGuard, parseOptions).ConfigureAwait(false);
                    var b = await TimeOnceAsync(compilation, trees[index], sdkAnalyzers, parseOptions).ConfigureAwait(false);
                    var c = await TimeOnceAsync(compilation, trees[index], empty, parseOptions).ConfigureAwait(false);
                    var d = await TimeOnceAsync(compilation, trees[index], floor, parseOptions).ConfigureAwait(false);
                    var e = await TimeTogetherAsync(compilation, trees[index], dynamoGuard, sdkAnalyzers, parseOptions).ConfigureAwait(false);
                    dg.Add(a.AnalyzerMs);
                    sdk.Add(b.AnalyzerMs);
                    baseline.Add(c.AnalyzerMs);
                    floors.Add(d.AnalyzerMs);
                    compiler.Add(a.CompilerMs);
                    compiler.Add(b.CompilerMs);
                    compiler.Add(c.CompilerMs);
                    compiler.Add(d.CompilerMs);
                    ownDg.Add(e.DynamoGuardMs);
                    ownSdk.Add(e.SdkMs);
                    request.Add(e.RequestMs);
                    foreach (var crash in a.Crashes.Concat(e.Crashes))
                    {
                        var problem = $"Analyzer exception in the IDE run on {files[index].Path}: {crash}";
                        if (!_report.Problems.Contains(problem))
                        {
                            _report.Problems.Add(problem);
                        }
                    }
                }

                rows.Add(new Row(files[index].Path, files[index].Kind, files[index].Lines, Program.Median(compiler), Program.Median(dg), Program.Median(sdk), Program.Median(baseline), Program.Median(floors),
                    Program.Median(ownDg), Program.Median(ownSdk), Program.Median(request)));
            }

            // The targets: DynamoGuard's own execution time beside the SDK's analyzers in one request, as the IDE runs them.
            var ratios = rows.Select(r => r.OwnSdk > 0 ? r.OwnDynamoGuard / r.OwnSdk : 0).ToList();
            var medianRatio = Program.Median(ratios);
            var worst = rows.Zip(ratios).OrderByDescending(p => p.Second).First();

            // Reported: each set alone, wall-clock, with the floor any semantic analyzer pays in that measurement.
            var standalone = rows.Select(r => r.Sdk > 0 ? r.DynamoGuard / r.Sdk : 0).ToList();
            var floorRatios = rows.Select(r => r.Sdk > 0 ? r.Floor / r.Sdk : 0).ToList();
            var worstStandalone = rows.Zip(standalone).OrderByDescending(p => p.Second).First();

            var table = new Table("document", "kind", "lines", "together: DynamoGuard ms", "SDK ms", "ratio", "request ms", "alone: compiler ms", "DynamoGuard ms", "SDK ms", "empty op. ms", "empty semantic ms", "ratio");
            foreach (var (row, ratio) in rows.Zip(ratios).OrderByDescending(p => p.Second).Take(_options.Quick ? rows.Count : 10))
            {
                table.Row(row.Path, row.Kind, row.Lines.ToString(CultureInfo.InvariantCulture), Ms(row.OwnDynamoGuard), Ms(row.OwnSdk), Pct(ratio), Ms(row.Request),
                    Ms(row.Compiler), Ms(row.DynamoGuard), Ms(row.Sdk), Ms(row.Empty), Ms(row.Floor), Pct(row.Sdk > 0 ? row.DynamoGuard / row.Sdk : 0));
            }

            table.Row("median over documents", "", "",
                Ms(Program.Median(rows.Select(r => r.OwnDynamoGuard))), Ms(Program.Median(rows.Select(r => r.OwnSdk))), Pct(medianRatio), Ms(Program.Median(rows.Select(r => r.Request))),
                Ms(Program.Median(rows.Select(r => r.Compiler))), Ms(Program.Median(rows.Select(r => r.DynamoGuard))), Ms(Program.Median(rows.Select(r => r.Sdk))),
                Ms(Program.Median(rows.Select(r => r.Empty))), Ms(Program.Median(rows.Select(r => r.Floor))), Pct(Program.Median(standalone)));
            Console.WriteLine($"Slowest documents relative to the SDK's analyzers (of {rows.Count}), per-document medians. First: DynamoGuard and the SDK's analyzers in one");
            Console.WriteLine("request for the document (as the IDE runs them), each set's execution time (telemetry) and the request's wall-clock time.");
            Console.WriteLine("Then each set alone (wall-clock of its request, after the document's compiler diagnostics); 'empty semantic' is an analyzer");
            Console.WriteLine("with one empty syntax node action: the floor of that measurement (the driver binds the document again for any semantic action).");
            table.Write(Console.Out);
            Console.WriteLine($"Standalone: DynamoGuard / SDK analyzers median {Pct(Program.Median(standalone))}, worst {Pct(worstStandalone.Second)} ({Path.GetFileName(worstStandalone.First.Path)}); "
                + $"floor (empty semantic analyzer / SDK analyzers) median {Pct(Program.Median(floorRatios))}, on the same worst document {Pct(worstStandalone.First.Sdk > 0 ? worstStandalone.First.Floor / worstStandalone.First.Sdk : 0)}.");

            foreach (var row in rows)
            {
                _report.Add("ide", row.Path, "DynamoGuard execution time beside the SDK analyzers", row.OwnDynamoGuard, "ms");
                _report.Add("ide", row.Path, "SDK analyzers execution time beside DynamoGuard", row.OwnSdk, "ms");
                _report.Add("ide", row.Path, "request with both (wall-clock)", row.Request, "ms");
                _report.Add("ide", row.Path, "compiler diagnostics", row.Compiler, "ms");
                _report.Add("ide", row.Path, "DynamoGuard alone", row.DynamoGuard, "ms");
                _report.Add("ide", row.Path, "SDK analyzers alone", row.Sdk, "ms");
                _report.Add("ide", row.Path, "empty operation analyzer alone", row.Empty, "ms");
                _report.Add("ide", row.Path, "empty syntax node analyzer alone", row.Floor, "ms");
            }

            _report.Add("ide", "all documents", "documents", rows.Count, "documents");
            _report.Add("ide", "all documents", "DynamoGuard / SDK analyzers execution time in one request, median", 100 * medianRatio, "%");
            _report.Add("ide", "all documents", "DynamoGuard / SDK analyzers execution time in one request, worst", 100 * worst.Second, "%");
            _report.Add("ide", "all documents", "DynamoGuard alone / SDK analyzers alone, median", 100 * Program.Median(standalone), "%");
            _report.Add("ide", "all documents", "DynamoGuard alone / SDK analyzers alone, worst", 100 * worstStandalone.Second, "%");
            _report.Add("ide", "all documents", "empty syntax node analyzer alone / SDK analyzers alone, median", 100 * Program.Median(floorRatios), "%");
            _report.Add("ide", "all documents", "empty operation analyzer / compiler diagnostics, median", 100 * Program.Median(rows.Select(r => r.Compiler > 0 ? r.Empty / r.Compiler : 0)), "%");
            _report.Add("ide", "all documents", "DynamoGuard / compiler diagnostics, median", 100 * Program.Median(rows.Select(r => r.Compiler > 0 ? r.DynamoGuard / r.Compiler : 0)), "%");
            _report.Add("ide", "all documents", "SDK analyzers / compiler diagnostics, median", 100 * Program.Median(rows.Select(r => r.Compiler > 0 ? r.Sdk / r.Compiler : 0)), "%");
            _report.Targets.Add(new Target($"IDE: DynamoGuard / SDK analyzers execution time in one request, median of {rows.Count}", 100 * medianRatio, "<=", 20, "%"));
            _report.Targets.Add(new Target($"IDE: DynamoGuard / SDK analyzers execution time in one request, worst document ({Path.GetFileName(worst.First.Path)})", 100 * worst.Second, "<=", 50, "%"));
            _report.Targets.Add(new Target($"IDE, each alone (wall-clock): DynamoGuard / SDK analyzers, median (floor: an empty semantic analyzer {Pct(Program.Median(floorRatios))})", 100 * Program.Median(standalone), "report", 0, "%"));
            _report.Targets.Add(new Target($"IDE, each alone (wall-clock): DynamoGuard / SDK analyzers, worst document ({Path.GetFileName(worstStandalone.First.Path)})", 100 * worstStandalone.Second, "report", 0, "%"));
            Console.WriteLine();
        }

        private sealed record Row(string Path, string Kind, int Lines, double Compiler, double DynamoGuard, double Sdk, double Empty, double Floor, double OwnDynamoGuard, double OwnSdk, double Request);

        /// <summary>
        /// One keystroke as the IDE runs it: a re-parsed document in a new compilation, its compiler diagnostics, then one
        /// request for the document's semantic diagnostics of DynamoGuard's and the SDK's analyzers together; the
        /// execution time (telemetry) of each set, and the request's wall-clock time.
        /// </summary>
        private static async Task<(double DynamoGuardMs, double SdkMs, double RequestMs, List<string> Crashes)> TimeTogetherAsync(CSharpCompilation corpus, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> dynamoGuard, ImmutableArray<DiagnosticAnalyzer> sdk, CSharpParseOptions parseOptions)
        {
            var edited = CSharpSyntaxTree.ParseText(tree.GetText(), parseOptions, tree.FilePath);
            var compilation = corpus.ReplaceSyntaxTree(tree, edited);
            var model = compilation.GetSemanticModel(edited);
            _ = model.GetDiagnostics();

            var crashes = new List<string>();
            var withAnalyzers = compilation.WithAnalyzers(dynamoGuard.AddRange(sdk), new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) =>
                {
                    if (dynamoGuard.Contains(analyzer))
                    {
                        crashes.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}");
                    }
                },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
            var stopwatch = Stopwatch.StartNew();
            var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).ConfigureAwait(false);
            var requestMs = stopwatch.Elapsed.TotalMilliseconds;
            crashes.AddRange(diagnostics.Where(d => d.Id == "AD0001" && d.GetMessage(CultureInfo.InvariantCulture).Contains("DynamoGuard", StringComparison.Ordinal)).Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
            return (await SumExecutionTimeAsync(withAnalyzers, dynamoGuard).ConfigureAwait(false), await SumExecutionTimeAsync(withAnalyzers, sdk).ConfigureAwait(false), requestMs, crashes);
        }

        private static async Task<double> SumExecutionTimeAsync(CompilationWithAnalyzers withAnalyzers, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var total = 0.0;
            foreach (var analyzer in analyzers)
            {
                total += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
            }

            return total;
        }

        private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

        private static string Pct(double ratio) => (100 * ratio).ToString("0.0", CultureInfo.InvariantCulture) + " %";

        /// <summary>One keystroke's worth: a re-parsed document in a new compilation, its compiler diagnostics, then the analyzers' semantic diagnostics for it.</summary>
        private static async Task<(double CompilerMs, double AnalyzerMs, List<string> Crashes)> TimeOnceAsync(CSharpCompilation corpus, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> analyzers, CSharpParseOptions parseOptions)
        {
            var edited = CSharpSyntaxTree.ParseText(tree.GetText(), parseOptions, tree.FilePath);
            var compilation = corpus.ReplaceSyntaxTree(tree, edited);
            var model = compilation.GetSemanticModel(edited);
            var stopwatch = Stopwatch.StartNew();
            _ = model.GetDiagnostics();
            var compilerMs = stopwatch.Elapsed.TotalMilliseconds;

            var crashes = new List<string>();
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => crashes.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
            stopwatch.Restart();
            var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).ConfigureAwait(false);
            var analyzerMs = stopwatch.Elapsed.TotalMilliseconds;
            crashes.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
            return (compilerMs, analyzerMs, crashes);
        }

        /// <summary>
        /// The C# analyzers the installed .NET SDK runs by default: <c>sdk/&lt;version&gt;/Sdks/Microsoft.NET.Sdk/analyzers</c>
        /// under the root of the running <c>dotnet</c> (the newest SDK that has them), or the folder given with --sdk-analyzers.
        /// </summary>
        public static (ImmutableArray<DiagnosticAnalyzer> Analyzers, string Folder, List<string> Problems) LoadSdkAnalyzers(string? directory)
        {
            var problems = new List<string>();
            var folder = directory ?? FindSdkAnalyzersFolder() ?? "(no SDK analyzers folder found under the dotnet root)";
            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            var loader = new Loader();
            foreach (var file in new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" })
            {
                var path = Path.Combine(folder, file);
                if (!File.Exists(path))
                {
                    problems.Add($"{path} not found");
                    continue;
                }

                var reference = new AnalyzerFileReference(path, loader);
                reference.AnalyzerLoadFailed += (_, e) => problems.Add($"{file}: {e.ErrorCode} {e.TypeName} {e.Message}");
                analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
            }

            return (analyzers.ToImmutable(), folder, problems);
        }

        private static string? FindSdkAnalyzersFolder()
        {
            // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
            var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
            var sdks = Path.Combine(root, "sdk");
            if (!Directory.Exists(sdks))
            {
                return null;
            }

            return Directory.EnumerateDirectories(sdks)
                .Select(d => (Directory: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0)))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Directory, "Sdks", "Microsoft.NET.Sdk", "analyzers"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "Microsoft.CodeAnalysis.NetAnalyzers.dll")));
        }

        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }

    /// <summary>A yardstick analyzer: one rule it never reports and one empty action, registered by the subclass.</summary>
    internal abstract class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("BENCH0001", "Baseline", "Baseline", "Baseline", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            Register(context);
        }

        protected abstract void Register(AnalysisContext context);
    }

    /// <summary>The cheapest analyzer with a semantic action: the driver's own pass over the document, without IOperation trees.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EmptySyntaxNodeAnalyzer : EmptyAnalyzer
    {
        protected override void Register(AnalysisContext context)
            => context.RegisterSyntaxNodeAction(static _ => { }, Microsoft.CodeAnalysis.CSharp.SyntaxKind.InvocationExpression);
    }

    /// <summary>The cheapest analyzer that still makes the driver build IOperation trees for every method body.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EmptyOperationAnalyzer : EmptyAnalyzer
    {
        protected override void Register(AnalysisContext context)
            => context.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
    }
}
