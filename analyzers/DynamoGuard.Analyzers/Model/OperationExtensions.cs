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

        /// <summary>
        /// Where the operation's syntax starts, for putting operations in source order: the start of its full span
        /// (leading trivia included). Two nodes are ordered by it exactly as by <see cref="SyntaxNode.SpanStart"/> (both
        /// belong to the node's first token, and tokens do not overlap), but it costs O(1), where SpanStart walks down to
        /// the first token: along a left-nested <c>a + b + c + ...</c> chain that walk made each test linear in the
        /// chain's length, and a scan of the chain quadratic. Compare it only with another operation's or node's
        /// <see cref="SourceStart"/> or a node's <c>FullSpan.Start</c>, never with a SpanStart.
        /// </summary>
        public static int SourceStart(this IOperation operation) => operation.Syntax.FullSpan.Start;

        /// <summary>
        /// True when <paramref name="position"/> (a <see cref="SourceStart"/>) falls inside the operation's syntax: the
        /// operation holds the node that starts there. O(1), as <see cref="SourceStart"/>.
        /// </summary>
        public static bool Holds(this IOperation operation, int position) => operation.Syntax.FullSpan.Contains(position);

        /// <summary>
        /// The call a value waits for: the call of <c>await call</c>, <c>await call.ConfigureAwait(false)</c> or
        /// <c>call.ConfigureAwait(false)</c>; otherwise the value itself (conversions walked down at each step).
        /// </summary>
        public static IOperation WalkDownAwait(this IOperation operation)
        {
            var current = operation.WalkDownConversions();
            if (current is IAwaitOperation awaited)
            {
                current = awaited.Operation.WalkDownConversions();
            }

            if (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                current = configured.WalkDownConversions();
            }

            return current;
        }

        /// <summary>
        /// True when <paramref name="operation"/> is inside a lambda handed to an assertion that expects it to throw
        /// (<c>Assert.ThrowsAsync&lt;T&gt;(() =&gt; ...)</c>, <c>Assert.Throws</c>, NUnit's and MSTest's <c>Throws*</c>,
        /// <c>ThrowsException*</c>): a test that sends an invalid request on purpose to see it rejected.
        /// </summary>
        public static bool IsInExpectedFailure(this IOperation operation)
        {
            // Read from syntax: the assertion library may be missing from the compilation (code being typed, a
            // partial build), and the call is then not bound.
            for (var node = operation.Syntax.Parent; node is not null; node = node.Parent)
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax)
                {
                    break;
                }

                if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax lambda)
                {
                    continue;
                }

                if (lambda.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { Parent.Parent: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax assertion }
                    && GetCalledName(assertion.Expression) is { } name
                    && name.StartsWith("Throws", System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The name a call's expression invokes (<c>x.Name(...)</c>, <c>Name(...)</c>, <c>x.Name&lt;T&gt;(...)</c>), or null.</summary>
        public static string? GetCalledName(Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax expression)
            => expression switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax name => name.Identifier.ValueText,
                _ => null,
            };

        /// <summary>
        /// True when <paramref name="operation"/> sits in a lambda or local function nested inside <paramref name="stop"/>
        /// (which runs when, and if, it is called, not where it is written).
        /// </summary>
        public static bool IsInNestedFunction(this IOperation operation, IOperation stop)
        {
            for (var current = operation.Parent; current is not null && current != stop; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
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
