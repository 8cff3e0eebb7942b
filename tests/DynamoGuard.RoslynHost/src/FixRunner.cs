using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.RoslynHost
{
    /// <summary>
    /// Applies one code fix provider as the IDE does: registers the actions of the first diagnostic that gets one, applies
    /// each action, and runs Fix All (document) with each action's equivalence key. The changed lines are recorded,
    /// so two hosts' outputs can be compared exactly.
    /// </summary>
    internal static class FixRunner
    {
        public static async Task<FixResult?> RunAsync(CodeFixProvider provider, Project project, ImmutableArray<Diagnostic> diagnostics, string source)
        {
            var fixable = diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
            foreach (var diagnostic in fixable)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    continue;
                }

                var actions = new List<CodeAction>();
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None)).ConfigureAwait(false);
                if (actions.Count == 0)
                {
                    continue;
                }

                var result = new FixResult
                {
                    Provider = provider.GetType().Name,
                    Source = source,
                    DiagnosticId = diagnostic.Id,
                    Diagnostics = fixable.Length,
                    ActionsRegistered = actions.Count,
                };
                var before = (await document.GetTextAsync().ConfigureAwait(false)).ToString();
                var fixAll = provider.GetFixAllProvider();
                foreach (var action in actions)
                {
                    var applied = new ActionResult { Title = action.Title, EquivalenceKey = action.EquivalenceKey ?? "" };
                    applied.OneFix = ChangedLines(before, await ApplyAsync(action, document.Id).ConfigureAwait(false));
                    if (fixAll is not null && fixAll.GetSupportedFixAllScopes().Contains(FixAllScope.Document))
                    {
                        var context = new FixAllContext(document, provider, FixAllScope.Document, action.EquivalenceKey, provider.FixableDiagnosticIds, new KnownDiagnostics(fixable), CancellationToken.None);
                        var fixAllAction = await fixAll.GetFixAsync(context).ConfigureAwait(false);
                        applied.FixAll = fixAllAction is null ? "" : ChangedLines(before, await ApplyAsync(fixAllAction, document.Id).ConfigureAwait(false));
                    }

                    result.Actions.Add(applied);
                }

                return result;
            }

            return null;
        }

        private static async Task<string?> ApplyAsync(CodeAction action, DocumentId documentId)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
            var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution.GetDocument(documentId);
            return changed is null ? null : (await changed.GetTextAsync().ConfigureAwait(false)).ToString();
        }

        /// <summary>"@@ line N" and the lines between the first and the last that differ; empty when nothing changed.</summary>
        private static string ChangedLines(string before, string? after)
        {
            if (after is null || after == before)
            {
                return "";
            }

            var a = before.Split('\n');
            var b = after.Split('\n');
            var prefix = 0;
            while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
            {
                prefix++;
            }

            var suffix = 0;
            while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
            {
                suffix++;
            }

            var builder = new StringBuilder().Append("@@ line ").Append(prefix + 1).Append(" (").Append(a.Length - prefix - suffix).Append(" lines replaced)\n");
            for (var i = prefix; i < b.Length - suffix; i++)
            {
                builder.Append(b[i]).Append('\n');
            }

            return builder.ToString();
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
