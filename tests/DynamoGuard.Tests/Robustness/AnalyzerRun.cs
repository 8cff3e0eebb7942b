using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Tests.Robustness
{
    /// <summary>The outcome of running analyzers on one compilation: their diagnostics and every exception they threw.</summary>
    public sealed record AnalyzerOutcome(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> Crashes);

    /// <summary>Runs all of DynamoGuard's analyzers (or given ones) on compilations, as the build does, catching AD0001.</summary>
    public static class AnalyzerRun
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        private static readonly CSharpCompilationOptions CompilationOptions = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

        // Empty compilations whose reference manager later compilations share (AddSyntaxTrees keeps it): the SDK and
        // runtime metadata are then loaded once per reference set, not once per variant.
        private static readonly ConcurrentDictionary<ReferenceSet, CSharpCompilation> Empty = new();

        public static CSharpCompilation NewCompilation(ReferenceSet references, IEnumerable<SyntaxTree> trees)
            => Empty.GetOrAdd(references, set => CSharpCompilation.Create("Robustness", null, TestReferences.Get(set), CompilationOptions)).AddSyntaxTrees(trees);

        public static Task<AnalyzerOutcome> AnalyzeAsync(Compilation compilation, bool concurrent = false, AnalyzerOptions? options = null, TimeSpan? timeLimit = null)
            => AnalyzeAsync(compilation, Product.Analyzers, concurrent, options, timeLimit);

        /// <param name="timeLimit">Cancels the analysis (OperationCanceledException) after this long; default 10 minutes.</param>
        public static async Task<AnalyzerOutcome> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent = false, AnalyzerOptions? options = null, TimeSpan? timeLimit = null)
        {
            var exceptions = new ConcurrentQueue<string>();
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                options ?? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false));
            // A guard against a hang, not a time limit: CI machines can be very busy.
            using var timeout = new CancellationTokenSource(timeLimit ?? TimeSpan.FromMinutes(10));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(timeout.Token).ConfigureAwait(false);
            var crashes = diagnostics
                .Where(d => d.Id == "AD0001")
                .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .Concat(exceptions)
                .ToImmutableArray();
            return new AnalyzerOutcome(diagnostics.Where(d => d.Id != "AD0001").ToImmutableArray(), crashes);
        }

        /// <summary>A diagnostic as one line that compares equal exactly when two diagnostics are the same finding.</summary>
        public static string Describe(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            var additional = string.Join(";", diagnostic.AdditionalLocations.Select(l => l.GetLineSpan().ToString()));
            var properties = string.Join(";", diagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            return $"{span.Path}{diagnostic.Location.SourceSpan} {diagnostic.Severity} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} [{additional}] {{{properties}}}";
        }
    }

    /// <summary>Analyzer options in which every <c>dynamoguard.*</c> key is set to one odd value: options must never crash a rule.</summary>
    public sealed class OddOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly string[] OddValues = { "", " ", ",", " , ,", "true", "false", "-1", "0", "99999999999999999999", "x = y", "rev, etag_version,", "\u00e9t\u00e9,\u0000", "#", "*", "none" };

        private readonly OddOptions _options;

        public OddOptionsProvider(int seed) => _options = new OddOptions(OddValues[Math.Abs(seed % OddValues.Length)]);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class OddOptions : AnalyzerConfigOptions
        {
            private readonly string _value;

            public OddOptions(string value) => _value = value;

            public override bool TryGetValue(string key, out string value)
            {
                if (key.StartsWith("dynamoguard.", StringComparison.OrdinalIgnoreCase))
                {
                    value = _value;
                    return true;
                }

                value = null!;
                return false;
            }
        }
    }
}
