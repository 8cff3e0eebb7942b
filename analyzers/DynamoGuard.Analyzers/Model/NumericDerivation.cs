using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    internal enum DerivationKind
    {
        /// <summary>Not derived from any single-item read the method makes (a constant, a parameter, another call).</summary>
        None,

        /// <summary>Exactly the number an attribute held when it was read.</summary>
        Read,

        /// <summary>The number read, plus or minus deltas that do not themselves depend on a read.</summary>
        Modified,

        /// <summary>Depends on a read in a way DynamoGuard does not model (multiplied, passed to a helper...): rules stay silent.</summary>
        Unknown,
    }

    /// <summary>How the code handles an attribute (or item) that was not there when it was read.</summary>
    internal enum FallbackKind
    {
        /// <summary>It does not: the parse (or the indexer) throws when the attribute is missing.</summary>
        None,

        /// <summary><c>read ?? fallback</c> or <c>test ? read : fallback</c>: the fallback replaces the number read, before the arithmetic.</summary>
        OnRead,

        /// <summary><c>test ? read + d : fallback</c>: the fallback replaces the result of the arithmetic.</summary>
        OnResult,
    }

    /// <summary>One arithmetic step applied to the number read: <c>+ d</c>, <c>- d</c>, <c>++</c>, <c>+= d</c>...</summary>
    internal readonly struct ArithmeticStep
    {
        public ArithmeticStep(IOperation operation, bool subtract, IOperation? delta)
        {
            Operation = operation;
            Subtract = subtract;
            Delta = delta;
        }

        /// <summary>The binary operation, compound assignment or increment.</summary>
        public IOperation Operation { get; }

        public bool Subtract { get; }

        /// <summary>The other operand; null for <c>++</c> / <c>--</c> (a delta of 1).</summary>
        public IOperation? Delta { get; }
    }

    /// <summary>
    /// Where a number in the method comes from, relative to the single-item reads of the method: the number an attribute
    /// held when read (<see cref="DerivationKind.Read"/>), that number changed by <c>+</c> / <c>-</c> / <c>++</c> /
    /// <c>+=</c>... (<see cref="DerivationKind.Modified"/>), unrelated to any read, or related in a way not modelled.
    /// Built by <see cref="NumericDerivations"/>.
    /// </summary>
    internal sealed class Derivation
    {
        public static readonly Derivation None = new Derivation(DerivationKind.None);
        public static readonly Derivation Unknown = new Derivation(DerivationKind.Unknown);

        private Derivation(DerivationKind kind)
        {
            Kind = kind;
            Steps = ImmutableArray<ArithmeticStep>.Empty;
        }

        private Derivation(Derivation other)
        {
            Kind = other.Kind;
            Source = other.Source;
            Attribute = other.Attribute;
            Property = other.Property;
            Access = other.Access;
            ReadNumber = other.ReadNumber;
            ObjectInstance = other.ObjectInstance;
            Steps = other.Steps;
            Fallback = other.Fallback;
            FallbackValue = other.FallbackValue;
            FallbackConditional = other.FallbackConditional;
            ReadWhenTrue = other.ReadWhenTrue;
        }

        public DerivationKind Kind { get; private set; }

        public bool IsDerived => Kind is DerivationKind.Read or DerivationKind.Modified;

        public ReadSource Source { get; private set; }

        /// <summary>The attribute name as stored (for the object model, the property's stored name).</summary>
        public string Attribute { get; private set; } = string.Empty;

        /// <summary>The object model's property, else null.</summary>
        public IPropertySymbol? Property { get; private set; }

        /// <summary>The indexer (<c>item["views"]</c>, <c>doc["views"]</c>) or TryGetValue call that reads the attribute; null for the object model.</summary>
        public IOperation? Access { get; private set; }

        /// <summary>The expression that turns the attribute into a number (<c>int.Parse(...)</c>, <c>doc["n"].AsInt()</c>); null for the object model.</summary>
        public IOperation? ReadNumber { get; private set; }

        /// <summary>The object model: the reference to the loaded object whose property is read.</summary>
        public IOperation? ObjectInstance { get; private set; }

        public ImmutableArray<ArithmeticStep> Steps { get; private set; }

        public FallbackKind Fallback { get; private set; }

        /// <summary>The value used when the attribute was missing.</summary>
        public IOperation? FallbackValue { get; private set; }

        /// <summary>The <c>?:</c> operation that supplies the fallback; null for <c>??</c> and when there is none.</summary>
        public IConditionalOperation? FallbackConditional { get; private set; }

        /// <summary>With <see cref="FallbackConditional"/>: true when the read is in the when-true branch.</summary>
        public bool ReadWhenTrue { get; private set; }

        public static Derivation ForAttribute(ReadSource source, string attribute, IOperation access, IOperation readNumber)
            => new Derivation(DerivationKind.Read) { Source = source, Attribute = attribute, Access = access, ReadNumber = readNumber };

        public static Derivation ForProperty(ReadSource source, string attribute, IPropertySymbol property, IOperation instance)
            => new Derivation(DerivationKind.Read) { Source = source, Attribute = attribute, Property = property, ObjectInstance = instance };

        public Derivation WithStep(ArithmeticStep step)
            => new Derivation(this) { Kind = DerivationKind.Modified, Steps = Steps.Add(step) };

        public Derivation WithCoalesce(IOperation fallback)
            => new Derivation(this) { Fallback = FallbackKind.OnRead, FallbackValue = fallback };

        /// <summary>The derivation as one branch of <c>?:</c>, the other branch being the fallback.</summary>
        public Derivation WithConditional(IConditionalOperation conditional, IOperation fallback, bool readWhenTrue)
            => new Derivation(this)
            {
                Fallback = Kind == DerivationKind.Read ? FallbackKind.OnRead : FallbackKind.OnResult,
                FallbackValue = fallback,
                FallbackConditional = conditional,
                ReadWhenTrue = readWhenTrue,
            };

        /// <summary>True when arithmetic may still be applied: a fallback, if any, replaces the number read, not a result.</summary>
        public bool CanTakeStep => IsDerived && Fallback != FallbackKind.OnResult;

        /// <summary>True when both derive from the same attribute of the same read.</summary>
        public bool IsSameAttribute(Derivation other)
            => IsDerived && other.IsDerived && Source.IsSameRead(other.Source) && Attribute == other.Attribute;
    }

    /// <summary>
    /// Classifies numbers by where they come from (see <see cref="Derivation"/>). Values are followed through locals
    /// as the method assigns them before the point of use (declaration, <c>=</c>, <c>+=</c>, <c>++</c>...), through
    /// <c>?:</c>, <c>??</c>, casts and the SDK's number conversions. One instance per question: it caches nothing
    /// across calls and stops at a fixed depth.
    /// </summary>
    internal sealed class NumericDerivations
    {
        private const int MaxDepth = 12;

        private readonly DynamoDbModel _model;

        public NumericDerivations(DynamoDbModel model)
        {
            _model = model;
        }

        /// <summary>Where the number <paramref name="operation"/> evaluates to comes from.</summary>
        public Derivation Classify(IOperation operation) => Classify(operation, 0);

        /// <summary>
        /// Where the text a write stores as a number comes from: <c>x.ToString(...)</c>, <c>$"{x}"</c>,
        /// <c>Convert.ToString(x)</c>, or the number text of a read attribute itself.
        /// </summary>
        public Derivation ClassifyText(IOperation operation) => ClassifyText(operation, 0);

        /// <summary>
        /// The value of property <paramref name="property"/> of the loaded object held in <paramref name="local"/>, as it is
        /// just before <paramref name="position"/> (a <see cref="OperationExtensions.SourceStart"/>): the loaded value changed by the assignments the method makes before then.
        /// </summary>
        public Derivation ClassifyProperty(ReadSource source, ILocalSymbol local, IPropertySymbol property, IOperation root, int position, IOperation instance)
            => ClassifyProperty(source, local, property, root, position, instance, 0);

        private Derivation ClassifyText(IOperation operation, int depth)
        {
            if (depth > MaxDepth)
            {
                return Derivation.Unknown;
            }

            var current = operation.WalkDownConversions();
            if (current.ConstantValue.HasValue)
            {
                return Derivation.None;
            }

            if (ReadTracing.TryGetNumberText(current, _model, out var source, out var attribute, out var access))
            {
                return Derivation.ForAttribute(source, attribute, access, current);
            }

            switch (current)
            {
                case ILocalReferenceOperation local when ValueResolver.FindSingleInitializer(local.Local, current.GetRoot()) is { } initializer:
                    return ClassifyText(initializer, depth + 1);
                case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } when ReadTracing.IsNumericType(instance.Type):
                    return Classify(instance, depth + 1);
                case IInvocationOperation { TargetMethod: { Name: "ToString", IsStatic: true, ContainingType.Name: "Convert" } } convert when convert.Arguments.Length > 0:
                    return Classify(convert.Arguments[0].Value, depth + 1);
                case IInterpolatedStringOperation interpolated when interpolated.Parts.Length == 1
                    && interpolated.Parts[0] is IInterpolationOperation { Alignment: null, FormatString: null } part:
                    return Classify(part.Expression, depth + 1);
                case IConditionalOperation conditional:
                    return CombineConditional(conditional, ClassifyText(conditional.WhenTrue, depth + 1), conditional.WhenFalse is null ? Derivation.Unknown : ClassifyText(conditional.WhenFalse, depth + 1));
                default:
                    return AnyChildDerived(current, depth) ? Derivation.Unknown : Derivation.None;
            }
        }

        private Derivation Classify(IOperation operation, int depth)
        {
            if (depth > MaxDepth)
            {
                return Derivation.Unknown;
            }

            // Strip conversions, except the document model's DynamoDBEntry-to-number conversion, which is a read.
            var current = operation;
            while (current is IConversionOperation conversion)
            {
                if (conversion.OperatorMethod is not null && _model.IsDynamoDBEntry(conversion.Operand.Type) && ReadTracing.IsNumericType(conversion.Type))
                {
                    return ReadTracing.TryGetAttribute(conversion.Operand, _model, out var entrySource, out var entryAttribute, out var entryAccess)
                        && entrySource.Kind == ReadValueKind.Document
                        ? Derivation.ForAttribute(entrySource, entryAttribute, entryAccess, conversion)
                        : AnyChildDerived(conversion, depth) ? Derivation.Unknown : Derivation.None;
                }

                current = conversion.Operand;
            }

            if (current.ConstantValue.HasValue)
            {
                return Derivation.None;
            }

            switch (current)
            {
                case ILocalReferenceOperation local:
                    return ClassifyLocal(local.Local, current.GetRoot(), current.SourceStart(), depth + 1);
                case IFieldReferenceOperation { Field.ContainingType.IsTupleType: true, Instance: { } tuple } element:
                    return ClassifyTupleField(element, tuple, depth);
                case IParameterReferenceOperation:
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation }:
                case IInstanceReferenceOperation:
                case ILiteralOperation:
                    return Derivation.None;
                case IPropertyReferenceOperation property:
                    return ClassifyPropertyReference(property, depth);
                case IInvocationOperation invocation:
                    return ClassifyInvocation(invocation, depth);
                case IAwaitOperation awaited when GetHelperNumber(awaited.Operation) is { } helperRead:
                    return Derivation.ForAttribute(new ReadSource(helperRead, ReadValueKind.ItemMap), helperRead.Helper!.Attribute, awaited, awaited);
                case IBinaryOperation binary:
                    return ClassifyBinary(binary, depth);
                case ICoalesceOperation coalesce:
                    {
                        var value = Classify(coalesce.Value, depth + 1);
                        var whenNull = Classify(coalesce.WhenNull, depth + 1);
                        if (value.Kind == DerivationKind.Read && whenNull.Kind == DerivationKind.None && value.Fallback == FallbackKind.None)
                        {
                            return value.WithCoalesce(coalesce.WhenNull);
                        }

                        return value.Kind == DerivationKind.None && whenNull.Kind == DerivationKind.None ? Derivation.None : Derivation.Unknown;
                    }

                case IConditionalOperation conditional when conditional.WhenFalse is not null:
                    return CombineConditional(conditional, Classify(conditional.WhenTrue, depth + 1), Classify(conditional.WhenFalse, depth + 1));
                case IConditionalAccessOperation conditionalAccess:
                    return Classify(conditionalAccess.WhenNotNull, depth + 1);
                case IParenthesizedOperation parenthesized:
                    return Classify(parenthesized.Operand, depth + 1);
                default:
                    return AnyChildDerived(current, depth) ? Derivation.Unknown : Derivation.None;
            }
        }

        private static Derivation CombineConditional(IConditionalOperation conditional, Derivation whenTrue, Derivation whenFalse)
        {
            if (whenTrue.IsDerived && whenFalse.Kind == DerivationKind.None && whenTrue.Fallback == FallbackKind.None)
            {
                return whenTrue.WithConditional(conditional, conditional.WhenFalse!, readWhenTrue: true);
            }

            if (whenFalse.IsDerived && whenTrue.Kind == DerivationKind.None && whenFalse.Fallback == FallbackKind.None)
            {
                return whenFalse.WithConditional(conditional, conditional.WhenTrue, readWhenTrue: false);
            }

            return whenTrue.Kind == DerivationKind.None && whenFalse.Kind == DerivationKind.None ? Derivation.None : Derivation.Unknown;
        }

        private Derivation ClassifyPropertyReference(IPropertyReferenceOperation property, int depth)
        {
            var instance = property.Instance is null ? null : ReadTracing.UnwrapInstance(property.Instance);
            if (instance is null)
            {
                return Derivation.None;
            }

            // int? x: x.Value
            if (property.Property.Name == "Value" && instance.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
            {
                return Classify(instance, depth + 1);
            }

            // A DTO a repository method returned: dto.Stock
            if (!property.Property.IsIndexer
                && instance.WalkDownConversions() is ILocalReferenceOperation dto
                && ClassifyHelperProperty(dto, property.Property, property, depth + 1) is { } fromHelper)
            {
                return fromHelper;
            }

            // The object persistence model: loaded.Count
            if (!property.Property.IsIndexer
                && instance.WalkDownConversions() is ILocalReferenceOperation local
                && ReadTracing.TryGetSource(local, _model, out var source)
                && source.Kind == ReadValueKind.Object)
            {
                return ClassifyProperty(source, local.Local, property.Property, property.GetRoot(), property.SourceStart(), local, depth + 1);
            }

            return Classify(instance, depth + 1).Kind == DerivationKind.None && !ReadTracing.TryGetSource(instance, _model, out _)
                ? Derivation.None
                : Derivation.Unknown;
        }

        /// <summary>
        /// A call (or <c>call.ConfigureAwait(...)</c>) to a source method that returns the number an attribute held
        /// (a repository's <c>GetStockAsync(id)</c>), as a read; null otherwise.
        /// </summary>
        private ItemRead? GetHelperNumber(IOperation operation)
        {
            return operation.WalkDownAwait() is IInvocationOperation call
                && _model.Summaries is { } summaries
                && summaries.Get(call).ReturnedNumber is { } number
                ? ItemRead.ForHelperNumber(call, number)
                : null;
        }

        private Derivation ClassifyInvocation(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;

            if (GetHelperNumber(invocation) is { } helperRead)
            {
                return Derivation.ForAttribute(new ReadSource(helperRead, ReadValueKind.ItemMap), helperRead.Helper!.Attribute, invocation, invocation);
            }

            // int.Parse(item["n"].N, ...), Convert.ToInt64(item["n"].N)
            if (ReadTracing.IsNumberParse(method) && invocation.Arguments.Length > 0)
            {
                var text = invocation.Arguments[0].Value;
                if (ReadTracing.TryGetNumberText(text, _model, out var source, out var attribute, out var access))
                {
                    return Derivation.ForAttribute(source, attribute, access, invocation);
                }
            }

            // doc["n"].AsInt()
            if (ReadTracing.IsNumericEntryAccessor(method.Name)
                && invocation.Arguments.Length == 0
                && invocation.Instance is { } entry
                && _model.IsDynamoDBEntry(method.ContainingType))
            {
                if (ReadTracing.TryGetAttribute(ReadTracing.UnwrapInstance(entry), _model, out var source, out var attribute, out var access)
                    && source.Kind == ReadValueKind.Document)
                {
                    return Derivation.ForAttribute(source, attribute, access, invocation);
                }
            }

            // n.GetValueOrDefault()
            if (method.Name == "GetValueOrDefault" && invocation.Arguments.Length == 0 && invocation.Instance is { } nullable
                && nullable.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
            {
                return Classify(nullable, depth + 1);
            }

            return AnyChildDerived(invocation, depth) ? Derivation.Unknown : Derivation.None;
        }

        private Derivation ClassifyBinary(IBinaryOperation binary, int depth)
        {
            var isArithmetic = binary.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract
                && binary.OperatorMethod is null
                && ReadTracing.IsNumericType(binary.Type);
            var left = Classify(binary.LeftOperand, depth + 1);
            var right = Classify(binary.RightOperand, depth + 1);
            if (left.Kind == DerivationKind.None && right.Kind == DerivationKind.None)
            {
                return Derivation.None;
            }

            if (!isArithmetic)
            {
                return Derivation.Unknown;
            }

            var subtract = binary.OperatorKind == BinaryOperatorKind.Subtract;
            if (left.CanTakeStep && right.Kind == DerivationKind.None)
            {
                return left.WithStep(new ArithmeticStep(binary, subtract, binary.RightOperand));
            }

            if (!subtract && right.CanTakeStep && left.Kind == DerivationKind.None)
            {
                return right.WithStep(new ArithmeticStep(binary, subtract: false, binary.LeftOperand));
            }

            return Derivation.Unknown;
        }

        /// <summary>
        /// The value of a local just before <paramref name="position"/>: its definitions before that point, in order
        /// (declaration, <c>=</c>, <c>+=</c> / <c>-=</c>, <c>++</c> / <c>--</c>). A local passed by <c>ref</c>/<c>out</c>,
        /// or changed in any other way, is not modelled.
        /// </summary>
        private Derivation ClassifyLocal(ILocalSymbol local, IOperation root, int position, int depth)
        {
            if (depth > MaxDepth || local.IsRef)
            {
                return Derivation.Unknown;
            }

            var state = Derivation.None;
            var defined = false;
            foreach (var operation in root.Descendants())
            {
                // Only what happens before the use defines the value (loops are not followed: a later assignment that
                // runs again before the use is not seen). x = x + 1: the right-hand side reads the value before the assignment.
                if (operation.SourceStart() >= position || (operation.Holds(position) && IsDefinitionOf(operation, local)))
                {
                    continue;
                }

                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        if (declarator.Initializer is { } initializer)
                        {
                            state = Classify(initializer.Value, depth + 1);
                            defined = true;
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        state = Classify(assignment.Value, depth + 1);
                        defined = true;
                        break;
                    case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } compound when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        state = ApplyCompound(state, compound, depth);
                        break;
                    case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target } increment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        state = state.CanTakeStep
                            ? state.WithStep(new ArithmeticStep(increment, increment.Kind == OperationKind.Decrement, null))
                            : state.Kind == DerivationKind.None ? Derivation.None : Derivation.Unknown;
                        break;
                    case IArgumentOperation { Value: ILocalReferenceOperation passed } argument
                        when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && SymbolEqualityComparer.Default.Equals(passed.Local, local):
                        if (!TryClassifyParsedInto(argument, out state))
                        {
                            return Derivation.Unknown;
                        }

                        defined = true;
                        break;
                    case IDeconstructionAssignmentOperation deconstruction:
                        // var (stock, version) = await repository.GetAsync(id); (stock, version) = (a, b);
                        var index = TupleIndexOf(deconstruction.Target, local);
                        if (index == NotInTuple)
                        {
                            break;
                        }

                        if (index == NestedInTuple)
                        {
                            return Derivation.Unknown;
                        }

                        state = ClassifyElement(deconstruction.Value, index, deconstruction.Value, depth + 1);
                        defined = true;
                        break;
                    case IDeclarationExpressionOperation { Parent: ITupleOperation or IDeconstructionAssignmentOperation }:
                        // (var stock, var version) = ...: the deconstruction above defined it.
                        break;
                    case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } declaration when SymbolEqualityComparer.Default.Equals(declared.Local, local):
                        // long.TryParse(item["n"].N, out var n) reads the attribute into n; any other out var is not followed.
                        if (declaration.Parent is not IArgumentOperation outArgument || !TryClassifyParsedInto(outArgument, out state))
                        {
                            return Derivation.Unknown;
                        }

                        defined = true;
                        break;
                }
            }

            return defined ? state : Derivation.None;
        }

        /// <summary>
        /// The number <c>long.TryParse(item["n"].N, out n)</c> leaves in <c>n</c>: the attribute read, as
        /// <c>long.Parse(item["n"].N)</c> would give it. False for any other out argument, or a text that is not an
        /// attribute read (then the local is not followed).
        /// </summary>
        private bool TryClassifyParsedInto(IArgumentOperation argument, out Derivation derivation)
        {
            derivation = Derivation.Unknown;
            if (!ReadTracing.IsNumberTryParseResult(argument, out var text)
                || !ReadTracing.TryGetNumberText(text, _model, out var source, out var attribute, out var access))
            {
                return false;
            }

            derivation = Derivation.ForAttribute(source, attribute, access, argument.Parent!);
            return true;
        }

        private const int NotInTuple = -1;

        private const int NestedInTuple = -2;

        /// <summary>
        /// Where <paramref name="local"/> sits in a deconstruction's target (<c>var (a, b)</c>, <c>(var a, var b)</c>,
        /// <c>(a, b)</c>): its element index, <see cref="NotInTuple"/>, or <see cref="NestedInTuple"/> for a tuple inside
        /// the tuple (not followed).
        /// </summary>
        private static int TupleIndexOf(IOperation target, ILocalSymbol local)
        {
            if (target is IDeclarationExpressionOperation declaration)
            {
                target = declaration.Expression;
            }

            if (target is not ITupleOperation tuple)
            {
                return NotInTuple;
            }

            for (var i = 0; i < tuple.Elements.Length; i++)
            {
                var element = tuple.Elements[i] is IDeclarationExpressionOperation declared ? declared.Expression : tuple.Elements[i];
                if (element is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return i;
                }

                if (element is ITupleOperation && TupleIndexOf(element, local) != NotInTuple)
                {
                    return NestedInTuple;
                }
            }

            return NotInTuple;
        }

        /// <summary>
        /// Element <paramref name="index"/> of a tuple value: of a tuple literal, that element; of a call (awaited or not)
        /// to a source method whose summary says the element holds a number an attribute held, a read of that attribute
        /// (<see cref="Flow.MethodSummary.ReturnedElements"/>).
        /// </summary>
        private Derivation ClassifyElement(IOperation value, int index, IOperation reference, int depth)
        {
            var current = value.WalkDownConversions();
            if (current is ITupleOperation literal)
            {
                return index < literal.Elements.Length ? Classify(literal.Elements[index], depth + 1) : Derivation.Unknown;
            }

            if (current.WalkDownAwait() is IInvocationOperation invocation
                && _model.Summaries is { } summaries
                && summaries.Get(invocation).GetReturnedElement(index) is { } number)
            {
                var read = ItemRead.ForHelperNumber(invocation, number);
                return Derivation.ForAttribute(new ReadSource(read, ReadValueKind.ItemMap), number.Attribute, reference, reference);
            }

            return Classify(current, depth + 1).Kind == DerivationKind.None ? Derivation.None : Derivation.Unknown;
        }

        /// <summary>
        /// <c>t.Stock</c> / <c>t.Item1</c> of a tuple: of a local assigned once and whose elements are never assigned, the
        /// element of its initializer; of any other tuple value (<c>(await repository.GetAsync(id)).Stock</c>), the element
        /// of that value.
        /// </summary>
        private Derivation ClassifyTupleField(IFieldReferenceOperation element, IOperation tuple, int depth)
        {
            var index = TupleElementIndex(element.Field);
            if (index < 0)
            {
                return Derivation.Unknown;
            }

            var instance = tuple.WalkDownConversions();
            if (instance is ILocalReferenceOperation local)
            {
                var root = local.GetRoot();
                if (ValueResolver.FindSingleInitializer(local.Local, root) is not { } initializer)
                {
                    return Derivation.Unknown;
                }

                return ElementIsChanged(local.Local, root) ? Derivation.Unknown : ClassifyElement(initializer, index, element, depth + 1);
            }

            return ClassifyElement(instance, index, element, depth + 1);
        }

        /// <summary>The position of a tuple element field (named or ItemN) in its tuple type; -1 when not found.</summary>
        private static int TupleElementIndex(IFieldSymbol field)
        {
            var tupleField = field.CorrespondingTupleField ?? field;
            var elements = field.ContainingType.TupleElements;
            for (var i = 0; i < elements.Length; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(elements[i].CorrespondingTupleField ?? elements[i], tupleField))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when an element of the tuple held in <paramref name="local"/> is assigned, changed or passed by reference.</summary>
        private static bool ElementIsChanged(ILocalSymbol local, IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is IFieldReferenceOperation { Instance: ILocalReferenceOperation instance } field
                    && SymbolEqualityComparer.Default.Equals(instance.Local, local)
                    && field.Parent switch
                    {
                        IAssignmentOperation assignment => assignment.Target == field,
                        IIncrementOrDecrementOperation => true,
                        IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
                        ITupleOperation => true,
                        _ => false,
                    })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDefinitionOf(IOperation operation, ILocalSymbol local)
        {
            return operation switch
            {
                IDeconstructionAssignmentOperation deconstruction => TupleIndexOf(deconstruction.Target, local) != NotInTuple,
                IAssignmentOperation { Target: ILocalReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Local, local),
                IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Local, local),
                _ => false,
            };
        }

        private Derivation ApplyCompound(Derivation state, ICompoundAssignmentOperation compound, int depth)
        {
            var delta = Classify(compound.Value, depth + 1);
            if (compound.OperatorKind is not (BinaryOperatorKind.Add or BinaryOperatorKind.Subtract) || compound.OperatorMethod is not null)
            {
                return state.Kind == DerivationKind.None && delta.Kind == DerivationKind.None ? Derivation.None : Derivation.Unknown;
            }

            if (state.CanTakeStep && delta.Kind == DerivationKind.None)
            {
                return state.WithStep(new ArithmeticStep(compound, compound.OperatorKind == BinaryOperatorKind.Subtract, compound.Value));
            }

            return state.Kind == DerivationKind.None && delta.Kind == DerivationKind.None ? Derivation.None : Derivation.Unknown;
        }

        private Derivation ClassifyProperty(ReadSource source, ILocalSymbol local, IPropertySymbol property, IOperation root, int position, IOperation instance, int depth)
        {
            if (depth > MaxDepth || source.Read.ItemType is not INamedTypeSymbol itemType)
            {
                return Derivation.Unknown;
            }

            return ApplyPropertyChanges(Derivation.ForProperty(source, _model.GetStoredName(property, itemType), property, instance), local, property, root, position, depth);
        }

        /// <summary>
        /// A DTO property a repository method filled from a read (<c>new StockDto { Stock = int.Parse(item["stock"].N) }</c>,
        /// see <see cref="Flow.MethodSummary.ReturnedProperties"/>), read from the local that holds the DTO, as a read of
        /// that attribute; null when the property was not filled that way.
        /// </summary>
        private Derivation? ClassifyHelperProperty(ILocalReferenceOperation local, IPropertySymbol property, IOperation reference, int depth)
        {
            if (_model.Summaries is not { } summaries
                || ValueResolver.FindSingleInitializer(local.Local, local.GetRoot()) is not { } initializer)
            {
                return null;
            }

            if (initializer.WalkDownAwait() is not IInvocationOperation call
                || !summaries.Get(call).ReturnedProperties.TryGetValue(property.OriginalDefinition, out var number))
            {
                return null;
            }

            var read = new ReadSource(ItemRead.ForHelperNumber(call, number), ReadValueKind.ItemMap);
            return ApplyPropertyChanges(Derivation.ForAttribute(read, number.Attribute, reference, reference), local.Local, property, reference.GetRoot(), reference.SourceStart(), depth);
        }

        private Derivation ApplyPropertyChanges(Derivation state, ILocalSymbol local, IPropertySymbol property, IOperation root, int position, int depth)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation.SourceStart() >= position || (operation.Holds(position) && IsPropertyDefinition(operation, local, property)))
                {
                    continue;
                }

                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when IsPropertyOf(target, local, property):
                        state = Classify(assignment.Value, depth + 1);
                        break;
                    case ICompoundAssignmentOperation { Target: IPropertyReferenceOperation target } compound when IsPropertyOf(target, local, property):
                        state = ApplyCompound(state, compound, depth);
                        break;
                    case IIncrementOrDecrementOperation { Target: IPropertyReferenceOperation target } increment when IsPropertyOf(target, local, property):
                        state = state.CanTakeStep
                            ? state.WithStep(new ArithmeticStep(increment, increment.Kind == OperationKind.Decrement, null))
                            : state.Kind == DerivationKind.None ? Derivation.None : Derivation.Unknown;
                        break;
                }
            }

            return state;
        }

        private static bool IsPropertyDefinition(IOperation operation, ILocalSymbol local, IPropertySymbol property)
        {
            return operation switch
            {
                IAssignmentOperation { Target: IPropertyReferenceOperation target } => IsPropertyOf(target, local, property),
                IIncrementOrDecrementOperation { Target: IPropertyReferenceOperation target } => IsPropertyOf(target, local, property),
                _ => false,
            };
        }

        /// <summary>True for <c>local.Property</c>.</summary>
        public static bool IsPropertyOf(IPropertyReferenceOperation reference, ILocalSymbol local, IPropertySymbol property)
            => SymbolEqualityComparer.Default.Equals(reference.Property, property)
                && reference.Instance?.WalkDownConversions() is ILocalReferenceOperation instance
                && SymbolEqualityComparer.Default.Equals(instance.Local, local);

        private bool AnyChildDerived(IOperation operation, int depth)
        {
            foreach (var child in operation.ChildOperations)
            {
                if (child is IArgumentOperation argument)
                {
                    if (Classify(argument.Value, depth + 1).Kind != DerivationKind.None)
                    {
                        return true;
                    }
                }
                else if (child is IConditionalAccessInstanceOperation or IInstanceReferenceOperation)
                {
                    continue;
                }
                else if (Classify(child, depth + 1).Kind != DerivationKind.None)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The operations that make up a derivation, for rules that need to know which locals carry it.</summary>
        public static IEnumerable<IOperation> GetOperations(Derivation derivation)
        {
            if (derivation.ReadNumber is { } readNumber)
            {
                yield return readNumber;
            }

            foreach (var step in derivation.Steps)
            {
                yield return step.Operation;
            }
        }
    }
}
