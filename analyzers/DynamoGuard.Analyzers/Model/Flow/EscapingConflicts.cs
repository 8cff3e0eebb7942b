using System.Collections.Concurrent;
using System.Collections.Generic;
using DynamoGuard.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>What a catch clause catches, as far as version conflicts go.</summary>
    internal enum CaughtConflict
    {
        Nothing,

        /// <summary>ConditionalCheckFailedException itself.</summary>
        Conflict,

        /// <summary>TransactionCanceledException itself.</summary>
        Transaction,

        /// <summary>A base type of them: Exception, AmazonDynamoDBException, AmazonServiceException, a bare catch.</summary>
        Broad,
    }

    /// <summary>
    /// A version conflict that surfaces at a call in the code being analysed. It keeps what a report needs (syntax,
    /// names, the guard's description), not operations: helpers' answers are cached for the compilation, and an operation
    /// keeps its document's semantic model alive.
    /// </summary>
    internal sealed class EscapingWrite
    {
        public EscapingWrite(VersionGuardedWrite write, IInvocationOperation call)
            : this(write.Invocation.Syntax, write.Invocation.TargetMethod.Name, write.Surface, write.Guard, call.Syntax, helper: null)
        {
        }

        private EscapingWrite(SyntaxNode write, string writeMethodName, GuardedWriteSurface surface, string guard, SyntaxNode call, IMethodSymbol? helper)
        {
            Write = write;
            WriteMethodName = writeMethodName;
            Surface = surface;
            Guard = guard;
            Call = call;
            Helper = helper;
        }

        /// <summary>The SDK write that throws on a conflict (its call's syntax); in <see cref="Helper"/> (or deeper) when there is one.</summary>
        public SyntaxNode Write { get; }

        /// <summary>The name of the SDK method that writes: SaveAsync, PutItemAsync, ExecuteAsync...</summary>
        public string WriteMethodName { get; }

        public GuardedWriteSurface Surface { get; }

        /// <summary>What guards the write, for messages (<see cref="VersionGuardedWrite.Guard"/>).</summary>
        public string Guard { get; }

        public bool IsTransaction => VersionGuardedWrite.IsTransactionSurface(Surface);

        /// <summary>The call in the analysed code where the exception surfaces: the write itself, or the helper call.</summary>
        public SyntaxNode Call { get; }

        /// <summary>The source method whose body holds <see cref="Write"/>, when it is not the analysed code.</summary>
        public IMethodSymbol? Helper { get; }

        /// <summary>The same write, surfacing at <paramref name="call"/> of <paramref name="callee"/> (or of the deeper helper that holds it).</summary>
        public EscapingWrite At(IInvocationOperation call, IMethodSymbol callee)
            => new EscapingWrite(Write, WriteMethodName, Surface, Guard, call.Syntax, Helper ?? callee);
    }

    /// <summary>
    /// The version conflicts a block of code lets out: the version-guarded writes (<see cref="VersionGuardedWrite"/>) it
    /// runs whose ConditionalCheckFailedException or TransactionCanceledException surfaces right there (a synchronous call,
    /// or a task awaited or waited for there), and, with <see cref="FindInBlock"/>'s <c>followHelpers</c>, those of the
    /// source methods it calls in the same way, <see cref="MaxDepth"/> calls deep, where a helper's write also escapes
    /// when the helper returns its task (<c>=&gt; _context.SaveAsync(item)</c>). Results per helper are cached for the
    /// compilation.
    /// <para>
    /// Deliberately not described: writes in lambdas and local functions (they run elsewhere, e.g. inside a retry policy
    /// that may catch), writes inside an inner try that catches a conflict or any of its base types (the exception may be
    /// handled or translated there), <c>async void</c> helpers (their exceptions do not reach the caller), helpers with
    /// zero or several implementations, helpers of other assemblies, and object-model saves through a context that the
    /// compilation configures with <c>SkipVersionCheck = true</c> (nothing is checked, nothing throws).
    /// </para>
    /// </summary>
    internal sealed class EscapingConflicts
    {
        private const int MaxDepth = 3;

        private static readonly System.Func<string?, bool> WriteNames = IsWriteName;

        private readonly DynamoDbModel _model;
        private readonly MethodSummaries _summaries;
        private readonly OptionCache<VersionAttributeNames> _names;

        // Per depth left when the helper is called (1 to MaxDepth): each answer is a function of the method and that depth
        // alone, so what is found does not depend on the order in which the compilation's methods are analysed.
        private readonly ConcurrentDictionary<IMethodSymbol, (EscapingWrite? Conflict, EscapingWrite? Transaction)>[] _helpers
            = CreateCaches();

        private static ConcurrentDictionary<IMethodSymbol, (EscapingWrite? Conflict, EscapingWrite? Transaction)>[] CreateCaches()
        {
            var caches = new ConcurrentDictionary<IMethodSymbol, (EscapingWrite? Conflict, EscapingWrite? Transaction)>[MaxDepth + 1];
            for (var i = 1; i <= MaxDepth; i++)
            {
                caches[i] = new ConcurrentDictionary<IMethodSymbol, (EscapingWrite?, EscapingWrite?)>(SymbolEqualityComparer.Default);
            }

            return caches;
        }

        public EscapingConflicts(DynamoDbModel model, MethodSummaries summaries, OptionCache<VersionAttributeNames> names)
        {
            _model = model;
            _summaries = summaries;
            _names = names;
        }

        public static CaughtConflict Classify(ITypeSymbol? type, DynamoDbModel model)
        {
            if (type is null)
            {
                return CaughtConflict.Nothing;
            }

            if (SymbolEqualityComparer.Default.Equals(type, model.ConditionalCheckFailedException))
            {
                return CaughtConflict.Conflict;
            }

            if (model.TransactionCanceledException is { } transaction && SymbolEqualityComparer.Default.Equals(type, transaction))
            {
                return CaughtConflict.Transaction;
            }

            return IsBaseOf(type, model.ConditionalCheckFailedException) || IsBaseOf(type, model.TransactionCanceledException)
                ? CaughtConflict.Broad
                : CaughtConflict.Nothing;
        }

        /// <summary>
        /// The first escaping single-item conflict and the first escaping transaction conflict of <paramref name="body"/>
        /// (the body of a try). Helper calls count only when <paramref name="followHelpers"/> is true.
        /// </summary>
        public (EscapingWrite? Conflict, EscapingWrite? Transaction) FindInBlock(IOperation body, bool followHelpers)
        {
            return Find(body, inHelper: false, followHelpers ? MaxDepth : 0);
        }

        private (EscapingWrite? Conflict, EscapingWrite? Transaction) Find(IOperation body, bool inHelper, int depth)
        {
            EscapingWrite? conflict = null;
            EscapingWrite? transaction = null;
            var names = _names.Get(body.Syntax.SyntaxTree);
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0 && (conflict is null || transaction is null))
            {
                var operation = stack.Pop();
                if (operation is IInvocationOperation invocation && Surfaces(invocation, inHelper))
                {
                    if (VersionGuardedWrite.TryRead(invocation, _model, names) is { } write)
                    {
                        if (!IsUncheckedContextWrite(write))
                        {
                            var found = new EscapingWrite(write, invocation);
                            if (write.IsTransaction)
                            {
                                transaction ??= found;
                            }
                            else
                            {
                                conflict ??= found;
                            }
                        }
                    }
                    else if (depth > 0)
                    {
                        var inner = FromHelper(invocation, depth);
                        conflict ??= inner.Conflict;
                        transaction ??= inner.Transaction;
                    }
                }

                foreach (var child in operation.ChildOperations)
                {
                    if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        continue;
                    }

                    if (child is ITryOperation innerTry && CatchesAConflict(innerTry))
                    {
                        // Its catches take the conflict first (and are analysed on their own); its finally runs here.
                        if (innerTry.Finally is { } innerFinally)
                        {
                            stack.Push(innerFinally);
                        }

                        continue;
                    }

                    stack.Push(child);
                }
            }

            return (conflict, transaction);
        }

        /// <summary>The conflicts a call of a source helper lets out, as seen at <paramref name="call"/>.</summary>
        private (EscapingWrite? Conflict, EscapingWrite? Transaction) FromHelper(IInvocationOperation call, int depth)
        {
            var target = call.TargetMethod;
            if (target.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation)
                || _summaries.Methods.GetCallee(target) is not { } callee
                || (callee.IsAsync && callee.ReturnsVoid))
            {
                return default;
            }

            var cache = _helpers[depth];
            if (!cache.TryGetValue(callee, out var found))
            {
                found = default;
                if (SourceMethods.IsWorthBinding(callee, WriteNames))
                {
                    if (_summaries.Methods.GetBody(callee) is { } body)
                    {
                        found = Find(body, inHelper: true, depth - 1);
                    }
                }

                found = cache.GetOrAdd(callee, found);
            }

            return AtCall(found, call, callee);
        }

        /// <summary>A helper's answer moved to its call site: the write stays where it is, the call is the one analysed.</summary>
        private static (EscapingWrite? Conflict, EscapingWrite? Transaction) AtCall((EscapingWrite? Conflict, EscapingWrite? Transaction) found, IInvocationOperation call, IMethodSymbol callee)
            => (Move(found.Conflict, call, callee), Move(found.Transaction, call, callee));

        private static EscapingWrite? Move(EscapingWrite? write, IInvocationOperation call, IMethodSymbol callee)
            => write?.At(call, callee);

        /// <summary>An object-model write through a context the compilation creates with SkipVersionCheck = true: it checks nothing.</summary>
        private bool IsUncheckedContextWrite(VersionGuardedWrite write)
            => write.Surface is GuardedWriteSurface.ObjectModel
                && write.Invocation.Instance is { } instance
                && _summaries.Contexts.FindSkipSetting(instance) is not null;

        /// <summary>The names of the calls that make a helper worth binding to look for a guarded write.</summary>
        private static bool IsWriteName(string? name)
            => name is "Save" or "SaveAsync" or "Delete" or "DeleteAsync" or "PutItem" or "PutItemAsync" or "UpdateItem" or "UpdateItemAsync"
                or "DeleteItem" or "DeleteItemAsync" or "TransactWriteItems" or "TransactWriteItemsAsync" or "Execute" or "ExecuteAsync";

        /// <summary>True when one of the try's catches (filtered or not) catches ConditionalCheckFailedException, TransactionCanceledException or a base of them.</summary>
        private bool CatchesAConflict(ITryOperation tryOperation)
        {
            foreach (var clause in tryOperation.Catches)
            {
                if (Classify(clause.ExceptionType, _model) != CaughtConflict.Nothing)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the call's exception surfaces where it is written: a synchronous call, or a task that is awaited
        /// (through ConfigureAwait) or waited for (.Wait(), .Result, GetAwaiter().GetResult()) right there; in a helper
        /// also a task the helper returns (its caller awaits it).
        /// </summary>
        private static bool Surfaces(IInvocationOperation invocation, bool inHelper)
        {
            var returnType = invocation.TargetMethod.ReturnType;
            if (returnType.Name is not ("Task" or "ValueTask") || returnType.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
            {
                return true;
            }

            IOperation current = invocation;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation:
                        current = parent;
                        continue;
                    case IAwaitOperation:
                        return true;
                    case IReturnOperation { Kind: OperationKind.Return }:
                        return inHelper;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" } call when call.Instance == current:
                        current = call;
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "Wait" or "GetResult" } call when call.Instance == current:
                        return true;
                    case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == current:
                        return true;
                    default:
                        return false;
                }
            }
        }

        private static bool IsBaseOf(ITypeSymbol candidate, INamedTypeSymbol? type)
        {
            for (var current = type?.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, candidate))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
