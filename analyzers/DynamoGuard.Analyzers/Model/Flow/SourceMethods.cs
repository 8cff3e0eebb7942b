using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// The bodies of the compilation's own methods, for the method summaries: which method a call really runs (see
    /// <see cref="CallSiteIndex.ResolveTarget"/>: the method itself, the original definition of a generic method, the one
    /// implementation of an interface or virtual method in the compilation), and that method's operation tree from the
    /// compilation's semantic model of its tree (<see cref="CallSiteIndex.GetModel"/>: the driver's own while it analyses
    /// that tree), so a summary never binds a tree in a second model.
    /// Bodies are bound only when their syntax names a DynamoDB call, or delegates to another method in a few statements
    /// and a method it may call reaches such a call by name (<see cref="IsWorthSummarizing"/>): most methods of a code
    /// base are never bound a second time.
    /// Deliberately not followed: methods with zero or several implementations, methods of referenced assemblies
    /// (project references in the IDE included), and partial methods without a body.
    /// </summary>
    internal sealed class SourceMethods
    {
        private static readonly System.Func<string?, bool> SdkNames = IsSdkName;

        /// <summary>The single-item reads and writes a summary can describe, by name.</summary>
        public static readonly System.Collections.Generic.HashSet<string> ItemCallNames = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal)
        {
            "GetItem", "GetItemAsync", "PutItem", "PutItemAsync", "UpdateItem", "UpdateItemAsync", "Load", "LoadAsync", "Save", "SaveAsync",
        };

        private readonly Compilation _compilation;
        private readonly CallSiteIndex _index;

        public SourceMethods(Compilation compilation, CallSiteIndex index)
        {
            _compilation = compilation;
            _index = index;
        }

        /// <summary>The source method a call to <paramref name="method"/> runs, unbound from its type arguments, or null.</summary>
        public IMethodSymbol? GetCallee(IMethodSymbol method)
        {
            method = (method.ReducedFrom ?? method).OriginalDefinition;
            return _index.IsSourceMethod(method)
                ? _index.ResolveTarget(method, CancellationToken.None)
                : null;
        }

        /// <summary>True when the syntax of <paramref name="method"/> makes it worth binding (see the class remarks).</summary>
        public static bool IsWorthBinding(IMethodSymbol method) => IsWorthBinding(method, SdkNames);

        /// <summary>
        /// True when a summary of <paramref name="method"/> can say something: its syntax names a single-item read or
        /// write, or it is a short wrapper (<see cref="IsWorthBinding(IMethodSymbol)"/>) and a method it may call reaches
        /// one within <see cref="CallSiteIndex.MaxCallDepth"/> calls (by names in syntax). A wrapper around a log call,
        /// a serializer or a mapper is not bound: its summary would be empty.
        /// </summary>
        public bool IsWorthSummarizing(IMethodSymbol method)
            => Classify(method, SdkNames) switch
            {
                BodyKind.NamesCall => true,
                BodyKind.Wrapper => _index.MayReachItemCall(method, CancellationToken.None),
                _ => false,
            };

        /// <summary>
        /// True when the syntax of <paramref name="method"/> invokes a method whose name <paramref name="isSdkName"/>
        /// accepts, or delegates to another method in a few statements.
        /// </summary>
        public static bool IsWorthBinding(IMethodSymbol method, System.Func<string?, bool> isSdkName)
            => Classify(method, isSdkName) != BodyKind.None;

        private static BodyKind Classify(IMethodSymbol method, System.Func<string?, bool> isSdkName)
        {
            var references = method.DeclaringSyntaxReferences;
            if (references.Length != 1 || GetBodySyntax(references[0].GetSyntax()) is not { } body)
            {
                return BodyKind.None;
            }

            var statements = body is BlockSyntax block ? block.Statements.Count : 1;
            var invocations = 0;
            foreach (var node in body.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation)
                {
                    invocations++;
                    if (isSdkName(GetName(invocation.Expression)))
                    {
                        return BodyKind.NamesCall;
                    }
                }
            }

            // A wrapper that hands its work to another method: at most a few statements around a call.
            return invocations > 0 && statements <= 4 ? BodyKind.Wrapper : BodyKind.None;
        }

        /// <summary>The operation tree of a source method's body (a method or constructor), or null.</summary>
        public IOperation? GetBody(IMethodSymbol method)
        {
            var references = method.DeclaringSyntaxReferences;
            if (references.Length != 1)
            {
                return null;
            }

            var declaration = references[0].GetSyntax();
            return declaration is BaseMethodDeclarationSyntax ? GetOperation(declaration) : null;
        }

        /// <summary>The operation of any node of the compilation (an initializer, an assignment, a creation).</summary>
        public IOperation? GetOperation(SyntaxNode node)
            => _compilation.ContainsSyntaxTree(node.SyntaxTree) ? _index.GetModel(node.SyntaxTree).GetOperation(node) : null;

        private static SyntaxNode? GetBodySyntax(SyntaxNode declaration)
            => declaration switch
            {
                BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
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

        private static bool IsSdkName(string? name) => name is not null && ItemCallNames.Contains(name);

        private enum BodyKind
        {
            None,

            /// <summary>The body invokes a method by one of the names asked about.</summary>
            NamesCall,

            /// <summary>A few statements around a call of something else.</summary>
            Wrapper,
        }
    }
}
