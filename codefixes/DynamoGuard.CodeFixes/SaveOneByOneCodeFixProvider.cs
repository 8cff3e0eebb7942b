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
using Microsoft.CodeAnalysis.Formatting;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB103: replaces a batch write of a versioned type by saves and deletes one by one, which the SDK guards with the
    /// version check. <c>batch.AddPutItem(x)</c> becomes <c>await context.SaveAsync(x, ct)</c>,
    /// <c>batch.AddPutItems(xs)</c> a <c>foreach</c> of them (deletes alike), and the <c>CreateBatchWrite</c> and
    /// <c>ExecuteAsync</c> statements go. Offered when the batch lives in a local of one method that only adds items and
    /// executes once, the configuration is absent or only sets SkipVersionCheck, and the cancellation token (if any) is
    /// a parameter or field that every save can use. Delete-by-key entries (AddDeleteKey) have no version check to gain,
    /// so a batch with them gets no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SaveOneByOneCodeFixProvider))]
    [Shared]
    public sealed class SaveOneByOneCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB103_SaveOneByOne";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.VersionedBatchWrite);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

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
                if (Plan.TryCreate(root, semanticModel, diagnostic, context.CancellationToken) is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Save one by one with version checks",
                        ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in diagnostics)
            {
                Plan.TryCreate(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken)?.Apply(editor);
            }

            return editor.GetChangedDocument();
        }

        private sealed class Plan
        {
            private readonly LocalDeclarationStatementSyntax _declaration;
            private readonly ExpressionSyntax _context;
            private readonly List<(ExpressionStatementSyntax Statement, string Method, ExpressionSyntax Argument)> _adds;
            private readonly StatementSyntax _execute;
            private readonly bool _isAsync;
            private readonly ExpressionSyntax? _cancellationToken;
            private readonly string _itemName;

            private Plan(
                LocalDeclarationStatementSyntax declaration,
                ExpressionSyntax context,
                List<(ExpressionStatementSyntax, string, ExpressionSyntax)> adds,
                StatementSyntax execute,
                bool isAsync,
                ExpressionSyntax? cancellationToken,
                string itemName)
            {
                _declaration = declaration;
                _context = context;
                _adds = adds;
                _execute = execute;
                _isAsync = isAsync;
                _cancellationToken = cancellationToken;
                _itemName = itemName;
            }

            public static Plan? TryCreate(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                    || invocation.Expression is not MemberAccessExpressionSyntax { Expression: { } context }
                    || !IsStable(context, semanticModel, cancellationToken)
                    || invocation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                    || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration }
                    || semanticModel.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol batch
                    || DynamoDbModel.TryCreate(semanticModel.Compilation) is not { } model
                    || semanticModel.GetOperation(invocation, cancellationToken) is not Microsoft.CodeAnalysis.Operations.IInvocationOperation operation
                    || !model.TryGetBatchWriteCreation(operation, out var itemType, out var config)
                    || itemType is null
                    || !IsDroppableConfig(config))
                {
                    return null;
                }

                var body = declaration.Parent;
                var function = declaration.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);
                if (body is null || function is null)
                {
                    return null;
                }

                var adds = new List<(ExpressionStatementSyntax, string, ExpressionSyntax)>();
                StatementSyntax? execute = null;
                var isAsync = false;
                ExpressionSyntax? token = null;
                foreach (var reference in function.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (reference.Identifier.ValueText != batch.Name
                        || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(reference, cancellationToken).Symbol, batch))
                    {
                        continue;
                    }

                    if (reference.Parent is not MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } access
                        || access.Expression != reference
                        || call.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax) != function)
                    {
                        return null;
                    }

                    var method = access.Name.Identifier.ValueText;
                    switch (method)
                    {
                        case "AddPutItem" or "AddPutItems" or "AddDeleteItem" or "AddDeleteItems"
                            when call.Parent is ExpressionStatementSyntax statement && call.ArgumentList.Arguments.Count == 1 && execute is null:
                            adds.Add((statement, method, call.ArgumentList.Arguments[0].Expression));
                            break;
                        case "ExecuteAsync" when execute is null
                            && call.Parent is AwaitExpressionSyntax { Parent: ExpressionStatementSyntax awaited }
                            && call.ArgumentList.Arguments.Count <= 1:
                            execute = awaited;
                            isAsync = true;
                            if (call.ArgumentList.Arguments.Count == 1)
                            {
                                token = call.ArgumentList.Arguments[0].Expression;
                                if (!IsUsableEverywhere(token, semanticModel, cancellationToken))
                                {
                                    return null;
                                }
                            }

                            break;
                        case "Execute" when execute is null && call.Parent is ExpressionStatementSyntax executed && call.ArgumentList.Arguments.Count == 0:
                            execute = executed;
                            break;
                        default:
                            return null;
                    }
                }

                if (execute is null || adds.Count == 0)
                {
                    return null;
                }

                var itemName = UniqueName(semanticModel, function, declaration.SpanStart, char.ToLowerInvariant(itemType.Name[0]) + itemType.Name.Substring(1));
                return new Plan(declaration, context, adds, execute, isAsync, token, itemName);
            }

            public void Apply(DocumentEditor editor)
            {
                foreach (var (statement, method, argument) in _adds)
                {
                    var write = method.StartsWith("AddPut", System.StringComparison.Ordinal) ? "Save" : "Delete";
                    StatementSyntax replacement;
                    if (method.EndsWith("Items", System.StringComparison.Ordinal))
                    {
                        var call = Call(write, SyntaxFactory.IdentifierName(_itemName));
                        replacement = SyntaxFactory.ForEachStatement(
                                SyntaxFactory.IdentifierName("var"),
                                SyntaxFactory.Identifier(_itemName),
                                argument.WithoutTrivia(),
                                SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(call)))
                            .WithAdditionalAnnotations(Formatter.Annotation);
                    }
                    else
                    {
                        replacement = SyntaxFactory.ExpressionStatement(Call(write, argument.WithoutTrivia()));
                    }

                    editor.ReplaceNode(statement, replacement.WithTriviaFrom(statement));
                }

                editor.RemoveNode(_declaration, RemoveOptions(_declaration));
                editor.RemoveNode(_execute, RemoveOptions(_execute));
            }

            /// <summary>Removes the whole line, keeping comments and directives written above the statement.</summary>
            private static SyntaxRemoveOptions RemoveOptions(StatementSyntax statement)
            {
                var hasComment = statement.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia) || t.IsDirective);
                return hasComment ? SyntaxRemoveOptions.KeepLeadingTrivia | SyntaxRemoveOptions.KeepDirectives : SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives;
            }

            private ExpressionSyntax Call(string write, ExpressionSyntax item)
            {
                var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(item) };
                if (_cancellationToken is not null)
                {
                    arguments.Add(SyntaxFactory.Argument(_cancellationToken.WithoutTrivia()));
                }

                var invocation = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, _context.WithoutTrivia(), SyntaxFactory.IdentifierName(_isAsync ? write + "Async" : write)),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
                return _isAsync ? SyntaxFactory.AwaitExpression(invocation) : invocation;
            }

            /// <summary>No configuration, or one built inline that only sets SkipVersionCheck (the saves do not need it).</summary>
            private static bool IsDroppableConfig(Microsoft.CodeAnalysis.Operations.IArgumentOperation? config)
            {
                if (config is null || config.ArgumentKind == Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue)
                {
                    return true;
                }

                if (config.Value.WalkDownConversions() is not Microsoft.CodeAnalysis.Operations.IObjectCreationOperation creation)
                {
                    return false;
                }

                var buildUp = ObjectBuildUp.TryCreate(creation);
                return buildUp is not null && buildUp.PropertyAssignments.All(a =>
                    a.Target is Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation { Property.Name: "SkipVersionCheck" });
            }

            /// <summary>An expression that means the same wherever the method evaluates it: a local, parameter, field or property of this.</summary>
            private static bool IsStable(ExpressionSyntax expression, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                var symbol = semanticModel.GetSymbolInfo(expression, cancellationToken).Symbol;
                return expression switch
                {
                    IdentifierNameSyntax => symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } => symbol is IFieldSymbol or IPropertySymbol,
                    _ => false,
                };
            }

            /// <summary>A cancellation token every save can pass: a parameter, a field, <c>default</c> or <c>CancellationToken.None</c>.</summary>
            private static bool IsUsableEverywhere(ExpressionSyntax token, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                if (token is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } or DefaultExpressionSyntax)
                {
                    return true;
                }

                var symbol = semanticModel.GetSymbolInfo(token, cancellationToken).Symbol;
                return symbol is IParameterSymbol or IFieldSymbol || (symbol is IPropertySymbol { IsStatic: true, Name: "None" });
            }

            /// <summary>A name free at <paramref name="position"/> and not declared anywhere else in the function.</summary>
            private static string UniqueName(SemanticModel semanticModel, SyntaxNode function, int position, string preferred)
            {
                var taken = new HashSet<string>(semanticModel.LookupSymbols(position).Select(s => s.Name), System.StringComparer.Ordinal);
                foreach (var node in function.DescendantNodes())
                {
                    switch (node)
                    {
                        case VariableDeclaratorSyntax variable:
                            taken.Add(variable.Identifier.ValueText);
                            break;
                        case ForEachStatementSyntax loop:
                            taken.Add(loop.Identifier.ValueText);
                            break;
                        case SingleVariableDesignationSyntax designation:
                            taken.Add(designation.Identifier.ValueText);
                            break;
                    }
                }
                if (SyntaxFacts.GetKeywordKind(preferred) != SyntaxKind.None)
                {
                    preferred = "@" + preferred;
                }

                return UniqueNames.Choose(preferred, taken, reserve: false);
            }
        }
    }
}
