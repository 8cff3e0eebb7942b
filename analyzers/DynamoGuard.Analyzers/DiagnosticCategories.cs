namespace DynamoGuard
{
    internal static class DiagnosticCategories
    {
        public const string Concurrency = "DynamoDB.Concurrency";
        public const string Limits = "DynamoDB.Limits";
    }
}
