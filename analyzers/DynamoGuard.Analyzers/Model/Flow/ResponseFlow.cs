using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// Where a batch response goes inside its method (DDB304): out of the lambda handed to a wrapper
    /// (<c>await policy.ExecuteAsync(() =&gt; client.BatchWriteItemAsync(request))</c>) or out of a local function, to the
    /// wrapper's or local function's result; and whether a read of its unprocessed part can change what the code does.
    /// </summary>
    /// <remarks>
    /// Followed: a response returned from a lambda (expression body or <c>return</c>) that is an argument of a generic
    /// call whose result (<c>T</c>, <c>Task&lt;T&gt;</c>) has the response's type, and from a local function called directly (a method group use stops the flow),
    /// up to <see cref="MaxHops"/> such steps. Not followed: wrappers that return something else (a tuple, a wrapper
    /// type), wrappers written for the response type (they may handle it), responses stored in fields or captured variables inside the lambda, wrappers in other methods.
    /// </remarks>
    internal static class ResponseFlow
    {
        private const int MaxHops = 3;

        /// <summary>
        /// The operations that stand for <paramref name="response"/>'s value once it leaves lambdas and local functions
        /// (the response itself when it does not); empty when it leaves in a way that is not followed (then it is someone
        /// else's to handle). <paramref name="via"/> names the wrapper or local function, or is null.
        /// </summary>
        public static IReadOnlyList<IOperation> FollowOut(IOperation response, ITypeSymbol? responseType, out string? via)
        {
            via = null;
            var current = new List<IOperation> { response };
            for (var hop = 0; hop < MaxHops; hop++)
            {
                if (current.Count != 1 || current[0].Parent is not IReturnOperation { Kind: OperationKind.Return } returned)
                {
                    return current;
                }

                var function = EnclosingFunction(returned);
                var next = new List<IOperation>();
                switch (function)
                {
                    case IAnonymousFunctionOperation lambda:
                        var use = lambda.Parent;
                        while (use is IDelegateCreationOperation or IConversionOperation)
                        {
                            use = use.Parent;
                        }

                        if (use is not IArgumentOperation { Parent: IInvocationOperation wrapper })
                        {
                            return Array.Empty<IOperation>();
                        }

                        var result = wrapper.FollowToResult();
                        if (!IsResponse(result, responseType) || !ReturnsTypeParameter(wrapper.TargetMethod))
                        {
                            return Array.Empty<IOperation>();
                        }

                        via = wrapper.TargetMethod.Name;
                        next.Add(result);
                        break;

                    case ILocalFunctionOperation localFunction:
                        if (!FindLocalFunctionCalls(localFunction, next, responseType))
                        {
                            return Array.Empty<IOperation>();
                        }

                        via = localFunction.Symbol.Name;
                        break;

                    default:
                        // Returned by the method itself: its callers handle it.
                        return current;
                }

                current = next;
                if (current.Count != 1)
                {
                    return current;
                }
            }

            return current;
        }

        /// <summary>
        /// True when <paramref name="read"/> (a read of UnprocessedItems / UnprocessedKeys) can change what the code does: it
        /// is tested in a branch, loop or pattern, returned, thrown, stored, looped over, or handed to code that is not
        /// formatting or logging. A read that only ends up in a string (interpolation, concatenation, ToString, a log or
        /// Console call) does not re-send or report anything.
        /// </summary>
        public static bool ChangesBehaviour(IOperation read)
        {
            var formatted = false;
            var current = read;
            for (var parent = current.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IThrowOperation:
                        return true;
                    case IConversionOperation:
                    case IAwaitOperation:
                    case IConditionalAccessOperation:
                    case ICoalesceOperation:
                    case IUnaryOperation:
                    case IArrayInitializerOperation:
                    case IArrayCreationOperation:
                    case IInterpolatedStringOperation:
                    case IObjectCreationOperation:
                        continue;
                    case IPropertyReferenceOperation property when property.Instance == current:
                        continue;
                    case IInvocationOperation call when call.Instance == current:
                        formatted |= call.TargetMethod.Name == "ToString";
                        continue;
                    case IInterpolationOperation:
                        formatted = true;
                        continue;
                    case IBinaryOperation binary:
                        if (binary.Type?.SpecialType == SpecialType.System_String)
                        {
                            formatted = true;
                            continue;
                        }

                        if (IsComparison(binary.OperatorKind) && !formatted)
                        {
                            return true;
                        }

                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation call } argument:
                        if (call.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0 && !IsFormatting(call, argument))
                        {
                            // tracks.Sum(…), items.Any(): a value computed from the read.
                            continue;
                        }

                        if (IsFormatting(call, argument))
                        {
                            formatted = true;
                            continue;
                        }

                        return !formatted;
                    case IArgumentOperation:
                        continue;
                    case IIsPatternOperation:
                    case IIsTypeOperation:
                    case ISwitchOperation:
                    case ISwitchExpressionOperation:
                    case IConditionalOperation conditional when conditional.Condition == current:
                    case IWhileLoopOperation loop when loop.Condition == current:
                    case IForLoopOperation forLoop when forLoop.Condition == current:
                    case IForEachLoopOperation forEach when forEach.Collection == current:
                        return !formatted;
                    case IReturnOperation:
                    case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    case IVariableInitializerOperation:
                        return !formatted;
                    case IExpressionStatementOperation:
                        return false;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IBlockOperation:
                        return !formatted;
                    default:
                        return !formatted;
                }
            }

            return !formatted;
        }

        private static bool IsComparison(BinaryOperatorKind kind)
            => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan
                or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
                or BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr;

        /// <summary>A call that only turns its argument into text: string.Format/Concat/Join, ToString, Console/TextWriter/Debug/Trace writes, StringBuilder appends, logging.</summary>
        private static bool IsFormatting(IInvocationOperation call, IArgumentOperation argument)
        {
            if (call.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String && call.TargetMethod.Name is "Format" or "Concat" or "Join")
            {
                return true;
            }

            var parameterType = argument.Parameter?.Type;
            var textLike = parameterType is null
                || parameterType.SpecialType is SpecialType.System_String or SpecialType.System_Object
                || parameterType is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Object }
                || parameterType.TypeKind == TypeKind.TypeParameter;
            if (!textLike)
            {
                return false;
            }

            var method = call.TargetMethod;
            var name = method.Name;
            var type = method.ContainingType?.Name ?? "";
            switch (type)
            {
                case "Console" or "TextWriter" or "StreamWriter" or "StringWriter" or "Debug" or "Trace":
                    return name.StartsWith("Write", StringComparison.Ordinal) || name.StartsWith("Trace", StringComparison.Ordinal) || name == "Print";
                case "StringBuilder":
                    return name.StartsWith("Append", StringComparison.Ordinal);
            }

            return name.StartsWith("Log", StringComparison.Ordinal)
                || name is "Trace" or "Debug" or "Info" or "Information" or "Warn" or "Warning" or "Error" or "Fatal" or "Critical" or "Verbose"
                || type.EndsWith("Logger", StringComparison.Ordinal)
                || type.EndsWith("LoggerExtensions", StringComparison.Ordinal);
        }

        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>Adds the result of every call of the local function; false when it is also used as a method group, or not called.</summary>
        private static bool FindLocalFunctionCalls(ILocalFunctionOperation localFunction, List<IOperation> results, ITypeSymbol? responseType)
        {
            var symbol = localFunction.Symbol;
            foreach (var operation in localFunction.GetRoot().Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, symbol):
                        var result = call.FollowToResult();
                        if (!IsResponse(result, responseType))
                        {
                            return false;
                        }

                        results.Add(result);
                        break;
                    case IMethodReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, symbol):
                        return false;
                }
            }

            return results.Count > 0;
        }

        /// <summary>
        /// A generic wrapper (<c>Task&lt;T&gt; ExecuteAsync&lt;T&gt;(Func&lt;Task&lt;T&gt;&gt;)</c>) passes the response through without
        /// knowing what it is; one written for the response type itself may handle its unprocessed items, so it is not followed.
        /// </summary>
        private static bool ReturnsTypeParameter(IMethodSymbol method)
        {
            var returnType = method.OriginalDefinition.ReturnType;
            if (returnType is ITypeParameterSymbol)
            {
                return true;
            }

            if (returnType is INamedTypeSymbol { IsGenericType: true } named)
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (argument is ITypeParameterSymbol)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsResponse(IOperation result, ITypeSymbol? responseType)
            => responseType is not null && SymbolEqualityComparer.Default.Equals(result.Type, responseType);
    }
}
