using System.Collections.Generic;
using System.Collections.Immutable;
using DynamoGuard.Configuration;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB103: a batch write of versioned items. BatchWriteItem cannot carry conditions, so a batch never checks a
    /// version:
    /// <list type="bullet">
    /// <item><c>context.CreateBatchWrite&lt;T&gt;([config])</c> / <c>CreateBatchWrite(typeof(T)[, config])</c> of a type with a
    /// [DynamoDBVersion] property throws at creation in SDK v4, and with SkipVersionCheck writes stale versions
    /// unchecked (the message says which, or both when the configuration is not visible);</item>
    /// <item>a low-level <c>BatchWriteItem</c> whose PutRequests, built in the method, store a version attribute: the
    /// version of a [DynamoDBVersion] class mapped to the table, a name configured in
    /// <c>dynamoguard.version_attribute_names</c>, or a default-named attribute (<c>*version</c>) whose value the put
    /// increments (<c>X + 1</c>). A default-named attribute without that evidence (a schema version) is not a lock.</item>
    /// </list>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class VersionedBatchWriteAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>Diagnostic property: "CreateBatchWrite" for the object persistence model, "BatchWriteItem" for the low-level client.</summary>
        public const string SurfaceProperty = "Surface";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.VersionedBatchWriteThrows,
            DiagnosticDescriptors.VersionedBatchWriteOverwrites,
            DiagnosticDescriptors.VersionedBatchWriteUnknownConfig,
            DiagnosticDescriptors.VersionedBatchPut,
            DiagnosticDescriptors.VersionedBatchPutUnknownTable);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            var names = new OptionCache<VersionAttributeNames>(DynamoGuardOptions.VersionAttributeNames, DiagnosticIds.VersionedBatchWrite, start.Options);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, model, names), OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, DynamoDbModel model, OptionCache<VersionAttributeNames> names)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var name = invocation.TargetMethod.Name;
            if (name == "CreateBatchWrite")
            {
                AnalyzeCreateBatchWrite(context, invocation, model);
            }
            else if (name.StartsWith("BatchWriteItem", System.StringComparison.Ordinal) && model.GetClientOperation(invocation.TargetMethod) == DynamoOperation.BatchWriteItem)
            {
                AnalyzeBatchWriteItem(context, invocation, model, names.Get(invocation.Syntax.SyntaxTree));
            }
        }

        private static void AnalyzeCreateBatchWrite(OperationAnalysisContext context, IInvocationOperation invocation, DynamoDbModel model)
        {
            if (!model.TryGetBatchWriteCreation(invocation, out var itemType, out var configArgument)
                || model.GetVersionProperty(itemType) is not { } versionProperty)
            {
                return;
            }

            var descriptor = DiagnosticDescriptors.VersionedBatchWriteThrows;
            if (configArgument is not null && configArgument.ArgumentKind != ArgumentKind.DefaultValue && !configArgument.Value.IsConstantNull())
            {
                var config = ObjectBuildUp.TryCreate(configArgument.Value);
                descriptor = config is null || !config.IsComplete
                    ? DiagnosticDescriptors.VersionedBatchWriteUnknownConfig
                    : GetSkipState(config, model) switch
                    {
                        true => DiagnosticDescriptors.VersionedBatchWriteOverwrites,
                        false => DiagnosticDescriptors.VersionedBatchWriteThrows,
                        null => DiagnosticDescriptors.VersionedBatchWriteUnknownConfig,
                    };
            }

            context.ReportDiagnostic(Diagnostic.Create(
                descriptor,
                ItemWrite.GetReportLocation(invocation.Syntax),
                ImmutableDictionary<string, string?>.Empty.Add(SurfaceProperty, "CreateBatchWrite"),
                invocation.TargetMethod.Name,
                itemType!.Name,
                versionProperty.Name));
        }

        /// <summary>True when SkipVersionCheck is set to true, false when it is not set or set to false, null when not constant.</summary>
        private static bool? GetSkipState(ObjectBuildUp config, DynamoDbModel model)
        {
            bool? skip = false;
            foreach (var assignment in config.AssignmentsTo(model.IsSkipVersionCheck))
            {
                var constant = assignment.Value.WalkDownConversions().ConstantValue;
                skip = !constant.HasValue ? null : constant.Value is true;
            }

            return skip;
        }

        private static void AnalyzeBatchWriteItem(OperationAnalysisContext context, IInvocationOperation invocation, DynamoDbModel model, VersionAttributeNames names)
        {
            IOperation? requestItems;
            if (DynamoDbModel.GetRequestArgument(invocation) is { } request)
            {
                var buildUp = ObjectBuildUp.TryCreate(request);
                requestItems = buildUp?.GetValue("RequestItems");
            }
            else
            {
                requestItems = DynamoDbModel.GetArgumentByParameterName(invocation, "requestItems");
            }

            if (requestItems is null)
            {
                return;
            }

            if (ObjectBuildUp.TryCreate(requestItems) is not { } tables)
            {
                return;
            }

            var reported = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var table in tables.Entries)
            {
                var tableName = ValueResolver.TryGetString(table.Key, out var constantName) ? constantName : null;
                var versionedTable = model.GetVersionedTable(tableName);
                foreach (var element in ListElements(table.Value))
                {
                    var item = GetPutItem(element);
                    if (item is null || FindVersionAttribute(item, versionedTable, names) is not { } attribute)
                    {
                        continue;
                    }

                    if (reported.Add(tableName + "\0" + attribute))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            tableName is null ? DiagnosticDescriptors.VersionedBatchPutUnknownTable : DiagnosticDescriptors.VersionedBatchPut,
                            ItemWrite.GetReportLocation(invocation.Syntax),
                            ImmutableDictionary<string, string?>.Empty.Add(SurfaceProperty, "BatchWriteItem"),
                            attribute,
                            tableName));
                    }
                }
            }
        }

        /// <summary>The version attribute a put item stores, with evidence that it is a lock; null when there is none.</summary>
        private static string? FindVersionAttribute(MapPart item, VersionedTable? versionedTable, VersionAttributeNames names)
        {
            foreach (var entry in item.Entries)
            {
                if (versionedTable is not null && entry.Key == versionedTable.VersionAttribute)
                {
                    return entry.Key;
                }

                if (names.Matches(entry.Key)
                    && (names.IsConfigured || VersionValues.AdvancesVersion(entry.Value)))
                {
                    return entry.Key;
                }
            }

            return null;
        }

        /// <summary>The item of <c>new WriteRequest { PutRequest = new PutRequest { Item = ... } }</c>, when built in the method.</summary>
        private static MapPart? GetPutItem(IOperation writeRequest)
        {
            var request = ObjectBuildUp.TryCreate(writeRequest);
            if (request?.GetValue("PutRequest") is not { } put || ObjectBuildUp.TryCreate(put) is not { } putRequest)
            {
                return null;
            }

            var item = MapPart.Read(putRequest.GetValue("Item"));
            return item.State == PartState.Known ? item : null;
        }

        /// <summary>
        /// The elements of a list built in the method: collection initializer elements and <c>list.Add(x)</c> calls on a
        /// once-assigned local.
        /// </summary>
        private static IEnumerable<IOperation> ListElements(IOperation list)
        {
            var value = list.WalkDownConversions();
            ILocalSymbol? local = null;
            if (value is ILocalReferenceOperation reference)
            {
                local = reference.Local;
                value = ValueResolver.FindSingleInitializer(local, value.GetRoot())?.WalkDownConversions() ?? value;
            }

            if (value is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.Initializers)
                {
                    if (element is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                    {
                        yield return add.Arguments[0].Value;
                    }
                }
            }

            if (local is null)
            {
                yield break;
            }

            foreach (var operation in list.GetRoot().Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1, Instance: ILocalReferenceOperation target } add
                    && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    yield return add.Arguments[0].Value;
                }
            }
        }
    }
}
