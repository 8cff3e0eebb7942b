using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Expressions
{
    /// <summary>
    /// An object that carries DynamoDB expressions and their placeholder dictionaries (a PutItemRequest, a
    /// TransactWriteItem's Update, a document-model Expression, ...; see <see cref="DynamoDbModel.IsExpressionHolder"/>),
    /// as the method that creates it builds it: its expression assignments, its ExpressionAttributeNames /
    /// ExpressionAttributeValues as far as they are known, and whether the method shows all of it.
    /// </summary>
    internal sealed class ExpressionHolder
    {
        private const int MaxVisibilityHops = 8;

        private ExpressionHolder(
            IObjectCreationOperation creation,
            ObjectBuildUp buildUp,
            bool isDocumentExpression,
            bool isContentVisible,
            List<ExpressionAssignment> expressions,
            List<ISimpleAssignmentOperation> legacyAssignments,
            PlaceholderDictionary names,
            PlaceholderDictionary? values)
        {
            Creation = creation;
            BuildUp = buildUp;
            IsDocumentExpression = isDocumentExpression;
            IsContentVisible = isContentVisible;
            Expressions = expressions;
            LegacyAssignments = legacyAssignments;
            Names = names;
            Values = values;
        }

        public IObjectCreationOperation Creation { get; }

        public ObjectBuildUp BuildUp { get; }

        /// <summary>The document model's Expression: one ExpressionStatement; its dictionaries start empty, not null.</summary>
        public bool IsDocumentExpression { get; }

        /// <summary>
        /// True when the method shows everything that is done to the object before the SDK sees it: it is created inline
        /// where the SDK receives it (or inside another object that is), or held in a local that does not escape.
        /// </summary>
        public bool IsContentVisible { get; }

        /// <summary>Assignments of expression properties (ConditionExpression, UpdateExpression, ExpressionStatement, ...), in source order.</summary>
        public IReadOnlyList<ExpressionAssignment> Expressions { get; }

        /// <summary>Non-null assignments of legacy parameters (Expected, AttributeUpdates, AttributesToGet, ...), in source order.</summary>
        public IReadOnlyList<ISimpleAssignmentOperation> LegacyAssignments { get; }

        public PlaceholderDictionary Names { get; }

        /// <summary>Null when the type has no ExpressionAttributeValues (GetItemRequest, KeysAndAttributes, Get).</summary>
        public PlaceholderDictionary? Values { get; }

        /// <summary>The holder an expression-holder object creation builds, or null when it cannot be followed.</summary>
        public static ExpressionHolder? ForCreation(IObjectCreationOperation creation, DynamoDbModel model)
        {
            ObjectBuildUp? buildUp;
            bool visible;
            if (Parent(creation) is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                buildUp = ObjectBuildUp.TryCreateForLocal(declarator.Symbol, creation.GetRoot());
                visible = buildUp is { IsComplete: true };
            }
            else
            {
                buildUp = ObjectBuildUp.TryCreate(creation);
                visible = IsVisible(creation, 0);
            }

            if (buildUp is null)
            {
                return null;
            }

            var isDocumentExpression = model.IsDocumentExpression(creation.Type);
            var expressions = new List<ExpressionAssignment>();
            var legacy = new List<ISimpleAssignmentOperation>();
            foreach (var assignment in buildUp.PropertyAssignments)
            {
                if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
                {
                    continue;
                }

                if (model.TryGetExpressionKind(property, out var kind))
                {
                    expressions.Add(new ExpressionAssignment(property.Name, kind, assignment));
                }
                else if (!isDocumentExpression && DynamoDbModel.IsLegacyParameter(property.Name) && !assignment.Value.IsConstantNull())
                {
                    legacy.Add(assignment);
                }
            }

            var names = PlaceholderDictionary.Build(buildUp, "ExpressionAttributeNames", startsEmpty: isDocumentExpression);
            var values = HasProperty(creation.Type, "ExpressionAttributeValues")
                ? PlaceholderDictionary.Build(buildUp, "ExpressionAttributeValues", startsEmpty: isDocumentExpression)
                : null;
            return new ExpressionHolder(creation, buildUp, isDocumentExpression, visible, expressions, legacy, names, values);
        }

        /// <summary>The holder whose property <paramref name="assignment"/> sets (in its initializer or through its local), or null.</summary>
        public static ExpressionHolder? ForAssignment(ISimpleAssignmentOperation assignment, DynamoDbModel model)
        {
            if (assignment.Target is not IPropertyReferenceOperation { Instance: { } instance })
            {
                return null;
            }

            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                && assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation })
            {
                return ForCreation(creation, model);
            }

            if (instance is ILocalReferenceOperation && ObjectBuildUp.TryCreate(instance) is { } buildUp)
            {
                return ForCreation(buildUp.Creation, model);
            }

            return null;
        }

        private static bool HasProperty(ITypeSymbol? type, string name)
        {
            if (type is null)
            {
                return false;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol)
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? Parent(IOperation operation)
        {
            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent;
        }

        /// <summary>Whether an object created inline reaches the SDK without passing through code the method does not show.</summary>
        private static bool IsVisible(IOperation operation, int hops)
        {
            if (hops > MaxVisibilityHops)
            {
                return false;
            }

            var parent = Parent(operation);
            switch (parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    // Passed to the SDK, or an element of a collection initializer (the implicit Add) of an object being built.
                    if (call.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                        && call.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation collection })
                    {
                        return IsVisible(collection, hops + 1);
                    }

                    return SdkNames.IsAwsSdkMember(call.TargetMethod);
                case ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation outer } } member
                    when member.Value.WalkDownConversions() == operation:
                    return IsVisible(outer, hops + 1);
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation local } } stored
                    when stored.Value.WalkDownConversions() == operation:
                    return ObjectBuildUp.TryCreateForLocal(local.Local, operation.GetRoot()) is { IsComplete: true };
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return ObjectBuildUp.TryCreateForLocal(declarator.Symbol, operation.GetRoot()) is { IsComplete: true };
                case IArrayInitializerOperation { Parent: IArrayCreationOperation array }:
                    return IsVisible(array, hops + 1);
                default:
                    return false;
            }
        }
    }

    /// <summary>One assignment of an expression property, with the grammar its text follows.</summary>
    internal sealed class ExpressionAssignment
    {
        private ExpressionParseResult? _result;
        private bool _resolved;
        private string? _text;

        public ExpressionAssignment(string propertyName, ExpressionKind kind, ISimpleAssignmentOperation assignment)
        {
            PropertyName = propertyName;
            Kind = kind;
            Assignment = assignment;
        }

        public string PropertyName { get; }

        public ExpressionKind Kind { get; }

        public ISimpleAssignmentOperation Assignment { get; }

        /// <summary>The expression text when it is a compile-time constant (a null constant counts as no expression), else null.</summary>
        public string? Text
        {
            get
            {
                Resolve();
                return _text;
            }
        }

        /// <summary>True when the value is the constant <c>null</c>: the property is not sent.</summary>
        public bool IsNull => Assignment.Value.IsConstantNull();

        /// <summary>The parse of <see cref="Text"/>, or null when the text is not constant.</summary>
        public ExpressionParseResult? Result
        {
            get
            {
                Resolve();
                return _result;
            }
        }

        private void Resolve()
        {
            if (_resolved)
            {
                return;
            }

            _resolved = true;
            if (ValueResolver.TryGetString(Assignment.Value, out var text))
            {
                _text = text;
                _result = ExpressionParser.Parse(text, Kind);
            }
        }
    }

    internal enum DictionaryState
    {
        /// <summary>Not fully visible (assigned twice, from outside the method, changed in ways not modelled, keys not constant).</summary>
        Unknown,

        /// <summary>Not set: nothing is sent.</summary>
        Null,

        /// <summary>Every entry is known.</summary>
        Known,
    }

    /// <summary>An ExpressionAttributeNames / ExpressionAttributeValues dictionary of an <see cref="ExpressionHolder"/>.</summary>
    internal sealed class PlaceholderDictionary
    {
        private PlaceholderDictionary(string propertyName, DictionaryState state, ISimpleAssignmentOperation? assignment, ObjectBuildUp? assigned, List<KeyValuePair<string, DictionaryEntry>> entries, Dictionary<string, string> constantValues)
        {
            PropertyName = propertyName;
            State = state;
            Assignment = assignment;
            AssignedDictionary = assigned;
            Entries = entries;
            ConstantValues = constantValues;
        }

        /// <summary>ExpressionAttributeNames or ExpressionAttributeValues.</summary>
        public string PropertyName { get; }

        public DictionaryState State { get; }

        /// <summary>The assignment of the property (<c>ExpressionAttributeNames = ...</c>), when there is exactly one.</summary>
        public ISimpleAssignmentOperation? Assignment { get; }

        /// <summary>The build-up of the dictionary that is assigned, when it is created in the method.</summary>
        public ObjectBuildUp? AssignedDictionary { get; }

        /// <summary>Entries with constant keys, in source order. Complete only when <see cref="State"/> is Known.</summary>
        public IReadOnlyList<KeyValuePair<string, DictionaryEntry>> Entries { get; }

        /// <summary>Entries whose value is a constant string (for ExpressionAttributeNames: placeholder → attribute name).</summary>
        public IReadOnlyDictionary<string, string> ConstantValues { get; }

        /// <summary>True when the property is assigned a dictionary created with no entry at all (and none is added later).</summary>
        public bool IsAssignedEmpty => State == DictionaryState.Known && Assignment is not null && AssignedDictionary is not null && Entries.Count == 0;

        public bool Defines(string key)
        {
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                {
                    return true;
                }
            }

            return false;
        }

        internal static PlaceholderDictionary Build(ObjectBuildUp holder, string propertyName, bool startsEmpty)
        {
            var entries = new List<DictionaryEntry>();
            var known = true;
            var isNull = !startsEmpty;
            ISimpleAssignmentOperation? assignment = null;
            ObjectBuildUp? assigned = null;
            var assignments = 0;
            foreach (var candidate in holder.PropertyAssignments)
            {
                if (candidate.Target is IPropertyReferenceOperation { Property.Name: var name } && name == propertyName)
                {
                    assignments++;
                    assignment = candidate;
                }
            }

            if (assignments > 1)
            {
                known = false;
            }
            else if (assignment is not null)
            {
                if (assignment.Value.IsConstantNull())
                {
                    isNull = true;
                }
                else if (ObjectBuildUp.TryCreate(assignment.Value) is { IsComplete: true } dictionary)
                {
                    isNull = false;
                    assigned = dictionary;
                    entries.AddRange(dictionary.Entries);
                }
                else
                {
                    known = false;
                }
            }

            // { ExpressionAttributeNames = { ["#n"] = "n" } }: entries added to the dictionary the property already holds.
            if (holder.Creation.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: var name }, Initializer: var nested }
                        && name == propertyName)
                    {
                        known &= !isNull && AddNestedEntries(nested, entries);
                    }
                }
            }

            // local.ExpressionAttributeNames["#n"] = "n"; local.ExpressionAttributeNames.Add("#n", "n");
            if (holder.Local is { } local)
            {
                known &= AddEntriesThroughProperty(local, holder.Creation.GetRoot(), propertyName, assignment, entries, out var added) && !(added && isNull);
            }

            var keyed = new List<KeyValuePair<string, DictionaryEntry>>();
            var constantValues = new Dictionary<string, string>();
            foreach (var entry in entries)
            {
                if (!ValueResolver.TryGetString(entry.Key, out var key))
                {
                    known = false;
                    continue;
                }

                keyed.Add(new KeyValuePair<string, DictionaryEntry>(key, entry));
                if (ValueResolver.TryGetString(entry.Value, out var value))
                {
                    constantValues[key] = value;
                }
            }

            var state = !known ? DictionaryState.Unknown : isNull ? DictionaryState.Null : DictionaryState.Known;
            return new PlaceholderDictionary(propertyName, state, assignments == 1 ? assignment : null, assigned, keyed, constantValues);
        }

        private static bool AddNestedEntries(IObjectOrCollectionInitializerOperation initializer, List<DictionaryEntry> entries)
        {
            foreach (var element in initializer.Initializers)
            {
                switch (element)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } set:
                        entries.Add(new DictionaryEntry(indexer.Arguments[0].Value, set.Value, set));
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add:
                        entries.Add(new DictionaryEntry(add.Arguments[0].Value, add.Arguments[1].Value, add));
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        private static bool AddEntriesThroughProperty(ILocalSymbol local, IOperation root, string propertyName, ISimpleAssignmentOperation? assignment, List<DictionaryEntry> entries, out bool added)
        {
            added = false;
            var assignedAt = assignment?.Syntax.SpanStart ?? -1;
            foreach (var reference in ValueResolver.FindReferences(local, root))
            {
                if (reference.Parent is not IPropertyReferenceOperation { Property.Name: var name } property
                    || name != propertyName)
                {
                    continue;
                }

                switch (property.Parent)
                {
                    case ISimpleAssignmentOperation set when set.Target == property:
                        break;
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when indexer.Instance == property:
                        if (indexer.Parent is ISimpleAssignmentOperation setEntry && setEntry.Target == indexer)
                        {
                            if (setEntry.Syntax.SpanStart < assignedAt)
                            {
                                return false;
                            }

                            entries.Add(new DictionaryEntry(indexer.Arguments[0].Value, setEntry.Value, setEntry));
                            added = true;
                        }

                        break;
                    case IPropertyReferenceOperation { Property.Name: "Count" or "Keys" or "Values" }:
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add when add.Instance == property:
                        if (add.Syntax.SpanStart < assignedAt)
                        {
                            return false;
                        }

                        entries.Add(new DictionaryEntry(add.Arguments[0].Value, add.Arguments[1].Value, add));
                        added = true;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "ContainsKey" or "TryGetValue" or "ContainsValue" } read when read.Instance == property:
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }
    }
}
