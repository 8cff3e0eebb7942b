using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.CodeFixes.Editing
{
    /// <summary>
    /// Checks for and adds <c>using</c> directives a fix's new code needs (<c>using System.Linq;</c> for a
    /// <c>Chunk</c> call). <see cref="TypeNames.AddMissingUsings"/> keeps its own insertion for the type names it writes.
    /// </summary>
    internal static class UsingDirectives
    {
        /// <summary>True when a using directive (including global and implicit usings) brings <paramref name="namespaceName"/> into scope at the position.</summary>
        public static bool IsImported(SemanticModel semanticModel, int position, string namespaceName)
        {
            foreach (var scope in semanticModel.GetImportScopes(position))
            {
                foreach (var import in scope.Imports)
                {
                    if (import.NamespaceOrType is INamespaceSymbol ns && ns.ToDisplayString() == namespaceName)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Adds <c>using {namespaceName};</c> to the file's top-level usings, in System-first alphabetical order.</summary>
        public static SyntaxNode Add(SyntaxNode root, string namespaceName)
        {
            if (root is not CompilationUnitSyntax unit)
            {
                return root;
            }

            var endOfLine = root.ToFullString().Contains("\r\n") ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName).WithLeadingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(endOfLine);
            var usings = unit.Usings;
            var index = 0;
            while (index < usings.Count && usings[index].GlobalKeyword.IsKind(SyntaxKind.None) && usings[index].Alias is null && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                && Compare(usings[index].Name?.ToString() ?? string.Empty, namespaceName) < 0)
            {
                index++;
            }

            if (usings.Count == 0)
            {
                // Keep the file's leading comments (a license header) above the new directive.
                var first = unit.GetLeadingTrivia();
                unit = unit.WithoutLeadingTrivia();
                return unit.WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(first).WithTrailingTrivia(endOfLine, endOfLine)));
            }

            if (index == 0)
            {
                // The first directive carries the file's leading trivia; move it to the new first line.
                var leading = usings[0].GetLeadingTrivia();
                usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
                return unit.WithUsings(usings.Insert(0, directive.WithLeadingTrivia(leading)));
            }

            return unit.WithUsings(usings.Insert(index, directive));
        }

        private static int Compare(string a, string b)
        {
            var aSystem = a == "System" || a.StartsWith("System.", StringComparison.Ordinal);
            var bSystem = b == "System" || b.StartsWith("System.", StringComparison.Ordinal);
            if (aSystem != bSystem)
            {
                return aSystem ? -1 : 1;
            }

            return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        }
    }
}
