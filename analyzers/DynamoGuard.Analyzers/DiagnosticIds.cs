namespace DynamoGuard
{
    /// <summary>The diagnostic IDs DynamoGuard reports. Each ID has a page at docs/rules/{ID}.md.</summary>
    public static class DiagnosticIds
    {
        /// <summary>Version check disabled (SkipVersionCheck) for a versioned type.</summary>
        public const string VersionCheckDisabled = "DDB102";

        /// <summary>BatchWriteItem / BatchExecuteStatement may exceed 25 requests or statements.</summary>
        public const string BatchWriteLimit = "DDB301";

        /// <summary>BatchGetItem may exceed 100 keys.</summary>
        public const string BatchGetLimit = "DDB302";

        /// <summary>A transaction may exceed 100 actions.</summary>
        public const string TransactionLimit = "DDB303";

        /// <summary>Unprocessed items of a batch (or per-statement errors) are ignored.</summary>
        public const string UnprocessedItemsIgnored = "DDB304";

        /// <summary>Expression placeholder used but undefined, defined but unused, or an empty placeholder dictionary.</summary>
        public const string ExpressionPlaceholderMismatch = "DDB401";

        /// <summary>DynamoDB reserved word used as a bare attribute name in an expression.</summary>
        public const string ExpressionReservedWord = "DDB402";

        /// <summary>Expression with a syntax error (or a construct DynamoDB's grammar rejects).</summary>
        public const string ExpressionSyntaxError = "DDB403";

        /// <summary>Update expression whose document paths overlap or repeat.</summary>
        public const string UpdatePathsOverlap = "DDB404";

        /// <summary>Expression parameters mixed with legacy (non-expression) parameters in one request.</summary>
        public const string ExpressionAndLegacyParametersMixed = "DDB405";
    }
}
