using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// What the value a write stores as a version says: <c>X + 1</c> (the version advanced from X) or the first
    /// version (0 or 1). Values are looked at as the method writes them: an AttributeValue (<c>N = ...</c>,
    /// <c>S = ...</c>), a document entry (<c>doc["version"] = x + 1</c>), through once-assigned locals.
    /// </summary>
    internal static class VersionValues
    {
        private const int MaxDepth = 4;

        /// <summary>
        /// Finds <c>X + 1</c> (or <c>1 + X</c>) in the stored value: in the N / S of an AttributeValue, in a
        /// <c>ToString()</c>, a string interpolation, or the initializer of a once-assigned local they use.
        /// </summary>
        /// <param name="increment">The addition.</param>
        /// <param name="previous">X: the version the write advances from.</param>
        public static bool TryFindIncrement(IOperation value, out IBinaryOperation increment, out IOperation previous)
        {
            return TryFindIncrement(value, 0, out increment, out previous);
        }

        /// <summary>
        /// True when the stored value advances a version: <c>X + 1</c> (see <see cref="TryFindIncrement(IOperation, out IBinaryOperation, out IOperation)"/>),
        /// or a local or property that the method advances before the write with <c>++v</c>, <c>v++</c>, <c>v += 1</c>
        /// (stored as is, or through <c>ToString()</c>, <c>$"{v}"</c>, <c>Convert.ToString(v)</c>). Used by the rules as lock
        /// evidence; fixes that rewrite the increment use <see cref="TryFindIncrement(IOperation, out IBinaryOperation, out IOperation)"/>.
        /// </summary>
        public static bool AdvancesVersion(IOperation value)
        {
            if (TryFindIncrement(value, out _, out _))
            {
                return true;
            }

            var stored = GetStoredScalar(value);
            var current = stored is null ? null : ValueResolver.UnwrapFormatting(stored);

            if (current is IIncrementOrDecrementOperation { Kind: OperationKind.Increment })
            {
                return true;
            }

            if (current is not (ILocalReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }))
            {
                return false;
            }

            foreach (var operation in current.GetRoot().Descendants())
            {
                if (operation.SourceStart() >= current.SourceStart())
                {
                    continue;
                }

                var target = operation switch
                {
                    IIncrementOrDecrementOperation { Kind: OperationKind.Increment } increment => increment.Target,
                    ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } add when IsOne(add.Value) => add.Target,
                    _ => null,
                };
                if (target is not null && IsSameStorage(target.WalkDownConversions(), current))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>new AttributeValue(text)</c>: the constructor that sets S.</summary>
        private static IOperation? GetStringConstructorArgument(IObjectCreationOperation creation)
            => creation.Arguments.Length == 1 && creation.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String
                ? creation.Arguments[0].Value
                : null;

        private static bool IsSameStorage(IOperation target, IOperation use)
            => (target, use) switch
            {
                (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
                (IPropertyReferenceOperation a, IPropertyReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Property, b.Property)
                    && OperationEquivalence.AreEquivalent(a.Instance, b.Instance),
                _ => false,
            };

        /// <summary>True when the stored value is the constant first version: 0 or 1 (as a number, or the string "0" / "1").</summary>
        public static bool IsFirstVersion(IOperation value)
        {
            var stored = GetStoredScalar(value);
            if (stored is null)
            {
                return false;
            }

            if (ValueResolver.TryGetInt64(stored, out var number))
            {
                return number is 0 or 1;
            }

            return ValueResolver.TryGetString(stored, out var text) && (text == "0" || text == "1");
        }

        /// <summary>
        /// The scalar a stored value carries: the N (or S) of <c>new AttributeValue { N = ... }</c>, else the value itself
        /// (document entries are converted implicitly from numbers and strings).
        /// </summary>
        public static IOperation? GetStoredScalar(IOperation value)
        {
            var resolved = ValueResolver.Resolve(value);
            if (resolved is IObjectCreationOperation creation)
            {
                if (creation.Type?.Name != "AttributeValue")
                {
                    return null;
                }

                var buildUp = ObjectBuildUp.TryCreate(creation);
                return buildUp?.GetLastAssignedValue("N") ?? buildUp?.GetLastAssignedValue("S") ?? GetStringConstructorArgument(creation);
            }

            return resolved;
        }

        private static bool TryFindIncrement(IOperation value, int depth, out IBinaryOperation increment, out IOperation previous)
        {
            increment = null!;
            previous = null!;
            if (depth > MaxDepth)
            {
                return false;
            }

            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when IsOne(add.RightOperand) && !IsOne(add.LeftOperand) && IsNumeric(add):
                        increment = add;
                        previous = add.LeftOperand;
                        return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when IsOne(add.LeftOperand) && IsNumeric(add):
                        increment = add;
                        previous = add.RightOperand;
                        return true;
                    case ILocalReferenceOperation local when ValueResolver.FindSingleInitializer(local.Local, local.GetRoot()) is { } initializer:
                        if (TryFindIncrement(initializer, depth + 1, out increment, out previous))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool IsOne(IOperation operand)
        {
            var constant = operand.WalkDownConversions().ConstantValue;
            return constant.HasValue && constant.Value is int and 1 or long and 1 or uint and 1 or ulong and 1;
        }

        private static bool IsNumeric(IBinaryOperation add)
        {
            var type = add.Type;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32
                or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_Decimal;
        }
    }
}
