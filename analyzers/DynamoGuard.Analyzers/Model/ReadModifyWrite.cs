using System.Collections.Generic;
using DynamoGuard.Configuration;
using DynamoGuard.Model.Expressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>How a write stores the attributes DynamoGuard looks at.</summary>
    internal enum WriteShape
    {
        /// <summary>UpdateItem with <c>UpdateExpression = "SET #n = :v"</c>.</summary>
        UpdateExpression,

        /// <summary>UpdateItem with legacy <c>AttributeUpdates</c> (PUT actions).</summary>
        AttributeUpdates,

        /// <summary>PutItem of an item map built in the method.</summary>
        PutMap,

        /// <summary>PutItem of the item map a GetItem returned, changed in the method.</summary>
        PutReadMap,

        /// <summary>Document model: PutItem / UpdateItem of the Document a GetItem returned, changed in the method.</summary>
        ReadDocument,

        /// <summary>Object persistence model: Save of the object a Load returned, changed in the method.</summary>
        ContextSave,

        /// <summary>
        /// Object persistence model: Save of a new object of the loaded type, for the same key, whose number is the loaded
        /// object's number changed in the method (<c>new Counter { Id = loaded.Id, Hits = loaded.Hits + 1 }</c>).
        /// </summary>
        NewObjectSave,

        /// <summary>
        /// A call to a source method that writes its parameter (or saves its object) without a condition, of a value
        /// another source method read: the read and the write are in helpers (see <see cref="Flow.MethodSummaries"/>).
        /// </summary>
        Helper,
    }

    /// <summary>One attribute a write stores, and the operation that gives it its value.</summary>
    internal sealed class StoredAttribute
    {
        public StoredAttribute(string attribute, IOperation? value, IOperation site)
        {
            Attribute = attribute;
            Value = value;
            Site = site;
        }

        /// <summary>The attribute name as stored.</summary>
        public string Attribute { get; }

        /// <summary>
        /// The stored value: an AttributeValue (low-level), a number or entry (document model), the number text for
        /// <c>item["n"].N = text</c>; null for the object model, whose value is the property's.
        /// </summary>
        public IOperation? Value { get; }

        /// <summary>
        /// Where the write gets it: the ExpressionAttributeValues / Item / AttributeUpdates entry, the
        /// <c>map["n"] = ...</c> assignment, or the property change.
        /// </summary>
        public IOperation Site { get; }

        /// <summary>For <see cref="WriteShape.UpdateExpression"/>: the <c>SET path = :v</c> action and its value placeholder.</summary>
        public UpdateAction? Action { get; set; }

        public string? ValuePlaceholder { get; set; }

        /// <summary>True when the value is the number text itself (<c>item["n"].N = text</c>), not an AttributeValue.</summary>
        public bool IsNumberText { get; set; }
    }

    /// <summary>DDB201: a number read from an item, changed in C# and written back to the same attribute without a condition.</summary>
    internal sealed class NumericReadModifyWrite
    {
        public NumericReadModifyWrite(IInvocationOperation writeInvocation, ItemWrite? write, WriteShape shape, StoredAttribute stored, Derivation value, string displayName)
        {
            WriteInvocation = writeInvocation;
            Write = write;
            Shape = shape;
            Stored = stored;
            Value = value;
            DisplayName = displayName;
        }

        public IInvocationOperation WriteInvocation { get; }

        /// <summary>The write as ItemWrite reads it; null for the object persistence model's Save.</summary>
        public ItemWrite? Write { get; }

        public WriteShape Shape { get; }

        public StoredAttribute Stored { get; }

        /// <summary>How the stored number derives from the read (Modified, from <see cref="Read"/>).</summary>
        public Derivation Value { get; }

        public ItemRead Read => Value.Source.Read;

        /// <summary>The attribute as stored.</summary>
        public string Attribute => Stored.Attribute;

        /// <summary>The name used in messages: the attribute, or for the object model the property.</summary>
        public string DisplayName { get; }

        /// <summary>The other attributes the write stores (for the ADD rewrite, which keeps them).</summary>
        public List<StoredAttribute> OtherAttributes { get; } = new List<StoredAttribute>();

        /// <summary>For the object model: the argument holding the saved object, and the configuration argument.</summary>
        public IArgumentOperation? SavedObject { get; set; }

        public IArgumentOperation? SaveConfig { get; set; }

        /// <summary>The write's expressions, when it is an ItemWrite.</summary>
        public WriteExpressions? Expressions { get; set; }

        /// <summary>For <see cref="WriteShape.Helper"/>: the SDK write (or save) inside the helper.</summary>
        public SyntaxNode? HelperWrite { get; set; }

        /// <summary>The object saved instead when the item was missing (<c>Load(id) ?? new T { ... }</c>), or null.</summary>
        public IObjectCreationOperation? CreatedWhenMissing { get; set; }
    }

    /// <summary>DDB202: an item read, changed and written back whole (PutItem / Save) without any condition.</summary>
    internal sealed class WholeItemWriteBack
    {
        public WholeItemWriteBack(IInvocationOperation writeInvocation, ItemRead read, string changedAttribute)
        {
            WriteInvocation = writeInvocation;
            Read = read;
            ChangedAttribute = changedAttribute;
        }

        public IInvocationOperation WriteInvocation { get; }

        public ItemRead Read { get; }

        /// <summary>The first attribute (or property) the method changes; "item" when the change is not to a named attribute.</summary>
        public string ChangedAttribute { get; }

        /// <summary>When the save is a call to a helper that saves its parameter: the SDK save inside the helper.</summary>
        public SyntaxNode? HelperWrite { get; set; }

        /// <summary>For a low-level or document-model write: the item map or Document the read returned (what the write stores).</summary>
        public ReadSource? Container { get; set; }

        /// <summary>For the object persistence model: the item type of the Save call (the class the SDK maps).</summary>
        public ITypeSymbol? SavedType { get; set; }

        /// <summary>The object saved instead when the item was missing (<c>Load(id) ?? new T { ... }</c>), or null.</summary>
        public IObjectCreationOperation? CreatedWhenMissing { get; set; }
    }

    /// <summary>
    /// Finds read-modify-write code around one write call: the item (or number) the write stores traced back to a
    /// single-item read of the same method. <see cref="FindCounter"/> answers DDB201, <see cref="FindWriteBack"/> DDB202.
    /// Writes the method does not show completely, writes to versioned items (the locking rules' concern) and writes
    /// with a condition on the attribute or on a version are left alone.
    /// </summary>
    internal sealed class ReadModifyWrite
    {
        private readonly DynamoDbModel _model;
        private readonly VersionAttributeNames _versionNames;
        private readonly NumericDerivations _derivations;
        private readonly Dictionary<ILocalSymbol, ReadSource?> _localSources = new Dictionary<ILocalSymbol, ReadSource?>(SymbolEqualityComparer.Default);

        public ReadModifyWrite(DynamoDbModel model, VersionAttributeNames versionNames)
        {
            _model = model;
            _versionNames = versionNames;
            _derivations = new NumericDerivations(model);
        }

        /// <summary>How numbers in the method derive from its reads.</summary>
        public NumericDerivations Derivations => _derivations;

        /// <summary>The write calls this analysis looks at, by name (a cheap filter before any semantic work).</summary>
        public static bool IsCandidateName(string name)
            => name.StartsWith("PutItem", System.StringComparison.Ordinal)
                || name.StartsWith("UpdateItem", System.StringComparison.Ordinal)
                || name.StartsWith("Save", System.StringComparison.Ordinal);

        /// <summary>DDB201 for the write <paramref name="invocation"/>, or null.</summary>
        public NumericReadModifyWrite? FindCounter(IInvocationOperation invocation)
        {
            if (_model.TryGetContextSave(invocation, out var item, out var itemType, out var config))
            {
                return FindContextCounter(invocation, item, itemType, config, null) ?? FindNewObjectCounter(invocation, item, config, null);
            }

            if (ItemWrite.TryRead(invocation, _model) is not { Kind: DynamoOperation.PutItem or DynamoOperation.UpdateItem } write
                || write.HasExpectedState)
            {
                return null;
            }

            var expressions = WriteExpressions.Parse(write);
            if (!TryGetStoredAttributes(invocation, write, expressions, out var shape, out var stored, out var container))
            {
                return null;
            }

            // A write that stores an attribute named like a version is optimistic locking: DDB101's concern.
            if (WritesVersionAttribute(write, expressions, stored))
            {
                return null;
            }

            NumericReadModifyWrite? found = null;
            foreach (var attribute in stored)
            {
                if (found is null && AnalyzeStored(invocation, write, shape, attribute, container) is { } derivation && !IsGuarded(write, expressions, attribute.Attribute))
                {
                    found = new NumericReadModifyWrite(invocation, write, shape, attribute, derivation, attribute.Attribute) { Expressions = expressions };
                }
            }

            // A versioned table is the locking rules' concern; asked last (the first ask scans the model classes).
            if (found is null || _model.GetVersionedTable(write.TableName) is not null)
            {
                return null;
            }

            foreach (var attribute in stored)
            {
                if (attribute != found.Stored)
                {
                    found.OtherAttributes.Add(attribute);
                }
            }

            return found;
        }

        private bool WritesVersionAttribute(ItemWrite write, WriteExpressions expressions, List<StoredAttribute> stored)
        {
            foreach (var attribute in stored)
            {
                if (_versionNames.Matches(attribute.Attribute))
                {
                    return true;
                }
            }

            foreach (var (attribute, _) in expressions.UpdatedAttributes())
            {
                if (_versionNames.Matches(attribute))
                {
                    return true;
                }
            }

            foreach (var entry in write.Attributes.Entries)
            {
                if (_versionNames.Matches(entry.Key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// DDB201 for a call to a source method that writes a number it is given, or saves an object it is given,
        /// without a condition (its <paramref name="summary"/>): the number (or the object's property) derives from
        /// what another source method read, of the same table, attribute and key, changed by arithmetic in this method.
        /// </summary>
        public NumericReadModifyWrite? FindHelperCounter(IInvocationOperation invocation, Flow.MethodSummary summary)
        {
            foreach (var (ordinal, save) in summary.Saves)
            {
                if (GetArgumentOperation(invocation, ordinal) is { Value.Type: { } type } item
                    && (FindContextCounter(invocation, item, type, null, save) ?? FindNewObjectCounter(invocation, item, null, save)) is { } counter)
                {
                    return counter;
                }
            }

            foreach (var write in summary.Writes)
            {
                if (GetArgumentOperation(invocation, write.Ordinal) is not { } argument)
                {
                    continue;
                }

                var derivation = _derivations.Classify(argument.Value);
                if (derivation.Kind != DerivationKind.Modified
                    || derivation.Attribute != write.Attribute
                    || derivation.Source.Read.Helper is not { } read
                    || read.Table != write.Table
                    || !(IsBefore(derivation.Source.Read.Invocation, invocation) || argument.Holds(derivation.Source.Read.Invocation.SourceStart()))
                    || !IsSameKey(read.Key, (IInvocationOperation)derivation.Source.Read.Invocation, write, invocation))
                {
                    continue;
                }

                var stored = new StoredAttribute(write.Attribute, argument.Value, argument);
                return new NumericReadModifyWrite(invocation, null, WriteShape.Helper, stored, derivation, write.Attribute) { HelperWrite = write.Write };
            }

            return null;
        }

        /// <summary>DDB202 for a call to a source method that saves the object it is given without a condition.</summary>
        public WholeItemWriteBack? FindHelperWriteBack(IInvocationOperation invocation, Flow.MethodSummary summary)
        {
            foreach (var (ordinal, save) in summary.Saves)
            {
                if (GetArgumentOperation(invocation, ordinal) is { Value.Type: { } type } item
                    && FindContextWriteBack(invocation, item, type, null, save) is { } writeBack)
                {
                    return writeBack;
                }
            }

            return null;
        }

        /// <summary>
        /// True when the read helper's key and the write helper's key name the same item: attribute by attribute, the
        /// same constant or equivalent arguments of the two calls. An update must name exactly the read's key; a put
        /// must carry it among its attributes.
        /// </summary>
        private static bool IsSameKey(Flow.KeyBinding readKey, IInvocationOperation readCall, Flow.ParameterWrite write, IInvocationOperation writeCall)
        {
            if (readKey.Entries.IsEmpty || (!write.IsPut && readKey.Entries.Length != write.Key.Entries.Length))
            {
                return false;
            }

            foreach (var (attribute, readValue) in readKey.Entries)
            {
                if (!write.Key.TryGet(attribute, out var writeValue))
                {
                    return false;
                }

                if (readValue.IsConstant != writeValue.IsConstant ? readValue.Prefix.Length + writeValue.Prefix.Length > 0 : readValue.Prefix != writeValue.Prefix)
                {
                    // Different prefixes; or "USER#" + id against a constant (not modelled).
                    return false;
                }

                var left = readValue.IsConstant ? null : Flow.MethodSummaries.GetArgument(readCall, readValue.Ordinal);
                var right = writeValue.IsConstant ? null : Flow.MethodSummaries.GetArgument(writeCall, writeValue.Ordinal);
                var leftConstant = readValue.IsConstant ? readValue.Constant : left is { ConstantValue.HasValue: true } ? left.ConstantValue.Value : null;
                var rightConstant = writeValue.IsConstant ? writeValue.Constant : right is { ConstantValue.HasValue: true } ? right.ConstantValue.Value : null;
                if (leftConstant is not null || rightConstant is not null)
                {
                    if (!Equals(leftConstant, rightConstant))
                    {
                        return false;
                    }
                }
                else if (!OperationEquivalence.AreEquivalent(left, right))
                {
                    return false;
                }
            }

            return true;
        }

        private static IArgumentOperation? GetArgumentOperation(IInvocationOperation call, int ordinal)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.ParamArray)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>
        /// For a method summary: the numeric parameters a low-level PutItem / UpdateItem stores, each with the table,
        /// attribute and key (in terms of the method's parameters), when the write has no condition on that attribute
        /// or on a version and its table is not versioned.
        /// </summary>
        public void FindParameterWrites(IInvocationOperation invocation, List<Flow.ParameterWrite> results)
        {
            if (!IsCandidateName(invocation.TargetMethod.Name)
                || ItemWrite.TryRead(invocation, _model) is not { Kind: DynamoOperation.PutItem or DynamoOperation.UpdateItem, TableName: { } table } write
                || write.Surface == WriteSurface.DocumentTable
                || write.HasExpectedState)
            {
                return;
            }

            var expressions = WriteExpressions.Parse(write);
            if (!TryGetStoredAttributes(invocation, write, expressions, out var shape, out var stored, out var container)
                || container is not null
                || WritesVersionAttribute(write, expressions, stored))
            {
                return;
            }

            foreach (var attribute in stored)
            {
                if (attribute.Value is null
                    || GetNumericParameter(VersionValues.GetStoredScalar(attribute.Value)) is not { } parameter
                    || IsGuarded(write, expressions, attribute.Attribute)
                    || _model.GetVersionedTable(table) is not null)
                {
                    continue;
                }

                Flow.KeyBinding? key;
                if (shape == WriteShape.PutMap)
                {
                    var entries = System.Collections.Immutable.ImmutableArray.CreateBuilder<(string, Flow.ValueBinding)>();
                    foreach (var other in stored)
                    {
                        if (other != attribute && other.Value is not null && Flow.ValueBinding.TryCreate(VersionValues.GetStoredScalar(other.Value), out var binding))
                        {
                            entries.Add((other.Attribute, binding));
                        }
                    }

                    key = new Flow.KeyBinding(entries.ToImmutable());
                }
                else
                {
                    key = write.Key.State == PartState.Known ? Flow.MethodSummaries.BindMap(write.Key) : _model.Summaries?.BindKey(write.Key.Value);
                }

                if (key is not null)
                {
                    results.Add(new Flow.ParameterWrite(parameter.Ordinal, table, attribute.Attribute, key, shape == WriteShape.PutMap, invocation.Syntax));
                }
            }
        }

        /// <summary>A numeric parameter stored as is: <c>p</c>, <c>p.ToString()</c>, <c>$"{p}"</c>, <c>Convert.ToString(p)</c>.</summary>
        private static IParameterSymbol? GetNumericParameter(IOperation? scalar)
        {
            var current = scalar is null ? null : ValueResolver.UnwrapFormatting(scalar);
            return current is IParameterReferenceOperation { Parameter: { } parameter } && ReadTracing.IsNumericType(parameter.Type) && parameter.RefKind == RefKind.None
                ? parameter
                : null;
        }

        /// <summary>
        /// DDB202 for the write <paramref name="invocation"/>, or null. Callers ask <see cref="FindCounter"/> first: a
        /// write DDB201 reports is not reported again.
        /// </summary>
        public WholeItemWriteBack? FindWriteBack(IInvocationOperation invocation)
        {
            if (_model.TryGetContextSave(invocation, out var item, out var itemType, out var config))
            {
                return FindContextWriteBack(invocation, item, itemType, config, null);
            }

            if (ItemWrite.TryRead(invocation, _model) is not { Kind: DynamoOperation.PutItem } write
                || write.Attributes.State != PartState.Unknown
                || write.Attributes.Value is not { } itemValue
                || write.HasExpectedState
                || write.Expected.State != PartState.Absent
                || !TryGetLocalSource(itemValue, out var source)
                || source.Kind is not (ReadValueKind.ItemMap or ReadValueKind.Document)
                || !IsBefore(source.Read.Invocation, invocation)
                || _model.GetVersionedTable(write.TableName) is not null)
            {
                return null;
            }

            var expressions = WriteExpressions.Parse(write);
            if (expressions.HasCondition
                || (write.Surface == WriteSurface.DocumentTable ? !AreSameTable(source.Read, write) : !AreSameTableName(source.Read, invocation, write))
                || TouchesVersionAttribute(source, invocation))
            {
                return null;
            }

            var changed = FindFirstContainerChange(source, invocation);
            return changed is null ? null : new WholeItemWriteBack(invocation, source.Read, changed) { Container = source };
        }

        /// <summary>
        /// For DDB202's "Update only what changed" fix: every attribute the method changes in the item map a low-level
        /// read returned (in source order), or null when the method may change it in a way the list would miss. The list
        /// is exact only when each use of the map between the read and the write is a modelled change
        /// (<c>item["n"] = v</c>, <c>item["n"].S = text</c>, <c>item.Add("n", v)</c>) or cannot change it (a scalar read
        /// such as <c>item["n"].S</c>, <c>ContainsKey</c>, <c>Count</c>, a null test); anything else (<c>item["tags"].L.Add(...)</c>,
        /// <c>TryGetValue</c>, an alias of an attribute, a call that receives the map) may change an attribute unseen.
        /// </summary>
        public List<StoredAttribute>? GetExactMapChanges(WholeItemWriteBack finding)
        {
            if (finding.Container is not { Kind: ReadValueKind.ItemMap } container)
            {
                return null;
            }

            var write = finding.WriteInvocation;
            var stored = new List<StoredAttribute>();
            if (!TryGetContainerChanges(container, write, stored) || stored.Count == 0)
            {
                return null;
            }

            foreach (var operation in write.GetRoot().Descendants())
            {
                if (operation is ILocalReferenceOperation or IPropertyReferenceOperation { Property.Name: "Item", Property.IsIndexer: false }
                    && IsBetween(operation, container.Read.Invocation, write)
                    && IsContainer(operation, container)
                    && !IsHarmlessMapUse(operation, container))
                {
                    return null;
                }
            }

            return stored;
        }

        /// <summary>
        /// For DDB202's fix on the document model: the attributes the method sets on the Document a read returned, or null
        /// when it also removes one (<c>Remove</c>, <c>Clear</c>), sets one twice or through a computed name, or hands the
        /// Document to other code. Table.UpdateItem finds what changed by itself (it compares each attribute with a copy
        /// taken at the read), but it never deletes an attribute the Document lost, which PutItem would.
        /// </summary>
        public List<StoredAttribute>? GetDocumentChanges(WholeItemWriteBack finding)
        {
            var stored = new List<StoredAttribute>();
            return finding.Container is { Kind: ReadValueKind.Document } container
                && TryGetContainerChanges(container, finding.WriteInvocation, stored)
                && stored.Count > 0
                ? stored
                : null;
        }

        /// <summary>True when a use of a read's item map is a modelled change or cannot change the map or its attribute values.</summary>
        private bool IsHarmlessMapUse(IOperation reference, ReadSource container)
        {
            var use = SkipConversions(reference);
            switch (use.Parent)
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when indexer.Instance == use:
                    var element = SkipConversions(indexer);
                    switch (element.Parent)
                    {
                        case ISimpleAssignmentOperation assignment when assignment.Target == element:
                            return true;
                        case IPropertyReferenceOperation member when member.Instance == element:
                            var memberUse = SkipConversions(member);
                            if (memberUse.Parent is ISimpleAssignmentOperation set && set.Target == memberUse)
                            {
                                return member.Property.Name is "N" or "S";
                            }

                            return memberUse.Parent is not (IAssignmentOperation or IIncrementOrDecrementOperation) && IsScalar(member.Property.Type);
                        default:
                            return false;
                    }

                case IInvocationOperation call when call.Instance == use:
                    return call.TargetMethod.Name is "Add" or "TryAdd" or "ContainsKey";
                case IPropertyReferenceOperation { Property.Name: "Count" } count when count.Instance == use:
                    return true;
                case IBinaryOperation:
                case IIsPatternOperation:
                case IIsTypeOperation:
                    return true;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    // var item = response.Item: every use of the new local must be traced to the same map (and is checked in turn).
                    foreach (var operation in reference.GetRoot().Descendants())
                    {
                        if (operation is ILocalReferenceOperation local
                            && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol)
                            && !IsContainer(local, container))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        private static IOperation SkipConversions(IOperation operation)
        {
            while (operation.Parent is IConversionOperation conversion)
            {
                operation = conversion;
            }

            return operation;
        }

        private static bool IsScalar(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type.SpecialType is SpecialType.System_String or SpecialType.System_Boolean
                || ReadTracing.IsNumericType(type);
        }

        private WholeItemWriteBack? FindContextWriteBack(IInvocationOperation invocation, IArgumentOperation item, ITypeSymbol itemType, IArgumentOperation? config, SyntaxNode? helperSave)
        {
            if (!TryGetSavedHolder(item.Value, out var holder, out var source)
                || source.Kind != ReadValueKind.Object
                || source.Read.ItemType is not INamedTypeSymbol { TypeKind: TypeKind.Class }
                || !IsBefore(source.Read.Invocation, invocation)
                || _model.GetVersionProperty(itemType) is not null
                || _model.GetVersionProperty(source.Read.ItemType) is not null
                || !IsUnconditionalSave(config))
            {
                return null;
            }

            foreach (var operation in invocation.GetRoot().Descendants())
            {
                if (!IsBetween(operation, source.Read.Invocation, invocation))
                {
                    continue;
                }

                if (GetChangedProperty(operation, holder) is { } property && !_model.IsIgnoredOrAtomicCounter(property))
                {
                    return new WholeItemWriteBack(invocation, source.Read, property.Name)
                    {
                        SavedType = itemType,
                        HelperWrite = helperSave,
                        CreatedWhenMissing = ReadTracing.GetCreatedWhenMissing(item.Value),
                    };
                }
            }

            return null;
        }

        /// <summary>
        /// What holds the object a save hands over and what read it: a local, or a field or auto-property of this object
        /// that the method assigned from a read in straight-line code (<c>this.List = await repo.GetAsync(id);</c>, see
        /// <see cref="ValueResolver.FindReachingMemberValue"/>).
        /// </summary>
        private bool TryGetSavedHolder(IOperation saved, out ISymbol holder, out ReadSource source)
        {
            var value = saved.WalkDownConversions();
            if (value is ILocalReferenceOperation local)
            {
                holder = local.Local;
                return TryGetLocalSource(local, out source);
            }

            if (value is IMemberReferenceOperation member
                && ValueResolver.FindReachingMemberValue(member) is { } assigned
                && ReadTracing.TryGetSource(assigned, _model, out source))
            {
                holder = member.Member;
                return true;
            }

            holder = null!;
            source = default;
            return false;
        }

        private NumericReadModifyWrite? FindContextCounter(IInvocationOperation invocation, IArgumentOperation item, ITypeSymbol itemType, IArgumentOperation? config, SyntaxNode? helperSave)
        {
            if (item.Value.WalkDownConversions() is not ILocalReferenceOperation local
                || !TryGetLocalSource(local, out var source)
                || source.Kind != ReadValueKind.Object
                || source.Read.ItemType is not INamedTypeSymbol loadedType
                || !IsBefore(source.Read.Invocation, invocation)
                || _model.GetVersionProperty(itemType) is not null
                || _model.GetVersionProperty(loadedType) is not null
                || !IsUnconditionalSave(config)
                || Escapes(local.Local, source, invocation))
            {
                return null;
            }

            var root = invocation.GetRoot();
            var seen = new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default);
            var changes = new List<(IPropertySymbol Property, IOperation Site)>();
            foreach (var operation in root.Descendants())
            {
                if (IsBetween(operation, source.Read.Invocation, invocation)
                    && GetChangedProperty(operation, (ISymbol)local.Local) is { } property
                    && seen.Add(property))
                {
                    changes.Add((property, operation));
                }
            }

            NumericReadModifyWrite? found = null;
            var others = new List<StoredAttribute>();
            foreach (var (property, site) in changes)
            {
                var stored = new StoredAttribute(_model.GetStoredName(property, loadedType), null, site);
                if (found is null
                    && ReadTracing.IsNumericType(property.Type)
                    && !_model.IsIgnoredOrAtomicCounter(property))
                {
                    var derivation = _derivations.ClassifyProperty(source, local.Local, property, root, invocation.SourceStart(), local);
                    if (derivation.Kind == DerivationKind.Modified && derivation.Source.IsSameRead(source))
                    {
                        found = SaveFinding(invocation, helperSave is null ? WriteShape.ContextSave : WriteShape.Helper, stored, derivation, property, item, config, helperSave);
                        continue;
                    }
                }

                others.Add(stored);
            }

            if (found is not null)
            {
                found.OtherAttributes.AddRange(others);
                found.CreatedWhenMissing = ReadTracing.GetCreatedWhenMissing(item.Value);
            }

            return found;
        }

        /// <summary>
        /// DDB201 for the save of a new object (<c>new Counter { Id = loaded.Id, Hits = loaded.Hits + 1 }</c>, inline or
        /// held in a local used only by the save) whose number is the same property of an object a Load of the same item
        /// returned, changed in the method. The save replaces the whole item, so a change made between the Load and the
        /// save is lost as when the loaded object itself is saved. Silent unless the new object sets the key to the Load's
        /// key values (or to the loaded object's own key), its type has no [DynamoDBVersion] property, and the save has no
        /// configuration that could add a condition.
        /// </summary>
        private NumericReadModifyWrite? FindNewObjectCounter(IInvocationOperation invocation, IArgumentOperation item, IArgumentOperation? config, SyntaxNode? helperSave)
        {
            if (!IsUnconditionalSave(config)
                || GetSavedCreation(item.Value, _model) is not { Type: INamedTypeSymbol type } creation
                || _model.GetKeyProperty(type, DynamoDbModel.KeyPart.Hash) is not { } hashKey)
            {
                return null;
            }

            var rangeKey = _model.GetKeyProperty(type, DynamoDbModel.KeyPart.Range);
            NumericReadModifyWrite? found = null;
            var others = new List<StoredAttribute>();
            var values = new List<(IPropertySymbol Property, IOperation Value, IOperation Site)>();
            _model.CreatedObjects.GetSetValues(creation, values);
            foreach (var (property, value, site) in values)
            {
                var stored = new StoredAttribute(_model.GetStoredName(property, type), value, site);
                if (found is null
                    && ReadTracing.IsNumericType(property.Type)
                    && !_model.IsIgnoredOrAtomicCounter(property)
                    && !SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, hashKey.OriginalDefinition)
                    && !SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, rangeKey?.OriginalDefinition)
                    && _derivations.Classify(value) is { Kind: DerivationKind.Modified } derivation
                    && IsBefore(derivation.Source.Read.Invocation, invocation)
                    && ReadsSameItem(derivation, property, stored.Attribute, type, creation, hashKey, rangeKey))
                {
                    found = SaveFinding(invocation, helperSave is null ? WriteShape.NewObjectSave : WriteShape.Helper, stored, derivation, property, item, config, helperSave);
                    continue;
                }

                others.Add(stored);
            }

            found?.OtherAttributes.AddRange(others);
            return found;
        }

        /// <summary>The DDB201 finding of an object-model save (directly, or through a helper that saves its parameter).</summary>
        private static NumericReadModifyWrite SaveFinding(IInvocationOperation invocation, WriteShape shape, StoredAttribute stored, Derivation derivation, IPropertySymbol property, IArgumentOperation item, IArgumentOperation? config, SyntaxNode? helperSave)
            => new NumericReadModifyWrite(invocation, null, shape, stored, derivation, property.Name)
            {
                SavedObject = item,
                SaveConfig = config,
                HelperWrite = helperSave,
            };

        /// <summary>
        /// The <c>new T { ... }</c> a save argument hands over: written inline, or held in a local that the method assigns
        /// once and uses only there (so nothing changes the object between its creation and the save); else null. Only
        /// for a type that can replace an item unchecked (it has a hash key and no [DynamoDBVersion] property), asked
        /// first because it is cheap.
        /// </summary>
        public static IObjectCreationOperation? GetSavedCreation(IOperation argument, DynamoDbModel model)
        {
            var value = argument.WalkDownConversions();
            if (value.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
                || model.GetKeyProperty(type, DynamoDbModel.KeyPart.Hash) is null
                || model.GetVersionProperty(type) is not null)
            {
                return null;
            }

            if (value is ILocalReferenceOperation holder)
            {
                var root = argument.GetRoot();
                if (ValueResolver.FindReferences(holder.Local, root).Count != 1
                    || ValueResolver.FindSingleInitializer(holder.Local, root) is not { } initializer)
                {
                    return null;
                }

                value = initializer.WalkDownConversions();
            }

            return value as IObjectCreationOperation;
        }

        /// <summary>
        /// True when a member of the new object <paramref name="creation"/> is set to a loaded object's number (or a number
        /// a read helper returned) changed in the method (<c>Hits = loaded.Hits + 1</c>): the cheap first question before
        /// any summary is asked for.
        /// </summary>
        public static bool SetsNumberFromLoadedObject(IObjectCreationOperation creation, NumericDerivations derivations)
        {
            // new Counter(id, loaded.Hits + 1): a constructor argument; whether the constructor stores it in a property is
            // asked later, only for a call that passes this filter.
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && IsNumberFromLoadedObject(argument.Value, derivations))
                {
                    return true;
                }
            }

            if (creation.Initializer is null)
            {
                return false;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment
                    && IsNumberFromLoadedObject(assignment.Value, derivations))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNumberFromLoadedObject(IOperation value, NumericDerivations derivations)
            => ReadTracing.IsNumericType(value.WalkDownConversions().Type)
                && derivations.Classify(value) is { Kind: DerivationKind.Modified } derivation
                && (derivation.Property is not null || derivation.Source.Read.Helper is not null);

        /// <summary>
        /// True when <paramref name="derivation"/> reads the number <paramref name="property"/> of the item the new object
        /// <paramref name="creation"/> (of <paramref name="type"/>) replaces: the same property of an object loaded in
        /// this method, or what a read helper returned of the same table, attribute and key.
        /// </summary>
        private bool ReadsSameItem(Derivation derivation, IPropertySymbol property, string attribute, INamedTypeSymbol type, IObjectCreationOperation creation, IPropertySymbol hashKey, IPropertySymbol? rangeKey)
        {
            if (derivation.Property is { } readProperty)
            {
                return SymbolEqualityComparer.Default.Equals(readProperty.OriginalDefinition, property.OriginalDefinition)
                    && SymbolEqualityComparer.Default.Equals(derivation.Source.Read.ItemType, type)
                    && SetsKey(creation, hashKey, 0, derivation)
                    && (rangeKey is null || SetsKey(creation, rangeKey, 1, derivation));
            }

            if (derivation.Source.Read.Helper is not { } helper
                || helper.Table != _model.GetTableName(type)
                || helper.Attribute != attribute
                || helper.Key.Entries.Length != (rangeKey is null ? 1 : 2))
            {
                return false;
            }

            var readCall = (IInvocationOperation)derivation.Source.Read.Invocation;
            return SetsHelperKey(creation, hashKey, _model.GetStoredName(hashKey, type), helper.Key, readCall)
                && (rangeKey is null || SetsHelperKey(creation, rangeKey, _model.GetStoredName(rangeKey, type), helper.Key, readCall));
        }

        /// <summary>
        /// True when the new object sets key property <paramref name="key"/> to the value the read helper's call passed
        /// for that key attribute, or holds the same constant (set, or computed from properties set to constants).
        /// </summary>
        private bool SetsHelperKey(IObjectCreationOperation creation, IPropertySymbol key, string attribute, Flow.KeyBinding readKey, IInvocationOperation readCall)
        {
            if (!readKey.TryGet(attribute, out var binding) || binding.Prefix.Length > 0)
            {
                return false;
            }

            if (binding.IsConstant)
            {
                return _model.CreatedObjects.TryGetConstant(creation, key, out var constant) && Equals(constant, binding.Constant);
            }

            return _model.CreatedObjects.GetSetValue(creation, key, out _) is { } value
                && Flow.MethodSummaries.GetArgument(readCall, binding.Ordinal) is { } passed
                && OperationEquivalence.AreEquivalent(value, passed.WalkDownConversions());
        }

        /// <summary>
        /// True when the new object sets key property <paramref name="key"/> to the loaded object's own key
        /// (<c>Id = loaded.Id</c>) or, for a Load in this method, to the Load's key value at <paramref name="index"/>,
        /// or holds the same constant the Load passed (<c>PartitionKey =&gt; $"COUNT#{Type}"</c> on both sides).
        /// </summary>
        private bool SetsKey(IObjectCreationOperation creation, IPropertySymbol key, int index, Derivation derivation)
        {
            var read = derivation.Source.Read;
            if (_model.CreatedObjects.GetSetValue(creation, key, out _) is not { } value)
            {
                return !read.IsAcrossMethods
                    && index < read.KeyValues.Length
                    && _model.CreatedObjects.TryGetConstant(creation, key, out var computed)
                    && _model.CreatedObjects.TryGetValueConstant(read.KeyValues[index], out var loaded)
                    && Equals(computed, loaded);
            }

            if (value is IPropertyReferenceOperation { Instance: { } instance } copied
                && SymbolEqualityComparer.Default.Equals(copied.Property, key)
                && instance.WalkDownConversions() is ILocalReferenceOperation source
                && derivation.ObjectInstance?.WalkDownConversions() is ILocalReferenceOperation loadedObject
                && SymbolEqualityComparer.Default.Equals(source.Local, loadedObject.Local))
            {
                return true;
            }

            return !read.IsAcrossMethods
                && index < read.KeyValues.Length
                && OperationEquivalence.AreEquivalent(value, read.KeyValues[index].WalkDownConversions());
        }

        /// <summary>True when a Save configuration adds no condition: none passed, or one built in the method without ConditionalExpression.</summary>
        public static bool IsUnconditionalSave(IArgumentOperation? config)
        {
            if (config is null || config.ArgumentKind == ArgumentKind.DefaultValue || config.Value.IsConstantNull())
            {
                return true;
            }

            var buildUp = ObjectBuildUp.TryCreate(config.Value);
            return buildUp is not null
                && buildUp.IsComplete
                && (buildUp.GetLastAssignedValue("ConditionalExpression") is not { } condition || condition.IsConstantNull());
        }

        /// <summary>The property of <paramref name="local"/> that the operation changes (<c>o.P = v</c>, <c>o.P += v</c>, <c>o.P++</c>, <c>o.P.Add(x)</c>), or null.</summary>
        /// <summary>The property of the object in <paramref name="holder"/> (a local, or a member of this object) that <paramref name="operation"/> changes, or null.</summary>
        private static IPropertySymbol? GetChangedProperty(IOperation operation, ISymbol holder)
        {
            switch (operation)
            {
                case IAssignmentOperation { Target: IPropertyReferenceOperation target } when IsOn(target.Instance, holder):
                    return target.Property;
                case IIncrementOrDecrementOperation { Target: IPropertyReferenceOperation target } when IsOn(target.Instance, holder):
                    return target.Property;
                case IInvocationOperation { Instance: IPropertyReferenceOperation collection } call
                    when IsOn(collection.Instance, holder) && !IsReadOnlyMethod(call.TargetMethod.Name):
                    return collection.Property;
                default:
                    return null;
            }
        }

        private static bool IsOn(IOperation? instance, ISymbol holder)
            => instance?.WalkDownConversions() switch
            {
                ILocalReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Local, holder),
                IMemberReferenceOperation { Instance: IInstanceReferenceOperation } member => SymbolEqualityComparer.Default.Equals(member.Member, holder),
                _ => false,
            };

        private static bool IsReadOnlyMethod(string name)
            => name is "Contains" or "ContainsKey" or "TryGetValue" or "IndexOf" or "ToString" or "Equals" or "GetHashCode"
                or "GetEnumerator" or "ToArray" or "ToList" or "Count" or "Any" or "CopyTo" or "Exists" or "Find" or "FindIndex";

        /// <summary>
        /// The attributes a write stores and how it gets them: its update actions, AttributeUpdates or put map (built in
        /// the method), or the changes made to the item map / Document a read returned (<paramref name="container"/>).
        /// </summary>
        private bool TryGetStoredAttributes(IInvocationOperation invocation, ItemWrite write, WriteExpressions expressions, out WriteShape shape, out List<StoredAttribute> stored, out ReadSource? container)
        {
            shape = default;
            stored = new List<StoredAttribute>();
            container = null;
            if (write.Surface == WriteSurface.TransactItem)
            {
                return false;
            }

            if (write.Surface == WriteSurface.DocumentTable)
            {
                if (write.Attributes.Value is not { } document
                    || !TryGetLocalSource(document, out var source)
                    || source.Kind != ReadValueKind.Document
                    || !AreSameTable(source.Read, write))
                {
                    return false;
                }

                shape = WriteShape.ReadDocument;
                container = source;
                return TryGetContainerChanges(source, invocation, stored);
            }

            if (write.Kind == DynamoOperation.UpdateItem)
            {
                if (expressions.IsUpdateUnknown || write.AttributeUpdates.State == PartState.Unknown || !write.AttributeUpdates.IsComplete)
                {
                    return false;
                }

                if (expressions.Update is { } parsed)
                {
                    shape = WriteShape.UpdateExpression;
                    foreach (var action in parsed.UpdateActions)
                    {
                        if (action.Kind == UpdateClauseKind.Set
                            && action.Value is ValuePlaceholder placeholder
                            && action.Path.IsTopLevelAttribute
                            && action.Path.TryGetRootAttributeName(expressions.Names, out var name)
                            && write.Values.TryGetValue(placeholder.Name, out var value))
                        {
                            stored.Add(new StoredAttribute(name, value, FindEntry(write.Values, placeholder.Name)!) { Action = action, ValuePlaceholder = placeholder.Name });
                        }
                    }

                    return true;
                }

                shape = WriteShape.AttributeUpdates;
                foreach (var entry in write.AttributeUpdates.Entries)
                {
                    var update = ObjectBuildUp.TryCreate(entry.Value);
                    if (update is null || !update.IsComplete)
                    {
                        continue;
                    }

                    var action = update.GetValue("Action");
                    if ((action is null || action.IsConstantNull() || IsPutAction(action)) && update.GetValue("Value") is { } value)
                    {
                        stored.Add(new StoredAttribute(entry.Key, value, entry.Operation));
                    }
                }

                return true;
            }

            // PutItem
            if (write.Attributes.State == PartState.Known && write.Attributes.IsComplete)
            {
                shape = WriteShape.PutMap;
                foreach (var entry in write.Attributes.Entries)
                {
                    stored.Add(new StoredAttribute(entry.Key, entry.Value, entry.Operation));
                }

                return true;
            }

            if (write.Attributes.State == PartState.Unknown
                && write.Attributes.Value is { } item
                && TryGetLocalSource(item, out var map)
                && map.Kind == ReadValueKind.ItemMap)
            {
                shape = WriteShape.PutReadMap;
                container = map;
                return TryGetContainerChanges(map, invocation, stored);
            }

            return false;
        }

        private static IOperation? FindEntry(MapPart map, string key)
        {
            IOperation? found = null;
            foreach (var entry in map.Entries)
            {
                if (entry.Key == key)
                {
                    found = entry.Operation;
                }
            }

            return found;
        }

        private static bool IsPutAction(IOperation action)
            => action.WalkDownConversions() is IFieldReferenceOperation { Field.Name: "PUT" } field && field.Field.ContainingType?.Name == "AttributeAction";

        /// <summary>
        /// The attributes the method changes in a read's item map or Document before the write: <c>map["n"] = v</c>,
        /// <c>map["n"].N = text</c>, <c>map.Add("n", v)</c>. False when it changes one in a way not modelled
        /// (Remove, an attribute set twice, a computed key) or hands the map to other code.
        /// </summary>
        private bool TryGetContainerChanges(ReadSource container, IInvocationOperation write, List<StoredAttribute> stored)
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var operation in write.GetRoot().Descendants())
            {
                if (!IsBetween(operation, container.Read.Invocation, write))
                {
                    continue;
                }

                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } target } assignment
                        when IsContainer(instance, container):
                        if (!ValueResolver.TryGetString(target.Arguments[0].Value, out var key) || !seen.Add(key))
                        {
                            return false;
                        }

                        stored.Add(new StoredAttribute(key, assignment.Value.WalkDownConversions(), assignment));
                        break;

                    // item["n"].N = text
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "N" or "S", Instance: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } element } } assignment
                        when IsContainer(instance, container):
                        if (!ValueResolver.TryGetString(element.Arguments[0].Value, out var nestedKey) || !seen.Add(nestedKey))
                        {
                            return false;
                        }

                        stored.Add(new StoredAttribute(nestedKey, assignment.Value.WalkDownConversions(), assignment) { IsNumberText = true });
                        break;

                    case IInvocationOperation { Instance: { } instance } call when IsContainer(instance, container):
                        if (call.TargetMethod.Name is "Add" or "TryAdd" && call.Arguments.Length == 2)
                        {
                            if (!ValueResolver.TryGetString(call.Arguments[0].Value, out var addedKey) || !seen.Add(addedKey))
                            {
                                return false;
                            }

                            stored.Add(new StoredAttribute(addedKey, call.Arguments[1].Value.WalkDownConversions(), call));
                        }
                        else if (!IsReadOnlyMethod(call.TargetMethod.Name))
                        {
                            return false;
                        }

                        break;
                }
            }

            return !EscapesContainer(container, write);
        }

        /// <summary>The first attribute the method changes in a read's map or Document before the write, or null when it changes none.</summary>
        private string? FindFirstContainerChange(ReadSource container, IInvocationOperation write)
        {
            foreach (var operation in write.GetRoot().Descendants())
            {
                if (!IsBetween(operation, container.Read.Invocation, write))
                {
                    continue;
                }

                switch (operation)
                {
                    case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } target }
                        when IsContainer(instance, container):
                        return AttributeName(target.Arguments[0].Value);
                    case IAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } element } }
                        when IsContainer(instance, container):
                        return AttributeName(element.Arguments[0].Value);
                    case IInvocationOperation { Instance: { } instance } call when IsContainer(instance, container) && !IsReadOnlyMethod(call.TargetMethod.Name):
                        return call.Arguments.Length > 0 ? AttributeName(call.Arguments[0].Value) : "item";
                }
            }

            return null;
        }

        /// <summary>
        /// True when the method reads or writes an attribute named like a version in the read's map or Document: the
        /// item is then optimistically locked, and a write back without a condition is DDB101's concern.
        /// </summary>
        private bool TouchesVersionAttribute(ReadSource container, IInvocationOperation write)
        {
            foreach (var operation in write.GetRoot().Descendants())
            {
                if (operation is IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } indexer
                    && ValueResolver.TryGetString(indexer.Arguments[0].Value, out var key)
                    && _versionNames.Matches(key)
                    && IsContainer(instance, container))
                {
                    return true;
                }
            }

            return false;
        }

        private static string AttributeName(IOperation key) => ValueResolver.TryGetString(key, out var name) ? name : "item";

        private bool IsContainer(IOperation instance, ReadSource container)
            => TryGetLocalSource(instance, out var source) && source.Kind == container.Kind && source.IsSameRead(container);

        /// <summary>What a value reads, cached per once-assigned local for the duration of this analysis.</summary>
        private bool TryGetLocalSource(IOperation operation, out ReadSource source)
        {
            var current = operation.WalkDownConversions();

            // A local assigned more than once holds different objects at different points: not cached.
            if (current is ILocalReferenceOperation local && ValueResolver.FindSingleInitializer(local.Local, local.GetRoot()) is not null)
            {
                if (!_localSources.TryGetValue(local.Local, out var cached))
                {
                    cached = ReadTracing.TryGetSource(local, _model, out var found) ? found : null;
                    _localSources[local.Local] = cached;
                }

                source = cached ?? default;
                return cached is not null;
            }

            return ReadTracing.TryGetSource(current, _model, out source);
        }

        /// <summary>
        /// Checks that the write targets the item the derivation read, and returns the derivation when it is the
        /// attribute's own value changed by arithmetic (DDB201); null otherwise.
        /// </summary>
        private Derivation? AnalyzeStored(IInvocationOperation invocation, ItemWrite write, WriteShape shape, StoredAttribute attribute, ReadSource? container)
        {
            Derivation derivation;
            if (shape == WriteShape.ReadDocument)
            {
                derivation = _derivations.Classify(attribute.Value!);
            }
            else if (attribute.IsNumberText)
            {
                derivation = _derivations.ClassifyText(attribute.Value!);
            }
            else if (VersionValues.GetStoredScalar(attribute.Value!) is { } scalar && scalar != ValueResolver.Resolve(attribute.Value!))
            {
                derivation = _derivations.ClassifyText(scalar);
            }
            else
            {
                return null;
            }

            if (derivation.Kind != DerivationKind.Modified
                || derivation.Attribute != attribute.Attribute
                || !IsBefore(derivation.Source.Read.Invocation, invocation))
            {
                return null;
            }

            if (container is { } read)
            {
                return derivation.Source.IsSameRead(read) ? derivation : null;
            }

            // A write that names the item by key: the read's table and key.
            var itemRead = derivation.Source.Read;
            if (itemRead.Surface != ReadSurface.Client || !AreSameTableName(itemRead, invocation, write))
            {
                return null;
            }

            if (write.Kind == DynamoOperation.UpdateItem)
            {
                return OperationEquivalence.AreEquivalent(itemRead.Key, write.Key.Value) && !EscapesContainer(derivation.Source, invocation) ? derivation : null;
            }

            // PutItem of a new map: it must carry the read's key, entry for entry.
            var key = MapPart.Read(itemRead.Key);
            if (key.State != PartState.Known || !key.IsComplete || key.Entries.Count == 0)
            {
                return null;
            }

            foreach (var entry in key.Entries)
            {
                if (!write.Attributes.TryGetValue(entry.Key, out var value) || !OperationEquivalence.AreEquivalent(entry.Value, value))
                {
                    return null;
                }
            }

            return derivation;
        }

        private static bool AreSameTableName(ItemRead read, IInvocationOperation invocation, ItemWrite write)
        {
            var writeTable = write.Request?.GetValue("TableName") ?? DynamoDbModel.GetArgumentByParameterName(invocation, "tableName");
            return OperationEquivalence.AreEquivalent(read.TableName, writeTable);
        }

        private static bool AreSameTable(ItemRead read, ItemWrite write)
            => read.Invocation.Instance is { } readTable
                && write.Operation is IInvocationOperation { Instance: { } writeTable }
                && OperationEquivalence.AreEquivalent(readTable, writeTable);

        /// <summary>
        /// True when the write's condition may refer to the attribute or to a version, or cannot be read: the write is
        /// then conditional on what was read (the idempotent pattern) or guarded by optimistic locking.
        /// </summary>
        private bool IsGuarded(ItemWrite write, WriteExpressions expressions, string attribute)
        {
            if (expressions.ConditionMayReference(attribute))
            {
                return true;
            }

            if (expressions.Condition is { } condition)
            {
                foreach (var path in condition.Paths)
                {
                    if (!path.TryGetRootAttributeName(expressions.Names, out var name) || _versionNames.Matches(name))
                    {
                        return true;
                    }
                }
            }

            if (write.Expected.State == PartState.Unknown || !write.Expected.IsComplete)
            {
                return true;
            }

            foreach (var entry in write.Expected.Entries)
            {
                if (entry.Key == attribute || _versionNames.Matches(entry.Key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the method hands a read's item map, Document or object to code that may change it, before the
        /// write: a non-SDK method, another variable, a field. Reading it, changing its entries or properties,
        /// and passing it to the SDK are not escapes.
        /// </summary>
        private bool EscapesContainer(ReadSource container, IInvocationOperation write)
        {
            foreach (var operation in write.GetRoot().Descendants())
            {
                if (operation is ILocalReferenceOperation reference
                    && IsBetween(operation, container.Read.Invocation, write)
                    && TryGetLocalSource(reference, out var source)
                    && source.IsSameRead(container)
                    && IsEscape(reference))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Escapes(ILocalSymbol local, ReadSource container, IInvocationOperation write)
        {
            foreach (var operation in write.GetRoot().Descendants())
            {
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && IsBetween(operation, container.Read.Invocation, write)
                    && IsEscape(reference))
                {
                    return true;
                }
            }

            return EscapesContainer(container, write);
        }

        private static bool IsEscape(ILocalReferenceOperation reference)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IPropertyReferenceOperation:
                case IFieldReferenceOperation:
                case IConditionalAccessOperation:
                case IIsPatternOperation:
                case IIsTypeOperation:
                case IBinaryOperation:
                case IVariableDeclaratorOperation:
                case IVariableInitializerOperation:
                case ICoalesceOperation:
                    return false;
                case IInvocationOperation call when call.Instance is not null && !IsArgument(reference, call):
                    // A method of the map / document itself (TryGetValue, ContainsKey, Add...): changes are modelled separately.
                    return false;
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    return !IsSdkMember(call.TargetMethod);
                case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                    return !IsSdkMember(creation.Constructor);
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when assignment.Value.WalkDownConversions() == reference:
                    // request.Item = item: stored in an SDK request.
                    return !IsSdkMember(target.Property);
                case ISimpleAssignmentOperation assignment when assignment.Target == reference || assignment.Target.WalkDownConversions() == reference:
                    return false;
                case IAwaitOperation:
                case IReturnOperation:
                    return true;
                default:
                    return true;
            }
        }

        private static bool IsArgument(IOperation reference, IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Value.WalkDownConversions() == reference)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSdkMember(ISymbol? symbol)
        {
            for (var ns = symbol?.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                if (ns.ContainingNamespace is { IsGlobalNamespace: true } && ns.Name == "Amazon")
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsBefore(IOperation first, IOperation second) => first.SourceStart() < second.SourceStart();

        /// <summary>True when <paramref name="operation"/> starts after the read ends and before the write starts.</summary>
        private static bool IsBetween(IOperation operation, IOperation read, IOperation write)
            => operation.SourceStart() >= read.Syntax.FullSpan.End && operation.SourceStart() < write.SourceStart();
    }
}
