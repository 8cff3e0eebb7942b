using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using DynamoGuard.Configuration;
using DynamoGuard.Model;
using DynamoGuard.Model.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB106: a version-guarded write (see <see cref="VersionGuardedWrite"/>) inside a <c>try</c> whose catch of the
    /// conflict exception drops it. The catch must catch ConditionalCheckFailedException (single-item writes) or
    /// TransactionCanceledException (transactions), or a base type of them (<c>Exception</c>,
    /// <c>AmazonDynamoDBException</c>, <c>AmazonServiceException</c>, a bare <c>catch</c>) when the try block holds
    /// nothing but the write. Dropped means: nothing in the catch throws, returns a value, assigns anything but a
    /// local that is never read afterwards, jumps with goto, or calls anything but logging (ILogger, Console,
    /// Debug/Trace, methods named Log*); the catch is not inside a for / while / do loop that it lets run again
    /// (a retry); and the try block does not end with return or throw (then the code after the try runs only when
    /// the catch did, and reports the failure). A catch with an exception filter (<c>when (...)</c>) is left alone: it may not catch the conflict at
    /// all. The diagnostic is reported on <c>catch (Type)</c>, with the write as additional location.
    /// <para>
    /// Across methods (<see cref="EscapingConflicts"/>): when a catch of the try names ConditionalCheckFailedException or
    /// TransactionCanceledException, a guarded write in a source helper the try awaits (a repository's SaveAsync, three
    /// calls deep) counts too; the helper's write and the call of the helper are the additional locations. A catch-all
    /// around a helper call is left alone: nothing says the author expected a conflict there.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SwallowedConflictAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>Diagnostic property: the exception the conflict throws ("ConditionalCheckFailedException" or "TransactionCanceledException").</summary>
        public const string ExceptionProperty = "Exception";

        /// <summary>Diagnostic property: "true" when the catch names ConditionalCheckFailedException itself (the retry fix needs that).</summary>
        public const string CatchesConflictProperty = "CatchesConflict";

        /// <summary>Diagnostic property: the <see cref="GuardedWriteSurface"/> of the write.</summary>
        public const string SurfaceProperty = "Surface";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.SwallowedVersionConflict);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            if (model.ConditionalCheckFailedException is null)
            {
                return;
            }

            var names = new OptionCache<VersionAttributeNames>(DynamoGuardOptions.VersionAttributeNames, DiagnosticIds.SwallowedVersionConflict, start.Options);
            var conflicts = new EscapingConflicts(model, model.EnsureSummaries(start.Options), names);
            start.RegisterOperationAction(context => AnalyzeTry(context, model, conflicts), OperationKind.Try);
        }

        private static void AnalyzeTry(OperationAnalysisContext context, DynamoDbModel model, EscapingConflicts conflicts)
        {
            var tryOperation = (ITryOperation)context.Operation;
            var catches = tryOperation.Catches;

            // Cheap pre-filter: a catch of one of the exceptions, or of a base type around a one-statement try block.
            var relevant = false;
            foreach (var clause in catches)
            {
                var caught = EscapingConflicts.Classify(clause.ExceptionType, model);
                if (caught is CaughtConflict.Conflict or CaughtConflict.Transaction || (caught == CaughtConflict.Broad && tryOperation.Body.Operations.Length == 1))
                {
                    relevant = true;
                    break;
                }
            }

            if (!relevant)
            {
                return;
            }

            // An earlier catch without a filter takes the exception before a later one sees it.
            var conflictTaken = false;
            var transactionTaken = false;
            EscapingWrite? conflictWrite = null;
            EscapingWrite? transactionWrite = null;
            var searched = false;
            foreach (var clause in catches)
            {
                var caught = EscapingConflicts.Classify(clause.ExceptionType, model);
                var filtered = clause.Filter is { } filter && !filter.IsConstantTrue();
                var catchesConflict = !conflictTaken && caught is CaughtConflict.Conflict or CaughtConflict.Broad;
                var catchesTransaction = !transactionTaken && caught is CaughtConflict.Transaction or CaughtConflict.Broad;
                if (!filtered)
                {
                    conflictTaken |= caught is CaughtConflict.Conflict or CaughtConflict.Broad;
                    transactionTaken |= caught is CaughtConflict.Transaction or CaughtConflict.Broad;
                }

                if (filtered || !(catchesConflict || catchesTransaction)
                    || (caught == CaughtConflict.Broad && tryOperation.Body.Operations.Length != 1))
                {
                    continue;
                }

                if (!searched)
                {
                    searched = true;

                    // Writes in helpers count only for a catch that names the conflict: a catch-all around a call of other
                    // code is not evidence that the author expected a version conflict there.
                    (conflictWrite, transactionWrite) = conflicts.FindInBlock(tryOperation.Body, followHelpers: NamesAConflict(catches, model));
                }

                var write = catchesConflict && conflictWrite is not null ? conflictWrite : catchesTransaction ? transactionWrite : null;
                if (write is null
                    || (write.Helper is not null && caught == CaughtConflict.Broad)
                    || !IsDropped(clause, tryOperation))
                {
                    continue;
                }

                Report(context, clause, write, caught);
            }
        }

        /// <summary>True when a catch of the try names ConditionalCheckFailedException or TransactionCanceledException.</summary>
        private static bool NamesAConflict(ImmutableArray<ICatchClauseOperation> catches, DynamoDbModel model)
        {
            foreach (var clause in catches)
            {
                if (EscapingConflicts.Classify(clause.ExceptionType, model) is CaughtConflict.Conflict or CaughtConflict.Transaction)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the catch lets the failure vanish: it neither throws, returns a value, jumps away with goto,
        /// records the failure anywhere that is read later, hands it to other code, nor lets a retry loop run again.
        /// </summary>
        private static bool IsDropped(ICatchClauseOperation clause, ITryOperation tryOperation)
        {
            // try { ...; return x; } catch { ... } return failure;: the code after the try runs only when the catch did.
            var body = tryOperation.Body.Operations;
            if (body.Length > 0 && body[body.Length - 1] is IReturnOperation { Kind: OperationKind.Return } or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation })
            {
                return false;
            }

            var handler = clause.Handler;
            var handlerSpan = handler.Syntax.Span;
            var retryLoop = RetryLoops.FindEnclosingLoop(tryOperation);
            var stack = new Stack<IOperation>();
            stack.Push(handler);
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                switch (operation)
                {
                    case IThrowOperation:
                        return false;

                    case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: not null }:
                    case IReturnOperation { Kind: OperationKind.YieldReturn }:
                        return false;

                    case IReturnOperation:
                        // return; / yield break; leave any retry loop: the caller carries on as if the write happened.
                        retryLoop = null;
                        break;

                    case IBranchOperation branch:
                        if (branch.BranchKind == BranchKind.GoTo)
                        {
                            return false;
                        }

                        // break leaves the retry loop (the code after it carries on); continue runs it again.
                        if (retryLoop is not null && branch.BranchKind == BranchKind.Continue && RetryLoops.IsLoopTarget(branch, retryLoop))
                        {
                            return false;
                        }

                        if (retryLoop is not null && branch.BranchKind == BranchKind.Break && RetryLoops.IsLoopTarget(branch, retryLoop))
                        {
                            retryLoop = null;
                        }

                        break;

                    case IInvocationOperation invocation when !IsLoggingOrFormatting(invocation.TargetMethod):
                        return false;

                    case IAssignmentOperation assignment when !IsDroppedStore(assignment.Target, handlerSpan, tryOperation, retryLoop):
                        return false;

                    case IIncrementOrDecrementOperation increment when !IsDroppedStore(increment.Target, handlerSpan, tryOperation, retryLoop):
                        return false;
                }

                foreach (var child in operation.ChildOperations)
                {
                    if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                    {
                        stack.Push(child);
                    }
                }
            }

            // A catch inside a for / while / do loop that it lets go round again is a retry.
            return retryLoop is null;
        }

        /// <summary>
        /// True when a store in the catch keeps the failure to itself: a local declared in the catch, or a local of the
        /// method that nothing reads after the catch (nor, inside a loop, anywhere in the loop). Fields, properties,
        /// elements and ref/out parameters are state other code reads: the catch has recorded the failure.
        /// </summary>
        private static bool IsDroppedStore(IOperation target, Microsoft.CodeAnalysis.Text.TextSpan handlerSpan, ITryOperation tryOperation, ILoopOperation? loop)
        {
            ISymbol symbol;
            switch (target)
            {
                case ILocalReferenceOperation local:
                    symbol = local.Local;
                    break;
                case IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter:
                    symbol = parameter.Parameter;
                    break;
                case IDiscardOperation:
                    return true;
                default:
                    return false;
            }

            var declaration = symbol.DeclaringSyntaxReferences;
            if (declaration.Length == 1 && handlerSpan.Contains(declaration[0].Span))
            {
                return true;
            }

            var root = tryOperation.GetRoot();
            var loopSpan = loop?.Syntax.Span;
            foreach (var operation in root.Descendants())
            {
                var isReference = operation switch
                {
                    ILocalReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Local, symbol),
                    IParameterReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Parameter, symbol),
                    _ => false,
                };

                if (!isReference || handlerSpan.Contains(operation.Syntax.Span)
                    || (operation.Parent is ISimpleAssignmentOperation assignment && assignment.Target == operation))
                {
                    continue;
                }

                var start = operation.Syntax.SpanStart;
                if (start > handlerSpan.End || (loopSpan is { } span && span.Contains(start)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Logging (ILogger, Console, Console.Error.WriteLine, Debug, Trace, anything named Log*) and building its text.</summary>
        private static bool IsLoggingOrFormatting(IMethodSymbol method)
        {
            var name = method.Name;
            if (name.StartsWith("Log", StringComparison.Ordinal) || name is "ToString" or "Format" or "Concat" or "Join" or "ConfigureAwait" or "GetType")
            {
                return true;
            }

            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            if (type.Name.IndexOf("Log", StringComparison.Ordinal) >= 0)
            {
                return true;
            }

            var ns = type.ContainingNamespace?.ToDisplayString();
            return (ns == "System" && type.Name == "Console")
                || (ns == "System.IO" && type.Name == "TextWriter" && name.StartsWith("Write", StringComparison.Ordinal))
                || (ns == "System.Diagnostics" && type.Name is "Debug" or "Trace")
                || (ns == "System.Runtime.CompilerServices" && type.Name.StartsWith("DefaultInterpolatedStringHandler", StringComparison.Ordinal));
        }

        private static void Report(OperationAnalysisContext context, ICatchClauseOperation clause, EscapingWrite found, CaughtConflict caught)
        {
            var exception = found.IsTransaction ? "TransactionCanceledException" : "ConditionalCheckFailedException";
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ExceptionProperty, exception)
                .Add(SurfaceProperty, found.Surface.ToString())
                .Add(CatchesConflictProperty, caught == CaughtConflict.Conflict ? "true" : "false");

            // Across methods: "SaveAsync in PlaylistRepository.SaveAsync", with the helper's write and the call of the helper.
            var writeLocation = ItemWrite.GetReportLocation(found.Write);
            var what = found.WriteMethodName;
            var additionalLocations = new[] { writeLocation };
            if (found.Helper is { } helper)
            {
                what += " in " + helper.ContainingType.Name + "." + helper.Name;
                additionalLocations = new[] { writeLocation, ItemWrite.GetReportLocation(found.Call) };
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.SwallowedVersionConflict,
                GetCatchLocation(clause),
                additionalLocations,
                properties,
                what,
                found.Guard,
                exception));
        }

        /// <summary><c>catch (Type name)</c>, or the <c>catch</c> keyword of a bare catch.</summary>
        private static Location GetCatchLocation(ICatchClauseOperation clause)
        {
            if (clause.Syntax is CatchClauseSyntax syntax)
            {
                var end = syntax.Declaration?.Span.End ?? syntax.CatchKeyword.Span.End;
                return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, end));
            }

            return clause.Syntax.GetLocation();
        }
    }
}
