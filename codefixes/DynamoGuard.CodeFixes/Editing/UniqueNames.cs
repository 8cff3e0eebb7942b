using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.CodeFixes.Editing
{
    /// <summary>
    /// Fresh names for what a fix introduces (locals, loop variables, expression placeholders such as <c>#ver</c> or
    /// <c>:delta</c>): the preferred name when it is free, else the first free one of name2, name3, and so on.
    /// </summary>
    internal static class UniqueNames
    {
        /// <summary><paramref name="stem"/>, or stem2, stem3, ... the first that <paramref name="isTaken"/> does not reject.</summary>
        public static string Choose(string stem, Func<string, bool> isTaken)
        {
            var name = stem;
            for (var i = 2; isTaken(name); i++)
            {
                name = stem + i.ToString(CultureInfo.InvariantCulture);
            }

            return name;
        }

        /// <summary>
        /// <paramref name="stem"/>, or stem2, stem3, ... whichever is not in <paramref name="taken"/>. With
        /// <paramref name="reserve"/> (a name later picks in the same scope or expression must avoid) it is added to <paramref name="taken"/>.
        /// </summary>
        public static string Choose(string stem, ISet<string> taken, bool reserve)
        {
            var name = Choose(stem, taken.Contains);
            if (reserve)
            {
                taken.Add(name);
            }

            return name;
        }

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

        /// <summary>A local name not visible at <paramref name="position"/>: the stem, or the stem with a number.</summary>
        /// <remarks>With <paramref name="reserved"/> the name also avoids, and is added to, the names earlier fixes took.</remarks>
        public static string LocalName(SemanticModel semanticModel, int position, string stem, ISet<string>? reserved = null)
        {
            var name = Choose(stem, candidate => (reserved is not null && reserved.Contains(candidate))
                || !semanticModel.LookupSymbols(position, name: candidate).IsEmpty
                || IsDeclaredLater(semanticModel, position, candidate));
            reserved?.Add(name);
            return name;
        }

        /// <summary>True when the enclosing member declares a local or parameter of that name anywhere (a later declaration would clash too).</summary>
        private static bool IsDeclaredLater(SemanticModel semanticModel, int position, string name)
        {
            var token = semanticModel.SyntaxTree.GetRoot().FindToken(position);
            var member = token.Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (member is null)
            {
                return false;
            }

            foreach (var node in member.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == name:
                    case SingleVariableDesignationSyntax designation when designation.Identifier.ValueText == name:
                    case ParameterSyntax parameter when parameter.Identifier.ValueText == name:
                    case ForEachStatementSyntax forEach when forEach.Identifier.ValueText == name:
                        return true;
                }
            }

            return false;
        }
    }
}
