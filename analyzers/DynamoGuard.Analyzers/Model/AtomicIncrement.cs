using System.Collections.Generic;
using DynamoGuard.Model.Expressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>How an <see cref="AtomicIncrement"/> is sent.</summary>
    internal enum AtomicIncrementKind
    {
        /// <summary>Low-level UpdateItem whose UpdateExpression has <c>ADD #n :d</c> or <c>SET #n = #n + :d</c>.</summary>
        UpdateExpression,

        /// <summary>Low-level UpdateItem with legacy AttributeUpdates, <c>Action = AttributeAction.ADD</c> on a number.</summary>
        AttributeUpdates,

        /// <summary>A TransactWriteItems without ClientRequestToken whose <c>Update</c> member is such an update.</summary>
        Transaction,

        /// <summary>Object persistence model: Save of a type with a [DynamoDBAtomicCounter] property.</summary>
        AtomicCounter,
    }

    /// <summary>
    /// An unconditional atomic numeric update: a write that changes a number relative to its stored value (an
    /// increment or decrement), so sending it twice counts twice (DDB203). Conditional writes are not atomic
    /// increments in this sense: a replay fails its condition. Built by <see cref="TryRead"/>, which returns null for
    /// anything it cannot see completely (a request built elsewhere, an expression not known).
    /// </summary>
    internal sealed class AtomicIncrement
    {
        private AtomicIncrement(IInvocationOperation invocation, AtomicIncrementKind kind, string attribute, ItemWrite? write)
        {
            Invocation = invocation;
            Kind = kind;
            Attribute = attribute;
            Write = write;
        }

        public IInvocationOperation Invocation { get; }

        public AtomicIncrementKind Kind { get; }

        /// <summary>The attribute (or property) incremented, as the code names it.</summary>
        public string Attribute { get; }

        /// <summary>
        /// For a transaction, the ClientRequestToken it sets (null when none). A token makes the transaction idempotent
        /// for 10 minutes, unless each attempt makes a new one (see <see cref="IsTokenMadeWithin"/>).
        /// </summary>
        public IOperation? ClientRequestToken { get; private set; }

        /// <summary>
        /// True when the update is idempotent across attempts that each run the code in <paramref name="attempt"/>
        /// (a loop body, a lambda): no token, or a token computed inside it (a new Guid per attempt) are not.
        /// </summary>
        public bool IsIdempotentAcross(IOperation attempt)
            => ClientRequestToken is { } token && !IsTokenMadeWithin(token, attempt);

        /// <summary>True when the token's value (through once-assigned locals) is computed, not constant, inside <paramref name="attempt"/>.</summary>
        private static bool IsTokenMadeWithin(IOperation token, IOperation attempt)
        {
            var value = ValueResolver.Resolve(token);
            return value.ConstantValue is not { HasValue: true }
                && value is not (ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation)
                && attempt.Syntax.Span.Contains(value.Syntax.Span);
        }

        /// <summary>The low-level write, for <see cref="AtomicIncrementKind.UpdateExpression"/> and <see cref="AtomicIncrementKind.AttributeUpdates"/>.</summary>
        public ItemWrite? Write { get; }

        public static AtomicIncrement? TryRead(IInvocationOperation invocation, DynamoDbModel model)
        {
            var method = invocation.TargetMethod;
            if (!(SdkNames.IsSyncOrAsync(method.Name, "UpdateItem") || SdkNames.IsSyncOrAsync(method.Name, "TransactWriteItems") || SdkNames.IsSyncOrAsync(method.Name, "Save")))
            {
                return null;
            }

            switch (model.GetClientOperation(method))
            {
                case DynamoOperation.UpdateItem:
                    return ItemWrite.TryRead(invocation, model) is { } write ? FromWrite(invocation, write, model) : null;
                case DynamoOperation.TransactWriteItems:
                    return FromTransaction(invocation, model);
            }

            if (model.GetTableOperation(method) == DynamoOperation.UpdateItem)
            {
                return FromDocumentRequest(invocation);
            }

            if (model.TryGetContextSave(invocation, out _, out var itemType, out _)
                && model.GetVersionProperty(itemType) is null
                && FindAtomicCounter(itemType, model) is { } counter)
            {
                return new AtomicIncrement(invocation, AtomicIncrementKind.AtomicCounter, counter.Name, null);
            }

            return null;
        }

        /// <summary>The incremented attribute of an unconditional update, or null.</summary>
        public static string? FindIncrementedAttribute(ItemWrite write, DynamoDbModel model)
        {
            if (write.Kind != DynamoOperation.UpdateItem || write.Condition.State != PartState.Absent || write.Expected.State != PartState.Absent || write.HasExpectedState)
            {
                return null;
            }

            var expressions = WriteExpressions.Parse(write);
            if (expressions.Update is { } update)
            {
                foreach (var action in update.UpdateActions)
                {
                    if (action.IsRelativeUpdate(expressions.Names, out _, out var delta)
                        && (action.Kind != UpdateClauseKind.Add || !IsSetValue(delta, write.Values, model)))
                    {
                        return action.Path.TryGetRootAttributeName(expressions.Names, out var name) ? name : action.Path.ToString();
                    }
                }
            }

            foreach (var entry in write.AttributeUpdates.Entries)
            {
                if (ObjectBuildUp.TryCreate(entry.Value) is { } attributeUpdate
                    && attributeUpdate.GetValue("Action")?.WalkDownConversions() is IFieldReferenceOperation { Field.Name: "ADD" } action
                    && action.Field.ContainingType?.Name == "AttributeAction"
                    && attributeUpdate.GetValue("Value") is { } value
                    && ObjectBuildUp.TryCreate(value) is { } attributeValue
                    && attributeValue.GetValue("N") is not null)
                {
                    return entry.Key;
                }
            }

            return null;
        }

        private static AtomicIncrement? FromWrite(IInvocationOperation invocation, ItemWrite write, DynamoDbModel model)
        {
            if (write.Surface is not (WriteSurface.ClientRequest or WriteSurface.ClientConvenience) || FindIncrementedAttribute(write, model) is not { } attribute)
            {
                return null;
            }

            var kind = write.UpdateExpression.State == PartState.Known ? AtomicIncrementKind.UpdateExpression : AtomicIncrementKind.AttributeUpdates;
            return new AtomicIncrement(invocation, kind, attribute, write);
        }

        /// <summary>
        /// Document model (SDK v4): <c>table.UpdateItemAsync(new UpdateItemDocumentOperationRequest { Key, UpdateExpression =
        /// new Expression { ExpressionStatement = "ADD #n :d", ... } })</c> without a ConditionalExpression.
        /// </summary>
        private static AtomicIncrement? FromDocumentRequest(IInvocationOperation invocation)
        {
            IOperation? argument = null;
            foreach (var candidate in invocation.Arguments)
            {
                if (candidate.Parameter?.Type.Name == "UpdateItemDocumentOperationRequest")
                {
                    argument = candidate.Value;
                }
            }

            if (argument is null
                || ObjectBuildUp.TryCreate(argument) is not { IsComplete: true } request
                || request.GetValue("ConditionalExpression") is { } condition && !condition.IsConstantNull()
                || request.GetValue("UpdateExpression") is not { } expressionValue
                || ObjectBuildUp.TryCreate(expressionValue) is not { IsComplete: true } expression
                || expression.GetValue("ExpressionStatement") is not { } statement
                || !ValueResolver.TryGetString(statement, out var text))
            {
                return null;
            }

            var update = Expressions.ExpressionParser.ParseUpdate(text);
            if (update.Root is null)
            {
                return null;
            }

            var namesPart = MapPart.Read(expression.GetValue("ExpressionAttributeNames"));
            var names = namesPart.State == PartState.Unknown ? null : namesPart.ToNameMap();
            var values = MapPart.Read(expression.GetValue("ExpressionAttributeValues"));
            foreach (var action in update.UpdateActions)
            {
                if (action.IsRelativeUpdate(names, out _, out var delta)
                    && (action.Kind != UpdateClauseKind.Add || !IsDocumentSetValue(delta, values)))
                {
                    var attribute = action.Path.TryGetRootAttributeName(names, out var name) ? name : action.Path.ToString();
                    return new AtomicIncrement(invocation, AtomicIncrementKind.UpdateExpression, attribute, null);
                }
            }

            return null;
        }

        /// <summary>ADD of a DynamoDBEntry the method builds as a list or set (PrimitiveList, DynamoDBList): not a number.</summary>
        private static bool IsDocumentSetValue(ExpressionNode? delta, MapPart values)
            => delta is ValuePlaceholder placeholder
                && values.TryGetValue(placeholder.Name, out var value)
                && value.WalkDownConversions() is IObjectCreationOperation { Type.Name: var typeName }
                && (typeName.IndexOf("List", System.StringComparison.Ordinal) >= 0 || typeName.IndexOf("Set", System.StringComparison.Ordinal) >= 0);

        /// <summary>ADD of a value the method builds as a set (SS / NS / BS): adding the same elements twice changes nothing.</summary>
        private static bool IsSetValue(ExpressionNode? delta, MapPart values, DynamoDbModel model)
        {
            if (delta is not ValuePlaceholder placeholder || !values.TryGetValue(placeholder.Name, out var value) || ObjectBuildUp.TryCreate(value) is not { } buildUp)
            {
                return false;
            }

            return buildUp.GetValue("SS") is not null || buildUp.GetValue("NS") is not null || buildUp.GetValue("BS") is not null;
        }

        /// <summary>A TransactWriteItems request built in the method, without ClientRequestToken, with an atomic Update member.</summary>
        private static AtomicIncrement? FromTransaction(IInvocationOperation invocation, DynamoDbModel model)
        {
            if (DynamoDbModel.GetRequestArgument(invocation) is not { } argument
                || ObjectBuildUp.TryCreate(argument) is not { IsComplete: true } request)
            {
                return null;
            }

            var token = request.GetValue("ClientRequestToken");
            if (token is not null && token.IsConstantNull())
            {
                token = null;
            }

            var roots = new List<IOperation> { request.Creation };
            foreach (var assignment in request.PropertyAssignments)
            {
                roots.Add(assignment);
            }

            if (request.GetValue("TransactItems") is { } items && ValueResolver.Resolve(items) is var resolved && resolved != items)
            {
                roots.Add(resolved);
            }

            foreach (var root in roots)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (operation is IObjectCreationOperation creation
                        && SymbolEqualityComparer.Default.Equals(creation.Type, model.TransactUpdate)
                        && ItemWrite.TryRead(creation, model) is { } write
                        && FindIncrementedAttribute(write, model) is { } attribute)
                    {
                        return new AtomicIncrement(invocation, AtomicIncrementKind.Transaction, attribute, write) { ClientRequestToken = token };
                    }
                }
            }

            return null;
        }

        private static IPropertySymbol? FindAtomicCounter(ITypeSymbol type, DynamoDbModel model)
        {
            if (model.DynamoDBAtomicCounterAttribute is null)
            {
                return null;
            }

            for (var current = type as INamedTypeSymbol; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol property)
                    {
                        foreach (var attribute in property.GetAttributes())
                        {
                            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, model.DynamoDBAtomicCounterAttribute))
                            {
                                return property;
                            }
                        }
                    }
                }
            }

            return null;
        }
    }
}
