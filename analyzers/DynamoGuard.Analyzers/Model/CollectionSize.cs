using System;
using Microsoft.CodeAnalysis;

namespace DynamoGuard.Model
{
    /// <summary>
    /// How many elements a collection holds, as far as the method that builds it shows: at least <see cref="Min"/>
    /// and at most <see cref="Max"/> (null when no upper bound is known). When there is no upper bound because the
    /// collection grows with an input of unknown size (one element per element of a parameter, a field, a call
    /// result), <see cref="IsUnbounded"/> is true and <see cref="Origin"/> is that input; when the size is simply not
    /// known (the collection comes from elsewhere, is changed in ways not modelled), both are unset and rules stay silent.
    /// Computed by <see cref="CollectionSizeEvaluator"/>.
    /// </summary>
    internal readonly struct CollectionSize
    {
        /// <summary>Sizes are capped here so that products of loop counts cannot overflow.</summary>
        private const long Cap = 1_000_000_000;

        private CollectionSize(long min, long? max, bool isUnbounded, IOperation? origin)
        {
            Min = Math.Min(min, Cap);
            Max = max is { } m ? Math.Min(m, Cap) : null;
            IsUnbounded = max is null && isUnbounded;
            Origin = origin;
        }

        /// <summary>The fewest elements the collection can have.</summary>
        public long Min { get; }

        /// <summary>The most elements the collection can have, or null when that is not known.</summary>
        public long? Max { get; }

        /// <summary>True when the size grows with an input of unknown size that nothing in the method limits.</summary>
        public bool IsUnbounded { get; }

        /// <summary>
        /// The operation that decides the upper bound: the unbounded input, or the <c>Take(n)</c> / guard that
        /// limits it. Null for exact sizes. Used to name the culprit in messages.
        /// </summary>
        public IOperation? Origin { get; }

        /// <summary>The size is not known at all; rules do not report it.</summary>
        public static CollectionSize Unknown => new CollectionSize(0, null, false, null);

        public bool IsExact => Max == Min;

        public static CollectionSize Exact(long count) => new CollectionSize(Math.Max(0, count), Math.Max(0, count), false, null);

        public static CollectionSize AtMost(long count, IOperation origin) => new CollectionSize(0, Math.Max(0, count), false, origin);

        public static CollectionSize Unbounded(IOperation origin) => new CollectionSize(0, null, true, origin);

        /// <summary>True when the collection provably holds more than <paramref name="limit"/> elements.</summary>
        public bool Exceeds(long limit) => Min > limit;

        /// <summary>True when the collection can hold more than <paramref name="limit"/> elements: a known upper bound over it, or an unbounded input.</summary>
        public bool MayExceed(long limit) => IsUnbounded || Max > limit;

        /// <summary>The elements of both collections together.</summary>
        public CollectionSize Plus(CollectionSize other)
        {
            long? max = Max is { } a && other.Max is { } b ? a + b : null;
            return new CollectionSize(Min + other.Min, max, IsUnbounded || other.IsUnbounded, PickOrigin(this, other));
        }

        /// <summary>
        /// This many elements added <paramref name="times"/> times (an Add inside a loop). Unbounded when either side is
        /// unbounded and the other is not provably zero; unknown when a side is unknown.
        /// </summary>
        public CollectionSize Times(CollectionSize times)
        {
            long? max = Max is { } a && times.Max is { } b ? a * Math.Min(b, Cap / Math.Max(a, 1)) : null;
            var unbounded = (IsUnbounded && (times.IsUnbounded || times.Max > 0))
                || (times.IsUnbounded && (IsUnbounded || Max > 0));
            var origin = times.IsUnbounded || Origin is null ? times.Origin ?? Origin : Origin;
            return new CollectionSize(Min * Math.Min(times.Min, Cap / Math.Max(Min, 1)), max, unbounded, origin);
        }

        /// <summary>The same elements, but only on some paths (inside an <c>if</c>, a <c>Where</c>): the minimum drops to zero.</summary>
        public CollectionSize Optional() => new CollectionSize(0, Max, IsUnbounded, Origin);

        /// <summary>Either this collection or <paramref name="other"/> (the two branches of <c>c ? a : b</c>).</summary>
        public CollectionSize Union(CollectionSize other)
        {
            long? max = Max is { } a && other.Max is { } b ? Math.Max(a, b) : null;
            return new CollectionSize(Math.Min(Min, other.Min), max, IsUnbounded || other.IsUnbounded, PickOrigin(this, other));
        }

        /// <summary>At most <paramref name="limit"/> of these elements (<c>Take(n)</c>, a guard on the count).</summary>
        public CollectionSize LimitTo(long limit, IOperation origin)
        {
            if (Max is { } max && max <= limit)
            {
                return this;
            }

            return new CollectionSize(Math.Min(Min, limit), limit, false, origin);
        }

        public override string ToString()
            => Max is { } max ? (IsExact ? max.ToString() : $"{Min}..{max}") : (IsUnbounded ? $"{Min}..unbounded" : $"{Min}..unknown");

        private static IOperation? PickOrigin(CollectionSize a, CollectionSize b)
        {
            if (a.IsUnbounded)
            {
                return a.Origin;
            }

            if (b.IsUnbounded)
            {
                return b.Origin;
            }

            if (a.Max is { } x && b.Max is { } y)
            {
                return x >= y ? a.Origin ?? b.Origin : b.Origin ?? a.Origin;
            }

            return a.Origin ?? b.Origin;
        }
    }

    /// <summary>How the evaluator treats a collection whose content comes from outside the method.</summary>
    internal enum SizeMode
    {
        /// <summary>
        /// The collection holds the batch's elements themselves (WriteRequests, keys, TransactWriteItems). One that comes
        /// from outside (a parameter, a field, a helper) was prepared, and maybe split, by someone else: its size is unknown.
        /// </summary>
        Elements,

        /// <summary>
        /// Each element of the collection becomes one batch element (the input of a <c>foreach</c> that adds requests, of
        /// a <c>Select</c>, of <c>AddSaveItems</c>). One that comes from outside has no limit: it is unbounded.
        /// </summary>
        Sources,
    }
}
