using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis.Operations;
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
    /// <para>
    /// <b>Write in one transaction</b> (second action): <c>CreateBatchWrite&lt;T&gt;()</c> becomes <c>CreateTransactWrite&lt;T&gt;()</c>,
    /// <c>AddPutItem(s)</c> becomes <c>AddSaveItem(s)</c> (deletes keep their names), and the same <c>ExecuteAsync</c> sends
    /// it: the SDK puts the version condition (and increment) on every action, and the writes succeed or fail together.
    /// Offered only when the method shows that the batch holds at most 100 items (a transaction is not split: more
    /// actions fail the whole request), the batch is declared with <c>var</c>, and the SDK has transactions.
    /// </para>
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SaveOneByOneCodeFixProvider))]
    [Shared]
    public sealed class SaveOneByOneCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB103_SaveOneByOne";
        public const string TransactionKey = "DDB103_TransactWrite";

        /// <summary>The most actions one TransactWriteItems request may carry.</summary>
        private const long MaxTransactionActions = 100;

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
                if (Plan.TryCreate(root, semanticModel, diagnostic, context.CancellationToken) is not { } plan)
                {
                    continue;
                }

                if (plan.CanSaveOneByOne)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Save one by one with version checks",
                            ct => FixDocumentAsync(context.Document, new[] { diagnostic }, EquivalenceKey, ct),
                            EquivalenceKey),
                        diagnostic);
                }

                if (plan.CanTransact)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Write in one transaction with version checks (all or nothing)",
                            ct => FixDocumentAsync(context.Document, new[] { diagnostic }, TransactionKey, ct),
                            TransactionKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in diagnostics)
            {
                var plan = Plan.TryCreate(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken);
                if (key == TransactionKey)
                {
                    if (plan is { CanTransact: true })
                    {
                        plan.ApplyTransaction(editor);
                    }
                }
                else if (plan is { CanSaveOneByOne: true })
                {
                    plan.Apply(editor);
                }
            }

            return editor.GetChangedDocument();
        }

        private sealed class Plan
        {
            private readonly LocalDeclarationStatementSyntax _declaration;
            private readonly InvocationExpressionSyntax _creation;
            private readonly ExpressionSyntax _context;
            private readonly List<(ExpressionStatementSyntax Statement, string Method, ExpressionSyntax Argument)> _adds;
            private readonly StatementSyntax _execute;
            private readonly bool _isAsync;
            private readonly ExpressionSyntax? _cancellationToken;
            private readonly string _itemName;

            private Plan(
                LocalDeclarationStatementSyntax declaration,
                InvocationExpressionSyntax creation,
                ExpressionSyntax context,
                List<(ExpressionStatementSyntax, string, ExpressionSyntax)> adds,
                StatementSyntax execute,
                bool isAsync,
                ExpressionSyntax? cancellationToken,
                string itemName)
            {
                _declaration = declaration;
                _creation = creation;
                _context = context;
                _adds = adds;
                _execute = execute;
                _isAsync = isAsync;
                _cancellationToken = cancellationToken;
                _itemName = itemName;
            }

            /// <summary>The saves can run one by one: the context and token mean the same wherever they are evaluated.</summary>
            public bool CanSaveOneByOne { get; private set; }

            /// <summary>The batch can become one transaction: generic, declared with var, at most 100 items, SDK with transactions.</summary>
            public bool CanTransact { get; private set; }

            public static Plan? TryCreate(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                    || invocation.Expression is not MemberAccessExpressionSyntax { Expression: { } context } creation
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
                IInvocationOperation? executeOperation = null;
                var isAsync = false;
                var tokenUsable = true;
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
                                tokenUsable = IsUsableEverywhere(token, semanticModel, cancellationToken);
                            }

                            executeOperation = semanticModel.GetOperation(call, cancellationToken) as IInvocationOperation;
                            break;
                        case "Execute" when execute is null && call.Parent is ExpressionStatementSyntax executed && call.ArgumentList.Arguments.Count == 0:
                            execute = executed;
                            executeOperation = semanticModel.GetOperation(call, cancellationToken) as IInvocationOperation;
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
                return new Plan(declaration, invocation, context, adds, execute, isAsync, token, itemName)
                {
                    CanSaveOneByOne = tokenUsable && IsStable(context, semanticModel, cancellationToken),
                    CanTransact = creation.Name is GenericNameSyntax
                        && declarator.Parent is VariableDeclarationSyntax { Type.IsVar: true }
                        && model.TransactWriteOfT is not null
                        && executeOperation is not null
                        && FitsInOneTransaction(semanticModel, model, declaration, adds, executeOperation, cancellationToken),
                };
            }

            /// <summary>
            /// True when the method shows that the batch gets at most 100 items: each add once per run of the loops
            /// around it, each AddPutItems / AddDeleteItems as many as its argument holds (an input nothing bounds is unbounded).
            /// </summary>
            private static bool FitsInOneTransaction(
                SemanticModel semanticModel,
                DynamoDbModel model,
                LocalDeclarationStatementSyntax declaration,
                List<(ExpressionStatementSyntax Statement, string Method, ExpressionSyntax Argument)> adds,
                IInvocationOperation execute,
                CancellationToken cancellationToken)
            {
                var evaluator = new CollectionSizeEvaluator(model, execute);
                var total = CollectionSize.Exact(0);
                foreach (var (statement, method, argument) in adds)
                {
                    if (semanticModel.GetOperation(statement.Expression, cancellationToken) is not { } add
                        || semanticModel.GetOperation(argument, cancellationToken) is not { } value)
                    {
                        return false;
                    }

                    var count = method.EndsWith("Items", System.StringComparison.Ordinal)
                        ? evaluator.Evaluate(value, SizeMode.Sources)
                        : CollectionSize.Exact(1);
                    total = total.Plus(count.Times(evaluator.Multiplicity(add, declaration)));
                }

                return total.Max is { } max && !total.IsUnbounded && max <= MaxTransactionActions;
            }

            /// <summary>
            /// <c>CreateBatchWrite&lt;T&gt;(config)</c> becomes <c>CreateTransactWrite&lt;T&gt;()</c> and each <c>AddPutItem(s)</c>
            /// <c>AddSaveItem(s)</c>; the deletes and the Execute(Async) stay as they are.
            /// </summary>
            public void ApplyTransaction(DocumentEditor editor)
            {
                var access = (MemberAccessExpressionSyntax)_creation.Expression;
                var generic = (GenericNameSyntax)access.Name;
                editor.ReplaceNode(
                    _creation,
                    _creation
                        .WithExpression(access.WithName(generic.WithIdentifier(SyntaxFactory.Identifier("CreateTransactWrite").WithTriviaFrom(generic.Identifier))))
                        .WithArgumentList(SyntaxFactory.ArgumentList().WithTriviaFrom(_creation.ArgumentList)));
                foreach (var (statement, method, _) in _adds)
                {
                    if (!method.StartsWith("AddPut", System.StringComparison.Ordinal)
                        || statement.Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax add } call)
                    {
                        continue;
                    }

                    var renamed = method == "AddPutItems" ? "AddSaveItems" : "AddSaveItem";
                    editor.ReplaceNode(add.Name, SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(renamed).WithTriviaFrom(add.Name.Identifier)));
                }
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
