using Microsoft.CodeAnalysis;

namespace DynamoGuard
{
    /// <summary>Every descriptor DynamoGuard reports, built by one factory so category, help link and tags stay uniform.</summary>
    internal static class DiagnosticDescriptors
    {
        public const string HelpLinkBase = "https://github.com/dynamoguard/dynamoguard/blob/main/docs/rules/";

        public static readonly DiagnosticDescriptor VersionCheckDisabled = Create(
            DiagnosticIds.VersionCheckDisabled,
            title: "Version check disabled for a versioned type",
            messageFormat: "{0} of versioned type '{1}' sets SkipVersionCheck = true, so its [DynamoDBVersion] property '{2}' is not checked; a concurrent writer's change can be lost",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: "The object persistence model guards every save and delete of a type with a [DynamoDBVersion] property by a condition on the version. SkipVersionCheck = true removes that condition: the write succeeds even when another writer changed the item since it was read, and that change is lost without any error.");

        /// <summary>Same rule, reported where a whole DynamoDBContext is configured to skip version checks.</summary>
        public static readonly DiagnosticDescriptor VersionCheckDisabledForContext = Create(
            DiagnosticIds.VersionCheckDisabled,
            title: "Version check disabled for a versioned type",
            messageFormat: "DynamoDBContext is configured with SkipVersionCheck = true, which turns off the version check of every versioned type (such as '{0}'); concurrent writers can silently overwrite each other",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: VersionCheckDisabled.Description.ToString());

        private const string BatchWriteLimitTitle = "BatchWriteItem may exceed 25 write requests";
        private const string BatchWriteLimitDescription = "BatchWriteItem accepts at most 25 put or delete requests per call, counted across all tables, and BatchExecuteStatement at most 25 statements. A larger batch is rejected as a whole with a ValidationException, typically only in production, when the input first grows past the limit. Split the requests into chunks of 25.";

        /// <summary>DDB301, when the number of write requests (or statements) is known and over 25.</summary>
        public static readonly DiagnosticDescriptor BatchWriteLimitExceeded = Create(
            DiagnosticIds.BatchWriteLimit,
            title: BatchWriteLimitTitle,
            messageFormat: "{0} sends {1} {2} in one call, but DynamoDB accepts at most 25 and rejects the whole batch",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: BatchWriteLimitDescription);

        /// <summary>DDB301, when the number grows with an input that nothing limits to 25.</summary>
        public static readonly DiagnosticDescriptor BatchWriteLimitMayExceed = Create(
            DiagnosticIds.BatchWriteLimit,
            title: BatchWriteLimitTitle,
            messageFormat: "{0} may send more than 25 {1} in one call: there is one for each element of '{2}', which is not limited to 25; DynamoDB rejects the whole batch",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: BatchWriteLimitDescription);

        private const string BatchGetLimitTitle = "BatchGetItem may exceed 100 keys";
        private const string BatchGetLimitDescription = "BatchGetItem accepts at most 100 keys per call, counted across all tables. A larger batch is rejected as a whole ('Too many items requested for the BatchGetItem call'). Split the keys into chunks of 100.";

        /// <summary>DDB302, when the number of keys is known and over 100.</summary>
        public static readonly DiagnosticDescriptor BatchGetLimitExceeded = Create(
            DiagnosticIds.BatchGetLimit,
            title: BatchGetLimitTitle,
            messageFormat: "{0} requests {1} keys in one call, but DynamoDB accepts at most 100 and rejects the whole batch",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: BatchGetLimitDescription);

        /// <summary>DDB302, when the number of keys grows with an input that nothing limits to 100.</summary>
        public static readonly DiagnosticDescriptor BatchGetLimitMayExceed = Create(
            DiagnosticIds.BatchGetLimit,
            title: BatchGetLimitTitle,
            messageFormat: "{0} may request more than 100 keys in one call: there is one for each element of '{1}', which is not limited to 100; DynamoDB rejects the whole batch",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: BatchGetLimitDescription);

        private const string TransactionLimitTitle = "Transaction may exceed 100 actions";
        private const string TransactionLimitDescription = "TransactWriteItems, TransactGetItems and ExecuteTransaction accept at most 100 actions. The object persistence and document models do not split a transaction either: a larger one is sent as one request and rejected as a whole. Splitting it gives up all-or-nothing semantics across the parts, so decide whether the work really needs one transaction.";

        /// <summary>DDB303, when the number of actions is known and over 100.</summary>
        public static readonly DiagnosticDescriptor TransactionLimitExceeded = Create(
            DiagnosticIds.TransactionLimit,
            title: TransactionLimitTitle,
            messageFormat: "{0} sends {1} actions in one transaction, but DynamoDB accepts at most 100 and rejects the whole transaction",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: TransactionLimitDescription);

        /// <summary>DDB303, when the number of actions grows with an input that nothing limits to 100.</summary>
        public static readonly DiagnosticDescriptor TransactionLimitMayExceed = Create(
            DiagnosticIds.TransactionLimit,
            title: TransactionLimitTitle,
            messageFormat: "{0} may send more than 100 actions in one transaction: there is one for each element of '{1}', which is not limited to 100; DynamoDB rejects the whole transaction",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: TransactionLimitDescription);

        private const string UnprocessedItemsTitle = "Unprocessed items of a batch are ignored";
        private const string UnprocessedItemsDescription = "A BatchWriteItem or BatchGetItem call that succeeds may still leave part of the batch unprocessed (UnprocessedItems / UnprocessedKeys), typically when the table is throttled; BatchExecuteStatement reports failed statements in Responses[i].Error with HTTP 200. Code that does not read them silently drops writes or misses items. Re-send the unprocessed part with exponential backoff until none is left.";

        /// <summary>DDB304, when the response is not used at all.</summary>
        public static readonly DiagnosticDescriptor UnprocessedItemsDiscarded = Create(
            DiagnosticIds.UnprocessedItemsIgnored,
            title: UnprocessedItemsTitle,
            messageFormat: "The response of {0} is discarded, so its {1} are never read: {2}",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: UnprocessedItemsDescription);

        /// <summary>DDB304, when the response is kept in a local but the unprocessed part is never read.</summary>
        public static readonly DiagnosticDescriptor UnprocessedItemsNotRead = Create(
            DiagnosticIds.UnprocessedItemsIgnored,
            title: UnprocessedItemsTitle,
            messageFormat: "The response of {0} is {3}, but its {1} are never read: {2}",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: UnprocessedItemsDescription);

        private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category, DiagnosticSeverity severity, string description, params string[] customTags)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLinkBase + id + ".md",
                customTags: customTags);
        }
    }
}
