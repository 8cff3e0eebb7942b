using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Resolves what a value is when it can be known inside the method: compile-time constants (literals, <c>const</c>
    /// fields and locals, concatenations and constant interpolations, which Roslyn folds) and locals that are assigned
    /// exactly once. Anything else (parameters, fields, call results, locals assigned twice) is unknown.
    /// </summary>
    internal static class ValueResolver
    {
        private const int MaxLocalHops = 8;

        /// <summary>
        /// Follows a local assigned exactly once (at its declaration) to its initializer, through conversions,
        /// a few hops deep. Returns the operation itself when there is nothing to follow.
        /// </summary>
        public static IOperation Resolve(IOperation operation)
        {
            operation = operation.WalkDownConversions();
            for (var hop = 0; hop < MaxLocalHops && operation is ILocalReferenceOperation reference; hop++)
            {
                var initializer = FindSingleInitializer(reference.Local, operation.GetRoot());
                if (initializer is null)
                {
                    break;
                }

                operation = initializer.WalkDownConversions();
            }

            return operation;
        }

        /// <summary>
        /// The value a text is made of when it is only a value formatted as text: <c>x.ToString(...)</c>,
        /// <c>Convert.ToString(x)</c>, <c>$"{x}"</c>; otherwise the operation itself (conversions walked down).
        /// </summary>
        public static IOperation UnwrapFormatting(IOperation operation)
        {
            var current = operation.WalkDownConversions();
            switch (current)
            {
                case IInvocationOperation { TargetMethod: { Name: "ToString", IsStatic: false }, Instance: { } instance }:
                    return instance.WalkDownConversions();
                case IInvocationOperation { TargetMethod: { Name: "ToString", IsStatic: true, ContainingType.Name: "Convert" } } convert when convert.Arguments.Length > 0:
                    return convert.Arguments[0].Value.WalkDownConversions();
                case IInterpolatedStringOperation { Parts.Length: 1 } interpolated
                    when interpolated.Parts[0] is IInterpolationOperation { Alignment: null, FormatString: null } part:
                    return part.Expression.WalkDownConversions();
                default:
                    return current;
            }
        }

        public static bool TryGetString(IOperation operation, out string value)
        {
            var resolved = Resolve(operation);
            if (resolved.ConstantValue is { HasValue: true, Value: string text })
            {
                value = text;
                return true;
            }

            value = string.Empty;
            return false;
        }

        public static bool TryGetInt64(IOperation operation, out long value)
        {
            var resolved = Resolve(operation);
            switch (resolved.ConstantValue is { HasValue: true } constant ? constant.Value : null)
            {
                case int i: value = i; return true;
                case long l: value = l; return true;
                case short s: value = s; return true;
                case byte b: value = b; return true;
                case uint u: value = u; return true;
                default: value = 0; return false;
            }
        }

        /// <summary>
        /// The initializer of a local that is declared with one and never assigned again (nor passed by ref/out), or null.
        /// A local declared by a pattern (<c>x is { } local</c>, <c>x is T local</c>) has <c>x</c> as its initializer.
        /// </summary>
        public static IOperation? FindSingleInitializer(ILocalSymbol local, IOperation root)
        {
            if (local.IsRef)
            {
                return null;
            }

            IOperation? initializer = null;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        initializer = declarator.Initializer?.Value;
                        if (initializer is null)
                        {
                            return null;
                        }

                        break;
                    // x is { } local / x is T local: the local is x (after the type test).
                    case IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol declared, Parent: IIsPatternOperation pattern }
                        when SymbolEqualityComparer.Default.Equals(declared, local):
                    case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declaredByType, Parent: IIsPatternOperation pattern2 }
                        when SymbolEqualityComparer.Default.Equals(declaredByType, local):
                        initializer = ((IIsPatternOperation)operation.Parent!).Value;
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented } when SymbolEqualityComparer.Default.Equals(incremented.Local, local):
                        return null;
                    case IArgumentOperation { Value: ILocalReferenceOperation passed } argument
                        when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && SymbolEqualityComparer.Default.Equals(passed.Local, local):
                        return null;
                }
            }

            return initializer;
        }
    }
}
