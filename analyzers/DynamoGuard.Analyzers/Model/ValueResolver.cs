using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
        /// <remarks>
        /// One walk of <paramref name="root"/> answers for all its locals; the answers are kept as long as the operation
        /// tree lives (every rule asks about the locals of the same bodies).
        /// </remarks>
        public static IOperation? FindSingleInitializer(ILocalSymbol local, IOperation root)
            => local.IsRef ? null : LocalInitializers.Table.GetValue(root, LocalInitializers.Create).Find(local);

        /// <summary>
        /// The value a local assigned more than once holds at <paramref name="reference"/>, when straight-line code decides
        /// it: the last definition before the reference (its declaration's initializer or a <c>local = value;</c>
        /// statement) sits in a block that also holds the reference, so every path to the reference runs it, and no loop
        /// around the reference leaves it out (<c>var c = new Counter(key); c = await context.LoadAsync&lt;Counter&gt;(c.Id);</c>
        /// gives the creation at <c>c.Id</c> and the Load after the assignment). Or the last definition is a null check's
        /// replacement, <c>if (local == null) local = new T { ... };</c> (also <c>is null</c>, <c>local?.Member is null</c>,
        /// no <c>else</c>), after such a definition: that definition's value, which holds whenever it was not null, with the
        /// replacement in
        /// <paramref name="createdWhenNull"/> (<c>var c = await context.LoadAsync&lt;Counter&gt;(id); if (c == null) c = new
        /// Counter { Id = id };</c> gives the Load). Null when the local is changed any other way (<c>+=</c>, <c>++</c>,
        /// <c>ref</c>/<c>out</c>, a deconstruction, a lambda or local function) or the last definition is in another branch.
        /// </summary>
        public static IOperation? FindHeldValue(ILocalReferenceOperation reference, out IObjectCreationOperation? createdWhenNull)
        {
            createdWhenNull = null;
            if (!TryGetDefinitions(reference, out var last, out var previous) || last is null)
            {
                return null;
            }

            if (Dominates(last, reference))
            {
                return ValueOf(last);
            }

            if (last is ISimpleAssignmentOperation { Value: var value } fallback
                && value.WalkDownConversions() is IObjectCreationOperation creation
                && previous is not null
                && GetNullCheck(fallback, reference.Local) is { } check
                && Dominates(check, reference)
                && Dominates(previous, check))
            {
                createdWhenNull = creation;
                return ValueOf(previous);
            }

            return null;
        }

        /// <summary>The <c>if (local == null)</c> statement (no else) whose then-branch is just <paramref name="assignment"/>, or null.</summary>
        private static IConditionalOperation? GetNullCheck(ISimpleAssignmentOperation assignment, ILocalSymbol local)
            => GetEnclosingCheck(assignment) is { } check
                && IsNullFallback(check, acceptMemberCheck: true, out var fallback, out var checkedLocal)
                && fallback == assignment
                && SymbolEqualityComparer.Default.Equals(checkedLocal, local)
                ? check
                : null;

        /// <summary>The <c>if</c> statement whose then-branch is just <paramref name="assignment"/>, or null.</summary>
        private static IConditionalOperation? GetEnclosingCheck(ISimpleAssignmentOperation assignment)
        {
            var statement = assignment.Parent as IExpressionStatementOperation;
            var branch = statement?.Parent is IBlockOperation { Operations.Length: 1 } block ? block : (IOperation?)statement;
            return branch?.Parent as IConditionalOperation;
        }

        /// <summary>
        /// False when <paramref name="created"/> replaces a local in a null check that is not of the local alone
        /// (<c>if (c?.Name is null) c = new T { ... };</c> also replaces an object that is there); true otherwise.
        /// </summary>
        public static bool ReplacesOnlyAMissingObject(IObjectCreationOperation created)
        {
            var parent = created.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is not ISimpleAssignmentOperation assignment
                || GetEnclosingCheck(assignment) is not { } check
                || IsNullFallback(check, out _, out _);
        }

        /// <summary>
        /// True for <c>if (local == null) local = new T { ... };</c> (also <c>null == local</c>, <c>local is null</c>, the
        /// assignment alone in braces, no <c>else</c>): the statement replaces a missing object by a new one.
        /// </summary>
        public static bool IsNullFallback(IConditionalOperation check, out ISimpleAssignmentOperation? fallback, out ILocalSymbol? local)
            => IsNullFallback(check, acceptMemberCheck: false, out fallback, out local);

        /// <summary>
        /// <see cref="IsNullFallback(IConditionalOperation, out ISimpleAssignmentOperation?, out ILocalSymbol?)"/>; with
        /// <paramref name="acceptMemberCheck"/>, also when the check is of a member reached through <c>?.</c>
        /// (<c>if (local?.Values is null) local = new T { ... };</c>): true whenever the object is missing, and also when
        /// it is there without that member (then it is replaced too, which the value flow treats alike).
        /// </summary>
        private static bool IsNullFallback(IConditionalOperation check, bool acceptMemberCheck, out ISimpleAssignmentOperation? fallback, out ILocalSymbol? local)
        {
            fallback = null;
            local = null;
            var statement = check.WhenTrue is IBlockOperation { Operations.Length: 1 } block ? block.Operations[0] : check.WhenTrue;
            if (check.WhenFalse is not null
                || statement is not IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment }
                || assignment.Value.WalkDownConversions() is not IObjectCreationOperation)
            {
                return false;
            }

            var isNullCheck = check.Condition.WalkDownConversions() switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals =>
                    IsChecked(equals.LeftOperand, target.Local, acceptMemberCheck) && equals.RightOperand.IsConstantNull()
                        || IsChecked(equals.RightOperand, target.Local, acceptMemberCheck) && equals.LeftOperand.IsConstantNull(),
                IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } isNull =>
                    IsChecked(isNull.Value, target.Local, acceptMemberCheck) && constant.IsConstantNull(),
                _ => false,
            };
            if (!isNullCheck)
            {
                return false;
            }

            fallback = assignment;
            local = target.Local;
            return true;
        }

        /// <summary>The local itself, or with <paramref name="acceptMemberCheck"/> a <c>local?.Member</c> access (null whenever the local is).</summary>
        private static bool IsChecked(IOperation operation, ILocalSymbol local, bool acceptMemberCheck)
            => IsLocal(operation, local)
                || acceptMemberCheck && operation.WalkDownConversions() is IConditionalAccessOperation access && IsLocal(access.Operation, local);

        private static bool IsLocal(IOperation operation, ILocalSymbol local)
            => operation.WalkDownConversions() is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        private static IOperation ValueOf(IOperation definition) => definition is ISimpleAssignmentOperation assignment ? assignment.Value : definition;

        /// <summary>
        /// The last two definitions of the local before <paramref name="reference"/>: <c>local = value</c> assignments or
        /// the declaration's initializer value, in source order. False when the local is changed in a way not modelled
        /// (<c>+=</c>, <c>++</c>, <c>ref</c>/<c>out</c>, a deconstruction, an assignment in a lambda or local function).
        /// </summary>
        private static bool TryGetDefinitions(ILocalReferenceOperation reference, out IOperation? last, out IOperation? previous)
        {
            last = null;
            previous = null;
            var local = reference.Local;
            if (local.IsRef || reference.SemanticModel is not { } semanticModel || local.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var root = reference.GetRoot();
            var position = reference.SourceStart();
            if (local.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } initializerSyntax }
                && initializerSyntax.SyntaxTree == root.Syntax.SyntaxTree
                && root.Syntax.FullSpan.Contains(initializerSyntax.FullSpan)
                && initializerSyntax.SpanStart < position)
            {
                last = semanticModel.GetOperation(initializerSyntax);
            }

            foreach (var other in FindReferences(local, root))
            {
                var parent = other.Parent;
                if (parent is ISimpleAssignmentOperation assignment && assignment.Target == other)
                {
                    if (other.IsInNestedFunction(root))
                    {
                        return false;
                    }

                    if (assignment.SourceStart() < position && !assignment.Holds(position))
                    {
                        previous = last;
                        last = assignment;
                    }
                }
                else if (parent is IAssignmentOperation { Target: var target } && target == other
                    || parent is IIncrementOrDecrementOperation or IDeclarationExpressionOperation or ITupleOperation
                    || parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The value a field or auto-property of this object holds at <paramref name="reference"/> (<c>this.List</c>),
        /// when the method itself assigned it in straight-line code before (<c>this.List = await repo.GetAsync(id);</c>)
        /// and nothing in between can assign it again: no other write of the member, no call of a method of this
        /// object or of a local function, no <c>this</c> handed to other code. Null otherwise (the value then comes from
        /// elsewhere: another method, a constructor, a caller).
        /// </summary>
        public static IOperation? FindReachingMemberValue(IMemberReferenceOperation reference)
        {
            if (reference.Instance is not IInstanceReferenceOperation
                || !IsPlainMember(reference.Member))
            {
                return null;
            }

            var root = reference.GetRoot();
            var position = reference.SourceStart();
            ISimpleAssignmentOperation? definition = null;

            // The last operation before the use that could assign the member again (a call of this object's methods or
            // of a local function, this handed out); it must come before the definition.
            var lastEscape = -1;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IAssignmentOperation { Target: IMemberReferenceOperation target } assignment when IsSameMember(target, reference):
                        if (assignment is not ISimpleAssignmentOperation simple || assignment.IsInNestedFunction(root))
                        {
                            return null;
                        }

                        if (simple.SourceStart() < position && !simple.Holds(position))
                        {
                            definition = simple;
                        }

                        break;
                    case IIncrementOrDecrementOperation { Target: IMemberReferenceOperation incremented } when IsSameMember(incremented, reference):
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: IMemberReferenceOperation passed } when IsSameMember(passed, reference):
                        return null;
                    case IInvocationOperation { Instance: IInstanceReferenceOperation }:
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction }:
                    case IArgumentOperation { Value: IInstanceReferenceOperation }:
                    case ISimpleAssignmentOperation { Value: IInstanceReferenceOperation }:
                        if (operation.SourceStart() < position)
                        {
                            lastEscape = System.Math.Max(lastEscape, operation.SourceStart());
                        }

                        break;
                }
            }

            if (definition is null
                || lastEscape >= definition.Syntax.FullSpan.End
                || !Dominates(definition, reference))
            {
                return null;
            }

            return definition.Value;
        }

        private static bool IsSameMember(IMemberReferenceOperation candidate, IMemberReferenceOperation reference)
            => candidate.Instance is IInstanceReferenceOperation
                && SymbolEqualityComparer.Default.Equals(candidate.Member, reference.Member);

        /// <summary>A field, or a property whose accessors have no code (what is assigned is what is read).</summary>
        private static bool IsPlainMember(ISymbol member)
        {
            if (member is IFieldSymbol { IsStatic: false })
            {
                return true;
            }

            if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property
                || property.DeclaringSyntaxReferences.Length != 1
                || property.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors })
            {
                return false;
            }

            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.Body is not null || accessor.ExpressionBody is not null)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when the statement that holds <paramref name="definition"/> is a statement of a block that also holds
        /// <paramref name="use"/>, before it, with no loop between that block and the use.
        /// </summary>
        private static bool Dominates(IOperation definition, IOperation use)
        {
            var statement = definition;
            while (statement.Parent is { } parent && parent is not IBlockOperation)
            {
                if (parent is ILoopOperation or IConditionalOperation or ISwitchOperation or ITryOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or ICoalesceOperation or IConditionalAccessOperation)
                {
                    return false;
                }

                statement = parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            for (var current = use.Parent; current is not null; current = current.Parent)
            {
                if (current == block)
                {
                    return true;
                }

                if (current is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// Every reference to <paramref name="local"/> in <paramref name="root"/> (the method body), in source order.
        /// </summary>
        /// <remarks>
        /// One walk of <paramref name="root"/> indexes the references of all its locals, kept as long as the operation
        /// tree lives: rules that follow a local through its uses (build-ups, dictionaries filled through a property) ask
        /// for every write of a body, and a walk of the whole body per write made long methods quadratic.
        /// </remarks>
        public static IReadOnlyList<ILocalReferenceOperation> FindReferences(ILocalSymbol local, IOperation root)
            => LocalReferences.Table.GetValue(root, LocalReferences.Create).Find(local);

        /// <summary>The references of each local of one operation tree, in walk (source) order.</summary>
        private sealed class LocalReferences
        {
            public static readonly ConditionalWeakTable<IOperation, LocalReferences> Table = new ConditionalWeakTable<IOperation, LocalReferences>();

            public static readonly ConditionalWeakTable<IOperation, LocalReferences>.CreateValueCallback Create = root => new LocalReferences(root);

            private static readonly ILocalReferenceOperation[] None = new ILocalReferenceOperation[0];

            private readonly Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> _references = new Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);

            private LocalReferences(IOperation root)
            {
                foreach (var operation in root.Descendants())
                {
                    if (operation is ILocalReferenceOperation reference)
                    {
                        if (!_references.TryGetValue(reference.Local, out var list))
                        {
                            list = new List<ILocalReferenceOperation>(4);
                            _references.Add(reference.Local, list);
                        }

                        list.Add(reference);
                    }
                }
            }

            public IReadOnlyList<ILocalReferenceOperation> Find(ILocalSymbol local)
                => _references.TryGetValue(local, out var list) ? list : None;
        }

        /// <summary>The once-assigned locals of one operation tree and their initializers.</summary>
        private sealed class LocalInitializers
        {
            public static readonly ConditionalWeakTable<IOperation, LocalInitializers> Table = new ConditionalWeakTable<IOperation, LocalInitializers>();

            public static readonly ConditionalWeakTable<IOperation, LocalInitializers>.CreateValueCallback Create = root => new LocalInitializers(root);

            /// <summary>Null for a local that is declared without an initializer or assigned again.</summary>
            private readonly Dictionary<ILocalSymbol, IOperation?> _initializers = new Dictionary<ILocalSymbol, IOperation?>(SymbolEqualityComparer.Default);

            private LocalInitializers(IOperation root)
            {
                HashSet<ILocalSymbol>? reassigned = null;
                foreach (var operation in root.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator:
                            _initializers[declarator.Symbol] = declarator.Initializer?.Value;
                            if (declarator.Initializer is null)
                            {
                                (reassigned ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(declarator.Symbol);
                            }

                            break;
                        // x is { } local / x is T local: the local is x (after the type test).
                        case IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol declared, Parent: IIsPatternOperation pattern }:
                            _initializers[declared] = pattern.Value;
                            break;
                        case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declaredByType, Parent: IIsPatternOperation typePattern }:
                            _initializers[declaredByType] = typePattern.Value;
                            break;
                        case IAssignmentOperation { Target: ILocalReferenceOperation target }:
                            (reassigned ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(target.Local);
                            break;
                        case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented }:
                            (reassigned ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(incremented.Local);
                            break;
                        case IArgumentOperation { Value: ILocalReferenceOperation passed } argument when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out:
                            (reassigned ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(passed.Local);
                            break;
                    }
                }

                if (reassigned is not null)
                {
                    foreach (var local in reassigned)
                    {
                        _initializers[local] = null;
                    }
                }
            }

            public IOperation? Find(ILocalSymbol local) => _initializers.TryGetValue(local, out var initializer) ? initializer : null;
        }
    }
}
