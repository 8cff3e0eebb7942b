using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Model.Expressions
{
    /// <summary>
    /// One problem found in an expression. <see cref="Span"/> is relative to the expression string; an error at the
    /// end of the text has an empty span at the text's length.
    /// </summary>
    internal sealed class ExpressionError
    {
        public ExpressionError(string message, TextSpan span, string? expected, bool isSyntaxError)
        {
            Message = message;
            Span = span;
            Expected = expected;
            IsSyntaxError = isSyntaxError;
        }

        /// <summary>What is wrong, in words a user reads in a diagnostic (no position: callers add it).</summary>
        public string Message { get; }

        public TextSpan Span { get; }

        /// <summary>What the parser expected at <see cref="Span"/> (<c>')'</c>, <c>an operand</c>), or null when the error is not about a missing token.</summary>
        public string? Expected { get; }

        /// <summary>
        /// True when the text does not parse (the tree is then unavailable); false for a well-formed text DynamoDB still
        /// rejects (unknown function, a clause used twice, an operator a key condition does not allow).
        /// </summary>
        public bool IsSyntaxError { get; }

        public override string ToString() => $"{Span.Start}: {Message}";
    }

    /// <summary>A name as it occurs in an expression: a bare attribute name (<c>Price</c>) or a placeholder (<c>#p</c>).</summary>
    internal readonly struct NameOccurrence
    {
        public NameOccurrence(string name, TextSpan span)
        {
            Name = name;
            Span = span;
        }

        /// <summary>The text as written (placeholders with their <c>#</c>).</summary>
        public string Name { get; }

        public TextSpan Span { get; }
    }

    /// <summary>
    /// What <see cref="ExpressionParser"/> found in one expression string: the tree (<see cref="Root"/>), the errors, and
    /// indexes rules ask about most (placeholders, bare names, paths, comparisons, function calls, update actions).
    /// The indexes are empty when the text has a syntax error (<see cref="Root"/> is then null), so a rule can use them
    /// without checking for errors first; <see cref="Errors"/> may still hold non-syntax errors when Root is set.
    /// </summary>
    internal sealed class ExpressionParseResult
    {
        internal ExpressionParseResult(
            string text,
            ExpressionKind kind,
            ExpressionNode? root,
            ImmutableArray<ExpressionError> errors,
            ImmutableArray<DocumentPath> paths,
            ImmutableArray<NameOccurrence> attributeNames,
            ImmutableArray<NameOccurrence> namePlaceholders,
            ImmutableArray<ValuePlaceholder> valuePlaceholders,
            ImmutableArray<Comparison> comparisons,
            ImmutableArray<FunctionCall> functionCalls,
            ImmutableArray<UpdateAction> updateActions)
        {
            Text = text;
            Kind = kind;
            Root = root;
            Errors = errors;
            Paths = paths;
            AttributeNames = attributeNames;
            NamePlaceholders = namePlaceholders;
            ValuePlaceholders = valuePlaceholders;
            Comparisons = comparisons;
            FunctionCalls = functionCalls;
            UpdateActions = updateActions;
        }

        /// <summary>The expression string that was parsed.</summary>
        public string Text { get; }

        public ExpressionKind Kind { get; }

        /// <summary>
        /// The tree, or null when the text has a syntax error. Its type follows <see cref="Kind"/>: a condition node
        /// (<see cref="LogicalExpression"/>, <see cref="NotExpression"/>, <see cref="Comparison"/>,
        /// <see cref="BetweenExpression"/>, <see cref="InExpression"/>, <see cref="FunctionCall"/>), an
        /// <see cref="UpdateExpression"/>, or a <see cref="ProjectionExpression"/>.
        /// </summary>
        public ExpressionNode? Root { get; }

        /// <summary>Every problem found, in source order within each pass. Empty for an expression DynamoDB accepts.</summary>
        public ImmutableArray<ExpressionError> Errors { get; }

        /// <summary>True when the text parses and DynamoDB's grammar accepts it (no errors of any kind).</summary>
        public bool IsValid => Root is not null && Errors.IsEmpty;

        /// <summary>The first syntax error, or null.</summary>
        public ExpressionError? SyntaxError
        {
            get
            {
                foreach (var error in Errors)
                {
                    if (error.IsSyntaxError)
                    {
                        return error;
                    }
                }

                return null;
            }
        }

        /// <summary>Every document path, in source order (update targets, operands, function arguments, projections).</summary>
        public ImmutableArray<DocumentPath> Paths { get; }

        /// <summary>Every bare attribute name in any path element (<c>a</c> and <c>b</c> in <c>a.b[0]</c>), in source order.</summary>
        public ImmutableArray<NameOccurrence> AttributeNames { get; }

        /// <summary>Every <c>#name</c> placeholder occurrence, in source order (repeats included).</summary>
        public ImmutableArray<NameOccurrence> NamePlaceholders { get; }

        /// <summary>Every <c>:value</c> placeholder occurrence, in source order (repeats included).</summary>
        public ImmutableArray<ValuePlaceholder> ValuePlaceholders { get; }

        /// <summary>Every comparison (<c>=, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=</c>) of a condition, in source order.</summary>
        public ImmutableArray<Comparison> Comparisons { get; }

        /// <summary>Every function call, nested ones included, in source order.</summary>
        public ImmutableArray<FunctionCall> FunctionCalls { get; }

        /// <summary>For an update expression, every action of every clause, in source order; empty otherwise.</summary>
        public ImmutableArray<UpdateAction> UpdateActions { get; }

        /// <summary>The bare attribute names that are DynamoDB reserved words (each needs a <c>#name</c> placeholder).</summary>
        public IEnumerable<NameOccurrence> ReservedWordUses()
        {
            foreach (var name in AttributeNames)
            {
                if (ReservedWords.Contains(name.Name))
                {
                    yield return name;
                }
            }
        }

        /// <summary>True when the expression uses the placeholder (<c>#n</c> or <c>:v</c>, exact, case-sensitive).</summary>
        public bool UsesPlaceholder(string placeholder)
        {
            if (placeholder.Length > 0 && placeholder[0] == ':')
            {
                foreach (var value in ValuePlaceholders)
                {
                    if (value.Name == placeholder)
                    {
                        return true;
                    }
                }
            }
            else
            {
                foreach (var name in NamePlaceholders)
                {
                    if (name.Name == placeholder)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The comparisons that test the top-level attribute <paramref name="attributeName"/> (written bare or through a
        /// placeholder defined in <paramref name="names"/>), optionally only those with <paramref name="operator"/>.
        /// Use <see cref="Comparison.GetOperandComparedWith"/> for the other side.
        /// </summary>
        public IEnumerable<Comparison> FindComparisons(string attributeName, IReadOnlyDictionary<string, string>? names, ComparisonOperator? @operator = null)
        {
            foreach (var comparison in Comparisons)
            {
                if ((@operator is null || comparison.Operator == @operator) && comparison.GetOperandComparedWith(attributeName, names) is not null)
                {
                    yield return comparison;
                }
            }
        }

        /// <summary>
        /// True when the expression calls <paramref name="function"/> on the top-level attribute
        /// <paramref name="attributeName"/> (e.g. <c>attribute_not_exists(#pk)</c> with <c>#pk</c> → <c>pk</c>).
        /// The call may sit anywhere in the tree, also under NOT or OR: callers that need it to guard the whole condition
        /// inspect <see cref="Root"/>.
        /// </summary>
        public bool ContainsFunctionCall(ExpressionFunction function, string attributeName, IReadOnlyDictionary<string, string>? names)
        {
            foreach (var call in FunctionCalls)
            {
                if (call.Function == function && call.PathArgument is { } path && path.IsAttribute(attributeName, names))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The update actions whose target is exactly the top-level attribute <paramref name="attributeName"/>.</summary>
        public IEnumerable<UpdateAction> FindUpdateActions(string attributeName, IReadOnlyDictionary<string, string>? names)
        {
            foreach (var action in UpdateActions)
            {
                if (action.Path.IsAttribute(attributeName, names))
                {
                    yield return action;
                }
            }
        }

        public override string ToString() => Root is null ? "<error>" : ExpressionPrinter.Print(Root);
    }
}
