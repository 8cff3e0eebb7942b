using System.Collections.Immutable;
using System.Globalization;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB301 (BatchWriteItem and BatchExecuteStatement: 25), DDB302 (BatchGetItem: 100 keys) and DDB303 (transactions:
    /// 100 actions, including object persistence and document model transactions, which the SDK does not split): a call
    /// that sends more than the limit, provably (the count is in the message) or possibly (its size grows with an input
    /// that nothing in the method limits, such as a <c>foreach</c> over a parameter without <c>Chunk</c>, <c>Take</c>
    /// or a guard). Silent when the batch comes from outside the method, and for the batch helpers of the object
    /// persistence and document models, which split by themselves. Across methods (<see cref="Model.Flow.CallerBounds"/>):
    /// when only a parameter makes the batch unbounded and the method has callers in the compilation, each call is judged
    /// with its arguments and reported at the call (the helper's batch call as additional location) instead.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BatchSizeLimitAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>Diagnostic property: the maximum number of elements per call (25 or 100), for the code fix.</summary>
        public const string MaximumProperty = "Maximum";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.BatchWriteLimitExceeded,
            DiagnosticDescriptors.BatchWriteLimitMayExceed,
            DiagnosticDescriptors.BatchGetLimitExceeded,
            DiagnosticDescriptors.BatchGetLimitMayExceed,
            DiagnosticDescriptors.TransactionLimitExceeded,
            DiagnosticDescriptors.TransactionLimitMayExceed);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            start.RegisterOperationAction(c => AnalyzeInvocation(c, model), OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, DynamoDbModel model)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (model.GetBatchCall(invocation) is not { } call)
            {
                AnalyzeHelperCall(context, model, invocation);
                return;
            }

            if (IsReportable(call) && !model.CallerBounds.ReportsInMethod(invocation, context.ContainingSymbol, context.CancellationToken))
            {
                // Over the limit only because of a parameter, and the method's callers decide: reported at their calls.
                return;
            }

            Report(context, call, invocation.TargetMethod.Name, GetNameLocation(invocation), invocation, call.SplitTarget);
        }

        /// <summary>A call of a source method whose batch goes over the limit with the arguments passed here: reported at this call.</summary>
        private static void AnalyzeHelperCall(OperationAnalysisContext context, DynamoDbModel model, IInvocationOperation invocation)
        {
            // A batch helper is a method of the compilation handed the items (or keys, or actions) it sends: other calls
            // and calls that pass no collection are not followed, which spares the call-site index and the summaries
            // for almost every call of a code base (and the argument types' interface lists, built anew on each read).
            if (!model.CallSites.IsSourceMethod(invocation.TargetMethod)
                || !PassesCollection(invocation)
                || model.CallerBounds.AnalyzeCall(invocation, context.ContainingSymbol, context.CancellationToken) is not { } finding)
            {
                return;
            }

            var helper = DisplayName(finding.Helper);
            var callee = DisplayName(finding.Callee);
            var through = SymbolEqualityComparer.Default.Equals(finding.Callee, finding.Helper) ? "" : " through '" + callee + "'";
            var name = finding.BatchInvocation.TargetMethod.Name + " in '" + helper + "' (called here" + through + ")";
            Report(context, finding.Batch, name, GetNameLocation(invocation), finding.BatchInvocation, splitTarget: null);
        }

        /// <summary><c>Type.Method</c>; an explicit interface implementation by its interface member's name.</summary>
        private static string DisplayName(IMethodSymbol method)
        {
            var name = method.ExplicitInterfaceImplementations.Length > 0 ? method.ExplicitInterfaceImplementations[0].Name : method.Name;
            return method.ContainingType is { } type ? type.Name + "." + name : name;
        }

        private static bool PassesCollection(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var type = argument.Value.WalkDownConversions().Type;
                if (type is IArrayTypeSymbol || (type is INamedTypeSymbol { SpecialType: not SpecialType.System_String } named && IsCollection(named)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsCollection(INamedTypeSymbol type)
        {
            // Asked of the definition: a constructed type implements what its definition implements, substituted, and
            // only the definition keeps its interface list (a constructed type builds a new one on every call).
            type = type.OriginalDefinition;
            if (type.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsReportable(BatchCall call) => call.Size.Exceeds(call.Limit.Maximum) || call.Size.MayExceed(call.Limit.Maximum);

        private static void Report(OperationAnalysisContext context, BatchCall call, string name, Location location, IInvocationOperation batch, IOperation? splitTarget)
        {
            var size = call.Size;
            var limit = call.Limit;
            DiagnosticDescriptor descriptor;
            object[] arguments;
            if (size.Exceeds(limit.Maximum))
            {
                var count = size.IsExact
                    ? size.Min.ToString(CultureInfo.InvariantCulture)
                    : "at least " + size.Min.ToString(CultureInfo.InvariantCulture);
                descriptor = limit.RuleId switch
                {
                    DiagnosticIds.BatchWriteLimit => DiagnosticDescriptors.BatchWriteLimitExceeded,
                    DiagnosticIds.BatchGetLimit => DiagnosticDescriptors.BatchGetLimitExceeded,
                    _ => DiagnosticDescriptors.TransactionLimitExceeded,
                };
                arguments = limit.RuleId == DiagnosticIds.BatchWriteLimit
                    ? new object[] { name, count, limit.Unit }
                    : new object[] { name, count };
            }
            else if (size.MayExceed(limit.Maximum))
            {
                var origin = Describe(size.Origin);
                descriptor = limit.RuleId switch
                {
                    DiagnosticIds.BatchWriteLimit => DiagnosticDescriptors.BatchWriteLimitMayExceed,
                    DiagnosticIds.BatchGetLimit => DiagnosticDescriptors.BatchGetLimitMayExceed,
                    _ => DiagnosticDescriptors.TransactionLimitMayExceed,
                };
                arguments = limit.RuleId == DiagnosticIds.BatchWriteLimit
                    ? new object[] { name, limit.Unit, origin }
                    : new object[] { name, origin };
            }
            else
            {
                return;
            }

            // Additional locations: [0] the batch call (in a helper, for a call site), [1] the collection a fix can split
            // (when there is exactly one and it is in the reported method).
            var additional = splitTarget is { } target
                ? new[] { batch.Syntax.GetLocation(), target.Syntax.GetLocation() }
                : new[] { batch.Syntax.GetLocation() };
            var properties = ImmutableDictionary<string, string?>.Empty.Add(MaximumProperty, limit.Maximum.ToString(CultureInfo.InvariantCulture));
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, additional, properties, arguments));
        }

        /// <summary>The invoked method's name (client.[|BatchWriteItemAsync|](…)): a multi-line request is not underlined as a whole.</summary>
        internal static Location GetNameLocation(IInvocationOperation invocation)
        {
            var syntax = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression : invocation.Syntax;
            return syntax switch
            {
                MemberAccessExpressionSyntax memberAccess => memberAccess.Name.GetLocation(),
                MemberBindingExpressionSyntax memberBinding => memberBinding.Name.GetLocation(),
                _ => syntax.GetLocation(),
            };
        }

        private static string Describe(IOperation? origin)
        {
            if (origin is null)
            {
                return "the input";
            }

            var text = string.Join(" ", origin.Syntax.ToString().Split(new[] { ' ', '\r', '\n', '\t' }, System.StringSplitOptions.RemoveEmptyEntries));
            return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
        }
    }
}
