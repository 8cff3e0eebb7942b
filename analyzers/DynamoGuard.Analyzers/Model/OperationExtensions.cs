using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    internal static class OperationExtensions
    {
        /// <summary>Strips implicit and explicit conversions (e.g. bool to bool?, T to object).</summary>
        public static IOperation WalkDownConversions(this IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The outermost operation of the body that holds <paramref name="operation"/> (lambdas included).</summary>
        public static IOperation GetRoot(this IOperation operation)
        {
            while (operation.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>True when the operation is the compile-time constant <c>true</c> (through conversions such as bool to bool?).</summary>
        public static bool IsConstantTrue(this IOperation operation)
        {
            var constant = operation.WalkDownConversions().ConstantValue;
            return constant.HasValue && constant.Value is true;
        }

        /// <summary>True when the operation is the literal <c>null</c> or <c>default</c> of a reference type.</summary>
        public static bool IsConstantNull(this IOperation operation)
        {
            var constant = operation.WalkDownConversions().ConstantValue;
            return constant.HasValue && constant.Value is null;
        }

        /// <summary>For an invocation, the argument bound to a parameter of the given type, or null.</summary>
        public static IArgumentOperation? GetArgumentOfType(this IInvocationOperation invocation, INamedTypeSymbol? parameterType)
        {
            if (parameterType is null)
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, parameterType))
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>
        /// From a call up through await, ConfigureAwait, <c>.Result</c> and <c>GetAwaiter().GetResult()</c> (and
        /// conversions) to the operation that stands for the call's result value, e.g. the response of a client call.
        /// </summary>
        public static IOperation FollowToResult(this IInvocationOperation invocation)
        {
            IOperation current = invocation;
            while (true)
            {
                switch (current.Parent)
                {
                    case IConversionOperation conversion:
                        current = conversion;
                        continue;
                    case IAwaitOperation awaited:
                        current = awaited;
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" } call when call.Instance == current:
                        current = call;
                        continue;
                    case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == current:
                        current = result;
                        continue;
                    default:
                        return current;
                }
            }
        }
    }
}
