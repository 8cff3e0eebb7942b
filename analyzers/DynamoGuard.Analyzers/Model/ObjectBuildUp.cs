using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// How a method builds an object that it passes to the SDK (a request, a config, a dictionary): the <c>new</c>
    /// expression, every property assignment the method makes to it (initializer members and later
    /// <c>local.Property = value</c> statements) and, for dictionaries, every entry it adds (<c>{ ["k"] = v }</c>,
    /// <c>{ { "k", v } }</c>, <c>local["k"] = v</c>, <c>local.Add("k", v)</c>).
    /// Only objects created inline or in a local that is assigned once are followed; anything else (a parameter, a
    /// field, the result of a call) escapes the method and yields no build-up, so rules stay silent.
    /// </summary>
    internal sealed class ObjectBuildUp
    {
        private ObjectBuildUp(IObjectCreationOperation creation, ILocalSymbol? local, List<ISimpleAssignmentOperation> assignments, List<DictionaryEntry> entries, bool isComplete)
        {
            Creation = creation;
            Local = local;
            _assignments = assignments;
            PropertyAssignments = assignments;
            Entries = entries;
            IsComplete = isComplete;
        }

        // The same list as PropertyAssignments, iterated without boxing an enumerator (these look-ups run per call).
        private readonly List<ISimpleAssignmentOperation> _assignments;

        public IObjectCreationOperation Creation { get; }

        /// <summary>The local the object is held in, or null when it is created inline.</summary>
        public ILocalSymbol? Local { get; }

        /// <summary>Property assignments in source order (indexer assignments are in <see cref="Entries"/>).</summary>
        public IReadOnlyList<ISimpleAssignmentOperation> PropertyAssignments { get; }

        /// <summary>Dictionary entries in source order.</summary>
        public IReadOnlyList<DictionaryEntry> Entries { get; }

        /// <summary>
        /// False when the method hands the local to code that may change it (a non-SDK method, a field, a lambda
        /// that is not inspected) or changes it in ways not modelled (Remove, Clear): its content is then not fully known.
        /// </summary>
        public bool IsComplete { get; }

        public static ObjectBuildUp? TryCreate(IOperation value)
        {
            value = value.WalkDownConversions();
            if (value is IObjectCreationOperation creation)
            {
                var assignments = new List<ISimpleAssignmentOperation>();
                var entries = new List<DictionaryEntry>();
                AddInitializer(creation, assignments, entries);
                return new ObjectBuildUp(creation, null, assignments, entries, isComplete: true);
            }

            if (value is ILocalReferenceOperation localReference)
            {
                return TryCreateForLocal(localReference.Local, value.GetRoot());
            }

            return null;
        }

        /// <summary>The assignments to properties satisfying <paramref name="predicate"/>, in source order.</summary>
        public IEnumerable<ISimpleAssignmentOperation> AssignmentsTo(System.Func<IPropertySymbol, bool> predicate)
        {
            foreach (var assignment in _assignments)
            {
                if (assignment.Target is IPropertyReferenceOperation reference && predicate(reference.Property))
                {
                    yield return assignment;
                }
            }
        }

        /// <summary>The value last assigned to the named property, or null when the method does not assign it.</summary>
        public IOperation? GetLastAssignedValue(string propertyName)
        {
            IOperation? value = null;
            foreach (var assignment in _assignments)
            {
                if (assignment.Target is IPropertyReferenceOperation reference && reference.Property.Name == propertyName)
                {
                    value = assignment.Value;
                }
            }

            return value;
        }

        /// <summary>
        /// The build-up of the object <paramref name="creation"/> makes: of the local it initializes
        /// (<c>var put = new Put { ... }; put.X = ...</c>), else of the inline object. Null when the local is assigned again.
        /// </summary>
        public static ObjectBuildUp? TryCreateForCreation(IObjectCreationOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return TryCreateForLocal(declarator.Symbol, creation.GetRoot());
            }

            return TryCreate(creation);
        }

        /// <summary>
        /// The value given to a property: the last assignment the method makes (initializer or statement), else the
        /// constructor argument whose parameter has the property's name in camel case (<c>new PutItemRequest(tableName, item)</c>
        /// sets TableName and Item). Null when the method sets neither.
        /// </summary>
        public IOperation? GetValue(string propertyName)
        {
            if (GetLastAssignedValue(propertyName) is { } assigned)
            {
                return assigned;
            }

            foreach (var argument in Creation.Arguments)
            {
                var name = argument.Parameter?.Name;
                if (name is not null
                    && name.Length == propertyName.Length
                    && name.Length > 0
                    && char.ToUpperInvariant(name[0]) == propertyName[0]
                    && string.CompareOrdinal(name, 1, propertyName, 1, name.Length - 1) == 0
                    && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The value last assigned to the named property before <paramref name="position"/> (a <see cref="OperationExtensions.SourceStart"/>) in the source (the initializer
        /// counts, an assignment after a call that sends the object does not), or null. For an object created inline
        /// (no <see cref="Local"/>), every assignment is part of the creation and the last one is returned.
        /// </summary>
        public IOperation? GetLastAssignedValueBefore(string propertyName, int position)
        {
            IOperation? value = null;
            foreach (var assignment in _assignments)
            {
                if (assignment.Target is IPropertyReferenceOperation reference && reference.Property.Name == propertyName
                    && (Local is null || assignment.SourceStart() < position))
                {
                    value = assignment.Value;
                }
            }

            return value;
        }

        /// <summary>The build-up of the object a once-assigned local holds (<paramref name="root"/>: the method body), or null.</summary>
        public static ObjectBuildUp? TryCreateForLocal(ILocalSymbol local, IOperation root)
        {
            if (ValueResolver.FindSingleInitializer(local, root)?.WalkDownConversions() is not IObjectCreationOperation creation)
            {
                return null;
            }

            var assignments = new List<ISimpleAssignmentOperation>();
            var entries = new List<DictionaryEntry>();
            AddInitializer(creation, assignments, entries);
            var isComplete = true;
            foreach (var reference in ValueResolver.FindReferences(local, root))
            {

                switch (reference.Parent)
                {
                    case IVariableDeclaratorOperation:
                        break;
                    case IPropertyReferenceOperation property when property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property:
                        if (property.Property.IsIndexer && property.Arguments.Length == 1)
                        {
                            entries.Add(new DictionaryEntry(property.Arguments[0].Value, assignment.Value, assignment));
                        }
                        else
                        {
                            assignments.Add(assignment);
                        }

                        break;
                    case IPropertyReferenceOperation:
                        // A read (Count, an indexer get, a nested property): does not change the object.
                        break;
                    case IInvocationOperation invocation when invocation.Instance == reference:
                        if (invocation.TargetMethod.Name == "Add" && invocation.Arguments.Length == 2)
                        {
                            entries.Add(new DictionaryEntry(invocation.Arguments[0].Value, invocation.Arguments[1].Value, invocation));
                        }
                        else if (!IsReadOnlyMethod(invocation.TargetMethod.Name))
                        {
                            isComplete = false;
                        }

                        break;
                    case IArgumentOperation { Parent: IInvocationOperation call } when SdkNames.IsAwsSdkMember(call.TargetMethod):
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } when reference.Parent is ISimpleAssignmentOperation a && a.Value == reference:
                        // Handed to the SDK, or stored in another object being built (request.Item = item): a use, not a change.
                        break;
                    default:
                        isComplete = false;
                        break;
                }
            }

            return new ObjectBuildUp(creation, local, assignments, entries, isComplete);
        }

        private static void AddInitializer(IObjectCreationOperation creation, List<ISimpleAssignmentOperation> assignments, List<DictionaryEntry> entries)
        {
            if (creation.Initializer is null)
            {
                return;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                switch (initializer)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                        entries.Add(new DictionaryEntry(indexer.Arguments[0].Value, assignment.Value, assignment));
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment:
                        assignments.Add(assignment);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add:
                        entries.Add(new DictionaryEntry(add.Arguments[0].Value, add.Arguments[1].Value, add));
                        break;
                }
            }
        }

        private static bool IsReadOnlyMethod(string name)
            => name is "ContainsKey" or "TryGetValue" or "ContainsValue" or "GetEnumerator" or "ToString" or "Equals" or "GetHashCode";
    }

    /// <summary>One entry a method puts into a dictionary; <see cref="Operation"/> locates it.</summary>
    internal readonly struct DictionaryEntry
    {
        public DictionaryEntry(IOperation key, IOperation value, IOperation operation)
        {
            Key = key;
            Value = value;
            Operation = operation;
        }

        public IOperation Key { get; }

        public IOperation Value { get; }

        public IOperation Operation { get; }
    }
}
