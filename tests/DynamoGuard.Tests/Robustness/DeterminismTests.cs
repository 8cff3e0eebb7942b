using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace DynamoGuard.Tests.Robustness
{
    /// <summary>
    /// The same input gives the same diagnostics (ID, location, message, severity, additional locations, properties)
    /// on every run, with concurrent execution enabled as in the IDE and in csc, and the same as a sequential run.
    /// Each run parses and compiles afresh, so no cached state is shared between runs.
    /// </summary>
    public class DeterminismTests
    {
        private const int ConcurrentRuns = 4;
        private const int MaxSources = 60;

        private readonly ITestOutputHelper _output;

        public DeterminismTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task CorpusSliceAndSample_RepeatedConcurrentRuns_SameDiagnostics()
        {
            var files = RobustnessSources.CorpusSlice.Files.AddRange(RobustnessSources.SampleApp.Files);
            var sequential = await RunAsync(files, concurrent: false);
            Assert.NotEmpty(sequential);

            // Two concurrent runs at a time, as a build of several projects would do.
            var runs = new List<List<string>>();
            for (var i = 0; i < ConcurrentRuns; i += 2)
            {
                runs.AddRange(await Task.WhenAll(RunAsync(files, concurrent: true), RunAsync(files, concurrent: true)));
            }

            foreach (var run in runs)
            {
                Assert.Equal(sequential, run);
            }

            var ids = sequential.Select(d => d.Split(' ')[2].TrimEnd(':')).GroupBy(id => id).Select(g => $"{g.Key} {g.Count()}");
            _output.WriteLine($"{files.Length} files, {ConcurrentRuns} concurrent runs and 1 sequential run: {sequential.Count} identical diagnostics each ({string.Join(", ", ids)}).");
        }

        [Fact]
        public async Task TestSources_RepeatedConcurrentRuns_SameDiagnostics()
        {
            // A bounded sample of the test sources (every source is analyzed once, concurrently, by AnalyzerCrashTests).
            var all = RobustnessSources.TestSources.AddRange(RobustnessSources.Snippets);
            var sets = Enumerable.Range(0, Math.Min(MaxSources, all.Length)).Select(i => all[(int)((long)i * all.Length / Math.Min(MaxSources, all.Length))]).ToList();
            var differences = new List<string>();
            var total = 0;
            foreach (var set in sets)
            {
                var first = await RunAsync(set.Files, concurrent: true, set.References);
                var second = await RunAsync(set.Files, concurrent: true, set.References);
                total += first.Count;
                if (!first.SequenceEqual(second))
                {
                    differences.Add($"{set.Name}:\n  first:  {string.Join("\n          ", first)}\n  second: {string.Join("\n          ", second)}");
                }
            }

            _output.WriteLine($"{sets.Count} of {all.Length} sources analyzed twice concurrently: {total} diagnostics, {differences.Count} differences.");
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(5)));
        }

        /// <summary>
        /// The diagnostics in the order the analyzer driver reports them after sorting by location: the driver does not
        /// promise an order, only the set of diagnostics must be stable.
        /// </summary>
        private static async Task<List<string>> RunAsync(ImmutableArray<(string Path, string Text)> files, bool concurrent, ReferenceSet references = ReferenceSet.AwsSdk)
        {
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, AnalyzerRun.ParseOptions, f.Path)).ToList();
            var compilation = CSharpCompilation.Create("Determinism", trees, TestReferences.Get(references), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: concurrent));
            var outcome = await AnalyzerRun.AnalyzeAsync(compilation, concurrent);
            Assert.True(outcome.Crashes.IsEmpty, string.Join("\n", outcome.Crashes));
            return outcome.Diagnostics.Select(AnalyzerRun.Describe).OrderBy(d => d, StringComparer.Ordinal).ToList();
        }
    }
}
