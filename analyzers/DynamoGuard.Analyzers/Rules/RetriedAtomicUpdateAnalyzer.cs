using System.Collections.Concurrent;
using System.Collections.Immutable;
using DynamoGuard.Model;
using DynamoGuard.Model.Flow;
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
    /// (a hand-written retry helper), in any file: its body is read once per compilation (<see cref="SourceMethods"/>), so
    /// the finding shows in the IDE while only the caller's document is open.</item>
    /// </list>
    /// Reported on the method name of the update call, with the loop or the retrying call as additional location.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RetriedAtomicUpdateAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>Diagnostic property, present ("true") when the code fix can move the update into an idempotent transaction.</summary>
        public const string FixableProperty = "Fixable";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.RetriedAtomicUpdate);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            var analysis = new Analysis(model, model.EnsureSummaries(start.Options).Methods);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
        }

        private sealed class Analysis
        {
            private readonly DynamoDbModel _model;
            private readonly SourceMethods _methods;

            /// <summary>Per delegate parameter of a source method: does the method invoke it inside a retry loop? Computed on demand.</summary>
            private readonly ConcurrentDictionary<IParameterSymbol, bool> _retriedParameters = new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);

            private readonly System.Func<IParameterSymbol, bool> _isRetried;

            public Analysis(DynamoDbModel model, SourceMethods methods)
            {
                _model = model;
                _methods = methods;
                _isRetried = IsRetried;
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
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
                else if (argument.Parameter is { } parameter
                    && _methods.GetCallee(call.TargetMethod) is { } callee
                    && parameter.Ordinal < callee.Parameters.Length
                    && _retriedParameters.GetOrAdd(callee.Parameters[parameter.Ordinal], _isRetried))
                {
                    Report(context.ReportDiagnostic, DiagnosticDescriptors.RetriedAtomicUpdate, update, "the retry helper '" + callee.Name + "'", ItemWrite.GetReportLocation(call.Syntax), ImmutableDictionary<string, string?>.Empty);
                }
            }

            /// <summary>
            /// True when the source method that declares <paramref name="parameter"/> invokes it (<c>action()</c>,
            /// <c>await action()</c>, <c>action.Invoke()</c>) inside a retry loop. Read from the method's body on first use
            /// and cached for the compilation, so the finding shows while only the caller's document is open.
            /// </summary>
            private bool IsRetried(IParameterSymbol parameter)
            {
                if (parameter.ContainingSymbol is not IMethodSymbol method || _methods.GetBody(method) is not { } body)
                {
                    return false;
                }

                foreach (var operation in body.Descendants())
                {
                    if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invoke
                        && invoke.Instance?.WalkDownConversions() is IParameterReferenceOperation reference
                        && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter)
                        && RetryLoops.FindRetryAround(invoke) is not null)
                    {
                        return true;
                    }
                }

                return false;
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
