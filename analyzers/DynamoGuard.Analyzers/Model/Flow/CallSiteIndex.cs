using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// Where the source methods of one compilation are called, found from syntax on demand and cached for the
    /// compilation: the call sites of a method (and whether it also escapes as a method group, or is reached through an
    /// interface or virtual member with more than one implementation, when its callers are not all known), the one
    /// implementation behind an interface or virtual call, a method's body, and a cheap syntactic over-approximation of
    /// the methods that can reach a batch or transaction call within three calls (<see cref="IsCandidate"/>), so that
    /// nothing is bound for the others.
    /// </summary>
    /// <remarks>
    /// Works without CompilationEnd, so findings appear live for the open document. Other documents' semantic models are
    /// created once per tree and cached with the compilation. Never throws except for cancellation.
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
        };

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private Dictionary<string, NameOccurrences>? _allOccurrences;
        private readonly ConcurrentDictionary<IMethodSymbol, CallerSet> _callers = new ConcurrentDictionary<IMethodSymbol, CallerSet>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, Resolved> _targets = new ConcurrentDictionary<IMethodSymbol, Resolved>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, Body> _bodies = new ConcurrentDictionary<IMethodSymbol, Body>(SymbolEqualityComparer.Default);
        private HashSet<string>? _candidates;

        public CallSiteIndex(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>
        /// False when no method named like <paramref name="method"/> can reach a batch or transaction call within
        /// <see cref="MaxCallDepth"/> calls (judged from names in syntax, so true is only a maybe).
        /// </summary>
        public bool IsCandidate(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var candidates = Volatile.Read(ref _candidates);
            if (candidates is null)
            {
                candidates = FindCandidates(cancellationToken);
                Interlocked.CompareExchange(ref _candidates, candidates, null);
            }

            return candidates.Contains(method.Name);
        }

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

        /// <summary>The calls of <paramref name="method"/> in the compilation, or <see cref="CallerSet.Unknown"/> when some use cannot be followed.</summary>
        public CallerSet GetCallers(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_callers.TryGetValue(method, out var cached))
            {
                return cached;
            }

            return _callers.GetOrAdd(method, FindCallers(method, cancellationToken));
        }

        /// <summary>The body operation of a source method (its implementation part), or null.</summary>
        public IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_bodies.TryGetValue(method, out var cached))
            {
                return cached.Operation;
            }

            IOperation? operation = null;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
                    && (declaration.Body is not null || declaration.ExpressionBody is not null)
                    && _compilation.ContainsSyntaxTree(declaration.SyntaxTree))
                {
                    operation = GetModel(declaration.SyntaxTree).GetOperation(declaration, cancellationToken);
                    break;
                }
            }

            return _bodies.GetOrAdd(method, new Body(operation)).Operation;
        }

        /// <summary>
        /// The semantic model of a tree of the compilation, created once per tree and shared by every flow across
        /// methods (call sites, method summaries, context origins); the driver's own model once <see cref="Seed"/> saw it.
        /// </summary>
        public SemanticModel GetModel(SyntaxTree tree)
