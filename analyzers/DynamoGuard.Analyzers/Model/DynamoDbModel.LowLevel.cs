using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>The low-level client (IAmazonDynamoDB), its request types, and the document model's Table.</summary>
    internal sealed partial class DynamoDbModel
    {
        private const string ModelNamespace = "Amazon.DynamoDBv2.Model.";
        private const string DocumentModelNamespace = "Amazon.DynamoDBv2.DocumentModel.";

        public INamedTypeSymbol? PutItemRequest { get; private set; }
        public INamedTypeSymbol? UpdateItemRequest { get; private set; }
        public INamedTypeSymbol? DeleteItemRequest { get; private set; }
        public INamedTypeSymbol? GetItemRequest { get; private set; }
        public INamedTypeSymbol? QueryRequest { get; private set; }
        public INamedTypeSymbol? ScanRequest { get; private set; }
        public INamedTypeSymbol? BatchWriteItemRequest { get; private set; }
        public INamedTypeSymbol? BatchGetItemRequest { get; private set; }
        public INamedTypeSymbol? TransactWriteItemsRequest { get; private set; }
        public INamedTypeSymbol? TransactGetItemsRequest { get; private set; }
        public INamedTypeSymbol? BatchExecuteStatementRequest { get; private set; }
        public INamedTypeSymbol? ExecuteTransactionRequest { get; private set; }

        /// <summary>TransactWriteItem and its members Put / Update / Delete / ConditionCheck.</summary>
        public INamedTypeSymbol? TransactWriteItem { get; private set; }
        public INamedTypeSymbol? TransactPut { get; private set; }
        public INamedTypeSymbol? TransactUpdate { get; private set; }
        public INamedTypeSymbol? TransactDelete { get; private set; }
        public INamedTypeSymbol? TransactConditionCheck { get; private set; }

        public INamedTypeSymbol? WriteRequest { get; private set; }
        public INamedTypeSymbol? PutRequest { get; private set; }
        public INamedTypeSymbol? DeleteRequest { get; private set; }
        public INamedTypeSymbol? KeysAndAttributes { get; private set; }
        public INamedTypeSymbol? AttributeValue { get; private set; }
        public INamedTypeSymbol? AttributeValueUpdate { get; private set; }
        public INamedTypeSymbol? ExpectedAttributeValue { get; private set; }

        /// <summary>Document model: Table / ITable, Document, Expression and the write operation configs.</summary>
        public INamedTypeSymbol? Table { get; private set; }
        public INamedTypeSymbol? TableInterface { get; private set; }
        public INamedTypeSymbol? Document { get; private set; }
        public INamedTypeSymbol? DocumentExpression { get; private set; }
        public INamedTypeSymbol? PutItemOperationConfig { get; private set; }
        public INamedTypeSymbol? UpdateItemOperationConfig { get; private set; }
        public INamedTypeSymbol? DeleteItemOperationConfig { get; private set; }

        partial void InitializeLowLevel(Compilation compilation)
        {
            PutItemRequest = GetSdkType(compilation, ModelNamespace + "PutItemRequest");
            UpdateItemRequest = GetSdkType(compilation, ModelNamespace + "UpdateItemRequest");
            DeleteItemRequest = GetSdkType(compilation, ModelNamespace + "DeleteItemRequest");
            GetItemRequest = GetSdkType(compilation, ModelNamespace + "GetItemRequest");
            QueryRequest = GetSdkType(compilation, ModelNamespace + "QueryRequest");
            ScanRequest = GetSdkType(compilation, ModelNamespace + "ScanRequest");
            BatchWriteItemRequest = GetSdkType(compilation, ModelNamespace + "BatchWriteItemRequest");
            BatchGetItemRequest = GetSdkType(compilation, ModelNamespace + "BatchGetItemRequest");
            TransactWriteItemsRequest = GetSdkType(compilation, ModelNamespace + "TransactWriteItemsRequest");
            TransactGetItemsRequest = GetSdkType(compilation, ModelNamespace + "TransactGetItemsRequest");
            BatchExecuteStatementRequest = GetSdkType(compilation, ModelNamespace + "BatchExecuteStatementRequest");
            ExecuteTransactionRequest = GetSdkType(compilation, ModelNamespace + "ExecuteTransactionRequest");
            TransactWriteItem = GetSdkType(compilation, ModelNamespace + "TransactWriteItem");
            TransactPut = GetSdkType(compilation, ModelNamespace + "Put");
            TransactUpdate = GetSdkType(compilation, ModelNamespace + "Update");
            TransactDelete = GetSdkType(compilation, ModelNamespace + "Delete");
            TransactConditionCheck = GetSdkType(compilation, ModelNamespace + "ConditionCheck");
            WriteRequest = GetSdkType(compilation, ModelNamespace + "WriteRequest");
            PutRequest = GetSdkType(compilation, ModelNamespace + "PutRequest");
            DeleteRequest = GetSdkType(compilation, ModelNamespace + "DeleteRequest");
            KeysAndAttributes = GetSdkType(compilation, ModelNamespace + "KeysAndAttributes");
            AttributeValue = GetSdkType(compilation, ModelNamespace + "AttributeValue");
            AttributeValueUpdate = GetSdkType(compilation, ModelNamespace + "AttributeValueUpdate");
            ExpectedAttributeValue = GetSdkType(compilation, ModelNamespace + "ExpectedAttributeValue");
            Table = GetSdkType(compilation, DocumentModelNamespace + "Table");
            TableInterface = GetSdkType(compilation, DocumentModelNamespace + "ITable");
            Document = GetSdkType(compilation, DocumentModelNamespace + "Document");
            DocumentExpression = GetSdkType(compilation, DocumentModelNamespace + "Expression");
            PutItemOperationConfig = GetSdkType(compilation, DocumentModelNamespace + "PutItemOperationConfig");
            UpdateItemOperationConfig = GetSdkType(compilation, DocumentModelNamespace + "UpdateItemOperationConfig");
            DeleteItemOperationConfig = GetSdkType(compilation, DocumentModelNamespace + "DeleteItemOperationConfig");
        }

        /// <summary>
        /// The operation a method of the low-level client sends: a method of IAmazonDynamoDB, or of a class that
        /// implements it (AmazonDynamoDBClient), named X or XAsync. <see cref="DynamoOperation.None"/> otherwise.
        /// </summary>
        public DynamoOperation GetClientOperation(IMethodSymbol method)
        {
            var operation = OperationFromName(method.Name);
            if (operation == DynamoOperation.None)
            {
                return operation;
            }

            var type = method.ContainingType;
            if (type is null)
            {
                return DynamoOperation.None;
            }

            if (SymbolEqualityComparer.Default.Equals(type, AmazonDynamoDB))
            {
                return operation;
            }

            // A class of the compilation that implements IAmazonDynamoDB itself (an in-process emulator, a fake): the call
            // runs that code, which the compilation shows, not DynamoDB's service. (A subclass of AmazonDynamoDBClient
            // binds to the SDK's methods, and a client type from another assembly is taken for a client.)
            if (!type.DeclaringSyntaxReferences.IsEmpty)
            {
                return DynamoOperation.None;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, AmazonDynamoDB))
                {
                    return operation;
                }
            }

            return DynamoOperation.None;
        }

        /// <summary>The operation a document-model Table / ITable method sends (PutItem, UpdateItem, DeleteItem, GetItem), else None.</summary>
        public DynamoOperation GetTableOperation(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null
                || !(SymbolEqualityComparer.Default.Equals(type, Table) || SymbolEqualityComparer.Default.Equals(type, TableInterface)))
            {
                return DynamoOperation.None;
            }

            var operation = OperationFromName(method.Name);
            return operation is DynamoOperation.PutItem or DynamoOperation.UpdateItem or DynamoOperation.DeleteItem or DynamoOperation.GetItem
                ? operation
                : DynamoOperation.None;
        }

        /// <summary>
        /// For a call of the low-level client, the request object argument (the value passed for a parameter of a
        /// request type such as PutItemRequest), or null for a convenience overload (PutItemAsync(tableName, item)).
        /// </summary>
        public static IOperation? GetRequestArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type is INamedTypeSymbol { Name: var name } && name.EndsWith("Request", System.StringComparison.Ordinal))
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The argument passed for the parameter with this name (e.g. "tableName", "item", "key"), or null.</summary>
        public static IOperation? GetArgumentByParameterName(IInvocationOperation invocation, string parameterName)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameterName)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static readonly (string Name, DynamoOperation Operation)[] OperationNames =
        {
            ("PutItem", DynamoOperation.PutItem),
            ("UpdateItem", DynamoOperation.UpdateItem),
            ("DeleteItem", DynamoOperation.DeleteItem),
            ("GetItem", DynamoOperation.GetItem),
            ("Query", DynamoOperation.Query),
            ("Scan", DynamoOperation.Scan),
            ("BatchWriteItem", DynamoOperation.BatchWriteItem),
            ("BatchGetItem", DynamoOperation.BatchGetItem),
            ("TransactWriteItems", DynamoOperation.TransactWriteItems),
            ("TransactGetItems", DynamoOperation.TransactGetItems),
            ("ExecuteStatement", DynamoOperation.ExecuteStatement),
            ("BatchExecuteStatement", DynamoOperation.BatchExecuteStatement),
            ("ExecuteTransaction", DynamoOperation.ExecuteTransaction),
        };

        /// <summary>Maps X / XAsync to the operation; runs for every invocation, so it does not allocate.</summary>
        private static DynamoOperation OperationFromName(string name)
        {
            foreach (var (candidate, operation) in OperationNames)
            {
                if (SdkNames.IsSyncOrAsync(name, candidate))
                {
                    return operation;
                }
            }

            return DynamoOperation.None;
        }
    }
}
