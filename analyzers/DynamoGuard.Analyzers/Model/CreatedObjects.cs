using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// What a <c>new T(arguments) { Member = value }</c> expression leaves in the object's properties, for the object
    /// model's saves and loads: the value each property is set to (by the object initializer, or by a source
    /// constructor that assigns a parameter to it: <c>Count = count;</c> or <c>Count = count ?? 0;</c>) and, for a key
    /// property computed from other properties (<c>string PartitionKey =&gt; $"COUNT#{Type}";</c>), the constant it
    /// evaluates to when those properties are set to constants.
    /// <para>
    /// Deliberately not described: constructors that chain to another constructor (<c>: this(...)</c>, <c>: base(args)</c>)
    /// or call instance methods, properties assigned in a branch or twice, getters that call methods (other than
    /// <c>ToString()</c>) or read fields, and values the object gets later. Those properties are unknown and the rules
    /// stay silent. Constructor facts and getter expressions are found once per symbol and cached for the compilation.
    /// </para>
    /// </summary>
    internal sealed class CreatedObjects
    {
        private const int MaxDepth = 4;

        private static readonly ImmutableDictionary<IPropertySymbol, ConstructorAssignment> NoAssignments =
            ImmutableDictionary.Create<IPropertySymbol, ConstructorAssignment>(SymbolEqualityComparer.Default);

        private readonly Flow.SourceMethods _methods;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableDictionary<IPropertySymbol, ConstructorAssignment>> _constructors =
            new ConcurrentDictionary<IMethodSymbol, ImmutableDictionary<IPropertySymbol, ConstructorAssignment>>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<IPropertySymbol, IOperation?> _getters = new ConcurrentDictionary<IPropertySymbol, IOperation?>(SymbolEqualityComparer.Default);

        public CreatedObjects(Flow.SourceMethods methods)
        {
            _methods = methods;
        }

        /// <summary>
        /// The value (conversions stripped) <paramref name="property"/> holds once <paramref name="creation"/> has run:
        /// the object initializer's assignment, else the argument a source constructor assigns to it; null when neither
        /// sets it (or the constructor is not understood). <paramref name="site"/> is the initializer's assignment or
        /// the argument.
        /// </summary>
        public IOperation? GetSetValue(IObjectCreationOperation creation, IPropertySymbol property, out IOperation? site)
        {
            if (FindInitializerAssignment(creation, property) is { } assignment)
            {
                site = assignment;
                return assignment.Value.WalkDownConversions();
            }

            if (creation.Constructor is { } constructor
                && GetConstructorAssignments(constructor).TryGetValue(property.OriginalDefinition, out var assigned)
                && GetArgument(creation, assigned.Ordinal) is { } argument)
            {
                site = argument;
                return argument.ArgumentKind == ArgumentKind.DefaultValue && assigned.Fallback is { } fallback
                    ? fallback
                    : argument.Value.WalkDownConversions();
            }

            site = null;
            return null;
        }

        /// <summary>
        /// Every property <paramref name="creation"/> sets (constructor assignments first, then the initializer's, which
        /// win), with its value and the syntax that sets it.
        /// </summary>
        public void GetSetValues(IObjectCreationOperation creation, List<(IPropertySymbol Property, IOperation Value, IOperation Site)> values)
        {
            if (creation.Constructor is { } constructor)
            {
                foreach (var assigned in GetConstructorAssignments(constructor))
                {
                    if (GetArgument(creation, assigned.Value.Ordinal) is { ArgumentKind: not ArgumentKind.DefaultValue } argument
                        && FindInitializerAssignment(creation, assigned.Key) is null)
                    {
                        values.Add((assigned.Key, argument.Value.WalkDownConversions(), argument));
                    }
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { IsIndexer: false } property } } assignment)
                    {
                        values.Add((property, assignment.Value, assignment));
                    }
                }
            }
        }

        /// <summary>True when a constructor argument of <paramref name="creation"/> is assigned to a property.</summary>
        public bool HasConstructorAssignments(IObjectCreationOperation creation)
            => creation.Constructor is { } constructor && creation.Arguments.Length > 0 && !GetConstructorAssignments(constructor).IsEmpty;

        /// <summary>
        /// The constant (a string or a number) <paramref name="property"/> of the object <paramref name="creation"/>
        /// builds holds: set to a constant, or computed by its getter from properties set to constants
        /// (<c>$"COUNT#{Type}"</c> with <c>Type</c> set to <c>CountType.Application</c> gives <c>"COUNT#Application"</c>).
        /// </summary>
        public bool TryGetConstant(IObjectCreationOperation creation, IPropertySymbol property, out object? value)
            => TryGetConstant(creation, property, 0, out value);

        /// <summary>
        /// The constant a key value stands for: a compile-time constant, or a property of an object the method created
        /// (<c>var count = new CountModel(CountType.Application); ... LoadAsync&lt;CountModel&gt;(count.PartitionKey)</c>).
        /// </summary>
        public bool TryGetValueConstant(IOperation operation, out object? value)
        {
            var current = operation.WalkDownConversions();
            if (TryGetConstantValue(current, out value))
            {
                return true;
            }

            if (current is IPropertyReferenceOperation { Property: { IsIndexer: false } property, Instance: { } instance })
            {
                var holder = ValueResolver.Resolve(instance);
                if (holder is ILocalReferenceOperation reassigned
                    && ValueResolver.FindHeldValue(reassigned, out var createdWhenNull) is { } reaching
                    && createdWhenNull is null)
                {
                    holder = ValueResolver.Resolve(reaching);
                }

                return holder is IObjectCreationOperation creation && TryGetConstant(creation, property, 0, out value);
            }

            return false;
        }

        private bool TryGetConstant(IObjectCreationOperation creation, IPropertySymbol property, int depth, out object? value)
        {
            value = null;
            if (depth > MaxDepth)
            {
                return false;
            }

            if (GetSetValue(creation, property, out _) is { } set)
            {
                return TryGetConstantValue(set, out value);
            }

            return GetComputedGetter(property) is { } getter && TryEvaluate(creation, getter, depth + 1, out value);
        }

        private bool TryEvaluate(IObjectCreationOperation creation, IOperation expression, int depth, out object? value)
        {
            value = null;
            var current = expression.WalkDownConversions();
            if (TryGetConstantValue(current, out value))
            {
                return true;
            }

            switch (current)
            {
                case IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property: { IsIndexer: false } other }:
                    return TryGetConstant(creation, other, depth, out value);
                case IParenthesizedOperation parenthesized:
                    return TryEvaluate(creation, parenthesized.Operand, depth, out value);
                case IInvocationOperation { TargetMethod: { Name: "ToString", Parameters.IsEmpty: true, IsStatic: false }, Instance: { } instance }:
                    if (TryEvaluate(creation, instance, depth, out var formatted) && TryFormat(formatted, out var text))
                    {
                        value = text;
                        return true;
                    }

                    return false;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                    if (TryEvaluate(creation, concatenation.LeftOperand, depth, out var left) && TryFormat(left, out var leftText)
                        && TryEvaluate(creation, concatenation.RightOperand, depth, out var right) && TryFormat(right, out var rightText))
                    {
                        value = leftText + rightText;
                        return true;
                    }

                    return false;
                case IInterpolatedStringOperation interpolated:
                    var builder = new System.Text.StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string literal } }:
                                builder.Append(literal);
                                break;
                            case IInterpolationOperation { Alignment: null, FormatString: null } interpolation
                                when TryEvaluate(creation, interpolation.Expression, depth, out var formattedPart) && TryFormat(formattedPart, out var partText):
                                builder.Append(partText);
                                break;
                            default:
                                return false;
                        }
                    }

                    value = builder.ToString();
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>A compile-time constant; an enum member is its name (how it formats), not its number.</summary>
        private static bool TryGetConstantValue(IOperation operation, out object? value)
        {
            var current = operation.WalkDownConversions();
            if (current is IFieldReferenceOperation { Field: { HasConstantValue: true, ContainingType.TypeKind: TypeKind.Enum } member })
            {
                value = new EnumMember(member.Name);
                return true;
            }

            if (current.ConstantValue.HasValue && current.Type?.TypeKind != TypeKind.Enum && current.ConstantValue.Value is string or int or long or short or byte or uint or ulong or ushort or sbyte)
            {
                value = current.ConstantValue.Value;
                return true;
            }

            value = null;
            return false;
        }

        private static bool TryFormat(object? value, out string text)
        {
            switch (value)
            {
                case string s:
                    text = s;
                    return true;
                case EnumMember member:
                    text = member.Name;
                    return true;
                case null:
                    text = string.Empty;
                    return false;
                default:
                    text = System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                    return true;
            }
        }

        /// <summary>The expression a source property's getter returns (<c>=&gt; expr</c>, <c>get =&gt; expr</c>, <c>get { return expr; }</c>), or null.</summary>
        private IOperation? GetComputedGetter(IPropertySymbol property)
            => _getters.GetOrAdd(property.OriginalDefinition, FindGetter);

        private IOperation? FindGetter(IPropertySymbol property)
        {
            if (property.DeclaringSyntaxReferences.Length != 1
                || property.DeclaringSyntaxReferences[0].GetSyntax() is not PropertyDeclarationSyntax declaration)
            {
                return null;
            }

            ExpressionSyntax? expression = declaration.ExpressionBody?.Expression;
            if (expression is null && declaration.AccessorList is { } accessors)
            {
                foreach (var accessor in accessors.Accessors)
                {
                    if (accessor.Keyword.ValueText != "get")
                    {
                        continue;
                    }

                    expression = accessor.ExpressionBody?.Expression
                        ?? (accessor.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
                }
            }

            return expression is null ? null : _methods.GetOperation(expression);
        }

        private ImmutableDictionary<IPropertySymbol, ConstructorAssignment> GetConstructorAssignments(IMethodSymbol constructor)
            => _constructors.GetOrAdd(constructor.OriginalDefinition, FindConstructorAssignments);

        /// <summary>
        /// The properties a source constructor sets from its parameters in plain statements of its body
        /// (<c>Count = count;</c>, <c>this.Count = count ?? 0;</c>). Empty when the constructor chains to another one with
        /// arguments, calls a method of the object, or passes it on; a property set twice or in a branch is left out.
        /// </summary>
        private ImmutableDictionary<IPropertySymbol, ConstructorAssignment> FindConstructorAssignments(IMethodSymbol constructor)
        {
            if (constructor.Parameters.IsEmpty
                || constructor.DeclaringSyntaxReferences.Length != 1
                || constructor.DeclaringSyntaxReferences[0].GetSyntax() is not ConstructorDeclarationSyntax declaration
                || declaration.Initializer is { } chained && (chained.ThisOrBaseKeyword.ValueText == "this" || chained.ArgumentList.Arguments.Count > 0)
                || declaration.Body is null
                || _methods.GetOperation(declaration.Body) is not IBlockOperation body)
            {
                return NoAssignments;
            }

            var builder = ImmutableDictionary.CreateBuilder<IPropertySymbol, ConstructorAssignment>(SymbolEqualityComparer.Default);
            HashSet<IPropertySymbol>? excluded = null;
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation { Instance: IInstanceReferenceOperation }:
                    case IArgumentOperation { Value: IInstanceReferenceOperation }:
                    case IParameterReferenceOperation { Parent: IAssignmentOperation or IIncrementOrDecrementOperation } changed when IsTarget(changed):
                        return NoAssignments;
                    case IAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property: { } target } } assignment:
                        var property = target.OriginalDefinition;
                        if (builder.ContainsKey(property) || excluded?.Contains(property) == true
                            || assignment is not ISimpleAssignmentOperation simple
                            || simple.Parent is not IExpressionStatementOperation { Parent: IBlockOperation block }
                            || block != body
                            || !TryGetParameter(simple.Value, out var ordinal, out var fallback))
                        {
                            builder.Remove(property);
                            (excluded ??= new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default)).Add(property);
                            break;
                        }

                        builder[property] = new ConstructorAssignment(ordinal, fallback);
                        break;
                }
            }

            return builder.Count == 0 ? NoAssignments : builder.ToImmutable();
        }

        private static bool IsTarget(IOperation reference)
            => reference.Parent switch
            {
                IAssignmentOperation assignment => assignment.Target == reference,
                IIncrementOrDecrementOperation => true,
                _ => false,
            };

        /// <summary><c>p</c> or <c>p ?? constant</c> (the constant is then what an omitted <c>= default</c> argument gives).</summary>
        private static bool TryGetParameter(IOperation value, out int ordinal, out IOperation? fallback)
        {
            var current = value.WalkDownConversions();
            fallback = null;
            if (current is ICoalesceOperation { WhenNull: { ConstantValue.HasValue: true } whenNull } coalesce)
            {
                fallback = whenNull.WalkDownConversions();
                current = coalesce.Value.WalkDownConversions();
            }

            if (current is IParameterReferenceOperation parameter)
            {
                ordinal = parameter.Parameter.Ordinal;
                return true;
            }

            ordinal = -1;
            return false;
        }

        private static IArgumentOperation? GetArgument(IObjectCreationOperation creation, int ordinal)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.ArgumentKind == ArgumentKind.ParamArray ? null : argument;
                }
            }

            return null;
        }

        /// <summary>The object initializer's assignment of <paramref name="property"/> (<c>{ P = value }</c>), or null.</summary>
        private static ISimpleAssignmentOperation? FindInitializerAssignment(IObjectCreationOperation creation, IPropertySymbol property)
        {
            if (creation.Initializer is null)
            {
                return null;
            }

            foreach (var member in creation.Initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } target } } assignment
                    && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, property.OriginalDefinition))
                {
                    return assignment;
                }
            }

            return null;
        }

        /// <summary>A constructor parameter assigned to a property, and the constant of a <c>p ?? constant</c>.</summary>
        private readonly struct ConstructorAssignment
        {
            public ConstructorAssignment(int ordinal, IOperation? fallback)
            {
                Ordinal = ordinal;
                Fallback = fallback;
            }

            public int Ordinal { get; }

            public IOperation? Fallback { get; }
        }

        /// <summary>An enum constant, kept by name: that is what it formats to in a computed key.</summary>
        private sealed class EnumMember
        {
            public EnumMember(string name)
            {
                Name = name;
            }

            public string Name { get; }

            public override bool Equals(object? obj) => obj is EnumMember other && other.Name == Name;

            public override int GetHashCode() => Name.GetHashCode();
        }
    }
}
