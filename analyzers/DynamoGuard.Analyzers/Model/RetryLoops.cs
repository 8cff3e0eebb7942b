using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Hand-written retry loops: a <c>for</c> / <c>while</c> / <c>do</c> loop around a <c>try</c> whose catch lets the loop
    /// go round again. DDB106 asks whether a catch inside such a loop retries (then the conflict is not dropped);
    /// DDB203 asks whether a write runs inside one (then a lost response makes the write run twice).
    /// A <c>foreach</c> moves on to the next element, which is no retry.
    /// </summary>
    internal static class RetryLoops
    {
        /// <summary>The innermost for / while / do loop of the function around the try, or null (also for foreach).</summary>
        public static ILoopOperation? FindEnclosingLoop(ITryOperation tryOperation)
        {
            for (var parent = tryOperation.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return null;
                    case ILoopOperation loop:
                        return loop.LoopKind is LoopKind.For or LoopKind.While ? loop : null;
                }
            }

            return null;
        }

        /// <summary>True when the branch (break / continue) targets <paramref name="loop"/>.</summary>
        public static bool IsLoopTarget(IBranchOperation branch, ILoopOperation loop)
            => SymbolEqualityComparer.Default.Equals(branch.Target, loop.ContinueLabel) || SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel);

        /// <summary>
        /// The retry loop that runs <paramref name="operation"/> again when it fails, in the same function: a try whose
        /// body holds the operation, inside a for / while / do loop (<see cref="FindEnclosingLoop"/>), where
        /// <list type="bullet">
        /// <item>a catch lets the loop go round again: it continues the loop, or its end is reachable (it falls through
        /// to the next iteration), and</item>
        /// <item>success leaves the loop: the try body, or a statement after the try in the loop body, breaks out of the
        /// loop or returns, or the try body assigns a local that the loop condition reads (<c>while (!done)</c>).</item>
        /// </list>
        /// The second test tells a retry from a loop that walks items and logs the failures of some.
        /// Null when there is none (lambdas and local functions end the search: they run elsewhere).
        /// </summary>
        public static RetryLoop? FindRetryAround(IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return null;
                    case ITryOperation tryOperation when child == tryOperation.Body
                        && FindEnclosingLoop(tryOperation) is { } loop
                        && CatchRetries(tryOperation, loop)
                        && SuccessLeaves(tryOperation, loop):
                        return new RetryLoop(loop, tryOperation);
                }
            }

            return null;
        }

        /// <summary>True when one of the try's catches continues the loop or falls through to the next iteration.</summary>
        private static bool CatchRetries(ITryOperation tryOperation, ILoopOperation loop)
        {
            foreach (var clause in tryOperation.Catches)
            {
                foreach (var descendant in clause.Handler.DescendantsAndSelf())
                {
                    if (descendant is IBranchOperation { BranchKind: BranchKind.Continue } branch && IsLoopTarget(branch, loop))
                    {
                        return true;
                    }
                }

                if (clause.Handler.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax handler
                    && clause.SemanticModel?.AnalyzeControlFlow(handler) is { Succeeded: true, EndPointIsReachable: true })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SuccessLeaves(ITryOperation tryOperation, ILoopOperation loop)
        {
            if (LeavesLoop(tryOperation.Body, loop))
            {
                return true;
            }

            // Statements after the try in the loop body: try { write; } catch { continue; } break;
            if (tryOperation.Parent is IBlockOperation block)
            {
                var after = false;
                foreach (var statement in block.Operations)
                {
                    if (after && LeavesLoop(statement, loop))
                    {
                        return true;
                    }

                    after |= statement == tryOperation;
                }
            }

            // while (!done) { try { write; done = true; } catch { } }
            var condition = loop switch
            {
                IWhileLoopOperation whileLoop => whileLoop.Condition,
                IForLoopOperation forLoop => forLoop.Condition,
                _ => null,
            };
            if (condition is null)
            {
                return false;
            }

            foreach (var descendant in tryOperation.Body.Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned })
                {
                    foreach (var read in condition.DescendantsAndSelf())
                    {
                        if (read is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, assigned.Local))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool LeavesLoop(IOperation operation, ILoopOperation loop)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case IReturnOperation { Kind: OperationKind.Return }:
                    case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                        return !descendant.IsInNestedFunction(operation);
                }
            }

            return false;
        }
    }

    /// <summary>A retry loop found by <see cref="RetryLoops.FindRetryAround"/>: the loop and the try inside it.</summary>
    internal sealed class RetryLoop
    {
        public RetryLoop(ILoopOperation loop, ITryOperation tryOperation)
        {
            Loop = loop;
            Try = tryOperation;
        }

        public ILoopOperation Loop { get; }

        public ITryOperation Try { get; }
    }
}
