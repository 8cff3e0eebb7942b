using System.Collections.Immutable;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB305: one page of a Query, Scan or PartiQL SELECT read as the whole result.
    /// <list type="bullet">
    /// <item>A low-level Query / Scan / ExecuteStatement (sync or async) whose response's Items are read while its
    /// LastEvaluatedKey (NextToken for ExecuteStatement) never is, and whose request is not resumed
    /// (ExclusiveStartKey / NextToken set).</item>
    /// <item><c>GetNextSet(Async)</c> of a search that the method starts itself (<c>table.Query/Scan</c>,
    /// <c>context.QueryAsync/ScanAsync/FromQueryAsync/FromScanAsync</c>), called once, outside a loop, with its result
    /// used and the search's IsDone never read.</item>
    /// </list>
    /// Silent whenever the page may be deliberate or the analyzer cannot see everything: the response or search is
    /// returned, passed on or stored; its continuation (LastEvaluatedKey, NextToken, PaginationToken, NextKey) is read
    /// anywhere in the method; the request comes from elsewhere (for Query and ExecuteStatement, whose key condition
    /// decides) or is handed to other code; the read asks for what one page holds (Limit = 1, a Limit without a
    /// filter, a Query that pins one item by both keys, a PartiQL lookup by equalities,
    /// <c>QueryAsync&lt;T&gt;(hash, QueryOperator.Equal, [range])</c>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnpagedQueryAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>Diagnostic property: <see cref="SearchKind"/> or <see cref="ResponseKind"/>, what the fixer rewrites.</summary>
        public const string KindProperty = "Kind";

        /// <summary>The diagnostic is on GetNextSet(Async) of a search.</summary>
        public const string SearchKind = "Search";

        /// <summary>The diagnostic is on a low-level Query / Scan / ExecuteStatement call.</summary>
        public const string ResponseKind = "Response";

        private static readonly ImmutableDictionary<string, string?> SearchProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, SearchKind);
        private static readonly ImmutableDictionary<string, string?> ResponseProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, ResponseKind);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.UnpagedResponse,
            DiagnosticDescriptors.UnpagedSearch);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            start.RegisterOperationAction(c => AnalyzeInvocation(c, model), OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, DynamoDbModel model)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var read = model.GetPagedRead(invocation.TargetMethod);
            switch (read)
            {
                case PagedRead.None:
                    return;
                case PagedRead.SearchPage:
                    if (IsUnpagedSearch(invocation, model, out var factory))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.UnpagedSearch,
                            BatchSizeLimitAnalyzer.GetNameLocation(invocation),
                            new[] { invocation.Syntax.GetLocation() },
                            SearchProperties,
                            invocation.TargetMethod.Name,
                            factory!.TargetMethod.Name));
                    }

                    return;
                default:
                    if (IsUnpagedResponse(invocation, read, model))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.UnpagedResponse,
                            BatchSizeLimitAnalyzer.GetNameLocation(invocation),
                            new[] { invocation.Syntax.GetLocation() },
                            ResponseProperties,
                            invocation.TargetMethod.Name,
                            DynamoDbModel.GetContinuationProperty(read)));
                    }

                    return;
            }
        }

        // ---- low-level Query / Scan / ExecuteStatement ----

        private static bool IsUnpagedResponse(IInvocationOperation invocation, PagedRead read, DynamoDbModel model)
        {
            var unfiltered = false;
            if (DynamoDbModel.GetRequestArgument(invocation) is { } request)
            {
                var build = ObjectBuildUp.TryCreate(request);
                if (build is null)
                {
                    // A request from elsewhere: a Query's key condition or a statement may pin one item; a Scan reads the table.
                    if (read != PagedRead.Scan)
                    {
                        return false;
                    }
                }
                else if (!build.IsComplete
                    || build.GetLastAssignedValue(DynamoDbModel.GetResumeProperty(read)) is not null
                    || model.ReadsOnePageByDesign(read, build))
                {
                    // Handed to other code, resumed from a continuation (a paging loop, or a page the caller asked for), or one page by construction.
                    return false;
                }
                else
                {
                    unfiltered = read != PagedRead.ExecuteStatement && !DynamoDbModel.HasFilter(read, build);
                }
            }

            var continuation = DynamoDbModel.GetContinuationProperty(read);
            var response = invocation.FollowToResult();
            switch (response.Parent)
            {
                case IPropertyReferenceOperation member when member.Instance == response:
                    // (await client.QueryAsync(request)).Items
                    return member.Property.Name == "Items" && !(unfiltered && TakesFirstItemOnly(member));
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsLocalReadForItemsOnly(declarator.Symbol, response.GetRoot(), continuation, unfiltered);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == response:
                    return IsLocalReadForItemsOnly(target.Local, response.GetRoot(), continuation, unfiltered);
                default:
                    // Discarded (nothing read), returned, passed on, stored elsewhere: nothing to say.
                    return false;
            }
        }

        /// <summary>
        /// True when the method reads the local's Items, never reads its continuation, and never hands the local to other
        /// code (returns it, passes it, stores it, captures it in a pattern other than a property read). When the read has
        /// no filter (<paramref name="unfiltered"/>), Items taken only for their first element do not count: see
        /// <see cref="TakesFirstItemOnly"/>.
        /// </summary>
        private static bool IsLocalReadForItemsOnly(ILocalSymbol local, IOperation root, string continuation, bool unfiltered)
        {
            var itemsRead = false;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                        switch (reference.Parent)
                        {
                            case IPropertyReferenceOperation member when member.Instance == reference:
                                if (member.Property.Name == continuation)
                                {
                                    return false;
                                }

                                itemsRead |= member.Property.Name == "Items" && !(unfiltered && TakesFirstItemOnly(member));
                                break;
                            case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                                break;
                            default:
                                return false;
                        }

                        break;

                    case IPropertyReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput } } subpattern
                        when subpattern.Property.Name == continuation:
                        // response is { LastEvaluatedKey.Count: > 0 }: some pattern reads a continuation; do not chase which value it tests.
                        return false;
                }
            }

            return itemsRead;
        }

        /// <summary>
        /// True when <paramref name="items"/> is only asked for its first element, without a predicate
        /// (<c>Items.FirstOrDefault()</c>, <c>Items.First()</c>, <c>Items.Any()</c>). Without a filter a page holds at least
        /// one item whenever any item matches, so the first page's first item is the result's first item: reading one
        /// page is the intent. With a filter the first page can be empty while later pages match, so it still counts.
        /// </summary>
        private static bool TakesFirstItemOnly(IOperation items)
        {
            var parent = items.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation { Arguments.Length: 1 } call }
                && call.TargetMethod is { IsExtensionMethod: true, Name: "First" or "FirstOrDefault" or "Any" } method
                && method.ContainingType is { Name: "Enumerable", ContainingNamespace.Name: "Linq" };
        }

        // ---- document model ISearch / object persistence model IAsyncSearch<T> ----

        private static bool IsUnpagedSearch(IInvocationOperation invocation, DynamoDbModel model, out IInvocationOperation? factory)
        {
            factory = null;
            var result = invocation.FollowToResult();
            if (result.Parent is IExpressionStatementOperation or ISimpleAssignmentOperation { Target: IDiscardOperation })
            {
                // The page is not used.
                return false;
            }

            var instance = invocation.Instance?.WalkDownConversions();
            switch (instance)
            {
                case IInvocationOperation direct when model.IsSearchFactory(direct.TargetMethod):
                    // await table.Query(filter).GetNextSetAsync()
                    factory = direct;
                    return !model.SearchReadsOnePageByDesign(direct) && !TakesFirstOfUnfilteredPage(result, direct, model);

                case ILocalReferenceOperation reference:
                    var root = invocation.GetRoot();
                    if (ValueResolver.FindSingleInitializer(reference.Local, root)?.WalkDownConversions() is not IInvocationOperation origin
                        || !model.IsSearchFactory(origin.TargetMethod)
                        || model.SearchReadsOnePageByDesign(origin)
                        || IsInLoop(invocation)
                        || !IsSearchReadOnce(reference.Local, root, model)
                        || TakesFirstOfUnfilteredPage(result, origin, model))
                    {
                        return false;
                    }

                    factory = origin;
                    return true;

                default:
                    // A search from a parameter, field or call: the caller may be paging.
                    return false;
            }
        }

        /// <summary>
        /// True when the page <paramref name="page"/> (what GetNextSet(Async) returned) is only asked for its first
        /// element (<c>page.FirstOrDefault()</c>, directly or through a local assigned once) and the search has no
        /// filter: as for a low-level read (<see cref="TakesFirstItemOnly"/>), the first page then holds the first item.
        /// </summary>
        private static bool TakesFirstOfUnfilteredPage(IOperation page, IInvocationOperation factory, DynamoDbModel model)
        {
            bool FirstOnly()
            {
                if (TakesFirstItemOnly(page))
                {
                    return true;
                }

                if (page.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                    || ValueResolver.FindSingleInitializer(declarator.Symbol, page.GetRoot()) is null)
                {
                    return false;
                }

                var references = ValueResolver.FindReferences(declarator.Symbol, page.GetRoot());
                if (references.Count == 0)
                {
                    return false;
                }

                foreach (var reference in references)
                {
                    if (!TakesFirstItemOnly(reference))
                    {
                        return false;
                    }
                }

                return true;
            }

            return FirstOnly() && model.SearchHasNoFilter(factory);
        }

        /// <summary>
        /// True when the method calls GetNextSet(Async) on the search exactly once, never GetRemaining(Async), reads
        /// neither IsDone nor a continuation (PaginationToken, NextKey), and never hands the search to other code.
        /// </summary>
        private static bool IsSearchReadOnce(ILocalSymbol local, IOperation root, DynamoDbModel model)
        {
            var pages = 0;
            foreach (var operation in root.Descendants())
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                switch (reference.Parent)
                {
                    case IPropertyReferenceOperation member when member.Instance == reference:
                        if (member.Property.Name is "IsDone" or "PaginationToken" or "NextKey")
                        {
                            return false;
                        }

                        break;
                    case IInvocationOperation call when call.Instance == reference:
                        if (model.GetPagedRead(call.TargetMethod) == PagedRead.SearchPage)
                        {
                            pages++;
                        }
                        else if (SdkNames.IsSyncOrAsync(call.TargetMethod.Name, "GetRemaining") || !SdkNames.IsAwsSdkMember(call.TargetMethod))
                        {
                            return false;
                        }

                        break;
                    default:
                        return false;
                }
            }

            return pages == 1;
        }

        private static bool IsInLoop(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case ILoopOperation:
                        return true;
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                }
            }

            return false;
        }
    }
}
