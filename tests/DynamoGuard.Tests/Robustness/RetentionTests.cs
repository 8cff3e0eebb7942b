using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Tests.Robustness
{
    /// <summary>
    /// The analyzers keep no document's semantic model alive once the analyzer driver has released it. The driver drops
    /// each document's model when the document is analysed; a per-compilation cache that holds an operation (of a
    /// summarised helper, a pending compilation-end write, a batch path) keeps the whole bound model of its document
    /// until the compilation dies, and every collection of a build pays for that heap. A probe analyzer holds weak
    /// references to the models the driver hands to operation callbacks; after the analysis, with the compilation still
    /// alive (as in a build, or in the IDE until the next edit), no more of them may be alive with DynamoGuard than with
    /// an analyzer that registers the same kinds of actions and keeps nothing. The driver itself sometimes keeps one
    /// document's model (which one varies from run to run; so does that analyzer, in about two runs of three), so one
    /// is allowed either way.
    /// </summary>
    public class RetentionTests
    {
        // The sample app has a repository layer with a cross-method finding of each family (summaries, batch paths,
        // context settings, escaping conflicts, compilation-end writes); the corpus slice is the benchmark's layered
        // code. Before the caches kept syntax instead of operations, 2 of the sample's 11 driver models and 5 of the
        // slice's 50 stayed alive.
        [Fact]
        public Task SampleApp_KeepsNoDriverModelAlive() => AssertKeepsNoModelAliveAsync(RobustnessSources.SampleApp);

        [Fact]
        public Task CorpusSlice_KeepsNoDriverModelAlive() => AssertKeepsNoModelAliveAsync(RobustnessSources.CorpusSlice);

        private static async Task AssertKeepsNoModelAliveAsync(SourceSet sources)
        {
            var (seenAlone, aliveAlone) = await CountLiveModelsAsync(sources, withDynamoGuard: false);
            var (seen, alive) = await CountLiveModelsAsync(sources, withDynamoGuard: true);

            // The probe saw a model for every document with an invocation, with and without DynamoGuard.
            Assert.True(seen >= sources.Files.Length / 2, $"the probe saw {seen} models for {sources.Files.Length} documents");
            Assert.Equal(seenAlone, seen);
            Assert.True(
                alive.Count <= Math.Max(aliveAlone.Count, 1),
                $"{alive.Count} of {seen} driver models are alive after the analysis with DynamoGuard ({string.Join(", ", alive)}), {aliveAlone.Count} with an analyzer that keeps nothing");
        }

        private static async Task<(int Seen, System.Collections.Generic.List<string> Alive)> CountLiveModelsAsync(SourceSet sources, bool withDynamoGuard)
        {
            var probe = new ModelProbe();
            var analyzers = withDynamoGuard ? Product.Analyzers.Add(probe) : ImmutableArray.Create<DiagnosticAnalyzer>(new KeepsNothing(), probe);
            var withAnalyzers = await AnalyzeAsync(sources, analyzers);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var alive = probe.Models.Where(entry => entry.Value.IsAlive).Select(entry => entry.Key.FilePath).OrderBy(p => p, StringComparer.Ordinal).ToList();
            GC.KeepAlive(withAnalyzers);
            return (probe.Models.Count, alive);
        }

        /// <summary>Its own method, so that nothing of the analysis but the returned compilation outlives the call.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static async Task<CompilationWithAnalyzers> AnalyzeAsync(SourceSet sources, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = sources.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, f.Path));
            var compilation = AnalyzerRun.NewCompilation(sources.References, trees);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            return withAnalyzers;
        }

        /// <summary>Registers what DynamoGuard's analyzers register (a compilation start, then operation actions) and keeps nothing.</summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class KeepsNothing : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new("PROBE0002", "Baseline", "Baseline", "Baseline", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterCompilationStartAction(start =>
                {
                    start.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.SimpleAssignment, OperationKind.ObjectCreation, OperationKind.Try);
                    start.RegisterCompilationEndAction(_ => { });
                });
            }
        }

        /// <summary>Remembers, weakly, the semantic model the driver gives the invocations of each document.</summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class ModelProbe : DiagnosticAnalyzer
        {
            // Never reported; an analyzer without a supported diagnostic is not run at all.
            private static readonly DiagnosticDescriptor Rule = new("PROBE0001", "Probe", "Probe", "Probe", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public ConcurrentDictionary<SyntaxTree, WeakReference> Models { get; } = new();

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterOperationAction(
                    c => Models.TryAdd(c.Operation.Syntax.SyntaxTree, new WeakReference(c.Operation.SemanticModel)),
                    OperationKind.Invocation);
            }
        }
    }
}
