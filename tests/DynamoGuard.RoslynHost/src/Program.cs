using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.RoslynHost
{
    /// <summary>
    /// <c>DynamoGuard.RoslynHost.RoslynX.Y &lt;package.nupkg&gt; &lt;sample folder&gt; &lt;report.json&gt;</c>: loads the packed
    /// package into this Roslyn, analyzes the sample, applies every code fix once and by Fix All (document) to a
    /// generated file, and writes what it saw. Exit code 0 once the report is written, whatever it says: the host test
    /// judges it.
    /// </summary>
    internal static class Program
    {
        private const int FixTargetLines = 1500;

        public static async Task<int> Main(string[] args)
        {
            if (args.Length != 3)
            {
                Console.Error.WriteLine("usage: DynamoGuard.RoslynHost <package.nupkg> <sample folder> <report.json>");
                return 2;
            }

            var roslyn = typeof(Compilation).Assembly.GetName().Version!;
            var report = new HostReport { RoslynVersion = roslyn.ToString() };
            var package = PackageAnalyzers.Load(args[0], roslyn, report);
            report.Analyzers.AddRange(package.Analyzers.Select(a => a.GetType().Name).OrderBy(n => n, StringComparer.Ordinal));
            report.DiagnosticIds.AddRange(package.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
            foreach (var fix in package.CodeFixes)
            {
                report.CodeFixes[fix.GetType().Name] = fix.FixableDiagnosticIds.OrderBy(id => id, StringComparer.Ordinal).ToList();
            }

            var analyzers = package.Analyzers.ToImmutableArray();
            var sample = CreateProject("Sample", SampleSources(args[1]));
            var sampleDiagnostics = await AnalyzeAsync(sample, analyzers, report).ConfigureAwait(false);
            report.SampleDiagnostics.AddRange(sampleDiagnostics
                .Select(d => $"{d.Location.SourceTree!.FilePath}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id}")
                .OrderBy(s => s, StringComparer.Ordinal));

            var target = CreateProject("FixTarget", new[] { ("FixTarget.cs", CorpusGenerator.GenerateFixTarget(FixTargetLines)) });
            var targetDiagnostics = await AnalyzeAsync(target, analyzers, report).ConfigureAwait(false);
            var inputs = CreateProject("Inputs", SampleSources(Path.Combine(AppContext.BaseDirectory, "inputs")));
            var inputDiagnostics = await AnalyzeAsync(inputs, analyzers, report).ConfigureAwait(false);
            foreach (var fix in package.CodeFixes)
            {
                var result = await FixRunner.RunAsync(fix, target, targetDiagnostics, "fix target").ConfigureAwait(false)
                    ?? await FixRunner.RunAsync(fix, sample, sampleDiagnostics, "sample").ConfigureAwait(false)
                    ?? await FixRunner.RunAsync(fix, inputs, inputDiagnostics, "inputs").ConfigureAwait(false)
                    ?? new FixResult { Provider = fix.GetType().Name, Error = "no diagnostic of the fix target, the sample or the host's inputs/ gets an action" };
                report.Fixes.Add(result);
            }

            await File.WriteAllTextAsync(args[2], JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
            Console.WriteLine($"Roslyn {report.RoslynVersion}: {report.Analyzers.Count} analyzers, {report.CodeFixes.Count} code fixes, {report.LoadFailures.Count} load failures; report in {args[2]}");
            return 0;
        }

        private static IEnumerable<(string Path, string Text)> SampleSources(string folder)
        {
            // The project's own obj/ and bin/ are left out (relative paths: the host's inputs/ sit under its bin/).
            return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
                .Where(f => !f.Relative.StartsWith("obj/", StringComparison.Ordinal) && !f.Relative.StartsWith("bin/", StringComparison.Ordinal))
                .OrderBy(f => f.Relative, StringComparer.Ordinal)
                .Select(f => (f.Relative, File.ReadAllText(f.Full)));
        }

        private static Project CreateProject(string name, IEnumerable<(string Path, string Text)> sources)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                name,
                name,
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: References()));
            foreach (var (path, text) in sources)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), path, SourceText.From(text, Encoding.UTF8), filePath: path);
            }

            return solution.GetProject(projectId)!;
        }

        private static ImmutableArray<MetadataReference> References()
            => RuntimeReferences.Create().AddRange(new[] { "AWSSDK.Core.dll", "AWSSDK.DynamoDBv2.dll" }
                .Select(file => (MetadataReference)MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "refs", file))));

        internal static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, HostReport? report)
        {
            var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            if (report is not null)
            {
                foreach (var error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
                {
                    report.LoadFailures.Add($"{project.Name} does not compile: {error}");
                }
            }

            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (exception, analyzer, _) => report?.LoadFailures.Add($"{analyzer.GetType().Name} threw: {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var crash in diagnostics.Where(d => d.Id == "AD0001"))
            {
                report?.LoadFailures.Add(crash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }

            return diagnostics
                .Where(d => d.Id.StartsWith("DDB", StringComparison.Ordinal))
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();
        }
    }
}
