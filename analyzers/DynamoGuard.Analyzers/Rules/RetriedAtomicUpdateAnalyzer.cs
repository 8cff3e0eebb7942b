using System.Collections.Concurrent;
using System.Collections.Immutable;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB203: an unconditional atomic numeric update (<see cref="AtomicIncrement"/>) made inside an explicit retry, so a
    /// request that was applied but whose response was lost is applied again:
    /// <list type="bullet">
    /// <item>a for / while / do retry loop of the same method (<see cref="RetryLoops.FindRetryAround"/>);</item>
    /// <item>a lambda passed to a Polly policy's or resilience pipeline's Execute(Async)
    /// (<see cref="DynamoDbModel.IsRetryPolicyExecute"/>);</item>
    /// <item>a lambda passed to a method of the compilation that invokes that delegate parameter inside a retry loop
    /// (a hand-written retry helper). The helper may be in any file, so this case is reported at compilation end.</item>
    /// </list>
    /// Reported on the method name of the update call, with the loop or the retrying call as additional location.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RetriedAtomicUpdateAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>Diagnostic property, present ("true") when the code fix can move the update into an idempotent transaction.</summary>
        public const string FixableProperty = "Fixable";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.RetriedAtomicUpdate,
            DiagnosticDescriptors.RetriedAtomicUpdateCompilationEnd);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            var analysis = new Analysis(model);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterCompilationEndAction(analysis.ReportAtCompilationEnd);
        }

        private sealed class Analysis
        {
            private readonly DynamoDbModel _model;

            /// <summary>Delegate parameters of source methods that the method invokes inside a retry loop.</summary>
            private readonly ConcurrentDictionary<IParameterSymbol, byte> _retriedParameters = new ConcurrentDictionary<IParameterSymbol, byte>(SymbolEqualityComparer.Default);

            /// <summary>Updates inside a lambda handed to a source method: reported at the end if that method retries it.</summary>
            private readonly ConcurrentBag<(IParameterSymbol Parameter, AtomicIncrement Update, Location Call)> _pending = new ConcurrentBag<(IParameterSymbol, AtomicIncrement, Location)>();

            public Analysis(DynamoDbModel model) => _model = model;

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke)
                {
                    if (invocation.Instance?.WalkDownConversions() is IParameterReferenceOperation parameter
                        && parameter.Parameter.ContainingSymbol is IMethodSymbol
                        && RetryLoops.FindRetryAround(invocation) is not null)
                    {
                        _retriedParameters.TryAdd(parameter.Parameter, 0);
                    }

                    return;
                }

                if (AtomicIncrement.TryRead(invocation, _model) is not { } update)
                {
                    return;
                }

                if (RetryLoops.FindRetryAround(invocation) is { } loop)
                {
                    if (update.IsIdempotentAcross(loop.Loop.Body))
                    {
                        return;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty;
                    if (IsFixable(update, loop))
                    {
                        properties = properties.Add(FixableProperty, "true");
                    }

                    Report(context.ReportDiagnostic, DiagnosticDescriptors.RetriedAtomicUpdate, update, "a retry loop", GetLoopLocation(loop.Loop), properties);
                    return;
                }

                if (FindLambdaConsumer(invocation) is not { } consumer)
                {
                    return;
                }

                var (call, argument) = consumer;
                if (update.IsIdempotentAcross(argument.Value))
                {
                    return;
                }

                if (_model.IsRetryPolicyExecute(call.TargetMethod))
                {
                    Report(context.ReportDiagnostic, DiagnosticDescriptors.RetriedAtomicUpdate, update, "the retry policy's " + call.TargetMethod.Name, ItemWrite.GetReportLocation(call.Syntax), ImmutableDictionary<string, string?>.Empty);
                }
                else if (argument.Parameter is { } parameter && IsInSource(call.TargetMethod))
                {
                    _pending.Add((parameter.OriginalDefinition, update, ItemWrite.GetReportLocation(call.Syntax)));
                }
            }

            public void ReportAtCompilationEnd(CompilationAnalysisContext context)
            {
                foreach (var (parameter, update, call) in _pending)
                {
                    if (_retriedParameters.ContainsKey(parameter))
                    {
                        Report(context.ReportDiagnostic, DiagnosticDescriptors.RetriedAtomicUpdateCompilationEnd, update, "the retry helper '" + parameter.ContainingSymbol.Name + "'", call, ImmutableDictionary<string, string?>.Empty);
                    }
                }
            }

            private static void Report(System.Action<Diagnostic> report, DiagnosticDescriptor descriptor, AtomicIncrement update, string retry, Location retryLocation, ImmutableDictionary<string, string?> properties)
            {
                report(Diagnostic.Create(
                    descriptor,
                    ItemWrite.GetReportLocation(update.Invocation.Syntax),
                    additionalLocations: new[] { retryLocation },
                    properties,
                    update.Invocation.TargetMethod.Name,
                    update.Attribute,
                    retry));
            }

            /// <summary>The call and argument a lambda holding the operation is passed to (<c>Execute(() => ...)</c>), or null.</summary>
            private static (IInvocationOperation Call, IArgumentOperation Argument)? FindLambdaConsumer(IOperation operation)
            {
                for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is ILocalFunctionOperation)
                    {
                        return null;
                    }

                    if (parent is IAnonymousFunctionOperation lambda)
                    {
                        var consumer = lambda.Parent;
                        while (consumer is IDelegateCreationOperation or IConversionOperation)
                        {
                            consumer = consumer.Parent;
                        }

                        return consumer is IArgumentOperation { Parent: IInvocationOperation call } argument ? (call, argument) : null;
                    }
                }

                return null;
            }

            private static bool IsInSource(IMethodSymbol method)
            {
                foreach (var location in method.OriginalDefinition.Locations)
                {
                    if (location.IsInSource)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static Location GetLoopLocation(ILoopOperation loop)
            {
                return loop.Syntax switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.ForStatementSyntax statement => statement.ForKeyword.GetLocation(),
                    Microsoft.CodeAnalysis.CSharp.Syntax.WhileStatementSyntax statement => statement.WhileKeyword.GetLocation(),
                    Microsoft.CodeAnalysis.CSharp.Syntax.DoStatementSyntax statement => statement.DoKeyword.GetLocation(),
                    var syntax => syntax.GetLocation(),
                };
            }

            /// <summary>
            /// The fix moves the update into a TransactWriteItems with a token made before the loop. It needs a low-level
            /// UpdateItemRequest with an UpdateExpression, built inline in the call or in a local declared in the loop
            /// and used only by the call, setting nothing an Update cannot carry, and a call whose response is not used.
            /// </summary>
            private static bool IsFixable(AtomicIncrement update, RetryLoop loop)
            {
                if (update.Kind != AtomicIncrementKind.UpdateExpression || update.Write is not { Surface: WriteSurface.ClientRequest, Request: { } request })
                {
                    return false;
                }

                foreach (var assignment in request.PropertyAssignments)
                {
                    if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "TableName" or "Key" or "UpdateExpression" or "ExpressionAttributeNames" or "ExpressionAttributeValues" })
                    {
                        return false;
                    }
                }

                if (request.Creation.Arguments.Length != 0 || request.Creation.Initializer is null || request.PropertyAssignments.Count != request.Creation.Initializer.Initializers.Length)
                {
                    return false;
                }

                if (request.Local is { } local)
                {
                    // var request = new UpdateItemRequest { ... }; declared in the loop and used by the call alone.
                    if (local.DeclaringSyntaxReferences.Length != 1 || !loop.Loop.Body.Syntax.Span.Contains(local.DeclaringSyntaxReferences[0].Span))
                    {
                        return false;
                    }

                    var uses = 0;
                    foreach (var operation in loop.Loop.Body.Descendants())
                    {
                        if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                        {
                            uses++;
                        }
                    }

                    if (uses != 1)
                    {
                        return false;
                    }
                }

                // The response is not used: the call (awaited, or waited for) is a statement of its own.
                IOperation result = update.Invocation;
                while (true)
                {
                    switch (result.Parent)
                    {
                        case IAwaitOperation:
                        case IConversionOperation:
                        case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" or "Wait" } call when call.Instance == result:
                            result = result.Parent;
                            continue;
                        default:
                            return result.Parent is IExpressionStatementOperation;
                    }
                }
            }
        }
    }
}
