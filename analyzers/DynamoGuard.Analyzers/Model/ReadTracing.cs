using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>What a value that comes from a single-item read is.</summary>
    internal enum ReadValueKind
    {
        /// <summary>The low-level GetItem response.</summary>
        Response,

        /// <summary>The response's <c>Item</c> map (<c>Dictionary&lt;string, AttributeValue&gt;</c>).</summary>
        ItemMap,

        /// <summary>The document model's Document.</summary>
        Document,

        /// <summary>The object persistence model's loaded object.</summary>
        Object,
    }

    /// <summary>A value that is (a part of) what a single-item read returned.</summary>
    internal readonly struct ReadSource
    {
        public ReadSource(ItemRead read, ReadValueKind kind)
        {
            Read = read;
            Kind = kind;
        }

        public ItemRead Read { get; }

        public ReadValueKind Kind { get; }

        public bool IsSameRead(ReadSource other) => Read.Invocation == other.Read.Invocation;
    }

    /// <summary>
    /// Follows values inside one method back to the single-item read they come from: the read's result (through
    /// <c>await</c>, <c>ConfigureAwait</c> and once-assigned locals), its item map or document, one attribute of it
    /// (<c>item["views"]</c>, <c>doc["views"]</c>, <c>item.TryGetValue("views", out var v)</c>), or a loaded object.
    /// Anything else (parameters, fields, results of other calls) has no read source.
    /// </summary>
    internal static class ReadTracing
    {
        private const int MaxDepth = 8;

        /// <summary>The read whose result <paramref name="operation"/> is, or its response's Item map.</summary>
        public static bool TryGetSource(IOperation operation, DynamoDbModel model, out ReadSource source)
            => TryGetSource(operation, model, 0, out source);

        /// <summary>
        /// True when <paramref name="operation"/> is one attribute of a read's item map or document: <c>item["views"]</c>,
        /// <c>doc["views"]</c>, <c>item?["views"]</c>, a once-assigned local holding one, or the <c>out</c> variable of
        /// <c>item.TryGetValue("views", out var v)</c>. The attribute name must be a constant.
        /// </summary>
        /// <param name="access">The indexer (or TryGetValue call) that reads the attribute.</param>
        public static bool TryGetAttribute(IOperation operation, DynamoDbModel model, out ReadSource source, out string attribute, out IOperation access)
            => TryGetAttribute(operation, model, 0, out source, out attribute, out access);

        /// <summary>
        /// True when <paramref name="operation"/> is the number text of a read attribute: <c>item["views"].N</c>
        /// (or <c>.S</c>), directly or through a once-assigned local.
        /// </summary>
        public static bool TryGetNumberText(IOperation operation, DynamoDbModel model, out ReadSource source, out string attribute, out IOperation access)
        {
            source = default;
            attribute = string.Empty;
            access = null!;
            var resolved = ValueResolver.Resolve(operation);
            if (resolved is IConditionalAccessOperation conditional)
            {
                resolved = conditional.WhenNotNull.WalkDownConversions();
            }

            return resolved is IPropertyReferenceOperation { Property.Name: "N" or "S", Instance: { } instance }
                && TryGetAttribute(UnwrapInstance(instance), model, 0, out source, out attribute, out access)
                && source.Kind == ReadValueKind.ItemMap;
        }

        /// <summary>
        /// The receiver a member access really reads: for <c>x?.Member</c>, the <c>x</c> of the conditional access
        /// (Roslyn represents the receiver as a placeholder). The placeholder belongs to the nearest conditional access
        /// whose <c>WhenNotNull</c> part holds it (in <c>a?.b?.c</c>, the receiver of <c>c</c> is <c>a?.b</c>'s <c>b</c>);
        /// the placeholder's syntax is the receiver's, so containment is decided on the operation tree, not on spans.
        /// </summary>
        public static IOperation UnwrapInstance(IOperation instance)
        {
            if (instance is IConditionalAccessInstanceOperation)
            {
                var child = instance;
                for (var parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
                {
                    if (parent is IConditionalAccessOperation access && access.WhenNotNull == child)
                    {
                        return access.Operation;
                    }
                }
            }

            return instance;
        }

        private static bool TryGetSource(IOperation operation, DynamoDbModel model, int depth, out ReadSource source)
        {
            source = default;
            if (depth > MaxDepth)
            {
                return false;
            }

            var current = ValueResolver.Resolve(UnwrapInstance(operation));
            if (current is ILocalReferenceOperation reassigned && ValueResolver.FindHeldValue(reassigned, out var createdWhenNull) is { } held)
            {
                if (createdWhenNull is not null)
                {
                    // var c = await context.LoadAsync<Counter>(id); if (c == null) c = new Counter { Id = id };
                    return TryGetSource(held, model, depth + 1, out source) && source.Kind == ReadValueKind.Object;
                }

                // var c = new Counter(...); c = await context.LoadAsync<Counter>(c.Id); ... c.Hits
                current = ValueResolver.Resolve(held);
            }

            switch (current)
            {
                case IAwaitOperation awaited:
                    return TryGetCallSource(awaited.Operation.WalkDownConversions(), model, out source);
                case IInvocationOperation call:
                    return TryGetCallSource(call, model, out source);
                case IPropertyReferenceOperation { Property.Name: "Item", Property.IsIndexer: false, Instance: { } instance }
                    when TryGetSource(instance, model, depth + 1, out var response) && response.Kind == ReadValueKind.Response:
                    source = new ReadSource(response.Read, ReadValueKind.ItemMap);
                    return true;
                case IConditionalAccessOperation conditional:
                    return TryGetSource(conditional.WhenNotNull, model, depth + 1, out source);
                case ICoalesceOperation { WhenNull: var whenNull } getOrCreate
                    when whenNull.WalkDownConversions() is IObjectCreationOperation
                        && TryGetSource(getOrCreate.Value, model, depth + 1, out source)
                        && source.Kind == ReadValueKind.Object:
                    // await context.LoadAsync<Counter>(id) ?? new Counter { Id = id }: the loaded object whenever the item exists.
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The object a get-or-create read makes when the item is missing (<c>new Counter { Id = id }</c> of
        /// <c>await context.LoadAsync&lt;Counter&gt;(id) ?? new Counter { Id = id }</c>, or of
        /// <c>if (counter == null) counter = new Counter { Id = id };</c> after the Load), held in the local or member
        /// <paramref name="holder"/> refers to; null for a plain read. Fixes that assume the loaded object need it.
        /// </summary>
        public static IObjectCreationOperation? GetCreatedWhenMissing(IOperation holder)
        {
            IOperation? assigned = null;
            switch (holder.WalkDownConversions())
            {
                case ILocalReferenceOperation local:
                    assigned = ValueResolver.FindSingleInitializer(local.Local, local.GetRoot());
                    if (assigned is null)
                    {
                        assigned = ValueResolver.FindHeldValue(local, out var createdWhenNull);
                        if (createdWhenNull is not null)
                        {
                            return createdWhenNull;
                        }
                    }

                    break;
                case IMemberReferenceOperation member:
                    assigned = ValueResolver.FindReachingMemberValue(member);
                    break;
            }

            return assigned?.WalkDownConversions() is ICoalesceOperation coalesce
                ? coalesce.WhenNull.WalkDownConversions() as IObjectCreationOperation
                : null;
        }

        private static bool TryGetCallSource(IOperation operation, DynamoDbModel model, out ReadSource source)
        {
            source = default;
            if (operation is not IInvocationOperation call)
            {
                return false;
            }

            // await client.GetItemAsync(...).ConfigureAwait(false)
            if (call.TargetMethod.Name == "ConfigureAwait" && call.Instance?.WalkDownConversions() is IInvocationOperation inner)
            {
                call = inner;
            }

            var read = ItemRead.TryRead(call, model);
            if (read is null
                && model.Summaries is { } summaries
                && summaries.Get(call).ReturnedLoad is { } load)
            {
                // A repository method that returns the object a context loaded.
                read = ItemRead.ForHelperLoad(call, load);
            }

            if (read is null)
            {
                return false;
            }

            source = new ReadSource(read, read.Surface switch
            {
                ReadSurface.Client => ReadValueKind.Response,
                ReadSurface.Table => ReadValueKind.Document,
                _ => ReadValueKind.Object,
            });
            return true;
        }

        private static bool TryGetAttribute(IOperation operation, DynamoDbModel model, int depth, out ReadSource source, out string attribute, out IOperation access)
        {
            source = default;
            attribute = string.Empty;
            access = null!;
            if (depth > MaxDepth)
            {
                return false;
            }

            var current = operation.WalkDownConversions();
            if (current is ILocalReferenceOperation local)
            {
                if (ValueResolver.FindSingleInitializer(local.Local, current.GetRoot()) is { } initializer)
                {
                    return TryGetAttribute(initializer, model, depth + 1, out source, out attribute, out access);
                }

                return TryGetOutAttribute(local.Local, current.GetRoot(), model, depth, out source, out attribute, out access);
            }

            if (current is IConditionalAccessOperation conditional)
            {
                return TryGetAttribute(conditional.WhenNotNull, model, depth + 1, out source, out attribute, out access);
            }

            if (current is IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } indexer
                && ValueResolver.TryGetString(indexer.Arguments[0].Value, out attribute)
                && TryGetSource(instance, model, depth + 1, out source)
                && source.Kind is ReadValueKind.ItemMap or ReadValueKind.Document)
            {
                access = indexer;
                return true;
            }

            return false;
        }

        /// <summary>A local declared without initializer and set only as the out argument of <c>map.TryGetValue("attr", out local)</c>.</summary>
        private static bool TryGetOutAttribute(ILocalSymbol local, IOperation root, DynamoDbModel model, int depth, out ReadSource source, out string attribute, out IOperation access)
        {
            source = default;
            attribute = string.Empty;
            access = null!;
            IInvocationOperation? tryGet = null;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IArgumentOperation { Value: var value } argument when Refers(value, local):
                        if (argument.Parameter?.RefKind != RefKind.Out
                            || argument.Parent is not IInvocationOperation { TargetMethod.Name: "TryGetValue", Arguments.Length: 2 } call
                            || tryGet is not null)
                        {
                            return false;
                        }

                        tryGet = call;
                        break;
                    case IAssignmentOperation { Target: var target } when Refers(target, local):
                    case IIncrementOrDecrementOperation { Target: var incremented } when Refers(incremented, local):
                        return false;
                }
            }

            if (tryGet?.Instance is not { } instance
                || !ValueResolver.TryGetString(tryGet.Arguments[0].Value, out attribute)
                || !TryGetSource(instance, model, depth + 1, out source)
                || source.Kind is not (ReadValueKind.ItemMap or ReadValueKind.Document))
            {
                return false;
            }

            access = tryGet;
            return true;
        }

        private static bool Refers(IOperation operation, ILocalSymbol local)
        {
            var current = operation.WalkDownConversions();
            if (current is IDeclarationExpressionOperation declaration)
            {
                current = declaration.Expression;
            }

            return current switch
            {
                ILocalReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Local, local),
                _ => false,
            };
        }

        /// <summary>True for the simple numeric types a counter is kept in.</summary>
        public static bool IsNumericType(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type?.SpecialType is SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64
                or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64
                or SpecialType.System_Byte or SpecialType.System_SByte
                or SpecialType.System_Decimal or SpecialType.System_Double or SpecialType.System_Single;
        }

        /// <summary>The document model's numeric accessors: <c>AsInt()</c>, <c>AsLong()</c>, <c>AsDecimal()</c>...</summary>
        public static bool IsNumericEntryAccessor(string name) => name is "AsInt" or "AsLong" or "AsDecimal" or "AsDouble" or "AsSingle"
            or "AsShort" or "AsUShort" or "AsUInt" or "AsULong" or "AsByte" or "AsSByte";

        /// <summary>
        /// True when <paramref name="argument"/> is the <c>out</c> result of <c>int.TryParse(text, …, out n)</c>,
        /// <c>long.TryParse</c>… (text first, result last); <paramref name="text"/> is the parsed text.
        /// </summary>
        public static bool IsNumberTryParseResult(IArgumentOperation argument, out IOperation text)
        {
            text = null!;
            if (argument.Parameter is not { RefKind: RefKind.Out } parameter
                || argument.Parent is not IInvocationOperation { TargetMethod: { Name: "TryParse", IsStatic: true } method } call
                || !IsNumericType(method.ContainingType)
                || parameter.Ordinal != method.Parameters.Length - 1
                || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            foreach (var candidate in call.Arguments)
            {
                if (candidate.Parameter?.Ordinal == 0)
                {
                    text = candidate.Value;
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>int.Parse</c>, <c>long.Parse</c>... and <c>Convert.ToInt32</c>, <c>Convert.ToDecimal</c>...: the text-to-number conversions.</summary>
        public static bool IsNumberParse(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null || method.Parameters.Length == 0)
            {
                return false;
            }

            if (method.Name == "Parse" && IsNumericType(type))
            {
                return method.Parameters[0].Type.SpecialType == SpecialType.System_String;
            }

            return type.SpecialType == SpecialType.None
                && type.Name == "Convert"
                && type.ContainingNamespace?.Name == "System"
                && type.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true
                && method.Name.StartsWith("To", System.StringComparison.Ordinal)
                && IsNumericType(method.ReturnType);
        }
    }
}
