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

        /// <summary>DDB102 at a save or delete that goes through a context created elsewhere with SkipVersionCheck = true.</summary>
        public static readonly DiagnosticDescriptor VersionCheckDisabledByContext = Create(
            DiagnosticIds.VersionCheckDisabled,
            title: "Version check disabled for a versioned type",
            messageFormat: "{0} of versioned type '{1}' goes through a DynamoDBContext configured with SkipVersionCheck = true, so its [DynamoDBVersion] property '{2}' is not checked; a concurrent writer's change can be lost",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: VersionCheckDisabled.Description.ToString());

        private const string UnguardedVersionedWriteTitle = "Write to a versioned item without a version condition";

        private const string UnguardedVersionedWriteDescription = "DynamoDB has no locks: when two writers write the same item, the last writer wins. Optimistic locking keeps a version number on every item; each write must say \"only if the version is still the one I read\" in its condition and advance the version. A PutItem, UpdateItem or DeleteItem of a versioned item without that condition silently overwrites or deletes a concurrent writer's change.";

        /// <summary>DDB101: a write that stores the version attribute (known table) without a condition on it.</summary>
        public static readonly DiagnosticDescriptor UnguardedVersionedWrite = Create(
            DiagnosticIds.UnguardedVersionedWrite,
            title: UnguardedVersionedWriteTitle,
            messageFormat: "{0} writes '{1}' of table '{2}' without a condition on it; a concurrent writer's change can be lost",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: UnguardedVersionedWriteDescription);

        /// <summary>DDB101: a write that stores the version attribute, table not known, without a condition on it.</summary>
        public static readonly DiagnosticDescriptor UnguardedVersionedWriteUnknownTable = Create(
            DiagnosticIds.UnguardedVersionedWrite,
            title: UnguardedVersionedWriteTitle,
            messageFormat: "{0} writes version attribute '{1}' without a condition on it; a concurrent writer's change can be lost",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: UnguardedVersionedWriteDescription);

        /// <summary>DDB101: a write to a table whose items are versioned that neither checks nor writes the version.</summary>
        public static readonly DiagnosticDescriptor UnguardedWriteToVersionedTable = Create(
            DiagnosticIds.UnguardedVersionedWrite,
            title: UnguardedVersionedWriteTitle,
            messageFormat: "{0} on table '{1}' has no condition on its version attribute '{2}'; a concurrent writer's change can be lost",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: UnguardedVersionedWriteDescription);

        /// <summary>DDB101 reported at compilation end (the evidence comes from another method): only in full builds.</summary>
        public static readonly DiagnosticDescriptor UnguardedVersionedWriteCompilationEnd = Create(
            DiagnosticIds.UnguardedVersionedWrite,
            title: UnguardedVersionedWriteTitle,
            messageFormat: UnguardedVersionedWrite.MessageFormat.ToString(),
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: UnguardedVersionedWriteDescription,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor UnguardedVersionedWriteUnknownTableCompilationEnd = Create(
            DiagnosticIds.UnguardedVersionedWrite,
            title: UnguardedVersionedWriteTitle,
            messageFormat: UnguardedVersionedWriteUnknownTable.MessageFormat.ToString(),
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: UnguardedVersionedWriteDescription,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor UnguardedWriteToVersionedTableCompilationEnd = Create(
            DiagnosticIds.UnguardedVersionedWrite,
            title: UnguardedVersionedWriteTitle,
            messageFormat: UnguardedWriteToVersionedTable.MessageFormat.ToString(),
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: UnguardedVersionedWriteDescription,
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>DDB101: the object persistence model's delete by key, which sends no version condition.</summary>
        public static readonly DiagnosticDescriptor VersionedDeleteByKey = Create(
            DiagnosticIds.UnguardedVersionedWrite,
            title: UnguardedVersionedWriteTitle,
            messageFormat: "{0}<{1}> deletes by key, which sends no condition on the [DynamoDBVersion] property '{2}'; delete the loaded object instead so the SDK checks the version",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: UnguardedVersionedWriteDescription);

        /// <summary>DDB101: the version is compared in C# after a read, then the write goes out without a condition.</summary>
        public static readonly DiagnosticDescriptor CheckThenActVersionedWrite = Create(
            DiagnosticIds.UnguardedVersionedWrite,
            title: UnguardedVersionedWriteTitle,
            messageFormat: "{0} runs after comparing '{1}' in C#, but has no condition on it; another writer can change the item between the check and the write",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: UnguardedVersionedWriteDescription);

        private const string VersionedBatchWriteTitle = "Batch write of versioned items";

        private const string VersionedBatchWriteDescription = "BatchWriteItem cannot carry conditions, so a batch cannot check an item's version. In SDK v4, CreateBatchWrite of a type with a [DynamoDBVersion] property throws at creation unless version checks are skipped, and with SkipVersionCheck the batch overwrites whatever concurrent writers stored. Write versioned items one by one (SaveAsync) or in a transaction, which do check the version.";

        /// <summary>DDB103: CreateBatchWrite of a versioned type without SkipVersionCheck (throws at creation).</summary>
        public static readonly DiagnosticDescriptor VersionedBatchWriteThrows = Create(
            DiagnosticIds.VersionedBatchWrite,
            title: VersionedBatchWriteTitle,
            messageFormat: "{0} of versioned type '{1}' throws at run time: a batch cannot check its [DynamoDBVersion] property '{2}'",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: VersionedBatchWriteDescription);

        /// <summary>DDB103: CreateBatchWrite of a versioned type with SkipVersionCheck = true (writes unchecked).</summary>
        public static readonly DiagnosticDescriptor VersionedBatchWriteOverwrites = Create(
            DiagnosticIds.VersionedBatchWrite,
            title: VersionedBatchWriteTitle,
            messageFormat: "{0} of versioned type '{1}' skips the version check, so the batch overwrites concurrent changes: a batch cannot check its [DynamoDBVersion] property '{2}'",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: VersionedBatchWriteDescription);

        /// <summary>DDB103: CreateBatchWrite of a versioned type whose configuration is not visible.</summary>
        public static readonly DiagnosticDescriptor VersionedBatchWriteUnknownConfig = Create(
            DiagnosticIds.VersionedBatchWrite,
            title: VersionedBatchWriteTitle,
            messageFormat: "{0} of versioned type '{1}' either throws at run time or, with SkipVersionCheck, overwrites concurrent changes: a batch cannot check its [DynamoDBVersion] property '{2}'",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: VersionedBatchWriteDescription);

        /// <summary>DDB103: a low-level BatchWriteItem PutRequest whose item carries the version attribute.</summary>
        public static readonly DiagnosticDescriptor VersionedBatchPut = Create(
            DiagnosticIds.VersionedBatchWrite,
            title: VersionedBatchWriteTitle,
            messageFormat: "BatchWriteItem puts items carrying version attribute '{0}' of table '{1}'; a batch cannot carry a condition, so a concurrent writer's change can be lost",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: VersionedBatchWriteDescription);

        public static readonly DiagnosticDescriptor VersionedBatchPutUnknownTable = Create(
            DiagnosticIds.VersionedBatchWrite,
            title: VersionedBatchWriteTitle,
            messageFormat: "BatchWriteItem puts items carrying version attribute '{0}'; a batch cannot carry a condition, so a concurrent writer's change can be lost",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: VersionedBatchWriteDescription);

        /// <summary>DDB104: a write whose condition checks the version but which writes the same version back.</summary>
        public static readonly DiagnosticDescriptor VersionNotAdvanced = Create(
            DiagnosticIds.VersionNotAdvanced,
            title: "Guarded write does not advance the version",
            messageFormat: "{0} checks version attribute '{1}' but does not advance it; writers that read the same version can still overwrite this change",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: "A conditional write that checks \"version = :expected\" must also store a new version (expected + 1). When it writes the same version back, other writers that read the item before this write still see a matching version, and their writes overwrite this change without any error.");

        /// <summary>DDB105: SaveConfig.ConditionalExpression on a versioned type without SkipVersionCheck = true.</summary>
        public static readonly DiagnosticDescriptor CustomConditionOnVersionedSave = Create(
            DiagnosticIds.CustomConditionOnVersionedSave,
            title: "Custom condition on a versioned save throws",
            messageFormat: "{0} of versioned type '{1}' sets a ConditionalExpression without SkipVersionCheck = true, so the SDK throws InvalidOperationException; set SkipVersionCheck = true and check [DynamoDBVersion] property '{2}' in the condition yourself",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: "The object persistence model refuses to combine its own version check with a custom ConditionalExpression: SaveAsync of a type with a [DynamoDBVersion] property throws InvalidOperationException when the SaveConfig sets a ConditionalExpression and does not skip the version check. With SkipVersionCheck = true the custom condition replaces the SDK's check, so it must compare the version itself.");

        /// <summary>DDB106: the exception a version-guarded write throws on a conflict is caught and dropped.</summary>
        public static readonly DiagnosticDescriptor SwallowedVersionConflict = Create(
            DiagnosticIds.SwallowedVersionConflict,
            title: "Version conflict caught and dropped",
            messageFormat: "{0} is guarded by {1}, but the {2} it throws when another writer changed the item first is caught here and dropped; the code carries on as if the write happened, and the change is lost",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: "Optimistic locking only protects data if the writer that loses the race finds out. A write guarded by a version fails with ConditionalCheckFailedException (TransactionCanceledException for a transaction) when another writer changed the item since it was read. A catch that swallows the exception, or only logs it and carries on, turns the lost update that the version check caught back into a silent one: rethrow it, report the failure to the caller, or re-read the item and retry.");

        /// <summary>DDB201: a number read from an item, changed in C# and written back without a condition.</summary>
        public static readonly DiagnosticDescriptor ReadModifyWriteNumber = Create(
            DiagnosticIds.ReadModifyWriteNumber,
            title: "Read-modify-write of a number instead of an atomic update",
            messageFormat: "{0} writes '{1}' as the value {2} read {3}, with no condition on '{1}': an update another writer makes in between is lost (use an atomic ADD, or a condition on the value read)",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: "Reading a number, adding to it in C# and writing the result back loses updates: two requests that both read 10 both write 11. DynamoDB applies ADD #n :delta (or SET #n = #n + :delta) atomically on the server, in the order requests arrive, without a read. An atomic increment is not idempotent, though: a retried request counts twice. Where a retry must not count twice, keep the read and make the write conditional on the value that was read.");

        /// <summary>DDB202: an item read, changed and written back whole (PutItem / SaveAsync) without a condition.</summary>
        public static readonly DiagnosticDescriptor WholeItemWriteBack = Create(
            DiagnosticIds.WholeItemWriteBack,
            title: "Item read, changed and written back whole without a condition",
            messageFormat: "{0} writes back the whole item {1} returned after changing '{2}', without a condition: changes other writers make to the item in between are lost (update only the changed attributes, or add a version)",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Info,
            description: "Writing back a whole item that was read earlier replaces every attribute with the values the method read, so a change another writer made to any attribute in between is lost without an error. Update only the attributes that changed (UpdateItem with SET), or guard the write with a version (optimistic locking).");


        private const string RetriedAtomicUpdateTitle = "Atomic update retried by hand";
        private const string RetriedAtomicUpdateDescription = "An atomic update (ADD #n :d, SET #n = #n + :d, AttributeAction.ADD, a [DynamoDBAtomicCounter] save) is not idempotent: when DynamoDB applies the request but the response is lost (a timeout, a dropped connection) and the code sends it again, the number changes twice. The SDK's own retries already carry this risk; an explicit retry loop, retry policy or retry helper around the update widens it. Make the retry idempotent: send the update as a TransactWriteItems with a ClientRequestToken created once before the retries, or guard it with a condition on the value read.";

        /// <summary>DDB203: an unconditional atomic numeric update inside an explicit retry (loop, Polly policy).</summary>
        public static readonly DiagnosticDescriptor RetriedAtomicUpdate = Create(
            DiagnosticIds.RetriedAtomicUpdate,
            title: RetriedAtomicUpdateTitle,
            messageFormat: "{0} increments '{1}' inside {2}; when a response is lost and the call is sent again, the increment is applied twice",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Info,
            description: RetriedAtomicUpdateDescription);


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

        /// <summary>DDB304, when the unprocessed part is read only to be formatted or logged.</summary>
        public static readonly DiagnosticDescriptor UnprocessedItemsOnlyFormatted = Create(
            DiagnosticIds.UnprocessedItemsIgnored,
            title: UnprocessedItemsTitle,
            messageFormat: "The response of {0} is {3}, but its {1} are only logged or formatted, which neither re-sends nor reports them: {2}",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: UnprocessedItemsDescription);

        private const string UnpagedQueryTitle = "Query or Scan result read without paging";
        private const string UnpagedQueryDescription = "One Query, Scan or PartiQL ExecuteStatement call returns at most 1 MB of data (and at most Limit items); the rest waits behind the response's LastEvaluatedKey (NextToken for PartiQL), and a document or object model search stays open until IsDone. Code that reads one page as the whole result works while the table is small and silently drops items once it grows. Page until LastEvaluatedKey is empty, passing it as the next request's ExclusiveStartKey, or read every page with GetRemainingAsync.";

        /// <summary>DDB305, on a low-level Query / Scan / ExecuteStatement whose Items are read but whose continuation is not.</summary>
        public static readonly DiagnosticDescriptor UnpagedResponse = Create(
            DiagnosticIds.UnpagedQueryResult,
            title: UnpagedQueryTitle,
            messageFormat: "{0} returns one page of at most 1 MB, but its Items are read and its {1} never is: once the result outgrows a page, the remaining items are silently missing",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: UnpagedQueryDescription);

        /// <summary>DDB305, on GetNextSet(Async) of a search that is read once without checking IsDone.</summary>
        public static readonly DiagnosticDescriptor UnpagedSearch = Create(
            DiagnosticIds.UnpagedQueryResult,
            title: UnpagedQueryTitle,
            messageFormat: "{0} reads only the first page (at most 1 MB) of the results of {1}, and IsDone is never checked: once the result outgrows a page, the remaining items are silently missing",
            category: DiagnosticCategories.Limits,
            severity: DiagnosticSeverity.Warning,
            description: UnpagedQueryDescription);

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
