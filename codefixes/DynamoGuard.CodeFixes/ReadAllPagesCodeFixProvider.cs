using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
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
    /// DDB305, two fixes:
    /// <list type="bullet">
    /// <item><b>Read all pages</b> (a search): <c>search.GetNextSetAsync(ct)</c> becomes <c>search.GetRemainingAsync(ct)</c>
    /// (<c>GetNextSet()</c> becomes <c>GetRemaining()</c>), arguments kept. The analyzer reports only a search read once
    /// whose page is used, so the call's result is consumed whole.</item>
    /// <item><b>Page through all results</b> (a low-level Query / Scan / ExecuteStatement): the call becomes a do/while
    /// loop that accumulates every page's Items in a list and feeds LastEvaluatedKey back as ExclusiveStartKey
    /// (NextToken for ExecuteStatement); later reads of <c>response.Items</c> read the list. Offered for
    /// <c>var response = [await] client.QueryAsync(request[, ct])[.ConfigureAwait(x)];</c> and
    /// <c>var items = ([await] client.QueryAsync(request)).Items;</c> when the statement sits in a block, the request is
    /// created inline or held in a local (a request from outside would be changed under its owner's feet), the response
    /// local is not assigned again, and the project uses C# 9 or later. Not for the convenience overloads.</item>
    /// </list>
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadAllPagesCodeFixProvider))]
    [Shared]
    public sealed class ReadAllPagesCodeFixProvider : CodeFixProvider
    {
        /// <summary>GetNextSet(Async) → GetRemaining(Async).</summary>
        public const string ReadAllPagesKey = "DDB305_ReadAllPages";

        /// <summary>Low-level call → paging loop.</summary>
        public const string PagingLoopKey = "DDB305_PagingLoop";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnpagedQueryResult);

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
                switch (Classify(root, diagnostic))
                {
                    case SimpleNameSyntax name:
                        var remaining = RemainingName(name.Identifier.ValueText);
                        context.RegisterCodeFix(
                            CodeAction.Create($"Read all pages with {remaining}", ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct), ReadAllPagesKey),
                            diagnostic);
                        break;
                    case InvocationExpressionSyntax call when LoopPlan.TryCreate(call, semanticModel, context.CancellationToken) is { } plan:
                        context.RegisterCodeFix(
                            CodeAction.Create($"Page through all results (loop on {plan.Continuation})", ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct), PagingLoopKey),
                            diagnostic);
                        break;
                }
            }
        }

        /// <summary>The name of GetNextSet(Async) for a search diagnostic, the call for a low-level one, else null.</summary>
        private static SyntaxNode? Classify(SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.AdditionalLocations.Count < 1
                || !diagnostic.Properties.TryGetValue(UnpagedQueryAnalyzer.KindProperty, out var kind)
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call)
            {
                return null;
            }

            if (kind == UnpagedQueryAnalyzer.SearchKind)
            {
                return call.Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "GetNextSetAsync" or "GetNextSet" } name } ? name : null;
            }

            return kind == UnpagedQueryAnalyzer.ResponseKind ? call : null;
        }

        private static string RemainingName(string nextSetName) => nextSetName == "GetNextSet" ? "GetRemaining" : "GetRemainingAsync";

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var semanticModel = editor.SemanticModel;
            var root = editor.OriginalRoot;
            var endOfLine = root.ToFullString().Contains("\r\n") ? "\r\n" : "\n";
            var reserved = new Dictionary<BlockSyntax, HashSet<string>>();
            var rewritten = new List<SyntaxNode>();
            var typeNames = new List<TypeNames>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                switch (Classify(root, diagnostic))
                {
                    case SimpleNameSyntax name:
                        if (!rewritten.Any(r => r.Span.Contains(name.Span)))
                        {
                            editor.ReplaceNode(name, SyntaxFactory.IdentifierName(RemainingName(name.Identifier.ValueText)).WithTriviaFrom(name));
                            rewritten.Add(name);
                        }

                        break;

                    case InvocationExpressionSyntax call:
                        var plan = LoopPlan.TryCreate(call, semanticModel, cancellationToken);
                        if (plan is null
                            || rewritten.Any(r => r.Span.IntersectsWith(plan.Statement.Span) || plan.ItemReads.Any(read => r.Span.IntersectsWith(read.Span))))
                        {
                            continue;
                        }

                        var block = (BlockSyntax)plan.Statement.Parent!;
                        // The whole block: a local the fix adds must not clash with one declared in a nested scope either (CS0136).
                        var names = UniqueNames.TakenNames(semanticModel, plan.Statement, new SyntaxNode[] { block });
                        if (reserved.TryGetValue(block, out var earlier))
                        {
                            names.UnionWith(earlier);
                        }
                        else
                        {
                            earlier = new HashSet<string>(System.StringComparer.Ordinal);
                            reserved.Add(block, earlier);
                        }

                        var types = new TypeNames(semanticModel, plan.Statement.SpanStart);
                        Apply(editor, plan, names, earlier, types, endOfLine);
                        typeNames.Add(types);
                        rewritten.Add(plan.Statement);
                        rewritten.AddRange(plan.ItemReads);
                        break;
                }
            }

            var changed = editor.GetChangedDocument();
            if (typeNames.Any(t => t.HasMissingNamespaces) && await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax unit)
            {
                foreach (var types in typeNames)
                {
                    unit = types.AddMissingUsings(unit, SyntaxFactory.EndOfLine(endOfLine));
                }

                changed = changed.WithSyntaxRoot(unit);
            }

            return changed;
        }

        private static void Apply(DocumentEditor editor, LoopPlan plan, HashSet<string> names, HashSet<string> reserved, TypeNames types, string endOfLine)
        {
            string Reserve(string name)
            {
                var unique = UniqueNames.Choose(name, names, reserve: true);
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
                var newRequest = plan.NewRequest switch
                {
                    ImplicitObjectCreationExpressionSyntax implicitCreation => SyntaxFactory.ObjectCreationExpression(
                        types.For(plan.RequestType), implicitCreation.ArgumentList, implicitCreation.Initializer),
                    var creation => creation!,
                };
                statements.Add(SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(requestName).WithInitializer(
                        SyntaxFactory.EqualsValueClause(newRequest.WithoutLeadingTrivia()))))));
                call = plan.ReplaceRequestArgument(SyntaxFactory.IdentifierName(requestName));
            }

            var itemsName = plan.ItemsLocal ?? Reserve("items");
            var responseName = plan.ResponseLocal ?? Reserve("response");
            var itemsType = types.For(plan.ItemsType).ToString();
            var responseType = types.For(plan.ResponseType).ToString();
            var callText = call.WithoutTrivia().ToFullString();
            var awaitPrefix = plan.IsAsync ? "await " : string.Empty;
            var configureAwait = plan.ConfigureAwait is { } configure ? $".ConfigureAwait({configure})" : string.Empty;
            var more = plan.Continuation == "NextToken"
                ? $"{responseName}.NextToken is not null"
                : $"{responseName}.{plan.Continuation} is {{ Count: > 0 }}";

            statements.Add(SyntaxFactory.ParseStatement($"var {itemsName} = new {itemsType}();"));
            statements.Add(SyntaxFactory.ParseStatement($"{responseType} {responseName};"));
            statements.Add(SyntaxFactory.ParseStatement(new StringBuilder()
                .Append("do").Append(endOfLine)
                .Append('{').Append(endOfLine)
                .Append($"{responseName} = {awaitPrefix}{callText}{configureAwait};").Append(endOfLine)
                .Append($"{itemsName}.AddRange({responseName}.Items ?? new());").Append(endOfLine)
                .Append($"{requestName}.{plan.Resume} = {responseName}.{plan.Continuation};").Append(endOfLine)
                .Append('}').Append(endOfLine)
                .Append($"while ({more});")
                .ToString()));

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
            foreach (var read in plan.ItemReads)
            {
                editor.ReplaceNode(read, SyntaxFactory.IdentifierName(itemsName).WithTriviaFrom(read));
            }
        }

        /// <summary>What the paging-loop fix rewrites.</summary>
        private sealed class LoopPlan
        {
            private LoopPlan(StatementSyntax statement, InvocationExpressionSyntax call, ArgumentSyntax requestArgument, ITypeSymbol requestType, bool isAsync, string? configureAwait,
                string? requestLocal, ExpressionSyntax? newRequest, string? responseLocal, string? itemsLocal, ImmutableArray<MemberAccessExpressionSyntax> itemReads,
                ITypeSymbol responseType, ITypeSymbol itemsType, string continuation, string resume)
            {
                Statement = statement;
                Call = call;
                RequestArgument = requestArgument;
                RequestType = requestType;
                IsAsync = isAsync;
                ConfigureAwait = configureAwait;
                RequestLocal = requestLocal;
                NewRequest = newRequest;
                ResponseLocal = responseLocal;
                ItemsLocal = itemsLocal;
                ItemReads = itemReads;
                ResponseType = responseType;
                ItemsType = itemsType;
                Continuation = continuation;
                Resume = resume;
            }

            public StatementSyntax Statement { get; }

            public InvocationExpressionSyntax Call { get; }

            public ArgumentSyntax RequestArgument { get; }

            /// <summary>QueryRequest, ScanRequest or ExecuteStatementRequest.</summary>
            public ITypeSymbol RequestType { get; }

            public bool IsAsync { get; }

            /// <summary>The argument of the call's ConfigureAwait(…), or null.</summary>
            public string? ConfigureAwait { get; }

            /// <summary>The local that holds the request, or null when the fix declares one for <see cref="NewRequest"/>.</summary>
            public string? RequestLocal { get; }

            public ExpressionSyntax? NewRequest { get; }

            /// <summary><c>var response = call;</c>: the response local, kept; null for the Items shape.</summary>
            public string? ResponseLocal { get; }

            /// <summary><c>var items = (call).Items;</c>: the items local, which becomes the list; null for the response shape.</summary>
            public string? ItemsLocal { get; }

            /// <summary>The <c>response.Items</c> reads that become reads of the list.</summary>
            public ImmutableArray<MemberAccessExpressionSyntax> ItemReads { get; }

            public ITypeSymbol ResponseType { get; }

            public ITypeSymbol ItemsType { get; }

            /// <summary>LastEvaluatedKey or NextToken.</summary>
            public string Continuation { get; }

            /// <summary>ExclusiveStartKey or NextToken.</summary>
            public string Resume { get; }

            public InvocationExpressionSyntax ReplaceRequestArgument(ExpressionSyntax request)
                => Call.ReplaceNode(RequestArgument, RequestArgument.WithExpression(request.WithTriviaFrom(RequestArgument.Expression)));

            public static LoopPlan? TryCreate(InvocationExpressionSyntax call, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                if (call.SyntaxTree.Options is not CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp9 }
                    || semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method
                    || call.FirstAncestorOrSelf<StatementSyntax>() is not LocalDeclarationStatementSyntax { Parent: BlockSyntax, Declaration.Variables: { Count: 1 } variables } statement
                    || variables[0].Initializer is not { } initializer
                    || FixSyntax.CrossesFunction(call, statement))
                {
                    return null;
                }

                string continuation, resume;
                if (method.Name is "Query" or "QueryAsync" or "Scan" or "ScanAsync")
                {
                    continuation = "LastEvaluatedKey";
                    resume = "ExclusiveStartKey";
                }
                else if (method.Name is "ExecuteStatement" or "ExecuteStatementAsync")
                {
                    continuation = "NextToken";
                    resume = "NextToken";
                }
                else
                {
                    return null;
                }

                // The value: [await] call[.ConfigureAwait(x)], or ([await] call[.ConfigureAwait(x)]).Items / call.Items.
                var value = initializer.Value;
                string? responseLocal = null;
                string? itemsLocal = null;
                if (value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Items" } itemsAccess)
                {
                    if (statement.Declaration.Type is not IdentifierNameSyntax { IsVar: true })
                    {
                        return null;
                    }

                    itemsLocal = variables[0].Identifier.ValueText;
                    value = itemsAccess.Expression is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : itemsAccess.Expression;
                }
                else
                {
                    responseLocal = variables[0].Identifier.ValueText;
                }

                var isAsync = value is AwaitExpressionSyntax;
                var awaited = value is AwaitExpressionSyntax awaitExpression ? awaitExpression.Expression : value;
                string? configureAwait = null;
                if (awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured }, ArgumentList.Arguments: { Count: 1 } configureArguments })
                {
                    awaited = configured;
                    configureAwait = configureArguments[0].Expression.ToString();
                }

                if (awaited != call || isAsync != method.Name.EndsWith("Async", System.StringComparison.Ordinal))
                {
                    return null;
                }

                // Arguments: the request and an optional token, nothing else (the convenience overloads are not rewritten).
                ArgumentSyntax? requestArgument = null;
                ITypeSymbol? requestParameterType = null;
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
                        requestArgument = argument;
                        requestParameterType = parameter.Type;
                    }
                    else if (parameter.Type.Name != "CancellationToken")
                    {
                        return null;
                    }
                }

                if (requestArgument is null || requestParameterType is null)
                {
                    return null;
                }

                string? requestLocal = null;
                ExpressionSyntax? newRequest = null;
                switch (requestArgument.Expression)
                {
                    case ObjectCreationExpressionSyntax creation:
                        newRequest = creation;
                        break;
                    case ImplicitObjectCreationExpressionSyntax implicitCreation:
                        // new() { … }: the fix names the type (through TypeNames, which adds a missing using).
                        newRequest = implicitCreation;
                        break;
                    case IdentifierNameSyntax identifier when semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol:
                        requestLocal = identifier.Identifier.ValueText;
                        break;
                    default:
                        // A request from outside the method: paging would change the caller's object.
                        return null;
                }

                var responseType = method.ReturnType is INamedTypeSymbol { Name: "Task", TypeArguments.Length: 1 } task ? task.TypeArguments[0] : method.ReturnType;
                if (responseType.GetMembers("Items").FirstOrDefault() is not IPropertySymbol { Type: var itemsType })
                {
                    return null;
                }

                var itemReads = ImmutableArray<MemberAccessExpressionSyntax>.Empty;
                if (responseLocal is not null)
                {
                    if (semanticModel.GetDeclaredSymbol(variables[0], cancellationToken) is not ILocalSymbol local
                        || FindItemReads(statement, local, semanticModel, cancellationToken) is not { } reads)
                    {
                        return null;
                    }

                    itemReads = reads;
                }

                return new LoopPlan(statement, call, requestArgument, requestParameterType, isAsync, configureAwait, requestLocal, newRequest, responseLocal, itemsLocal,
                    itemReads, responseType, itemsType, continuation, resume);
            }

            /// <summary>
            /// Every <c>response.Items</c> read in the enclosing body, or null when the response local is assigned again or
            /// its Items are assigned (the list would no longer stand for them).
            /// </summary>
            private static ImmutableArray<MemberAccessExpressionSyntax>? FindItemReads(StatementSyntax statement, ILocalSymbol local, SemanticModel semanticModel, CancellationToken cancellationToken)
            {
                var body = statement.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax) ?? statement.Parent!;
                var reads = ImmutableArray.CreateBuilder<MemberAccessExpressionSyntax>();
                foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText != local.Name
                        || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                    {
                        continue;
                    }

                    if (identifier.Parent is AssignmentExpressionSyntax assignment && assignment.Left == identifier)
                    {
                        return null;
                    }

                    if (identifier.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Items" } member && member.Expression == identifier)
                    {
                        if (member.Parent is AssignmentExpressionSyntax itemsAssignment && itemsAssignment.Left == member)
                        {
                            return null;
                        }

                        reads.Add(member);
                    }
                }

                return reads.ToImmutable();
            }
        }
    }
}
