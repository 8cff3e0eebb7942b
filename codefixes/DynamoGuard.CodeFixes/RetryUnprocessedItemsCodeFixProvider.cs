using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.Rules;
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
    /// DDB304: keeps the response of a BatchWriteItem / BatchGetItem call and re-sends its UnprocessedItems /
    /// UnprocessedKeys with exponential backoff (200 ms, 400 ms, 800 ms, 1.6 s) until none are left, throwing after the
    /// fifth attempt. For BatchGetItem, the items of every retry are added to the first response's Responses, so code
    /// that reads <c>response.Responses</c> afterwards sees all of them. The request is reused (an inline request or the
    /// dictionary of the convenience overload becomes a local first); every other request property is kept. Offered for
    /// requests created in the method, when the call is a statement of a block, with C# 9 or later. No fix for
    /// BatchExecuteStatement: what to do with a failed statement depends on the statement.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryUnprocessedItemsCodeFixProvider))]
    [Shared]
    public sealed class RetryUnprocessedItemsCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB304_RetryUnprocessedItems";

        private const int MaxAttempts = 5;

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnprocessedItemsIgnored);

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

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Re-send {plan.UnprocessedProperty} with backoff until none are left",
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
            var semanticModel = editor.SemanticModel;
            var endOfLine = editor.OriginalRoot.ToFullString().Contains("\r\n") ? "\r\n" : "\n";
            var reserved = new Dictionary<BlockSyntax, HashSet<string>>();
            var fixedStatements = new HashSet<StatementSyntax>();
            var namespaces = new SortedSet<string>(System.StringComparer.Ordinal);
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var plan = Plan.TryCreate(editor.OriginalRoot, semanticModel, diagnostic, cancellationToken);
                if (plan is null || !fixedStatements.Add(plan.Statement))
                {
                    continue;
                }

                var block = (BlockSyntax)plan.Statement.Parent!;
                var names = FixSyntax.TakenNames(semanticModel, plan.Statement, System.Array.Empty<SyntaxNode>());
                if (reserved.TryGetValue(block, out var earlier))
                {
                    names.UnionWith(earlier);
                }
                else
                {
                    earlier = new HashSet<string>(System.StringComparer.Ordinal);
                    reserved.Add(block, earlier);
                }

                Apply(editor, plan, names, earlier, endOfLine);
                foreach (var ns in plan.IsAsync ? new[] { "System", "System.Threading.Tasks" } : new[] { "System", "System.Threading" })
                {
                    if (!FixSyntax.IsNamespaceImported(semanticModel, plan.Statement.SpanStart, ns))
                    {
                        namespaces.Add(ns);
                    }
                }
            }

            var changed = editor.GetChangedDocument();
            if (namespaces.Count > 0 && await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is { } root)
            {
                foreach (var ns in namespaces)
                {
                    root = FixSyntax.AddUsing(root, ns);
                }

                changed = changed.WithSyntaxRoot(root);
            }

            return changed;
        }

        private static void Apply(DocumentEditor editor, Plan plan, HashSet<string> names, HashSet<string> reserved, string endOfLine)
        {
            string Reserve(string name)
            {
                var unique = FixSyntax.UniqueName(name, names, reserve: true);
                reserved.Add(unique);
                return unique;
            }

            var statements = new List<StatementSyntax>();
            var call = plan.Call;
            string requestName;
            if (plan.RequestLocal is { } existing)
            {
                requestName = existing;
            }
            else
            {
                requestName = Reserve("request");
                var declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(requestName).WithInitializer(
                        SyntaxFactory.EqualsValueClause(plan.NewRequest!.WithoutLeadingTrivia())))));
                statements.Add(declaration);
                call = plan.ReplaceRequestArguments(SyntaxFactory.IdentifierName(requestName));
            }

            var callText = call.WithoutTrivia().ToFullString();
            var awaitPrefix = plan.IsAsync ? "await " : string.Empty;
            var configureAwait = plan.ConfigureAwait is { } configure ? $".ConfigureAwait({configure})" : string.Empty;
            string responseName;
            if (plan.ResponseLocal is { } declared)
            {
                responseName = declared;
                statements.Add(plan.ReplaceCall(plan.Statement, call));
            }
            else
            {
                responseName = Reserve("response");
                statements.Add(SyntaxFactory.ParseStatement($"var {responseName} = {awaitPrefix}{callText}{configureAwait};"));
            }

            var attempt = FixSyntax.UniqueName("attempt", names, reserve: false);
            var delay = plan.IsAsync
                ? $"await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << {attempt})){(plan.CancellationToken is { } token ? ", " + token : string.Empty)}){configureAwait};"
                : $"Thread.Sleep(TimeSpan.FromMilliseconds(100 * (1 << {attempt})));";
            var unprocessed = plan.UnprocessedProperty;
            var loop = new StringBuilder()
                .Append($"for (var {attempt} = 1; {responseName}.{unprocessed} is {{ Count: > 0 }}; {attempt}++)").Append(endOfLine)
                .Append('{').Append(endOfLine)
                .Append($"if ({attempt} == {MaxAttempts})").Append(endOfLine)
                .Append('{').Append(endOfLine)
                .Append($"throw new InvalidOperationException(\"{plan.OperationName} left {(plan.IsGet ? "keys" : "items")} unprocessed after {MaxAttempts} attempts.\");").Append(endOfLine)
                .Append('}').Append(endOfLine)
                .Append(endOfLine)
                .Append(delay).Append(endOfLine)
                .Append($"{requestName}.RequestItems = {responseName}.{unprocessed};").Append(endOfLine);
            if (plan.IsGet)
            {
                // Keep every item: add what each retry returns to the first response.
                var retry = FixSyntax.UniqueName("retry", names, reserve: false);
                var table = FixSyntax.UniqueName("table", names, reserve: false);
                var items = FixSyntax.UniqueName("items", names, reserve: false);
                loop.Append($"var {retry} = {awaitPrefix}{callText}{configureAwait};").Append(endOfLine)
                    .Append($"{responseName}.Responses ??= new();").Append(endOfLine)
                    .Append($"foreach (var {table} in {retry}.Responses ?? new())").Append(endOfLine)
                    .Append('{').Append(endOfLine)
                    .Append($"if ({responseName}.Responses.TryGetValue({table}.Key, out var {items}))").Append(endOfLine)
                    .Append('{').Append(endOfLine)
                    .Append($"{items}.AddRange({table}.Value);").Append(endOfLine)
                    .Append('}').Append(endOfLine)
                    .Append("else").Append(endOfLine)
                    .Append('{').Append(endOfLine)
                    .Append($"{responseName}.Responses[{table}.Key] = {table}.Value;").Append(endOfLine)
                    .Append('}').Append(endOfLine)
                    .Append('}').Append(endOfLine)
                    .Append(endOfLine)
                    .Append($"{responseName}.UnprocessedKeys = {retry}.UnprocessedKeys;").Append(endOfLine);
            }
            else
            {
                loop.Append($"{responseName} = {awaitPrefix}{callText}{configureAwait};").Append(endOfLine);
            }

            loop.Append('}');
            statements.Add(SyntaxFactory.ParseStatement(loop.ToString()));

            for (var i = 0; i < statements.Count; i++)
            {
                var statement = statements[i];
                statement = i == 0
                    ? statement.WithLeadingTrivia(plan.Statement.GetLeadingTrivia())
                    : statement.WithLeadingTrivia(SyntaxFactory.ElasticMarker);
                statement = i == statements.Count - 1
                    ? statement.WithTrailingTrivia(plan.Statement.GetTrailingTrivia())
                    : statement.WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine));
                statements[i] = statement.WithAdditionalAnnotations(Formatter.Annotation);
            }

            editor.InsertBefore(plan.Statement, statements);
            editor.RemoveNode(plan.Statement, SyntaxRemoveOptions.KeepNoTrivia);
        }

        /// <summary>What one fix rewrites.</summary>
        private sealed class Plan
        {
            private readonly ArgumentSyntax[] _requestArguments;

            private Plan(StatementSyntax statement, InvocationExpressionSyntax call, string unprocessedProperty, string operationName, bool isAsync,
                string? configureAwait, string? cancellationToken, string? requestLocal, ExpressionSyntax? newRequest, ArgumentSyntax[] requestArguments, string? responseLocal)
            {
                Statement = statement;
                Call = call;
                UnprocessedProperty = unprocessedProperty;
                OperationName = operationName;
                IsAsync = isAsync;
                ConfigureAwait = configureAwait;
                CancellationToken = cancellationToken;
                RequestLocal = requestLocal;
                NewRequest = newRequest;
                _requestArguments = requestArguments;
                ResponseLocal = responseLocal;
            }

            public StatementSyntax Statement { get; }

            public InvocationExpressionSyntax Call { get; }

            /// <summary>UnprocessedItems or UnprocessedKeys.</summary>
            public string UnprocessedProperty { get; }

            public bool IsGet => UnprocessedProperty == "UnprocessedKeys";

            /// <summary>BatchWriteItem or BatchGetItem, for the exception message.</summary>
            public string OperationName { get; }

            public bool IsAsync { get; }

            /// <summary>The argument of the call's ConfigureAwait(…), or null.</summary>
            public string? ConfigureAwait { get; }

            /// <summary>The call's CancellationToken argument, for Task.Delay, or null.</summary>
            public string? CancellationToken { get; }

            /// <summary>The name of the local that already holds the request, or null when the fix declares one.</summary>
            public string? RequestLocal { get; }

            /// <summary>The request to declare: the inline creation, or one built from the convenience overload's arguments.</summary>
            public ExpressionSyntax? NewRequest { get; }

            /// <summary>The name of the local the statement already stores the response in, or null.</summary>
            public string? ResponseLocal { get; }

            /// <summary>The call with its request argument(s) replaced by <paramref name="request"/>.</summary>
            public InvocationExpressionSyntax ReplaceRequestArguments(ExpressionSyntax request)
            {
                var arguments = Call.ArgumentList.Arguments;
                var list = new List<ArgumentSyntax>();
                var replaced = false;
                foreach (var argument in arguments)
                {
                    if (!_requestArguments.Contains(argument))
                    {
                        list.Add(argument.WithoutTrivia());
                    }
                    else if (!replaced)
                    {
                        list.Add(SyntaxFactory.Argument(request));
                        replaced = true;
                    }
                }

                return Call.WithArgumentList(Call.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(list)));
            }

            /// <summary>The response declaration with the call replaced by <paramref name="call"/>.</summary>
            public StatementSyntax ReplaceCall(StatementSyntax statement, InvocationExpressionSyntax call)
                => statement.ReplaceNode(Call, call.WithTriviaFrom(Call));

            public static Plan? TryCreate(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (diagnostic.AdditionalLocations.Count < 1
                    || !diagnostic.Properties.TryGetValue(UnprocessedItemsAnalyzer.UnprocessedPropertyProperty, out var property)
                    || property is not ("UnprocessedItems" or "UnprocessedKeys")
                    || root.SyntaxTree.Options is not CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp9 }
                    || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
                    || semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method
                    || call.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax } statement
                    || FixSyntax.CrossesFunction(call, statement))
                {
                    return null;
                }

                // The shapes the fix rewrites: [_ =] [await] call[.ConfigureAwait(x)]; and var response = [await] call[.ConfigureAwait(x)];
                ExpressionSyntax value;
                string? responseLocal = null;
                switch (statement)
                {
                    case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: var right } }:
                        value = right;
                        break;
                    case ExpressionStatementSyntax expressionStatement:
                        value = expressionStatement.Expression;
                        break;
                    case LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } when variables[0].Initializer is { } initializer:
                        value = initializer.Value;
                        responseLocal = variables[0].Identifier.ValueText;
                        break;
                    default:
                        return null;
                }

                var isAsync = value is AwaitExpressionSyntax;
                var awaited = value is AwaitExpressionSyntax awaitExpression ? awaitExpression.Expression : value;
                string? configureAwait = null;
                if (awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured }, ArgumentList.Arguments: { Count: 1 } configureArguments })
                {
                    awaited = configured;
                    configureAwait = configureArguments[0].Expression.ToString();
                }

                if (awaited != call || (!isAsync && method.Name.EndsWith("Async", System.StringComparison.Ordinal)))
                {
                    return null;
                }

                // Map arguments to parameters: the request (or the convenience overload's requestItems and ReturnConsumedCapacity) and the token.
                string? requestLocal = null;
                ExpressionSyntax? newRequest = null;
                string? token = null;
                var requestArguments = new List<ArgumentSyntax>();
                ExpressionSyntax? requestItems = null;
                ExpressionSyntax? returnConsumedCapacity = null;
                var arguments = call.ArgumentList.Arguments;
                for (var i = 0; i < arguments.Count; i++)
                {
                    var argument = arguments[i];
                    var parameter = argument.NameColon is { } nameColon
                        ? method.Parameters.FirstOrDefault(p => p.Name == nameColon.Name.Identifier.ValueText)
                        : i < method.Parameters.Length ? method.Parameters[i] : null;
                    if (parameter is null)
                    {
                        return null;
                    }

                    if (parameter.Type.Name.EndsWith("Request", System.StringComparison.Ordinal))
                    {
                        requestArguments.Add(argument);
                        switch (argument.Expression)
                        {
                            case BaseObjectCreationExpressionSyntax creation:
                                newRequest = creation is ImplicitObjectCreationExpressionSyntax
                                    ? SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName(parameter.Type.Name), creation.ArgumentList ?? SyntaxFactory.ArgumentList(), creation.Initializer)
                                    : creation;
                                break;
                            case IdentifierNameSyntax identifier when semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol:
                                requestLocal = identifier.Identifier.ValueText;
                                break;
                            default:
                                // A request from outside the method: re-sending would change the caller's object.
                                return null;
                        }
                    }
                    else if (parameter.Name == "requestItems")
                    {
                        requestArguments.Add(argument);
                        requestItems = argument.Expression;
                    }
                    else if (parameter.Name == "returnConsumedCapacity")
                    {
                        requestArguments.Add(argument);
                        returnConsumedCapacity = argument.Expression;
                    }
                    else if (parameter.Type.Name == "CancellationToken")
                    {
                        token = argument.Expression.ToString();
                    }
                    else
                    {
                        return null;
                    }
                }

                var operationName = property == "UnprocessedKeys" ? "BatchGetItem" : "BatchWriteItem";
                if (requestItems is not null)
                {
                    // Convenience overload: build the request it stands for.
                    var assignments = new List<ExpressionSyntax>
                    {
                        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("RequestItems"), requestItems.WithoutTrivia()),
                    };
                    if (returnConsumedCapacity is not null)
                    {
                        assignments.Add(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("ReturnConsumedCapacity"), returnConsumedCapacity.WithoutTrivia()));
                    }

                    newRequest = SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName(operationName + "Request"))
                        .WithArgumentList(SyntaxFactory.ArgumentList())
                        .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SeparatedList(assignments)));
                    if (semanticModel.LookupNamespacesAndTypes(call.SpanStart, name: operationName + "Request").IsEmpty)
                    {
                        return null;
                    }
                }

                if (requestLocal is null && newRequest is null)
                {
                    return null;
                }

                if (newRequest is ObjectCreationExpressionSyntax { Type: var type } && semanticModel.GetSpeculativeTypeInfo(call.SpanStart, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type is null or IErrorTypeSymbol)
                {
                    return null;
                }

                return new Plan(statement, call, property, operationName, isAsync, configureAwait, token, requestLocal, newRequest, requestArguments.ToArray(), responseLocal);
            }
        }
    }
}
