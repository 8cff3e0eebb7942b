namespace DynamoGuard
{
    internal static class DiagnosticCategories
    {
        public const string Concurrency = "DynamoDB.Concurrency";
        public const string Limits = "DynamoDB.Limits";

        /// <summary>Expressions DynamoDB rejects with a ValidationException (placeholders, reserved words, syntax).</summary>
        public const string Expressions = "DynamoDB.Expressions";
    }
}
