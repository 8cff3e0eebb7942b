using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>The SDK surface a single-item read goes through.</summary>
    internal enum ReadSurface
    {
        /// <summary><c>client.GetItemAsync(new GetItemRequest { ... })</c> or <c>client.GetItemAsync(tableName, key)</c>: the response's <c>Item</c> map.</summary>
        Client,

        /// <summary>Document model: <c>table.GetItemAsync(hashKey[, rangeKey])</c> or <c>table.GetItemAsync(keyMap)</c>: a Document.</summary>
        Table,

        /// <summary>Object persistence model: <c>context.LoadAsync&lt;T&gt;(hashKey[, rangeKey])</c>: an object of T.</summary>
        Context,
    }

    /// <summary>
    /// One read of one item, as the method makes it: which table and key it reads, so a later write can be matched
    /// to the same item. Created by <see cref="TryRead"/>, which returns null for anything that is not a single-item read
    /// (or whose request the method does not show completely).
    /// </summary>
    internal sealed class ItemRead
    {
        private ItemRead(ReadSurface surface, IInvocationOperation invocation)
        {
            Surface = surface;
            Invocation = invocation;
        }

        public ReadSurface Surface { get; }

        /// <summary>The GetItem / LoadAsync call.</summary>
        public IInvocationOperation Invocation { get; }

        /// <summary>The request object, when the read passes one built in the method.</summary>
        public ObjectBuildUp? Request { get; private set; }

        /// <summary>The table name operation (request TableName, tableName argument); null for the document and object models.</summary>
        public IOperation? TableName { get; private set; }

        /// <summary>The key map (low-level Key, or the document model's key dictionary), or null.</summary>
        public IOperation? Key { get; private set; }

        /// <summary>The key values of the document model's <c>GetItemAsync(hashKey[, rangeKey])</c> and of <c>LoadAsync&lt;T&gt;(hashKey[, rangeKey])</c>.</summary>
        public ImmutableArray<IOperation> KeyValues { get; private set; } = ImmutableArray<IOperation>.Empty;

        /// <summary>The object persistence model's item type.</summary>
        public ITypeSymbol? ItemType { get; private set; }

        /// <summary>The configuration argument of LoadAsync / GetItemAsync (LoadConfig, GetItemOperationConfig...), when one is passed.</summary>
        public IOperation? Config { get; private set; }

        /// <summary>The name of the read as users know it: GetItem, LoadAsync..., or <c>Type.Method</c> for a helper.</summary>
        public string OperationName => Helper is not null || HelperLoad is not null
            ? Invocation.TargetMethod.ContainingType.Name + "." + Invocation.TargetMethod.Name
            : Invocation.TargetMethod.Name;

        /// <summary>For a call to a source method that returns a number an attribute held (see <see cref="Flow.MethodSummary"/>): what it reads.</summary>
        public Flow.ReturnedNumber? Helper { get; private set; }

        /// <summary>For a call to a source method that returns an object a context loaded: that Load.</summary>
        public SyntaxNode? HelperLoad { get; private set; }

        /// <summary>True when the read happens in another method, which <see cref="Invocation"/> calls.</summary>
        public bool IsAcrossMethods => Helper is not null || HelperLoad is not null;

        /// <summary>A call to a helper that returns the number <paramref name="number"/> describes.</summary>
        public static ItemRead ForHelperNumber(IInvocationOperation invocation, Flow.ReturnedNumber number)
            => new ItemRead(ReadSurface.Client, invocation) { Helper = number };

        /// <summary>A call to a helper that returns the object a context Load returned; the item type is the call's result type.</summary>
        public static ItemRead? ForHelperLoad(IInvocationOperation invocation, SyntaxNode load)
        {
            var type = invocation.Type;
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Task" or "ValueTask" } task)
            {
                type = task.TypeArguments[0];
            }

            return type is INamedTypeSymbol { TypeKind: TypeKind.Class }
                ? new ItemRead(ReadSurface.Context, invocation) { ItemType = type, HelperLoad = load }
                : null;
        }

        public static ItemRead? TryRead(IInvocationOperation invocation, DynamoDbModel model)
        {
            var method = invocation.TargetMethod;
            if (model.GetClientOperation(method) == DynamoOperation.GetItem)
            {
                return ReadClientCall(invocation);
            }

            if (model.GetTableOperation(method) == DynamoOperation.GetItem)
            {
                return ReadTableCall(invocation, model);
            }

            if (method.IsGenericMethod && model.IsContextMethod(method, "Load"))
            {
                return ReadContextCall(invocation);
            }

            return null;
        }

        private static ItemRead? ReadClientCall(IInvocationOperation invocation)
        {
            var read = new ItemRead(ReadSurface.Client, invocation);
            var request = DynamoDbModel.GetRequestArgument(invocation);
            if (request is not null)
            {
                var buildUp = ObjectBuildUp.TryCreate(request);
                if (buildUp is null || !buildUp.IsComplete)
                {
                    return null;
                }

                read.Request = buildUp;
                read.TableName = buildUp.GetValue("TableName");
                read.Key = buildUp.GetValue("Key");
            }
            else
            {
                read.TableName = DynamoDbModel.GetArgumentByParameterName(invocation, "tableName");
                read.Key = DynamoDbModel.GetArgumentByParameterName(invocation, "key");
            }

            return read.TableName is null || read.Key is null ? null : read;
        }

        private static ItemRead? ReadTableCall(IInvocationOperation invocation, DynamoDbModel model)
        {
            var read = new ItemRead(ReadSurface.Table, invocation);
            var keyValues = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var argument in invocation.Arguments)
            {
                var type = argument.Parameter?.Type;
                if (type is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (type.Name.EndsWith("DocumentOperationRequest", System.StringComparison.Ordinal))
                {
                    return null;
                }

                if (type.Name == "Primitive")
                {
                    keyValues.Add(argument.Value);
                }
                else if (type.Name == "IDictionary")
                {
                    read.Key = argument.Value;
                }
                else if (type.Name.EndsWith("Config", System.StringComparison.Ordinal))
                {
                    read.Config = argument.Value;
                }
            }

            read.KeyValues = keyValues.ToImmutable();
            return invocation.Instance is null || (read.Key is null && read.KeyValues.IsEmpty) ? null : read;
        }

        private static ItemRead? ReadContextCall(IInvocationOperation invocation)
        {
            var read = new ItemRead(ReadSurface.Context, invocation) { ItemType = invocation.TargetMethod.TypeArguments[0] };
            var keyValues = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var argument in invocation.Arguments)
            {
                var type = argument.Parameter?.Type;
                if (type is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.TypeParameter)
                {
                    keyValues.Add(argument.Value);
                }
                else if (type.Name.EndsWith("Config", System.StringComparison.Ordinal))
                {
                    read.Config = argument.Value;
                }
            }

            read.KeyValues = keyValues.ToImmutable();
            return read.KeyValues.IsEmpty ? null : read;
        }
    }
}
