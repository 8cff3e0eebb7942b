using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// Batch sizes across methods (DDB301–DDB303): a collection parameter of a helper is as bounded as what every caller
    /// in the compilation passes. Summarises, once per method and compilation, the batch and transaction calls whose size
    /// depends on the method's parameters (directly, or through up to <see cref="CallSiteIndex.MaxCallDepth"/> calls of
    /// other source methods), and sizes them again at each call site with the arguments passed there.
    /// </summary>
    /// <remarks>
    /// What it decides, for a batch call whose size is over the limit only because of a parameter:
    /// <list type="bullet">
    /// <item>the method has calls in the compilation: silent in the method; each call site is judged with its arguments
    /// and reported there when its argument is unbounded (or its own caller's is, up to three calls out);</item>
    /// <item>the method has no call in the compilation, whatever its accessibility: reported in the method, as before
    /// (an outside caller, a test, or code not written yet may pass anything);</item>
    /// <item>a use that cannot be followed (a method group, a call through an interface or virtual member with several
    /// implementations, code that does not bind, deeper than three calls): silent.</item>
    /// </list>
    /// Whether the method is called is judged from text (<see cref="CallSiteIndex.MayBeCalled"/>): a same-named call of
    /// another method where the helper's type is in scope counts, and keeps the helper silent.
    /// Deliberately not summarised: request objects and RequestItems dictionaries passed as parameters (only collections of
    /// batch elements or of their sources are bound), constructors, properties and local functions as helpers.
    /// </remarks>
    internal sealed class CallerBounds
    {
        private readonly DynamoDbModel _model;
        private readonly CallSiteIndex _index;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<BatchPath>>[] _summaries;

        /// <summary>
        /// Per batch call of a summarised body (other calls are not kept): whether it goes over the limit with the
        /// method's parameters probed large and not with them unknown. Sizing a batch is the expensive part, and the
        /// summaries of one method at each depth ask the same question of the same call. Keyed by the call's syntax: an
        /// operation key would keep its document's semantic model alive.
        /// </summary>
        private readonly ConcurrentDictionary<SyntaxNode, BatchKind> _batchKinds = new ConcurrentDictionary<SyntaxNode, BatchKind>();

        private enum BatchKind
        {
            NotABatch,
            Bounded,
            DependsOnParameters,
        }

        public CallerBounds(DynamoDbModel model, Compilation compilation)
        {
            _model = model;
            _index = model.CallSites;
            _summaries = new ConcurrentDictionary<IMethodSymbol, ImmutableArray<BatchPath>>[CallSiteIndex.MaxCallDepth];
            for (var i = 0; i < _summaries.Length; i++)
            {
                _summaries[i] = new ConcurrentDictionary<IMethodSymbol, ImmutableArray<BatchPath>>(SymbolEqualityComparer.Default);
            }
        }

        /// <summary>The call sites, bodies and implementations of the compilation's source methods.</summary>
        public CallSiteIndex Index => _index;

        /// <summary>
        /// For a batch call whose size is over the limit in its own method: false when that is only because of a parameter
        /// of <paramref name="containingMethod"/> and the method's callers decide (they are judged at their call sites), or
        /// cannot be known; true to report in the method.
        /// </summary>
        public bool ReportsInMethod(IInvocationOperation batch, ISymbol? containingMethod, CancellationToken cancellationToken)
        {
            if (containingMethod is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation, Parameters.Length: > 0 } method
                || IsReportable(_model.GetBatchCall(batch, ParameterBinding.Unknown(method))))
            {
                return true;
            }

            return !_index.MayBeCalled(method, cancellationToken);
        }

        /// <summary>
        /// For a call of a source method, the batch call it makes (itself or through helpers) that goes over the limit with
        /// the arguments passed here, and whose report belongs here rather than with the caller's own callers; else null.
        /// </summary>
        public CallFinding? AnalyzeCall(IInvocationOperation call, ISymbol? containingMember, CancellationToken cancellationToken)
        {
            var target = call.TargetMethod;
            if (target.MethodKind is not (MethodKind.Ordinary or MethodKind.ReducedExtension)
                || target.DeclaringSyntaxReferences.Length == 0
                || call.Arguments.Length == 0
                || !_index.IsCandidate(target, cancellationToken)
                || _index.ResolveTarget(target, cancellationToken) is not { } callee)
            {
                return null;
            }

            var paths = GetSummary(callee, CallSiteIndex.MaxCallDepth - 1, cancellationToken);
            var caller = containingMember as IMethodSymbol;
            foreach (var path in paths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = Evaluate(path, call, callee, null);
                if (!IsReportable(batch))
                {
                    continue;
                }

                if (caller is { MethodKind: MethodKind.Ordinary, Parameters.Length: > 0 }
                    && !IsReportable(Evaluate(path, call, callee, ParameterBinding.Unknown(caller))))
                {
                    // Over the limit only because of the caller's own parameter: its callers decide (or nobody can).
                    if (_index.MayBeCalled(caller, cancellationToken))
                    {
                        continue;
                    }
                }

                return new CallFinding(batch!, batch!.Invocation, path.Helper, callee);
            }

            return null;
        }

        private static bool IsReportable(BatchCall? call)
            => call is not null && (call.Size.Exceeds(call.Limit.Maximum) || call.Size.MayExceed(call.Limit.Maximum));

        /// <summary>The batch of <paramref name="path"/> sized with the arguments of <paramref name="call"/> (which runs <paramref name="callee"/>).</summary>
        private BatchCall? Evaluate(BatchPath path, IInvocationOperation call, IMethodSymbol callee, ParameterBinding? outer)
        {
            var binding = ParameterBinding.CallSite(_model, callee, call, outer);
            for (var i = 0; i < path.Calls.Length; i++)
            {
                if (GetInvocation(path.Calls[i]) is not { } inner)
                {
                    return null;
                }

                binding = ParameterBinding.CallSite(_model, path.Callees[i], inner, binding);
            }

            return GetInvocation(path.Batch) is { } batch ? _model.GetBatchCall(batch, binding) : null;
        }

        /// <summary>The call operation of a path's call syntax, from the compilation's model of its tree (bound once there).</summary>
        private IInvocationOperation? GetInvocation(SyntaxNode call)
            => _index.GetModel(call.SyntaxTree).GetOperation(call) as IInvocationOperation;

        /// <summary>The batch calls reached from <paramref name="method"/> through at most <paramref name="calls"/> calls whose size depends on its parameters.</summary>
        private ImmutableArray<BatchPath> GetSummary(IMethodSymbol method, int calls, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            var cache = _summaries[calls];
            if (cache.TryGetValue(method, out var cached))
            {
                return cached;
            }

            return cache.GetOrAdd(method, Summarize(method, calls, cancellationToken));
        }

        private ImmutableArray<BatchPath> Summarize(IMethodSymbol method, int calls, CancellationToken cancellationToken)
        {
            if (method.Parameters.Length == 0 || _index.GetBody(method, cancellationToken) is not { } body)
            {
                return ImmutableArray<BatchPath>.Empty;
            }

            var probe = ParameterBinding.Probe(method);
            var unknown = ParameterBinding.Unknown(method);
            List<BatchPath>? paths = null;
            foreach (var operation in body.Descendants())
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (!_batchKinds.TryGetValue(invocation.Syntax, out var kind))
                {
                    // Only batch calls are kept: telling any other call apart is a few symbol checks.
                    kind = _model.GetBatchCall(invocation) is null
                        ? BatchKind.NotABatch
                        : _batchKinds.GetOrAdd(
                            invocation.Syntax,
                            IsReportable(_model.GetBatchCall(invocation, probe)) && !IsReportable(_model.GetBatchCall(invocation, unknown))
                                ? BatchKind.DependsOnParameters
                                : BatchKind.Bounded);
                }

                if (kind != BatchKind.NotABatch)
                {
                    if (kind == BatchKind.DependsOnParameters)
                    {
                        (paths ??= new List<BatchPath>()).Add(new BatchPath(invocation.Syntax, method));
                    }

                    continue;
                }

                var target = invocation.TargetMethod;
                if (calls == 0
                    || invocation.Arguments.Length == 0
                    || target.DeclaringSyntaxReferences.Length == 0
                    || !_index.IsCandidate(target, cancellationToken)
                    || _index.ResolveTarget(target, cancellationToken) is not { } callee)
                {
                    continue;
                }

                foreach (var inner in GetSummary(callee, calls - 1, cancellationToken))
                {
                    if (IsReportable(Evaluate(inner, invocation, callee, probe)) && !IsReportable(Evaluate(inner, invocation, callee, unknown)))
                    {
                        (paths ??= new List<BatchPath>()).Add(inner.Through(invocation, callee));
                    }
                }
            }

            return paths is null ? ImmutableArray<BatchPath>.Empty : paths.ToImmutableArray();
        }

        /// <summary>
        /// A batch call reached from a method: the calls from that method to the one holding the batch (outermost first,
        /// each with the method it runs), then the batch call itself. Calls are kept as syntax, not operations (summaries
        /// are cached for the compilation, and an operation keeps its document's semantic model alive).
        /// </summary>
        private sealed class BatchPath
        {
            public BatchPath(SyntaxNode batch, IMethodSymbol helper)
                : this(ImmutableArray<SyntaxNode>.Empty, ImmutableArray<IMethodSymbol>.Empty, batch, helper)
            {
            }

            private BatchPath(ImmutableArray<SyntaxNode> calls, ImmutableArray<IMethodSymbol> callees, SyntaxNode batch, IMethodSymbol helper)
            {
                Calls = calls;
                Callees = callees;
                Batch = batch;
                Helper = helper;
            }

            public ImmutableArray<SyntaxNode> Calls { get; }

            public ImmutableArray<IMethodSymbol> Callees { get; }

            public SyntaxNode Batch { get; }

            /// <summary>The method that holds <see cref="Batch"/>.</summary>
            public IMethodSymbol Helper { get; }

            public BatchPath Through(IInvocationOperation call, IMethodSymbol callee)
                => new BatchPath(Calls.Insert(0, call.Syntax), Callees.Insert(0, callee), Batch, Helper);
        }
    }

    /// <summary>A call site whose arguments make a helper's batch go over the limit.</summary>
    internal sealed class CallFinding
    {
        public CallFinding(BatchCall batch, IInvocationOperation batchInvocation, IMethodSymbol helper, IMethodSymbol callee)
        {
            Batch = batch;
            BatchInvocation = batchInvocation;
            Helper = helper;
            Callee = callee;
        }

        /// <summary>The helper's batch, sized with this call's arguments.</summary>
        public BatchCall Batch { get; }

        /// <summary>The batch or transaction call in the helper (in another method, maybe another document).</summary>
        public IInvocationOperation BatchInvocation { get; }

        /// <summary>The method that holds the batch call.</summary>
        public IMethodSymbol Helper { get; }

        /// <summary>The method this call runs (the helper itself, or the first of the helpers that lead to it).</summary>
        public IMethodSymbol Callee { get; }
    }
}
