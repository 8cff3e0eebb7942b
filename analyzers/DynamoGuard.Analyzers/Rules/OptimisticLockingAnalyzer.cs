using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DynamoGuard.Configuration;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB101 (a write to a versioned item without a condition on its version) and DDB104 (a write whose condition
    /// checks the version but which does not advance it).
    /// <para>
    /// A write is versioned when there is evidence that its item carries an optimistic-locking version:
    /// <list type="number">
    /// <item>its table is the table of a class with a [DynamoDBVersion] property (the version's stored name, e.g.
    /// <c>[DynamoDBVersion("playlist_version")]</c>, is the attribute);</item>
    /// <item>it writes an attribute named in <c>dynamoguard.version_attribute_names</c> (configured names are trusted);</item>
    /// <item>it writes a default-named attribute (<c>version</c>, <c>*version</c>) and increments it (<c>X + 1</c>,
    /// <c>ADD</c>, <c>SET #v = #v + :one</c>), or the method compares that attribute in C# after reading the item
    /// (check-then-act);</item>
    /// <item>(compilation end) it writes a default-named attribute that some condition in the compilation compares with
    /// <c>=</c>, or it writes, without touching the version, to a table that such a condition or versioned write targets.</item>
    /// </list>
    /// The first three are reported as soon as the operation is analysed (live in the IDE). The last needs the whole
    /// compilation and is reported at compilation end, which happens in full builds only.
    /// </para>
    /// A write is guarded when its condition refers to the version (directly or through an ExpressionAttributeNames
    /// alias), tests <c>attribute_not_exists</c> on a key or the version (create-only), or its legacy Expected /
    /// document-model Expected(State) covers it. Writes the method cannot see completely (requests passed in or built by
    /// helpers, conditions built at run time) are left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OptimisticLockingAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>Diagnostic property: the version attribute (stored name) the finding is about.</summary>
        public const string VersionAttributeProperty = "VersionAttribute";

        /// <summary>Diagnostic property: the table's hash key, when a [DynamoDBTable] class names it.</summary>
        public const string HashKeyProperty = "HashKey";

        /// <summary>Diagnostic property: what was found (see the Finding* constants).</summary>
        public const string FindingProperty = "Finding";

        public const string FindingUnguardedWrite = "UnguardedWrite";
        public const string FindingCheckThenAct = "CheckThenAct";
        public const string FindingDeleteByKey = "DeleteByKey";
        public const string FindingNotAdvanced = "NotAdvanced";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.UnguardedVersionedWrite,
            DiagnosticDescriptors.UnguardedVersionedWriteUnknownTable,
            DiagnosticDescriptors.UnguardedWriteToVersionedTable,
            DiagnosticDescriptors.UnguardedVersionedWriteCompilationEnd,
            DiagnosticDescriptors.UnguardedVersionedWriteUnknownTableCompilationEnd,
            DiagnosticDescriptors.UnguardedWriteToVersionedTableCompilationEnd,
            DiagnosticDescriptors.VersionedDeleteByKey,
            DiagnosticDescriptors.CheckThenActVersionedWrite,
            DiagnosticDescriptors.VersionNotAdvanced);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            var analysis = new CompilationAnalysis(
                model,
                new OptionCache<VersionAttributeNames>(DynamoGuardOptions.VersionAttributeNames, DiagnosticIds.UnguardedVersionedWrite, start.Options),
                new OptionCache<VersionAttributeNames>(DynamoGuardOptions.VersionAttributeNames, DiagnosticIds.VersionNotAdvanced, start.Options));
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            if (model.TransactWriteItem is not null)
            {
                start.RegisterOperationAction(analysis.AnalyzeObjectCreation, OperationKind.ObjectCreation);
            }

            start.RegisterCompilationEndAction(analysis.ReportAtCompilationEnd);
        }

        /// <summary>The per-compilation state: options, and the evidence and pending writes collected for compilation end.</summary>
        private sealed class CompilationAnalysis
        {
            private readonly DynamoDbModel _model;
            private readonly OptionCache<VersionAttributeNames> _names;
            private readonly OptionCache<VersionAttributeNames> _notAdvancedNames;

            /// <summary>Attributes some condition (or legacy Expected) compares with '=': evidence of a lock.</summary>
            private readonly ConcurrentDictionary<string, byte> _comparedAttributes = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

            /// <summary>The same, from writes whose table is not known: evidence for a write to any table.</summary>
            private readonly ConcurrentDictionary<string, byte> _comparedWithoutTable = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

            /// <summary>(table, attribute) pairs known to be versioned: compared in a condition, or written with evidence.</summary>
            private readonly ConcurrentDictionary<(string Table, string Attribute), byte> _versionedTables = new ConcurrentDictionary<(string, string), byte>();

            private readonly ConcurrentQueue<PendingWrite> _pending = new ConcurrentQueue<PendingWrite>();

            public CompilationAnalysis(DynamoDbModel model, OptionCache<VersionAttributeNames> names, OptionCache<VersionAttributeNames> notAdvancedNames)
            {
                _model = model;
                _names = names;
                _notAdvancedNames = notAdvancedNames;
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var name = invocation.TargetMethod.Name;
                if (name.StartsWith("PutItem", StringComparison.Ordinal)
                    || name.StartsWith("UpdateItem", StringComparison.Ordinal)
                    || name.StartsWith("DeleteItem", StringComparison.Ordinal))
                {
                    if (ItemWrite.TryRead(invocation, _model) is { } write)
                    {
                        AnalyzeWrite(context, write);
                    }
                }
                else if (name.StartsWith("Delete", StringComparison.Ordinal) && invocation.TargetMethod.IsGenericMethod)
                {
                    AnalyzeDeleteByKey(context, invocation);
                }
            }

            public void AnalyzeObjectCreation(OperationAnalysisContext context)
            {
                var creation = (IObjectCreationOperation)context.Operation;
                var type = creation.Type;
                if (type is null
                    || !(SymbolEqualityComparer.Default.Equals(type, _model.TransactPut)
                        || SymbolEqualityComparer.Default.Equals(type, _model.TransactUpdate)
                        || SymbolEqualityComparer.Default.Equals(type, _model.TransactDelete)))
                {
                    return;
                }

                if (ItemWrite.TryRead(creation, _model) is { } write)
                {
                    AnalyzeWrite(context, write);
                }
            }

            private void AnalyzeDeleteByKey(OperationAnalysisContext context, IInvocationOperation invocation)
            {
                if (!_model.TryGetDeleteByKey(invocation, out var itemType) || _model.GetVersionProperty(itemType) is not { } versionProperty)
                {
                    return;
                }

                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(FindingProperty, FindingDeleteByKey)
                    .Add(VersionAttributeProperty, versionProperty.Name);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.VersionedDeleteByKey,
                    ItemWrite.GetReportLocation(invocation.Syntax),
                    properties,
                    invocation.TargetMethod.Name,
                    itemType.Name,
                    versionProperty.Name));
            }

            private void AnalyzeWrite(OperationAnalysisContext context, ItemWrite write)
            {
                var tree = write.Operation.Syntax.SyntaxTree;
                var names = _names.Get(tree);
                var expressions = WriteExpressions.Parse(write);
                var table = _model.GetVersionedTable(write.TableName);
                var guard = new Guard(write, expressions, table);

                // Evidence for other writes: what this write's condition compares with '=' is a lock.
                foreach (var (attribute, _) in expressions.EqualityComparisons())
                {
                    RecordComparison(write.TableName, attribute);
                }

                foreach (var entry in write.Expected.Entries)
                {
                    RecordComparison(write.TableName, entry.Key);
                }

                CheckVersionAdvanced(context, write, expressions, table, _notAdvancedNames.Get(tree));

                if (table is not null)
                {
                    var version = table.VersionAttribute;
                    if (guard.Covers(version) || IsVersionBumpOnly(write, expressions, version))
                    {
                        return;
                    }

                    var writesVersion = WritesAttribute(write, expressions, version);
                    ReportUnguarded(
                        context,
                        write,
                        version,
                        table,
                        FindCheckThenAct(write, a => a == version ? false : names.Matches(a) ? !names.IsConfigured : null) is not null,
                        writesVersion ? DiagnosticDescriptors.UnguardedVersionedWrite : DiagnosticDescriptors.UnguardedWriteToVersionedTable);
                    return;
                }

                var candidates = GetWrittenCandidates(write, expressions, names);
                var unguarded = new List<(string Attribute, bool Incremented)>();
                foreach (var candidate in candidates)
                {
                    if (!guard.Covers(candidate.Attribute) && !IsVersionBumpOnly(write, expressions, candidate.Attribute))
                    {
                        unguarded.Add(candidate);
                    }
                }

                if (unguarded.Count > 0)
                {
                    var chosen = unguarded[0];
                    foreach (var candidate in unguarded)
                    {
                        if (candidate.Incremented)
                        {
                            chosen = candidate;
                            break;
                        }
                    }

                    var checkThenAct = FindCheckThenAct(write, a => a == chosen.Attribute ? !names.IsConfigured : null);
                    if (names.IsConfigured || chosen.Incremented || checkThenAct is not null)
                    {
                        RecordVersionedWrite(write.TableName, chosen.Attribute);
                        ReportUnguarded(
                            context,
                            write,
                            chosen.Attribute,
                            null,
                            checkThenAct is not null,
                            write.TableName is null ? DiagnosticDescriptors.UnguardedVersionedWriteUnknownTable : DiagnosticDescriptors.UnguardedVersionedWrite);
                    }
                    else
                    {
                        var attributes = new List<string>(unguarded.Count);
                        foreach (var candidate in unguarded)
                        {
                            attributes.Add(candidate.Attribute);
                        }

                        _pending.Enqueue(new PendingWrite(write, attributes, guard, names));
                    }

                    return;
                }

                if (candidates.Count > 0)
                {
                    return;
                }

                if (FindCheckThenAct(write, a => names.Matches(a) ? !names.IsConfigured : null) is { } compared)
                {
                    ReportUnguarded(context, write, compared, null, checkThenAct: true, DiagnosticDescriptors.UnguardedVersionedWrite);
                    return;
                }

                if (write.TableName is not null && !guard.IsUnknown)
                {
                    _pending.Enqueue(new PendingWrite(write, null, guard, names));
                }
            }

            private static void ReportUnguarded(OperationAnalysisContext context, ItemWrite write, string version, VersionedTable? table, bool checkThenAct, DiagnosticDescriptor descriptor)
            {
                context.ReportDiagnostic(CreateUnguarded(write, version, table, checkThenAct ? DiagnosticDescriptors.CheckThenActVersionedWrite : descriptor, checkThenAct));
            }

            private static Diagnostic CreateUnguarded(ItemWrite write, string version, VersionedTable? table, DiagnosticDescriptor descriptor, bool checkThenAct)
            {
                return CreateUnguarded(GetOperationName(write), write.TableName, write.GetReportLocation(), version, table, descriptor, checkThenAct);
            }

            private static Diagnostic CreateUnguarded(PendingWrite write, string version, DiagnosticDescriptor descriptor)
            {
                return CreateUnguarded(write.OperationName, write.TableName, write.Location, version, null, descriptor, checkThenAct: false);
            }

            private static Diagnostic CreateUnguarded(string operation, string? tableName, Location location, string version, VersionedTable? table, DiagnosticDescriptor descriptor, bool checkThenAct)
            {
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(FindingProperty, checkThenAct ? FindingCheckThenAct : FindingUnguardedWrite)
                    .Add(VersionAttributeProperty, version);
                if (table?.HashKeyAttribute is { } hashKey)
                {
                    properties = properties.Add(HashKeyProperty, hashKey);
                }

                object?[] arguments = descriptor == DiagnosticDescriptors.CheckThenActVersionedWrite
                    ? new object?[] { operation, version }
                    : descriptor == DiagnosticDescriptors.UnguardedWriteToVersionedTable || descriptor == DiagnosticDescriptors.UnguardedWriteToVersionedTableCompilationEnd
                        ? new object?[] { operation, tableName, version }
                        : descriptor == DiagnosticDescriptors.UnguardedVersionedWriteUnknownTable || descriptor == DiagnosticDescriptors.UnguardedVersionedWriteUnknownTableCompilationEnd
                            ? new object?[] { operation, version }
                            : new object?[] { operation, version, tableName };
                return Diagnostic.Create(descriptor, location, properties, arguments);
            }

            internal static string GetOperationName(ItemWrite write)
            {
                if (write.Surface == WriteSurface.TransactItem)
                {
                    return write.Kind switch
                    {
                        DynamoOperation.PutItem => "Transaction Put",
                        DynamoOperation.UpdateItem => "Transaction Update",
                        _ => "Transaction Delete",
                    };
                }

                return write.Kind.ToString();
            }

            /// <summary>
            /// DDB104: the condition compares the version with <c>= :expected</c> (the version of the [DynamoDBVersion]
            /// class of the table, or an attribute named like a version: the comparison is the evidence), but the write
            /// stores that same version again.
            /// </summary>
            private static void CheckVersionAdvanced(OperationAnalysisContext context, ItemWrite write, WriteExpressions expressions, VersionedTable? table, VersionAttributeNames names)
            {
                if (write.Kind == DynamoOperation.DeleteItem)
                {
                    return;
                }

                foreach (var (version, expected) in expressions.EqualityComparisons())
                {
                    if (!VersionConditions.IsVersionAttribute(version, table, names)
                        || !write.Values.TryGetValue(expected, out var expectedValue)
                        || AdvancesVersion(write, expressions, version, expected, expectedValue) != false
                        || WriteExpressions.GetOnlyAction(write, expressions, version) is not null
                        || WriteExpressions.WritesOnlyCheckedValues(write, expressions))
                    {
                        // (The last two: an update that stores the expected version and nothing else, or only values the
                        // condition requires the item to hold already, changes nothing; it is a check written as an update,
                        // e.g. in a transaction, and there is no change to lose.)
                        continue;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty
                        .Add(FindingProperty, FindingNotAdvanced)
                        .Add(VersionAttributeProperty, version);
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.VersionNotAdvanced,
                        write.GetReportLocation(),
                        properties,
                        GetOperationName(write),
                        version));
                    return;
                }
            }

            /// <summary>False when the write provably stores the expected version again (or none); null when it cannot be told.</summary>
            private static bool? AdvancesVersion(ItemWrite write, WriteExpressions expressions, string version, string expected, IOperation expectedValue)
            {
                if (write.Kind == DynamoOperation.PutItem || write.Surface == WriteSurface.DocumentTable)
                {
                    if (write.Attributes.State != PartState.Known || !write.Attributes.IsComplete)
                    {
                        return null;
                    }

                    if (!write.Attributes.TryGetValue(version, out var stored))
                    {
                        // A put without the version removes it (another bug); a document update without it leaves it as it is.
                        return write.Kind == DynamoOperation.PutItem ? null : false;
                    }

                    return SameValue(stored, expectedValue) ? false : null;
                }

                // Low-level or transaction update.
                if (expressions.IsUpdateUnknown || write.AttributeUpdates.State == PartState.Unknown || !write.AttributeUpdates.IsComplete)
                {
                    return null;
                }

                if (expressions.Update is null && write.AttributeUpdates.State == PartState.Absent)
                {
                    return null;
                }

                if (write.AttributeUpdates.ContainsKey(version))
                {
                    return null;
                }

                if (expressions.UpdateMayWrite(version))
                {
                    foreach (var (attribute, action) in expressions.UpdatedAttributes())
                    {
                        if (attribute != version)
                        {
                            continue;
                        }

                        if (action.IsPlainAssignment
                            && action.Value is Model.Expressions.ValuePlaceholder assigned
                            && (assigned.Name == expected || (write.Values.TryGetValue(assigned.Name, out var assignedValue) && SameValue(assignedValue, expectedValue))))
                        {
                            continue;
                        }

                        return null;
                    }

                    // Every write of the version stores the expected value again (or an alias is undefined).
                    foreach (var action in expressions.Update!.UpdateActions)
                    {
                        if (!action.Path.TryGetRootAttributeName(expressions.Names, out _))
                        {
                            return null;
                        }
                    }
                }

                return false;
            }

            private static bool SameValue(IOperation left, IOperation right)
            {
                var a = ValueResolver.Resolve(left);
                var b = ValueResolver.Resolve(right);
                if (ReferenceEquals(a, b) || AreSameSymbolReference(a, b))
                {
                    return true;
                }

                if (Microsoft.CodeAnalysis.CSharp.SyntaxFactory.AreEquivalent(a.Syntax, b.Syntax))
                {
                    return true;
                }

                var scalarA = VersionValues.GetStoredScalar(left);
                var scalarB = VersionValues.GetStoredScalar(right);
                if (scalarA is null || scalarB is null)
                {
                    return false;
                }

                scalarA = ValueResolver.Resolve(scalarA);
                scalarB = ValueResolver.Resolve(scalarB);
                return AreSameSymbolReference(scalarA, scalarB)
                    || Microsoft.CodeAnalysis.CSharp.SyntaxFactory.AreEquivalent(scalarA.Syntax, scalarB.Syntax);
            }

            private static bool AreSameSymbolReference(IOperation a, IOperation b) => (a, b) switch
            {
                (ILocalReferenceOperation x, ILocalReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Local, y.Local),
                (IParameterReferenceOperation x, IParameterReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter),
                _ => false,
            };

            /// <summary>The written attributes whose names match the configured or default version names, with whether the write increments them.</summary>
            private List<(string Attribute, bool Incremented)> GetWrittenCandidates(ItemWrite write, WriteExpressions expressions, VersionAttributeNames names)
            {
                var candidates = new List<(string, bool)>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in write.Attributes.Entries)
                {
                    if (names.Matches(entry.Key) && seen.Add(entry.Key))
                    {
                        candidates.Add((entry.Key, VersionValues.AdvancesVersion(entry.Value)));
                    }
                }

                foreach (var (attribute, action) in expressions.UpdatedAttributes())
                {
                    if (names.Matches(attribute) && seen.Add(attribute))
                    {
                        candidates.Add((attribute, IsIncrement(action, write, expressions)));
                    }
                }

                foreach (var entry in write.AttributeUpdates.Entries)
                {
                    if (names.Matches(entry.Key) && seen.Add(entry.Key))
                    {
                        candidates.Add((entry.Key, IsLegacyIncrement(entry.Value)));
                    }
                }

                return candidates;
            }

            private static bool IsIncrement(Model.Expressions.UpdateAction action, ItemWrite write, WriteExpressions expressions)
            {
                if (action.IsRelativeUpdate(expressions.Names, out var @operator, out _))
                {
                    return @operator == Model.Expressions.ArithmeticOperator.Add;
                }

                return action.IsPlainAssignment
                    && action.Value is Model.Expressions.ValuePlaceholder placeholder
                    && write.Values.TryGetValue(placeholder.Name, out var value)
                    && VersionValues.AdvancesVersion(value);
            }

            /// <summary><c>new AttributeValueUpdate { Action = AttributeAction.ADD, ... }</c>, or a PUT of <c>X + 1</c>.</summary>
            private static bool IsLegacyIncrement(IOperation update)
            {
                var buildUp = ObjectBuildUp.TryCreate(update);
                if (buildUp is null)
                {
                    return false;
                }

                if (buildUp.GetValue("Action") is { } action && ValueResolver.Resolve(action) is IFieldReferenceOperation { Field.Name: "ADD" })
                {
                    return true;
                }

                return buildUp.GetValue("Value") is { } value && VersionValues.AdvancesVersion(value);
            }

            /// <summary>
            /// An update whose only action moves the version on relative to what is stored (<c>SET #v = #v + :one</c>,
            /// <c>ADD #v :one</c>): a deliberate bump that makes other writers' version checks fail. It changes nothing
            /// else, so nothing can be lost and it needs no condition.
            /// </summary>
            private static bool IsVersionBumpOnly(ItemWrite write, WriteExpressions expressions, string version)
                => WriteExpressions.GetOnlyAction(write, expressions, version) is { } action
                    && action.IsRelativeUpdate(expressions.Names, out var @operator, out _)
                    && @operator == Model.Expressions.ArithmeticOperator.Add;

            private static bool WritesAttribute(ItemWrite write, WriteExpressions expressions, string attribute)
            {
                if (write.Attributes.ContainsKey(attribute) || write.AttributeUpdates.ContainsKey(attribute))
                {
                    return true;
                }

                foreach (var (name, _) in expressions.UpdatedAttributes())
                {
                    if (name == attribute)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Check-then-act: before the write, the method compares (==, !=, &lt;, ...) a version attribute that it read
            /// from the same table (<c>response.Item["version"].N</c> after a GetItem, <c>document["version"]</c> after
            /// a document-model GetItem). Returns the compared attribute, or null.
            /// </summary>
            /// <param name="classify">
            /// For an attribute name: null when it is not a version; false for a known version (any comparison counts);
            /// true for a name that only looks like one (default heuristic): then only == / != / Equals against a value
            /// that varies (a parameter or local, as an expected version does) counts, so that a migration's
            /// <c>schema_version != "2"</c> or <c>&lt; Current</c> is not taken for a lock.
            /// </param>
            private string? FindCheckThenAct(ItemWrite write, Func<string, bool?> classify)
            {
                var position = write.Operation.SourceStart();
                foreach (var comparison in KeyedComparisons.Get(write.Operation.GetRoot()))
                {
                    if (comparison.Start >= position)
                    {
                        continue;
                    }

                    var (left, right, isEquality) = (comparison.Left, comparison.Right, comparison.IsEquality);
                    var attribute = FindVersionRead(left, write, a => classify(a) is not null, 0);
                    if (attribute is not null && (classify(attribute) == false || (isEquality && IsVarying(right))))
                    {
                        return attribute;
                    }

                    attribute = FindVersionRead(right, write, a => classify(a) is not null, 0);
                    if (attribute is not null && (classify(attribute) == false || (isEquality && IsVarying(left))))
                    {
                        return attribute;
                    }
                }

                return null;
            }

            /// <summary>
            /// The comparisons of a method body (<c>==</c>, <c>!=</c>, <c>&lt;</c>..., <c>Equals</c>, <c>CompareTo</c>) one of whose
            /// operands reads an indexer with a constant key, directly or through once-assigned locals (what
            /// <see cref="FindVersionRead"/> can match), in source order. Indexed once per body, so that each write of a
            /// long method looks at these few comparisons instead of walking the whole body again.
            /// </summary>
            private sealed class KeyedComparisons
            {
                private static readonly ConditionalWeakTable<IOperation, List<Comparison>> Table = new ConditionalWeakTable<IOperation, List<Comparison>>();

                private static readonly ConditionalWeakTable<IOperation, List<Comparison>>.CreateValueCallback Create = Build;

                public static List<Comparison> Get(IOperation root) => Table.GetValue(root, Create);

                private static List<Comparison> Build(IOperation root)
                {
                    var found = new List<Comparison>();
                    foreach (var operation in root.Descendants())
                    {
                        IOperation? left = null;
                        IOperation? right = null;
                        var isEquality = false;
                        switch (operation)
                        {
                            case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                                left = binary.LeftOperand;
                                right = binary.RightOperand;
                                isEquality = binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals;
                                break;
                            case IInvocationOperation { TargetMethod.Name: "Equals" or "CompareTo" } call:
                                left = call.Instance;
                                right = call.Arguments.Length > 0 ? call.Arguments[call.Arguments.Length - 1].Value : null;
                                if (left is null && call.Arguments.Length == 2)
                                {
                                    left = call.Arguments[0].Value;
                                }

                                isEquality = call.TargetMethod.Name == "Equals";
                                break;
                        }

                        if (left is not null && right is not null && (ReadsKeyedIndexer(left, 0) || ReadsKeyedIndexer(right, 0)))
                        {
                            found.Add(new Comparison(operation.SourceStart(), left, right, isEquality));
                        }
                    }

                    return found;
                }

                /// <summary>A superset of what <see cref="FindVersionRead"/> matches, without the write: any constant-keyed indexer.</summary>
                private static bool ReadsKeyedIndexer(IOperation operand, int depth)
                {
                    if (depth > 3)
                    {
                        return false;
                    }

                    foreach (var operation in operand.DescendantsAndSelf())
                    {
                        switch (operation)
                        {
                            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: not null } indexer
                                when ValueResolver.TryGetString(indexer.Arguments[0].Value, out _):
                                return true;
                            case ILocalReferenceOperation local when ValueResolver.FindSingleInitializer(local.Local, local.GetRoot()) is { } initializer:
                                if (ReadsKeyedIndexer(initializer, depth + 1))
                                {
                                    return true;
                                }

                                break;
                        }
                    }

                    return false;
                }
            }

            private readonly struct Comparison
            {
                public Comparison(int start, IOperation left, IOperation right, bool isEquality)
                {
                    Start = start;
                    Left = left;
                    Right = right;
                    IsEquality = isEquality;
                }

                public int Start { get; }

                public IOperation Left { get; }

                public IOperation Right { get; }

                public bool IsEquality { get; }
            }

            /// <summary>True when the value depends on a parameter or a non-constant local (not only on constants).</summary>
            private static bool IsVarying(IOperation operand)
            {
                foreach (var operation in operand.DescendantsAndSelf())
                {
                    if (operation is IParameterReferenceOperation || (operation is ILocalReferenceOperation { Local.IsConst: false }))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsComparison(BinaryOperatorKind kind)
                => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan
                    or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

            /// <summary>Finds <c>item["version"]</c> in <paramref name="operand"/> (through once-assigned locals), read from an item of the write's table.</summary>
            private string? FindVersionRead(IOperation operand, ItemWrite write, Func<string, bool> isVersion, int depth)
            {
                if (depth > 3)
                {
                    return null;
                }

                foreach (var operation in operand.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } indexer
                            when ValueResolver.TryGetString(indexer.Arguments[0].Value, out var key) && isVersion(key) && IsItemReadFromTable(instance, write):
                            return key;
                        case ILocalReferenceOperation local when ValueResolver.FindSingleInitializer(local.Local, local.GetRoot()) is { } initializer:
                            if (FindVersionRead(initializer, write, isVersion, depth + 1) is { } found)
                            {
                                return found;
                            }

                            break;
                    }
                }

                return null;
            }

            /// <summary>
            /// True when <paramref name="item"/> is the item of a GetItem on the write's table: <c>response.Item</c> of a
            /// low-level GetItem(Async) with the same constant table name, or the document a Table's GetItem(Async)
            /// returned when the write goes through the same Table variable.
            /// </summary>
            private bool IsItemReadFromTable(IOperation item, ItemWrite write)
            {
                var value = ValueResolver.Resolve(item);
                if (value is IPropertyReferenceOperation { Property.Name: "Item", Instance: { } response })
                {
                    if (write.TableName is null || UnwrapAwait(ValueResolver.Resolve(response)) is not IInvocationOperation get
                        || _model.GetClientOperation(get.TargetMethod) != DynamoOperation.GetItem)
                    {
                        return false;
                    }

                    IOperation? table = DynamoDbModel.GetArgumentByParameterName(get, "tableName");
                    if (table is null && DynamoDbModel.GetRequestArgument(get) is { } request)
                    {
                        table = ObjectBuildUp.TryCreate(request)?.GetValue("TableName");
                    }

                    return table is not null && ValueResolver.TryGetString(table, out var name) && name == write.TableName;
                }

                if (UnwrapAwait(value) is IInvocationOperation documentGet
                    && _model.GetTableOperation(documentGet.TargetMethod) == DynamoOperation.GetItem
                    && write.Surface == WriteSurface.DocumentTable
                    && write.Operation is IInvocationOperation { Instance: { } writeTable }
                    && documentGet.Instance is { } readTable)
                {
                    return AreSameVariable(readTable, writeTable);
                }

                return false;
            }

            private static IOperation UnwrapAwait(IOperation operation)
            {
                operation = operation.WalkDownConversions();
                return operation is IAwaitOperation await ? await.Operation.WalkDownConversions() : operation;
            }

            private static bool AreSameVariable(IOperation a, IOperation b) => (a.WalkDownConversions(), b.WalkDownConversions()) switch
            {
                (ILocalReferenceOperation x, ILocalReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Local, y.Local),
                (IParameterReferenceOperation x, IParameterReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter),
                (IFieldReferenceOperation x, IFieldReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Field, y.Field)
                    && (x.Instance is null or IInstanceReferenceOperation) && (y.Instance is null or IInstanceReferenceOperation),
                (IPropertyReferenceOperation x, IPropertyReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Property, y.Property)
                    && (x.Instance is null or IInstanceReferenceOperation) && (y.Instance is null or IInstanceReferenceOperation),
                _ => false,
            };

            private void RecordComparison(string? table, string attribute)
            {
                _comparedAttributes.TryAdd(attribute, 0);
                if (table is null)
                {
                    _comparedWithoutTable.TryAdd(attribute, 0);
                }
                else
                {
                    _versionedTables.TryAdd((table, attribute), 0);
                }
            }

            private void RecordVersionedWrite(string? table, string attribute)
            {
                if (table is not null)
                {
                    _versionedTables.TryAdd((table, attribute), 0);
                }
            }

            /// <summary>
            /// Writes whose evidence lies elsewhere: a default-named attribute that some condition in the compilation
            /// compares, or a write to a table that another write shows to be versioned.
            /// </summary>
            public void ReportAtCompilationEnd(CompilationAnalysisContext context)
            {
                var tableWrites = new List<PendingWrite>();
                foreach (var pending in _pending)
                {
                    if (pending.Candidates is null)
                    {
                        tableWrites.Add(pending);
                        continue;
                    }

                    foreach (var candidate in pending.Candidates)
                    {
                        // A comparison on the same table, or on a table the method does not name; a write to an
                        // unnamed table takes a comparison of the attribute anywhere.
                        if (pending.TableName is { } table
                            ? _comparedWithoutTable.ContainsKey(candidate) || _versionedTables.ContainsKey((table, candidate))
                            : _comparedAttributes.ContainsKey(candidate))
                        {
                            RecordVersionedWrite(pending.TableName, candidate);
                            context.ReportDiagnostic(CreateUnguarded(
                                pending,
                                candidate,
                                pending.TableName is null ? DiagnosticDescriptors.UnguardedVersionedWriteUnknownTableCompilationEnd : DiagnosticDescriptors.UnguardedVersionedWriteCompilationEnd));
                            break;
                        }
                    }
                }

                if (tableWrites.Count == 0)
                {
                    return;
                }

                var versionByTable = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var pair in _versionedTables.Keys)
                {
                    if (!versionByTable.TryGetValue(pair.Table, out var attributes))
                    {
                        versionByTable[pair.Table] = attributes = new List<string>();
                    }

                    attributes.Add(pair.Attribute);
                }

                foreach (var list in versionByTable.Values)
                {
                    list.Sort(StringComparer.Ordinal);
                }

                foreach (var pending in tableWrites)
                {
                    if (!versionByTable.TryGetValue(pending.TableName!, out var attributes))
                    {
                        continue;
                    }

                    foreach (var attribute in attributes)
                    {
                        if (pending.Names.Matches(attribute) && !pending.Guard.Covers(attribute))
                        {
                            context.ReportDiagnostic(CreateUnguarded(pending, attribute, DiagnosticDescriptors.UnguardedWriteToVersionedTableCompilationEnd));
                            break;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// A write whose versioning is decided at compilation end. It keeps what the report needs (table, operation
        /// name, location) and a <see cref="Guard"/> snapshot, not the write's operations: an operation keeps its
        /// document's whole semantic model alive until the end of the compilation.
        /// </summary>
        private sealed class PendingWrite
        {
            public PendingWrite(ItemWrite write, List<string>? candidates, Guard guard, VersionAttributeNames names)
            {
                TableName = write.TableName;
                OperationName = CompilationAnalysis.GetOperationName(write);
                Location = write.GetReportLocation();
                Candidates = candidates;
                Guard = guard;
                Names = names;
            }

            public string? TableName { get; }

            public string OperationName { get; }

            public Location Location { get; }

            /// <summary>The default-named attributes the write stores unguarded; null for a write that stores none.</summary>
            public List<string>? Candidates { get; }

            public Guard Guard { get; }

            public VersionAttributeNames Names { get; }
        }

        /// <summary>
        /// Which attributes a write's condition (or Expected) guards. It keeps the parsed expressions and the key and
        /// Expected attribute names, not the write, so that a pending write holds no operation.
        /// </summary>
        private sealed class Guard
        {
            private readonly WriteExpressions _expressions;
            private readonly VersionedTable? _table;
            private readonly bool _isPut;
            private readonly string[] _expected;

            /// <summary>The request's key attributes when the method shows all of them; null otherwise.</summary>
            private readonly string[]? _keys;

            public Guard(ItemWrite write, WriteExpressions expressions, VersionedTable? table)
            {
                _expressions = expressions;
                _table = table;
                _isPut = write.Kind == DynamoOperation.PutItem;
                _expected = GetKeys(write.Expected);
                _keys = write.Key.State == PartState.Known && write.Key.IsComplete ? GetKeys(write.Key) : null;
                IsUnknown = expressions.IsConditionUnknown
                    || write.HasExpectedState
                    || write.Expected.State == PartState.Unknown
                    || !write.Expected.IsComplete;
            }

            /// <summary>True when the write carries a condition or expectation the method does not show: it may guard anything.</summary>
            public bool IsUnknown { get; }

            /// <summary>
            /// True when the write is guarded with respect to <paramref name="version"/>: its condition refers to it, or
            /// makes the write create-only (<c>attribute_not_exists</c> on a key or on the version), or the legacy
            /// Expected names it or a key.
            /// </summary>
            public bool Covers(string version)
            {
                if (IsUnknown || _expressions.ConditionMayReference(version))
                {
                    return true;
                }

                if (_expressions.ConditionTestsAttributeNotExists(name => name == version || IsKey(name)))
                {
                    return true;
                }

                foreach (var key in _expected)
                {
                    if (key == version || IsKey(key))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static string[] GetKeys(MapPart map)
            {
                var entries = map.Entries;
                if (entries.Count == 0)
                {
                    return System.Array.Empty<string>();
                }

                var keys = new string[entries.Count];
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = entries[i].Key;
                }

                return keys;
            }

            /// <summary>
            /// True for a key attribute of the item: an entry of the request's Key, the hash or range key of the
            /// [DynamoDBTable] class. When the keys are not known (a put to a table no class describes), any attribute
            /// might be one, so any counts.
            /// </summary>
            private bool IsKey(string name)
            {
                if (_table is not null && (name == _table.HashKeyAttribute || name == _table.RangeKeyAttribute))
                {
                    return true;
                }

                if (_keys is not null)
                {
                    return System.Array.IndexOf(_keys, name) >= 0;
                }

                if (_isPut && _table?.HashKeyAttribute is not null)
                {
                    return false;
                }

                return true;
            }
        }
    }
}
