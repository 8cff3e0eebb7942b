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
    /// persistence and document models, which split by themselves.
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
                return;
            }

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
                    ? new object[] { invocation.TargetMethod.Name, count, limit.Unit }
                    : new object[] { invocation.TargetMethod.Name, count };
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
                    ? new object[] { invocation.TargetMethod.Name, limit.Unit, origin }
                    : new object[] { invocation.TargetMethod.Name, origin };
            }
            else
            {
                return;
            }

            // Additional locations: [0] the call, [1] the collection a fix can split (when there is exactly one).
            var additional = call.SplitTarget is { } target
                ? new[] { invocation.Syntax.GetLocation(), target.Syntax.GetLocation() }
                : new[] { invocation.Syntax.GetLocation() };
            var properties = ImmutableDictionary<string, string?>.Empty.Add(MaximumProperty, limit.Maximum.ToString(CultureInfo.InvariantCulture));
            context.ReportDiagnostic(Diagnostic.Create(descriptor, GetNameLocation(invocation), additional, properties, arguments));
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
