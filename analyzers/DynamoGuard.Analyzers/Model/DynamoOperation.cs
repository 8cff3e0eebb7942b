namespace DynamoGuard.Model
{
    /// <summary>The DynamoDB API operations DynamoGuard knows, whatever the SDK surface that sends them.</summary>
    internal enum DynamoOperation
    {
        None,
        PutItem,
        UpdateItem,
        DeleteItem,
        GetItem,
        Query,
        Scan,
        BatchWriteItem,
        BatchGetItem,
        TransactWriteItems,
        TransactGetItems,
        ExecuteStatement,
        BatchExecuteStatement,
        ExecuteTransaction,
    }
}
