using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB202: one action per finding, chosen by the shape of the write.
    /// <list type="bullet">
    /// <item><b>Update only what changed</b>, for the low-level client and the document model: the whole-item PutItem
    /// becomes an UpdateItem that writes just the attributes the method changed (see <see cref="UpdateChangedAttributesFix"/>).
    /// It narrows the lost-update window to those attributes; it does not close it.</item>
    /// <item><b>Add a version property</b>, for the object persistence model's Save: <c>[DynamoDBVersion] public long?
    /// Version { get; set; }</c> on the saved class, wherever it is declared (see <see cref="AddVersionPropertyFix"/>).</item>
    /// </list>
    /// Both share one equivalence key (<see cref="FixKey"/>), as DDB101's variants do: a finding never has both, and Fix
    /// All (in the IDE and in <c>dotnet format</c>, which fixes all with the key of the first finding's first action, or
    /// with none) then repairs every DDB202 in scope, each with its own action, adding one property per class.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WholeItemWriteBackCodeFixProvider))]
    [Shared]
    public sealed class WholeItemWriteBackCodeFixProvider : CodeFixProvider
    {
        public const string FixKey = "DDB202_FixWholeItemWriteBack";

        private const string UpdateTitle = "Update only what changed";
        private const string VersionTitle = "Add a version property";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WholeItemWriteBack);

        public override FixAllProvider GetFixAllProvider() => new WholeItemWriteBackFixAll();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return;
            }

            var options = context.Document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree);
            var solution = context.Document.Project.Solution;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (UpdateChangedAttributesFix.FindFinding(root, semanticModel, diagnostic, options, context.CancellationToken) is not { } found)
                {
                    continue;
                }

                string title;
                if (UpdateChangedAttributesFix.TryPlan(found.Finding, found.Analysis, semanticModel, found.Model) is not null)
                {
                    title = UpdateTitle;
                }
                else if (AddVersionPropertyFix.TryPlan(found.Finding, found.Model, solution, context.CancellationToken) is not null)
                {
                    title = VersionTitle;
                }
                else
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixSolutionAsync(solution, new[] { (document, diagnostic) }, ct), FixKey),
                    diagnostic);
            }
        }

        /// <summary>
        /// Applies the fix of every diagnostic: the write rewrites in their own documents, one version property per class
        /// in the documents that declare the classes. Everything is planned on the solution as given, then each changed
        /// document is edited once.
        /// </summary>
        private static async Task<Solution> FixSolutionAsync(Solution solution, IEnumerable<(Document Document, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
        {
            var writes = new Dictionary<DocumentId, List<Diagnostic>>();
            var classes = new Dictionary<DocumentId, Dictionary<TextSpan, string>>();
            foreach (var (document, diagnostic) in diagnostics)
            {
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || semanticModel is null)
                {
                    continue;
                }

                var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree);
                if (UpdateChangedAttributesFix.FindFinding(root, semanticModel, diagnostic, options, cancellationToken) is not { } found)
                {
                    continue;
                }

                if (UpdateChangedAttributesFix.TryPlan(found.Finding, found.Analysis, semanticModel, found.Model) is not null)
                {
                    Add(writes, document.Id, diagnostic);
                }
                else if (AddVersionPropertyFix.TryPlan(found.Finding, found.Model, solution, cancellationToken) is { } plan
                    && solution.GetDocumentId(plan.Declaration.SyntaxTree) is { } declaringDocument)
                {
                    if (!classes.TryGetValue(declaringDocument, out var spans))
                    {
                        classes[declaringDocument] = spans = new Dictionary<TextSpan, string>();
                    }

                    // A class seen from several saves (or projects) gets one property.
                    if (!spans.ContainsKey(plan.Declaration.Span))
                    {
                        spans.Add(plan.Declaration.Span, plan.Name);
                    }
                }
            }

            var changed = solution;
            foreach (var documentId in writes.Keys.Concat(classes.Keys).Distinct().ToList())
            {
                var document = solution.GetDocument(documentId)!;
                var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
                var endOfLine = InitializerEditing.GetEndOfLine(editor.OriginalRoot);
                TypeNames? typeNames = null;
                var needsDataModel = false;

                if (writes.TryGetValue(documentId, out var writeDiagnostics))
                {
                    var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(editor.OriginalRoot.SyntaxTree);
                    var fixedWrites = new HashSet<SyntaxNode>();
                    foreach (var diagnostic in writeDiagnostics.OrderBy(d => d.Location.SourceSpan.Start))
                    {
                        if (UpdateChangedAttributesFix.FindFinding(editor.OriginalRoot, editor.SemanticModel, diagnostic, options, cancellationToken) is { } found
                            && UpdateChangedAttributesFix.TryPlan(found.Finding, found.Analysis, editor.SemanticModel, found.Model) is { } fix
                            && fixedWrites.Add(fix.Write))
                        {
                            fix.Apply(editor);
                            typeNames ??= fix.MissingNamespaces;
                        }
                    }
                }

                if (classes.TryGetValue(documentId, out var spans))
                {
                    foreach (var edit in spans)
                    {
                        if (editor.OriginalRoot.FindNode(edit.Key) is not TypeDeclarationSyntax declaration || declaration.Span != edit.Key)
                        {
                            continue;
                        }

                        needsDataModel |= !UsingDirectives.IsImported(editor.SemanticModel, declaration.OpenBraceToken.Span.End, AddVersionPropertyFix.DataModelNamespace);
                        var indentation = AddVersionPropertyFix.GetMemberIndentation(declaration);
                        var name = edit.Value;
                        editor.ReplaceNode(declaration, (current, _) => AddVersionPropertyFix.AddProperty((TypeDeclarationSyntax)current, name, indentation, endOfLine));
                    }
                }

                if ((typeNames is not null || needsDataModel) && editor.OriginalRoot is CompilationUnitSyntax)
                {
                    editor.ReplaceNode(editor.OriginalRoot, (current, _) =>
                    {
                        var unit = typeNames?.AddMissingUsings((CompilationUnitSyntax)current, endOfLine) ?? (CompilationUnitSyntax)current;
                        return needsDataModel ? UsingDirectives.Add(unit, AddVersionPropertyFix.DataModelNamespace) : unit;
                    });
                }

                changed = changed.WithDocumentSyntaxRoot(documentId, editor.GetChangedRoot());
            }

            return changed;
        }

        private static void Add(Dictionary<DocumentId, List<Diagnostic>> map, DocumentId id, Diagnostic diagnostic)
        {
            if (!map.TryGetValue(id, out var list))
            {
                map[id] = list = new List<Diagnostic>();
            }

            list.Add(diagnostic);
        }

        /// <summary>Fix All in document, project or solution scope, over the DDB202 diagnostics the context provides.</summary>
        private sealed class WholeItemWriteBackFixAll : FixAllProvider
        {
            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
                => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                if (fixAllContext.CodeActionEquivalenceKey is not (null or FixKey))
                {
                    return null;
                }

                var diagnostics = new List<(Document, Diagnostic)>();
                if (fixAllContext.Scope == FixAllScope.Document)
                {
                    if (fixAllContext.Document is { } document)
                    {
                        foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                        {
                            diagnostics.Add((document, diagnostic));
                        }
                    }
                }
                else
                {
                    var projects = fixAllContext.Scope == FixAllScope.Solution ? fixAllContext.Solution.Projects : new[] { fixAllContext.Project };
                    foreach (var project in projects)
                    {
                        foreach (var diagnostic in await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false))
                        {
                            if (diagnostic.Location.SourceTree is { } tree && project.GetDocument(tree) is { } document)
                            {
                                diagnostics.Add((document, diagnostic));
                            }
                        }
                    }
                }

                var solution = fixAllContext.Solution;
                var title = fixAllContext.Scope switch
                {
                    FixAllScope.Document => "Fix whole-item writes back in document",
                    FixAllScope.Project => "Fix whole-item writes back in project",
                    _ => "Fix whole-item writes back in solution",
                };
                return CodeAction.Create(title, ct => FixSolutionAsync(solution, diagnostics, ct), FixKey);
            }
        }
    }
}
