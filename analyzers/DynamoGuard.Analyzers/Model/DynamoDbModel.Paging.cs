using System.Text.RegularExpressions;
using DynamoGuard.Model.Expressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Reads that return one page (at most 1 MB) and the rest behind a continuation: the low-level Query / Scan /
    /// ExecuteStatement (LastEvaluatedKey, NextToken), the document model's <c>ISearch</c> (<c>table.Query(...)</c>,
    /// <c>table.Scan(...)</c>) and the object persistence model's <c>IAsyncSearch&lt;T&gt;</c> (<c>context.QueryAsync&lt;T&gt;</c>,
    /// <c>ScanAsync&lt;T&gt;</c>, <c>FromQueryAsync&lt;T&gt;</c>, <c>FromScanAsync&lt;T&gt;</c>), whose <c>GetNextSet(Async)</c>
    /// returns one page and <c>GetRemaining(Async)</c> all of them.
    /// </summary>
    /// <remarks>
    /// SDK v4 (4.0.103.2): <c>Table.Query</c>/<c>Scan</c> return <c>ISearch</c> and the context methods <c>IAsyncSearch&lt;T&gt;</c>;
    /// SDK v3 returns the classes <c>Search</c> and <c>AsyncSearch&lt;T&gt;</c>. All four are matched. The synchronous
    /// <c>GetNextSet()</c> / <c>GetRemaining()</c> of a search are public in the net472 build only. The paginators
    /// (<c>client.Paginators.Query(request).Responses</c>) page by themselves and are not page reads.
    /// </remarks>
    internal sealed partial class DynamoDbModel
    {
        private const string DataModelNamespaceForSearch = "Amazon.DynamoDBv2.DataModel.";

        public INamedTypeSymbol? Search { get; private set; }
        public INamedTypeSymbol? SearchInterface { get; private set; }
        public INamedTypeSymbol? AsyncSearch { get; private set; }
        public INamedTypeSymbol? AsyncSearchInterface { get; private set; }

        /// <summary>Amazon.DynamoDBv2.DocumentModel.QueryOperator, the operator of <c>context.QueryAsync&lt;T&gt;(hashKey, op, values)</c>.</summary>
        public INamedTypeSymbol? QueryOperator { get; private set; }

        partial void InitializePaging(Compilation compilation)
        {
            Search = GetSdkType(compilation, DocumentModelNamespace + "Search");
            SearchInterface = GetSdkType(compilation, DocumentModelNamespace + "ISearch");
            AsyncSearch = GetSdkType(compilation, DataModelNamespaceForSearch + "AsyncSearch`1");
            AsyncSearchInterface = GetSdkType(compilation, DataModelNamespaceForSearch + "IAsyncSearch`1");
            QueryOperator = GetSdkType(compilation, DocumentModelNamespace + "QueryOperator");
        }

        /// <summary>
        /// What kind of paged read <paramref name="method"/> is: a low-level Query / Scan / ExecuteStatement (each
        /// <c>X</c> or <c>XAsync</c>, request object or convenience overload), a page of a search
        /// (<c>GetNextSet(Async)</c>), or <see cref="PagedRead.None"/>. Runs for every invocation and does not allocate.
        /// </summary>
        public PagedRead GetPagedRead(IMethodSymbol method)
        {
            if (SdkNames.IsSyncOrAsync(method.Name, "GetNextSet"))
            {
                return IsSearchType(method.ContainingType) ? PagedRead.SearchPage : PagedRead.None;
            }

            return GetClientOperation(method) switch
            {
                DynamoOperation.Query => PagedRead.Query,
                DynamoOperation.Scan => PagedRead.Scan,
                DynamoOperation.ExecuteStatement => PagedRead.ExecuteStatement,
                _ => PagedRead.None,
            };
        }

        /// <summary>True for ISearch / Search / IAsyncSearch&lt;T&gt; / AsyncSearch&lt;T&gt;.</summary>
        public bool IsSearchType(ITypeSymbol? type)
        {
            var definition = type?.OriginalDefinition;
            return definition is not null
                && (SymbolEqualityComparer.Default.Equals(definition, SearchInterface)
                    || SymbolEqualityComparer.Default.Equals(definition, Search)
                    || SymbolEqualityComparer.Default.Equals(definition, AsyncSearchInterface)
                    || SymbolEqualityComparer.Default.Equals(definition, AsyncSearch));
        }

        /// <summary>
        /// True for a call that starts a search: <c>Query</c> / <c>Scan</c> of a document-model Table / ITable, and
        /// <c>QueryAsync</c> / <c>ScanAsync</c> / <c>FromQueryAsync</c> / <c>FromScanAsync</c> (and their v3 sync twins
        /// that return a search) of IDynamoDBContext / DynamoDBContext. The context's synchronous <c>Query&lt;T&gt;</c> /
        /// <c>Scan&lt;T&gt;</c>, which return a lazily paging IEnumerable, are not.
        /// </summary>
        public bool IsSearchFactory(IMethodSymbol method)
        {
            if (!IsSearchType(method.ReturnType))
            {
                return false;
            }

            var type = method.ContainingType?.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(type, Table) || SymbolEqualityComparer.Default.Equals(type, TableInterface))
            {
                return method.Name is "Query" or "Scan";
            }

            return (SymbolEqualityComparer.Default.Equals(type, DynamoDBContextInterface) || SymbolEqualityComparer.Default.Equals(type, DynamoDBContext))
                && method.Name is "QueryAsync" or "ScanAsync" or "FromQueryAsync" or "FromScanAsync";
        }

        /// <summary>The response property that holds the continuation of a low-level page read: LastEvaluatedKey, or NextToken for ExecuteStatement.</summary>
        public static string GetContinuationProperty(PagedRead read) => read == PagedRead.ExecuteStatement ? "NextToken" : "LastEvaluatedKey";

        /// <summary>The request property that continues a low-level page read: ExclusiveStartKey, or NextToken for ExecuteStatement.</summary>
        public static string GetResumeProperty(PagedRead read) => read == PagedRead.ExecuteStatement ? "NextToken" : "ExclusiveStartKey";

        /// <summary>
        /// True when a low-level Query / Scan / ExecuteStatement request built in the method asks for what one page
        /// holds, so reading one page is the intent:
        /// <list type="bullet">
        /// <item><c>Limit = 1</c> (a page holds at most one item);</item>
        /// <item>for Query and Scan, <c>Limit = n</c> without a filter, <c>n</c> a constant or a value the caller chooses
        /// (<c>Limit = take</c>): a "first n items" read (with a filter, Limit counts the items before filtering, so the
        /// page may hold fewer matches than exist, and the read is reported);</item>
        /// <item>a Query of the table (not an index, whose keys are not unique) whose key condition pins one item: a
        /// KeyConditionExpression of two equality terms joined by AND (<c>pk = :p AND sk = :s</c>), or KeyConditions with
        /// two EQ entries;</item>
        /// <item>a PartiQL statement that is not a SELECT, or a SELECT whose WHERE clause is only equality terms joined by
        /// AND (it may name the whole primary key, which the analyzer cannot know), or whose text is not known.</item>
        /// </list>
        /// </summary>
        public bool ReadsOnePageByDesign(PagedRead read, ObjectBuildUp request)
        {
            if (request.GetLastAssignedValue("Limit") is { } limit
                && (IsLimitOfOne(limit)
                    || (read != PagedRead.ExecuteStatement && IsPositiveOrUnknown(limit) && !HasFilter(read, request))))
            {
                return true;
            }

            switch (read)
            {
                case PagedRead.Query:
                    return request.GetLastAssignedValue("IndexName") is null && PinsOneItem(request);
                case PagedRead.ExecuteStatement:
                    return request.GetLastAssignedValue("Statement") is not { } statement
                        || !ValueResolver.TryGetString(statement, out var text)
                        || !PartiQlStatement.MayReturnManyItems(text);
                default:
                    return false;
            }
        }

        /// <summary>True when a low-level Query / Scan request built in the method filters its items (FilterExpression, QueryFilter, ScanFilter).</summary>
        public static bool HasFilter(PagedRead read, ObjectBuildUp request)
            => request.GetLastAssignedValue("FilterExpression") is not null
                || request.GetLastAssignedValue(read == PagedRead.Query ? "QueryFilter" : "ScanFilter") is not null;

        /// <summary>
        /// True when the search <paramref name="factory"/> starts asks for what its first page holds, or for one page on
        /// purpose: <c>context.QueryAsync&lt;T&gt;(hashKey, QueryOperator.Equal, new object[] { rangeKey })</c> (both
        /// keys by equality); a QueryOperationConfig / ScanOperationConfig built in the method with a <c>Limit</c> (a
        /// constant, or a value the caller chooses: <c>Limit = take</c>) and no filter (a "first n items" read: the page
        /// size is the limit); or one that resumes from a <c>PaginationToken</c> (a page the caller asked for).
        /// </summary>
        public bool SearchReadsOnePageByDesign(IInvocationOperation factory)
        {
            if (IsPinnedContextQuery(factory))
            {
                return true;
            }

            foreach (var argument in factory.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Parameter?.Type.Name is "QueryOperationConfig" or "ScanOperationConfig"
                    && ObjectBuildUp.TryCreate(argument.Value) is { IsComplete: true } config)
                {
                    if (config.GetLastAssignedValue("PaginationToken") is { } token && !token.IsConstantNull())
                    {
                        return true;
                    }

                    if (config.GetLastAssignedValue("Limit") is { } limit
                        && (IsLimitOfOne(limit) || (IsPositiveOrUnknown(limit) && !HasSearchFilter(config))))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True when the search <paramref name="factory"/> starts has no filter, so its first page holds the result's
        /// first item whenever there is one: <c>context.QueryAsync&lt;T&gt;(hashKey[, op, values])</c> with no
        /// configuration or one built in the method without a QueryFilter, or <c>FromQueryAsync</c> /
        /// <c>FromScanAsync</c> of a config built in the method without Filter or FilterExpression. Anything else (a
        /// <c>ScanAsync</c> with conditions, the document model's <c>table.Query/Scan</c>, a config from elsewhere) may
        /// filter.
        /// </summary>
        public bool SearchHasNoFilter(IInvocationOperation factory)
        {
            var name = factory.TargetMethod.Name;
            if (name is not ("QueryAsync" or "FromQueryAsync" or "FromScanAsync") || !IsContextMethod(factory.TargetMethod, name))
            {
                return false;
            }

            var configured = false;
            foreach (var argument in factory.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } parameter
                    || !parameter.Type.Name.EndsWith("Config", System.StringComparison.Ordinal))
                {
                    continue;
                }

                configured = true;
                if (argument.Value.IsConstantNull())
                {
                    continue;
                }

                if (ObjectBuildUp.TryCreate(argument.Value) is not { IsComplete: true } config
                    || (parameter.Type.Name is "QueryOperationConfig" or "ScanOperationConfig" ? HasSearchFilter(config) : config.GetLastAssignedValue("QueryFilter") is not null))
                {
                    return false;
                }
            }

            // FromQueryAsync / FromScanAsync take their whole request in the config.
            return configured || name == "QueryAsync";
        }

        private static bool HasSearchFilter(ObjectBuildUp config)
            => config.GetLastAssignedValue("Filter") is not null || config.GetLastAssignedValue("FilterExpression") is not null;

        private static bool IsLimitOfOne(IOperation limit) => ValueResolver.TryGetInt64(limit, out var value) && value == 1;

        /// <summary>A constant above zero, or a value only known at run time (the caller's page size).</summary>
        private static bool IsPositiveOrUnknown(IOperation limit)
            => ValueResolver.TryGetInt64(limit, out var value) ? value > 0 : !limit.WalkDownConversions().ConstantValue.HasValue;

        private static bool PinsOneItem(ObjectBuildUp request)
        {
            if (request.GetLastAssignedValue("KeyConditionExpression") is { } expression)
            {
                if (!ValueResolver.TryGetString(expression, out var text))
                {
                    return false;
                }

                var parsed = ExpressionParser.ParseKeyCondition(text);
                return parsed.Errors.IsEmpty
                    && parsed.Root is LogicalExpression { Operator: LogicalOperator.And, Operands.Length: 2 } and
                    && and.Operands[0] is Comparison { Operator: ComparisonOperator.Equal }
                    && and.Operands[1] is Comparison { Operator: ComparisonOperator.Equal };
            }

            if (request.GetLastAssignedValue("KeyConditions") is { } conditions
                && ObjectBuildUp.TryCreate(conditions) is { IsComplete: true } dictionary
                && dictionary.Entries.Count == 2)
            {
                foreach (var entry in dictionary.Entries)
                {
                    if (ObjectBuildUp.TryCreate(entry.Value)?.GetLastAssignedValue("ComparisonOperator") is not { } op || !IsEqualOperator(op))
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }

        private static bool IsEqualOperator(IOperation value)
        {
            value = value.WalkDownConversions();
            return value is IFieldReferenceOperation { Field.Name: "EQ" }
                || (ValueResolver.TryGetString(value, out var text) && text == "EQ");
        }

        /// <summary>
        /// True for <c>context.QueryAsync&lt;T&gt;(hashKey, QueryOperator.Equal, new[] { rangeKey })</c>: both keys of the
        /// table by equality, so at most one item. (An index query goes through a config whose IndexName is not inspected.)
        /// </summary>
        private bool IsPinnedContextQuery(IInvocationOperation factory)
        {
            if (factory.TargetMethod.Name != "QueryAsync" || QueryOperator is null)
            {
                return false;
            }

            IOperation? op = null;
            IOperation? values = null;
            IOperation? config = null;
            foreach (var argument in factory.Arguments)
            {
                if (argument.Parameter is not { } parameter)
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(parameter.Type, QueryOperator))
                {
                    op = argument.Value;
                }
                else if (parameter.Name == "values")
                {
                    values = argument.Value;
                }
                else if (parameter.Ordinal > 0 && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    config = argument.Value;
                }
            }

            return op?.WalkDownConversions() is IFieldReferenceOperation { Field.Name: "Equal" }
                && config is null
                && values is not null
                && IsSingleElementCreation(values);
        }

        /// <summary>True for <c>new[] { x }</c>, <c>new T[] { x }</c> or <c>new List&lt;T&gt; { x }</c>.</summary>
        private static bool IsSingleElementCreation(IOperation value)
        {
            switch (value.WalkDownConversions())
            {
                case IArrayCreationOperation { Initializer.ElementValues.Length: 1 }:
                    return true;
                case IObjectCreationOperation { Arguments.Length: 0, Initializer: { Initializers.Length: 1 } initializer }:
                    return initializer.Initializers[0] is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 };
                default:
                    return false;
            }
        }
    }

    /// <summary>What the analyzer can tell from the text of a PartiQL statement.</summary>
    internal static class PartiQlStatement
    {
        private static readonly Regex Where = new Regex(@"\sWHERE\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex And = new Regex(@"\s+AND\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex EqualityTerm = new Regex(
            @"^\s*(""[^""]+""|[A-Za-z_][\w.]*)\s*=\s*(\?|'[^']*'|-?[0-9]+(\.[0-9]+)?)\s*;?\s*$",
            RegexOptions.CultureInvariant);

        /// <summary>
        /// True for a SELECT that may return more than one item: one without a WHERE clause, or with a WHERE clause
        /// that is not just equality terms joined by AND (such a clause may name the whole primary key). False for
        /// INSERT / UPDATE / DELETE and for anything that does not start with SELECT.
        /// </summary>
        public static bool MayReturnManyItems(string statement)
        {
            var text = statement.TrimStart();
            if (!text.StartsWith("SELECT", System.StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var where = Where.Match(text);
            if (!where.Success)
            {
                return true;
            }

            foreach (var term in And.Split(text.Substring(where.Index + where.Length)))
            {
                if (!EqualityTerm.IsMatch(term))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The kinds of paged read <see cref="DynamoDbModel.GetPagedRead"/> tells apart.</summary>
    internal enum PagedRead
    {
        None,
        Query,
        Scan,
        ExecuteStatement,

        /// <summary><c>GetNextSet(Async)</c> of a document-model or object-persistence-model search.</summary>
        SearchPage,
    }
}
