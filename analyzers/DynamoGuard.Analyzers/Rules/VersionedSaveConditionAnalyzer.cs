using System.Collections.Immutable;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB105: <c>SaveAsync(item, new SaveConfig { ConditionalExpression = ... })</c> of a type with a [DynamoDBVersion]
    /// property, without <c>SkipVersionCheck = true</c>. The SDK refuses to combine its own version check with a custom
    /// condition and throws InvalidOperationException. Silent when SkipVersionCheck is set to true (the supported way:
    /// the custom condition then checks the version itself) or to a value that is not a constant, and when the
    /// configuration comes from outside the method.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class VersionedSaveConditionAnalyzer : DynamoGuardAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.CustomConditionOnVersionedSave);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            if (model.DynamoDBContextInterface is null || model.DynamoDBVersionAttribute is null || model.SaveConfig is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeInvocation(c, model), OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, DynamoDbModel model)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!invocation.TargetMethod.Name.StartsWith("Save", System.StringComparison.Ordinal)
                || !model.TryGetVersionCheckedWrite(invocation, out var itemType, out var configArgument)
                || configArgument is null
                || !SymbolEqualityComparer.Default.Equals(configArgument.Parameter?.Type, model.SaveConfig)
                || model.GetVersionProperty(itemType) is not { } versionProperty)
            {
                return;
            }

            var config = ObjectBuildUp.TryCreate(configArgument.Value);
            if (config is null
                || FindCondition(config) is not { } condition
                || SkipsVersionCheckOrMayDo(config, model)
                || (config.Local is not null && model.IsReportedByEarlierVersionedWrite(invocation, config.Local)))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.CustomConditionOnVersionedSave,
                condition.Syntax.GetLocation(),
                additionalLocations: new[] { invocation.Syntax.GetLocation() },
                invocation.TargetMethod.Name,
                itemType!.Name,
                versionProperty.Name));
        }

        /// <summary>The last assignment of a non-null ConditionalExpression, or null.</summary>
        private static ISimpleAssignmentOperation? FindCondition(ObjectBuildUp config)
        {
            ISimpleAssignmentOperation? last = null;
            foreach (var assignment in config.AssignmentsTo(static p => p.Name == "ConditionalExpression"))
            {
                last = assignment;
            }

            return last is null || last.Value.IsConstantNull() ? null : last;
        }

        /// <summary>True when some assignment sets SkipVersionCheck to anything but the constants false or null.</summary>
        private static bool SkipsVersionCheckOrMayDo(ObjectBuildUp config, DynamoDbModel model)
        {
            foreach (var assignment in config.AssignmentsTo(model.IsSkipVersionCheck))
            {
                var constant = assignment.Value.WalkDownConversions().ConstantValue;
                if (!constant.HasValue || constant.Value is true)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
