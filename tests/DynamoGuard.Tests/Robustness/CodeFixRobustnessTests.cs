using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace DynamoGuard.Tests.Robustness
{
    /// <summary>
    /// Every code fix DynamoGuard ships, applied to every diagnostic in the generated corpus slice (and by Fix All in
    /// each document and in the project), produces code without new compiler errors; a second Fix All changes nothing.
    /// The corpus files are self-contained, so per-document checks run in a one-document project.
    /// </summary>
    public class CodeFixRobustnessTests
    {
        /// <summary>At most this many single fixes per run (evenly spread over the diagnostics), to bound the time.</summary>
        private const int MaxSingleFixes = 240;

        /// <summary>At most this many documents per provider and equivalence key get the document-scope Fix All check.</summary>
        private const int MaxFixAllDocuments = 8;

        private const int MaxProblems = 8;

        /// <summary>At most this many diagnostics per provider get their actions applied one by one in the test sources.</summary>
        private const int MaxSingleFixesPerProvider = 24;

        /// <summary>Each corpus file in a project of its own, with its diagnostics: computed once for the tests of this class.</summary>
        private static readonly Lazy<Task<List<(Project Project, ImmutableArray<Diagnostic> Diagnostics)>>> SingleDocumentProjects = new(async () =>
        {
            var projects = new List<(Project, ImmutableArray<Diagnostic>)>();
            foreach (var file in RobustnessSources.CorpusSlice.Files)
            {
                var project = CreateProject(new[] { file });
                projects.Add((project, await ProductDiagnosticsAsync(project)));
            }

            return projects;
        });

        private readonly ITestOutputHelper _output;

        public CodeFixRobustnessTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task CorpusSlice_CompilesWithoutErrors()
        {
            var project = CreateProject(RobustnessSources.CorpusSlice.Files);
            var compilation = (await project.GetCompilationAsync())!;
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            _output.WriteLine($"{project.Documents.Count()} files, {compilation.SyntaxTrees.Sum(t => t.GetText().Lines.Count)} lines, {errors.Count} compiler errors.");
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        }

        [Fact]
        public async Task EveryCodeFix_OnEveryDiagnosticOfTheCorpus_AddsNoCompilerErrors()
        {
            var work = new List<(Project Project, Diagnostic Diagnostic, CodeFixProvider Provider)>();
            foreach (var (project, diagnostics) in await SingleDocumentProjects.Value)
            {
                foreach (var diagnostic in diagnostics)
                {
                    work.AddRange(Product.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)).Select(p => (project, diagnostic, p)));
                }
            }

            var selected = Spread(work, MaxSingleFixes);
            var problems = new ConcurrentQueue<string>();
            var applied = 0;
            var withoutAction = 0;
            await Parallel.ForEachAsync(selected, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (item, _) =>
            {
                var (project, diagnostic, provider) = item;
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                var actions = await RegisterAsync(provider, document, diagnostic);
                if (actions.Count == 0)
                {
                    Interlocked.Increment(ref withoutAction);
                }

                foreach (var action in actions)
                {
                    var what = $"{provider.GetType().Name} '{action.Title}' on {Describe(diagnostic)}";
                    var changed = await ApplyAsync(action);
                    if (changed is null || !await ChangedAsync(project.Solution, changed))
                    {
                        problems.Enqueue($"{what}: changed nothing.");
                        continue;
                    }

                    Interlocked.Increment(ref applied);
                    foreach (var problem in await CheckAsync(project.Solution, changed))
                    {
                        problems.Enqueue($"{what}: {problem}");
                    }
                }
            });

            var byId = string.Join(", ", selected.GroupBy(w => w.Diagnostic.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            _output.WriteLine($"{work.Count} (diagnostic, code fix) pairs in the corpus slice, {selected.Count} checked ({byId}): {applied} fixes applied, {withoutAction} diagnostics without an action, {problems.Count} problems.");
            Assert.True(problems.IsEmpty, string.Join("\n\n", problems.Take(MaxProblems)));
        }

        [Fact]
        public async Task FixAll_InDocumentAndProject_AddsNoCompilerErrors_AndASecondFixAllChangesNothing()
        {
            var problems = new List<string>();
            var runs = 0;
            var fixedDiagnostics = 0;
            var perProvider = new SortedDictionary<string, int>(StringComparer.Ordinal);

            // Document scope, in one-document projects.
            var documents = await SingleDocumentProjects.Value;

            foreach (var provider in Product.CodeFixes)
            {
                var offers = new List<(Project Project, ImmutableArray<Diagnostic> Diagnostics, List<string?> Keys)>();
                foreach (var (project, diagnostics) in documents)
                {
                    offers.Add((project, diagnostics, await KeysAsync(provider, new[] { (project, diagnostics) })));
                }

                foreach (var key in offers.SelectMany(o => o.Keys).Distinct().ToList())
                {
                    // Documents where a diagnostic offers this action (some diagnostics have no fix).
                    var candidates = offers.Where(o => o.Keys.Contains(key)).ToList();
                    foreach (var (project, diagnostics, _) in Spread(candidates, MaxFixAllDocuments))
                    {
                        var result = await FixAllTwiceAsync(provider, key, project, diagnostics, FixAllScope.Document);
                        runs++;
                        perProvider[provider.GetType().Name] = perProvider.GetValueOrDefault(provider.GetType().Name) + result.Fixed;
                        fixedDiagnostics += result.Fixed;
                        problems.AddRange(result.Problems);
                    }
                }
            }

            // Project scope, on the whole slice.
            var slice = CreateProject(RobustnessSources.CorpusSlice.Files);
            var sliceDiagnostics = await ProductDiagnosticsAsync(slice);
            foreach (var provider in Product.CodeFixes)
            {
                foreach (var key in await KeysAsync(provider, new[] { (slice, sliceDiagnostics) }))
                {
                    var result = await FixAllTwiceAsync(provider, key, slice, sliceDiagnostics, FixAllScope.Project);
                    runs++;
                    perProvider[provider.GetType().Name] = perProvider.GetValueOrDefault(provider.GetType().Name) + result.Fixed;
                    fixedDiagnostics += result.Fixed;
                    problems.AddRange(result.Problems);
                }
            }

            _output.WriteLine($"{runs} Fix All runs (document and project scope, {Product.CodeFixes.Length} code fix providers), {fixedDiagnostics} diagnostics fixed ({string.Join(", ", perProvider.Select(p => $"{p.Key} {p.Value}"))}), {problems.Count} problems.");
            Assert.True(problems.Count == 0, string.Join("\n\n", problems.Take(MaxProblems)));
        }

        /// <summary>
        /// The corpus slice holds few of the shapes some fixes need (a read-modify-write of a whole item, say), so every
        /// provider is also applied where it offers an action in the test suite's own sources and the snippets: up to
        /// <see cref="MaxSingleFixesPerProvider"/> single fixes and <see cref="MaxFixAllDocuments"/> document-scope Fix
        /// All runs per provider and key, spread over the sources, each checked for new compiler errors, the Fix All
        /// runs also for a second Fix All that changes nothing.
        /// </summary>
        [Fact]
        public async Task EveryCodeFix_OnTheTestSourcesAndSnippets_AddsNoCompilerErrors_AndASecondFixAllChangesNothing()
        {
            var sets = RobustnessSources.TestSources.AddRange(RobustnessSources.Snippets);
            var analyzed = new ConcurrentBag<(int Order, Project Project, ImmutableArray<Diagnostic> Diagnostics)>();
            await Parallel.ForEachAsync(sets.Select((set, order) => (set, order)), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (item, _) =>
            {
                var project = CreateProject(item.set.Files, item.set.References, item.set.Name);
                var diagnostics = await ProductDiagnosticsAsync(project);
                if (diagnostics.Any(d => Product.CodeFixes.Any(p => p.FixableDiagnosticIds.Contains(d.Id))))
                {
                    analyzed.Add((item.order, project, diagnostics));
                }
            });
            var projects = analyzed.OrderBy(a => a.Order).Select(a => (a.Project, a.Diagnostics)).ToList();

            var problems = new List<string>();
            var perProvider = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var provider in Product.CodeFixes)
            {
                var offers = new List<(Project Project, ImmutableArray<Diagnostic> Diagnostics, Diagnostic Diagnostic, List<CodeAction> Actions)>();
                foreach (var (project, diagnostics) in projects)
                {
                    foreach (var diagnostic in diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)))
                    {
                        var actions = await RegisterAsync(provider, project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic);
                        if (actions.Count > 0)
                        {
                            offers.Add((project, diagnostics, diagnostic, actions));
                        }
                    }
                }

                var applied = 0;
                foreach (var (project, _, diagnostic, actions) in Spread(offers, MaxSingleFixesPerProvider))
                {
                    foreach (var action in actions)
                    {
                        var what = $"{provider.GetType().Name} '{action.Title}' on {Describe(diagnostic)} of {project.Documents.First().FilePath} ({project.Name})";
                        var changed = await ApplyAsync(action);
                        if (changed is null || !await ChangedAsync(project.Solution, changed))
                        {
                            problems.Add($"{what}: changed nothing.");
                            continue;
                        }

                        applied++;
                        problems.AddRange((await CheckAsync(project.Solution, changed)).Select(p => $"{what}: {p}"));
                    }
                }

                var fixAllRuns = 0;
                foreach (var key in offers.SelectMany(o => o.Actions).Select(a => a.EquivalenceKey).Distinct().ToList())
                {
                    var candidates = offers.Where(o => o.Actions.Any(a => a.EquivalenceKey == key)).GroupBy(o => o.Project).Select(g => g.First()).ToList();
                    foreach (var (project, diagnostics, _, _) in Spread(candidates, MaxFixAllDocuments))
                    {
                        var result = await FixAllTwiceAsync(provider, key, project, diagnostics, FixAllScope.Document);
                        fixAllRuns++;
                        problems.AddRange(result.Problems.Select(p => $"{p} ({project.Name})"));
                    }
                }

                perProvider[provider.GetType().Name] = $"{offers.Count} offers, {applied} fixes applied, {fixAllRuns} Fix All runs";
            }

            _output.WriteLine($"{sets.Length} test sources and snippets, {projects.Count} with a fixable diagnostic: "
                + string.Join("; ", perProvider.Select(p => $"{p.Key}: {p.Value}")) + $"; {problems.Count} problems.");
            Assert.True(problems.Count == 0, string.Join("\n\n", problems.Take(MaxProblems)));
        }

        /// <summary>Fix All, checks, then Fix All again on fresh diagnostics: the second must leave every document as it is.</summary>
        private static async Task<(int Fixed, List<string> Problems)> FixAllTwiceAsync(CodeFixProvider provider, string? key, Project project, ImmutableArray<Diagnostic> diagnostics, FixAllScope scope)
        {
            var problems = new List<string>();
            var what = $"Fix All ({scope}) of {provider.GetType().Name} [{key}] in {(scope == FixAllScope.Document ? project.Documents.Single().FilePath : "the corpus slice")}";
            var (first, problem) = await FixAllAsync(provider, key, project, diagnostics, scope);
            if (problem is not null)
            {
                problems.Add($"{what}: {problem}");
                return (0, problems);
            }

            if (first is null || !await ChangedAsync(project.Solution, first))
            {
                problems.Add($"{what}: changed nothing.");
                return (0, problems);
            }

            problems.AddRange((await CheckAsync(project.Solution, first)).Select(p => $"{what}: {p}"));
            var fixedProject = first.GetProject(project.Id)!;
            var after = await ProductDiagnosticsAsync(fixedProject);
            var fixedCount = Count(diagnostics, provider) - Count(after, provider);

            var (second, _) = await FixAllAsync(provider, key, fixedProject, after, scope);
            if (second is not null && await ChangedAsync(first, second))
            {
                problems.Add($"{what}: a second Fix All changed the code again:\n{await DiffAsync(first, second)}");
            }

            return (fixedCount, problems);
        }

        /// <summary>The solution after Fix All; null when no diagnostic offers the action; a problem when Fix All fails to start.</summary>
        private static async Task<(Solution? Result, string? Problem)> FixAllAsync(CodeFixProvider provider, string? key, Project project, ImmutableArray<Diagnostic> diagnostics, FixAllScope scope)
        {
            var fixAll = provider.GetFixAllProvider();
            if (fixAll is null || !fixAll.GetSupportedFixAllScopes().Contains(scope))
            {
                return (null, $"no Fix All in {scope} scope.");
            }

            // Fix All starts from a diagnostic that has an action with this key, as the IDE does.
            foreach (var diagnostic in diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null || !(await RegisterAsync(provider, document, diagnostic)).Any(a => a.EquivalenceKey == key))
                {
                    continue;
                }

                var context = new FixAllContext(document, provider, scope, key, provider.FixableDiagnosticIds, new KnownDiagnostics(diagnostics), CancellationToken.None);
                var action = await fixAll.GetFixAsync(context);
                return action is null ? (null, "Fix All produced no action.") : (await ApplyAsync(action), null);
            }

            return (null, null);
        }

        /// <summary>The equivalence keys the provider offers on the diagnostics of these projects.</summary>
        private static async Task<List<string?>> KeysAsync(CodeFixProvider provider, IEnumerable<(Project Project, ImmutableArray<Diagnostic> Diagnostics)> projects)
        {
            var keys = new List<string?>();
            foreach (var (project, diagnostics) in projects)
            {
                foreach (var diagnostic in diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)))
                {
                    foreach (var action in await RegisterAsync(provider, project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic))
                    {
                        if (!keys.Contains(action.EquivalenceKey))
                        {
                            keys.Add(action.EquivalenceKey);
                        }
                    }
                }
            }

            return keys;
        }

        /// <summary>New compiler errors in the changed documents, and analyzer exceptions on them.</summary>
        internal static async Task<List<string>> CheckAsync(Solution before, Solution after)
        {
            var problems = new List<string>();
            foreach (var projectChanges in after.GetChanges(before).GetProjectChanges())
            {
                var oldCompilation = (await projectChanges.OldProject.GetCompilationAsync())!;
                var newCompilation = (await projectChanges.NewProject.GetCompilationAsync())!;
                foreach (var id in projectChanges.GetChangedDocuments())
                {
                    var oldTree = (await projectChanges.OldProject.GetDocument(id)!.GetSyntaxTreeAsync())!;
                    var newDocument = projectChanges.NewProject.GetDocument(id)!;
                    var newTree = (await newDocument.GetSyntaxTreeAsync())!;
                    var oldErrors = Errors(oldCompilation.GetSemanticModel(oldTree).GetDiagnostics());
                    var newErrors = Errors(newCompilation.GetSemanticModel(newTree).GetDiagnostics());
                    var added = Added(oldErrors, newErrors);
                    if (added.Count > 0)
                    {
                        problems.Add($"new compiler errors in {newDocument.FilePath}:\n  {string.Join("\n  ", added)}\n--- code after the fix:\n{(await newDocument.GetTextAsync())}");
                    }
                }

                var outcome = await AnalyzerRun.AnalyzeAsync(newCompilation);
                problems.AddRange(outcome.Crashes.Select(c => "analyzer exception on the fixed code: " + c));
            }

            return problems;
        }

        [Fact]
        public void Added_FindsNewErrors_ButNotARepeatedOneNorAnOldOneWhoseMessageChanged()
        {
            var before = new List<string> { "CS1061: 'IDynamoDBContextBuilder' does not contain 'WithX'", "CS0103: 'x' does not exist" };
            var after = new List<string> { "CS1061: 'DynamoDBContextBuilder' does not contain 'WithX'", "CS0103: 'x' does not exist", "CS0103: 'x' does not exist", "CS0029: cannot convert" };
            Assert.Equal(new[] { "CS0029: cannot convert" }, Added(before, after));
        }

        /// <summary>
        /// The errors of <paramref name="after"/> that <paramref name="before"/> did not have, by ID and message. A fix
        /// applied to code that is already broken may repeat an error the file already has (a cut file's <c>) expected</c>),
        /// which is not new; and an error that was already there may change its message (a fix that removes
        /// <c>.ConfigureContext(...)</c> before a misspelled call changes the receiver type the message names): it is
        /// paired with a vanished error of the same ID and is not new either.
        /// </summary>
        internal static List<string> Added(List<string> before, List<string> after)
        {
            var added = after.Distinct().Except(before).ToList();
            var removed = before.Distinct().Except(after).ToList();
            for (var i = added.Count - 1; i >= 0; i--)
            {
                var id = added[i].Substring(0, added[i].IndexOf(':'));
                var match = removed.FindIndex(e => e.StartsWith(id + ":", System.StringComparison.Ordinal));
                if (match >= 0)
                {
                    removed.RemoveAt(match);
                    added.RemoveAt(i);
                }
            }

            return added;
        }

        private static List<string> Errors(ImmutableArray<Diagnostic> diagnostics)
            => diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToList();

        private static int Count(ImmutableArray<Diagnostic> diagnostics, CodeFixProvider provider)
            => diagnostics.Count(d => provider.FixableDiagnosticIds.Contains(d.Id));

        internal static Project CreateProject(IEnumerable<(string Path, string Text)> files, ReferenceSet references = ReferenceSet.AwsSdk, string name = "Corpus")
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                name,
                "Corpus",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: AnalyzerRun.ParseOptions,
                metadataReferences: TestReferences.Get(references)));
            foreach (var (path, text) in files)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), path, SourceText.From(text, Encoding.UTF8), filePath: "/" + path);
            }

            return solution.GetProject(projectId)!;
        }

        private static async Task<ImmutableArray<Diagnostic>> ProductDiagnosticsAsync(Project project)
        {
            var outcome = await AnalyzerRun.AnalyzeAsync((await project.GetCompilationAsync())!);
            Assert.True(outcome.Crashes.IsEmpty, string.Join("\n", outcome.Crashes));
            return outcome.Diagnostics
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ToImmutableArray();
        }

        internal static async Task<List<CodeAction>> RegisterAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            return actions.SelectMany(Flatten).ToList();

            static IEnumerable<CodeAction> Flatten(CodeAction action)
                => action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);
        }

        internal static async Task<Solution?> ApplyAsync(CodeAction action)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            return operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
        }

        internal static async Task<bool> ChangedAsync(Solution before, Solution after)
        {
            foreach (var projectChanges in after.GetChanges(before).GetProjectChanges())
            {
                foreach (var id in projectChanges.GetChangedDocuments())
                {
                    var oldText = await projectChanges.OldProject.GetDocument(id)!.GetTextAsync();
                    var newText = await projectChanges.NewProject.GetDocument(id)!.GetTextAsync();
                    if (!oldText.ContentEquals(newText))
                    {
                        return true;
                    }
                }

                if (projectChanges.GetAddedDocuments().Any() || projectChanges.GetRemovedDocuments().Any())
                {
                    return true;
                }
            }

            return false;
        }

        private static async Task<string> DiffAsync(Solution before, Solution after)
        {
            var text = new StringBuilder();
            foreach (var projectChanges in after.GetChanges(before).GetProjectChanges())
            {
                foreach (var id in projectChanges.GetChangedDocuments())
                {
                    var oldText = await projectChanges.OldProject.GetDocument(id)!.GetTextAsync();
                    var newText = await projectChanges.NewProject.GetDocument(id)!.GetTextAsync();
                    foreach (var change in newText.GetTextChanges(oldText).Take(5))
                    {
                        var line = oldText.Lines.GetLineFromPosition(change.Span.Start).LineNumber + 1;
                        text.AppendLine($"  {projectChanges.NewProject.GetDocument(id)!.FilePath}({line}): '{oldText.ToString(change.Span)}' -> '{change.NewText}'");
                    }
                }
            }

            return text.ToString();
        }

        private static string Describe(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            return $"{diagnostic.Id} at {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        }

        /// <summary>At most <paramref name="max"/> items, evenly spread over the list, in order.</summary>
        private static List<T> Spread<T>(IReadOnlyList<T> items, int max)
        {
            if (items.Count <= max)
            {
                return items.ToList();
            }

            return Enumerable.Range(0, max).Select(i => items[(int)((long)i * items.Count / max)]).ToList();
        }

        private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }
    }
}
