using System.Collections.Immutable;
using DynamoGuard.Configuration;
using DynamoGuard.Model;
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
    /// UpdateItem / PutItem of the Document read, object-model Save of the object loaded) back to a single-item read
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
            start.RegisterOperationAction(c => AnalyzeInvocation(c, model, counterNames, writeBackNames), OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, DynamoDbModel model, OptionCache<VersionAttributeNames> counterNames, OptionCache<VersionAttributeNames> writeBackNames)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!ReadModifyWrite.IsCandidateName(method.Name))
            {
                return;
            }

            var isSave = model.IsContextMethod(method, "Save");
            var operation = isSave ? DynamoOperation.None : model.GetClientOperation(method);
            if (operation == DynamoOperation.None && !isSave)
            {
                operation = model.GetTableOperation(method);
            }

            if (!isSave && operation is not (DynamoOperation.PutItem or DynamoOperation.UpdateItem))
            {
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
