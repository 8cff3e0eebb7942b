using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Configuration;
using DynamoGuard.Model;
using DynamoGuard.Model.Expressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.CodeFixes
{
    /// <summary>What one DDB201 fix does to a document, planned from the finding the analyzer reported.</summary>
    internal abstract class AtomicUpdateFix
    {
        protected AtomicUpdateFix(NumericReadModifyWrite finding, SemanticModel semanticModel, DynamoDbModel model)
        {
            Finding = finding;
            SemanticModel = semanticModel;
            Model = model;
            TypeNames = new TypeNames(semanticModel, finding.WriteInvocation.Syntax.SpanStart);
        }

        public NumericReadModifyWrite Finding { get; }

        protected SemanticModel SemanticModel { get; }

        protected DynamoDbModel Model { get; }

        protected TypeNames TypeNames { get; }

        /// <summary>Statements to delete after the syntax edits (the read chain a rewrite no longer needs).</summary>
        public List<StatementSyntax> Removals { get; } = new List<StatementSyntax>();

        /// <summary>Registers the syntax edits on <paramref name="editor"/>.</summary>
        public abstract void Apply(DocumentEditor editor, FixSession session);

        /// <summary>The DDB201 finding a diagnostic is about, found again from the write call it is reported on.</summary>
        public static (NumericReadModifyWrite Finding, DynamoDbModel Model)? FindFinding(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, AnalyzerConfigOptions? options, CancellationToken cancellationToken)
        {
            if (DynamoDbModel.TryCreate(semanticModel.Compilation) is not { } model)
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } syntax
                || semanticModel.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation)
            {
                return null;
            }

            var names = options is null
                ? VersionAttributeNames.Default
                : DynamoGuardOptions.VersionAttributeNames.GetValue(options, DiagnosticIds.ReadModifyWriteNumber);
            var finding = new ReadModifyWrite(model, names).FindCounter(invocation);
            return finding is null ? null : (finding, model);
        }

        /// <summary>All placeholders a write's maps and expressions use.</summary>
        protected static HashSet<string> GetUsedPlaceholders(ItemWrite write, WriteExpressions? expressions)
        {
            var used = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var entry in write.Names.Entries)
            {
                used.Add(entry.Key);
            }

            foreach (var entry in write.Values.Entries)
            {
                used.Add(entry.Key);
            }

            foreach (var parsed in new[] { expressions?.Condition, expressions?.Update })
            {
                if (parsed is null)
                {
                    continue;
                }

                foreach (var name in parsed.NamePlaceholders)
                {
                    used.Add(name.Name);
                }

                foreach (var value in parsed.ValuePlaceholders)
                {
                    used.Add(value.Name);
                }
            }

            return used;
        }

        /// <summary>
        /// True when <paramref name="expression"/> can be written again at <paramref name="position"/>: every local it uses
        /// is declared before it, in a block that encloses it.
        /// </summary>
        internal static bool IsAvailableAt(IOperation expression, SyntaxNode position)
        {
            foreach (var reference in expression.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
            {
                var declaration = reference.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
                if (declaration is null || declaration.SpanStart >= position.SpanStart)
                {
                    return false;
                }

                var scope = declaration.FirstAncestorOrSelf<BlockSyntax>();
                if (scope is null || !scope.Span.Contains(position.Span))
                {
                    return false;
                }
            }

            return !expression.DescendantsAndSelf().Any(o => o is IDeclarationPatternOperation or IDeclarationExpressionOperation or IAwaitOperation);
        }

        /// <summary>The statement holding <paramref name="node"/> that sits directly in a block enclosing <paramref name="target"/> (so a local declared before it is in scope at the target).</summary>
        protected static StatementSyntax? GetStatementInScopeOf(SyntaxNode node, SyntaxNode target)
        {
            for (var statement = node.FirstAncestorOrSelf<StatementSyntax>(); statement is not null; statement = statement.Parent?.FirstAncestorOrSelf<StatementSyntax>())
            {
                if (statement.Parent is BlockSyntax block && block.Span.Contains(target.Span))
                {
                    return statement;
                }
            }

            return null;
        }

        /// <summary>The source of a value as a fix writes it again: its syntax without surrounding trivia.</summary>
        protected static string Text(IOperation operation) => operation.Syntax.WithoutTrivia().ToString();

        /// <summary>The source of a value written again on a line indented by <paramref name="indentation"/> (see <see cref="SyntaxBuilder.MoveText"/>).</summary>
        protected static string Text(IOperation operation, string indentation) => SyntaxBuilder.MoveText(operation.Syntax, indentation);

        protected string TypeName(ITypeSymbol type) => TypeNames.For(type).ToString();

        protected string TypeName(string metadataName) => TypeName(SemanticModel.Compilation.GetTypeByMetadataName(metadataName)!);

        protected void AddMissingUsings(DocumentEditor editor, FixSession session)
        {
            if (TypeNames.HasMissingNamespaces && editor.OriginalRoot is CompilationUnitSyntax root)
            {
                editor.ReplaceNode(root, (current, _) => TypeNames.AddMissingUsings((CompilationUnitSyntax)current, session.EndOfLine));
            }
        }

        /// <summary>The local name for the value read: <c>expectedViews</c>.</summary>
        protected static string ExpectedStem(string attribute)
        {
            var builder = new StringBuilder("expected");
            var upper = true;
            foreach (var c in attribute)
            {
                if (char.IsLetterOrDigit(c))
                {
                    builder.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                }
                else
                {
                    upper = true;
                }
            }

            return builder.ToString();
        }

        /// <summary>Combines an existing condition with a new one: <c>existing AND new</c>, parenthesized where OR needs it.</summary>
        protected static string CombineConditions(ExpressionParseResult existing, string addition)
        {
            var left = existing.Root is LogicalExpression { Operator: LogicalOperator.Or } ? "(" + existing.Text + ")" : existing.Text;
            var right = addition.IndexOf(" OR ", System.StringComparison.Ordinal) >= 0 ? "(" + addition + ")" : addition;
            return left + " AND " + right;
        }

        protected static string FormatNumber(object value) => value switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            System.IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "0",
        };
    }

    /// <summary>State shared by the fixes applied to one document (Fix All applies many).</summary>
    internal sealed class FixSession
    {
        public FixSession(SyntaxTrivia endOfLine)
        {
            EndOfLine = endOfLine;
        }

        public SyntaxTrivia EndOfLine { get; }

        /// <summary>Local names the fixes already introduced (two captures in one method must not share a name).</summary>
        public HashSet<string> ReservedNames { get; } = new HashSet<string>(System.StringComparer.Ordinal);

        public SyntaxAnnotation RemoveAnnotation { get; } = new SyntaxAnnotation("DynamoGuard.Remove");
    }
}
