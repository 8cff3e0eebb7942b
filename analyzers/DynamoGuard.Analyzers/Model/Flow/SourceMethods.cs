using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// The bodies of the compilation's own methods, for the method summaries: which method a call really runs (the
    /// method itself, the original definition of a generic method, the one implementation of an interface method in
    /// the compilation), and that method's operation tree.
    /// <para>
    /// Semantic models of other documents are created once per syntax tree and kept for the compilation, so a
    /// summary never binds a tree twice. Bodies are bound only when their syntax names a DynamoDB call or delegates
    /// to another method in a few statements (a cheap check on syntax first): most methods of a code base are never
    /// bound a second time.
    /// </para>
    /// Deliberately not followed: virtual and abstract class methods (an override elsewhere may do anything), interface
    /// methods with zero or several implementations, methods of referenced assemblies, and partial methods without a body.
    /// </summary>
    internal sealed class SourceMethods
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _semanticModels = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> _implementations = new ConcurrentDictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default);
        private ImmutableArray<INamedTypeSymbol> _sourceTypes;

        public SourceMethods(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>
        /// The source method a call to <paramref name="method"/> runs, unbound from its type arguments, or null when it
        /// cannot be known: not declared in this compilation, virtual, or an interface method not implemented exactly once.
        /// </summary>
        public IMethodSymbol? GetCallee(IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            method = method.OriginalDefinition;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
            {
                return null;
            }

            if (method.ContainingType is { TypeKind: TypeKind.Interface } && method.IsAbstract)
            {
                return _implementations.GetOrAdd(method, FindSingleImplementation);
            }

            if (method.IsAbstract || method.IsVirtual || method.IsOverride && !method.IsSealed && !(method.ContainingType?.IsSealed ?? false) || method.IsExtern)
            {
                return null;
            }

            return method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction && !method.DeclaringSyntaxReferences.IsEmpty ? method : null;
        }

        /// <summary>True when the syntax of <paramref name="method"/> makes it worth binding (see the class remarks).</summary>
        public static bool IsWorthBinding(IMethodSymbol method)
        {
            var references = method.DeclaringSyntaxReferences;
            if (references.Length != 1)
            {
                return false;
            }

            var body = GetBodySyntax(references[0].GetSyntax());
            if (body is null)
            {
                return false;
            }

            var statements = body is BlockSyntax block ? block.Statements.Count : 1;
            var invocations = 0;
            foreach (var node in body.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation)
                {
                    invocations++;
                    if (IsSdkName(GetName(invocation.Expression)))
                    {
                        return true;
                    }
                }
            }

            // A wrapper that hands its work to another method: at most a few statements around a call.
            return invocations > 0 && statements <= 4;
        }

        /// <summary>The operation tree of a source method's body, or null.</summary>
        public IOperation? GetBody(IMethodSymbol method)
        {
            var references = method.DeclaringSyntaxReferences;
            if (references.Length != 1)
            {
                return null;
            }

            var declaration = references[0].GetSyntax();
            if (!_compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
                return null;
            }

            var semanticModel = _semanticModels.GetOrAdd(declaration.SyntaxTree, CreateSemanticModel);
            return semanticModel.GetOperation(declaration);
        }

        /// <summary>
        /// Remembers the semantic model the analyzer driver gave an operation, so bodies of that tree are read from the
        /// model (and the operation trees) the driver already built instead of binding them again.
        /// </summary>
        public void Seed(SemanticModel? semanticModel)
        {
            if (semanticModel is not null && !semanticModel.IsSpeculativeSemanticModel && !_semanticModels.ContainsKey(semanticModel.SyntaxTree))
            {
                _semanticModels.TryAdd(semanticModel.SyntaxTree, semanticModel);
            }
        }

        /// <summary>The operation of any node of the compilation (an initializer, a creation), from the tree's cached semantic model.</summary>
        public IOperation? GetOperation(SyntaxNode node)
        {
            if (!_compilation.ContainsSyntaxTree(node.SyntaxTree))
            {
                return null;
            }

            return _semanticModels.GetOrAdd(node.SyntaxTree, CreateSemanticModel).GetOperation(node);
        }

        // One semantic model per tree, kept for the compilation; the callers of a summary need another document's bodies.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
        private SemanticModel CreateSemanticModel(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

        private static SyntaxNode? GetBodySyntax(SyntaxNode declaration)
            => declaration switch
            {
                BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };

        private static string? GetName(ExpressionSyntax expression)
            => expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                GenericNameSyntax generic => generic.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                _ => null,
            };

        /// <summary>The single-item reads and writes a summary can describe, by name.</summary>
        private static bool IsSdkName(string? name)
            => name is "GetItem" or "GetItemAsync" or "PutItem" or "PutItemAsync" or "UpdateItem" or "UpdateItemAsync"
                or "Load" or "LoadAsync" or "Save" or "SaveAsync";

        private IMethodSymbol? FindSingleImplementation(IMethodSymbol interfaceMethod)
        {
            var iface = interfaceMethod.ContainingType;
            if (iface is null || iface.DeclaringSyntaxReferences.IsEmpty)
            {
                return null;
            }

            IMethodSymbol? found = null;
            foreach (var type in GetSourceTypes())
            {
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || !Implements(type, iface))
                {
                    continue;
                }

                if (found is not null || type.IsAbstract)
                {
                    return null;
                }

                found = type.FindImplementationForInterfaceMember(interfaceMethod) as IMethodSymbol;
                if (found is null)
                {
                    return null;
                }
            }

            return found is null || found.IsVirtual || found.IsAbstract || found.DeclaringSyntaxReferences.IsEmpty ? null : found.OriginalDefinition;
        }

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol iface)
        {
            foreach (var candidate in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, iface))
                {
                    return true;
                }
            }

            return false;
        }

        private ImmutableArray<INamedTypeSymbol> GetSourceTypes()
        {
            if (_sourceTypes.IsDefault)
            {
                var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                var pending = new Stack<INamespaceOrTypeSymbol>();
                pending.Push(_compilation.Assembly.GlobalNamespace);
                while (pending.Count > 0)
                {
                    foreach (var member in pending.Pop().GetMembers())
                    {
                        if (member is INamespaceSymbol ns)
                        {
                            pending.Push(ns);
                        }
                        else if (member is INamedTypeSymbol type)
                        {
                            builder.Add(type);
                            pending.Push(type);
                        }
                    }
                }

                ImmutableInterlocked.InterlockedInitialize(ref _sourceTypes, builder.ToImmutable());
            }

            return _sourceTypes;
        }
    }
}
