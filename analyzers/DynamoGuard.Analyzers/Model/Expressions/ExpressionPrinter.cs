using System.Text;

namespace DynamoGuard.Model.Expressions
{
    /// <summary>
    /// Prints a tree in one canonical form, so tests (and debug output) show exactly how a text was understood:
    /// every compound condition and arithmetic in parentheses, keywords in upper case, single spaces, paths as
    /// <c>a.#b[0]</c>, update clauses in source order (<c>SET a = (a + :d), b = :b REMOVE c</c>).
    /// </summary>
    internal static class ExpressionPrinter
    {
        public static string Print(ExpressionNode node)
        {
            var builder = new StringBuilder();
            Append(builder, node);
            return builder.ToString();
        }

        private static void Append(StringBuilder builder, ExpressionNode node)
        {
            switch (node)
            {
                case DocumentPath path:
                    for (var i = 0; i < path.Elements.Length; i++)
                    {
                        var element = path.Elements[i];
                        if (element.Kind == PathElementKind.Index)
                        {
                            builder.Append('[').Append(element.Index).Append(']');
                        }
                        else
                        {
                            builder.Append(i == 0 ? string.Empty : ".").Append(element.Text);
                        }
                    }

                    break;
                case ValuePlaceholder value:
                    builder.Append(value.Name);
                    break;
                case FunctionCall call:
                    builder.Append(call.Name).Append('(');
                    AppendList(builder, call, 0);
                    builder.Append(')');
                    break;
                case ArithmeticExpression arithmetic:
                    builder.Append('(');
                    Append(builder, arithmetic.Left);
                    builder.Append(arithmetic.Operator == ArithmeticOperator.Add ? " + " : " - ");
                    Append(builder, arithmetic.Right);
                    builder.Append(')');
                    break;
                case Comparison comparison:
                    builder.Append('(');
                    Append(builder, comparison.Left);
                    builder.Append(' ').Append(OperatorText(comparison.Operator)).Append(' ');
                    Append(builder, comparison.Right);
                    builder.Append(')');
                    break;
                case BetweenExpression between:
                    builder.Append('(');
                    Append(builder, between.Operand);
                    builder.Append(" BETWEEN ");
                    Append(builder, between.Low);
                    builder.Append(" AND ");
                    Append(builder, between.High);
                    builder.Append(')');
                    break;
                case InExpression @in:
                    builder.Append('(');
                    Append(builder, @in.Operand);
                    builder.Append(" IN (");
                    AppendList(builder, @in, 1);
                    builder.Append("))");
                    break;
                case LogicalExpression logical:
                    builder.Append('(');
                    for (var i = 0; i < logical.Operands.Length; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(logical.Operator == LogicalOperator.And ? " AND " : " OR ");
                        }

                        Append(builder, logical.Operands[i]);
                    }

                    builder.Append(')');
                    break;
                case NotExpression not:
                    builder.Append("(NOT ");
                    Append(builder, not.Operand);
                    builder.Append(')');
                    break;
                case UpdateExpression update:
                    for (var i = 0; i < update.Clauses.Length; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(' ');
                        }

                        Append(builder, update.Clauses[i]);
                    }

                    break;
                case UpdateClause clause:
                    builder.Append(clause.Kind.ToString().ToUpperInvariant()).Append(' ');
                    for (var i = 0; i < clause.Actions.Length; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(", ");
                        }

                        Append(builder, clause.Actions[i]);
                    }

                    break;
                case UpdateAction action:
                    Append(builder, action.Path);
                    if (action.Value is not null)
                    {
                        builder.Append(action.Kind == UpdateClauseKind.Set ? " = " : " ");
                        Append(builder, action.Value);
                    }

                    break;
                case ProjectionExpression projection:
                    AppendList(builder, projection, 0);
                    break;
            }
        }

        private static void AppendList(StringBuilder builder, ExpressionNode parent, int firstChild)
        {
            for (var i = firstChild; i < parent.ChildCount; i++)
            {
                if (i > firstChild)
                {
                    builder.Append(", ");
                }

                Append(builder, parent.GetChild(i));
            }
        }

        private static string OperatorText(ComparisonOperator comparison) => comparison switch
        {
            ComparisonOperator.Equal => "=",
            ComparisonOperator.NotEqual => "<>",
            ComparisonOperator.LessThan => "<",
            ComparisonOperator.LessThanOrEqual => "<=",
            ComparisonOperator.GreaterThan => ">",
            _ => ">=",
        };
    }
}
