using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// The compilation's own types, looked up by name: the types that implement an interface, the types that derive
    /// from a class, and the types that declare a method of a given name.
    /// </summary>
    /// <remarks>
    /// Cost: each file's type declarations (with the simple names in their base lists and the names of the methods they
    /// declare) are read from its syntax once and kept as long as the tree lives, so in the IDE only the edited document
    /// is read again after a keystroke. Per compilation only those per-file lists are merged into name maps. Symbols are
    /// asked for only for the declarations a name points at, and a candidate's base types are bound only to confirm it:
    /// nothing asks the compiler for every type of the compilation or binds every base list (which, for each keystroke,
    /// cost most of DynamoGuard's time on a 2,000-file project). A file with a using alias can name a base type by
    /// another name, so its types are candidates for every look-up (every file's, when an alias is global).
    /// </remarks>
    internal sealed class SourceTypes
    {
        private static readonly ConditionalWeakTable<SyntaxTree, TreeTypes> Trees = new ConditionalWeakTable<SyntaxTree, TreeTypes>();

        private readonly Compilation _compilation;
        private readonly Func<SyntaxTree, SemanticModel> _getModel;
        private readonly ConcurrentDictionary<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>> _implementing = new ConcurrentDictionary<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>> _derived = new ConcurrentDictionary<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        private Maps? _maps;

        public SourceTypes(Compilation compilation, Func<SyntaxTree, SemanticModel> getModel)
        {
            _compilation = compilation;
            _getModel = getModel;
        }

        /// <summary>The source classes and structs that implement <paramref name="type"/> (an interface).</summary>
        public IReadOnlyList<INamedTypeSymbol> GetImplementingTypes(INamedTypeSymbol type, CancellationToken cancellationToken)
            => GetConfirmed(type, _implementing, static (candidate, target) => candidate.TypeKind != TypeKind.Interface && Implements(candidate, target), cancellationToken);

        /// <summary>The source types that derive from <paramref name="type"/>, directly or not.</summary>
        public IReadOnlyList<INamedTypeSymbol> GetDerivedTypes(INamedTypeSymbol type, CancellationToken cancellationToken)
            => GetConfirmed(type, _derived, static (candidate, target) => DerivesFrom(candidate, target), cancellationToken);

        private static bool Implements(INamedTypeSymbol candidate, INamedTypeSymbol target)
        {
            foreach (var implemented in candidate.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(INamedTypeSymbol candidate, INamedTypeSymbol target)
        {
            for (var baseType = candidate.BaseType; baseType is not null && baseType.DeclaringSyntaxReferences.Length > 0; baseType = baseType.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The related types (<see cref="GetRelatedTypes"/>) of <paramref name="type"/> that pass <paramref name="confirm"/>, cached per type for the compilation.</summary>
        private IReadOnlyList<INamedTypeSymbol> GetConfirmed(
            INamedTypeSymbol type,
            ConcurrentDictionary<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>> cache,
            Func<INamedTypeSymbol, INamedTypeSymbol, bool> confirm,
            CancellationToken cancellationToken)
        {
            var target = type.OriginalDefinition;
            if (cache.TryGetValue(target, out var cached))
            {
                return cached;
            }

            var result = new List<INamedTypeSymbol>();
            foreach (var candidate in GetRelatedTypes(target, cancellationToken))
            {
                if (confirm(candidate, target))
                {
                    result.Add(candidate);
                }
            }

            return cache.GetOrAdd(target, result);
        }

        /// <summary>
        /// The source types that declare a method named <paramref name="name"/> (read from their declarations, so no
        /// member symbol is created; a record's synthesized methods have no body to follow and are not listed).
        /// </summary>
        public IReadOnlyList<INamedTypeSymbol> GetTypesDeclaringMethod(string name, CancellationToken cancellationToken)
        {
            if (!GetMaps(cancellationToken).ByMethodName.TryGetValue(name, out var declarations))
            {
                return Array.Empty<INamedTypeSymbol>();
            }

            var result = new List<INamedTypeSymbol>();
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var declaration in declarations)
            {
                if (GetSymbol(declaration, cancellationToken) is { } type && seen.Add(type))
                {
                    result.Add(type);
                }
            }

            return result;
        }

        /// <summary>
        /// The method declarations named <paramref name="name"/> of the source types (explicit interface implementations
        /// excluded), read from their syntax: nothing is bound, and the nodes are those of trees the IDE keeps from one
        /// compilation to the next.
        /// </summary>
        public List<MethodDeclarationSyntax> GetMethodDeclarations(string name, CancellationToken cancellationToken)
        {
            var result = new List<MethodDeclarationSyntax>();
            if (!GetMaps(cancellationToken).ByMethodName.TryGetValue(name, out var declarations))
            {
                return result;
            }

            foreach (var declaration in declarations)
            {
                foreach (var member in declaration.Node.Members)
                {
                    if (member is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method && method.Identifier.ValueText == name)
                    {
                        result.Add(method);
                    }
                }
            }

            return result;
        }

        /// <summary>
        /// The types whose base lists name <paramref name="target"/>, or name a type whose base list does, and so on (the
        /// names closed over), plus every type of a file with a using alias: a superset of the types that derive from or
        /// implement it. Each is distinct and bound only to its declaration symbol.
        /// </summary>
        private List<INamedTypeSymbol> GetRelatedTypes(INamedTypeSymbol target, CancellationToken cancellationToken)
        {
            var maps = GetMaps(cancellationToken);
            var result = new List<INamedTypeSymbol>();
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { target };
            var names = new HashSet<string>(StringComparer.Ordinal) { target.Name };
            var pending = new Queue<string>();
            pending.Enqueue(target.Name);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!maps.ByBaseName.TryGetValue(pending.Dequeue(), out var declarations))
                {
                    continue;
                }

                foreach (var declaration in declarations)
                {
                    if (GetSymbol(declaration, cancellationToken) is { } type && seen.Add(type))
                    {
                        result.Add(type);
                        if (names.Add(type.Name))
                        {
                            pending.Enqueue(type.Name);
                        }
                    }
                }
            }

            foreach (var declaration in maps.InAliasFiles)
            {
                if (GetSymbol(declaration, cancellationToken) is { } type && seen.Add(type))
                {
                    result.Add(type);
                }
            }

            return result;
        }

        private INamedTypeSymbol? GetSymbol(DeclaredType declaration, CancellationToken cancellationToken)
            => _getModel(declaration.Node.SyntaxTree).GetDeclaredSymbol(declaration.Node, cancellationToken) as INamedTypeSymbol;

        private Maps GetMaps(CancellationToken cancellationToken)
        {
            var maps = Volatile.Read(ref _maps);
            if (maps is null)
            {
                var byBaseName = new Dictionary<string, List<DeclaredType>>(StringComparer.Ordinal);
                var byMethodName = new Dictionary<string, List<DeclaredType>>(StringComparer.Ordinal);
                var inAliasFiles = new List<DeclaredType>();
                var allTrees = new List<TreeTypes>();
                var globalAlias = false;
                foreach (var tree in _compilation.SyntaxTrees)
                {
                    var types = Trees.GetValue(tree, static t => TreeTypes.Create(t));
                    allTrees.Add(types);
                    globalAlias |= types.HasGlobalAlias;
                    foreach (var declaration in types.Declarations)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        foreach (var name in declaration.BaseNames)
                        {
                            AddTo(byBaseName, name, declaration);
                        }

                        foreach (var name in declaration.MethodNames)
                        {
                            AddTo(byMethodName, name, declaration);
                        }

                        if (types.HasAliases && declaration.BaseNames.Length > 0)
                        {
                            inAliasFiles.Add(declaration);
                        }
                    }
                }

                if (globalAlias)
                {
                    // A global alias can stand for a base type in any file: every type with a base list is a candidate.
                    inAliasFiles.Clear();
                    foreach (var types in allTrees)
                    {
                        foreach (var declaration in types.Declarations)
                        {
                            if (declaration.BaseNames.Length > 0)
                            {
                                inAliasFiles.Add(declaration);
                            }
                        }
                    }
                }

                maps = Interlocked.CompareExchange(ref _maps, new Maps(byBaseName, byMethodName, inAliasFiles), null) ?? _maps!;
            }

            return maps;
        }

        private static void AddTo(Dictionary<string, List<DeclaredType>> map, string key, DeclaredType declaration)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = new List<DeclaredType>();
            }

            list.Add(declaration);
        }

        private sealed class Maps
        {
            public Maps(Dictionary<string, List<DeclaredType>> byBaseName, Dictionary<string, List<DeclaredType>> byMethodName, List<DeclaredType> inAliasFiles)
            {
                ByBaseName = byBaseName;
                ByMethodName = byMethodName;
                InAliasFiles = inAliasFiles;
            }

            public Dictionary<string, List<DeclaredType>> ByBaseName { get; }

            public Dictionary<string, List<DeclaredType>> ByMethodName { get; }

            public List<DeclaredType> InAliasFiles { get; }
        }

        /// <summary>One type declaration (a part of a partial type is one declaration), as its syntax spells it.</summary>
        private sealed class DeclaredType
        {
            public DeclaredType(TypeDeclarationSyntax node, string[] baseNames, string[] methodNames)
            {
                Node = node;
                BaseNames = baseNames;
                MethodNames = methodNames;
            }

            public TypeDeclarationSyntax Node { get; }

            /// <summary>The last identifier of each type in the base list (<c>Repository&lt;T&gt;</c>, <c>Data.Repository</c>: Repository).</summary>
            public string[] BaseNames { get; }

            /// <summary>The names of the methods the declaration declares (explicit interface implementations excluded).</summary>
            public string[] MethodNames { get; }
        }

        /// <summary>The type declarations of one file, nested ones included, read once per tree.</summary>
        private sealed class TreeTypes
        {
            private TreeTypes(ImmutableArray<DeclaredType> declarations, bool hasAliases, bool hasGlobalAlias)
            {
                Declarations = declarations;
                HasAliases = hasAliases;
                HasGlobalAlias = hasGlobalAlias;
            }

            public ImmutableArray<DeclaredType> Declarations { get; }

            /// <summary>The file has a using alias directive (its base lists can name a type by another name).</summary>
            public bool HasAliases { get; }

            /// <summary>The file has a <c>global using</c> alias (then every file's base lists can use it).</summary>
            public bool HasGlobalAlias { get; }

            public static TreeTypes Create(SyntaxTree tree)
            {
                var declarations = ImmutableArray.CreateBuilder<DeclaredType>();
                var hasAliases = false;
                var hasGlobalAlias = false;
                var root = tree.GetRoot();
                foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    switch (node)
                    {
                        case UsingDirectiveSyntax { Alias: not null } alias:
                            hasAliases = true;
                            hasGlobalAlias |= alias.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword);
                            break;
                        case TypeDeclarationSyntax type:
                            declarations.Add(new DeclaredType(type, GetBaseNames(type), GetMethodNames(type)));
                            break;
                    }
                }

                return new TreeTypes(declarations.ToImmutable(), hasAliases, hasGlobalAlias);
            }

            private static string[] GetBaseNames(TypeDeclarationSyntax type)
            {
                if (type.BaseList is not { } baseList)
                {
                    return Array.Empty<string>();
                }

                var names = new List<string>(baseList.Types.Count);
                foreach (var baseType in baseList.Types)
                {
                    if (LastIdentifier(baseType.Type) is { } name)
                    {
                        names.Add(name);
                    }
                }

                return names.ToArray();
            }

            private static string? LastIdentifier(TypeSyntax type)
                => type switch
                {
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
                    _ => null,
                };

            private static string[] GetMethodNames(TypeDeclarationSyntax type)
            {
                List<string>? names = null;
                foreach (var member in type.Members)
                {
                    if (member is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method)
                    {
                        var name = method.Identifier.ValueText;
                        if (names is null || !names.Contains(name))
                        {
                            (names ??= new List<string>()).Add(name);
                        }
                    }
                }

                return names is null ? Array.Empty<string>() : names.ToArray();
            }
        }
    }
}
