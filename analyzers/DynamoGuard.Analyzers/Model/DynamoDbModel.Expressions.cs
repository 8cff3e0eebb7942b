using DynamoGuard.Model.Expressions;
using Microsoft.CodeAnalysis;

namespace DynamoGuard.Model
{
    /// <summary>
    /// The SDK types that carry DynamoDB expressions with their own ExpressionAttributeNames / ExpressionAttributeValues:
    /// the low-level requests, BatchGetItem's KeysAndAttributes, the TransactWriteItems / TransactGetItems members, and
    /// the document model's Expression.
    /// </summary>
    internal sealed partial class DynamoDbModel
    {
        private INamedTypeSymbol?[] _expressionHolders = System.Array.Empty<INamedTypeSymbol?>();

        /// <summary>The names of <see cref="_expressionHolders"/>: most object creations of a code base are rejected by name, without a symbol comparison.</summary>
        private readonly System.Collections.Generic.HashSet<string> _expressionHolderNames = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>TransactGetItem.Get (Amazon.DynamoDBv2.Model.Get).</summary>
        public INamedTypeSymbol? TransactGet { get; private set; }

        partial void InitializeExpressions(Compilation compilation)
        {
            TransactGet = GetSdkType(compilation, ModelNamespace + "Get");
            _expressionHolders = new[]
            {
                PutItemRequest, UpdateItemRequest, DeleteItemRequest, GetItemRequest, QueryRequest, ScanRequest, KeysAndAttributes,
                TransactPut, TransactUpdate, TransactDelete, TransactConditionCheck, TransactGet, DocumentExpression,
            };
            foreach (var holder in _expressionHolders)
            {
                if (holder is not null)
                {
                    _expressionHolderNames.Add(holder.Name);
                }
            }
        }

        /// <summary>True for a type whose instances hold expressions and their placeholder dictionaries (see the class summary).</summary>
        public bool IsExpressionHolder(ITypeSymbol? type)
        {
            if (type is null || !_expressionHolderNames.Contains(type.Name))
            {
                return false;
            }

            foreach (var holder in _expressionHolders)
            {
                if (holder is not null && SymbolEqualityComparer.Default.Equals(type, holder))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for the document model's Expression (ExpressionStatement + dictionaries that start empty, not null).</summary>
        public bool IsDocumentExpression(ITypeSymbol? type)
            => type is not null && SymbolEqualityComparer.Default.Equals(type, DocumentExpression);

        /// <summary>
        /// The grammar of a string property of an expression holder: ConditionExpression, FilterExpression and
        /// ExpressionStatement are conditions, KeyConditionExpression a key condition, UpdateExpression an update,
        /// ProjectionExpression a projection. False for any other property. Cheap: a name check first.
        /// </summary>
        public bool TryGetExpressionKind(IPropertySymbol property, out ExpressionKind kind)
        {
            switch (property.Name)
            {
                case "ConditionExpression":
                case "FilterExpression":
                case "ExpressionStatement":
                    kind = ExpressionKind.Condition;
                    break;
                case "KeyConditionExpression":
                    kind = ExpressionKind.KeyCondition;
                    break;
                case "UpdateExpression":
                    kind = ExpressionKind.Update;
                    break;
                case "ProjectionExpression":
                    kind = ExpressionKind.Projection;
                    break;
                default:
                    kind = ExpressionKind.Condition;
                    return false;
            }

            return property.Type.SpecialType == SpecialType.System_String && IsExpressionHolder(property.ContainingType);
        }

        /// <summary>The legacy (non-expression) request parameters DynamoDB refuses to combine with expressions.</summary>
        public static bool IsLegacyParameter(string propertyName)
            => propertyName is "Expected" or "ConditionalOperator" or "AttributeUpdates" or "AttributesToGet" or "KeyConditions" or "QueryFilter" or "ScanFilter";
    }
}
