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
        private const string PlaceholderTitle = "Expression placeholder undefined, unused, or in an empty dictionary";
        private const string PlaceholderDescription = "DynamoDB checks a request's ExpressionAttributeNames and ExpressionAttributeValues against its expressions: a #name or :value used in an expression must be defined, every defined entry must be used by one of the request's expressions, and a dictionary that is sent must not be empty (SDK v4 sends an empty, non-null dictionary). Each mismatch makes DynamoDB reject the whole request with a ValidationException.";

        /// <summary>DDB401: a placeholder an expression uses is not defined.</summary>
        public static readonly DiagnosticDescriptor PlaceholderUndefined = Create(
            DiagnosticIds.ExpressionPlaceholderMismatch,
            title: PlaceholderTitle,
            messageFormat: "{0} uses '{1}', which {2}; DynamoDB rejects the request",
            category: DiagnosticCategories.Expressions,
            severity: DiagnosticSeverity.Warning,
            description: PlaceholderDescription);

        /// <summary>DDB401: an entry no expression of the request uses.</summary>
        public static readonly DiagnosticDescriptor PlaceholderUnused = Create(
            DiagnosticIds.ExpressionPlaceholderMismatch,
            title: PlaceholderTitle,
            messageFormat: "{0} defines '{1}', which no expression of the request uses; DynamoDB rejects unused entries",
            category: DiagnosticCategories.Expressions,
            severity: DiagnosticSeverity.Warning,
            description: PlaceholderDescription);

        /// <summary>DDB401: an empty, non-null dictionary.</summary>
        public static readonly DiagnosticDescriptor PlaceholderDictionaryEmpty = Create(
            DiagnosticIds.ExpressionPlaceholderMismatch,
            title: PlaceholderTitle,
            messageFormat: "{0} is set to an empty dictionary; the SDK sends it and DynamoDB rejects it ('{0} must not be empty'): leave it unset",
            category: DiagnosticCategories.Expressions,
            severity: DiagnosticSeverity.Warning,
            description: PlaceholderDescription);

        /// <summary>DDB402: reserved word as a bare attribute name.</summary>
        public static readonly DiagnosticDescriptor ReservedWordInExpression = Create(
            DiagnosticIds.ExpressionReservedWord,
            title: "Reserved word used as an attribute name in an expression",
            messageFormat: "'{0}' in {1} is a DynamoDB reserved word; DynamoDB rejects it as an attribute name ('Attribute name is a reserved keyword'): write it through an expression attribute name such as '#{0}'",
            category: DiagnosticCategories.Expressions,
            severity: DiagnosticSeverity.Warning,
            description: "DynamoDB reserves 573 words (count, name, status, value, date, user, ...), in any letter case. An expression that uses one of them as a bare attribute name fails with a ValidationException; the attribute must be referred to through a #placeholder defined in ExpressionAttributeNames.");

        /// <summary>DDB403: the expression does not parse, or uses a construct DynamoDB rejects.</summary>
        public static readonly DiagnosticDescriptor ExpressionSyntaxError = Create(
            DiagnosticIds.ExpressionSyntaxError,
            title: "Invalid DynamoDB expression",
            messageFormat: "{0} is invalid at character {1}: {2}",
            category: DiagnosticCategories.Expressions,
            severity: DiagnosticSeverity.Warning,
            description: "DynamoDB parses condition, filter, key-condition, update and projection expressions on the server and rejects a request whose expression has a syntax error (an unbalanced parenthesis, a missing operand, a stray token, a literal value), an unknown or misspelt function (function names are case-sensitive), or a clause used twice.");

        /// <summary>DDB404: two update paths overlap.</summary>
        public static readonly DiagnosticDescriptor UpdatePathsOverlap = Create(
            DiagnosticIds.UpdatePathsOverlap,
            title: "Update expression paths overlap",
            messageFormat: "UpdateExpression writes '{0}' and '{1}', which {2}; DynamoDB rejects the update ('Two document paths overlap with each other')",
            category: DiagnosticCategories.Expressions,
            severity: DiagnosticSeverity.Warning,
            description: "An update expression may touch each document path once: two actions on the same path (SET a = :x, a = :y; SET a = :x REMOVE a) or on a path and a path inside it (SET a.b = :x, a = :y) make DynamoDB reject the whole update.");

        /// <summary>DDB405: expression and legacy parameters in one request.</summary>
        public static readonly DiagnosticDescriptor ExpressionAndLegacyParametersMixed = Create(
            DiagnosticIds.ExpressionAndLegacyParametersMixed,
            title: "Expression and legacy parameters mixed in one request",
            messageFormat: "{0} sets both {1} and the legacy parameter {2}; DynamoDB rejects a request that mixes expression and non-expression parameters",
            category: DiagnosticCategories.Expressions,
            severity: DiagnosticSeverity.Warning,
            description: "The legacy parameters (Expected, ConditionalOperator, AttributeUpdates, AttributesToGet, KeyConditions, QueryFilter, ScanFilter) cannot be combined with expression parameters (ConditionExpression, UpdateExpression, ProjectionExpression, KeyConditionExpression, FilterExpression) in one request: DynamoDB answers 'Can not use both expression and non-expression parameters in the same request'.");

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
