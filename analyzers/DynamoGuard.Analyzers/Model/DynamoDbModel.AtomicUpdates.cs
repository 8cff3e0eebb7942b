using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Atomic updates (DDB201, DDB202): the single-item reads of every SDK surface, the object persistence model's save,
    /// and the document model's entry types that read-modify-write code converts numbers from.
    /// </summary>
    internal sealed partial class DynamoDbModel
    {
        public INamedTypeSymbol? DynamoDBEntry { get; private set; }
        public INamedTypeSymbol? LoadConfig { get; private set; }
        public INamedTypeSymbol? DynamoDBAtomicCounterAttribute { get; private set; }
        public INamedTypeSymbol? DynamoDBIgnoreAttribute { get; private set; }

        partial void InitializeAtomicUpdates(Compilation compilation)
        {
            DynamoDBEntry = GetSdkType(compilation, DocumentModelNamespace + "DynamoDBEntry");
            LoadConfig = GetSdkType(compilation, DataModelNamespace + "LoadConfig");
            DynamoDBAtomicCounterAttribute = GetSdkType(compilation, DataModelNamespace + "DynamoDBAtomicCounterAttribute");
            DynamoDBIgnoreAttribute = GetSdkType(compilation, DataModelNamespace + "DynamoDBIgnoreAttribute");
        }

        /// <summary>
        /// Recognises <c>Save(obj[, config])</c> / <c>SaveAsync(obj[, config])</c> of the object persistence model (the
        /// generic form, whose item type is known statically).
        /// </summary>
        /// <param name="item">The argument holding the saved object.</param>
        /// <param name="config">The SaveConfig / DynamoDBOperationConfig argument, or null.</param>
        public bool TryGetContextSave(IInvocationOperation invocation, out IArgumentOperation item, out ITypeSymbol itemType, out IArgumentOperation? config)
        {
            item = null!;
            itemType = null!;
            config = null;
            var method = invocation.TargetMethod;
            if (!method.IsGenericMethod
                || !IsContextMethod(method, "Save")
                || !TryGetVersionCheckedWrite(invocation, out var type, out config)
                || type is null)
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    item = argument;
                    itemType = type;
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for a property the object persistence model does not store, or stores with its own atomic update.</summary>
        public bool IsIgnoredOrAtomicCounter(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, DynamoDBIgnoreAttribute)
                    || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, DynamoDBAtomicCounterAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The property marked [DynamoDBHashKey] (or [DynamoDBRangeKey] when <paramref name="range"/>) of the type, or null.</summary>
        public IPropertySymbol? GetKeyProperty(INamedTypeSymbol type, bool range)
        {
            var attributeType = range ? DynamoDBRangeKeyAttribute : DynamoDBHashKeyAttribute;
            if (attributeType is null)
            {
                return null;
            }

            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol property && HasAttribute(property, attributeType))
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        /// <summary>True when the type is DynamoDBEntry or derives from it (Primitive, Document, DynamoDBList...).</summary>
        public bool IsDynamoDBEntry(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, DynamoDBEntry))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
