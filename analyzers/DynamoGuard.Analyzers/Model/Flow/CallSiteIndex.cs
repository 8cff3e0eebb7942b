using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// Calls between the source methods of one compilation, found on demand and cached for the compilation: whether a
    /// method may be called at all (<see cref="MayBeCalled"/>), the one implementation behind an interface or virtual
    /// call (<see cref="ResolveTarget"/>), a method's body, and a cheap syntactic over-approximation of the methods that
    /// can reach a batch or transaction call within three calls (<see cref="IsCandidate"/>), so that nothing is bound for
    /// the others.
    /// </summary>
    /// <remarks>
    /// Cost: nothing walks the syntax of the whole compilation, and nothing is bound to find uses. Declarations and
    /// implementations come from the files' type declarations, read once per tree (<see cref="SourceTypes"/>); uses of a method name are
    /// found by a text search per name (<see cref="SourceTextSearch"/>), narrowed to the trees that can name the method's
    /// type (<see cref="TypeScope"/>). Works without CompilationEnd, so findings
    /// appear live for the open document. Other documents' semantic models come from the compilation, which caches one
    /// per tree (<see cref="GetModel"/>). Never throws except for cancellation.
    /// </remarks>
    internal sealed class CallSiteIndex
    {
        /// <summary>How many calls away from a batch call a method can be and still be followed.</summary>
        public const int MaxCallDepth = 3;

        private static readonly HashSet<string> BatchMethodNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "BatchWriteItem", "BatchWriteItemAsync", "BatchGetItem", "BatchGetItemAsync",
            "BatchExecuteStatement", "BatchExecuteStatementAsync", "TransactWriteItems", "TransactWriteItemsAsync",
            "TransactGetItems", "TransactGetItemsAsync", "ExecuteTransaction", "ExecuteTransactionAsync", "Execute", "ExecuteAsync",
            "ExecuteTransactWrite", "ExecuteTransactWriteAsync", "ExecuteTransactGet", "ExecuteTransactGetAsync",
        };

        private readonly Compilation _compilation;
        private readonly SourceTypes _types;
        private readonly ConcurrentDictionary<string, ImmutableArray<IMethodSymbol>> _methodsNamed = new ConcurrentDictionary<string, ImmutableArray<IMethodSymbol>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string[]> _invokedByName = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, bool>[] _reaches = CreateReachCaches();
        private readonly ConcurrentDictionary<string, bool>[] _reachesItemCall = CreateReachCaches();
        private int _globalUsings;
        private TypeNameIndex? _typeNames;
        private readonly ConcurrentDictionary<string, ImmutableArray<Spellings>> _spellings = new ConcurrentDictionary<string, ImmutableArray<Spellings>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<INamedTypeSymbol, TypeScope> _scopes = new ConcurrentDictionary<INamedTypeSymbol, TypeScope>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, TypeScope> _extensionScopes = new ConcurrentDictionary<INamedTypeSymbol, TypeScope>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _callers = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, Resolved> _targets = new ConcurrentDictionary<IMethodSymbol, Resolved>(SymbolEqualityComparer.Default);

        public CallSiteIndex(Compilation compilation)
        {
            _compilation = compilation;
            _types = new SourceTypes(compilation, GetModel);
        }

        /// <summary>
        /// False when no method named like <paramref name="method"/> can reach a batch or transaction call within
        /// <see cref="MaxCallDepth"/> calls (judged from names in syntax, so true is only a maybe).
        /// </summary>
        public bool IsCandidate(IMethodSymbol method, CancellationToken cancellationToken)
            => Reaches(method.Name, MaxCallDepth, BatchMethodNames, _reaches, cancellationToken);

        /// <summary>
        /// False when no method named like <paramref name="method"/> can reach a single-item read or write call (by the
        /// names of <see cref="SourceMethods.ItemCallNames"/>) within <see cref="MaxCallDepth"/> calls (judged from
        /// names in syntax, so true is only a maybe).
        /// </summary>
        public bool MayReachItemCall(IMethodSymbol method, CancellationToken cancellationToken)
            => Reaches(method.Name, MaxCallDepth, SourceMethods.ItemCallNames, _reachesItemCall, cancellationToken);

        /// <summary>
        /// The source method a call of <paramref name="target"/> runs: the method itself, or for an interface, abstract,
        /// virtual or override member, its only implementation in the compilation. Null when there are several, none, or
        /// the method is not declared in source with a body.
        /// </summary>
        public IMethodSymbol? ResolveTarget(IMethodSymbol target, CancellationToken cancellationToken)
        {
            target = (target.ReducedFrom ?? target).OriginalDefinition;
            if (_targets.TryGetValue(target, out var cached))
            {
                return cached.Method;
            }

            var resolved = new Resolved(ResolveTargetCore(target, cancellationToken));
            return _targets.GetOrAdd(target, resolved).Method;
        }

        /// <summary>
        /// False when nothing in the compilation can call <paramref name="method"/> or use it as a delegate: no spelling
        /// of its name where a call of it could be (a tree that can name its type, with an argument count it takes).
        /// Nothing is bound: a same-named call of another method there counts as a use too. The rules ask this to stay
        /// silent in a helper whose callers decide, so such a coincidence costs a finding, never adds one.
        /// </summary>
        public bool MayBeCalled(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_callers.TryGetValue(method, out var cached))
            {
                return cached;
            }

            return _callers.GetOrAdd(method, FindUse(method, cancellationToken));
        }

        /// <summary>The body operation of a source method (its implementation part), or null.</summary>
        public IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
                    && (declaration.Body is not null || declaration.ExpressionBody is not null)
                    && _compilation.ContainsSyntaxTree(declaration.SyntaxTree))
                {
                    return GetModel(declaration.SyntaxTree).GetOperation(declaration, cancellationToken);
                }
            }

            return null;
        }

        /// <summary>
        /// The semantic model of a tree of the compilation, for every flow across methods (call sites, method summaries,
        /// context origins). Neither the model nor the operations bound in it are cached here: the analyzer driver's
        /// compilation caches one model per tree (the driver's own while it analyzes that tree, so a body of the tree
        /// being analyzed is not bound twice), and the operation trees stay cached in that model. A cache of ours
        /// would keep each model, with every member the driver bound in it, alive until the end of the compilation
        /// after the driver has released it (about 50 MB at 2,000 files, the benchmark's <c>--retained</c>).
        /// </summary>
        public SemanticModel GetModel(SyntaxTree tree)
