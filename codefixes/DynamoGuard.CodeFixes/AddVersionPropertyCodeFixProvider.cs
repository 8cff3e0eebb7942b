using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB202 on the object persistence model's Save: <b>Add a version property</b> (<see cref="AddVersionPropertyKey"/>).
    /// Adds <c>[DynamoDBVersion] public long? Version { get; set; }</c> to the saved class, in whichever file (or part of a
    /// partial class) declares it, so the SDK checks the version on every save and delete of the object: a stale save
    /// then fails with ConditionalCheckFailedException instead of overwriting. The property is named Version, or
    /// RowVersion, ItemVersion, Version2, ... when the class (or a base class) already has a member of that name or
    /// stores another property under that attribute name. <c>using Amazon.DynamoDBv2.DataModel;</c> is added where the
    /// file lacks it. Offered when the Save's type is the loaded type, a class declared in source with a body.
    /// <para>
    /// An item saved before the change has no version attribute: the object loads with <c>Version == null</c>, and its
    /// first save sends the condition <c>attribute_not_exists(Version)</c> and sets the version to 0 (the SDK's
    /// DynamoDBContext: CreateExpectedDocumentForVersion, SetNewVersion). Existing items need no migration.
    /// </para>
    /// Fix All adds one property per class, however many saves of it it fixes, across documents and projects.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddVersionPropertyCodeFixProvider))]
    [Shared]
    public sealed class AddVersionPropertyCodeFixProvider : CodeFixProvider
    {
        public const string AddVersionPropertyKey = "DDB202_AddVersionProperty";

        private const string Title = "Add a version property";
        private const string DataModelNamespace = "Amazon.DynamoDBv2.DataModel";
        private static readonly string[] NameStems = { "Version", "RowVersion", "ItemVersion" };

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WholeItemWriteBack);

        public override FixAllProvider GetFixAllProvider() => new AddVersionPropertyFixAll();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (FindVersionlessType(context.Document, root, semanticModel, diagnostic, context.CancellationToken) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => FixSolutionAsync(context.Document.Project.Solution, new[] { (context.Document, diagnostic) }, ct), AddVersionPropertyKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The class the finding's Save maps, when the fix can give it a version property; null otherwise.</summary>
        private static INamedTypeSymbol? FindVersionlessType(Document document, SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree);
            if (UpdateChangedAttributesFix.FindFinding(root, semanticModel, diagnostic, options, cancellationToken) is not { } found
                || found.Finding.SavedType is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
                || !SymbolEqualityComparer.Default.Equals(type, found.Finding.Read.ItemType)
                || found.Model.DynamoDBVersionAttribute is null
                || found.Model.GetVersionProperty(type) is not null
                || type.IsImplicitlyDeclared
                || type.DeclaringSyntaxReferences.Length == 0
                || !type.DeclaringSyntaxReferences.All(r => document.Project.Solution.GetDocument(r.SyntaxTree) is not null)
                || ChooseDeclaration(type, found.Model, cancellationToken) is null)
            {
                return null;
            }

            return type;
        }

        /// <summary>The part of the class the property goes into: the one that declares the hash key, else the first; it must have a body.</summary>
        private static TypeDeclarationSyntax? ChooseDeclaration(INamedTypeSymbol type, DynamoDbModel model, CancellationToken cancellationToken)
        {
            var declarations = type.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .ToList();
            var hashKey = model.GetKeyProperty(type, range: false);
            var chosen = declarations.FirstOrDefault(d => hashKey is not null && hashKey.DeclaringSyntaxReferences.Any(r => d.Span.Contains(r.Span) && d.SyntaxTree == r.SyntaxTree))
                ?? declarations.FirstOrDefault();
            return chosen is not null && chosen.OpenBraceToken.IsKind(SyntaxKind.OpenBraceToken) && !chosen.OpenBraceToken.IsMissing && !chosen.CloseBraceToken.IsMissing
                ? chosen
                : null;
        }

        /// <summary>Version, RowVersion, ItemVersion, then Version2, ...: the first that no member (or base member) of the class and no stored attribute name uses.</summary>
        private static string ChooseName(INamedTypeSymbol type, DynamoDbModel model)
        {
            var taken = new HashSet<string>(System.StringComparer.Ordinal) { type.Name };
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    taken.Add(member.Name);
                    if (member is IPropertySymbol property)
                    {
                        taken.Add(model.GetStoredName(property, type));
                    }
                }
            }

            foreach (var stem in NameStems)
            {
                if (!taken.Contains(stem))
                {
                    return stem;
                }
            }

            return UniqueNames.Choose(NameStems[0], taken, reserve: false);
        }

        private static async Task<Solution> FixSolutionAsync(Solution solution, IEnumerable<(Document Document, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
        {
            // One property per class, however many saves of it are fixed (a class seen from two projects is one class).
            var edits = new Dictionary<DocumentId, Dictionary<TextSpan, string>>();
            foreach (var (document, diagnostic) in diagnostics)
            {
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || semanticModel is null
                    || FindVersionlessType(document, root, semanticModel, diagnostic, cancellationToken) is not { } type
                    || DynamoDbModel.TryCreate(semanticModel.Compilation) is not { } model
                    || ChooseDeclaration(type, model, cancellationToken) is not { } declaration
                    || solution.GetDocumentId(declaration.SyntaxTree) is not { } documentId)
                {
                    continue;
                }

                if (!edits.TryGetValue(documentId, out var classes))
                {
                    edits[documentId] = classes = new Dictionary<TextSpan, string>();
                }

                if (!classes.ContainsKey(declaration.Span))
                {
                    classes.Add(declaration.Span, ChooseName(type, model));
                }
            }

            foreach (var pair in edits)
            {
                var document = solution.GetDocument(pair.Key)!;
                var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
                var endOfLine = InitializerEditing.GetEndOfLine(editor.OriginalRoot);
                var needsUsing = false;
                foreach (var edit in pair.Value)
                {
                    if (editor.OriginalRoot.FindNode(edit.Key) is not TypeDeclarationSyntax declaration || declaration.Span != edit.Key)
                    {
                        continue;
                    }

                    needsUsing |= !UsingDirectives.IsImported(editor.SemanticModel, declaration.OpenBraceToken.Span.End, DataModelNamespace);
                    var indentation = GetMemberIndentation(declaration);
                    editor.ReplaceNode(declaration, (current, _) => AddProperty((TypeDeclarationSyntax)current, edit.Value, indentation, endOfLine));
                }

                if (needsUsing)
                {
                    editor.ReplaceNode(editor.OriginalRoot, (current, _) => UsingDirectives.Add(current, DataModelNamespace));
                }

                solution = editor.GetChangedDocument().Project.Solution;
            }

            return solution;
        }

        /// <summary>The indentation of the class's members: that of its last property (or member), else the class's plus four spaces.</summary>
        private static string GetMemberIndentation(TypeDeclarationSyntax declaration)
        {
            var anchor = (MemberDeclarationSyntax?)declaration.Members.OfType<PropertyDeclarationSyntax>().LastOrDefault() ?? declaration.Members.LastOrDefault();
            var lines = declaration.SyntaxTree.GetText().Lines;
            return anchor is not null && lines.GetLineFromPosition(anchor.SpanStart).LineNumber != lines.GetLineFromPosition(declaration.OpenBraceToken.SpanStart).LineNumber
                ? SyntaxBuilder.GetIndentation(anchor)
                : SyntaxBuilder.GetIndentation(declaration) + "    ";
        }

        /// <summary>Inserts the property after the class's last property (or as its last member when it has none).</summary>
        private static TypeDeclarationSyntax AddProperty(TypeDeclarationSyntax declaration, string name, string indentation, SyntaxTrivia endOfLine)
        {
            var property = SyntaxFactory.ParseMemberDeclaration("[DynamoDBVersion] public long? " + name + " { get; set; }")!
                .WithLeadingTrivia(SyntaxFactory.Whitespace(indentation))
                .WithTrailingTrivia(endOfLine);
            var members = declaration.Members;
            var last = members.OfType<PropertyDeclarationSyntax>().LastOrDefault();
            var index = last is not null ? members.IndexOf(last) + 1 : members.Count;

            // A class written on one line, or a body that ends on the line of its last member: start the property on a line of its own.
            var previousToken = index == 0 ? declaration.OpenBraceToken : members[index - 1].GetLastToken();
            if (!previousToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                // The line now ends after the previous token: no trailing blank.
                var trimmed = previousToken.WithTrailingTrivia(previousToken.TrailingTrivia.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia)));
                if (index == 0)
                {
                    declaration = declaration.WithOpenBraceToken(trimmed);
                }
                else
                {
                    members = members.Replace(members[index - 1], members[index - 1].ReplaceToken(previousToken, trimmed));
                }

                property = property.WithLeadingTrivia(endOfLine, SyntaxFactory.Whitespace(indentation));
                if (index == members.Count && !declaration.CloseBraceToken.LeadingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
                {
                    declaration = declaration.WithCloseBraceToken(declaration.CloseBraceToken.WithLeadingTrivia(
                        declaration.CloseBraceToken.LeadingTrivia.Insert(0, SyntaxFactory.Whitespace(SyntaxBuilder.GetIndentation(declaration)))));
                }
            }

            return declaration.WithMembers(members.Insert(index, property));
        }

        /// <summary>Fix All in document, project or solution: every save in scope whose class can take a version property, one property per class.</summary>
        private sealed class AddVersionPropertyFixAll : FixAllProvider
        {
            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
                => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                if (fixAllContext.CodeActionEquivalenceKey is not (null or AddVersionPropertyKey))
                {
                    return null;
                }

                var diagnostics = new List<(Document, Diagnostic)>();
                var projects = fixAllContext.Scope switch
                {
                    FixAllScope.Solution => fixAllContext.Solution.Projects,
                    FixAllScope.Project => new[] { fixAllContext.Project },
                    _ => System.Array.Empty<Project>(),
                };
                if (fixAllContext.Scope is FixAllScope.Document && fixAllContext.Document is { } single)
                {
                    foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(single).ConfigureAwait(false))
                    {
                        diagnostics.Add((single, diagnostic));
                    }
                }

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

                var solution = fixAllContext.Solution;
                return CodeAction.Create(Title, ct => FixSolutionAsync(solution, diagnostics.Where(d => d.Item2.Id == DiagnosticIds.WholeItemWriteBack), ct), AddVersionPropertyKey);
            }
        }
    }
}
