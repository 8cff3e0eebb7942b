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
    }
}
