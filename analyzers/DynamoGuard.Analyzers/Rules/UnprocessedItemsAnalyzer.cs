using System.Collections.Immutable;
using DynamoGuard.Model;
using DynamoGuard.Model.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB304: a BatchWriteItem / BatchGetItem call of the low-level client whose response is discarded, or kept in a
    /// local whose UnprocessedItems / UnprocessedKeys the method never reads; a BatchExecuteStatement call whose
    /// per-statement errors (Responses[i].Error) are never read. A read counts as handling when it can change what the
    /// code does (a retry loop, a branch, a throw, <c>is { Count: &gt; 0 }</c>, a pass to non-formatting code), not when it
    /// only ends up in a string or a log call; handing the response itself to other code (returning it, passing it on,
    /// storing it in a field) counts too. The response is followed out of a wrapper's lambda
    /// (<c>await policy.ExecuteAsync(() =&gt; client.BatchWriteItemAsync(request))</c>) and out of local functions, to
    /// the wrapper's result (<see cref="ResponseFlow"/>). The object persistence and document model batches (CreateBatchWrite,
    /// DocumentBatchWrite…) re-send unprocessed items themselves and are never reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnprocessedItemsAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>Diagnostic property: the response property the code should read ("UnprocessedItems", "UnprocessedKeys" or "Responses").</summary>
        public const string UnprocessedPropertyProperty = "UnprocessedProperty";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.UnprocessedItemsDiscarded,
            DiagnosticDescriptors.UnprocessedItemsNotRead,
            DiagnosticDescriptors.UnprocessedItemsOnlyFormatted);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            start.RegisterOperationAction(c => AnalyzeInvocation(c, model), OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, DynamoDbModel model)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var operation = model.GetClientOperation(invocation.TargetMethod);
            string property, what, consequence;
            switch (operation)
            {
                case DynamoOperation.BatchWriteItem:
                    property = "UnprocessedItems";
                    what = "UnprocessedItems";
                    consequence = "writes that DynamoDB did not process (throttling) are silently lost";
                    break;
                case DynamoOperation.BatchGetItem:
                    property = "UnprocessedKeys";
                    what = "UnprocessedKeys";
                    consequence = "items that DynamoDB did not read (throttling) are silently missing from the result";
                    break;
                case DynamoOperation.BatchExecuteStatement:
                    property = "Responses";
                    what = "per-statement errors (Responses[i].Error)";
                    consequence = "the call succeeds even when statements fail, so failed statements go unnoticed";
                    break;
                default:
                    return;
            }

            var response = invocation.FollowToResult();
            // For BatchExecuteStatement, reading Responses is not enough: some statement's Error must be read.
            var statementResponse = operation == DynamoOperation.BatchExecuteStatement ? model.BatchStatementResponse : null;
            var needsErrorRead = statementResponse is not null;
            var responseType = operation switch
            {
                DynamoOperation.BatchWriteItem => model.BatchWriteItemResponse,
                DynamoOperation.BatchGetItem => model.BatchGetItemResponse,
                _ => model.BatchExecuteStatementResponse,
            };
            var properties = ImmutableDictionary<string, string?>.Empty.Add(UnprocessedPropertyProperty, property);
            var location = BatchSizeLimitAnalyzer.GetNameLocation(invocation);
            var additional = new[] { invocation.Syntax.GetLocation() };
            var name = invocation.TargetMethod.Name;

            // Out of a wrapper's lambda or a local function, to the wrapper's (each call's) result.
            var results = ResponseFlow.FollowOut(response, responseType, out var via);
            var prefix = via is null ? "" : "returned through " + via + " and ";
            foreach (var result in results)
            {
                if (AnalyzeResult(result))
                {
                    return;
                }
            }

            // True when a diagnostic was reported.
            bool AnalyzeResult(IOperation result)
            {
                switch (result.Parent)
                {
                    case IExpressionStatementOperation:
                    case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                        context.ReportDiagnostic(via is null
                            ? Diagnostic.Create(DiagnosticDescriptors.UnprocessedItemsDiscarded, location, additional, properties, name, what, consequence)
                            : Diagnostic.Create(DiagnosticDescriptors.UnprocessedItemsNotRead, location, additional, properties, name, what, consequence, prefix + "discarded"));
                        return true;

                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return AnalyzeLocal(declarator.Symbol, result);

                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == result:
                        return AnalyzeLocal(target.Local, result);

                    case IPropertyReferenceOperation member when member.Instance == result:
                        // (await client.BatchGetItemAsync(request)).Responses: the response is used only for that member.
                        if (member.Property.Name == property)
                        {
                            if (needsErrorRead ? AreErrorsHandled(member, statementResponse) : ResponseFlow.ChangesBehaviour(member))
                            {
                                return false;
                            }

                            if (!needsErrorRead)
                            {
                                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnprocessedItemsOnlyFormatted, location, additional, properties, name, what, consequence, prefix + "used only for " + member.Property.Name));
                                return true;
                            }
                        }

                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnprocessedItemsNotRead, location, additional, properties, name, what, consequence, prefix + "used only for " + member.Property.Name));
                        return true;

                    default:
                        // Returned, passed on, stored elsewhere, awaited later: the response is someone else's to handle.
                        return false;
                }
            }

            bool AnalyzeLocal(ILocalSymbol local, IOperation result)
            {
                var handling = GetLocalHandling(local, result.GetRoot(), property, needsErrorRead, statementResponse);
                if (handling == Handling.Handled)
                {
                    return false;
                }

                var descriptor = handling == Handling.OnlyFormatted ? DiagnosticDescriptors.UnprocessedItemsOnlyFormatted : DiagnosticDescriptors.UnprocessedItemsNotRead;
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, additional, properties, name, what, consequence, prefix + "stored in '" + local.Name + "'"));
                return true;
            }
        }

        private enum Handling
        {
            NotRead,
            OnlyFormatted,
            Handled,
        }

        /// <summary>
        /// Handled when the method reads the local's unprocessed part in a way that can change what it does (see
        /// <see cref="ResponseFlow.ChangesBehaviour"/>), or hands the local to other code (returns it, passes it to a
        /// method, stores it elsewhere), which is then responsible for it; OnlyFormatted when every read only ends up in a
        /// string or a log call.
        /// </summary>
        private static Handling GetLocalHandling(ILocalSymbol local, IOperation root, string property, bool needsErrorRead, INamedTypeSymbol? statementResponse)
        {
            var formatted = false;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                        if (!IsMemberReadOrAssignment(reference))
                        {
                            return Handling.Handled;
                        }

                        if (reference.Parent is IPropertyReferenceOperation member && member.Property.Name == property)
                        {
                            if (needsErrorRead)
                            {
                                if (AreErrorsHandled(member, statementResponse))
                                {
                                    return Handling.Handled;
                                }
                            }
                            else if (ResponseFlow.ChangesBehaviour(member))
                            {
                                return Handling.Handled;
                            }
                            else
                            {
                                formatted = true;
                            }
                        }

                        break;

                    case IPropertyReferenceOperation subpattern when subpattern.Property.Name == property && IsPatternInputFor(subpattern, local):
                        // response is { UnprocessedItems.Count: > 0 }
                        return Handling.Handled;
                }
            }

            return formatted ? Handling.OnlyFormatted : Handling.NotRead;
        }

        /// <summary>A use that neither reads nor hands on the response itself: a member access, or the target of an assignment.</summary>
        private static bool IsMemberReadOrAssignment(ILocalReferenceOperation reference)
            => reference.Parent switch
            {
                IPropertyReferenceOperation member => member.Instance == reference,
                ISimpleAssignmentOperation assignment => assignment.Target == reference,
                _ => false,
            };

        /// <summary>For BatchExecuteStatement's Responses: the method reads some statement's Error, or hands the list to other code.</summary>
        private static bool AreErrorsHandled(IPropertyReferenceOperation responses, INamedTypeSymbol? statementResponse)
        {
            IOperation use = responses;
            while (use.Parent is IConversionOperation conversion)
            {
                use = conversion;
            }

            if (use.Parent is IArgumentOperation { Parent: IInvocationOperation call } && !IsEnumerableMethod(call.TargetMethod)
                || use.Parent is IReturnOperation
                || use.Parent is ISimpleAssignmentOperation assignment && assignment.Value == use)
            {
                return true;
            }

            foreach (var operation in responses.GetRoot().Descendants())
            {
                if (operation is IPropertyReferenceOperation { Property: { Name: "Error" } property }
                    && SymbolEqualityComparer.Default.Equals(property.ContainingType, statementResponse))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPatternInputFor(IPropertyReferenceOperation member, ILocalSymbol local)
        {
            if (member.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput })
            {
                return false;
            }

            for (var current = member.Parent; current is not null; current = current.Parent)
            {
                var value = current switch
                {
                    IIsPatternOperation isPattern => isPattern.Value,
                    ISwitchExpressionOperation switchExpression => switchExpression.Value,
                    ISwitchOperation switchStatement => switchStatement.Value,
                    _ => null,
                };

                if (value is not null)
                {
                    return value.WalkDownConversions() is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
                }
            }

            return false;
        }

        private static bool IsEnumerableMethod(IMethodSymbol method)
            => method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } };
    }
}
