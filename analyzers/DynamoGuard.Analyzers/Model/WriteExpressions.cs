using System.Collections.Generic;
using DynamoGuard.Model.Expressions;

namespace DynamoGuard.Model
{
    /// <summary>
    /// The parsed ConditionExpression and UpdateExpression of an <see cref="ItemWrite"/>, with its
    /// ExpressionAttributeNames, answering the questions the optimistic-locking rules ask: does the condition refer to
    /// the version (directly or through an alias)? does it test <c>attribute_not_exists</c> on a key? which attributes
    /// does it compare with <c>=</c>? which attributes does the update SET or ADD?
    /// Whatever cannot be known (a condition built at run time, a syntax error, an alias the method does not define)
    /// makes the answers err on the side of "guarded", so rules stay silent.
    /// </summary>
    internal sealed class WriteExpressions
    {
        private WriteExpressions(ExpressionParseResult? condition, bool conditionUnknown, ExpressionParseResult? update, bool updateUnknown, Dictionary<string, string>? names)
        {
            Condition = condition;
            IsConditionUnknown = conditionUnknown;
            Update = update;
            IsUpdateUnknown = updateUnknown;
            Names = names;
        }

        /// <summary>The parsed condition, or null when the write has none (or it cannot be read).</summary>
        public ExpressionParseResult? Condition { get; }

        /// <summary>True when the write sets a condition the method does not show (not constant, or unparsable).</summary>
        public bool IsConditionUnknown { get; }

        public ExpressionParseResult? Update { get; }

        public bool IsUpdateUnknown { get; }

        /// <summary>Placeholder to attribute name, from the entries the method shows; null when the map is not visible.</summary>
        public IReadOnlyDictionary<string, string>? Names { get; }

        /// <summary>True when the write has a condition (known or not).</summary>
        public bool HasCondition => Condition is not null || IsConditionUnknown;

        public static WriteExpressions Parse(ItemWrite write)
        {
            Dictionary<string, string>? names = write.Names.State switch
            {
                PartState.Absent => new Dictionary<string, string>(System.StringComparer.Ordinal),
                PartState.Known => write.Names.ToNameMap(),
                _ => null,
            };

            ExpressionParseResult? condition = null;
            var conditionUnknown = false;
            switch (write.Condition.State)
            {
                case PartState.Known:
                    condition = ExpressionParser.ParseCondition(write.Condition.Text);
                    conditionUnknown = condition.Root is null;
                    if (conditionUnknown)
                    {
                        condition = null;
                    }

                    break;
                case PartState.Unknown:
                    conditionUnknown = true;
                    break;
            }

            ExpressionParseResult? update = null;
            var updateUnknown = false;
            switch (write.UpdateExpression.State)
            {
                case PartState.Known:
                    update = ExpressionParser.ParseUpdate(write.UpdateExpression.Text);
                    updateUnknown = update.Root is null;
                    if (updateUnknown)
                    {
                        update = null;
                    }

                    break;
                case PartState.Unknown:
                    updateUnknown = true;
                    break;
            }

            return new WriteExpressions(condition, conditionUnknown, update, updateUnknown, names);
        }