#pragma warning disable RS1030 // Another document's semantic model is needed; it is created once per tree and cached for the compilation.
            => _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030

        /// <summary>
        /// Remembers the semantic model the analyzer driver gave an operation, so bodies of that tree are read from the
        /// model (and the operation trees) the driver already built instead of being bound again in another model.
        /// </summary>
        public void Seed(SemanticModel? semanticModel)
        {
            if (semanticModel is not null && !semanticModel.IsSpeculativeSemanticModel && !_models.ContainsKey(semanticModel.SyntaxTree))
            {
                _models.TryAdd(semanticModel.SyntaxTree, semanticModel);
            }
        }

        private IMethodSymbol? ResolveTargetCore(IMethodSymbol target, CancellationToken cancellationToken)
        {
            // Only this compilation's methods: in the IDE a project reference's symbols have syntax from another
            // compilation, whose trees this compilation cannot bind.
            if (target.MethodKind != MethodKind.Ordinary || target.DeclaringSyntaxReferences.Length == 0
                || !SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, _compilation.Assembly))
            {
                return null;
            }

            var dispatched = target.ContainingType?.TypeKind == TypeKind.Interface || target.IsAbstract || target.IsVirtual || target.IsOverride;
            if (!dispatched)
            {
                return HasBody(target) ? target : null;
            }

            IMethodSymbol? found = null;
            foreach (var declaration in GetOccurrences(target.Name, cancellationToken).Declarations)
            {
                if (GetModel(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol implementation
                    || !HasBody(implementation) || !MayRun(target, implementation.OriginalDefinition))
                {
                    continue;
                }

                if (found is not null && !SymbolEqualityComparer.Default.Equals(found, implementation.OriginalDefinition))
                {
                    return null;
                }

                found = implementation.OriginalDefinition;
            }

            return found;
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

        private CallerSet FindCallers(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.ExplicitInterfaceImplementations.Length > 0)
            {
                return CallerSet.Unknown;
            }

            var count = 0;
            foreach (var name in GetOccurrences(method.Name, cancellationToken).References)
            {
                if (IsNameofArgument(name))
                {
                    continue;
                }

                var info = GetModel(name.SyntaxTree).GetSymbolInfo(name, cancellationToken);
                if (info.Symbol is not IMethodSymbol called)
                {
                    // Code being typed, ambiguous overloads: a use that may be this method, with arguments not known.
                    foreach (var candidate in info.CandidateSymbols)
                    {
                        if (candidate is IMethodSymbol candidateMethod && MayRun(candidateMethod, method))
                        {
                            return CallerSet.Unknown;
                        }
                    }

                    continue;
                }

                if (!MayRun(called, method))
                {
                    continue;
                }

                if (!IsInvokedName(name) || !SymbolEqualityComparer.Default.Equals(ResolveTarget(called, cancellationToken), method))
                {
                    // A method group (a delegate), or a call through a member with several implementations.
                    return CallerSet.Unknown;
                }

                count++;
            }

            return new CallerSet(isKnown: true, count);
        }

        private static bool IsInvokedName(SimpleNameSyntax name)
        {
            SyntaxNode expression = name;
            if (name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name)
            {
                expression = memberAccess;
            }
            else if (name.Parent is MemberBindingExpressionSyntax memberBinding && memberBinding.Name == name)
            {
                expression = memberBinding;
            }

            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression;
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

        private NameOccurrences GetOccurrences(string name, CancellationToken cancellationToken)
        {
            var index = Volatile.Read(ref _allOccurrences);
            if (index is null)
            {
                index = BuildOccurrences(cancellationToken);
                index = Interlocked.CompareExchange(ref _allOccurrences, index, null) ?? index;
            }

            return index.TryGetValue(name, out var found) ? found : NameOccurrences.None;
        }

        /// <summary>
        /// The uses and declarations of every name a source method is declared with, in two passes over the syntax of
        /// the compilation (one for the declared names, one for their uses), once per compilation: asking for the
        /// callers of many methods then costs a lookup each, not a pass over all trees each.
        /// </summary>
        private Dictionary<string, NameOccurrences> BuildOccurrences(CancellationToken cancellationToken)
        {
            var declarations = new Dictionary<string, ImmutableArray<MethodDeclarationSyntax>.Builder>(StringComparer.Ordinal);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
                {
                    if (node is MethodDeclarationSyntax declaration)
                    {
                        var text = declaration.Identifier.ValueText;
                        if (!declarations.TryGetValue(text, out var list))
                        {
                            declarations[text] = list = ImmutableArray.CreateBuilder<MethodDeclarationSyntax>();
                        }

                        list.Add(declaration);
                    }
                }
            }

            var references = new Dictionary<string, ImmutableArray<SimpleNameSyntax>.Builder>(StringComparer.Ordinal);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken)
                        && token.Parent is SimpleNameSyntax reference
                        && declarations.ContainsKey(token.ValueText))
                    {
                        if (!references.TryGetValue(token.ValueText, out var list))
                        {
                            references[token.ValueText] = list = ImmutableArray.CreateBuilder<SimpleNameSyntax>();
                        }

                        list.Add(reference);
                    }
                }
            }

            var index = new Dictionary<string, NameOccurrences>(declarations.Count, StringComparer.Ordinal);
            foreach (var pair in declarations)
            {
                var uses = references.TryGetValue(pair.Key, out var found) ? found.ToImmutable() : ImmutableArray<SimpleNameSyntax>.Empty;
                index[pair.Key] = new NameOccurrences(uses, pair.Value.ToImmutable());
            }

            return index;
        }

        /// <summary>
        /// Names of methods that call a batch or transaction method (by name), or call such a method, up to
        /// <see cref="MaxCallDepth"/> levels: one pass over the syntax of every tree, once per compilation.
        /// </summary>
        private HashSet<string> FindCandidates(CancellationToken cancellationToken)
        {
            var methods = new List<(string Name, HashSet<string> Invoked)>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is not MethodDeclarationSyntax))
                {
                    if (node is not MethodDeclarationSyntax method)
                    {
                        continue;
                    }

                    HashSet<string>? invoked = null;
                    foreach (var inner in method.DescendantNodes())
                    {
                        if (inner is InvocationExpressionSyntax invocation && InvokedName(invocation.Expression) is { } invokedName)
                        {
                            (invoked ??= new HashSet<string>(StringComparer.Ordinal)).Add(invokedName);
                        }
                    }

                    if (invoked is not null)
                    {
                        methods.Add((method.Identifier.ValueText, invoked));
                    }
                }
            }

            var candidates = new HashSet<string>(StringComparer.Ordinal);
            var level = BatchMethodNames;
            for (var depth = 0; depth < MaxCallDepth; depth++)
            {
                var next = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (name, invoked) in methods)
                {
                    if (!candidates.Contains(name) && invoked.Overlaps(level))
                    {
                        next.Add(name);
                    }
                }

                if (next.Count == 0)
                {
                    break;
                }

                candidates.UnionWith(next);
                level = next;
            }

            return candidates;
        }

        private static string? InvokedName(ExpressionSyntax expression) => expression switch
        {
            SimpleNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax memberBinding => memberBinding.Name.Identifier.ValueText,
            _ => null,
        };

        private sealed class NameOccurrences
        {
            public static readonly NameOccurrences None = new NameOccurrences(ImmutableArray<SimpleNameSyntax>.Empty, ImmutableArray<MethodDeclarationSyntax>.Empty);

            public NameOccurrences(ImmutableArray<SimpleNameSyntax> references, ImmutableArray<MethodDeclarationSyntax> declarations)
            {
                References = references;
                Declarations = declarations;
            }

            public ImmutableArray<SimpleNameSyntax> References { get; }

            public ImmutableArray<MethodDeclarationSyntax> Declarations { get; }
        }

        private sealed class Resolved
        {
            public Resolved(IMethodSymbol? method) => Method = method;

            public IMethodSymbol? Method { get; }
        }

        private sealed class Body
        {
            public Body(IOperation? operation) => Operation = operation;

            public IOperation? Operation { get; }
        }
    }

    /// <summary>The calls of one method in the compilation: how many, or unknown (a method group, an ambiguous dispatch, broken code).</summary>
    internal readonly struct CallerSet
    {
        public CallerSet(bool isKnown, int count)
        {
            IsKnown = isKnown;
            Count = count;
        }

        public static CallerSet Unknown => new CallerSet(false, 0);

        public bool IsKnown { get; }

        public int Count { get; }
    }
}
