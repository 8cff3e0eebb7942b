using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Decides whether two expressions of one method denote the same value, for matching a write to the item a read
    /// returned (same table name, same key): equal constants, the same local, or the same code (<c>KeyFor(pageId)</c>
    /// twice) whose inputs the method does not change and that does not make up new values (<c>Guid.NewGuid()</c>,
    /// <c>DateTime.UtcNow</c>). Once-assigned locals are looked through first.
    /// </summary>
    internal static class OperationEquivalence
    {
        public static bool AreEquivalent(IOperation? left, IOperation? right)
        {
            if (left is null || right is null)
            {
                return false;
            }

            if (left == right)
            {
                return true;
            }

            var a = ValueResolver.Resolve(left);
            var b = ValueResolver.Resolve(right);
            if (a == b)
            {
                return true;
            }

            if (a.ConstantValue.HasValue || b.ConstantValue.HasValue)
            {
                return a.ConstantValue.HasValue && b.ConstantValue.HasValue && Equals(a.ConstantValue.Value, b.ConstantValue.Value);
            }

            if (a is ILocalReferenceOperation localA && b is ILocalReferenceOperation localB)
            {
                return SymbolEqualityComparer.Default.Equals(localA.Local, localB.Local);
            }

            return SyntaxFactory.AreEquivalent(a.Syntax, b.Syntax, topLevel: false) && IsStable(a) && IsStable(b);
        }

        /// <summary>True when evaluating the expression twice in the method gives the same value.</summary>
        private static bool IsStable(IOperation operation)
        {
            var root = operation.GetRoot();
            foreach (var current in operation.DescendantsAndSelf())
            {
                switch (current)
                {
                    case ILocalReferenceOperation local when IsAssignedMoreThanOnce(local.Local, root):
                    case IParameterReferenceOperation parameter when IsAssigned(parameter.Parameter, root):
                        return false;
                    case IInvocationOperation invocation when MakesNewValue(invocation.TargetMethod):
                    case IPropertyReferenceOperation property when MakesNewValue(property.Property):
                    case IAwaitOperation:
                    case IIncrementOrDecrementOperation:
                    case IAssignmentOperation { Parent: not IObjectOrCollectionInitializerOperation }:
                        return false;
                }
            }

            return true;
        }

        private static bool MakesNewValue(ISymbol member)
        {
            var type = member.ContainingType;
            if (type is null)
            {
                return false;
            }

            return (member.Name == "NewGuid" && type.Name == "Guid")
                || (member.Name is "Now" or "UtcNow" or "Today" && type.Name is "DateTime" or "DateTimeOffset")
                || type.Name is "Random" or "Stopwatch" or "RandomNumberGenerator"
                || (member.Name == "TickCount" && type.Name == "Environment");
        }

        private static bool IsAssignedMoreThanOnce(ILocalSymbol local, IOperation root)
        {
            var definitions = 0;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when declarator.Initializer is not null && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented } when SymbolEqualityComparer.Default.Equals(incremented.Local, local):
                        definitions++;
                        break;
                    case IArgumentOperation { Value: ILocalReferenceOperation passed } argument
                        when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && SymbolEqualityComparer.Default.Equals(passed.Local, local):
                        return true;
                }
            }

            return definitions > 1;
        }

        private static bool IsAssigned(IParameterSymbol parameter, IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IAssignmentOperation { Target: IParameterReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Parameter, parameter):
                    case IIncrementOrDecrementOperation { Target: IParameterReferenceOperation incremented } when SymbolEqualityComparer.Default.Equals(incremented.Parameter, parameter):
                    case IArgumentOperation { Value: IParameterReferenceOperation passed } argument
                        when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && SymbolEqualityComparer.Default.Equals(passed.Parameter, parameter):
                        return true;
                }
            }

            return false;
        }
    }
}
