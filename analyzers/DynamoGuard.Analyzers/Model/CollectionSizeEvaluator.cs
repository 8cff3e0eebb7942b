using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>What a call on a collection (or on a batch/transaction builder) does to its number of elements.</summary>
    internal enum CollectionChange
    {
        /// <summary>Reads it, or changes it without changing the count (Contains, Count, Sort, ExecuteAsync).</summary>
        None,

        /// <summary>Adds one element (Add, Insert, AddSaveItem, AddDocumentToPut).</summary>
        AddsOne,

        /// <summary>Adds every element of its argument, which already holds batch elements (AddRange).</summary>
        AddsElements,

        /// <summary>Adds one batch element per element of its argument (AddSaveItems(items), AddKeys(keys)).</summary>
        AddsOnePerSource,

        /// <summary>Adds the actions of its argument, a transaction part (AddTransactionPart of a multi-table transaction).</summary>
        AddsPart,

        /// <summary>
        /// Makes it a part of a multi-table transaction (<c>part.Combine(other)</c>, an argument of
        /// <c>CreateMultiTableTransactWrite</c> or <c>AddTransactionPart</c>): its own count does not change, but it is no
        /// longer the only thing a transaction sends.
        /// </summary>
        BecomesPart,

        /// <summary>Changes it in a way that is not modelled (Remove, Clear): its size is no longer known.</summary>
        Unknown,
    }

    /// <summary>
    /// Computes the <see cref="CollectionSize"/> of a collection that a method builds and sends in one call (the
    /// <em>anchor</em>): collection initializers and expressions, arrays, a number of Add calls (times the trip count of
    /// the loops around them), LINQ pipelines, and the patterns that bound an input: <c>Chunk(n)</c> (the
    /// <c>foreach</c> variable or lambda parameter over it), <c>Take(n)</c>, <c>GetRange(i, Math.Min(n, …))</c>,
    /// <c>Skip(i).Take(n)</c> paging, and guards on the count (<c>if (x.Count &gt; 25) throw …;</c>,
    /// <c>ArgumentOutOfRangeException.ThrowIfGreaterThan(x.Count, 25)</c>) that precede the anchor. Numbers go through
    /// <see cref="ValueResolver"/> (constants, <c>const</c> fields, once-assigned locals).
    /// </summary>
    /// <remarks>
    /// Only the anchor's method is inspected. An evaluator is cheap to create and is used for one anchor; it never throws
    /// and gives up (unknown size) beyond a small recursion depth.
    /// </remarks>
    internal sealed class CollectionSizeEvaluator
    {
        private const int MaxDepth = 16;

        private readonly DynamoDbModel _model;
        private readonly IOperation _anchor;
        private readonly IOperation _root;
        private readonly Flow.ParameterBinding? _binding;
        private int _depth;

        public CollectionSizeEvaluator(DynamoDbModel model, IOperation anchor)
            : this(model, anchor, null)
        {
        }

        /// <param name="binding">
        /// What the parameters of the anchor's method stand for (the arguments of one call site, unknown, or a probe), or
        /// null for the method on its own (a parameter is an input of unknown size).
        /// </param>
        public CollectionSizeEvaluator(DynamoDbModel model, IOperation anchor, Flow.ParameterBinding? binding)
        {
            _model = model;
            _anchor = anchor;
            _root = anchor.GetRoot();
            _binding = binding;
        }

        /// <summary>The size of the collection <paramref name="value"/> at the anchor.</summary>
        public CollectionSize Evaluate(IOperation? value, SizeMode mode)
        {
            if (value is null || _depth >= MaxDepth)
            {
                return CollectionSize.Unknown;
            }

            _depth++;
            try
            {
                return EvaluateCore(value, mode);
            }
            finally
            {
                _depth--;
            }
        }

        /// <summary>
        /// How many times <paramref name="operation"/> runs each time the code that declares <paramref name="scope"/>
        /// runs once: the trip counts of the loops between them, optional under conditions, unknown inside lambdas.
        /// </summary>
        public CollectionSize Multiplicity(IOperation operation, SyntaxNode scope)
        {
            var result = CollectionSize.Exact(1);
            var child = operation;
            for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
            {
                if (current.Syntax.Span.Contains(scope.Span))
                {
                    break;
                }

                switch (current)
                {
                    case ILoopOperation loop when child == loop.Body:
                        result = result.Times(TripCount(loop));
                        break;
                    case IConditionalOperation conditional when child != conditional.Condition:
                    case ISwitchCaseOperation:
                    case ISwitchExpressionArmOperation:
                    case ICatchClauseOperation:
                    case IConditionalAccessOperation access when child == access.WhenNotNull:
                    case ICoalesceOperation coalesce when child == coalesce.WhenNull:
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary when child == binary.RightOperand:
                        result = result.Optional();
                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return CollectionSize.Unknown;
                }
            }

            return result;
        }

        /// <summary>
        /// For a local built up in the method (a list, a transaction builder), the argument of its only addition when
        /// that addition adds a whole collection (<c>AddRange(x)</c>, <c>AddSaveItems(x)</c>) and nothing else adds to it.
        /// </summary>
        public IArgumentOperation? FindSingleRangeAddition(ILocalSymbol local)
        {
            IArgumentOperation? found = null;
            foreach (var operation in _root.Descendants())
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                var change = ClassifyUse(reference, out var invocation, out var argument);
                switch (change)
                {
                    case CollectionChange.None:
                        break;
                    case CollectionChange.AddsElements or CollectionChange.AddsOnePerSource when found is null && argument is not null && invocation is not null:
                        found = argument;
                        break;
                    default:
                        return null;
                }
            }

            return found;
        }

        private CollectionSize EvaluateCore(IOperation value, SizeMode mode)
        {
            if (value.Syntax is CollectionExpressionSyntax collectionExpression)
            {
                // C# 12 collection expression. Roslyn 4.8 (our oldest host) has no ICollectionExpressionOperation, so its
                // elements are read from syntax; spreads are evaluated through the semantic model.
                return EvaluateCollectionExpression(collectionExpression, value, mode);
            }

            value = value.WalkDownConversions();
            switch (value)
            {
                case IArrayCreationOperation array:
                    if (array.Initializer is { } arrayInitializer)
                    {
                        return CollectionSize.Exact(arrayInitializer.ElementValues.Length);
                    }

                    return array.DimensionSizes.Length == 1 && ValueResolver.TryGetInt64(array.DimensionSizes[0], out var length)
                        ? CollectionSize.Exact(length)
                        : CollectionSize.Unknown;

                case IObjectCreationOperation creation:
                    return EvaluateCreation(creation, mode);

                case ILocalReferenceOperation local:
                    return ApplyGuards(local.Local, EvaluateLocal(local, mode), value);

                case IParameterReferenceOperation parameter:
                    return ApplyGuards(parameter.Parameter, EvaluateParameter(parameter, mode), value);

                case IFieldReferenceOperation field:
                    // A field whose count the type checks somewhere (a buffer flushed at 99 by its Add method) is governed by
                    // code outside this method: its size is not known here.
                    return ApplyGuards(field.Field, ReadOnlyArrayFieldSize(field.Field) ?? (IsCountCheckedInType(field.Field) ? CollectionSize.Unknown : Input(value, mode)), value);

                case IInvocationOperation invocation:
                    return EvaluateInvocation(invocation, mode);

                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when conditional.Type is not null:
                    return Evaluate(conditional.WhenTrue, mode).Union(Evaluate(whenFalse, mode));

                case IPropertyReferenceOperation:
                case IAwaitOperation:
                    return Input(value, mode);

                default:
                    return CollectionSize.Unknown;
            }
        }

        /// <summary>
        /// The actions of a multi-table transaction: the sum of its parts' (each as it stands at the anchor, so additions to
        /// a part after it was combined count too, as the SDK holds the part itself). Unknown when the parts are not all
        /// listed; a part that comes from outside the method (a parameter, a field) is unknown, so the sum has no upper bound,
        /// but a part that grows with an input still makes it unbounded.
        /// </summary>
        private CollectionSize EvaluateParts(List<IOperation>? parts)
        {
            if (parts is null)
            {
                return CollectionSize.Unknown;
            }

            var size = CollectionSize.Exact(0);
            foreach (var part in parts)
            {
                size = size.Plus(Evaluate(part, SizeMode.Elements));
            }

            return size;
        }

        /// <summary>
        /// A readonly array field initialized with its elements (<c>static readonly string[] Tables = { "A", "B" };</c>)
        /// always has that many: its length cannot change. Read from syntax, so it works across files without a semantic model.
        /// </summary>
        private static CollectionSize? ReadOnlyArrayFieldSize(IFieldSymbol field)
        {
            if (!field.IsReadOnly || field.Type is not IArrayTypeSymbol { Rank: 1 } || field.DeclaringSyntaxReferences.Length != 1
                || field.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: var initializer })
            {
                return null;
            }

            var elements = initializer switch
            {
                ArrayCreationExpressionSyntax { Initializer: { } arrayInitializer } => arrayInitializer.Expressions.Count,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.Count,
                InitializerExpressionSyntax bare => bare.Expressions.Count,
                CollectionExpressionSyntax collection when !collection.Elements.Any(e => e is SpreadElementSyntax) => collection.Elements.Count,
                _ => -1,
            };
            return elements >= 0 ? CollectionSize.Exact(elements) : null;
        }

        /// <summary>
        /// True when a declaration of the field's type compares the field's <c>Count</c>, <c>Length</c> or <c>Count()</c>
        /// (<c>if (this.operations.Count == MaxOperations) Flush();</c>). Read from syntax.
        /// </summary>
        private static bool IsCountCheckedInType(IFieldSymbol field)
        {
            if (field.ContainingType is not { } type)
            {
                return false;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (node is BinaryExpressionSyntax binary
                        && binary.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression or SyntaxKind.LessThanExpression
                            or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression
                        && (IsCountOf(binary.Left, field.Name) || IsCountOf(binary.Right, field.Name)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsCountOf(ExpressionSyntax expression, string field)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            if (expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: var called })
            {
                expression = called;
            }

            return expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" or "Length" or "LongCount", Expression: var owner }
                && owner switch
                {
                    IdentifierNameSyntax name => name.Identifier.ValueText == field,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: var name } => name == field,
                    _ => false,
                };
        }

        private static CollectionSize Input(IOperation value, SizeMode mode)
            => mode == SizeMode.Sources ? CollectionSize.Unbounded(value) : CollectionSize.Unknown;

        private CollectionSize EvaluateCollectionExpression(CollectionExpressionSyntax syntax, IOperation value, SizeMode mode)
        {
            var size = CollectionSize.Exact(0);
            foreach (var element in syntax.Elements)
            {
                if (element is SpreadElementSyntax spread)
                {
                    var spreadOperation = value.SemanticModel?.GetOperation(spread.Expression);
                    size = size.Plus(Evaluate(spreadOperation, mode));
                }
                else
                {
                    size = size.Plus(CollectionSize.Exact(1));
                }
            }

            return size;
        }

        private CollectionSize EvaluateCreation(IObjectCreationOperation creation, SizeMode mode)
        {
            if (_model.IsTransactionCombination(creation, out var parts))
            {
                return EvaluateParts(parts);
            }

            var size = CollectionSize.Exact(0);
            foreach (var argument in creation.Arguments)
            {
                // new List<T>(other) copies; new List<T>(capacity) starts empty.
                if (IsEnumerable(argument.Parameter?.Type))
                {
                    size = size.Plus(Evaluate(argument.Value, mode));
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var element in initializer.Initializers)
                {
                    // Collection initializer elements bind to Add calls, dictionary initializers to indexers;
                    // member initializers (X = …) add nothing.
                    if (element is IInvocationOperation or ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } })
                    {
                        size = size.Plus(CollectionSize.Exact(1));
                    }
                }
            }

            return size.Plus(MemberPathAdditions(creation));
        }

        /// <summary>
        /// For a collection created as a member of an object a local holds (<c>new KeysAndAttributes { Keys = new() }</c>,
        /// <c>RequestItems = new() { ["Tracks"] = new() }</c>), what the method adds to it through that member path before
        /// the anchor (<c>kaa.Keys.Add(key)</c>, <c>request.RequestItems["Tracks"].Add(put)</c>). Exact(0) when it is not
        /// such a collection; unknown when the path is used in a way that may change it and is not modelled.
        /// </summary>
        private CollectionSize MemberPathAdditions(IObjectCreationOperation creation)
        {
            var steps = new List<object>();
            IOperation current = creation;
            ILocalSymbol? local = null;
            for (var hop = 0; hop < 4 && local is null; hop++)
            {
                var parent = current.Parent;
                while (parent is IConversionOperation)
                {
                    current = parent;
                    parent = parent.Parent;
                }

                if (parent is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment || assignment.Value != current
                    || PathStep(target) is not { } step)
                {
                    return CollectionSize.Exact(0);
                }

                steps.Insert(0, step);
                switch (target.Instance?.WalkDownConversions())
                {
                    case ILocalReferenceOperation reference:
                        local = reference.Local;
                        break;
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                        // In an object initializer: continue from the object being initialized.
                        var owner = assignment.Parent;
                        while (owner is not null and not IObjectCreationOperation)
                        {
                            owner = owner.Parent;
                        }

                        if (owner is null)
                        {
                            return CollectionSize.Exact(0);
                        }

                        current = owner;
                        var up = current.Parent;
                        while (up is IConversionOperation)
                        {
                            up = up.Parent;
                        }

                        if (up is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                        {
                            local = declarator.Symbol;
                        }

                        break;
                    default:
                        return CollectionSize.Exact(0);
                }
            }

            if (local is null || local.DeclaringSyntaxReferences.Length == 0)
            {
                return CollectionSize.Exact(0);
            }

            var declaration = local.DeclaringSyntaxReferences[0].GetSyntax();
            var size = CollectionSize.Exact(0);
            foreach (var operation in _root.Descendants())
            {
                if (operation is not IPropertyReferenceOperation path || operation.SourceStart() < creation.Syntax.FullSpan.End || !IsPath(path, local, steps))
                {
                    continue;
                }

                switch (path.Parent)
                {
                    case IInvocationOperation call when call.Instance == path:
                        IArgumentOperation? argument = null;
                        var change = ClassifyCall(call, ref argument);
                        if (change is CollectionChange.None or CollectionChange.BecomesPart)
                        {
                            break;
                        }

                        if (change == CollectionChange.Unknown)
                        {
                            return CollectionSize.Unknown;
                        }

                        if (!CanRunBeforeAnchor(call, declaration))
                        {
                            break;
                        }

                        var added = change switch
                        {
                            CollectionChange.AddsOne => CollectionSize.Exact(1),
                            CollectionChange.AddsElements or CollectionChange.AddsPart => Evaluate(argument?.Value, SizeMode.Elements),
                            _ => Evaluate(argument?.Value, SizeMode.Sources),
                        };
                        size = size.Plus(added.Times(Multiplicity(call, declaration)));
                        break;
                    case IPropertyReferenceOperation:
                    case IBinaryOperation:
                    case IForEachLoopOperation:
                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Target == path:
                        break;
                    case IArgumentOperation { Parent: IInvocationOperation call } when IsEnumerableMethod(call.TargetMethod) || IsSdkMember(call.TargetMethod):
                        break;
                    default:
                        return CollectionSize.Unknown;
                }
            }

            return size;
        }

        /// <summary>A property name, or an indexer with a constant string key; null for anything else.</summary>
        private static object? PathStep(IPropertyReferenceOperation property)
        {
            if (!property.Property.IsIndexer)
            {
                return property.Property.Name;
            }

            return property.Arguments.Length == 1 && ValueResolver.TryGetString(property.Arguments[0].Value, out var key) ? new IndexStep(key) : null;
        }

        /// <summary>True when <paramref name="operation"/> is local.step1.step2… (e.g. request.RequestItems["Tracks"]).</summary>
        private static bool IsPath(IPropertyReferenceOperation operation, ILocalSymbol local, List<object> steps)
        {
            IOperation? current = operation;
            for (var i = steps.Count - 1; i >= 0; i--)
            {
                if (current is not IPropertyReferenceOperation property || PathStep(property) is not { } step || !step.Equals(steps[i]))
                {
                    return false;
                }

                current = property.Instance?.WalkDownConversions();
            }

            return current is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
        }

        private sealed class IndexStep
        {
            public IndexStep(string key) => Key = key;

            public string Key { get; }

            public override bool Equals(object? obj) => obj is IndexStep other && other.Key == Key;

            public override int GetHashCode() => Key.GetHashCode();
        }

        private CollectionSize EvaluateInvocation(IInvocationOperation invocation, SizeMode mode)
        {
            var method = invocation.TargetMethod;
            if (_model.IsTransactionFactory(method))
            {
                return CollectionSize.Exact(0);
            }

            if (_model.IsTransactionCombination(invocation, out var parts))
            {
                return EvaluateParts(parts);
            }

            if (IsEnumerableMethod(method))
            {
                return EvaluateLinq(invocation, mode);
            }

            if (method.Name == "GetRange" && invocation.Instance is not null && invocation.Arguments.Length == 2)
            {
                return CountBound(invocation.Arguments[1].Value) is { } count
                    ? CollectionSize.AtMost(count, invocation)
                    : CollectionSize.Unknown;
            }

            if (method.Name == "ConvertAll" && invocation.Instance is { } converted && invocation.Arguments.Length == 1)
            {
                // List<T>.ConvertAll: one result per element, like Select.
                return Evaluate(converted, SizeMode.Sources);
            }

            if (ReturnedBySourceMethod(invocation, mode) is { } returned)
            {
                return returned;
            }

            return Input(invocation, mode);
        }

        /// <summary>
        /// For a call of a source method (its one implementation), the size of what it returns, with its parameters bound
        /// to this call's arguments: every <c>return</c> of its body, not of nested functions. Null when it is not such a
        /// method, is an iterator, is too deep, or what it returns is unknown.
        /// </summary>
        private CollectionSize? ReturnedBySourceMethod(IInvocationOperation invocation, SizeMode mode)
        {
            var target = invocation.TargetMethod;
            if (target.DeclaringSyntaxReferences.Length == 0 || target.ReturnsVoid || (_binding?.Depth ?? 0) >= Flow.CallSiteIndex.MaxCallDepth)
            {
                return null;
            }

            var index = _model.CallerBounds.Index;
            if (index.ResolveTarget(target, default) is not { } callee || index.GetBody(callee, default) is not { } body)
            {
                return null;
            }

            var binding = Flow.ParameterBinding.CallSite(_model, callee, invocation, _binding);
            CollectionSize? size = null;
            foreach (var operation in body.Descendants())
            {
                if (operation is not IReturnOperation returned || returned.IsInNestedFunction(body))
                {
                    continue;
                }

                if (returned.Kind != OperationKind.Return || returned.ReturnedValue is null)
                {
                    return null;
                }

                var value = new CollectionSizeEvaluator(_model, returned, binding).Evaluate(returned.ReturnedValue, mode);
                if (value.Max is null && !value.IsUnbounded)
                {
                    return null;
                }

                size = size is { } known ? known.Union(value) : value;
            }

            return size;
        }

        private CollectionSize EvaluateLinq(IInvocationOperation invocation, SizeMode mode)
        {
            var arguments = invocation.Arguments;
            if (arguments.Length == 0)
            {
                return CollectionSize.Unknown;
            }

            var source = arguments[0].Value;
            switch (invocation.TargetMethod.Name)
            {
                case "Select" when arguments.Length == 2:
                    // One result per element: the source's elements are what the batch is made of.
                    return Evaluate(source, SizeMode.Sources);

                case "ToList" or "ToArray" or "AsEnumerable" or "Cast" or "Reverse"
                    or "Order" or "OrderBy" or "OrderByDescending" or "OrderDescending" or "ThenBy" or "ThenByDescending":
                    return Evaluate(source, mode);

                case "Where" or "Distinct" or "DistinctBy" or "OfType" or "Skip" or "SkipLast" or "SkipWhile" or "TakeWhile"
                    or "Except" or "ExceptBy" or "Intersect" or "IntersectBy" or "ToHashSet":
                    return Evaluate(source, mode).Optional();

                case "Take" when arguments.Length == 2:
                    return CountBound(arguments[1].Value) is { } count
                        ? Evaluate(source, mode).LimitTo(count, invocation)
                        : CollectionSize.Unknown;

                case "Concat" when arguments.Length == 2:
                    return Evaluate(source, mode).Plus(Evaluate(arguments[1].Value, mode));

                case "Append" or "Prepend" when arguments.Length == 2:
                    return Evaluate(source, mode).Plus(CollectionSize.Exact(1));

                case "Range" or "Repeat" when arguments.Length == 2:
                    return ValueResolver.TryGetInt64(arguments[1].Value, out var repeat)
                        ? CollectionSize.Exact(repeat)
                        : Input(invocation, mode);

                default:
                    // SelectMany, GroupBy, Chunk, Zip…: the element count is not a simple function of the source.
                    return CollectionSize.Unknown;
            }
        }

        private CollectionSize EvaluateParameter(IParameterReferenceOperation reference, SizeMode mode)
        {
            var parameter = reference.Parameter;
            if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                // tracks.Chunk(25).Select(chunk => …), Parallel.ForEachAsync(tracks.Chunk(25), async (chunk, ct) => …)
                return ChunkOfLambdaParameter(reference, parameter) ?? CollectionSize.Unknown;
            }

            if (_binding?.TryBind(reference, mode) is { } bound)
            {
                return bound;
            }

            return Input(reference, mode);
        }

        private CollectionSize? ChunkOfLambdaParameter(IOperation reference, IParameterSymbol parameter)
        {
            if (parameter.Ordinal != 0)
            {
                return null;
            }

            IOperation? lambda = reference.Parent;
            while (lambda is not null && !(lambda is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, parameter.ContainingSymbol)))
            {
                lambda = lambda.Parent;
            }

            var use = lambda?.Parent;
            while (use is IDelegateCreationOperation or IConversionOperation)
            {
                use = use.Parent;
            }

            if (use is not IArgumentOperation { Parent: IInvocationOperation call } lambdaArgument)
            {
                return null;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument != lambdaArgument && ChunkSize(argument.Value) is { } size)
                {
                    return CollectionSize.AtMost(size, argument.Value);
                }
            }

            return null;
        }

        private CollectionSize EvaluateLocal(ILocalReferenceOperation reference, SizeMode mode)
        {
            var local = reference.Local;
            if (FindForEachDeclaring(reference, local) is { } loop)
            {
                // foreach (var chunk in tracks.Chunk(25)): each chunk has at most 25 elements.
                return ChunkSize(loop.Collection) is { } size ? CollectionSize.AtMost(size, loop.Collection) : CollectionSize.Unknown;
            }

            var initializer = ValueResolver.FindSingleInitializer(local, _root);
            if (initializer is null)
            {
                return CollectionSize.Unknown;
            }

            var declaration = initializer.Parent?.Parent?.Syntax ?? initializer.Syntax;
            return AddChanges(local, declaration, Evaluate(initializer, mode));
        }

        /// <summary>Adds what the method adds to the local (Add calls, AddRange, AddSaveItems…) before the anchor.</summary>
        private CollectionSize AddChanges(ILocalSymbol local, SyntaxNode declaration, CollectionSize size)
        {
            foreach (var operation in _root.Descendants())
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                var change = ClassifyUse(reference, out var invocation, out var argument);
                if (change is CollectionChange.None or CollectionChange.BecomesPart)
                {
                    continue;
                }

                if (change == CollectionChange.Unknown || invocation is null)
                {
                    return CollectionSize.Unknown;
                }

                if (!CanRunBeforeAnchor(invocation, declaration))
                {
                    continue;
                }

                var added = change switch
                {
                    CollectionChange.AddsOne => CollectionSize.Exact(1),
                    CollectionChange.AddsElements or CollectionChange.AddsPart => Evaluate(argument?.Value, SizeMode.Elements),
                    _ => Evaluate(argument?.Value, SizeMode.Sources),
                };
                size = size.Plus(added.Times(Multiplicity(invocation, declaration)));
            }

            return size;
        }

        /// <summary>What one use of a local does to its element count; for additions, the call and its collection argument.</summary>
        private CollectionChange ClassifyUse(ILocalReferenceOperation reference, out IInvocationOperation? invocation, out IArgumentOperation? argument)
        {
            invocation = null;
            argument = null;
            IOperation use = reference;
            while (use.Parent is IConversionOperation conversion)
            {
                use = conversion;
            }

            switch (use.Parent)
            {
                case IVariableDeclaratorOperation:
                case IVariableInitializerOperation:
                case IForEachLoopOperation:
                case IReturnOperation:
                case IBinaryOperation:
                case IIsPatternOperation:
                case IIsTypeOperation:
                case IAwaitOperation:
                    return CollectionChange.None;

                case IPropertyReferenceOperation property when property.Instance == use:
                    // Count, an indexer (get, or set which replaces an element), another property.
                    return CollectionChange.None;

                case ISimpleAssignmentOperation assignment when assignment.Value == use:
                    // Stored in a request property or another variable.
                    return CollectionChange.None;

                case ISimpleAssignmentOperation assignment when assignment.Target == use:
                    return CollectionChange.None;

                case IInvocationOperation call when call.Instance == use:
                    invocation = call;
                    return ClassifyCall(call, ref argument);

                case IArgumentOperation { Parent: IInvocationOperation call } when IsCombinationArgument(call):
                    // a.Combine(b), multiTable.AddTransactionPart(b): b is a part of a multi-table transaction.
                    return CollectionChange.BecomesPart;

                case IArrayInitializerOperation { Parent: IArrayCreationOperation { Parent: IArgumentOperation { Parent: { } call } } } when IsCombinationArgument(call):
                    // context.CreateMultiTableTransactWrite(a, b), a.Combine(b, c), context.ExecuteTransactWriteAsync(new[] { a, b })
                    return CollectionChange.BecomesPart;

                case IArgumentOperation { Parent: IInvocationOperation call } when call == _anchor:
                    // Handed to the call being sized (a helper whose parameter is bound to this argument).
                    return CollectionChange.None;

                case IArgumentOperation { Parent: IInvocationOperation call }:
                    // list.Count(), list.Chunk(25), handed to the SDK, stored in another collection.
                    return IsEnumerableMethod(call.TargetMethod) || IsSdkMember(call.TargetMethod) || call.TargetMethod.Name is "Add" or "TryAdd" or "Insert"
                        ? CollectionChange.None
                        : CollectionChange.Unknown;

                case IArgumentOperation { Parent: IObjectCreationOperation creation } when IsCombinationArgument(creation):
                    // new MultiTableDocumentTransactWrite(a)
                    return CollectionChange.BecomesPart;

                case IArgumentOperation { Parent: IObjectCreationOperation creation } passed:
                    return IsEnumerable(passed.Parameter?.Type) || (creation.Constructor is { } constructor && IsSdkMember(constructor))
                        ? CollectionChange.None
                        : CollectionChange.Unknown;

                default:
                    // A spread ([.. list]) only reads; anything else may change the collection.
                    return use.Parent?.Syntax is SpreadElementSyntax ? CollectionChange.None : CollectionChange.Unknown;
            }
        }

        private CollectionChange ClassifyCall(IInvocationOperation call, ref IArgumentOperation? argument)
        {
            var method = call.TargetMethod;
            var change = _model.ClassifyBatchBuilderCall(method);
            if (change is null)
            {
                switch (method.Name)
                {
                    case "Add" or "Insert" or "Push" or "Enqueue" or "TryAdd":
                        change = CollectionChange.AddsOne;
                        break;
                    case "AddRange" or "InsertRange" or "UnionWith":
                        change = CollectionChange.AddsElements;
                        break;
                    case "Contains" or "ContainsKey" or "ContainsValue" or "TryGetValue" or "IndexOf" or "LastIndexOf"
                        or "Find" or "FindAll" or "FindIndex" or "FindLast" or "FindLastIndex" or "Exists" or "TrueForAll"
                        or "ToArray" or "GetRange" or "CopyTo" or "GetEnumerator" or "ToString" or "Equals" or "GetHashCode"
                        or "BinarySearch" or "ConvertAll" or "AsReadOnly" or "Peek" or "ForEach" or "Sort" or "Reverse"
                        or "EnsureCapacity" or "TrimExcess":
                        change = CollectionChange.None;
                        break;
                    default:
                        change = CollectionChange.Unknown;
                        break;
                }
            }

            if (change is CollectionChange.AddsElements or CollectionChange.AddsOnePerSource)
            {
                argument = FindCollectionArgument(call);
                if (argument is null)
                {
                    return CollectionChange.Unknown;
                }
            }
            else if (change == CollectionChange.AddsPart)
            {
                // AddTransactionPart(part)
                if (call.Arguments.Length != 1)
                {
                    return CollectionChange.Unknown;
                }

                argument = call.Arguments[0];
            }

            return change.Value;
        }

        /// <summary>True when the arguments of <paramref name="call"/> are transaction parts it combines (Combine, CreateMultiTableTransactWrite, AddTransactionPart…).</summary>
        private bool IsCombinationArgument(IOperation call)
            => _model.IsTransactionCombination(call, out _)
                || (call is IInvocationOperation { TargetMethod: var method } && _model.ClassifyBatchBuilderCall(method) == CollectionChange.AddsPart);

        private static IArgumentOperation? FindCollectionArgument(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (IsEnumerable(argument.Parameter?.Type))
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>
        /// True when <paramref name="operation"/> can run before the anchor: it comes first in the source, or a loop
        /// that holds both it and the anchor (but not the collection's declaration) brings it round again.
        /// </summary>
        public bool CanRunBeforeAnchor(IOperation operation, SyntaxNode declaration)
        {
            if (operation.SourceStart() < _anchor.SourceStart())
            {
                return true;
            }

            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current.Syntax.FullSpan.Contains(declaration.FullSpan))
                {
                    return false;
                }

                if (current is ILoopOperation && current.Syntax.FullSpan.Contains(_anchor.Syntax.FullSpan))
                {
                    return true;
                }
            }

            return false;
        }

        private CollectionSize TripCount(ILoopOperation loop)
        {
            var trips = loop switch
            {
                IForEachLoopOperation forEach => Evaluate(forEach.Collection, SizeMode.Sources),
                IForLoopOperation forLoop => ForTripCount(forLoop),
                _ => CollectionSize.Unknown,
            };

            if (ExitsEarly(loop))
            {
                // A break or return may be what keeps the count down (if (batch.Count == 25) break;).
                trips = trips.Max is null ? CollectionSize.Unknown : trips.Optional();
            }

            return trips;
        }

        /// <summary>for (var i = a; i &lt; b; i++) with constant bounds, or i &lt; x.Count / x.Length from zero.</summary>
        private CollectionSize ForTripCount(IForLoopOperation loop)
        {
            if (loop.Before.Length != 1
                || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
                || group.Declarations[0].Declarators.Length != 1
                || group.Declarations[0].Declarators[0] is not { Initializer: { } initializer } declarator
                || !ValueResolver.TryGetInt64(initializer.Value, out var start)
                || !IsIncrementByOne(loop, declarator.Symbol)
                || IsAssignedInBody(loop, declarator.Symbol)
                || loop.Condition?.WalkDownConversions() is not IBinaryOperation condition)
            {
                return CollectionSize.Unknown;
            }

            IOperation bound;
            bool inclusive;
            if (IsReferenceTo(condition.LeftOperand, declarator.Symbol) && condition.OperatorKind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual)
            {
                bound = condition.RightOperand;
                inclusive = condition.OperatorKind == BinaryOperatorKind.LessThanOrEqual;
            }
            else if (IsReferenceTo(condition.RightOperand, declarator.Symbol) && condition.OperatorKind is BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual)
            {
                bound = condition.LeftOperand;
                inclusive = condition.OperatorKind == BinaryOperatorKind.GreaterThanOrEqual;
            }
            else
            {
                return CollectionSize.Unknown;
            }

            if (ValueResolver.TryGetInt64(bound, out var end))
            {
                return CollectionSize.Exact(end - start + (inclusive ? 1 : 0));
            }

            if (start == 0 && !inclusive && CountedCollection(bound) is { } counted)
            {
                return Evaluate(counted, SizeMode.Sources);
            }

            return CollectionSize.Unknown;
        }

        private static bool IsIncrementByOne(IForLoopOperation loop, ILocalSymbol variable)
        {
            if (loop.AtLoopBottom.Length != 1)
            {
                return false;
            }

            var step = loop.AtLoopBottom[0] is IExpressionStatementOperation statement ? statement.Operation : loop.AtLoopBottom[0];
            return step switch
            {
                IIncrementOrDecrementOperation { Kind: OperationKind.Increment } increment => IsReferenceTo(increment.Target, variable),
                ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound
                    => IsReferenceTo(compound.Target, variable) && ValueResolver.TryGetInt64(compound.Value, out var by) && by == 1,
                _ => false,
            };
        }

        private static bool IsAssignedInBody(IForLoopOperation loop, ILocalSymbol variable)
        {
            foreach (var operation in loop.Body.Descendants())
            {
                switch (operation)
                {
                    case IAssignmentOperation assignment when IsReferenceTo(assignment.Target, variable):
                    case IIncrementOrDecrementOperation increment when IsReferenceTo(increment.Target, variable):
                        return true;
                }
            }

            return false;
        }

        /// <summary>True when the loop body can leave the loop before the collection is exhausted.</summary>
        private static bool ExitsEarly(ILoopOperation loop)
        {
            foreach (var operation in loop.Body.Descendants())
            {
                var exits = operation switch
                {
                    IBranchOperation { BranchKind: BranchKind.Break } branch => SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel),
                    IBranchOperation { BranchKind: BranchKind.GoTo } => true,
                    IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak } => true,
                    IThrowOperation => IsUnderCountCondition(operation, loop),
                    _ => false,
                };

                if (exits && !operation.IsInNestedFunction(loop))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A throw under a condition that tests a Count or Length: a size guard inside the loop.</summary>
        private static bool IsUnderCountCondition(IOperation operation, IOperation stop)
        {
            for (var current = operation.Parent; current is not null && current != stop; current = current.Parent)
            {
                if (current is IConditionalOperation conditional)
                {
                    foreach (var part in conditional.Condition.DescendantsAndSelf())
                    {
                        if (part is IPropertyReferenceOperation { Property.Name: "Count" or "Length" } or IInvocationOperation { TargetMethod.Name: "Count" })
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>Applies the tightest guard on <paramref name="symbol"/>'s count that holds at the anchor.</summary>
        private CollectionSize ApplyGuards(ISymbol symbol, CollectionSize size, IOperation reference)
            => FindGuardBound(symbol) is { } bound ? size.LimitTo(bound, reference) : size;

        /// <summary>
        /// The bound on the count of <paramref name="symbol"/> (x.Count, x.Length, x.Count()) that holds at the anchor:
        /// an earlier <c>if (count &gt; n) throw/return;</c> or <c>ThrowIfGreaterThan(count, n)</c> in an enclosing block,
        /// or an enclosing <c>if (count &lt;= n)</c>.
        /// </summary>
        private long? FindGuardBound(ISymbol symbol)
        {
            long? best = null;
            IOperation child = _anchor;
            for (var current = _anchor.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (statement == child)
                            {
                                break;
                            }

                            best = Tighter(best, GuardStatementBound(statement, symbol));
                        }

                        break;
                    case IConditionalOperation conditional when child == conditional.WhenTrue:
                        best = Tighter(best, ConditionBound(conditional.Condition, symbol, truth: true));
                        break;
                    case IConditionalOperation conditional when child == conditional.WhenFalse:
                        best = Tighter(best, ConditionBound(conditional.Condition, symbol, truth: false));
                        break;
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return best;
                }
            }

            return best;
        }

        private static long? Tighter(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

        private static long? GuardStatementBound(IOperation statement, ISymbol symbol)
        {
            switch (statement)
            {
                case IConditionalOperation { WhenFalse: null } guard when AlwaysExits(guard.WhenTrue):
                    return ConditionBound(guard.Condition, symbol, truth: false);

                case IExpressionStatementOperation { Operation: IInvocationOperation { Arguments.Length: >= 2 } call }
                    when call.TargetMethod.ContainingType?.Name == "ArgumentOutOfRangeException"
                        && call.Arguments[0].Parameter?.Ordinal == 0 && call.Arguments[1].Parameter?.Ordinal == 1
                        && IsCountOf(call.Arguments[0].Value, symbol)
                        && ValueResolver.TryGetInt64(call.Arguments[1].Value, out var limit):
                    return call.TargetMethod.Name switch
                    {
                        "ThrowIfGreaterThan" => limit,
                        "ThrowIfGreaterThanOrEqual" => limit - 1,
                        _ => null,
                    };

                default:
                    return null;
            }
        }

        private static bool AlwaysExits(IOperation operation)
        {
            switch (operation)
            {
                case IThrowOperation:
                case IReturnOperation:
                case IBranchOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return true;
                case IBlockOperation block:
                    return block.Operations.Length > 0 && AlwaysExits(block.Operations[block.Operations.Length - 1]);
                default:
                    return false;
            }
        }

        /// <summary>The upper bound on the count of <paramref name="symbol"/> implied by <paramref name="condition"/> being <paramref name="truth"/>.</summary>
        private static long? ConditionBound(IOperation condition, ISymbol symbol, bool truth)
        {
            condition = condition.WalkDownConversions();
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                    return ConditionBound(negation.Operand, symbol, !truth);

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction when truth:
                    return Tighter(ConditionBound(conjunction.LeftOperand, symbol, true), ConditionBound(conjunction.RightOperand, symbol, true));

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } disjunction when !truth:
                    return Tighter(ConditionBound(disjunction.LeftOperand, symbol, false), ConditionBound(disjunction.RightOperand, symbol, false));

                case IBinaryOperation comparison:
                    BinaryOperatorKind kind;
                    long limit;
                    if (IsCountOf(comparison.LeftOperand, symbol) && ValueResolver.TryGetInt64(comparison.RightOperand, out limit))
                    {
                        kind = comparison.OperatorKind;
                    }
                    else if (IsCountOf(comparison.RightOperand, symbol) && ValueResolver.TryGetInt64(comparison.LeftOperand, out limit))
                    {
                        kind = Mirror(comparison.OperatorKind);
                    }
                    else
                    {
                        return null;
                    }

                    return (truth ? kind : Negate(kind)) switch
                    {
                        BinaryOperatorKind.LessThan => limit - 1,
                        BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.Equals => limit,
                        _ => null,
                    };

                default:
                    return null;
            }
        }

        private static BinaryOperatorKind Mirror(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            _ => kind,
        };

        private static BinaryOperatorKind Negate(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThanOrEqual,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.Equals => BinaryOperatorKind.NotEquals,
            BinaryOperatorKind.NotEquals => BinaryOperatorKind.Equals,
            _ => BinaryOperatorKind.None,
        };

        /// <summary>x.Count, x.Length or x.Count() where x is <paramref name="symbol"/>.</summary>
        private static bool IsCountOf(IOperation operation, ISymbol symbol)
            => CountedCollection(operation) is { } counted && IsReferenceTo(counted, symbol);

        /// <summary>For x.Count, x.Length or x.Count(), the x; else null.</summary>
        private static IOperation? CountedCollection(IOperation operation)
        {
            switch (operation.WalkDownConversions())
            {
                case IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: { } instance }:
                    return instance;
                case IInvocationOperation { TargetMethod.Name: "Count", Arguments.Length: 1 } count when IsEnumerableMethod(count.TargetMethod):
                    return count.Arguments[0].Value;
                default:
                    return null;
            }
        }

        private static bool IsReferenceTo(IOperation operation, ISymbol symbol)
        {
            var referenced = operation.WalkDownConversions() switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
            return SymbolEqualityComparer.Default.Equals(referenced, symbol);
        }

        /// <summary>A constant count, or Math.Min(a, b) with a constant on either side; else null.</summary>
        private static long? CountBound(IOperation value)
        {
            if (ValueResolver.TryGetInt64(value, out var constant))
            {
                return constant;
            }

            if (ValueResolver.Resolve(value) is IInvocationOperation { TargetMethod: { Name: "Min", ContainingType: { Name: "Math" } }, Arguments.Length: 2 } min
                && min.TargetMethod.ContainingNamespace?.Name == "System")
            {
                return Tighter(CountBound(min.Arguments[0].Value), CountBound(min.Arguments[1].Value));
            }

            return null;
        }

        /// <summary>For tracks.Chunk(25) (also through a once-assigned local), or MoreLINQ's Batch(25): 25. Else null.</summary>
        private static long? ChunkSize(IOperation collection)
        {
            if (ValueResolver.Resolve(collection) is not IInvocationOperation { TargetMethod.Name: "Chunk" or "Batch" } chunk)
            {
                return null;
            }

            for (var i = chunk.Arguments.Length - 1; i >= 0; i--)
            {
                if (chunk.Arguments[i].Parameter?.Type.SpecialType == SpecialType.System_Int32)
                {
                    return CountBound(chunk.Arguments[i].Value);
                }
            }

            return null;
        }

        private static IForEachLoopOperation? FindForEachDeclaring(IOperation reference, ILocalSymbol local)
        {
            for (var current = reference.Parent; current is not null; current = current.Parent)
            {
                if (current is IForEachLoopOperation loop)
                {
                    foreach (var declared in loop.Locals)
                    {
                        if (SymbolEqualityComparer.Default.Equals(declared, local))
                        {
                            return loop;
                        }
                    }
                }
            }

            return null;
        }

        private static bool IsEnumerableMethod(IMethodSymbol method)
            => method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

        private static bool IsEnumerable(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType == SpecialType.System_String)
            {
                return false;
            }

            if (type.SpecialType == SpecialType.System_Collections_IEnumerable || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.SpecialType == SpecialType.System_Collections_IEnumerable)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSdkMember(IMethodSymbol method)
        {
            var ns = method.ContainingNamespace;
            while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns?.Name == "Amazon";
        }
    }
}
