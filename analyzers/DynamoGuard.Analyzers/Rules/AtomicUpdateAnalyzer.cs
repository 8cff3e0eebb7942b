using System.Collections.Immutable;
using DynamoGuard.Configuration;
using DynamoGuard.Model;
using DynamoGuard.Model.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB201 (a number read from an item, changed by <c>+</c> / <c>-</c> / <c>++</c> / <c>+=</c>... in C#, and written
    /// back to the same attribute of the same item without a condition on it) and DDB202 (an item read, changed and
    /// written back whole with PutItem / SaveAsync without any condition).
    /// <para>
    /// Both follow values inside one method: from the write (low-level UpdateItem / PutItem, document-model
    /// UpdateItem / PutItem of the Document read, object-model Save of the object loaded or of a new object built from it) back to a single-item read
    /// (GetItem, Table.GetItem, Load). They stay silent when a write is guarded (a condition on the attribute or on a
    /// version: the idempotent pattern), when the item is versioned (the locking rules DDB101 / DDB102 own it), when the
    /// write targets another table or key, and when a value or item escapes to code the method does not show.
    /// One finding per write: DDB202 is not reported where DDB201 is.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AtomicUpdateAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>Diagnostic property: the attribute (stored name) the DDB201 finding is about.</summary>
        public const string AttributeProperty = "Attribute";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ReadModifyWriteNumber,
            DiagnosticDescriptors.WholeItemWriteBack);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            var counterNames = new OptionCache<VersionAttributeNames>(DynamoGuardOptions.VersionAttributeNames, DiagnosticIds.ReadModifyWriteNumber, start.Options);
            var writeBackNames = new OptionCache<VersionAttributeNames>(DynamoGuardOptions.VersionAttributeNames, DiagnosticIds.WholeItemWriteBack, start.Options);
            var summaries = model.EnsureSummaries(start.Options);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, model, summaries, counterNames, writeBackNames), OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, DynamoDbModel model, MethodSummaries summaries, OptionCache<VersionAttributeNames> counterNames, OptionCache<VersionAttributeNames> writeBackNames)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var isSave = false;
            var operation = DynamoOperation.None;
            if (ReadModifyWrite.IsCandidateName(method.Name))
            {
                isSave = model.IsContextMethod(method, "Save");
                operation = isSave ? DynamoOperation.None : model.GetClientOperation(method);
                if (operation == DynamoOperation.None && !isSave)
                {
                    operation = model.GetTableOperation(method);
                }
            }

            if (!isSave && operation is not (DynamoOperation.PutItem or DynamoOperation.UpdateItem))
            {
                AnalyzeHelperCall(context, model, summaries, invocation, counterNames, writeBackNames);

                return;
            }

            var tree = invocation.Syntax.SyntaxTree;
            var counter = new ReadModifyWrite(model, counterNames.Get(tree)).FindCounter(invocation);
            if (counter is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ReadModifyWriteNumber,
                    ItemWrite.GetReportLocation(invocation.Syntax),
                    additionalLocations: new[] { counter.Read.Invocation.Syntax.GetLocation() },
                    properties: ImmutableDictionary<string, string?>.Empty.Add(AttributeProperty, counter.Attribute),
                    invocation.TargetMethod.Name,
                    counter.DisplayName,
                    counter.Read.OperationName,
                    DescribeSteps(counter.Value)));
                return;
            }

            if ((isSave || operation == DynamoOperation.PutItem)
                && new ReadModifyWrite(model, writeBackNames.Get(tree)).FindWriteBack(invocation) is { } writeBack)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.WholeItemWriteBack,
                    ItemWrite.GetReportLocation(invocation.Syntax),
                    additionalLocations: new[] { writeBack.Read.Invocation.Syntax.GetLocation() },
                    invocation.TargetMethod.Name,
                    writeBack.Read.OperationName,
                    writeBack.ChangedAttribute));
            }
        }

        /// <summary>
        /// A call to a source method that writes a number (or saves an object) it is given, without a condition: DDB201
        /// or DDB202 when the value derives from what another source method read. Reported at the call, with the read
        /// call and the SDK read and write inside the helpers as additional locations.
        /// </summary>
        private static void AnalyzeHelperCall(OperationAnalysisContext context, DynamoDbModel model, MethodSummaries summaries, IInvocationOperation invocation, OptionCache<VersionAttributeNames> counterNames, OptionCache<VersionAttributeNames> writeBackNames)
        {
            // A write helper takes the value it writes (a number derived from what a read helper returned) or the
            // object it saves (a local holding a loaded object). The arguments are looked at first, in this method;
            // the called method is summarised only when one of them comes from a read. A call of a method that is not
            // the compilation's own (List.Add, a log call) has no summary: its arguments are not even looked at.
            if (invocation.Arguments.IsEmpty
                || summaries.Methods.GetCallee(invocation.TargetMethod) is null
                || !HasReadArgument(invocation, model))
            {
                return;
            }

            var summary = summaries.Get(invocation);
            if (summary.Writes.IsEmpty && summary.Saves.IsEmpty)
            {
                return;
            }

            var tree = invocation.Syntax.SyntaxTree;
            if (new ReadModifyWrite(model, counterNames.Get(tree)).FindHelperCounter(invocation, summary) is { } counter)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ReadModifyWriteNumber,
                    ItemWrite.GetReportLocation(invocation.Syntax),
                    additionalLocations: HelperLocations(counter.Read, counter.HelperWrite),
                    properties: ImmutableDictionary<string, string?>.Empty.Add(AttributeProperty, counter.Attribute),
                    invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name,
                    counter.DisplayName,
                    counter.Read.OperationName,
                    DescribeSteps(counter.Value)));
                return;
            }

            if (!summary.Saves.IsEmpty
                && new ReadModifyWrite(model, writeBackNames.Get(tree)).FindHelperWriteBack(invocation, summary) is { } writeBack)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.WholeItemWriteBack,
                    ItemWrite.GetReportLocation(invocation.Syntax),
                    additionalLocations: HelperLocations(writeBack.Read, writeBack.HelperWrite),
                    invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name,
                    writeBack.Read.OperationName,
                    writeBack.ChangedAttribute));
            }
        }

        private static bool HasReadArgument(IInvocationOperation invocation, DynamoDbModel model)
        {
            NumericDerivations? derivations = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Value.ConstantValue.HasValue)
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversions();
                if (value is ILocalReferenceOperation or IObjectCreationOperation && value.Type?.TypeKind == TypeKind.Class)
                {
                    if (value is ILocalReferenceOperation && ReadTracing.TryGetSource(value, model, out var source) && source.Kind == ReadValueKind.Object)
                    {
                        return true;
                    }

                    // A new object built from a loaded one: new Stats { Id = loaded.Id, Hits = loaded.Hits + 1 }.
                    if (ReadModifyWrite.GetSavedCreation(value, model) is { } creation
                        && ReadModifyWrite.SetsNumberFromLoadedObject(creation, derivations ??= new NumericDerivations(model)))
                    {
                        return true;
                    }
                }
                else if (value is IMemberReferenceOperation { Instance: IInstanceReferenceOperation } member
                    && value.Type is { TypeKind: TypeKind.Class, SpecialType: SpecialType.None })
                {
                    // An object the method loaded into a field or property of this object: this.List = await repo.GetAsync(id).
                    if (ValueResolver.FindReachingMemberValue(member) is { } assigned
                        && ReadTracing.TryGetSource(assigned, model, out var held)
                        && held.Kind == ReadValueKind.Object)
                    {
                        return true;
                    }
                }
                else if (ReadTracing.IsNumericType(value.Type) && value is not (IParameterReferenceOperation or IFieldReferenceOperation))
                {
                    derivations ??= new NumericDerivations(model);
                    if (derivations.Classify(value) is { Kind: DerivationKind.Modified, Source.Read.Helper: not null })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The read call, then the SDK read inside the read helper, then the SDK write inside the write helper.</summary>
        private static Location[] HelperLocations(ItemRead read, SyntaxNode? helperWrite)
        {
            var locations = new System.Collections.Generic.List<Location>(3) { read.Invocation.Syntax.GetLocation() };
            if ((read.Helper?.Read ?? read.HelperLoad) is { } innerRead)
            {
                locations.Add(innerRead.GetLocation());
            }

            if (helperWrite is not null)
            {
                locations.Add(helperWrite.GetLocation());
            }

            return locations.ToArray();
        }

        /// <summary>The arithmetic as the code writes it (<c>+ 1</c>, <c>- amount</c>), or words when a delta is long.</summary>
        private static string DescribeSteps(Derivation derivation)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var step in derivation.Steps)
            {
                var delta = step.Delta is null ? "1" : step.Delta.Syntax.ToString();
                if (delta.Length > 24 || delta.IndexOf('\n') >= 0)
                {
                    return "plus or minus a delta";
                }

                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(step.Subtract ? "- " : "+ ").Append(delta);
            }

            return builder.ToString();
        }
    }
}
