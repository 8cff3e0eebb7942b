// RS1012/RS1025/RS1026: the wrapper forwards registration and configuration to the analyzer it wraps, which does them.
#pragma warning disable RS1012, RS1025, RS1026

using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Benchmarks
{
    /// <summary>
    /// The per-callback breakdown (<c>--callbacks</c>): each analyzer is wrapped in one that hands it an
    /// <see cref="AnalysisContext"/> whose Register* methods register the analyzer's own action wrapped in a timer,
    /// keyed by analyzer, registration kind and (for operation and syntax node actions) the kinds it asked for. The
    /// compilation start context is wrapped the same way, so actions registered inside it are timed one by one. Operation
    /// block start, symbol start and code block start callbacks are timed whole, and the actions they register are left
    /// unwrapped (their time shows as the gap between the breakdown and Roslyn's telemetry): their contexts cannot be
    /// wrapped soundly (OperationBlockStartAnalysisContext's public constructor drops GetControlFlowGraph). Each call
    /// records wall-clock time, bytes allocated on its thread and GC pause time that fell inside it.
    /// <para>
    /// The wrapper adds a few timestamp reads per callback, so the run's totals are a little higher than the unwrapped
    /// run's: read the breakdown as shares of an analyzer's time, not as absolute figures. Roslyn's own telemetry
    /// (<c>GetAnalyzerTelemetryInfoAsync</c>) gives the unwrapped per-analyzer time and action counts; it cannot split an
    /// analyzer's time by callback, which is what this is for.
    /// </para>
    /// </summary>
    internal sealed class CallbackRecorder
    {
        public ConcurrentDictionary<(string Analyzer, string Callback), Entry> Entries { get; } = new();

        public Action<T> Wrap<T>(string analyzer, string callback, Action<T> action)
        {
            var entry = Entries.GetOrAdd((analyzer, callback), _ => new Entry());
            return argument =>
            {
                var pause = GC.GetTotalPauseDuration();
                var collections = GC.CollectionCount(0);
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                try
                {
                    action(argument);
                }
                finally
                {
                    var ticks = Stopwatch.GetTimestamp() - start;
                    entry.Add(ticks, GC.GetAllocatedBytesForCurrentThread() - allocated, (GC.GetTotalPauseDuration() - pause).Ticks, GC.CollectionCount(0) - collections);
                }
            };
        }

        public ImmutableArray<DiagnosticAnalyzer> WrapAll(ImmutableArray<DiagnosticAnalyzer> analyzers)
            => analyzers.Select(a => (DiagnosticAnalyzer)new TimedAnalyzer(a, this)).ToImmutableArray();

        internal sealed class Entry
        {
            private long _calls;
            private long _ticks;
            private long _allocated;
            private long _pauseTicks;
            private long _collections;

            public long Calls => Interlocked.Read(ref _calls);

            public double Milliseconds => Interlocked.Read(ref _ticks) * 1000.0 / Stopwatch.Frequency;

            public long Allocated => Interlocked.Read(ref _allocated);

            /// <summary>Garbage collections (of any generation) that ended inside a call.</summary>
            public long Collections => Interlocked.Read(ref _collections);

            public double PauseMilliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _pauseTicks)).TotalMilliseconds;

            public void Add(long ticks, long allocated, long pauseTicks, long collections)
            {
                Interlocked.Add(ref _collections, collections);
                Interlocked.Increment(ref _calls);
                Interlocked.Add(ref _ticks, ticks);
                Interlocked.Add(ref _allocated, allocated);
                Interlocked.Add(ref _pauseTicks, pauseTicks);
            }
        }

        private static string Kinds<T>(ImmutableArray<T> kinds)
            where T : struct
            => kinds.IsDefaultOrEmpty ? "" : "(" + string.Join(",", kinds.Select(k => k.ToString())) + ")";

        /// <summary>Delegates everything to the analyzer, through a timing <see cref="AnalysisContext"/>.</summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class TimedAnalyzer : DiagnosticAnalyzer
        {
            private readonly DiagnosticAnalyzer _inner;
            private readonly CallbackRecorder _recorder;

            public TimedAnalyzer(DiagnosticAnalyzer inner, CallbackRecorder recorder)
            {
                _inner = inner;
                _recorder = recorder;
            }

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

            public override void Initialize(AnalysisContext context) => _inner.Initialize(new TimedContext(context, _recorder, _inner.GetType().Name));
        }

        private sealed class TimedContext : AnalysisContext
        {
            private readonly AnalysisContext _context;
            private readonly CallbackRecorder _r;
            private readonly string _name;

            public TimedContext(AnalysisContext context, CallbackRecorder recorder, string name)
            {
                _context = context;
                _r = recorder;
                _name = name;
            }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _context.ConfigureGeneratedCodeAnalysis(analysisMode);

            public override void EnableConcurrentExecution() => _context.EnableConcurrentExecution();

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
                => _context.RegisterCompilationStartAction(_r.Wrap<CompilationStartAnalysisContext>(_name, "CompilationStart", start => action(new TimedCompilationStart(start, _r, _name))));

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
                => _context.RegisterCompilationAction(_r.Wrap(_name, "Compilation", action));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
                => _context.RegisterSemanticModelAction(_r.Wrap(_name, "SemanticModel", action));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
                => _context.RegisterSymbolAction(_r.Wrap(_name, "Symbol" + Kinds(symbolKinds), action), symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
                => _context.RegisterSymbolStartAction(_r.Wrap(_name, $"SymbolStart({symbolKind})", action), symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
                => _context.RegisterCodeBlockStartAction(_r.Wrap(_name, "CodeBlockStart", action));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
                => _context.RegisterCodeBlockAction(_r.Wrap(_name, "CodeBlock", action));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
                => _context.RegisterSyntaxTreeAction(_r.Wrap(_name, "SyntaxTree", action));

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action)
                => _context.RegisterAdditionalFileAction(_r.Wrap(_name, "AdditionalFile", action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
                => _context.RegisterSyntaxNodeAction(_r.Wrap(_name, "SyntaxNode" + Kinds(syntaxKinds), action), syntaxKinds);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
                => _context.RegisterOperationAction(_r.Wrap(_name, "Operation" + Kinds(operationKinds), action), operationKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
                => _context.RegisterOperationBlockStartAction(_r.Wrap(_name, "OperationBlockStart", action));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
                => _context.RegisterOperationBlockAction(_r.Wrap(_name, "OperationBlock", action));
        }

        private sealed class TimedCompilationStart : CompilationStartAnalysisContext
        {
            private readonly CompilationStartAnalysisContext _context;
            private readonly CallbackRecorder _r;
            private readonly string _name;

            public TimedCompilationStart(CompilationStartAnalysisContext context, CallbackRecorder recorder, string name)
                : base(context.Compilation, context.Options, context.CancellationToken)
            {
                _context = context;
                _r = recorder;
                _name = name;
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
                => _context.RegisterCompilationEndAction(_r.Wrap(_name, "CompilationEnd", action));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
                => _context.RegisterSemanticModelAction(_r.Wrap(_name, "SemanticModel", action));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
                => _context.RegisterSymbolAction(_r.Wrap(_name, "Symbol" + Kinds(symbolKinds), action), symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
                => _context.RegisterSymbolStartAction(_r.Wrap(_name, $"SymbolStart({symbolKind})", action), symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
                => _context.RegisterCodeBlockStartAction(_r.Wrap(_name, "CodeBlockStart", action));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
                => _context.RegisterCodeBlockAction(_r.Wrap(_name, "CodeBlock", action));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
                => _context.RegisterSyntaxTreeAction(_r.Wrap(_name, "SyntaxTree", action));

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action)
                => _context.RegisterAdditionalFileAction(_r.Wrap(_name, "AdditionalFile", action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
                => _context.RegisterSyntaxNodeAction(_r.Wrap(_name, "SyntaxNode" + Kinds(syntaxKinds), action), syntaxKinds);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
                => _context.RegisterOperationAction(_r.Wrap(_name, "Operation" + Kinds(operationKinds), action), operationKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
                => _context.RegisterOperationBlockStartAction(_r.Wrap(_name, "OperationBlockStart", action));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
                => _context.RegisterOperationBlockAction(_r.Wrap(_name, "OperationBlock", action));
        }
    }
}
