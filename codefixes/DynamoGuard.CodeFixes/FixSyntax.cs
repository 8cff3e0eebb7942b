using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.CodeFixes
{
    /// <summary>Syntax helpers shared by the fixers that introduce statements: fresh local names and using directives.</summary>
    internal static class FixSyntax
    {
        /// <summary>
        /// The names a local introduced before <paramref name="statement"/> (in its block, or in a scope nested there that
        /// also holds <paramref name="innerScopes"/>) must avoid: everything in scope at the statement, every local
        /// declared at the level of an enclosing block (even after the statement: C# forbids shadowing it), and every name
        /// declared inside <paramref name="innerScopes"/>.
        /// </summary>
        public static HashSet<string> TakenNames(SemanticModel semanticModel, StatementSyntax statement, IEnumerable<SyntaxNode> innerScopes)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var symbol in semanticModel.LookupSymbols(statement.SpanStart))
            {
                names.Add(symbol.Name);
            }

            for (var node = statement.Parent; node is not null and not MemberDeclarationSyntax; node = node.Parent)
            {
                if (node is BlockSyntax or SwitchSectionSyntax)
                {
                    foreach (var descendant in node.DescendantNodes(n => n == node || !IsScope(n)))
                    {
                        // A foreach variable belongs to the loop's own scope, not to the block.
                        if (descendant is not CommonForEachStatementSyntax)
                        {
                            AddDeclared(descendant, names);
                        }
                    }
                }
            }

            foreach (var scope in innerScopes)
            {
                foreach (var descendant in scope.DescendantNodesAndSelf())
                {
                    AddDeclared(descendant, names);
                }
            }

            return names;
        }

        private static bool IsScope(SyntaxNode node)
            => node is BlockSyntax or SwitchSectionSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
                or ForStatementSyntax or CommonForEachStatementSyntax or UsingStatementSyntax or FixedStatementSyntax or CatchClauseSyntax;

        private static void AddDeclared(SyntaxNode node, HashSet<string> names)
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator:
                    names.Add(declarator.Identifier.ValueText);
                    break;
                case ForEachStatementSyntax forEach:
                    names.Add(forEach.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    names.Add(designation.Identifier.ValueText);
                    break;
                case ParameterSyntax parameter:
                    names.Add(parameter.Identifier.ValueText);
                    break;
                case CatchDeclarationSyntax catchDeclaration:
                    names.Add(catchDeclaration.Identifier.ValueText);
                    break;
                case LocalFunctionStatementSyntax localFunction:
                    names.Add(localFunction.Identifier.ValueText);
                    break;
            }
        }

        /// <summary>
        /// <paramref name="baseName"/>, or baseName2, baseName3… whichever is not taken. With <paramref name="reserve"/>
        /// (a local declared at block level, which later fixes in the same block must avoid) the name is added to <paramref name="taken"/>.
        /// </summary>
        public static string UniqueName(string baseName, HashSet<string> taken, bool reserve)
        {
            var name = baseName;
            for (var i = 2; taken.Contains(name); i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (reserve)
            {
                taken.Add(name);
            }

            return name;
        }

        /// <summary>True when a using directive (including global and implicit usings) brings <paramref name="namespaceName"/> into scope at the position.</summary>
        public static bool IsNamespaceImported(SemanticModel semanticModel, int position, string namespaceName)
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
        public static SyntaxNode AddUsing(SyntaxNode root, string namespaceName)
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

        /// <summary>The statement's block and index, when it sits directly in a block.</summary>
        public static bool TryGetBlock(StatementSyntax statement, out BlockSyntax block, out int index)
        {
            if (statement.Parent is BlockSyntax parent)
            {
                block = parent;
                index = parent.Statements.IndexOf(statement);
                return index >= 0;
            }

            block = null!;
            index = -1;
            return false;
        }

        /// <summary>True when a lambda or local function lies between <paramref name="node"/> and <paramref name="ancestor"/>.</summary>
        public static bool CrossesFunction(SyntaxNode node, SyntaxNode ancestor)
            => node.Ancestors().TakeWhile(a => a != ancestor).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
    }
}
