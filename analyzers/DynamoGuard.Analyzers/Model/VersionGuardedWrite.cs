using System;
using DynamoGuard.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>How a version-guarded write reaches DynamoDB.</summary>
    internal enum GuardedWriteSurface
    {
        /// <summary><c>context.SaveAsync(obj)</c> / <c>context.DeleteAsync(obj)</c> of a [DynamoDBVersion] type, check on.</summary>
        ObjectModel,

        /// <summary><c>table.PutItemAsync / UpdateItemAsync / DeleteItemAsync</c> whose ConditionalExpression (or Expected) checks the version.</summary>
        DocumentModel,

        /// <summary><c>client.PutItemAsync / UpdateItemAsync / DeleteItemAsync</c> whose ConditionExpression (or Expected) checks the version.</summary>
        LowLevel,

        /// <summary><c>client.TransactWriteItemsAsync</c> with a Put / Update / Delete member whose condition checks the version.</summary>
        LowLevelTransaction,

        /// <summary><c>transaction.ExecuteAsync()</c> of <c>context.CreateTransactWrite&lt;T&gt;()</c> for a [DynamoDBVersion] type, check on.</summary>
        ObjectModelTransaction,
    }

    /// <summary>
    /// A call that sends a write guarded by an optimistic-locking version, so that a concurrent change makes it throw
    /// (<see cref="DynamoDbModel.ConditionalCheckFailedException"/>, or <see cref="DynamoDbModel.TransactionCanceledException"/>
    /// for a transaction) instead of overwriting. Whatever the method does not show (a request or configuration from
    /// elsewhere, a condition built at run time) does not count as guarded: rules built on this stay silent.
    /// </summary>
    internal sealed class VersionGuardedWrite
    {
        private VersionGuardedWrite(IInvocationOperation invocation, GuardedWriteSurface surface, string guard)
        {
            Invocation = invocation;
            Surface = surface;
            Guard = guard;
        }

        /// <summary>The SDK call that sends the write (for an object-model transaction, its Execute / ExecuteAsync).</summary>
        public IInvocationOperation Invocation { get; }

        public GuardedWriteSurface Surface { get; }

        /// <summary>What guards it, for messages: "the [DynamoDBVersion] property 'Version' of 'Playlist'", "a condition on 'version'".</summary>
        public string Guard { get; }

        /// <summary>True when a conflict fails the write with TransactionCanceledException rather than ConditionalCheckFailedException.</summary>
        public bool IsTransaction => IsTransactionSurface(Surface);

        /// <summary>True for the surfaces whose conflict is a TransactionCanceledException.</summary>
        public static bool IsTransactionSurface(GuardedWriteSurface surface)
            => surface is GuardedWriteSurface.LowLevelTransaction or GuardedWriteSurface.ObjectModelTransaction;

        /// <summary>Recognises <paramref name="invocation"/> as a version-guarded write, or returns null.</summary>
        /// <param name="names">The version-name option of the rule asking, for writes to tables no [DynamoDBVersion] class maps.</param>
        public static VersionGuardedWrite? TryRead(IInvocationOperation invocation, DynamoDbModel model, VersionAttributeNames names)
        {
            var method = invocation.TargetMethod;
            if (model.TryGetVersionCheckedWrite(invocation, out var itemType, out var config))
            {
                // CreateTransactWrite only builds the transaction; its Execute sends it (below).
                if (method.Name.StartsWith("CreateTransactWrite", StringComparison.Ordinal)
                    || model.GetVersionProperty(itemType) is not { } versionProperty
                    || model.GetSkipVersionCheckState(config) != false)
                {
                    return null;
                }

                return new VersionGuardedWrite(invocation, GuardedWriteSurface.ObjectModel, Describe(versionProperty, itemType!));
            }

            var operation = model.GetClientOperation(method);
            if (operation == DynamoOperation.None)
            {
                operation = model.GetTableOperation(method);
            }

            switch (operation)
            {
                case DynamoOperation.PutItem:
                case DynamoOperation.UpdateItem:
                case DynamoOperation.DeleteItem:
                    if (ItemWrite.TryRead(invocation, model) is { } write && FindGuardingVersion(write, model, names) is { } version)
                    {
                        return new VersionGuardedWrite(
                            invocation,
                            write.Surface == WriteSurface.DocumentTable ? GuardedWriteSurface.DocumentModel : GuardedWriteSurface.LowLevel,
                            "a condition on '" + version + "'");
                    }

                    return null;

                case DynamoOperation.TransactWriteItems:
                    return TryReadClientTransaction(invocation, model, names);

                case DynamoOperation.None when method.Name is "Execute" or "ExecuteAsync":
                    return TryReadContextTransaction(invocation, model);

                default:
                    return null;
            }
        }

        private static string Describe(IPropertySymbol versionProperty, ITypeSymbol itemType)
            => "the [DynamoDBVersion] property '" + versionProperty.Name + "' of '" + itemType.Name + "'";

        private static string? FindGuardingVersion(ItemWrite write, DynamoDbModel model, VersionAttributeNames names)
            => VersionConditions.FindGuardingVersion(write, WriteExpressions.Parse(write), model.GetVersionedTable(write.TableName), names);

        /// <summary>
        /// TransactWriteItems whose members the method builds (<c>new Put / Update / Delete { ... }</c> put into a
        /// TransactWriteItem): guarded when one of them checks a version.
        /// </summary>
        private static VersionGuardedWrite? TryReadClientTransaction(IInvocationOperation invocation, DynamoDbModel model, VersionAttributeNames names)
        {
            if (model.TransactWriteItem is null)
            {
                return null;
            }

            foreach (var operation in invocation.GetRoot().Descendants())
            {
                if (operation is IObjectCreationOperation creation
                    && ItemWrite.TryRead(creation, model) is { } member
                    && FindGuardingVersion(member, model, names) is { } version)
                {
                    return new VersionGuardedWrite(invocation, GuardedWriteSurface.LowLevelTransaction, "a condition on '" + version + "'");
                }
            }

            return null;
        }

        /// <summary>
        /// <c>transaction.Execute[Async]()</c> where the local <c>transaction</c> is <c>context.CreateTransactWrite&lt;T&gt;()</c>
        /// of a versioned T without SkipVersionCheck, and the method adds an item whose version the SDK checks
        /// (AddSaveItem(s), AddDeleteItem(s), AddVersionCheckItem(s); not AddDeleteKey, which sends no version).
        /// </summary>
        private static VersionGuardedWrite? TryReadContextTransaction(IInvocationOperation invocation, DynamoDbModel model)
        {
            var containing = invocation.TargetMethod.ContainingType;
            if (containing is null
                || containing.ContainingNamespace?.ToDisplayString() != "Amazon.DynamoDBv2.DataModel"
                || !containing.Name.EndsWith("TransactWrite", StringComparison.Ordinal)
                || containing.Name.StartsWith("MultiTable", StringComparison.Ordinal)
                || invocation.Instance?.WalkDownConversions() is not ILocalReferenceOperation transaction
                || ValueResolver.Resolve(transaction) is not IInvocationOperation create
                || !create.TargetMethod.Name.StartsWith("CreateTransactWrite", StringComparison.Ordinal)
                || !model.TryGetVersionCheckedWrite(create, out var itemType, out var config)
                || model.GetVersionProperty(itemType) is not { } versionProperty
                || model.GetSkipVersionCheckState(config) != false)
            {
                return null;
            }

            foreach (var operation in invocation.GetRoot().Descendants())
            {
                if (operation is IInvocationOperation { Instance: ILocalReferenceOperation target } add
                    && SymbolEqualityComparer.Default.Equals(target.Local, transaction.Local)
                    && (add.TargetMethod.Name.StartsWith("AddSaveItem", StringComparison.Ordinal)
                        || add.TargetMethod.Name.StartsWith("AddDeleteItem", StringComparison.Ordinal)
                        || add.TargetMethod.Name.StartsWith("AddVersionCheckItem", StringComparison.Ordinal)))
                {
                    return new VersionGuardedWrite(invocation, GuardedWriteSurface.ObjectModelTransaction, Describe(versionProperty, itemType!));
                }
            }

            return null;
        }
    }
}
