using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Tests.Verification
{
    /// <summary>
    /// One analyzer (and optionally code-fix) test, modelled on Microsoft.CodeAnalysis.Testing:
    /// <list type="bullet">
    /// <item>expected diagnostics come from markup (<c>[|…|]</c>, <c>{|ID:…|}</c>) and <see cref="ExpectedDiagnostics"/>;
    /// any missing, extra or misplaced diagnostic fails, printing the source annotated with the actual ones;</item>
    /// <item>the source must compile (compiler errors fail the test unless allowed) and an analyzer exception (AD0001) fails;</item>
    /// <item>the same source marked <c>// &lt;auto-generated/&gt;</c> or under <c>#pragma warning disable</c> must report nothing;
    /// in a project of several files, marking only the files that hold diagnostics must leave nothing reported in them;</item>
    /// <item>with <see cref="FixedCode"/>: the fix is applied one diagnostic at a time until none is left, then by
    /// Fix All in document and in project scope; each result must equal <see cref="FixedCode"/> exactly and compile.</item>
    /// </list>
    /// </summary>
    public sealed class CSharpTest
    {
        private const string Root = "/0/";
        private const int MaxFixIterations = 50;

        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
        private readonly ImmutableHashSet<string> _reportedIds;

        public CSharpTest(params DiagnosticAnalyzer[] analyzers)
        {
            _analyzers = analyzers.ToImmutableArray();
            _reportedIds = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
        }

        /// <summary>The main test source, with markup.</summary>
        public string TestCode { get; set; } = "";

        /// <summary>Further source files (relative path, markup), e.g. a model class in another file or folder.</summary>
        public List<(string Path, string Markup)> AdditionalSources { get; } = new();

        /// <summary>.editorconfig / .globalconfig files (relative path, content).</summary>
        public List<(string Path, string Content)> AnalyzerConfigFiles { get; } = new();

        /// <summary>Diagnostics that need a message or severity check, placed on <c>{|#n:…|}</c> markers.</summary>
        public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

        /// <summary>Compiler error IDs the test source is allowed to have (broken code tests).</summary>
        public List<string> AllowedCompilerErrors { get; } = new();

        /// <summary>When true, any compiler error is allowed (partial code while typing).</summary>
        public bool AllowAnyCompilerErrors { get; set; }

        public ReferenceSet References { get; set; } = ReferenceSet.AwsSdk;

        /// <summary>Further assemblies the sources compile against (e.g. <see cref="TestReferences.Polly"/>).</summary>
        public List<MetadataReference> ExtraReferences { get; } = new();

        /// <summary>
        /// The AWS SDKs the test runs on, one full verification each: <see cref="TestSdks.Current"/>, which is
        /// <see cref="AwsSdk.All"/> unless the test said <c>TestSdks.Only(...)</c>. Each source is compiled with the
        /// preprocessor symbol <c>AWSSDK_V3</c> or <c>AWSSDK_V4</c>, for the few shared models whose shape differs.
        /// Ignored with <see cref="ReferenceSet.RuntimeOnly"/>, which runs once.
        /// </summary>
        public AwsSdk Sdks { get; set; } = TestSdks.Current;

        /// <summary>The SDK of the verification under way.</summary>
        private AwsSdk _sdk = AwsSdk.V4_0;

        /// <summary>The ID that <c>[|…|]</c> stands for; defaults to the analyzers' only reported ID.</summary>
        public string? DiagnosticId { get; set; }

        public CodeFixProvider? CodeFix { get; set; }

        /// <summary>Expected main source after the fix (markup marks diagnostics that remain).</summary>
        public string? FixedCode { get; set; }

        /// <summary>Expected additional sources after the fix; those not listed must be unchanged.</summary>
        public List<(string Path, string Markup)> FixedAdditionalSources { get; } = new();

        /// <summary>Selects the code action by key when a diagnostic offers several.</summary>
        public string? CodeActionEquivalenceKey { get; set; }

        /// <summary>Runs the generated-code and #pragma passes (on by default).</summary>
        public bool CheckSuppressions { get; set; } = true;

        public async Task RunAsync()
        {
            if (References == ReferenceSet.RuntimeOnly)
            {
                SdkMatrixLog.Record("no AWS SDK");
                await RunOnceAsync().ConfigureAwait(false);
                return;
            }

            if (!Sdks.Members().Any())
            {
                throw new VerificationException("Sdks names no SDK of the matrix.");
            }

            foreach (var sdk in Sdks.Members())
            {
                _sdk = sdk;
                try
                {
                    await RunOnceAsync().ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    throw new VerificationException($"On {sdk.DisplayName()}: {exception.Message}", exception);
                }

                SdkMatrixLog.Record(sdk.DisplayName() + (References == ReferenceSet.AwsSdkNet472 ? ", .NET Framework build" : ""));
            }
        }

        private async Task RunOnceAsync()
        {
            var sources = new List<(string Path, string Markup)> { ("Test0.cs", TestCode) };
            sources.AddRange(AdditionalSources);
            var (solution, projectId, expected) = CreateSolution(sources);
            var project = solution.GetProject(projectId)!;

            var analysis = await AnalyzeAsync(project).ConfigureAwait(false);
            VerifyCompilerErrors(analysis.CompilerDiagnostics, "test source");
            VerifyDiagnostics(expected, analysis.AnalyzerDiagnostics, project, "the test source");

            if (CheckSuppressions && analysis.AnalyzerDiagnostics.Length > 0)
            {
                await VerifySuppressedAsync(sources, "// <auto-generated/>\n", "generated code").ConfigureAwait(false);
                if (sources.Count > 1)
                {
                    await VerifyNothingInGeneratedFilesAsync(sources, analysis.AnalyzerDiagnostics).ConfigureAwait(false);
                }

                var ids = string.Join(", ", _reportedIds.OrderBy(id => id, StringComparer.Ordinal));
                await VerifySuppressedAsync(sources, $"#pragma warning disable {ids}\n", "#pragma warning disable").ConfigureAwait(false);
            }

            if (FixedCode is not null)
            {
                await VerifyFixAsync(solution, projectId, sources).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Compiles the sources (which must compile, unless errors are allowed) and returns the analyzers' diagnostics
        /// without comparing them to anything: for checks that state their expectations another way (the sample app).
        /// </summary>
        public async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(AwsSdk sdk = AwsSdk.V4_0)
        {
            _sdk = sdk;
            var sources = new List<(string Path, string Markup)> { ("Test0.cs", TestCode) };
            sources.AddRange(AdditionalSources);
            var (solution, projectId, _) = CreateSolution(sources);
            var analysis = await AnalyzeAsync(solution.GetProject(projectId)!).ConfigureAwait(false);
            VerifyCompilerErrors(analysis.CompilerDiagnostics, "test source");
            return analysis.AnalyzerDiagnostics;
        }

        private (Solution Solution, ProjectId ProjectId, List<Expected> Expected) CreateSolution(IEnumerable<(string Path, string Markup)> sources)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest)
                .WithPreprocessorSymbols(References == ReferenceSet.RuntimeOnly ? "NO_AWSSDK" : _sdk.PreprocessorSymbol());
            var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "TestProject",
                "TestProject",
                LanguageNames.CSharp,
                filePath: Root + "TestProject.csproj",
                compilationOptions: compilationOptions,
                parseOptions: parseOptions,
                metadataReferences: TestReferences.Get(References, _sdk).Concat(ExtraReferences)));

            var expected = new List<Expected>();
            var markers = new Dictionary<int, (string Path, TextSpan Span)>();
            foreach (var (path, markup) in sources)
            {
                var (text, spans) = TestMarkup.Parse(markup);
                var fullPath = Root + path;
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), path, SourceText.From(text, Encoding.UTF8), filePath: fullPath);
                foreach (var span in spans)
                {
                    if (span.MarkerIndex is { } index)
                    {
                        markers[index] = (fullPath, span.Span);
                    }
                    else
                    {
                        expected.Add(new Expected(span.Id ?? DefaultId(), fullPath, span.Span, null, null));
                    }
                }
            }

            foreach (var result in ExpectedDiagnostics)
            {
                if (result.MarkerIndex is not { } index || !markers.TryGetValue(index, out var marker))
                {
                    throw new VerificationException($"Expected diagnostic {result.Id} refers to location marker #{result.MarkerIndex}, which the source does not have.");
                }

                expected.Add(new Expected(result.Id, marker.Path, marker.Span, result.Message, result.Severity));
            }

            foreach (var (path, content) in AnalyzerConfigFiles)
            {
                solution = solution.AddAnalyzerConfigDocument(
                    DocumentId.CreateNewId(projectId),
                    System.IO.Path.GetFileName(path),
                    SourceText.From(content, Encoding.UTF8),
                    filePath: Root + path);
            }

            return (solution, projectId, expected);
        }

        private string DefaultId()
        {
            if (DiagnosticId is not null)
            {
                return DiagnosticId;
            }

            if (_reportedIds.Count != 1)
            {
                throw new VerificationException("The analyzers report several IDs: set DiagnosticId or mark spans with {|ID:...|}.");
            }

            return _reportedIds.Single();
        }

        private async Task<Analysis> AnalyzeAsync(Project project)
        {
            var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(_analyzers, options).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);

            var crashes = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()).Concat(exceptions).ToList();
            if (crashes.Count > 0)
            {
                throw new VerificationException("An analyzer threw an exception (AD0001):\n" + string.Join("\n", crashes));
            }

            return new Analysis(
                diagnostics.Where(d => _reportedIds.Contains(d.Id)).OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray(),
                compilation.GetDiagnostics());
        }

        private void VerifyCompilerErrors(ImmutableArray<Diagnostic> compilerDiagnostics, string what)
        {
            if (AllowAnyCompilerErrors)
            {
                return;
            }

            var errors = compilerDiagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error && !AllowedCompilerErrors.Contains(d.Id))
                .ToList();
            if (errors.Count > 0)
            {
                throw new VerificationException(
                    $"The {what} has compiler errors (a test source must compile, or declare the errors it expects;"
                    + " a source that uses an API this SDK lacks names the SDKs it runs on, e.g. Sdks = AwsSdk.V4):\n"
                    + string.Join("\n", errors.Select(Describe)));
            }
        }

        private static void VerifyDiagnostics(List<Expected> expected, ImmutableArray<Diagnostic> actual, Project project, string what)
        {
            var unmatched = actual.ToList();
            var problems = new List<string>();
            foreach (var e in expected.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Span.Start))
            {
                var match = unmatched.FirstOrDefault(d =>
                    d.Id == e.Id && d.Location.SourceSpan == e.Span && d.Location.SourceTree?.FilePath == e.Path);
                if (match is null)
                {
                    problems.Add($"missing: {e.Id} at {e.Path}{e.Span}");
                    continue;
                }

                unmatched.Remove(match);
                if (e.Message is not null && match.GetMessage() != e.Message)
                {
                    problems.Add($"wrong message for {e.Id} at {e.Path}{e.Span}:\n    expected: {e.Message}\n    actual:   {match.GetMessage()}");
                }

                if (e.Severity is { } severity && match.Severity != severity)
                {
                    problems.Add($"wrong severity for {e.Id} at {e.Path}{e.Span}: expected {severity}, actual {match.Severity}");
                }
            }

            problems.AddRange(unmatched.Select(d => "unexpected: " + Describe(d)));
            if (problems.Count > 0)
            {
                throw new VerificationException(
                    $"Diagnostics of {what} do not match:\n  " + string.Join("\n  ", problems)
                    + "\n\nActual diagnostics:\n" + Annotate(project, actual));
            }
        }

        private async Task VerifySuppressedAsync(List<(string Path, string Markup)> sources, string prefix, string what)
        {
            var (solution, projectId, _) = CreateSolution(sources.Select(s => (s.Path, prefix + s.Markup)));
            var project = solution.GetProject(projectId)!;
            var analysis = await AnalyzeAsync(project).ConfigureAwait(false);
            if (analysis.AnalyzerDiagnostics.Length > 0)
            {
                throw new VerificationException($"Diagnostics were reported in {what}:\n" + Annotate(project, analysis.AnalyzerDiagnostics));
            }
        }

        /// <summary>
        /// Marks only the files that hold diagnostics <c>// &lt;auto-generated/&gt;</c>, so the hand-written files around
        /// them are still analysed: a flow followed from hand-written code must not report inside a generated file either.
        /// </summary>
        private async Task VerifyNothingInGeneratedFilesAsync(List<(string Path, string Markup)> sources, ImmutableArray<Diagnostic> reported)
        {
            var reportedPaths = new HashSet<string>(reported.Select(d => d.Location.SourceTree?.FilePath ?? ""), StringComparer.Ordinal);
            var marked = sources.Select(s => reportedPaths.Contains(Root + s.Path) ? (s.Path, "// <auto-generated/>\n" + s.Markup) : s).ToList();
            var (solution, projectId, _) = CreateSolution(marked);
            var project = solution.GetProject(projectId)!;
            var analysis = await AnalyzeAsync(project).ConfigureAwait(false);
            var inGenerated = analysis.AnalyzerDiagnostics.Where(d => reportedPaths.Contains(d.Location.SourceTree?.FilePath ?? "")).ToImmutableArray();
            if (inGenerated.Length > 0)
            {
                throw new VerificationException("Diagnostics were reported in files marked generated (the other files analysed):\n" + Annotate(project, inGenerated));
            }
        }

        private async Task VerifyFixAsync(Solution solution, ProjectId projectId, List<(string Path, string Markup)> sources)
        {
            var codeFix = CodeFix ?? throw new VerificationException("FixedCode is set but no CodeFix is.");
            var fixedSources = new List<(string Path, string Markup)> { ("Test0.cs", FixedCode!) };
            foreach (var (path, markup) in sources.Skip(1))
            {
                var replacement = FixedAdditionalSources.FirstOrDefault(f => f.Path == path);
                fixedSources.Add((path, replacement.Markup ?? markup));
            }

            var oneByOne = await ApplyFixesOneByOneAsync(codeFix, solution, projectId).ConfigureAwait(false);
            await VerifyFixedSolutionAsync(oneByOne, projectId, fixedSources, "the code fix").ConfigureAwait(false);

            foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project })
            {
                var fixedAll = await ApplyFixAllAsync(codeFix, solution, projectId, scope).ConfigureAwait(false);
                await VerifyFixedSolutionAsync(fixedAll, projectId, fixedSources, $"Fix All ({scope})").ConfigureAwait(false);
            }
        }

        private async Task VerifyFixedSolutionAsync(Solution solution, ProjectId projectId, List<(string Path, string Markup)> fixedSources, string what)
        {
            var project = solution.GetProject(projectId)!;
            var (_, _, expected) = CreateSolution(fixedSources);
            foreach (var (path, markup) in fixedSources)
            {
                var expectedText = TestMarkup.Parse(markup).Source;
                var document = project.Documents.Single(d => d.FilePath == Root + path);
                var actualText = (await document.GetTextAsync().ConfigureAwait(false)).ToString();
                if (actualText != expectedText)
                {
                    throw new VerificationException($"After {what}, {path} differs from the expected code:\n{Diff(expectedText, actualText)}");
                }
            }

            var analysis = await AnalyzeAsync(project).ConfigureAwait(false);
            VerifyCompilerErrors(analysis.CompilerDiagnostics, $"code produced by {what}");
            VerifyDiagnostics(expected, analysis.AnalyzerDiagnostics, project, $"the code produced by {what}");
        }

        private async Task<Solution> ApplyFixesOneByOneAsync(CodeFixProvider codeFix, Solution solution, ProjectId projectId)
        {
            for (var iteration = 0; iteration < MaxFixIterations; iteration++)
            {
                var project = solution.GetProject(projectId)!;
                var diagnostics = (await AnalyzeAsync(project).ConfigureAwait(false)).AnalyzerDiagnostics;
                var (action, _) = await FindActionAsync(codeFix, project, diagnostics).ConfigureAwait(false);
                if (action is null)
                {
                    return solution;
                }

                var changed = await ApplyAsync(action, solution).ConfigureAwait(false);
                var after = (await AnalyzeAsync(changed.GetProject(projectId)!).ConfigureAwait(false)).AnalyzerDiagnostics;
                if (after.Select(Describe).SequenceEqual(diagnostics.Select(Describe)))
                {
                    throw new VerificationException($"The code fix '{action.Title}' left the same diagnostics as before:\n" + string.Join("\n", after.Select(Describe)));
                }

                solution = changed;
            }

            throw new VerificationException($"The code fix did not converge in {MaxFixIterations} iterations.");
        }

        private async Task<Solution> ApplyFixAllAsync(CodeFixProvider codeFix, Solution solution, ProjectId projectId, FixAllScope scope)
        {
            var fixAll = codeFix.GetFixAllProvider() ?? throw new VerificationException($"{codeFix.GetType().Name} has no Fix All provider.");
            if (!fixAll.GetSupportedFixAllScopes().Contains(scope))
            {
                throw new VerificationException($"{codeFix.GetType().Name}'s Fix All does not support scope {scope}.");
            }

            for (var iteration = 0; iteration < MaxFixIterations; iteration++)
            {
                var project = solution.GetProject(projectId)!;
                var diagnostics = (await AnalyzeAsync(project).ConfigureAwait(false)).AnalyzerDiagnostics;
                var (action, diagnostic) = await FindActionAsync(codeFix, project, diagnostics).ConfigureAwait(false);
                if (action is null)
                {
                    return solution;
                }

                var context = new FixAllContext(
                    project.GetDocument(diagnostic!.Location.SourceTree)!,
                    codeFix,
                    scope,
                    action.EquivalenceKey,
                    codeFix.FixableDiagnosticIds,
                    new FixedDiagnosticProvider(diagnostics),
                    CancellationToken.None);
                var fixAllAction = await fixAll.GetFixAsync(context).ConfigureAwait(false)
                    ?? throw new VerificationException($"Fix All ({scope}) produced no action.");
                var changed = await ApplyAsync(fixAllAction, solution).ConfigureAwait(false);
                if (changed == solution)
                {
                    throw new VerificationException($"Fix All ({scope}) changed nothing.");
                }

                solution = changed;
            }

            throw new VerificationException($"Fix All ({scope}) did not converge in {MaxFixIterations} iterations.");
        }

        /// <summary>The first fixable diagnostic (in source order) that gets exactly one action matching the key.</summary>
        private async Task<(CodeAction? Action, Diagnostic? Diagnostic)> FindActionAsync(CodeFixProvider codeFix, Project project, ImmutableArray<Diagnostic> diagnostics)
        {
            foreach (var diagnostic in diagnostics.Where(d => codeFix.FixableDiagnosticIds.Contains(d.Id)))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    continue;
                }

                var actions = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
                await codeFix.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                var matching = actions.Where(a => CodeActionEquivalenceKey is null || a.EquivalenceKey == CodeActionEquivalenceKey).ToList();
                if (matching.Count > 1)
                {
                    throw new VerificationException(
                        $"{matching.Count} code actions match for {Describe(diagnostic)}: "
                        + string.Join(", ", matching.Select(a => $"'{a.Title}' ({a.EquivalenceKey})"))
                        + ". Set CodeActionEquivalenceKey.");
                }

                if (matching.Count == 1)
                {
                    return (matching[0], diagnostic);
                }
            }

            return (null, null);
        }

        private static async Task<Solution> ApplyAsync(CodeAction action, Solution solution)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
            var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
                ?? throw new VerificationException($"Code action '{action.Title}' produced no ApplyChangesOperation.");
            return apply.ChangedSolution;
        }

        private static string Describe(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.Severity} {diagnostic.Id}: {diagnostic.GetMessage()}";
        }

        /// <summary>The project's sources with each diagnostic drawn under its line: <c>^^^ DDB101: message</c>.</summary>
        private static string Annotate(Project project, IEnumerable<Diagnostic> diagnostics)
        {
            var list = diagnostics.ToList();
            if (list.Count == 0)
            {
                return "  (none)";
            }

            var builder = new StringBuilder();
            foreach (var document in project.Documents)
            {
                var inDocument = list.Where(d => d.Location.SourceTree?.FilePath == document.FilePath).ToList();
                if (inDocument.Count == 0)
                {
                    continue;
                }

                builder.AppendLine($"--- {document.FilePath}");
                var text = document.GetTextAsync().Result;
                foreach (var line in text.Lines)
                {
                    builder.AppendLine(line.ToString());
                    foreach (var diagnostic in inDocument.Where(d => text.Lines.GetLineFromPosition(d.Location.SourceSpan.Start).LineNumber == line.LineNumber))
                    {
                        var start = diagnostic.Location.SourceSpan.Start - line.Start;
                        var length = Math.Max(1, Math.Min(diagnostic.Location.SourceSpan.Length, line.End - diagnostic.Location.SourceSpan.Start));
                        builder.Append(' ', start).Append('^', length).AppendLine($" {diagnostic.Id}: {diagnostic.GetMessage()}");
                    }
                }
            }

            return builder.ToString();
        }

        private static string Diff(string expected, string actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var builder = new StringBuilder();
            for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
            {
                var el = i < e.Length ? e[i] : "<end>";
                var al = i < a.Length ? a[i] : "<end>";
                builder.AppendLine(el == al ? "  " + el : $"- {el}\n+ {al}");
            }

            return builder.ToString();
        }

        private sealed record Expected(string Id, string Path, TextSpan Span, string? Message, DiagnosticSeverity? Severity);

        private sealed record Analysis(ImmutableArray<Diagnostic> AnalyzerDiagnostics, ImmutableArray<Diagnostic> CompilerDiagnostics);

        private sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }
    }
}
