using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// What DynamoGuard knows about the AWS SDK for DynamoDB in one compilation: the SDK symbols, resolved once at
    /// compilation start, and the questions every rule asks about them ("is this a context save?", "is this type
    /// versioned?"). Create it with <see cref="TryCreate"/>; it is null when the compilation does not reference
    /// AWSSDK.DynamoDBv2, and analyzers then register nothing.
    /// </summary>
    internal sealed partial class DynamoDbModel
    {
        private const string DataModelNamespace = "Amazon.DynamoDBv2.DataModel.";

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<ITypeSymbol, IPropertySymbol?> _versionProperties =
            new ConcurrentDictionary<ITypeSymbol, IPropertySymbol?>(SymbolEqualityComparer.Default);
        private readonly Func<ITypeSymbol, IPropertySymbol?> _findVersionProperty;
        private readonly Lazy<INamedTypeSymbol?> _anyVersionedType;
        private readonly Lazy<ModelTypeCandidates> _modelTypes;

        private DynamoDbModel(Compilation compilation, INamedTypeSymbol amazonDynamoDb)
        {
            _compilation = compilation;
            AmazonDynamoDB = amazonDynamoDb;
            DynamoDBContextInterface = GetSdkType(compilation, DataModelNamespace + "IDynamoDBContext");
            DynamoDBContext = GetSdkType(compilation, DataModelNamespace + "DynamoDBContext");
            DynamoDBVersionAttribute = GetSdkType(compilation, DataModelNamespace + "DynamoDBVersionAttribute");
            DynamoDBContextConfig = GetSdkType(compilation, DataModelNamespace + "DynamoDBContextConfig");
            SaveConfig = GetSdkType(compilation, DataModelNamespace + "SaveConfig");
            DeleteConfig = GetSdkType(compilation, DataModelNamespace + "DeleteConfig");
            DynamoDBOperationConfig = GetSdkType(compilation, DataModelNamespace + "DynamoDBOperationConfig");
            BatchWriteConfig = GetSdkType(compilation, DataModelNamespace + "BatchWriteConfig");
            TransactWriteConfig = GetSdkType(compilation, DataModelNamespace + "TransactWriteConfig");
            _findVersionProperty = type => FindVersionProperty((INamedTypeSymbol)type, DynamoDBVersionAttribute!);
            _anyVersionedType = new Lazy<INamedTypeSymbol?>(ScanForVersionedType, LazyThreadSafetyMode.ExecutionAndPublication);
            _modelTypes = new Lazy<ModelTypeCandidates>(FindModelTypeCandidates, LazyThreadSafetyMode.ExecutionAndPublication);
            InitializeLowLevel(compilation);
            InitializeLocking(compilation);
            InitializeAtomicUpdates(compilation);
            InitializeBatches(compilation);
            InitializeExpressions(compilation);
            InitializePaging(compilation);
            InitializeRetries(compilation);
        }

        /// <summary>
        /// A type of the SDK by metadata name, looked up in the SDK's own assembly first: that assembly's symbols outlive
        /// the compilation (the IDE keeps them while the references do not change), so the lookup is answered from
        /// namespaces already loaded, where the compilation's own lookup would search every referenced assembly again
        /// after each keystroke. A type the SDK assembly does not hold (SaveConfig in SDK v3) is looked up in the
        /// project's own source only: every SDK type is in Amazon.DynamoDBv2.*, which no other assembly declares.
        /// </summary>
        private INamedTypeSymbol? GetSdkType(Compilation compilation, string metadataName)
            => AmazonDynamoDB.ContainingAssembly.GetTypeByMetadataName(metadataName) ?? compilation.Assembly.GetTypeByMetadataName(metadataName);

        // Each rule family resolves the symbols it alone needs in its own partial file (Model/DynamoDbModel.<Family>.cs);
        // what several families need lives here or in DynamoDbModel.LowLevel.cs.
        partial void InitializeLowLevel(Compilation compilation);

        partial void InitializeLocking(Compilation compilation);

        partial void InitializeAtomicUpdates(Compilation compilation);

        partial void InitializeBatches(Compilation compilation);

        partial void InitializeExpressions(Compilation compilation);

        partial void InitializePaging(Compilation compilation);

        partial void InitializeRetries(Compilation compilation);

        private Flow.MethodSummaries? _summaries;

        /// <summary>
        /// The method summaries of the compilation, once an analyzer that follows values across methods has asked for
        /// them (<see cref="EnsureSummaries"/>); null before (and in code fixes, which do not offer fixes across methods).
        /// </summary>
        public Flow.MethodSummaries? Summaries => _summaries;

        /// <summary>Creates the compilation's method summaries, with the options of the first analyzer that asks.</summary>
        public Flow.MethodSummaries EnsureSummaries(Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options)
        {
            if (_summaries is null)
            {
                Interlocked.CompareExchange(ref _summaries, new Flow.MethodSummaries(this, _compilation, options), null);
            }

            return _summaries!;
        }

        public INamedTypeSymbol AmazonDynamoDB { get; }
        public INamedTypeSymbol? DynamoDBContextInterface { get; }
        public INamedTypeSymbol? DynamoDBContext { get; }
        public INamedTypeSymbol? DynamoDBVersionAttribute { get; }
        public INamedTypeSymbol? DynamoDBContextConfig { get; }
        public INamedTypeSymbol? SaveConfig { get; }
        public INamedTypeSymbol? DeleteConfig { get; }
        public INamedTypeSymbol? DynamoDBOperationConfig { get; }
        public INamedTypeSymbol? BatchWriteConfig { get; }
        public INamedTypeSymbol? TransactWriteConfig { get; }

        /// <summary>
        /// Returns the model, or null when AWSSDK.DynamoDBv2 is not referenced (then no rule has anything to do).
        /// The model is built once per compilation and shared by every DynamoGuard analyzer.
        /// </summary>
        public static DynamoDbModel? TryCreate(Compilation compilation)
            => Cache.GetValue(compilation, static c => new Holder(Create(c))).Model;

        private static readonly ConditionalWeakTable<Compilation, Holder> Cache = new ConditionalWeakTable<Compilation, Holder>();

        private static DynamoDbModel? Create(Compilation compilation)
        {
            // Projects without the SDK are the common case: answer from the reference list, which costs almost nothing,
            // rather than from a type lookup, which makes the compiler load the namespaces of every referenced assembly.
            if (!ReferencesSdk(compilation))
            {
                return null;
            }

            // Looked up in the SDK's assembly: the compilation's own lookup would search the source namespaces and every
            // referenced assembly (tens of milliseconds on a large project, after each keystroke in the IDE).
            const string Client = "Amazon.DynamoDBv2.IAmazonDynamoDB";
            var client = FindReferencedAssembly(compilation, SdkAssembly)?.GetTypeByMetadataName(Client) ?? compilation.GetTypeByMetadataName(Client);
            return client is null ? null : new DynamoDbModel(compilation, client);
        }

        /// <summary>The compilation itself or the referenced assembly with that simple name, or null.</summary>
        private static IAssemblySymbol? FindReferencedAssembly(Compilation compilation, string name)
        {
            if (compilation.AssemblyName == name)
            {
                return compilation.Assembly;
            }

            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (assembly.Name == name)
                {
                    return assembly;
                }
            }

            return null;
        }

        private const string SdkAssembly = "AWSSDK.DynamoDBv2";

        private static bool ReferencesSdk(Compilation compilation)
        {
            if (compilation.AssemblyName == SdkAssembly)
            {
                return true;
            }

            foreach (var identity in compilation.ReferencedAssemblyNames)
            {
                if (identity.Name == SdkAssembly)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Lets the cache remember "not referenced" too.</summary>
        private sealed class Holder
        {
            public Holder(DynamoDbModel? model) => Model = model;

            public DynamoDbModel? Model { get; }
        }

        /// <summary>True for a method of IDynamoDBContext or DynamoDBContext called <paramref name="name"/> or <paramref name="name"/>Async.</summary>
        /// <remarks>The SDK's synchronous methods are public only in its net472 build; both forms are matched.</remarks>
        public bool IsContextMethod(IMethodSymbol method, string name)
        {
            if (!SdkNames.IsSyncOrAsync(method.Name, name))
            {
                return false;
            }

            var type = method.ContainingType?.OriginalDefinition;
            return type is not null
                && (SymbolEqualityComparer.Default.Equals(type, DynamoDBContextInterface)
                    || SymbolEqualityComparer.Default.Equals(type, DynamoDBContext));
        }

        /// <summary>
        /// Recognises a call of the object persistence model that the SDK guards with the item type's version check:
        /// <c>Save(obj[, config])</c>, <c>Delete(obj[, config])</c>, <c>Save(typeof(T), obj[, config])</c> (each also
        /// <c>...Async</c>) and <c>CreateTransactWrite&lt;T&gt;([config])</c>. <c>Delete&lt;T&gt;(hashKey[, rangeKey])</c> is
        /// not one of them: it sends no version condition at all.
        /// </summary>
        /// <param name="itemType">The written type when it is known statically, else null.</param>
        /// <param name="config">The configuration argument (SaveConfig, DeleteConfig, TransactWriteConfig or DynamoDBOperationConfig), or null.</param>
        public bool TryGetVersionCheckedWrite(IInvocationOperation invocation, out ITypeSymbol? itemType, out IArgumentOperation? config)
        {
            itemType = null;
            config = null;
            var method = invocation.TargetMethod;
            if (IsContextMethod(method, "Save") || IsContextMethod(method, "Delete"))
            {
                var parameters = method.OriginalDefinition.Parameters;
                if (parameters.Length == 0)
                {
                    return false;
                }

                if (method.IsGenericMethod && parameters[0].Type.TypeKind == TypeKind.TypeParameter)
                {
                    // Save<T>(T item) / Delete<T>(T item); Delete<T>(object hashKey) is excluded by its object parameter.
                    itemType = method.TypeArguments[0];
                }
                else if (!method.IsGenericMethod && parameters[0].Type.Name == "Type" && invocation.Arguments.Length > 0)
                {
                    // Save(Type valueType, object value)
                    itemType = (GetArgument(invocation, 0)?.Value.WalkDownConversions() as ITypeOfOperation)?.TypeOperand;
                }
                else
                {
                    return false;
                }

                config = invocation.GetArgumentOfType(SaveConfig)
                    ?? invocation.GetArgumentOfType(DeleteConfig)
                    ?? invocation.GetArgumentOfType(DynamoDBOperationConfig);
                return true;
            }

            if (IsContextMethod(method, "CreateTransactWrite") && method.IsGenericMethod)
            {
                itemType = method.TypeArguments[0];
                config = invocation.GetArgumentOfType(TransactWriteConfig) ?? invocation.GetArgumentOfType(DynamoDBOperationConfig);
                return true;
            }

            return false;
        }

        private static IArgumentOperation? GetArgument(IInvocationOperation invocation, int parameterOrdinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == parameterOrdinal)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>True for the SkipVersionCheck property of any of the SDK's configuration classes.</summary>
        public bool IsSkipVersionCheck(IPropertySymbol property)
        {
            if (property.Name != "SkipVersionCheck")
            {
                return false;
            }

            var type = property.ContainingType;
            return SymbolEqualityComparer.Default.Equals(type, DynamoDBContextConfig)
                || SymbolEqualityComparer.Default.Equals(type, SaveConfig)
                || SymbolEqualityComparer.Default.Equals(type, DeleteConfig)
                || SymbolEqualityComparer.Default.Equals(type, DynamoDBOperationConfig)
                || SymbolEqualityComparer.Default.Equals(type, BatchWriteConfig)
                || SymbolEqualityComparer.Default.Equals(type, TransactWriteConfig);
        }

        /// <summary>
        /// True for a DynamoDBContextConfig that configures a whole context, false for a per-operation config. In SDK v3,
        /// DynamoDBOperationConfig derives from DynamoDBContextConfig and inherits its SkipVersionCheck, so the property
        /// alone does not tell a context-wide setting from a per-call one: the configured object's type does.
        /// </summary>
        public bool IsContextWideConfig(ITypeSymbol? configType)
        {
            var isContextConfig = false;
            for (var current = configType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, DynamoDBOperationConfig))
                {
                    return false;
                }

                isContextConfig |= SymbolEqualityComparer.Default.Equals(current, DynamoDBContextConfig);
            }

            return isContextConfig;
        }

        /// <summary>
        /// The property marked [DynamoDBVersion] on <paramref name="type"/> or one of its base classes, or null when the
        /// type is not versioned (or is a type parameter, whose versioning cannot be known). Cached per type.
        /// </summary>
        public IPropertySymbol? GetVersionProperty(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named || DynamoDBVersionAttribute is null || named.TypeKind != TypeKind.Class)
            {
                return null;
            }

            return _versionProperties.GetOrAdd(named, _findVersionProperty);
        }

        /// <summary>
        /// A versioned type declared in this compilation or in a referenced assembly that itself references the SDK
        /// (the user's model projects), or null when there is none. Computed once, on first use.
        /// The result is the first such type by full name, so messages are deterministic. The scan runs once per
        /// compilation and only when a rule asks (a context configured with SkipVersionCheck is rare).
        /// </summary>
        public INamedTypeSymbol? FindAnyVersionedType() => _anyVersionedType.Value;

        private INamedTypeSymbol? ScanForVersionedType()
        {
            INamedTypeSymbol? best = null;
            string? bestName = null;
            VisitModelTypes(type =>
            {
                if (GetVersionProperty(type) is not null)
                {
                    var name = type.ToDisplayString();
                    if (bestName is null || string.CompareOrdinal(name, bestName) < 0)
                    {
                        best = type;
                        bestName = name;
                    }
                }
            });

            return best;
        }

        /// <summary>
        /// Calls <paramref name="visit"/> for every class of referenced assemblies that reference the SDK, and for every
        /// class of this compilation that can carry a version: those declared in a file that spells <c>DynamoDBVersion</c>,
        /// and those deriving from such a class or from a versioned class of a referenced assembly (found by the base
        /// class's name in the files that spell it). The compilation's other classes are not visited: their attributes are
        /// never bound, which in the IDE is the difference between a scan of a few files and one of the whole project
        /// after every keystroke. A file with a <c>global using</c> alias of the attribute makes every class a candidate.
        /// </summary>
        private void VisitModelTypes(Action<INamedTypeSymbol> visit)
        {
            var candidates = _modelTypes.Value;
            foreach (var type in candidates.MetadataClasses)
            {
                visit(type);
            }

            if (candidates.SourceDeclarations is null)
            {
                VisitSourceTypes(visit);
                return;
            }

            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var (tree, declaration) in candidates.SourceDeclarations)
            {
                if (GetDeclaredClass(tree, declaration) is { } type && seen.Add(type))
                {
                    visit(type);
                }
            }
        }

        /// <summary>Every class of the compilation, nested ones included (when the text cannot narrow the candidates).</summary>
        private void VisitSourceTypes(Action<INamedTypeSymbol> visit) => VisitNamespace(_compilation.Assembly.GlobalNamespace, visit, null);

        /// <summary>
        /// The classes <see cref="VisitModelTypes"/> and the versioned-table scan look at, found once per compilation:
        /// every class of the referenced assemblies that reference the SDK (the user's model projects), and the source
        /// declarations of <see cref="FindVersionCandidates"/> (null when every source class is one).
        /// </summary>
        private ModelTypeCandidates FindModelTypeCandidates()
        {
            var metadataClasses = new List<INamedTypeSymbol>();
            var baseNames = new HashSet<string>(StringComparer.Ordinal);
            var sdkAssembly = AmazonDynamoDB.ContainingAssembly;
            foreach (var reference in _compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (ReferencesAssembly(reference, sdkAssembly))
                {
                    VisitNamespace(reference.GlobalNamespace, metadataClasses.Add, baseNames);
                }
            }

            return new ModelTypeCandidates(metadataClasses, FindVersionCandidates(baseNames));
        }

        private sealed class ModelTypeCandidates
        {
            public ModelTypeCandidates(List<INamedTypeSymbol> metadataClasses, List<(SyntaxTree Tree, TypeDeclarationSyntax Declaration)>? sourceDeclarations)
            {
                MetadataClasses = metadataClasses;
                SourceDeclarations = sourceDeclarations;
            }

            /// <summary>The classes of referenced assemblies that reference the SDK, nested ones included.</summary>
            public List<INamedTypeSymbol> MetadataClasses { get; }

            /// <summary>The source class declarations that can carry a version, or null when any source class can.</summary>
            public List<(SyntaxTree Tree, TypeDeclarationSyntax Declaration)>? SourceDeclarations { get; }
        }

        private void VisitNamespace(INamespaceSymbol ns, Action<INamedTypeSymbol> visit, HashSet<string>? versionedNames)
        {
            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    VisitNamespace(child, visit, versionedNames);
                }
                else if (member is INamedTypeSymbol type)
                {
                    VisitType(type, visit, versionedNames);
                }
            }
        }

        private void VisitType(INamedTypeSymbol type, Action<INamedTypeSymbol> visit, HashSet<string>? versionedNames)
        {
            if (type.TypeKind == TypeKind.Class)
            {
                visit(type);
                if (versionedNames is not null && GetVersionProperty(type) is not null)
                {
                    versionedNames.Add(type.Name);
                }
            }

            foreach (var nested in type.GetTypeMembers())
            {
                VisitType(nested, visit, versionedNames);
            }
        }

        /// <summary>
        /// The declarations of the source classes that can carry a <c>[DynamoDBVersion]</c> property (see
        /// <see cref="VisitModelTypes"/>), or null when the text cannot tell (a global using alias of the attribute).
        /// Nothing is bound: the classes that spell the attribute on a member (see <see cref="TreeClasses"/>), then the classes whose base list names one
        /// of them (or a name in <paramref name="baseNames"/>), at any depth. A partial class may appear once per part.
        /// </summary>
        private List<(SyntaxTree Tree, TypeDeclarationSyntax Declaration)>? FindVersionCandidates(HashSet<string> baseNames)
        {
            if (HasGlobalVersionAlias())
            {
                return null;
            }

            var found = new List<(SyntaxTree Tree, TypeDeclarationSyntax Declaration)>();
            var others = new List<(SyntaxTree Tree, TypeDeclarationSyntax? Declaration)>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var classes = TreeClasses.Get(tree);
                foreach (var declaration in classes.Spelling)
                {
                    found.Add((tree, declaration));
                }

                foreach (var declaration in classes.Deriving)
                {
                    others.Add((tree, declaration));
                }
            }

            // Classes deriving from the candidates (and from versioned classes of referenced assemblies), at any depth.
            var named = 0;
            for (var added = true; added;)
            {
                added = false;
                for (; named < found.Count; named++)
                {
                    baseNames.Add(found[named].Declaration.Identifier.ValueText);
                }

                for (var i = 0; i < others.Count; i++)
                {
                    if (others[i].Declaration is { } declaration && NamesBase(declaration, baseNames))
                    {
                        found.Add((others[i].Tree, declaration));
                        others[i] = default;
                        added = true;
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// A file's classes as the versioned-table scan sees them, computed once per tree (unchanged files keep theirs
        /// between compilations). <see cref="Spelling"/>: the classes that spell the version attribute on one of their
        /// own properties, fields or record parameters (all classes of a file that spells the attribute in a using
        /// alias, since any attribute name may then be it). <see cref="Deriving"/>: the other classes that have a base
        /// list (one may derive from a versioned class). A class with neither cannot have a version property. Only
        /// declarations and attribute lists are read, never a member's body.
        /// </summary>
        private sealed class TreeClasses
        {
            private static readonly ConditionalWeakTable<SyntaxTree, TreeClasses> Cache = new ConditionalWeakTable<SyntaxTree, TreeClasses>();

            private TreeClasses(bool hasGlobalVersionAlias, ImmutableArray<TypeDeclarationSyntax> spelling, ImmutableArray<TypeDeclarationSyntax> deriving)
            {
                HasGlobalVersionAlias = hasGlobalVersionAlias;
                Spelling = spelling;
                Deriving = deriving;
            }

            /// <summary>The file has a <c>global using</c> alias of the version attribute.</summary>
            public bool HasGlobalVersionAlias { get; }

            public ImmutableArray<TypeDeclarationSyntax> Spelling { get; }

            public ImmutableArray<TypeDeclarationSyntax> Deriving { get; }

            public static TreeClasses Get(SyntaxTree tree) => Cache.GetValue(tree, static t => Create(t));

            private static TreeClasses Create(SyntaxTree tree)
            {
                // The attribute's name, short or long, is a whole word wherever it is spelled (an attribute, a using alias).
                var words = Flow.SourceTextSearch.GetWords(tree, CancellationToken.None);
                var spells = words.MayContain(VersionAttributeName) || words.MayContain(VersionAttributeName + "Attribute");
                var root = tree.GetRoot();
                var anyName = spells && HasAliasUsing(tree, VersionAttributeName);
                var spelling = ImmutableArray.CreateBuilder<TypeDeclarationSyntax>();
                var deriving = ImmutableArray.CreateBuilder<TypeDeclarationSyntax>();
                foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax
                    or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    if (node is ClassDeclarationSyntax or RecordDeclarationSyntax)
                    {
                        var declaration = (TypeDeclarationSyntax)node;
                        if (spells && (anyName || SpellsOnMember(declaration)))
                        {
                            spelling.Add(declaration);
                        }
                        else if (declaration.BaseList is not null)
                        {
                            deriving.Add(declaration);
                        }
                    }
                }

                return new TreeClasses(spells && HasGlobalAlias(root, VersionAttributeName), spelling.ToImmutable(), deriving.ToImmutable());
            }

            /// <summary>True when a property, field or record parameter the declaration itself declares has an attribute named like the version attribute.</summary>
            private static bool SpellsOnMember(TypeDeclarationSyntax declaration)
            {
                if (declaration.ParameterList is { } parameters)
                {
                    foreach (var parameter in parameters.Parameters)
                    {
                        if (SpellsVersion(parameter.AttributeLists))
                        {
                            return true;
                        }
                    }
                }

                foreach (var member in declaration.Members)
                {
                    if (member is BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax && SpellsVersion(member.AttributeLists))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool SpellsVersion(SyntaxList<AttributeListSyntax> lists)
            {
                foreach (var list in lists)
                {
                    foreach (var attribute in list.Attributes)
                    {
                        if (GetRightmostName(attribute.Name).StartsWith(VersionAttributeName, StringComparison.Ordinal))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }

        /// <summary>The class a declaration declares (the declaration table answers; nothing is bound), or null.</summary>
        private INamedTypeSymbol? GetDeclaredClass(SyntaxTree tree, TypeDeclarationSyntax declaration)
#pragma warning disable RS1030 // A declaration's symbol in another document: the declaration table answers, nothing is bound.
            => _compilation.GetSemanticModel(tree).GetDeclaredSymbol(declaration) is INamedTypeSymbol { TypeKind: TypeKind.Class } type ? type : null;
#pragma warning restore RS1030

        private static bool NamesBase(TypeDeclarationSyntax declaration, HashSet<string> baseNames)
        {
            if (declaration.BaseList is null)
            {
                return false;
            }

            foreach (var baseType in declaration.BaseList.Types)
            {
                if (baseType.Type is NameSyntax name && baseNames.Contains(GetRightmostName(name)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReferencesAssembly(IAssemblySymbol assembly, IAssemblySymbol target)
        {
            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    if (SymbolEqualityComparer.Default.Equals(referenced, target))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The last identifier of a name as written (<c>Orders</c> of <c>Models.Orders</c>, <c>Entity</c> of <c>Entity&lt;T&gt;</c>).</summary>
        private static string GetRightmostName(NameSyntax name) => name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };

        private static bool HasGlobalAlias(SyntaxNode root, string name)
        {
            if (root is CompilationUnitSyntax unit)
            {
                foreach (var directive in unit.Usings)
                {
                    if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.Alias is not null
                        && directive.Name?.ToString().IndexOf(name, StringComparison.Ordinal) >= 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True when some file of the compilation has a <c>global using</c> alias of the version attribute (then any attribute name may be it).</summary>
        private bool HasGlobalVersionAlias()
        {
            var known = Volatile.Read(ref _globalVersionAlias);
            if (known == 0)
            {
                known = 2;
                foreach (var tree in _compilation.SyntaxTrees)
                {
                    if (TreeClasses.Get(tree).HasGlobalVersionAlias)
                    {
                        known = 1;
                        break;
                    }
                }

                Volatile.Write(ref _globalVersionAlias, known);
            }

            return known == 1;
        }

        private int _globalVersionAlias;

        /// <summary>How the version attribute is spelled in source (<c>[DynamoDBVersion]</c>, <c>[DynamoDBVersionAttribute]</c>).</summary>
        private const string VersionAttributeName = "DynamoDBVersion";

        private IPropertySymbol? FindVersionProperty(INamedTypeSymbol type, INamedTypeSymbol versionAttribute)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol property
                        && (MaySpellAttribute(property, VersionAttributeName) || HasGlobalVersionAlias())
                        && HasAttribute(property, versionAttribute))
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// False when no declaration of a source property writes an attribute named <paramref name="name"/> (or
        /// <paramref name="name"/>Attribute), and its file has no using alias for it: its attributes need not be bound.
        /// Always true for a property of a referenced assembly.
        /// </summary>
        private static bool MaySpellAttribute(IPropertySymbol property, string name)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                var lists = reference.GetSyntax() switch
                {
                    PropertyDeclarationSyntax declaration => declaration.AttributeLists,
                    ParameterSyntax parameter => parameter.AttributeLists,
                    _ => default,
                };
                foreach (var list in lists)
                {
                    foreach (var attribute in list.Attributes)
                    {
                        if (GetRightmostName(attribute.Name).StartsWith(name, StringComparison.Ordinal) || HasAliasUsing(reference.SyntaxTree, name))
                        {
                            return true;
                        }
                    }
                }
            }

            return property.DeclaringSyntaxReferences.IsEmpty;
        }

        /// <summary>True when the file has a using alias whose target spells <paramref name="name"/> (global aliases are handled by <see cref="FindVersionCandidates"/>).</summary>
        private static bool HasAliasUsing(SyntaxTree tree, string name)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit)
            {
                return true;
            }

            foreach (var directive in unit.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
            {
                if (directive is UsingDirectiveSyntax { Alias: not null } alias
                    && alias.Name?.ToString().IndexOf(name, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attributeType)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
