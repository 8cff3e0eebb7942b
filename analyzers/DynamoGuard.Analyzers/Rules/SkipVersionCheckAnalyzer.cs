using System.Collections.Immutable;
using DynamoGuard.Model;
using DynamoGuard.Model.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB102: <c>SkipVersionCheck = true</c> where it turns off the optimistic-locking check of a type with a
    /// [DynamoDBVersion] property: on the SaveConfig / DeleteConfig / TransactWriteConfig / DynamoDBOperationConfig of a
    /// save, delete or transaction of a versioned type, or on the DynamoDBContextConfig of a whole context when the
    /// code base has versioned types. Silent for types without a version (nothing is bypassed), for configurations
    /// that come from outside the method, and when a custom ConditionalExpression is set (that is DDB105's concern).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SkipVersionCheckAnalyzer : DynamoGuardAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.VersionCheckDisabled,
            DiagnosticDescriptors.VersionCheckDisabledForContext,
            DiagnosticDescriptors.VersionCheckDisabledByContext);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            if (model.DynamoDBContextInterface is null || model.DynamoDBVersionAttribute is null)
            {
                return;
            }

            var contexts = model.EnsureSummaries(start.Options).Contexts;
            start.RegisterOperationAction(c => AnalyzeInvocation(c, model, contexts), OperationKind.Invocation);
            if (model.DynamoDBContextConfig is not null)
            {
                start.RegisterOperationAction(c => AnalyzeContextConfigAssignment(c, model), OperationKind.SimpleAssignment);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, DynamoDbModel model, ContextOrigins contexts)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!model.TryGetVersionCheckedWrite(invocation, out var itemType, out var configArgument)
                || model.GetVersionProperty(itemType) is not { } versionProperty)
            {
                return;
            }

            if (configArgument is null || configArgument.ArgumentKind == ArgumentKind.DefaultValue || configArgument.Value.IsConstantNull())
            {
                AnalyzeContextOrigin(context, invocation, contexts, itemType!, versionProperty);
                return;
            }

            var config = ObjectBuildUp.TryCreate(configArgument.Value);
            if (config is null
                || FindSkipAssignment(config, model) is not { } skip
                || SetsCustomCondition(config)
                || (config.Local is not null && model.IsReportedByEarlierVersionedWrite(invocation, config.Local)))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.VersionCheckDisabled,
                skip.Syntax.GetLocation(),
                additionalLocations: new[] { invocation.Syntax.GetLocation() },
                invocation.TargetMethod.Name,
                itemType!.Name,
                versionProperty.Name));
        }

        /// <summary>
        /// A save or delete without its own configuration, through a context whose creation (in a field initializer, a
        /// constructor, a factory or the DI registration) set SkipVersionCheck = true: reported at the call, with the
        /// setting as additional location.
        /// </summary>
        private static void AnalyzeContextOrigin(OperationAnalysisContext context, IInvocationOperation invocation, ContextOrigins contexts, ITypeSymbol itemType, IPropertySymbol versionProperty)
        {
            if (contexts.FindSkipSetting(invocation.Instance) is not { } setting)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.VersionCheckDisabledByContext,
                ItemWrite.GetReportLocation(invocation.Syntax),
                additionalLocations: new[] { setting.GetLocation() },
                invocation.TargetMethod.Name,
                itemType.Name,
                versionProperty.Name));
        }

        private static void AnalyzeContextConfigAssignment(OperationAnalysisContext context, DynamoDbModel model)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "SkipVersionCheck" } property } target
                || !SymbolEqualityComparer.Default.Equals(property.ContainingType, model.DynamoDBContextConfig)
                || !model.IsContextWideConfig(target.Instance?.Type)
                || !assignment.Value.IsConstantTrue()
                || model.FindAnyVersionedType() is not { } versionedType)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.VersionCheckDisabledForContext,
                assignment.Syntax.GetLocation(),
                versionedType.Name));
        }

        /// <summary>
        /// The assignment that sets SkipVersionCheck to true, when every assignment of SkipVersionCheck in the
        /// method sets it to the constant true; null otherwise (not set, set to false, or to something unknown).
        /// </summary>
        private static ISimpleAssignmentOperation? FindSkipAssignment(ObjectBuildUp config, DynamoDbModel model)
        {
            ISimpleAssignmentOperation? first = null;
            foreach (var assignment in config.AssignmentsTo(model.IsSkipVersionCheck))
            {
                if (!assignment.Value.IsConstantTrue())
                {
                    return null;
                }

                first ??= assignment;
            }

            return first;
        }

        private static bool SetsCustomCondition(ObjectBuildUp config)
        {
            foreach (var assignment in config.AssignmentsTo(static p => p.Name == "ConditionalExpression"))
            {
                if (!assignment.Value.IsConstantNull())
                {
                    return true;
                }
            }

            return false;
        }
    }
}
