namespace DynamoGuard
{
    /// <summary>The diagnostic IDs DynamoGuard reports. Each ID has a page at docs/rules/{ID}.md.</summary>
    public static class DiagnosticIds
    {
        /// <summary>Write to a versioned item without a condition on its version.</summary>
        public const string UnguardedVersionedWrite = "DDB101";

        /// <summary>Version check disabled (SkipVersionCheck) for a versioned type.</summary>
        public const string VersionCheckDisabled = "DDB102";

        /// <summary>Batch write of versioned items (a batch cannot carry conditions).</summary>
        public const string VersionedBatchWrite = "DDB103";

        /// <summary>A write guarded by the version that does not advance the version.</summary>
        public const string VersionNotAdvanced = "DDB104";

        /// <summary>A custom condition on a save of a versioned type, which the SDK rejects at run time.</summary>
        public const string CustomConditionOnVersionedSave = "DDB105";

        /// <summary>The ConditionalCheckFailedException / TransactionCanceledException of a version-guarded write is caught and dropped.</summary>
        public const string SwallowedVersionConflict = "DDB106";

        /// <summary>A number read, changed in C# and written back (read-modify-write) instead of an atomic update.</summary>
        public const string ReadModifyWriteNumber = "DDB201";

        /// <summary>An item read, changed and written back whole without a condition.</summary>
        public const string WholeItemWriteBack = "DDB202";

        /// <summary>An atomic (non-idempotent) numeric update made inside an explicit retry: a lost response makes it count twice.</summary>
        public const string RetriedAtomicUpdate = "DDB203";

        /// <summary>BatchWriteItem / BatchExecuteStatement may exceed 25 requests or statements.</summary>
        public const string BatchWriteLimit = "DDB301";

        /// <summary>BatchGetItem may exceed 100 keys.</summary>
        public const string BatchGetLimit = "DDB302";

        /// <summary>A transaction may exceed 100 actions.</summary>
        public const string TransactionLimit = "DDB303";

        /// <summary>Unprocessed items of a batch (or per-statement errors) are ignored.</summary>
        public const string UnprocessedItemsIgnored = "DDB304";

        /// <summary>One page of a Query, Scan or PartiQL SELECT read as if it were the whole result (no paging).</summary>
        public const string UnpagedQueryResult = "DDB305";

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
