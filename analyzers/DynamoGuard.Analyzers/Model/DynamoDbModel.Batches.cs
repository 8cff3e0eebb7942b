using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Batches and transactions: which calls send one, what their per-call limit is, and how many elements they send
    /// (through <see cref="CollectionSizeEvaluator"/>); the responses that report unprocessed items; and the object
    /// persistence / document model transaction builders, which (unlike their batch counterparts) are not split by the SDK.
    /// </summary>
    internal sealed partial class DynamoDbModel
    {
        private const string DataModelTransactionsNamespace = "Amazon.DynamoDBv2.DataModel.";

        private INamedTypeSymbol[] _transactionBuilders = System.Array.Empty<INamedTypeSymbol>();

        /// <summary>The multi-table transactions (SDK v4): one transaction made of the actions of several parts.</summary>
        private INamedTypeSymbol[] _multiTableTransactions = System.Array.Empty<INamedTypeSymbol>();

        public INamedTypeSymbol? BatchWriteItemResponse { get; private set; }
        public INamedTypeSymbol? BatchGetItemResponse { get; private set; }
        public INamedTypeSymbol? BatchExecuteStatementResponse { get; private set; }
        public INamedTypeSymbol? BatchStatementResponse { get; private set; }

        partial void InitializeBatches(Compilation compilation)
        {
            BatchWriteItemResponse = GetSdkType(compilation, ModelNamespace + "BatchWriteItemResponse");
            BatchGetItemResponse = GetSdkType(compilation, ModelNamespace + "BatchGetItemResponse");
            BatchExecuteStatementResponse = GetSdkType(compilation, ModelNamespace + "BatchExecuteStatementResponse");
            BatchStatementResponse = GetSdkType(compilation, ModelNamespace + "BatchStatementResponse");

            var builders = new List<INamedTypeSymbol>();
            foreach (var name in new[]
            {
                DataModelTransactionsNamespace + "ITransactWrite", DataModelTransactionsNamespace + "ITransactWrite`1",
                DataModelTransactionsNamespace + "TransactWrite", DataModelTransactionsNamespace + "TransactWrite`1",
                DataModelTransactionsNamespace + "ITransactGet", DataModelTransactionsNamespace + "ITransactGet`1",
                DataModelTransactionsNamespace + "TransactGet", DataModelTransactionsNamespace + "TransactGet`1",
                DocumentModelNamespace + "IDocumentTransactWrite", DocumentModelNamespace + "DocumentTransactWrite",
                DocumentModelNamespace + "IDocumentTransactGet", DocumentModelNamespace + "DocumentTransactGet",
            })
            {
                if (GetSdkType(compilation, name) is { } type)
                {
                    builders.Add(type);
                }
            }

            _transactionBuilders = builders.ToArray();

            var combinations = new List<INamedTypeSymbol>();
            foreach (var name in new[]
            {
                DataModelTransactionsNamespace + "IMultiTableTransactWrite", DataModelTransactionsNamespace + "MultiTableTransactWrite",
                DataModelTransactionsNamespace + "IMultiTableTransactGet", DataModelTransactionsNamespace + "MultiTableTransactGet",
                DocumentModelNamespace + "IMultiTableDocumentTransactWrite", DocumentModelNamespace + "MultiTableDocumentTransactWrite",
                DocumentModelNamespace + "IMultiTableDocumentTransactGet", DocumentModelNamespace + "MultiTableDocumentTransactGet",
            })
            {
                if (GetSdkType(compilation, name) is { } type)
                {
                    combinations.Add(type);
                }
            }

            _multiTableTransactions = combinations.ToArray();
        }

        /// <summary>
        /// Describes the batch or transaction that <paramref name="invocation"/> sends, or returns null when it sends
        /// none: a BatchWriteItem / BatchExecuteStatement / BatchGetItem / TransactWriteItems / TransactGetItems /
        /// ExecuteTransaction call of the low-level client, or <c>Execute(Async)</c> of an object persistence or document
        /// model transaction (<c>CreateTransactWrite&lt;T&gt;()</c>, <c>table.CreateTransactWrite()</c>, and the get forms),
        /// including a multi-table one and <c>context.ExecuteTransactWrite(Async)(parts)</c>, which send the sum of their
        /// parts' actions (<see cref="IsTransactionCombination"/>). The batch helpers of those models
        /// (<c>CreateBatchWrite</c>, <c>DocumentBatchWrite</c>…) split by themselves and are not batch calls here.
        /// </summary>
        /// <param name="binding">What the parameters of the call's method stand for (see <see cref="Flow.CallerBounds"/>), or null.</param>
        public BatchCall? GetBatchCall(IInvocationOperation invocation, Flow.ParameterBinding? binding = null)
        {
            var method = invocation.TargetMethod;
            switch (GetClientOperation(method))
            {
                case DynamoOperation.BatchWriteItem:
                    return GetLowLevelBatch(invocation, BatchLimit.BatchWriteItem, "RequestItems", isDictionary: true, binding);
                case DynamoOperation.BatchGetItem:
                    return GetLowLevelBatch(invocation, BatchLimit.BatchGetItem, "RequestItems", isDictionary: true, binding);
                case DynamoOperation.BatchExecuteStatement:
                    return GetLowLevelBatch(invocation, BatchLimit.BatchExecuteStatement, "Statements", isDictionary: false, binding);
                case DynamoOperation.TransactWriteItems:
                case DynamoOperation.TransactGetItems:
                    return GetLowLevelBatch(invocation, BatchLimit.Transaction, "TransactItems", isDictionary: false, binding);
                case DynamoOperation.ExecuteTransaction:
                    return GetLowLevelBatch(invocation, BatchLimit.Transaction, "TransactStatements", isDictionary: false, binding);
                case DynamoOperation.None when SdkNames.IsSyncOrAsync(method.Name, "Execute")
                    && (IsTransactionBuilder(method.ContainingType) || IsMultiTableTransaction(method.ContainingType)):
                    return GetModelTransaction(invocation, binding);
                case DynamoOperation.None when (SdkNames.IsSyncOrAsync(method.Name, "ExecuteTransactWrite") || SdkNames.IsSyncOrAsync(method.Name, "ExecuteTransactGet"))
                    && IsContextMethod(method, method.Name):
                    // context.ExecuteTransactWriteAsync(parts): new MultiTableTransactWrite(parts).ExecuteAsync() in the SDK.
                    return new BatchCall(invocation, BatchLimit.Transaction, new CollectionSizeEvaluator(this, invocation, binding).Evaluate(invocation, SizeMode.Elements), splitTarget: null);
                default:
                    return null;
            }
        }

        /// <summary>True for CreateTransactWrite / CreateTransactGet of a DynamoDBContext or a document-model Table: an empty transaction.</summary>
        public bool IsTransactionFactory(IMethodSymbol method)
        {
            if (method.Name is not ("CreateTransactWrite" or "CreateTransactGet"))
            {
                return false;
            }

            var type = method.ContainingType?.OriginalDefinition;
            return SymbolEqualityComparer.Default.Equals(type, DynamoDBContextInterface)
                || SymbolEqualityComparer.Default.Equals(type, DynamoDBContext)
                || SymbolEqualityComparer.Default.Equals(type, Table)
                || SymbolEqualityComparer.Default.Equals(type, TableInterface);
        }

        /// <summary>
        /// What a method of a transaction builder does to the number of actions: AddSaveItem / AddDocumentToPut… add one,
        /// AddSaveItems / AddKeys… add one per element of their argument, Execute sends, Combine makes the builder a part of
        /// a new multi-table transaction (its own actions do not change); on a multi-table transaction, AddTransactionPart
        /// adds the actions of its argument. Null for methods of other types.
        /// </summary>
        public CollectionChange? ClassifyBatchBuilderCall(IMethodSymbol method)
        {
            if (IsMultiTableTransaction(method.ContainingType))
            {
                return method.Name switch
                {
                    "AddTransactionPart" => CollectionChange.AddsPart,
                    "Execute" or "ExecuteAsync" or "GetHashCode" or "Equals" or "ToString" => CollectionChange.None,
                    _ => CollectionChange.Unknown,
                };
            }

            if (!IsTransactionBuilder(method.ContainingType))
            {
                return null;
            }

            switch (method.Name)
            {
                case "AddSaveItem" or "AddDeleteItem" or "AddDeleteKey" or "AddVersionCheckItem" or "AddVersionCheckKey" or "AddKey"
                    or "AddDocumentToPut" or "AddDocumentToUpdate" or "AddItemToDelete" or "AddKeyToDelete"
                    or "AddItemToConditionCheck" or "AddKeyToConditionCheck":
                    return CollectionChange.AddsOne;
                case "AddSaveItems" or "AddDeleteItems" or "AddVersionCheckItems" or "AddKeys":
                    return CollectionChange.AddsOnePerSource;
                case "Combine":
                    return CollectionChange.BecomesPart;
                case "Execute" or "ExecuteAsync" or "GetHashCode" or "Equals" or "ToString":
                    return CollectionChange.None;
                default:
                    return CollectionChange.Unknown;
            }
        }

        /// <summary>
        /// True when <paramref name="operation"/> makes one multi-table transaction of several parts: <c>part.Combine(other…)</c>
        /// (object persistence and document models), <c>context.CreateMultiTableTransactWrite(parts…)</c> /
        /// <c>CreateMultiTableTransactGet</c>, <c>new MultiTableTransactWrite(parts…)</c> and the other multi-table
        /// constructors, or <c>context.ExecuteTransactWrite(Async)(parts)</c> / <c>ExecuteTransactGet(Async)</c>. The SDK
        /// sends the actions of every part in one request, so the transaction holds their sum. <paramref name="parts"/> is
        /// every part, in order and as often as it is given, or null when they are not all written out at the call (an array
        /// built elsewhere).
        /// </summary>
        public bool IsTransactionCombination(IOperation operation, out List<IOperation>? parts)
        {
            parts = null;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    if (method.Name == "Combine" && invocation.Instance is { } first && IsTransactionBuilder(method.ContainingType))
                    {
                        parts = new List<IOperation> { first };
                    }
                    else if ((method.Name is "CreateMultiTableTransactWrite" or "CreateMultiTableTransactGet"
                            || SdkNames.IsSyncOrAsync(method.Name, "ExecuteTransactWrite") || SdkNames.IsSyncOrAsync(method.Name, "ExecuteTransactGet"))
                        && IsContextMethod(method, method.Name))
                    {
                        parts = new List<IOperation>();
                    }
                    else
                    {
                        return false;
                    }

                    if (!AddPartArguments(invocation.Arguments, parts))
                    {
                        parts = null;
                    }

                    return true;

                case IObjectCreationOperation creation when IsMultiTableTransaction(creation.Type as INamedTypeSymbol):
                    parts = new List<IOperation>();
                    if (creation.Initializer is not null || !AddPartArguments(creation.Arguments, parts))
                    {
                        parts = null;
                    }

                    return true;

                default:
                    return false;
            }
        }

        /// <summary>The transaction parts among <paramref name="arguments"/> (a part, or the elements of a parts array); false when an array's elements are not written out.</summary>
        private bool AddPartArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, List<IOperation> parts)
        {
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter?.Type is not { } type)
                {
                    continue;
                }

                if (type is IArrayTypeSymbol { ElementType: INamedTypeSymbol element } && IsTransactionBuilder(element))
                {
                    if (argument.Value.WalkDownConversions() is not IArrayCreationOperation { Initializer: { } initializer })
                    {
                        return false;
                    }

                    foreach (var part in initializer.ElementValues)
                    {
                        parts.Add(part);
                    }
                }
                else if (IsTransactionBuilder(type as INamedTypeSymbol))
                {
                    parts.Add(argument.Value);
                }
            }

            return true;
        }

        private bool IsMultiTableTransaction(INamedTypeSymbol? type)
        {
            var definition = type?.OriginalDefinition;
            if (definition is null)
            {
                return false;
            }

            foreach (var multiTable in _multiTableTransactions)
            {
                if (SymbolEqualityComparer.Default.Equals(definition, multiTable))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsTransactionBuilder(INamedTypeSymbol? type)
        {
            var definition = type?.OriginalDefinition;
            if (definition is null)
            {
                return false;
            }

            foreach (var builder in _transactionBuilders)
            {
                if (SymbolEqualityComparer.Default.Equals(definition, builder))
                {
                    return true;
                }
            }

            return false;
        }

        private BatchCall? GetLowLevelBatch(IInvocationOperation invocation, BatchLimit limit, string propertyName, bool isDictionary, Flow.ParameterBinding? binding)
        {
            IOperation? items;
            if (GetRequestArgument(invocation) is { } request)
            {
                var build = ObjectBuildUp.TryCreate(request);
                if (build is null || !build.IsComplete)
                {
                    return null;
                }

                // What the call sends: a retry loop may assign RequestItems = response.UnprocessedItems after it.
                items = build.GetLastAssignedValueBefore(propertyName, invocation.SourceStart());
            }
            else
            {
                // BatchWriteItemAsync(Dictionary<string, List<WriteRequest>> requestItems) / BatchGetItemAsync(requestItems[, …])
                items = GetArgumentByParameterName(invocation, "requestItems");
            }

            if (items is null)
            {
                return null;
            }

            var evaluator = new CollectionSizeEvaluator(this, invocation, binding);
            if (!isDictionary)
            {
                return new BatchCall(invocation, limit, evaluator.Evaluate(items, SizeMode.Elements), items);
            }

            var size = GetRequestItemsSize(items, evaluator, limit == BatchLimit.BatchGetItem, out var splitTarget);
            return new BatchCall(invocation, limit, size, splitTarget);
        }

        /// <summary>
        /// The number of elements across all tables of a RequestItems dictionary built in the method: the write requests
        /// of each List&lt;WriteRequest&gt;, or the Keys of each KeysAndAttributes. Unknown when the dictionary comes from
        /// elsewhere, is changed in ways not modelled, or gets its entries in a loop.
        /// </summary>
        private CollectionSize GetRequestItemsSize(IOperation items, CollectionSizeEvaluator evaluator, bool keys, out IOperation? splitTarget)
        {
            splitTarget = null;
            var dictionary = ObjectBuildUp.TryCreate(items);
            if (dictionary is null || !dictionary.IsComplete || HasCollectionArgument(dictionary.Creation))
            {
                return CollectionSize.Unknown;
            }

            var scope = dictionary.Local?.DeclaringSyntaxReferences.Length > 0
                ? dictionary.Local.DeclaringSyntaxReferences[0].GetSyntax()
                : dictionary.Creation.Syntax;
            var size = CollectionSize.Exact(0);
            var tables = 0;
            IOperation? onlyCollection = null;
            var entries = dictionary.Entries;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (IsOverwrittenLater(entries, i)
                    || (dictionary.Local is not null && !evaluator.CanRunBeforeAnchor(entry.Operation, scope)))
                {
                    continue;
                }

                var multiplicity = evaluator.Multiplicity(entry.Operation, scope);
                if (multiplicity.Max != 1)
                {
                    return CollectionSize.Unknown;
                }

                IOperation? elements = entry.Value;
                if (keys)
                {
                    var keysAndAttributes = ObjectBuildUp.TryCreate(entry.Value);
                    if (keysAndAttributes is null || !keysAndAttributes.IsComplete)
                    {
                        return CollectionSize.Unknown;
                    }

                    elements = keysAndAttributes.GetLastAssignedValue("Keys");
                }

                if (elements is null)
                {
                    continue;
                }

                tables++;
                onlyCollection = elements;
                size = size.Plus(evaluator.Evaluate(elements, SizeMode.Elements).Times(multiplicity));
            }

            splitTarget = tables == 1 ? onlyCollection : null;
            return size;
        }

        private static bool IsOverwrittenLater(IReadOnlyList<DictionaryEntry> entries, int index)
        {
            if (!ValueResolver.TryGetString(entries[index].Key, out var key))
            {
                return false;
            }

            for (var later = index + 1; later < entries.Count; later++)
            {
                if (ValueResolver.TryGetString(entries[later].Key, out var other) && other == key)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasCollectionArgument(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type is INamedTypeSymbol { TypeKind: TypeKind.Interface or TypeKind.Class } type
                    && type.SpecialType != SpecialType.System_String
                    && type.Name != "IEqualityComparer")
                {
                    return true;
                }
            }

            return false;
        }

        private BatchCall? GetModelTransaction(IInvocationOperation invocation, Flow.ParameterBinding? binding)
        {
            var instance = invocation.Instance?.WalkDownConversions();
            if (instance is not null && instance is not ILocalReferenceOperation && IsTransactionCombination(instance, out _))
            {
                // part.Combine(other).ExecuteAsync(), context.CreateMultiTableTransactWrite(a, b).ExecuteAsync()
                var combined = new CollectionSizeEvaluator(this, invocation, binding).Evaluate(instance, SizeMode.Elements);
                return new BatchCall(invocation, BatchLimit.Transaction, combined, splitTarget: null);
            }

            if (instance is not ILocalReferenceOperation builder)
            {
                return null;
            }

            var evaluator = new CollectionSizeEvaluator(this, invocation, binding);
            var size = evaluator.Evaluate(builder, SizeMode.Elements);
            return new BatchCall(invocation, BatchLimit.Transaction, size, evaluator.FindSingleRangeAddition(builder.Local)?.Value);
        }
    }

    /// <summary>A per-call limit of DynamoDB, the rule that enforces it and what it counts.</summary>
    internal sealed class BatchLimit
    {
        public static readonly BatchLimit BatchWriteItem = new BatchLimit(DiagnosticIds.BatchWriteLimit, 25, "write requests");
        public static readonly BatchLimit BatchExecuteStatement = new BatchLimit(DiagnosticIds.BatchWriteLimit, 25, "statements");
        public static readonly BatchLimit BatchGetItem = new BatchLimit(DiagnosticIds.BatchGetLimit, 100, "keys");
        public static readonly BatchLimit Transaction = new BatchLimit(DiagnosticIds.TransactionLimit, 100, "actions");

        private BatchLimit(string ruleId, int maximum, string unit)
        {
            RuleId = ruleId;
            Maximum = maximum;
            Unit = unit;
        }

        public string RuleId { get; }

        public int Maximum { get; }

        /// <summary>What is counted, plural: "write requests", "statements", "keys", "actions".</summary>
        public string Unit { get; }
    }

    /// <summary>One call that sends a batch or a transaction, and how many elements it sends.</summary>
    internal sealed class BatchCall
    {
        public BatchCall(IInvocationOperation invocation, BatchLimit limit, CollectionSize size, IOperation? splitTarget)
        {
            Invocation = invocation;
            Limit = limit;
            Size = size;
            SplitTarget = splitTarget;
        }

        public IInvocationOperation Invocation { get; }

        public BatchLimit Limit { get; }

        public CollectionSize Size { get; }

        /// <summary>
        /// The one collection whose elements make up the whole batch (the only table's List&lt;WriteRequest&gt; or Keys,
        /// TransactItems, Statements, the argument of AddSaveItems), or null when there are several: what a fix splits.
        /// </summary>
        public IOperation? SplitTarget { get; }
    }
}
