using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Model.Expressions
{
    /// <summary>The kind of expression a request property holds; it decides the grammar the parser applies.</summary>
    internal enum ExpressionKind
    {
        /// <summary>ConditionExpression or FilterExpression (and the document model's ExpressionStatement).</summary>
        Condition,

        /// <summary>KeyConditionExpression: a condition restricted to =, &lt;, &lt;=, &gt;, &gt;=, BETWEEN, begins_with and AND.</summary>
        KeyCondition,

        /// <summary>UpdateExpression: SET / REMOVE / ADD / DELETE clauses.</summary>
        Update,

        /// <summary>ProjectionExpression: a comma-separated list of document paths.</summary>
        Projection,
    }

    /// <summary>
    /// A node of a parsed DynamoDB expression. <see cref="Span"/> is relative to the expression string (not to any C#
    /// source), so a rule maps it back into the string literal itself. Trees are immutable.
    /// </summary>
    internal abstract class ExpressionNode
    {
        private protected ExpressionNode(TextSpan span)
        {
            Span = span;
        }

        /// <summary>Where the node is in the expression string.</summary>
        public TextSpan Span { get; }

        /// <summary>Number of direct children (see <see cref="GetChild"/>).</summary>
        public abstract int ChildCount { get; }

        /// <summary>The direct child at <paramref name="index"/>, in source order.</summary>
        public abstract ExpressionNode GetChild(int index);

        /// <summary>This node and every node below it, in source order (pre-order); iterative, so deep trees are safe.</summary>
        public IEnumerable<ExpressionNode> DescendantsAndSelf()
        {
            var stack = new Stack<ExpressionNode>();
            stack.Push(this);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                yield return node;
                for (var i = node.ChildCount - 1; i >= 0; i--)
                {
                    stack.Push(node.GetChild(i));
                }
            }
        }

        /// <summary>The canonical printed form (see <see cref="ExpressionPrinter"/>).</summary>
        public override string ToString() => ExpressionPrinter.Print(this);
    }

    /// <summary>How one element of a document path is written.</summary>
    internal enum PathElementKind
    {
        /// <summary>A bare attribute name (<c>Price</c>); subject to the reserved-word rule.</summary>
        Name,

        /// <summary>An expression attribute name placeholder (<c>#p</c>), resolved through ExpressionAttributeNames.</summary>
        NamePlaceholder,

        /// <summary>A list index (<c>[3]</c>).</summary>
        Index,
    }

    /// <summary>One element of a document path: <c>a</c>, <c>#b</c> or <c>[0]</c>.</summary>
    internal readonly struct PathElement
    {
        public PathElement(PathElementKind kind, string text, int index, TextSpan span)
        {
            Kind = kind;
            Text = text;
            Index = index;
            Span = span;
        }

        public PathElementKind Kind { get; }

        /// <summary>The name (<c>a</c>), the placeholder with its <c>#</c> (<c>#b</c>), or the digits of an index.</summary>
        public string Text { get; }

        /// <summary>The list index for <see cref="PathElementKind.Index"/> (saturated at int.MaxValue), else -1.</summary>
        public int Index { get; }

        /// <summary>For a name or placeholder, the name itself; for an index, the brackets included.</summary>
        public TextSpan Span { get; }
    }

    /// <summary>
    /// A document path: <c>Price</c>, <c>#n</c>, <c>Info.Ratings[0].#s</c>. The first element is always a name or
    /// a name placeholder.
    /// </summary>
    internal sealed class DocumentPath : ExpressionNode
    {
        public DocumentPath(ImmutableArray<PathElement> elements, TextSpan span)
            : base(span)
        {
            Elements = elements;
        }

        public ImmutableArray<PathElement> Elements { get; }

        /// <summary>True for a path of one name or placeholder (a top-level attribute, no dots, no index).</summary>
        public bool IsTopLevelAttribute => Elements.Length == 1;

        public override int ChildCount => 0;

        public override ExpressionNode GetChild(int index) => throw new System.ArgumentOutOfRangeException(nameof(index));

        /// <summary>
        /// The name of the top-level attribute this path starts at: the bare name, or the placeholder's entry in
        /// <paramref name="names"/>. False when the first element is a placeholder <paramref name="names"/> does not define.
        /// </summary>
        public bool TryGetRootAttributeName(IReadOnlyDictionary<string, string>? names, out string name)
            => TryResolveElement(Elements[0], names, out name);

        /// <summary>
        /// True when the path is exactly the top-level attribute <paramref name="attributeName"/>, written bare or
        /// through a placeholder defined in <paramref name="names"/> (attribute names are case-sensitive).
        /// </summary>
        public bool IsAttribute(string attributeName, IReadOnlyDictionary<string, string>? names)
            => IsTopLevelAttribute && TryGetRootAttributeName(names, out var name) && name == attributeName;

        /// <summary>
        /// The path with placeholders replaced by their names (<c>Info.Ratings[0]</c>); false when a placeholder
        /// is not defined in <paramref name="names"/>.
        /// </summary>
        public bool TryResolve(IReadOnlyDictionary<string, string>? names, out string resolved)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var element in Elements)
            {
                if (element.Kind == PathElementKind.Index)
                {
                    builder.Append('[').Append(element.Index).Append(']');
                    continue;
                }

                if (!TryResolveElement(element, names, out var name))
                {
                    resolved = string.Empty;
                    return false;
                }

                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(name);
            }

            resolved = builder.ToString();
            return true;
        }

        /// <summary>
        /// True when both paths name the same document location, element by element, after resolving placeholders
        /// (an undefined placeholder only matches the same placeholder).
        /// </summary>
        public bool IsSamePath(DocumentPath other, IReadOnlyDictionary<string, string>? names)
            => Elements.Length == other.Elements.Length && CommonPrefixLength(other, names) == Elements.Length;

        /// <summary>
        /// True when one path is a prefix of the other or both are equal (<c>a</c> and <c>a.b</c>, <c>a[0]</c> and
        /// <c>a[0].c</c>): DynamoDB rejects an update expression whose paths overlap like this.
        /// </summary>
        public bool Overlaps(DocumentPath other, IReadOnlyDictionary<string, string>? names)
            => CommonPrefixLength(other, names) == System.Math.Min(Elements.Length, other.Elements.Length);

        private int CommonPrefixLength(DocumentPath other, IReadOnlyDictionary<string, string>? names)
        {
            var length = System.Math.Min(Elements.Length, other.Elements.Length);
            for (var i = 0; i < length; i++)
            {
                if (!ElementsEqual(Elements[i], other.Elements[i], names))
                {
                    return i;
                }
            }

            return length;
        }

        private static bool ElementsEqual(PathElement left, PathElement right, IReadOnlyDictionary<string, string>? names)
        {
            if ((left.Kind == PathElementKind.Index) != (right.Kind == PathElementKind.Index))
            {
                return false;
            }

            if (left.Kind == PathElementKind.Index)
            {
                return left.Index == right.Index;
            }

            var leftResolved = TryResolveElement(left, names, out var leftName);
            var rightResolved = TryResolveElement(right, names, out var rightName);
            return leftResolved && rightResolved ? leftName == rightName : left.Text == right.Text;
        }

        private static bool TryResolveElement(PathElement element, IReadOnlyDictionary<string, string>? names, out string name)
        {
            switch (element.Kind)
            {
                case PathElementKind.Name:
                    name = element.Text;
                    return true;
                case PathElementKind.NamePlaceholder when names is not null && names.TryGetValue(element.Text, out var value) && value is not null:
                    name = value;
                    return true;
                default:
                    name = string.Empty;
                    return false;
            }
        }
    }

    /// <summary>An expression attribute value placeholder: <c>:v</c>.</summary>
    internal sealed class ValuePlaceholder : ExpressionNode
    {
        public ValuePlaceholder(string name, TextSpan span)
            : base(span)
        {
            Name = name;
        }

        /// <summary>The placeholder with its colon (<c>:v</c>), as ExpressionAttributeValues keys it.</summary>
        public string Name { get; }

        public override int ChildCount => 0;

        public override ExpressionNode GetChild(int index) => throw new System.ArgumentOutOfRangeException(nameof(index));
    }

    /// <summary>The functions of DynamoDB expressions. Their names are case-sensitive.</summary>
    internal enum ExpressionFunction
    {
        /// <summary>A name DynamoDB does not know (or a known name in the wrong case).</summary>
        Unknown,
        AttributeExists,
        AttributeNotExists,
        AttributeType,
        BeginsWith,
        Contains,
        Size,
        IfNotExists,
        ListAppend,
    }

    /// <summary>A function call: <c>attribute_not_exists(#id)</c>, <c>size(Tags)</c>, <c>if_not_exists(n, :zero)</c>.</summary>
    internal sealed class FunctionCall : ExpressionNode
    {
        public FunctionCall(ExpressionFunction function, string name, TextSpan nameSpan, ImmutableArray<ExpressionNode> arguments, TextSpan span)
            : base(span)
        {
            Function = function;
            Name = name;
            NameSpan = nameSpan;
            Arguments = arguments;
        }

        public ExpressionFunction Function { get; }

        /// <summary>The name as written.</summary>
        public string Name { get; }

        public TextSpan NameSpan { get; }

        public ImmutableArray<ExpressionNode> Arguments { get; }

        /// <summary>The first argument when it is a document path (the attribute the function tests), else null.</summary>
        public DocumentPath? PathArgument => Arguments.Length > 0 ? Arguments[0] as DocumentPath : null;

        public override int ChildCount => Arguments.Length;

        public override ExpressionNode GetChild(int index) => Arguments[index];
    }

    internal enum ArithmeticOperator
    {
        Add,
        Subtract,
    }

    /// <summary>A SET value with <c>+</c> or <c>-</c>: <c>#n + :d</c>, <c>if_not_exists(#n, :z) - :d</c>.</summary>
    internal sealed class ArithmeticExpression : ExpressionNode
    {
        public ArithmeticExpression(ExpressionNode left, ArithmeticOperator @operator, TextSpan operatorSpan, ExpressionNode right, TextSpan span)
            : base(span)
        {
            Left = left;
            Operator = @operator;
            OperatorSpan = operatorSpan;
            Right = right;
        }

        public ExpressionNode Left { get; }

        public ArithmeticOperator Operator { get; }

        public TextSpan OperatorSpan { get; }

        public ExpressionNode Right { get; }

        public override int ChildCount => 2;

        public override ExpressionNode GetChild(int index) => index == 0 ? Left : Right;
    }

    internal enum ComparisonOperator
    {
        Equal,
        NotEqual,
        LessThan,
        LessThanOrEqual,
        GreaterThan,
        GreaterThanOrEqual,
    }

    /// <summary>A comparison: <c>#v = :expected</c>, <c>size(Tags) &gt; :n</c>.</summary>
    internal sealed class Comparison : ExpressionNode
    {
        public Comparison(ExpressionNode left, ComparisonOperator @operator, TextSpan operatorSpan, ExpressionNode right, TextSpan span)
            : base(span)
        {
            Left = left;
            Operator = @operator;
            OperatorSpan = operatorSpan;
            Right = right;
        }

        public ExpressionNode Left { get; }

        public ComparisonOperator Operator { get; }

        public TextSpan OperatorSpan { get; }

        public ExpressionNode Right { get; }

        /// <summary>
        /// When one side is exactly the top-level attribute <paramref name="attributeName"/> (bare or through a
        /// placeholder in <paramref name="names"/>), the other side; else null. <c>#v = :v</c> and <c>:v = #v</c> both match.
        /// </summary>
        public ExpressionNode? GetOperandComparedWith(string attributeName, IReadOnlyDictionary<string, string>? names)
        {
            if (Left is DocumentPath left && left.IsAttribute(attributeName, names))
            {
                return Right;
            }

            if (Right is DocumentPath right && right.IsAttribute(attributeName, names))
            {
                return Left;
            }

            return null;
        }

        public override int ChildCount => 2;

        public override ExpressionNode GetChild(int index) => index == 0 ? Left : Right;
    }

    /// <summary><c>operand BETWEEN low AND high</c>.</summary>
    internal sealed class BetweenExpression : ExpressionNode
    {
        public BetweenExpression(ExpressionNode operand, ExpressionNode low, ExpressionNode high, TextSpan span)
            : base(span)
        {
            Operand = operand;
            Low = low;
            High = high;
        }

        public ExpressionNode Operand { get; }

        public ExpressionNode Low { get; }

        public ExpressionNode High { get; }

        public override int ChildCount => 3;

        public override ExpressionNode GetChild(int index) => index switch { 0 => Operand, 1 => Low, _ => High };
    }

    /// <summary><c>operand IN (a, b, ...)</c>.</summary>
    internal sealed class InExpression : ExpressionNode
    {
        public InExpression(ExpressionNode operand, ImmutableArray<ExpressionNode> values, TextSpan span)
            : base(span)
        {
            Operand = operand;
            Values = values;
        }

        public ExpressionNode Operand { get; }

        public ImmutableArray<ExpressionNode> Values { get; }

        public override int ChildCount => 1 + Values.Length;

        public override ExpressionNode GetChild(int index) => index == 0 ? Operand : Values[index - 1];
    }

    internal enum LogicalOperator
    {
        And,
        Or,
    }

    /// <summary>
    /// A chain of conditions joined by one operator: <c>a AND b AND c</c> is one node with three operands.
    /// Parentheses or a change of operator start a new node (AND binds tighter than OR).
    /// </summary>
    internal sealed class LogicalExpression : ExpressionNode
    {
        public LogicalExpression(LogicalOperator @operator, ImmutableArray<ExpressionNode> operands, TextSpan span)
            : base(span)
        {
            Operator = @operator;
            Operands = operands;
        }

        public LogicalOperator Operator { get; }

        public ImmutableArray<ExpressionNode> Operands { get; }

        public override int ChildCount => Operands.Length;

        public override ExpressionNode GetChild(int index) => Operands[index];
    }

    /// <summary><c>NOT condition</c>.</summary>
    internal sealed class NotExpression : ExpressionNode
    {
        public NotExpression(ExpressionNode operand, TextSpan span)
            : base(span)
        {
            Operand = operand;
        }

        public ExpressionNode Operand { get; }

        public override int ChildCount => 1;

        public override ExpressionNode GetChild(int index) => Operand;
    }

    internal enum UpdateClauseKind
    {
        Set,
        Remove,
        Add,
        Delete,
    }

    /// <summary>An update expression: its clauses in source order.</summary>
    internal sealed class UpdateExpression : ExpressionNode
    {
        public UpdateExpression(ImmutableArray<UpdateClause> clauses, TextSpan span)
            : base(span)
        {
            Clauses = clauses;
        }

        public ImmutableArray<UpdateClause> Clauses { get; }

        public override int ChildCount => Clauses.Length;

        public override ExpressionNode GetChild(int index) => Clauses[index];
    }

    /// <summary>One clause: <c>SET a = :a, b = :b</c>.</summary>
    internal sealed class UpdateClause : ExpressionNode
    {
        public UpdateClause(UpdateClauseKind kind, TextSpan keywordSpan, ImmutableArray<UpdateAction> actions, TextSpan span)
            : base(span)
        {
            Kind = kind;
            KeywordSpan = keywordSpan;
            Actions = actions;
        }

        public UpdateClauseKind Kind { get; }

        public TextSpan KeywordSpan { get; }

        public ImmutableArray<UpdateAction> Actions { get; }

        public override int ChildCount => Actions.Length;

        public override ExpressionNode GetChild(int index) => Actions[index];
    }

    /// <summary>
    /// One action of an update clause: <c>SET path = value</c>, <c>REMOVE path</c>, <c>ADD path value</c>,
    /// <c>DELETE path value</c>. <see cref="Value"/> is null for REMOVE.
    /// </summary>
    internal sealed class UpdateAction : ExpressionNode
    {
        public UpdateAction(UpdateClauseKind kind, DocumentPath path, ExpressionNode? value, TextSpan span)
            : base(span)
        {
            Kind = kind;
            Path = path;
            Value = value;
        }

        public UpdateClauseKind Kind { get; }

        /// <summary>The path the action writes.</summary>
        public DocumentPath Path { get; }

        /// <summary>The value operand tree (SET: the right-hand side; ADD/DELETE: the operand), null for REMOVE.</summary>
        public ExpressionNode? Value { get; }

        /// <summary>True for <c>SET path = :v</c>: the value replaces whatever is stored (no arithmetic, no function).</summary>
        public bool IsPlainAssignment => Kind == UpdateClauseKind.Set && Value is ValuePlaceholder;

        /// <summary>
        /// True when the action changes its target relative to the stored value: <c>ADD p :d</c>,
        /// <c>SET p = p + :d</c>, <c>SET p = :d + p</c>, <c>SET p = p - :d</c>, the stored value optionally read through
        /// <c>if_not_exists(p, :start)</c>. <paramref name="delta"/> is the other operand (for ADD, the value).
        /// Placeholders are compared after resolving them through <paramref name="names"/>.
        /// </summary>
        public bool IsRelativeUpdate(IReadOnlyDictionary<string, string>? names, out ArithmeticOperator @operator, out ExpressionNode? delta)
        {
            @operator = ArithmeticOperator.Add;
            delta = null;
            if (Kind == UpdateClauseKind.Add)
            {
                delta = Value;
                return Value is not null;
            }

            if (Kind != UpdateClauseKind.Set || Value is not ArithmeticExpression arithmetic)
            {
                return false;
            }

            @operator = arithmetic.Operator;
            if (ReadsTarget(arithmetic.Left, names))
            {
                delta = arithmetic.Right;
                return true;
            }

            if (arithmetic.Operator == ArithmeticOperator.Add && ReadsTarget(arithmetic.Right, names))
            {
                delta = arithmetic.Left;
                return true;
            }

            return false;
        }

        private bool ReadsTarget(ExpressionNode operand, IReadOnlyDictionary<string, string>? names)
        {
            return operand switch
            {
                DocumentPath path => path.IsSamePath(Path, names),
                FunctionCall { Function: ExpressionFunction.IfNotExists, PathArgument: { } path } => path.IsSamePath(Path, names),
                _ => false,
            };
        }

        public override int ChildCount => Value is null ? 1 : 2;

        public override ExpressionNode GetChild(int index) => index == 0 ? Path : Value!;
    }

    /// <summary>A projection expression: the listed paths.</summary>
    internal sealed class ProjectionExpression : ExpressionNode
    {
        public ProjectionExpression(ImmutableArray<DocumentPath> paths, TextSpan span)
            : base(span)
        {
            Paths = paths;
        }

        public ImmutableArray<DocumentPath> Paths { get; }

        public override int ChildCount => Paths.Length;

        public override ExpressionNode GetChild(int index) => Paths[index];
    }
}
