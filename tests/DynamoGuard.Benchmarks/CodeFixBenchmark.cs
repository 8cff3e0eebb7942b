using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Benchmarks
{
    /// <summary>
    /// Times each code fix provider that has diagnostics in a large generated file: one fix (register the fixes of the
    /// first diagnostic, compute the first action's changed document) and Fix All in the document. The file's
    /// compilation is warm, as in an IDE where the diagnostics were just computed.
    /// </summary>
    internal sealed class CodeFixBenchmark
    {
        private readonly BenchmarkOptions _options;
        private readonly Report _report;

        public CodeFixBenchmark(BenchmarkOptions options, Report report)
        {
            _options = options;
            _report = report;
        }

        public async Task RunAsync()
        {
            var text = CorpusGenerator.GenerateFixTarget(_options.FixLines, _options.Seed);
            var lines = SourceText.From(text).Lines.Count;
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "FixTarget",
                "FixTarget",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: References.WithAwsSdk));
            var documentId = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(documentId, "FixTarget.cs", SourceText.From(text, Encoding.UTF8), filePath: "/fix/FixTarget.cs");
            var document = solution.GetDocument(documentId)!;

            var compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
            var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            var diagnostics = await AnalyzeAsync(compilation).ConfigureAwait(false);
            Console.WriteLine($"Code fixes on a generated file of {lines} lines ({errors} compiler errors, {diagnostics.Length} DynamoGuard diagnostics):");
            _report.Add("fix", "file", "lines", lines, "lines");
            _report.Add("fix", "file", "compiler errors", errors, "errors");
            if (errors > 0)
            {
                _report.Problems.Add($"The code-fix file has {errors} compiler errors.");
            }

            var table = new Table("code fix provider", "diagnostics", "one fix ms", "Fix All (document) ms", "left after Fix All", "errors after");
            var slowest = 0.0;
            foreach (var provider in Product.CodeFixes)
            {
                var name = provider.GetType().Name;
                var fixable = diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
                if (fixable.IsEmpty)
                {
                    table.Row(name, "0", "-", "-", "-", "-");
                    continue;
                }

                CodeAction? first = null;
                Diagnostic? target = null;
                foreach (var diagnostic in fixable)
                {
                    var actions = await RegisterAsync(provider, document, diagnostic).ConfigureAwait(false);
                    if (actions.Count > 0)
                    {
                        first = actions[0];
                        target = diagnostic;
                        break;
                    }
                }

                if (first is null || target is null)
                {
                    table.Row(name, fixable.Length.ToString(CultureInfo.InvariantCulture), "no action", "-", "-", "-");
                    continue;
                }

                var key = first.EquivalenceKey;
                var oneFix = new List<double>();
                var fixAll = new List<double>();
                Document? fixedDocument = null;
                for (var i = 0; i <= _options.Repeat; i++)
                {
                    // Run 0 is the warm-up.
                    var stopwatch = Stopwatch.StartNew();
                    var actions = await RegisterAsync(provider, document, target).ConfigureAwait(false);
                    var action = actions.FirstOrDefault(a => a.EquivalenceKey == key) ?? actions[0];
                    _ = await ApplyAsync(action, documentId).ConfigureAwait(false);
                    stopwatch.Stop();
                    if (i > 0)
                    {
                        oneFix.Add(stopwatch.Elapsed.TotalMilliseconds);
                    }

                    var fixAllProvider = provider.GetFixAllProvider();
                    if (fixAllProvider is null || !fixAllProvider.GetSupportedFixAllScopes().Contains(FixAllScope.Document))
                    {
                        continue;
                    }

                    stopwatch.Restart();
                    var context = new FixAllContext(document, provider, FixAllScope.Document, key, provider.FixableDiagnosticIds, new KnownDiagnostics(fixable), CancellationToken.None);
                    var fixAllAction = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false);
                    fixedDocument = fixAllAction is null ? null : await ApplyAsync(fixAllAction, documentId).ConfigureAwait(false);
                    stopwatch.Stop();
                    if (i > 0)
                    {
                        fixAll.Add(stopwatch.Elapsed.TotalMilliseconds);
                    }
                }

                var oneFixMs = Program.Median(oneFix);
                slowest = Math.Max(slowest, oneFixMs);
                _report.Add("fix", name, "diagnostics", fixable.Length, "diagnostics");
                _report.Add("fix", name, "one fix", oneFixMs, "ms");
                string left = "-", errorsAfter = "-";
                if (fixAll.Count > 0 && fixedDocument is not null)
                {
                    var fixAllMs = Program.Median(fixAll);
                    var fixedCompilation = (await fixedDocument.Project.GetCompilationAsync().ConfigureAwait(false))!;
                    var remaining = (await AnalyzeAsync(fixedCompilation).ConfigureAwait(false)).Count(d => provider.FixableDiagnosticIds.Contains(d.Id));
                    var newErrors = fixedCompilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
                    _report.Add("fix", name, "Fix All (document)", fixAllMs, "ms");
                    _report.Add("fix", name, "left after Fix All", remaining, "diagnostics");
                    _report.Add("fix", name, "compiler errors after Fix All", newErrors, "errors");
                    left = remaining.ToString(CultureInfo.InvariantCulture);
                    errorsAfter = newErrors.ToString(CultureInfo.InvariantCulture);
                    if (newErrors > errors)
                    {
                        _report.Problems.Add($"Fix All of {name} introduced {newErrors - errors} compiler errors.");
                    }

                    table.Row(name, fixable.Length.ToString(CultureInfo.InvariantCulture), oneFixMs.ToString("0.0", CultureInfo.InvariantCulture), fixAllMs.ToString("0.0", CultureInfo.InvariantCulture), left, errorsAfter);
                }
                else
                {
                    table.Row(name, fixable.Length.ToString(CultureInfo.InvariantCulture), oneFixMs.ToString("0.0", CultureInfo.InvariantCulture), "-", left, errorsAfter);
                }
            }

            table.Write(Console.Out);
            if (slowest > 0)
            {
                _report.Targets.Add(new Target($"slowest single code fix, {lines}-line file", slowest, "<", 200, "ms"));
            }
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
        {
            var diagnostics = await compilation
                .WithAnalyzers(Product.Analyzers, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None)
                .ConfigureAwait(false);
            return diagnostics.Where(d => Product.DiagnosticIds.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        private static async Task<List<CodeAction>> RegisterAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            return actions;
        }

        /// <summary>Computes the action's changes as the IDE preview/apply does, and returns the changed document with its text.</summary>
        private static async Task<Document?> ApplyAsync(CodeAction action, DocumentId documentId)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
            var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution.GetDocument(documentId);
            if (changed is not null)
            {
                _ = await changed.GetTextAsync().ConfigureAwait(false);
            }

            return changed;
        }

        private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }
    }
}