#pragma warning disable RS1030 // Another document's semantic model is needed; the driver's compilation caches it per tree.
            => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

        /// <summary>
        /// True when <paramref name="method"/> (or the extension method it is reduced from) belongs to the compilation's
        /// own assembly: the only methods whose bodies can be followed (in the IDE a project reference's symbols have
        /// syntax from another compilation, whose trees this compilation cannot bind). Nothing is allocated: a first test
        /// for calls of every kind.
        /// </summary>
        public bool IsSourceMethod(IMethodSymbol method)
            => SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).ContainingAssembly, _compilation.Assembly);

        private IMethodSymbol? ResolveTargetCore(IMethodSymbol target, CancellationToken cancellationToken)
        {
            if (target.MethodKind != MethodKind.Ordinary || !IsSourceMethod(target) || target.DeclaringSyntaxReferences.Length == 0)
            {
                return null;
            }

            var dispatched = target.ContainingType?.TypeKind == TypeKind.Interface || target.IsAbstract || target.IsVirtual || target.IsOverride;
            if (!dispatched)
            {
                return HasBody(target) ? target : null;
            }

            // The source types that can hold an implementation (maps built once per compilation from the declaration
            // table, no syntax walked): one implementation with a body is followed; several, or none, are not.
            IMethodSymbol? found = null;
            var containing = target.ContainingType!;
            if (containing.TypeKind == TypeKind.Interface)
            {
                foreach (var type in _types.GetImplementingTypes(containing, cancellationToken))
                {
                    foreach (var implemented in type.AllInterfaces)
                    {
                        if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, containing.OriginalDefinition))
                        {
                            continue;
                        }

                        foreach (var member in implemented.GetMembers(target.Name))
                        {
                            if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, target)
                                && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                                && !Accept(implementation.OriginalDefinition, ref found))
                            {
                                return null;
                            }
                        }
                    }
                }

                return found;
            }

            if (!Accept(target, ref found))
            {
                return null;
            }

            foreach (var type in _types.GetDerivedTypes(containing, cancellationToken))
            {
                foreach (var member in type.GetMembers(target.Name))
                {
                    if (member is IMethodSymbol method && MayRun(target, method.OriginalDefinition) && !Accept(method.OriginalDefinition, ref found))
                    {
                        return null;
                    }
                }
            }

            return found;
        }

        /// <summary>Records an implementation with a body; false when another one was recorded before (the call is ambiguous).</summary>
        private bool Accept(IMethodSymbol implementation, ref IMethodSymbol? found)
        {
            if (!HasBody(implementation) || !IsSourceMethod(implementation))
            {
                return true;
            }

            if (found is not null && !SymbolEqualityComparer.Default.Equals(found, implementation))
            {
                return false;
            }

            found = implementation;
            return true;
        }

        private static bool HasBody(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a call bound to <paramref name="called"/> can run <paramref name="implementation"/>.</summary>
        private static bool MayRun(IMethodSymbol called, IMethodSymbol implementation)
        {
            called = (called.ReducedFrom ?? called).OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(called, implementation))
            {
                return true;
            }

            for (var overridden = implementation.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, called))
                {
                    return true;
                }
            }

            if (called.ContainingType?.TypeKind == TypeKind.Interface && implementation.ContainingType is { } type)
            {
                foreach (var explicitImplementation in implementation.ExplicitInterfaceImplementations)
                {
                    if (SymbolEqualityComparer.Default.Equals(explicitImplementation.OriginalDefinition, called))
                    {
                        return true;
                    }
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, called.ContainingType.OriginalDefinition))
                    {
                        continue;
                    }

                    foreach (var member in implemented.GetMembers(called.Name))
                    {
                        if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, called)
                            && type.FindImplementationForInterfaceMember(member) is IMethodSymbol found
                            && SymbolEqualityComparer.Default.Equals(found.OriginalDefinition, implementation))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private bool FindUse(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
            {
                return true;
            }

            return HasCallSpelling(method, cancellationToken);
        }

        /// <summary>
        /// False when <paramref name="name"/> is invoked with a number of arguments no call of <paramref name="method"/>
        /// can have (judged from syntax, so nothing is bound for the many same-named calls of other methods).
        /// </summary>
        private static bool MayBeCallOf(SimpleNameSyntax name, IMethodSymbol method)
        {
            SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access
                : name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name ? binding
                : name;
            if (expression.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != expression)
            {
                return true;
            }

            var required = 0;
            var maximum = 0;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.IsParams)
                {
                    maximum = int.MaxValue;
                }
                else
                {
                    maximum++;
                    if (!parameter.IsOptional)
                    {
                        required++;
                    }
                }
            }

            if (method.IsExtensionMethod && required > 0)
            {
                // Called as an extension (the receiver is the first argument) or as a static method.
                required--;
            }

            var count = invocation.ArgumentList.Arguments.Count;
            return count >= required && count <= maximum;
        }

        private static bool IsNameofArgument(SyntaxNode name)
        {
            for (var current = name.Parent; current is not null; current = current.Parent)
            {
                if (current is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } })
                {
                    return true;
                }

                if (current is StatementSyntax or MemberDeclarationSyntax)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a simple name spelled like <paramref name="method"/>'s name stands where a call of it can be (not in
        /// <c>nameof</c>, with an argument count it takes): in the declarations of its type for a private method, else in
        /// any tree that can name the method's type (see <see cref="TypeScope"/>, built only when a tree that does not
        /// declare the type is reached). Found by a text search of each tree (no syntax walked, nothing bound); only the
        /// tokens at the matches are looked up, and the search stops at the first use.
        /// </summary>
        private bool HasCallSpelling(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.ContainingType is not { } type)
            {
                return false;
            }

            // An explicit implementation is called through its interface member, by that member's name.
            var isExplicit = method.ExplicitInterfaceImplementations.Length > 0;
            var name = isExplicit ? method.ExplicitInterfaceImplementations[0].Name : method.Name;
            var isPrivate = method.DeclaredAccessibility == Accessibility.Private && !isExplicit;
            var spellings = GetSpellings(name, cancellationToken);

            // The files that declare the type first: a helper is most often called beside it, and those files need no
            // scope check, so a use there ends the search before the other files are looked at (one scope check per file
            // that spells the name: with a name common in the compilation, that loop grows with the compilation). A
            // private method is called only inside its type's declarations.
            var declarations = type.DeclaringSyntaxReferences;
            foreach (var hits in spellings)
            {
                if (IsDeclaredIn(declarations, hits.Tree) && HasCallAt(hits, isPrivate ? declarations : default, name, method, cancellationToken))
                {
                    return true;
                }
            }

            if (isPrivate)
            {
                return false;
            }

            TypeScope? scope = null;
            foreach (var hits in spellings)
            {
                if (IsDeclaredIn(declarations, hits.Tree))
                {
                    continue;
                }

                if (scope is null)
                {
                    scope = GetScope(type, method.IsExtensionMethod, cancellationToken);
                    if (scope.GetTrees(GetTypeNameIndex(), cancellationToken) is { } trees && trees.Length < spellings.Length)
                    {
                        // The few trees that can name the type, each looked up among the name's spellings: asking each
                        // tree that spells a common method name instead costs files times methods of that name.
                        return HasCallInTrees(spellings, trees, declarations, name, method, cancellationToken);
                    }
                }

                if (scope.MayBeNamedIn(hits.Tree, cancellationToken) && HasCallAt(hits, default, name, method, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a spelling of <paramref name="name"/> in one of <paramref name="trees"/> (ordinals in the compilation,
        /// ascending) other than the type's own stands where a call of <paramref name="method"/> can be.
        /// </summary>
        private static bool HasCallInTrees(ImmutableArray<Spellings> spellings, int[] trees, ImmutableArray<SyntaxReference> declarations, string name, IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var ordinal in trees)
            {
                var found = FindSpellings(spellings, ordinal);
                if (found >= 0 && !IsDeclaredIn(declarations, spellings[found].Tree) && HasCallAt(spellings[found], default, name, method, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The index of the tree's entry in <paramref name="spellings"/> (in tree order), or -1.</summary>
        private static int FindSpellings(ImmutableArray<Spellings> spellings, int ordinal)
        {
            var low = 0;
            var high = spellings.Length - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) >> 1);
                var found = spellings[middle].Ordinal;
                if (found == ordinal)
                {
                    return middle;
                }

                if (found < ordinal)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return -1;
        }

        /// <summary>
        /// Whether one of the tree's spellings of <paramref name="name"/> stands where a call of <paramref name="method"/>
        /// can be (inside one of <paramref name="within"/>, a type's declarations, unless default).
        /// </summary>
        private static bool HasCallAt(Spellings hits, ImmutableArray<SyntaxReference> within, string name, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var tree = hits.Tree;
            var root = tree.GetRoot(cancellationToken);
            foreach (var position in hits.Positions)
            {
                if (!within.IsDefault && !IsInside(within, tree, position))
                {
                    continue;
                }

                if (SourceTextSearch.GetSimpleName(root, position, name) is { } simpleName
                    && !IsNameofArgument(simpleName)
                    && MayBeCallOf(simpleName, method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when one of a type's declarations (read once per question: each read of <c>DeclaringSyntaxReferences</c> allocates) is in <paramref name="tree"/>.</summary>
        private static bool IsDeclaredIn(ImmutableArray<SyntaxReference> declarations, SyntaxTree tree)
        {
            foreach (var reference in declarations)
            {
                if (reference.SyntaxTree == tree)
                {
                    return true;
                }
            }

            return false;
        }

        private TypeScope GetScope(INamedTypeSymbol type, bool extension, CancellationToken cancellationToken)
        {
            var scopes = extension ? _extensionScopes : _scopes;
            type = type.OriginalDefinition;
            return scopes.TryGetValue(type, out var scope) ? scope : scopes.GetOrAdd(type, new TypeScope(this, type, extension, cancellationToken));
        }

        private static bool IsInside(ImmutableArray<SyntaxReference> declarations, SyntaxTree tree, int position)
        {
            foreach (var reference in declarations)
            {
                if (reference.SyntaxTree == tree && reference.Span.Contains(position))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Where <paramref name="name"/> is spelled as a whole word in the compilation's trees (comments and strings
        /// included; the caller looks at the token): one text search per name, once per compilation, of the trees whose
        /// word sets (<see cref="SourceTextSearch.GetWords"/>) say they may spell it.
        /// </summary>
        private ImmutableArray<Spellings> GetSpellings(string name, CancellationToken cancellationToken)
        {
            if (_spellings.TryGetValue(name, out var cached))
            {
                return cached;
            }

            var result = ImmutableArray.CreateBuilder<Spellings>();
            var ordinal = -1;
            foreach (var tree in _compilation.SyntaxTrees)
            {
                ordinal++;
                cancellationToken.ThrowIfCancellationRequested();
                if (!SourceTextSearch.GetWords(tree, cancellationToken).MayContain(name))
                {
                    // A binary search in the tree's word set, computed once per text: the search of the text below
                    // is made only in the few trees that spell the name.
                    continue;
                }

                var text = SourceTextSearch.GetString(tree, cancellationToken);
                List<int>? positions = null;
                for (var position = text.IndexOf(name, StringComparison.Ordinal); position >= 0; position = text.IndexOf(name, position + name.Length, StringComparison.Ordinal))
                {
                    if (SourceTextSearch.IsWholeWord(text, position, name.Length))
                    {
                        (positions ??= new List<int>()).Add(position);
                    }
                }

                if (positions is not null)
                {
                    result.Add(new Spellings(tree, ordinal, positions.ToArray()));
                }
            }

            return _spellings.GetOrAdd(name, result.ToImmutable());
        }

        private readonly struct Spellings
        {
            public Spellings(SyntaxTree tree, int ordinal, int[] positions)
            {
                Tree = tree;
                Ordinal = ordinal;
                Positions = positions;
            }

            public SyntaxTree Tree { get; }

            /// <summary>The tree's position in the compilation's trees.</summary>
            public int Ordinal { get; }

            public int[] Positions { get; }
        }

        /// <summary>
        /// Which trees can hold a call of a method: those that spell the name of its type (or of a source type deriving
        /// from it, or of a source interface or base type it implements) and the last part of that type's namespace (every
        /// way to bring a namespace into scope spells it: a namespace declaration, a using directive or alias, a qualified
        /// name), and the trees that declare those types. No namespace part is asked for when the compilation has a global
        /// using directive; for an extension method, only its namespace is. Judged from text, so a tree that passes may
        /// still not call the method; a tree that calls it without naming any of those types (an object obtained from a
        /// method of another file, through <c>var</c>) is not seen, and the method counts as uncalled there.
        /// </summary>
        private sealed class TypeScope
        {
            /// <summary>The hashes (<see cref="SourceTextSearch.Words.HashOf"/>) of a type's name and of its namespace's last part; 0 when that part is not asked for.</summary>
            private readonly List<(int TypeName, int Namespace)> _names = new List<(int, int)>();
            private readonly HashSet<SyntaxTree> _declaringTrees = new HashSet<SyntaxTree>();
            private int[]? _trees;
            private bool _treesKnown;

            public TypeScope(CallSiteIndex index, INamedTypeSymbol type, bool extension, CancellationToken cancellationToken)
            {
                var globalUsings = index.HasGlobalUsings(cancellationToken);
                if (extension)
                {
                    Add(null, type, globalUsings);
                    return;
                }

                Add(type.Name, type, globalUsings);
                for (var baseType = type.BaseType; baseType is not null && baseType.DeclaringSyntaxReferences.Length > 0; baseType = baseType.BaseType)
                {
                    Add(baseType.Name, baseType, globalUsings);
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (implemented.DeclaringSyntaxReferences.Length > 0)
                    {
                        Add(implemented.Name, implemented, globalUsings);
                    }
                }

                foreach (var derived in index._types.GetDerivedTypes(type, cancellationToken))
                {
                    Add(derived.Name, derived, globalUsings);
                }
            }

            /// <summary>
            /// Whether the tree passes: a few look-ups in the tree's word set (<see cref="SourceTextSearch.GetWords"/>),
            /// cheap enough to ask again for every method of the type instead of caching per type and tree. (A text search
            /// per type and tree cost more than all the rest of the index: tens of thousands of checks on the benchmark's
            /// 2,000 files, against a handful of names searched.)
            /// </summary>
            public bool MayBeNamedIn(SyntaxTree tree, CancellationToken cancellationToken)
            {
                if (_declaringTrees.Contains(tree))
                {
                    return true;
                }

                var words = SourceTextSearch.GetWords(tree, cancellationToken);
                foreach (var (typeName, ns) in _names)
                {
                    if ((typeName == 0 || words.MayContain(typeName)) && (ns == 0 || words.MayContain(ns)))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// The ordinals (ascending) of the compilation's trees that <see cref="MayBeNamedIn"/> accepts, read from the
            /// index of type names and computed once per scope; null for an extension method's scope (it names only a
            /// namespace, which many trees spell).
            /// </summary>
            public int[]? GetTrees(TypeNameIndex index, CancellationToken cancellationToken)
            {
                if (Volatile.Read(ref _treesKnown))
                {
                    return _trees;
                }

                var trees = FindTrees(index, cancellationToken);
                _trees = trees;
                Volatile.Write(ref _treesKnown, true);
                return trees;
            }

            private int[]? FindTrees(TypeNameIndex index, CancellationToken cancellationToken)
            {
                var found = new HashSet<int>();
                foreach (var (typeName, ns) in _names)
                {
                    if (typeName == 0)
                    {
                        return null;
                    }

                    foreach (var ordinal in index.GetTreesSpelling(typeName, cancellationToken))
                    {
                        if (ns == 0 || SourceTextSearch.GetWords(index.GetTree(ordinal), cancellationToken).MayContain(ns))
                        {
                            found.Add(ordinal);
                        }
                    }
                }

                foreach (var tree in _declaringTrees)
                {
                    // A declaring tree of another project's compilation holds no spelling this compilation searches.
                    if (index.TryGetOrdinal(tree, out var ordinal))
                    {
                        found.Add(ordinal);
                    }
                }

                var result = new int[found.Count];
                found.CopyTo(result);
                Array.Sort(result);
                return result;
            }

            private void Add(string? typeName, INamedTypeSymbol type, bool globalUsings)
            {
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    _declaringTrees.Add(reference.SyntaxTree);
                }

                var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing && !globalUsings ? containing.Name : null;
                _names.Add((typeName is null ? 0 : SourceTextSearch.Words.HashOf(typeName), ns is null ? 0 : SourceTextSearch.Words.HashOf(ns)));
            }
        }

        private TypeNameIndex GetTypeNameIndex()
            => Volatile.Read(ref _typeNames) ?? Interlocked.CompareExchange(ref _typeNames, new TypeNameIndex(_compilation), null) ?? _typeNames!;

        /// <summary>
        /// Which trees spell a type's name, asked once per name and compilation of every tree's word set
        /// (<see cref="SourceTextSearch.GetWords"/>): a type's scope (<see cref="TypeScope.GetTrees"/>) asks it for the few
        /// trees that can name the type, instead of asking each tree that spells a method's name whether it can (a loop
        /// that grows with the files times the methods of a common name). Only the names of the scopes asked about are
        /// looked up, so an IDE compilation after a keystroke pays for the few its document needs. The same hash test as
        /// <see cref="TypeScope.MayBeNamedIn"/>'s, so it accepts exactly the trees that does.
        /// </summary>
        internal sealed class TypeNameIndex
        {
            private readonly ImmutableArray<SyntaxTree> _trees;
            private readonly Dictionary<SyntaxTree, int> _ordinals;
            private readonly ConcurrentDictionary<int, int[]> _treesByName = new ConcurrentDictionary<int, int[]>();

            public TypeNameIndex(Compilation compilation)
            {
                _trees = compilation.SyntaxTrees.ToImmutableArray();
                _ordinals = new Dictionary<SyntaxTree, int>(_trees.Length);
                for (var i = 0; i < _trees.Length; i++)
                {
                    _ordinals[_trees[i]] = i;
                }
            }

            /// <summary>The ordinals (ascending) of the trees whose word sets hold <paramref name="nameHash"/>.</summary>
            public int[] GetTreesSpelling(int nameHash, CancellationToken cancellationToken)
            {
                if (_treesByName.TryGetValue(nameHash, out var cached))
                {
                    return cached;
                }

                List<int>? found = null;
                for (var i = 0; i < _trees.Length; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (SourceTextSearch.GetWords(_trees[i], cancellationToken).MayContain(nameHash))
                    {
                        (found ??= new List<int>()).Add(i);
                    }
                }

                return _treesByName.GetOrAdd(nameHash, found is null ? Array.Empty<int>() : found.ToArray());
            }

            public SyntaxTree GetTree(int ordinal) => _trees[ordinal];

            public bool TryGetOrdinal(SyntaxTree tree, out int ordinal) => _ordinals.TryGetValue(tree, out ordinal);
        }

        /// <summary>True when a tree of the compilation has a <c>global using</c> directive (then a namespace can be in scope without being spelled).</summary>
        private bool HasGlobalUsings(CancellationToken cancellationToken)
        {
            var known = Volatile.Read(ref _globalUsings);
            if (known == 0)
            {
                known = 2;
                foreach (var tree in _compilation.SyntaxTrees)
                {
                    if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
                    {
                        foreach (var directive in unit.Usings)
                        {
                            if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                            {
                                known = 1;
                                break;
                            }
                        }
                    }

                    if (known == 1)
                    {
                        break;
                    }
                }

                Volatile.Write(ref _globalUsings, known);
            }

            return known == 1;
        }

        /// <summary>
        /// True when a method named <paramref name="name"/> calls a method named in <paramref name="targets"/> (a batch or
        /// transaction method, a single-item read or write), or calls a method that does, within <paramref name="calls"/>
        /// calls. Judged from the text of the bodies reached from that name only, so true is only a maybe; cached per
        /// name and depth for the compilation in <paramref name="caches"/> (one per target set).
        /// </summary>
        private bool Reaches(string name, int calls, HashSet<string> targets, ConcurrentDictionary<string, bool>[] caches, CancellationToken cancellationToken)
        {
            var cache = caches[calls - 1];
            if (cache.TryGetValue(name, out var cached))
            {
                return cached;
            }

            var invoked = GetInvokedNamesOfMethodsNamed(name, cancellationToken);
            var result = false;
            foreach (var invokedName in invoked)
            {
                if (targets.Contains(invokedName))
                {
                    result = true;
                    break;
                }
            }

            if (!result && calls > 1)
            {
                // Each step goes one depth down, so a cycle of names ends with the depth.
                foreach (var invokedName in invoked)
                {
                    if (Reaches(invokedName, calls - 1, targets, caches, cancellationToken))
                    {
                        result = true;
                        break;
                    }
                }
            }

            cache[name] = result;
            return result;
        }

        /// <summary>
        /// The names the source methods named <paramref name="name"/> may invoke, all together, read from the text of
        /// their bodies once per name for the compilation. A declaration without a body (an interface or abstract member, a
        /// partial definition) adds its implementations found through symbols, for those whose own name differs (explicit
        /// interface implementations); the others are listed by name already.
        /// </summary>
        private string[] GetInvokedNamesOfMethodsNamed(string name, CancellationToken cancellationToken)
        {
            if (_invokedByName.TryGetValue(name, out var cached))
            {
                return cached;
            }

            HashSet<string>? names = null;
            var bodiless = false;
            foreach (var declaration in _types.GetMethodDeclarations(name, cancellationToken))
            {
                if (declaration.Body is not null || declaration.ExpressionBody is not null)
                {
                    AddInvokedNames(declaration, names ??= new HashSet<string>(StringComparer.Ordinal), cancellationToken);
                }
                else
                {
                    bodiless = true;
                }
            }

            if (bodiless)
            {
                foreach (var method in GetMethodsNamed(name, cancellationToken))
                {
                    foreach (var reference in method.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null } implementation)
                        {
                            AddInvokedNames(implementation, names ??= new HashSet<string>(StringComparer.Ordinal), cancellationToken);
                        }
                    }
                }
            }

            var result = names is null ? Array.Empty<string>() : new string[names.Count];
            names?.CopyTo(result);
            return _invokedByName.GetOrAdd(name, result);
        }

        /// <summary>The source methods named <paramref name="name"/> with a body (for one without, its only implementation).</summary>
        private ImmutableArray<IMethodSymbol> GetMethodsNamed(string name, CancellationToken cancellationToken)
        {
            if (_methodsNamed.TryGetValue(name, out var cached))
            {
                return cached;
            }

            var methods = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var type in _types.GetTypesDeclaringMethod(name, cancellationToken))
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is not IMethodSymbol method)
                    {
                        continue;
                    }

                    if (HasBody(method))
                    {
                        methods.Add(method);
                    }
                    else if (ResolveTarget(method, cancellationToken) is { } implementation)
                    {
                        methods.Add(implementation);
                    }
                }
            }

            return _methodsNamed.GetOrAdd(name, methods.ToImmutable());
        }

        /// <summary>
        /// The names a method declaration may invoke (its lambdas and local functions included): read from the text of
        /// its body (<see cref="SourceTextSearch.AddInvokedNames"/>), so no syntax node is created; the caller caches
        /// them per name for the compilation.
        /// </summary>
        private static void AddInvokedNames(MethodDeclarationSyntax declaration, HashSet<string> names, CancellationToken cancellationToken)
        {
            SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            if (body is not null)
            {
                var span = body.Span;
                SourceTextSearch.AddInvokedNames(SourceTextSearch.GetString(declaration.SyntaxTree, cancellationToken), span.Start, span.End, names);
            }
        }

        private static ConcurrentDictionary<string, bool>[] CreateReachCaches()
        {
            var caches = new ConcurrentDictionary<string, bool>[MaxCallDepth];
            for (var i = 0; i < caches.Length; i++)
            {
                caches[i] = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            }

            return caches;
        }

        private sealed class Resolved
        {
            public Resolved(IMethodSymbol? method) => Method = method;

            public IMethodSymbol? Method { get; }
        }
    }
}
