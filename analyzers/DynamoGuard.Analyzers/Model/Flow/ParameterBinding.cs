using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// What the parameters of one method stand for while <see cref="CollectionSizeEvaluator"/> sizes a batch in that
    /// method: the arguments of one call site (evaluated in the caller, where the caller's own parameters may be bound in
    /// turn), nothing known (<see cref="Unknown"/>), or inputs of unknown size in every mode (<see cref="Probe"/>, which
    /// tells whether a batch's size depends on the parameters at all). Parameters of other methods, lambdas and local
    /// functions are not bound.
    /// </summary>
    internal abstract class ParameterBinding
    {
        private ParameterBinding(IMethodSymbol method)
        {
            Method = method.OriginalDefinition;
        }

        /// <summary>The method whose parameters are bound.</summary>
        public IMethodSymbol Method { get; }

        /// <summary>How many call sites this binding goes through (0 for <see cref="Unknown"/> and <see cref="Probe"/>).</summary>
        public virtual int Depth => 0;

        /// <summary>Every parameter of <paramref name="method"/> has an unknown size (never evidence for a report).</summary>
        public static ParameterBinding Unknown(IMethodSymbol method) => new UnknownBinding(method);

        /// <summary>Every parameter of <paramref name="method"/> is an input of unknown size, whether it holds batch elements or sources.</summary>
        public static ParameterBinding Probe(IMethodSymbol method) => new ProbeBinding(method);

        /// <summary>
        /// The parameters of <paramref name="callee"/> are the arguments of <paramref name="call"/>, sized in the caller
        /// with the caller's parameters bound by <paramref name="outer"/> (null: the caller on its own).
        /// </summary>
        public static ParameterBinding CallSite(DynamoDbModel model, IMethodSymbol callee, IInvocationOperation call, ParameterBinding? outer)
            => new CallSiteBinding(model, callee, call, outer);

        /// <summary>The size <paramref name="reference"/> stands for, or null when it is not a parameter of <see cref="Method"/>.</summary>
        public CollectionSize? TryBind(IParameterReferenceOperation reference, SizeMode mode)
        {
            var owner = reference.Parameter.ContainingSymbol as IMethodSymbol;
            if (owner is null || !SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, Method))
            {
                return null;
            }

            return Bind(reference, mode);
        }

        protected abstract CollectionSize Bind(IParameterReferenceOperation reference, SizeMode mode);

        private sealed class UnknownBinding : ParameterBinding
        {
            public UnknownBinding(IMethodSymbol method)
                : base(method)
            {
            }

            protected override CollectionSize Bind(IParameterReferenceOperation reference, SizeMode mode) => CollectionSize.Unknown;
        }

        private sealed class ProbeBinding : ParameterBinding
        {
            public ProbeBinding(IMethodSymbol method)
                : base(method)
            {
            }

            protected override CollectionSize Bind(IParameterReferenceOperation reference, SizeMode mode) => CollectionSize.Unbounded(reference);
        }

        private sealed class CallSiteBinding : ParameterBinding
        {
            private readonly DynamoDbModel _model;
            private readonly IInvocationOperation _call;
            private readonly ParameterBinding? _outer;

            public CallSiteBinding(DynamoDbModel model, IMethodSymbol callee, IInvocationOperation call, ParameterBinding? outer)
                : base(callee)
            {
                _model = model;
                _call = call;
                _outer = outer;
            }

            public override int Depth => (_outer?.Depth ?? 0) + 1;

            protected override CollectionSize Bind(IParameterReferenceOperation reference, SizeMode mode)
            {
                var ordinal = reference.Parameter.Ordinal;
                foreach (var argument in _call.Arguments)
                {
                    if (argument.Parameter is { } parameter && parameter.Ordinal == ordinal)
                    {
                        // Sized where the call is: guards, Chunk and Take in the caller apply.
                        return new CollectionSizeEvaluator(_model, _call, _outer).Evaluate(argument.Value, mode);
                    }
                }

                return CollectionSize.Unknown;
            }
        }
    }
}
