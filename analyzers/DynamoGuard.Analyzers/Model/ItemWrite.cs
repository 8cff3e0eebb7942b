using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>The SDK surface a single-item write goes through.</summary>
    internal enum WriteSurface
    {
        /// <summary><c>client.PutItemAsync(new PutItemRequest { ... })</c> (and UpdateItem / DeleteItem, sync or async).</summary>
        ClientRequest,

        /// <summary><c>client.PutItemAsync(tableName, item)</c>: a convenience overload, which can never carry a condition.</summary>
        ClientConvenience,

        /// <summary>The <c>Put</c> / <c>Update</c> / <c>Delete</c> member of a <c>TransactWriteItem</c>.</summary>
        TransactItem,

        /// <summary>Document model: <c>table.PutItemAsync(document[, config])</c> and UpdateItem / DeleteItem.</summary>
        DocumentTable,
    }

    /// <summary>How much the method shows of one part of a write (a property, a map).</summary>
    internal enum PartState
    {
        /// <summary>The method does not set it.</summary>
        Absent,

        /// <summary>Set to a value the method shows completely (a constant string, a map built in the method).</summary>
        Known,

        /// <summary>Set to something the method cannot see through (a parameter, a call, a non-constant string).</summary>
        Unknown,
    }

    /// <summary>A string part of a write (ConditionExpression, UpdateExpression): its state and, when known, its text.</summary>
    internal readonly struct TextPart
    {
        public TextPart(PartState state, string? text, IOperation? value)
        {
            State = state;
            Text = text;
            Value = value;
        }

        public PartState State { get; }

        /// <summary>The constant text when <see cref="State"/> is Known.</summary>
        public string? Text { get; }

        /// <summary>The operation that provides the value, when the method sets it.</summary>
        public IOperation? Value { get; }

        public static TextPart Read(IOperation? value)
        {
            if (value is null || value.IsConstantNull())
            {
                return new TextPart(PartState.Absent, null, value);
            }

            return ValueResolver.TryGetString(value, out var text)
                ? new TextPart(PartState.Known, text, value)
                : new TextPart(PartState.Unknown, null, value);
        }
    }

    /// <summary>
    /// A map part of a write (Item, Key, ExpressionAttributeNames, ExpressionAttributeValues, Expected, AttributeUpdates,
    /// a Document): the entries whose keys are constants, and whether the method shows all of them.
    /// </summary>
    internal sealed class MapPart
    {
        private static readonly List<MapEntry> NoEntries = new List<MapEntry>();

        private MapPart(PartState state, List<MapEntry> entries, bool isComplete, IOperation? value, ObjectBuildUp? buildUp)
        {
            State = state;
            Entries = entries;
            IsComplete = isComplete;
            Value = value;
            BuildUp = buildUp;
        }

        public static MapPart Absent { get; } = new MapPart(PartState.Absent, NoEntries, isComplete: true, null, null);

        public PartState State { get; }

        /// <summary>Entries with constant keys, in source order.</summary>
        public IReadOnlyList<MapEntry> Entries { get; }

        /// <summary>True when every entry of the map is in <see cref="Entries"/> (no unknown key, no escape).</summary>
        public bool IsComplete { get; }

        /// <summary>The operation that provides the map, when the method sets it.</summary>
        public IOperation? Value { get; }

        /// <summary>How the method builds the map, when it does.</summary>
        public ObjectBuildUp? BuildUp { get; }

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        /// <summary>The value of the last entry with this key.</summary>
        public bool TryGetValue(string key, out IOperation value)
        {
            value = null!;
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                {
                    value = entry.Value;
                }
            }

            return value is not null;
        }

        /// <summary>The map as a name lookup (for ExpressionAttributeNames): placeholder to attribute name, constants only.</summary>
        public Dictionary<string, string> ToNameMap()
        {
            var names = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (var entry in Entries)
            {
                if (ValueResolver.TryGetString(entry.Value, out var name))
                {
                    names[entry.Key] = name;
                }
            }

            return names;
        }

        public static MapPart Read(IOperation? value)
        {
            if (value is null || value.IsConstantNull())
            {
                return Absent;
            }

            var buildUp = ObjectBuildUp.TryCreate(value);
            if (buildUp is null)
            {
                return new MapPart(PartState.Unknown, NoEntries, isComplete: false, value, null);
            }

            var entries = new List<MapEntry>(buildUp.Entries.Count);
            var isComplete = buildUp.IsComplete && !CopiesAnotherMap(buildUp.Creation);
            foreach (var entry in buildUp.Entries)
            {
                if (ValueResolver.TryGetString(entry.Key, out var key))
                {
                    entries.Add(new MapEntry(key, entry.Value.WalkDownConversions(), entry.Operation));
                }
                else
                {
                    isComplete = false;
                }
            }

            return new MapPart(PartState.Known, entries, isComplete, value, buildUp);
        }

        /// <summary><c>new Dictionary&lt;,&gt;(other)</c>, <c>new Document(values)</c>: entries the method does not show.</summary>
        private static bool CopiesAnotherMap(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                var type = argument.Parameter?.Type;
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && type is not null
                    && type.SpecialType != SpecialType.System_Int32
                    && !type.Name.EndsWith("Comparer", System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>One entry of a <see cref="MapPart"/>: a constant key and the value the method gives it.</summary>
    internal readonly struct MapEntry
    {
        public MapEntry(string key, IOperation value, IOperation operation)
        {
            Key = key;
            Value = value;
            Operation = operation;
        }

        public string Key { get; }

        /// <summary>The value, conversions removed.</summary>
        public IOperation Value { get; }

        /// <summary>The initializer element, indexer assignment or Add call that puts the entry in.</summary>
        public IOperation Operation { get; }
    }

    /// <summary>
    /// One write of one item (PutItem, UpdateItem or DeleteItem) as the method builds it, whatever the SDK surface:
    /// low-level request object or convenience overload, TransactWriteItem member, or document-model Table call.
    /// Created by <see cref="TryRead(IInvocationOperation, DynamoDbModel)"/> and
    /// <see cref="TryRead(IObjectCreationOperation, DynamoDbModel)"/>, which return null when the write is built
    /// outside the method (a request passed in or returned by a helper): rules do not guess about such writes.
    /// </summary>
    internal sealed class ItemWrite
    {
        private ItemWrite(DynamoOperation kind, WriteSurface surface, IOperation operation)
        {
            Kind = kind;
            Surface = surface;
            Operation = operation;
        }

        /// <summary>PutItem, UpdateItem or DeleteItem.</summary>
        public DynamoOperation Kind { get; }

        public WriteSurface Surface { get; }

        /// <summary>The SDK call (client, table) or, for a transaction member, the <c>new Put/Update/Delete</c>.</summary>
        public IOperation Operation { get; }

        /// <summary>The request / transaction member / document-model operation config, when the method builds one.</summary>
        public ObjectBuildUp? Request { get; private set; }

        /// <summary>For the document model, the operation config argument (null when the call passes none).</summary>
        public IArgumentOperation? ConfigArgument { get; private set; }

        /// <summary>For the document model, the ConditionalExpression object (Expression), when the method builds one.</summary>
        public ObjectBuildUp? DocumentExpression { get; private set; }

        /// <summary>The table name when it is a constant (literal, const, once-assigned local).</summary>
        public string? TableName { get; private set; }

        /// <summary>The attributes a Put stores (Item, or the Document), or the attributes a document-model update sets.</summary>
        public MapPart Attributes { get; private set; } = MapPart.Absent;

        /// <summary>The Key of an update or delete.</summary>
        public MapPart Key { get; private set; } = MapPart.Absent;

        public TextPart Condition { get; private set; }

        public TextPart UpdateExpression { get; private set; }

        public MapPart Names { get; private set; } = MapPart.Absent;

        public MapPart Values { get; private set; } = MapPart.Absent;

        /// <summary>Legacy Expected (request) or Expected document (document model).</summary>
        public MapPart Expected { get; private set; } = MapPart.Absent;

        /// <summary>Legacy AttributeUpdates of an UpdateItem.</summary>
        public MapPart AttributeUpdates { get; private set; } = MapPart.Absent;

        /// <summary>Document model: ExpectedState is set (a legacy condition DynamoGuard does not read).</summary>
        public bool HasExpectedState { get; private set; }

        /// <summary>The location to report a finding at: the method name of the call, or the type of <c>new Put</c>.</summary>
        public Location GetReportLocation() => GetReportLocation(Operation.Syntax);

        public static Location GetReportLocation(SyntaxNode syntax)
        {
            switch (syntax)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation:
                    return invocation.Expression switch
                    {
                        Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.GetLocation(),
                        Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax binding => binding.Name.GetLocation(),
                        var expression => expression.GetLocation(),
                    };
                case Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax creation:
                    return creation.Type.GetLocation();
                default:
                    return syntax.GetLocation();
            }
        }

        /// <summary>Reads a PutItem / UpdateItem / DeleteItem call of the low-level client or of a document-model Table.</summary>
        public static ItemWrite? TryRead(IInvocationOperation invocation, DynamoDbModel model)
        {
            var method = invocation.TargetMethod;
            var kind = model.GetClientOperation(method);
            if (kind is DynamoOperation.PutItem or DynamoOperation.UpdateItem or DynamoOperation.DeleteItem)
            {
                return ReadClientCall(invocation, kind);
            }

            kind = model.GetTableOperation(method);
            if (kind is DynamoOperation.PutItem or DynamoOperation.UpdateItem or DynamoOperation.DeleteItem)
            {
                return ReadTableCall(invocation, kind, model);
            }

            return null;
        }

        /// <summary>
        /// Reads the <c>new Put / Update / Delete { ... }</c> of a TransactWriteItem, when the method puts it into a
        /// TransactWriteItem (inline, or through a local) and shows everything done to it.
        /// </summary>
        public static ItemWrite? TryRead(IObjectCreationOperation creation, DynamoDbModel model)
        {
            var type = creation.Type;
            DynamoOperation kind;
            if (SymbolEqualityComparer.Default.Equals(type, model.TransactPut))
            {
                kind = DynamoOperation.PutItem;
            }
            else if (SymbolEqualityComparer.Default.Equals(type, model.TransactUpdate))
            {
                kind = DynamoOperation.UpdateItem;
            }
            else if (SymbolEqualityComparer.Default.Equals(type, model.TransactDelete))
            {
                kind = DynamoOperation.DeleteItem;
            }
            else
            {
                return null;
            }

            var buildUp = ObjectBuildUp.TryCreateForCreation(creation);
            if (buildUp is null || !buildUp.IsComplete || !IsPutIntoTransactWriteItem(creation, buildUp, model))
            {
                return null;
            }

            var write = new ItemWrite(kind, WriteSurface.TransactItem, creation);
            write.ReadRequest(buildUp);
            return write;
        }

        private static ItemWrite? ReadClientCall(IInvocationOperation invocation, DynamoOperation kind)
        {
            var request = DynamoDbModel.GetRequestArgument(invocation);
            if (request is not null)
            {
                var buildUp = ObjectBuildUp.TryCreate(request);
                if (buildUp is null || !buildUp.IsComplete)
                {
                    return null;
                }

                var write = new ItemWrite(kind, WriteSurface.ClientRequest, invocation);
                write.ReadRequest(buildUp);
                return write;
            }

            var convenience = new ItemWrite(kind, WriteSurface.ClientConvenience, invocation);
            if (DynamoDbModel.GetArgumentByParameterName(invocation, "tableName") is { } table && ValueResolver.TryGetString(table, out var tableName))
            {
                convenience.TableName = tableName;
            }

            convenience.Attributes = MapPart.Read(DynamoDbModel.GetArgumentByParameterName(invocation, "item"));
            convenience.Key = MapPart.Read(DynamoDbModel.GetArgumentByParameterName(invocation, "key"));
            convenience.AttributeUpdates = MapPart.Read(DynamoDbModel.GetArgumentByParameterName(invocation, "attributeUpdates"));
            return convenience;
        }

        private void ReadRequest(ObjectBuildUp request)
        {
            Request = request;
            if (request.GetValue("TableName") is { } table && ValueResolver.TryGetString(table, out var tableName))
            {
                TableName = tableName;
            }

            if (Kind == DynamoOperation.PutItem)
            {
                Attributes = MapPart.Read(request.GetValue("Item"));
            }
            else
            {
                Key = MapPart.Read(request.GetValue("Key"));
            }

            Condition = TextPart.Read(request.GetValue("ConditionExpression"));
            Names = MapPart.Read(request.GetValue("ExpressionAttributeNames"));
            Values = MapPart.Read(request.GetValue("ExpressionAttributeValues"));
            Expected = MapPart.Read(request.GetValue("Expected"));
            if (Kind == DynamoOperation.UpdateItem)
            {
                UpdateExpression = TextPart.Read(request.GetValue("UpdateExpression"));
                AttributeUpdates = MapPart.Read(request.GetValue("AttributeUpdates"));
            }
        }

        private static ItemWrite? ReadTableCall(IInvocationOperation invocation, DynamoOperation kind, DynamoDbModel model)
        {
            var write = new ItemWrite(kind, WriteSurface.DocumentTable, invocation);
            foreach (var argument in invocation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (parameterType is null)
                {
                    continue;
                }

                if (parameterType.Name.EndsWith("DocumentOperationRequest", System.StringComparison.Ordinal))
                {
                    // The newer request-object overloads: not read (yet), so no guess.
                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(parameterType, model.Document) && argument.Parameter!.Ordinal == 0 && kind != DynamoOperation.DeleteItem)
                {
                    write.Attributes = MapPart.Read(argument.Value);
                }
                else if (SymbolEqualityComparer.Default.Equals(parameterType, model.PutItemOperationConfig)
                    || SymbolEqualityComparer.Default.Equals(parameterType, model.UpdateItemOperationConfig)
                    || SymbolEqualityComparer.Default.Equals(parameterType, model.DeleteItemOperationConfig))
                {
                    write.ConfigArgument = argument;
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Value.IsConstantNull())
                    {
                        continue;
                    }

                    var config = ObjectBuildUp.TryCreate(argument.Value);
                    if (config is null || !config.IsComplete)
                    {
                        return null;
                    }

                    write.ReadOperationConfig(config);
                }
            }

            write.TableName = GetDocumentTableName(invocation.Instance);
            return write;
        }

        private void ReadOperationConfig(ObjectBuildUp config)
        {
            Request = config;
            Expected = MapPart.Read(config.GetValue("Expected"));
            HasExpectedState = config.GetValue("ExpectedState") is { } state && !state.IsConstantNull();
            var expression = config.GetValue("ConditionalExpression");
            if (expression is null || expression.IsConstantNull())
            {
                return;
            }

            var buildUp = ObjectBuildUp.TryCreate(expression);
            if (buildUp is null || !buildUp.IsComplete)
            {
                Condition = new TextPart(PartState.Unknown, null, expression);
                return;
            }

            DocumentExpression = buildUp;
            Condition = TextPart.Read(buildUp.GetValue("ExpressionStatement"));
            Names = MapPart.Read(buildUp.GetValue("ExpressionAttributeNames"));
            Values = MapPart.Read(buildUp.GetValue("ExpressionAttributeValues"));
        }

        /// <summary>
        /// The table name of a document-model Table held in a local: <c>Table.LoadTable(client, "name")</c> or
        /// <c>new TableBuilder(client, "name")...Build()</c>. Null for anything else (fields, parameters).
        /// </summary>
        private static string? GetDocumentTableName(IOperation? instance)
        {
            if (instance is null)
            {
                return null;
            }

            var current = ValueResolver.Resolve(instance);
            for (var hop = 0; hop < 8; hop++)
            {
                switch (current)
                {
                    case IInvocationOperation call when call.TargetMethod.Name is "LoadTable" or "TryLoadTable" || call.TargetMethod.ContainingType?.Name is "TableBuilder" or "ITableBuilder":
                        if (DynamoDbModel.GetArgumentByParameterName(call, "tableName") is { } name)
                        {
                            return ValueResolver.TryGetString(name, out var tableName) ? tableName : null;
                        }

                        if (call.Instance is null)
                        {
                            return null;
                        }

                        current = ValueResolver.Resolve(call.Instance);
                        break;
                    case IObjectCreationOperation creation when creation.Type?.Name == "TableBuilder":
                        foreach (var argument in creation.Arguments)
                        {
                            if (argument.Parameter?.Name == "tableName")
                            {
                                return ValueResolver.TryGetString(argument.Value, out var tableName) ? tableName : null;
                            }
                        }

                        return null;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>True when the transaction member is stored in a TransactWriteItem's Put / Update / Delete in this method.</summary>
        private static bool IsPutIntoTransactWriteItem(IObjectCreationOperation creation, ObjectBuildUp buildUp, DynamoDbModel model)
        {
            if (buildUp.Local is null)
            {
                var parent = creation.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                return parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target }
                    && SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, model.TransactWriteItem);
            }

            foreach (var operation in creation.GetRoot().Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                    && assignment.Value.WalkDownConversions() is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, buildUp.Local)
                    && SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, model.TransactWriteItem))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
