using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// The compilation's own types, mapped once per compilation from the declaration table (no syntax walked, nothing
    /// bound): the types that implement an interface, the types that derive from a class, and the types that declare a
    /// member of a given name. Each map is built on first use.
    /// </summary>
    internal sealed class SourceTypes
    {
        private readonly Compilation _compilation;
        private ImmutableArray<INamedTypeSymbol> _sourceTypes;
        private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>? _derivedTypes;
        private Dictionary<string, List<INamedTypeSymbol>>? _typesByMemberName;
        private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>? _implementingTypes;

        public SourceTypes(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>The source classes and structs that implement <paramref name="type"/> (an interface), from a map built once per compilation.</summary>
        public IReadOnlyList<INamedTypeSymbol> GetImplementingTypes(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var map = Volatile.Read(ref _implementingTypes);
            if (map is null)
            {
                map = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
                foreach (var candidate in GetSourceTypes(cancellationToken))
                {
                    if (candidate.TypeKind == TypeKind.Interface)
                    {
                        continue;
                    }

                    foreach (var implemented in candidate.AllInterfaces)
                    {
                        if (implemented.DeclaringSyntaxReferences.Length == 0)
                        {
                            continue;
                        }

                        AddTo(map, implemented.OriginalDefinition, candidate);
                    }
                }

                map = Interlocked.CompareExchange(ref _implementingTypes, map, null) ?? map;
            }

            return map.TryGetValue(type.OriginalDefinition, out var types) ? types : (IReadOnlyList<INamedTypeSymbol>)Array.Empty<INamedTypeSymbol>();
        }

        /// <summary>
        /// A record's method names, read from its declarations. The compiler answers <c>MemberNames</c> of a record by
        /// building every member symbol (the synthesized Equals, ToString, Deconstruct... included), not from the
        /// declaration table: on a corpus with records that took most of DynamoGuard's time for one IDE document, since
        /// the map is built again for each new compilation. Only methods are looked up in the map
        /// (<see cref="CallSiteIndex"/>), and a synthesized method has no body to follow.
        /// </summary>
        private static void AddDeclaredMethodNames(Dictionary<string, List<INamedTypeSymbol>> map, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            HashSet<string>? added = null;
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                foreach (var member in declaration.Members)
                {
                    if (member is MethodDeclarationSyntax method
                        && (added ??= new HashSet<string>(StringComparer.Ordinal)).Add(method.Identifier.ValueText))
                    {
                        AddTo(map, method.Identifier.ValueText, type);
                    }
                }
            }
        }

        private static void AddTo<TKey>(Dictionary<TKey, List<INamedTypeSymbol>> map, TKey key, INamedTypeSymbol type)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = new List<INamedTypeSymbol>();
            }

            list.Add(type);
        }

        /// <summary>The named types declared in the compilation's source (nested ones included), once per compilation.</summary>
        private ImmutableArray<INamedTypeSymbol> GetSourceTypes(CancellationToken cancellationToken)
        {
            if (_sourceTypes.IsDefault)
            {
                var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var symbol in _compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, cancellationToken))
                {
                    if (symbol is INamedTypeSymbol type)
                    {
                        types.Add(type);
                    }
                }

                ImmutableInterlocked.InterlockedInitialize(ref _sourceTypes, types.ToImmutable());
            }

            return _sourceTypes;
        }

        /// <summary>The source types that derive from <paramref name="type"/>, directly or not (from a map built once per compilation).</summary>
        public IReadOnlyList<INamedTypeSymbol> GetDerivedTypes(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var map = Volatile.Read(ref _derivedTypes);
            if (map is null)
            {
                map = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
                foreach (var candidate in GetSourceTypes(cancellationToken))
                {
                    for (var baseType = candidate.BaseType; baseType is not null && baseType.DeclaringSyntaxReferences.Length > 0; baseType = baseType.BaseType)
                    {
                        AddTo(map, baseType.OriginalDefinition, candidate);
                    }
                }

                map = Interlocked.CompareExchange(ref _derivedTypes, map, null) ?? map;
            }

            return map.TryGetValue(type.OriginalDefinition, out var derived) ? derived : (IReadOnlyList<INamedTypeSymbol>)Array.Empty<INamedTypeSymbol>();
        }

        /// <summary>
        /// The source types by the names of the members they declare (from the declarations, no member symbol is created;
        /// for records, the names of the methods their declarations declare), built once per compilation: looking up the
        /// methods of one name is then a lookup, not a search of the compilation.
        /// </summary>
        public Dictionary<string, List<INamedTypeSymbol>> GetTypesDeclaring(CancellationToken cancellationToken)
        {
            var map = Volatile.Read(ref _typesByMemberName);
            if (map is null)
            {
                map = new Dictionary<string, List<INamedTypeSymbol>>(StringComparer.Ordinal);
                foreach (var type in GetSourceTypes(cancellationToken))
                {
                    if (type.IsRecord)
                    {
                        AddDeclaredMethodNames(map, type, cancellationToken);
                        continue;
                    }

                    foreach (var memberName in type.MemberNames)
                    {
                        AddTo(map, memberName, type);
                    }
                }

                map = Interlocked.CompareExchange(ref _typesByMemberName, map, null) ?? map;
            }

            return map;
        }
    }
}
