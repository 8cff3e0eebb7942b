using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>Where a value a helper uses comes from, in terms of the helper's own inputs.</summary>
    internal readonly struct ValueBinding
    {
        private ValueBinding(int ordinal, object? constant, bool isConstant, string prefix)
        {
            Ordinal = ordinal;
            Constant = constant;
            IsConstant = isConstant;
            Prefix = prefix;
        }

        /// <summary>A constant text before the parameter's value (<c>"USER#" + id</c>, <c>$"USER#{id}"</c>); empty when none.</summary>
        public string Prefix { get; }

        /// <summary>The parameter that supplies the value, when <see cref="IsConstant"/> is false.</summary>
        public int Ordinal { get; }

        public object? Constant { get; }

        public bool IsConstant { get; }

        public static ValueBinding ForParameter(int ordinal, string prefix = "") => new ValueBinding(ordinal, null, isConstant: false, prefix);

        public static ValueBinding ForConstant(object? value) => new ValueBinding(-1, value, isConstant: true, string.Empty);

        /// <summary>The same binding with <paramref name="prefix"/> put before its own prefix (or constant text).</summary>
        public ValueBinding WithOuterPrefix(string prefix)
        {
            if (prefix.Length == 0)
            {
                return this;
            }

            return IsConstant
                ? ForConstant(Constant is string text ? prefix + text : prefix + System.Convert.ToString(Constant, System.Globalization.CultureInfo.InvariantCulture))
                : ForParameter(Ordinal, prefix + Prefix);
        }

        /// <summary>
        /// The binding of a key value: a parameter, <c>p.ToString()</c>, <c>$"{p}"</c>, or a constant; false for anything
        /// else (a field, a computed key): the helper's key is then not known in terms of its inputs.
        /// </summary>
        public static bool TryCreate(IOperation? value, out ValueBinding binding)
        {
            binding = default;
            if (value is null)
            {
                return false;
            }

            var current = ValueResolver.Resolve(value);
            if (current.ConstantValue.HasValue)
            {
                binding = ForConstant(current.ConstantValue.Value);
                return true;
            }

            var prefix = string.Empty;
            switch (current)
            {
                // "USER#" + id
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, LeftOperand.ConstantValue: { HasValue: true, Value: string left } } concatenation:
                    prefix = left;
                    current = concatenation.RightOperand.WalkDownConversions();
                    break;

                // $"USER#{id}"
                case IInterpolatedStringOperation { Parts.Length: 2 } prefixed
                    when prefixed.Parts[0] is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } }
                        && prefixed.Parts[1] is IInterpolationOperation { Alignment: null, FormatString: null } last:
                    prefix = text;
                    current = last.Expression.WalkDownConversions();
                    break;
            }

            current = ValueResolver.UnwrapFormatting(current);
            if (current is IParameterReferenceOperation parameter)
            {
                binding = ForParameter(parameter.Parameter.Ordinal, prefix);
                return true;
            }

            return false;
        }
    }

    /// <summary>A helper's key (or item) map, attribute by attribute, in terms of the helper's inputs.</summary>
    internal sealed class KeyBinding
    {
        public KeyBinding(ImmutableArray<(string Attribute, ValueBinding Value)> entries)
        {
            Entries = entries;
        }

        public ImmutableArray<(string Attribute, ValueBinding Value)> Entries { get; }

        public bool TryGet(string attribute, out ValueBinding value)
        {
            foreach (var entry in Entries)
            {
                if (entry.Attribute == attribute)
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }
    }

    /// <summary>A helper that returns the number one attribute of one item held when it was read.</summary>
    internal sealed class ReturnedNumber
    {
        public ReturnedNumber(string table, string attribute, KeyBinding key, SyntaxNode read)
        {
            Table = table;
            Attribute = attribute;
            Key = key;
            Read = read;
        }

        public string Table { get; }

        public string Attribute { get; }

        public KeyBinding Key { get; }

        /// <summary>
        /// The SDK read (GetItem) that the number comes from, possibly in a deeper helper: its syntax only (a location
        /// for the report), since a cached operation would keep its document's semantic model alive.
        /// </summary>
        public SyntaxNode Read { get; }
    }

    /// <summary>A helper that writes one of its numeric parameters to one attribute of one item, with no condition on it.</summary>
    internal sealed class ParameterWrite
    {
        public ParameterWrite(int ordinal, string table, string attribute, KeyBinding key, bool isPut, SyntaxNode write)
        {
            Ordinal = ordinal;
            Table = table;
            Attribute = attribute;
            Key = key;
            IsPut = isPut;
            Write = write;
        }

        public int Ordinal { get; }

        public string Table { get; }

        public string Attribute { get; }

        /// <summary>UpdateItem: the key map. PutItem: every other entry of the item (the read's key must be among them).</summary>
        public KeyBinding Key { get; }

        public bool IsPut { get; }

        /// <summary>The SDK write, possibly in a deeper helper (its syntax: a location for the report).</summary>
        public SyntaxNode Write { get; }
    }

    /// <summary>
    /// What DynamoGuard knows about one source method of the compilation, for the rules that follow values across
    /// methods: the item value it returns (a number an attribute held, an object the context loaded) and what it
    /// does with its parameters (writes a number to an attribute without a condition, saves an object without a
    /// condition). Empty when the method does none of these in a way the analysis can see completely.
    /// </summary>
    internal sealed class MethodSummary
    {
        public static readonly MethodSummary Empty = new MethodSummary(null, null, ImmutableArray<ParameterWrite>.Empty, ImmutableArray<(int, SyntaxNode)>.Empty, ImmutableDictionary<IPropertySymbol, ReturnedNumber>.Empty, ImmutableArray<ReturnedNumber?>.Empty);

        public MethodSummary(ReturnedNumber? returnedNumber, SyntaxNode? returnedLoad, ImmutableArray<ParameterWrite> writes, ImmutableArray<(int Ordinal, SyntaxNode Save)> saves, ImmutableDictionary<IPropertySymbol, ReturnedNumber> returnedProperties, ImmutableArray<ReturnedNumber?> returnedElements)
        {
            ReturnedNumber = returnedNumber;
            ReturnedLoad = returnedLoad;
            Writes = writes;
            Saves = saves;
            ReturnedProperties = returnedProperties;
            ReturnedElements = returnedElements;
        }

        /// <summary>
        /// For a method that returns a tuple it builds (<c>return (stock, version);</c>): per element, in order, the number
        /// an attribute held when read, or null for an element that is not one. Empty when no element is.
        /// </summary>
        public ImmutableArray<ReturnedNumber?> ReturnedElements { get; }

        /// <summary>The number element <paramref name="index"/> of the returned tuple holds, or null.</summary>
        public ReturnedNumber? GetReturnedElement(int index)
            => index >= 0 && index < ReturnedElements.Length ? ReturnedElements[index] : null;

        /// <summary>
        /// For a method that returns a DTO it creates: the properties its object initializer fills with a number an
        /// attribute held when read (<c>new StockDto { Stock = int.Parse(item["stock"].N) }</c>), by property definition.
        /// </summary>
        public ImmutableDictionary<IPropertySymbol, ReturnedNumber> ReturnedProperties { get; }

        public ReturnedNumber? ReturnedNumber { get; }

        /// <summary>The context Load whose object the method returns unchanged, possibly in a deeper helper (its syntax).</summary>
        public SyntaxNode? ReturnedLoad { get; }

        public ImmutableArray<ParameterWrite> Writes { get; }

        /// <summary>Parameters the method saves through a context without a condition (a Save of the parameter itself).</summary>
        public ImmutableArray<(int Ordinal, SyntaxNode Save)> Saves { get; }

        public bool IsEmpty => ReturnedNumber is null && ReturnedLoad is null && Writes.IsEmpty && Saves.IsEmpty && ReturnedProperties.IsEmpty && ReturnedElements.IsEmpty;
    }
}
