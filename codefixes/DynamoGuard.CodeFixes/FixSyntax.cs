using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.CodeFixes
{
    /// <summary>Syntax helpers shared by the fixers that introduce statements: where a statement sits.</summary>
    internal static class FixSyntax
    {
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
