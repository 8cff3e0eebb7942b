using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.CodeFixes.Editing
{
    /// <summary>
    /// Type syntax written the way a person writes it (<c>Dictionary&lt;string, AttributeValue&gt;</c>), remembering the
    /// namespaces that are not imported at the edit position so <see cref="AddMissingUsings"/> can add them. (The
    /// SyntaxGenerator route, fully qualified names reduced by the Simplifier, reformats the surrounding initializer.)
    /// </summary>
    internal sealed class TypeNames
    {
        private readonly SemanticModel _semanticModel;
        private readonly int _position;
        private readonly SortedSet<string> _missingNamespaces = new SortedSet<string>(System.StringComparer.Ordinal);

        public TypeNames(SemanticModel semanticModel, int position)
        {
            _semanticModel = semanticModel;
            _position = position;
        }

        public TypeSyntax For(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_String: return Predefined(SyntaxKind.StringKeyword);
                case SpecialType.System_Int32: return Predefined(SyntaxKind.IntKeyword);
                case SpecialType.System_Int64: return Predefined(SyntaxKind.LongKeyword);
                case SpecialType.System_Boolean: return Predefined(SyntaxKind.BoolKeyword);
                case SpecialType.System_Object: return Predefined(SyntaxKind.ObjectKeyword);
            }

            if (!IsInScope(type) && type.ContainingNamespace is { IsGlobalNamespace: false } ns)
            {
                _missingNamespaces.Add(ns.ToDisplayString());
            }

            return type is INamedTypeSymbol { IsGenericType: true } generic
                ? SyntaxFactory.GenericName(
                    SyntaxFactory.Identifier(type.Name),
                    SyntaxFactory.TypeArgumentList(SyntaxFactory.SeparatedList(
                        generic.TypeArguments.Select(For),
                        Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), generic.TypeArguments.Length - 1))))
                : SyntaxFactory.IdentifierName(type.Name);
        }

        /// <summary>Adds a using directive for each namespace a generated name needs, in order among the existing ones.</summary>
        public CompilationUnitSyntax AddMissingUsings(CompilationUnitSyntax root, SyntaxTrivia endOfLine)
        {
            foreach (var ns in _missingNamespaces)
            {
                if (root.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns))
                {
                    continue;
                }

                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns))
                    .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithTrailingTrivia(endOfLine);
                var index = 0;
                while (index < root.Usings.Count && Compare(root.Usings[index].Name?.ToString() ?? string.Empty, ns) < 0)
                {
                    index++;
                }

                if (index == 0 && root.Usings.Count > 0)
                {
                    // Keep the file's leading trivia (comments, #nullable) in front of the first directive.
                    var first = root.Usings[0];
                    root = root.ReplaceNode(first, first.WithoutLeadingTrivia());
                    directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
                }

                root = root.WithUsings(root.Usings.Insert(index, directive));
            }

            return root;
        }

        public bool HasMissingNamespaces => _missingNamespaces.Count > 0;

        /// <summary>System namespaces first, then ordinal, as `dotnet_sort_system_directives_first` does.</summary>
        private static int Compare(string left, string right)
        {
            var leftSystem = left == "System" || left.StartsWith("System.", System.StringComparison.Ordinal);
            var rightSystem = right == "System" || right.StartsWith("System.", System.StringComparison.Ordinal);
            if (leftSystem != rightSystem)
            {
                return leftSystem ? -1 : 1;
            }

            return string.CompareOrdinal(left, right);
        }

        private bool IsInScope(ITypeSymbol type)
        {
            foreach (var symbol in _semanticModel.LookupNamespacesAndTypes(_position, name: type.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, type.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private static TypeSyntax Predefined(SyntaxKind keyword) => SyntaxFactory.PredefinedType(SyntaxFactory.Token(keyword));
    }
}
