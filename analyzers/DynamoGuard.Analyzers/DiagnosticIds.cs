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
    }
}
