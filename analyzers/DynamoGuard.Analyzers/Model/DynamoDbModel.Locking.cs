using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Optimistic locking (DDB101-DDB105): how the object persistence model maps versioned classes to tables and
    /// attributes, and the object-model calls that bypass or break the version check.
    /// </summary>
    internal sealed partial class DynamoDbModel
    {
        private Lazy<ImmutableDictionary<string, VersionedTable>>? _versionedTables;

        public INamedTypeSymbol? DynamoDBTableAttribute { get; private set; }
        public INamedTypeSymbol? DynamoDBHashKeyAttribute { get; private set; }
        public INamedTypeSymbol? DynamoDBRangeKeyAttribute { get; private set; }
        public INamedTypeSymbol? DynamoDBRenamableAttribute { get; private set; }

        /// <summary>IBatchWrite&lt;T&gt; and ITransactWrite&lt;T&gt; (unbound definitions).</summary>
        public INamedTypeSymbol? BatchWriteOfT { get; private set; }
        public INamedTypeSymbol? TransactWriteOfT { get; private set; }

        /// <summary>
        /// What a version conflict throws: ConditionalCheckFailedException for a single-item write (low-level, document
        /// model, and the object model's Save / Delete), TransactionCanceledException for a transaction (low-level
        /// TransactWriteItems, and the object model's transact write, which rethrows it after reading the reasons).
        /// </summary>
        public INamedTypeSymbol? ConditionalCheckFailedException { get; private set; }
        public INamedTypeSymbol? TransactionCanceledException { get; private set; }

        partial void InitializeLocking(Compilation compilation)
        {
            DynamoDBTableAttribute = GetSdkType(compilation, DataModelNamespace + "DynamoDBTableAttribute");
            DynamoDBHashKeyAttribute = GetSdkType(compilation, DataModelNamespace + "DynamoDBHashKeyAttribute");
            DynamoDBRangeKeyAttribute = GetSdkType(compilation, DataModelNamespace + "DynamoDBRangeKeyAttribute");
            DynamoDBRenamableAttribute = GetSdkType(compilation, DataModelNamespace + "DynamoDBRenamableAttribute");
            BatchWriteOfT = GetSdkType(compilation, DataModelNamespace + "IBatchWrite`1");
            TransactWriteOfT = GetSdkType(compilation, DataModelNamespace + "ITransactWrite`1");
            ConditionalCheckFailedException = GetSdkType(compilation, "Amazon.DynamoDBv2.Model.ConditionalCheckFailedException");
            TransactionCanceledException = GetSdkType(compilation, "Amazon.DynamoDBv2.Model.TransactionCanceledException");
            _versionedTables = new Lazy<ImmutableDictionary<string, VersionedTable>>(ScanForVersionedTables, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// The table that a versioned class of the object persistence model is stored in, by table name, with the
        /// stored name of its version attribute. Low-level and document-model writes to such a table must carry the
        /// version condition themselves. Built once per compilation, on first use, from the classes of this
        /// compilation and of referenced assemblies that reference the SDK.
        /// </summary>
        public VersionedTable? GetVersionedTable(string? tableName)
        {
            if (tableName is null || _versionedTables is null)
            {
                return null;
            }

            return _versionedTables.Value.TryGetValue(tableName, out var table) ? table : null;
        }

        /// <summary>The table a class is stored in: [DynamoDBTable("name")] (inherited), else the class name.</summary>
        public string GetTableName(INamedTypeSymbol type) => GetTableAttribute(type, out _) ?? type.Name;

        /// <summary>
        /// The name a property is stored under: the name given to [DynamoDBVersion("...")], [DynamoDBProperty("...")],
        /// [DynamoDBHashKey("...")] and the like (constructor argument or AttributeName), else the property name
        /// (lower camel case when the table says LowerCamelCaseProperties).
        /// </summary>
        public string GetStoredName(IPropertySymbol property, INamedTypeSymbol type)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (!InheritsFrom(attribute.AttributeClass, DynamoDBRenamableAttribute))
                {
                    continue;
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "AttributeName" && named.Value.Value is string renamed && renamed.Length > 0)
                    {
                        return renamed;
                    }
                }

                var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
                for (var i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
                {
                    if (parameters[i].Name == "attributeName" && attribute.ConstructorArguments[i].Value is string name && name.Length > 0)
                    {
                        return name;
                    }
                }
            }

            GetTableAttribute(type, out var lowerCamelCase);
            return lowerCamelCase && property.Name.Length > 0
                ? char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1)
                : property.Name;
        }

        /// <summary>The stored name of the [DynamoDBHashKey] property of <paramref name="type"/>, or null.</summary>
        public string? GetHashKeyName(INamedTypeSymbol type) => GetKeyName(type, KeyPart.Hash);

        /// <summary>The stored name of the [DynamoDBRangeKey] property of <paramref name="type"/>, or null.</summary>
        public string? GetRangeKeyName(INamedTypeSymbol type) => GetKeyName(type, KeyPart.Range);

        private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, (IPropertySymbol? Hash, IPropertySymbol? Range)> _keyProperties =
            new System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, (IPropertySymbol? Hash, IPropertySymbol? Range)>(SymbolEqualityComparer.Default);

        private System.Func<INamedTypeSymbol, (IPropertySymbol? Hash, IPropertySymbol? Range)>? _findKeyProperties;

        /// <summary>Which part of an object-model key <see cref="GetKeyProperty"/> finds.</summary>
        public enum KeyPart
        {
            Hash,
            Range,
        }

        /// <summary>
        /// The [DynamoDBHashKey] or [DynamoDBRangeKey] property of <paramref name="type"/> (or of a base class), or null.
        /// Both are found in one walk of the members and cached per type.
        /// </summary>
        public IPropertySymbol? GetKeyProperty(INamedTypeSymbol type, KeyPart part)
        {
            var keys = _keyProperties.GetOrAdd(type, _findKeyProperties ??= FindKeyProperties);
            return part == KeyPart.Hash ? keys.Hash : keys.Range;
        }

        private (IPropertySymbol? Hash, IPropertySymbol? Range) FindKeyProperties(INamedTypeSymbol type)
        {
            IPropertySymbol? hash = null;
            IPropertySymbol? range = null;
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is not IPropertySymbol property)
                    {
                        continue;
                    }

                    if (hash is null && DynamoDBHashKeyAttribute is not null && HasAttribute(property, DynamoDBHashKeyAttribute))
                    {
                        hash = property;
                    }

                    if (range is null && DynamoDBRangeKeyAttribute is not null && HasAttribute(property, DynamoDBRangeKeyAttribute))
                    {
                        range = property;
                    }
                }
            }

            return (hash, range);
        }

        private string? GetKeyName(INamedTypeSymbol type, KeyPart part)
            => GetKeyProperty(type, part) is { } property ? GetStoredName(property, type) : null;

        /// <summary>
        /// Recognises <c>Delete&lt;T&gt;(hashKey[, rangeKey][, config])</c> / <c>DeleteAsync&lt;T&gt;(...)</c> of the object
        /// persistence model: a delete by key, which the SDK sends without any version condition.
        /// </summary>
        public bool TryGetDeleteByKey(IInvocationOperation invocation, out ITypeSymbol itemType)
        {
            itemType = null!;
            var method = invocation.TargetMethod;
            if (!method.IsGenericMethod || !IsContextMethod(method, "Delete"))
            {
                return false;
            }

            var parameters = method.OriginalDefinition.Parameters;
            if (parameters.Length == 0 || parameters[0].Type.SpecialType != SpecialType.System_Object)
            {
                return false;
            }

            itemType = method.TypeArguments[0];
            return true;
        }

        /// <summary>
        /// Recognises <c>CreateBatchWrite&lt;T&gt;([config])</c> and <c>CreateBatchWrite(typeof(T)[, config])</c> of the
        /// object persistence model.
        /// </summary>
        /// <param name="itemType">The written type when it is known statically, else null.</param>
        /// <param name="config">The BatchWriteConfig / DynamoDBOperationConfig argument, or null.</param>
        public bool TryGetBatchWriteCreation(IInvocationOperation invocation, out ITypeSymbol? itemType, out IArgumentOperation? config)
        {
            itemType = null;
            config = null;
            var method = invocation.TargetMethod;
            if (method.Name != "CreateBatchWrite" || !IsContextMethod(method, "CreateBatchWrite"))
            {
                return false;
            }

            if (method.IsGenericMethod)
            {
                itemType = method.TypeArguments[0];
            }
            else if (method.Parameters.Length > 0 && method.Parameters[0].Type.Name == "Type")
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 0)
                    {
                        itemType = (argument.Value.WalkDownConversions() as ITypeOfOperation)?.TypeOperand;
                    }
                }
            }
            else
            {
                return false;
            }

            config = invocation.GetArgumentOfType(BatchWriteConfig) ?? invocation.GetArgumentOfType(DynamoDBOperationConfig);
            return true;
        }

        /// <summary>
        /// A configuration held in a local can serve several writes; a finding on it is reported once, for the first
        /// version-checked write of a versioned type in the method that uses it (DDB102, DDB105).
        /// </summary>
        public bool IsReportedByEarlierVersionedWrite(IInvocationOperation invocation, ILocalSymbol local)
        {
            var position = invocation.SourceStart();
            foreach (var operation in invocation.GetRoot().Descendants())
            {
                if (operation is IInvocationOperation other
                    && other.SourceStart() < position
                    && TryGetVersionCheckedWrite(other, out var otherType, out var otherConfig)
                    && otherConfig?.Value.WalkDownConversions() is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && GetVersionProperty(otherType) is not null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the configuration argument of a version-checked write turns the check off: false when there is none
        /// (or null) or the method builds it and leaves SkipVersionCheck unset or false; true when it sets it to true;
        /// null when it cannot be told (a configuration from elsewhere, a value that is not constant).
        /// </summary>
        public bool? GetSkipVersionCheckState(IArgumentOperation? config)
        {
            if (config is null || config.ArgumentKind == ArgumentKind.DefaultValue || config.Value.IsConstantNull())
            {
                return false;
            }

            var buildUp = ObjectBuildUp.TryCreate(config.Value);
            if (buildUp is null || !buildUp.IsComplete)
            {
                return null;
            }

            bool? skip = false;
            foreach (var assignment in buildUp.AssignmentsTo(IsSkipVersionCheck))
            {
                var constant = assignment.Value.WalkDownConversions().ConstantValue;
                skip = !constant.HasValue ? null : constant.Value is true;
            }

            return skip;
        }

        private string? GetTableAttribute(INamedTypeSymbol type, out bool lowerCamelCase)
        {
            lowerCamelCase = false;
            if (DynamoDBTableAttribute is null)
            {
                return null;
            }

            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, DynamoDBTableAttribute))
                    {
                        continue;
                    }

                    string? name = null;
                    var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
                    for (var i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
                    {
                        if (parameters[i].Name == "tableName" && attribute.ConstructorArguments[i].Value is string tableName)
                        {
                            name = tableName;
                        }
                        else if (parameters[i].Name == "lowerCamelCaseProperties" && attribute.ConstructorArguments[i].Value is bool camel)
                        {
                            lowerCamelCase = camel;
                        }
                    }

                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "LowerCamelCaseProperties" && named.Value.Value is bool camel)
                        {
                            lowerCamelCase = camel;
                        }
                    }

                    return name;
                }
            }

            return null;
        }

        /// <summary>
        /// The versioned classes' tables: those of referenced model assemblies, then the source classes that can carry a
        /// version (see <see cref="VisitModelTypes"/>). A source class's answer is reused from an earlier compilation when
        /// its files did not change (<see cref="VersionedTableCache"/>), so in the IDE a keystroke binds only what it touched.
        /// </summary>
        private ImmutableDictionary<string, VersionedTable> ScanForVersionedTables()
        {
            var tables = new Dictionary<string, VersionedTable>(StringComparer.Ordinal);
            void Add(VersionedTable table)
            {
                // Several classes can share a table; the first by full name wins, so results are deterministic.
                if (!tables.TryGetValue(table.TableName, out var existing)
                    || string.CompareOrdinal(table.TypeName, existing.TypeName) < 0)
                {
                    tables[table.TableName] = table;
                }
            }

            void Visit(INamedTypeSymbol type)
            {
                if (CreateVersionedTable(type) is { } table)
                {
                    Add(table);
                }
            }

            var candidates = _modelTypes.Value;
            foreach (var type in candidates.MetadataClasses)
            {
                Visit(type);
            }

            if (candidates.SourceDeclarations is null)
            {
                VisitSourceTypes(Visit);
            }
            else
            {
                var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
                foreach (var (tree, declaration) in candidates.SourceDeclarations)
                {
                    if (VersionedTableCache.TryGet(_compilation, declaration, out var cached))
                    {
                        if (cached is not null)
                        {
                            Add(cached);
                        }
                    }
                    else if (GetDeclaredClass(tree, declaration) is { } type && seen.Add(type))
                    {
                        var table = CreateVersionedTable(type);
                        VersionedTableCache.Store(_compilation, declaration, type, table);
                        if (table is not null)
                        {
                            Add(table);
                        }
                    }
                }
            }

            return tables.ToImmutableDictionary(StringComparer.Ordinal);
        }

        /// <summary>The table a versioned, non-abstract class is stored in, or null.</summary>
        private VersionedTable? CreateVersionedTable(INamedTypeSymbol type)
            => type.IsAbstract || GetVersionProperty(type) is not { } versionProperty
                ? null
                : new VersionedTable(GetTableName(type), GetStoredName(versionProperty, type), GetHashKeyName(type), GetRangeKeyName(type), type.ToDisplayString());

        private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// A table that a versioned class of the object persistence model is stored in. Strings only: it is kept between
    /// compilations (<see cref="VersionedTableCache"/>) and must not keep a compilation's symbols alive.
    /// </summary>
    internal sealed class VersionedTable
    {
        public VersionedTable(string tableName, string versionAttribute, string? hashKeyAttribute, string? rangeKeyAttribute, string typeName)
        {
            TableName = tableName;
            VersionAttribute = versionAttribute;
            HashKeyAttribute = hashKeyAttribute;
            RangeKeyAttribute = rangeKeyAttribute;
            TypeName = typeName;
        }

        public string TableName { get; }

        /// <summary>The stored name of the version attribute, e.g. <c>playlist_version</c> for <c>[DynamoDBVersion("playlist_version")]</c>.</summary>
        public string VersionAttribute { get; }

        /// <summary>The stored name of the hash key, or null when the class has none.</summary>
        public string? HashKeyAttribute { get; }

        /// <summary>The stored name of the range key, or null when the class has none.</summary>
        public string? RangeKeyAttribute { get; }

        /// <summary>The class's full name (which of several classes sharing a table is meant: the first by this name).</summary>
        public string TypeName { get; }
    }
}