        /// <summary>
        /// True when the condition may refer to <paramref name="attribute"/>: a path starting at it (bare or through an
        /// alias), or a name placeholder the method does not define (it could stand for the attribute), or a condition
        /// that cannot be read.
        /// </summary>
        public bool ConditionMayReference(string attribute)
        {
            if (IsConditionUnknown)
            {
                return true;
            }

            if (Condition is null)
            {
                return false;
            }

            foreach (var path in Condition.Paths)
            {
                if (!path.TryGetRootAttributeName(Names, out var name) || name == attribute)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the condition calls <c>attribute_not_exists</c> on an attribute for which <paramref name="isKey"/>
        /// is true (a create-only write), or the condition cannot be read.
        /// </summary>
        public bool ConditionTestsAttributeNotExists(System.Func<string, bool> isKey)
        {
            if (IsConditionUnknown)
            {
                return true;
            }

            if (Condition is null)
            {
                return false;
            }

            foreach (var call in Condition.FunctionCalls)
            {
                if (call.Function == ExpressionFunction.AttributeNotExists && call.PathArgument is { } path)
                {
                    if (!path.TryGetRootAttributeName(Names, out var name) || isKey(name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The attributes the condition compares with <c>=</c> against a value placeholder, and that placeholder.</summary>
        public IEnumerable<(string Attribute, string Placeholder)> EqualityComparisons()
        {
            if (Condition is null)
            {
                yield break;
            }

            foreach (var comparison in Condition.Comparisons)
            {
                if (comparison.Operator != ComparisonOperator.Equal)
                {
                    continue;
                }

                if (comparison.Left is DocumentPath left && left.IsTopLevelAttribute && comparison.Right is ValuePlaceholder right
                    && left.TryGetRootAttributeName(Names, out var leftName))
                {
                    yield return (leftName, right.Name);
                }
                else if (comparison.Right is DocumentPath path && path.IsTopLevelAttribute && comparison.Left is ValuePlaceholder value
                    && path.TryGetRootAttributeName(Names, out var rightName))
                {
                    yield return (rightName, value.Name);
                }
            }
        }

        /// <summary>The placeholder the condition compares <paramref name="attribute"/> with using <c>=</c>, or null.</summary>
        public string? GetExpectedPlaceholder(string attribute)
        {
            foreach (var (name, placeholder) in EqualityComparisons())
            {
                if (name == attribute)
                {
                    return placeholder;
                }
            }

            return null;
        }

        /// <summary>The SET and ADD actions of the update expression whose target is a top-level attribute, with its name.</summary>
        public IEnumerable<(string Attribute, UpdateAction Action)> UpdatedAttributes()
        {
            if (Update is null)
            {
                yield break;
            }

            foreach (var action in Update.UpdateActions)
            {
                if (action.Kind is UpdateClauseKind.Set or UpdateClauseKind.Add
                    && action.Path.IsTopLevelAttribute
                    && action.Path.TryGetRootAttributeName(Names, out var name))
                {
                    yield return (name, action);
                }
            }
        }

        /// <summary>
        /// The action of an update that changes nothing but <paramref name="attribute"/>: an update expression with one
        /// action (SET, ADD, REMOVE or DELETE), on that top-level attribute, and no legacy AttributeUpdates. Such a write
        /// cannot overwrite another writer's change to the item: a version bump, or a check written as an update. Null
        /// for anything else (a put, an expression that is not known, several actions, another attribute).
        /// </summary>
        public static UpdateAction? GetOnlyAction(ItemWrite write, WriteExpressions expressions, string attribute)
        {
            if (write.Kind != DynamoOperation.UpdateItem
                || write.Surface == WriteSurface.DocumentTable
                || write.AttributeUpdates.State != PartState.Absent
                || expressions.IsUpdateUnknown
                || expressions.Update is not { UpdateActions.Length: 1 } update)
            {
                return null;
            }

            var action = update.UpdateActions[0];
            return action.Path.IsTopLevelAttribute
                && action.Path.TryGetRootAttributeName(expressions.Names, out var name)
                && name == attribute
                ? action
                : null;
        }

        /// <summary>
        /// True for an update that changes nothing: every action is <c>SET a = :v</c> where the condition requires
        /// <c>a = :v</c> (a top-level conjunct), so the write stores only values the item already holds. Such an update is
        /// a condition check written as an update (in a transaction, to make it fail when the item changed).
        /// </summary>
        public static bool WritesOnlyCheckedValues(ItemWrite write, WriteExpressions expressions)
        {
            if (write.Kind != DynamoOperation.UpdateItem
                || write.Surface == WriteSurface.DocumentTable
                || write.AttributeUpdates.State != PartState.Absent
                || expressions.IsUpdateUnknown
                || expressions.Update is not { UpdateActions.Length: > 0 } update
                || expressions.Condition?.Root is not { } condition)
            {
                return false;
            }

            var required = new List<(string Attribute, string Placeholder)>();
            AddRequiredEqualities(condition, expressions.Names, required);
            foreach (var action in update.UpdateActions)
            {
                if (!action.IsPlainAssignment
                    || action.Value is not ValuePlaceholder value
                    || !action.Path.IsTopLevelAttribute
                    || !action.Path.TryGetRootAttributeName(expressions.Names, out var name)
                    || !required.Contains((name, value.Name)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The <c>attribute = :placeholder</c> comparisons that must hold for the condition to pass (its AND-ed terms).</summary>
        private static void AddRequiredEqualities(ExpressionNode node, IReadOnlyDictionary<string, string>? names, List<(string, string)> required)
        {
            switch (node)
            {
                case LogicalExpression { Operator: LogicalOperator.And } and:
                    foreach (var operand in and.Operands)
                    {
                        AddRequiredEqualities(operand, names, required);
                    }

                    break;

                case Comparison { Operator: ComparisonOperator.Equal } comparison:
                    if (comparison.Left is DocumentPath left && left.IsTopLevelAttribute && comparison.Right is ValuePlaceholder right
                        && left.TryGetRootAttributeName(names, out var leftName))
                    {
                        required.Add((leftName, right.Name));
                    }
                    else if (comparison.Right is DocumentPath path && path.IsTopLevelAttribute && comparison.Left is ValuePlaceholder value
                        && path.TryGetRootAttributeName(names, out var rightName))
                    {
                        required.Add((rightName, value.Name));
                    }

                    break;
            }
        }

        /// <summary>True when the update expression may write <paramref name="attribute"/> (SET or ADD, or an undefined alias).</summary>
        public bool UpdateMayWrite(string attribute)
        {
            if (IsUpdateUnknown)
            {
                return true;
            }

            if (Update is null)
            {
                return false;
            }

            foreach (var action in Update.UpdateActions)
            {
                if (action.Kind is UpdateClauseKind.Set or UpdateClauseKind.Add
                    && (!action.Path.TryGetRootAttributeName(Names, out var name) || name == attribute))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
