using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB203: <b>Make the retry idempotent</b> (<see cref="MakeRetryIdempotentKey"/>). The low-level UpdateItem inside the
    /// retry loop becomes a TransactWriteItems of one <c>Update</c> (the same TableName, Key, UpdateExpression and
    /// placeholder maps) with a <c>ClientRequestToken</c> created once before the loop, so every attempt sends the same
    /// token: DynamoDB applies the update once and answers a repeat within 10 minutes with success. Offered only where the
    /// analyzer found the shape clear (<see cref="RetriedAtomicUpdateAnalyzer.FixableProperty"/>): the request built in
    /// the call or in a local of the loop, nothing set that an Update cannot carry, the response not used.
    /// Each fixed update gets its own token (one token reused for a different request fails with
    /// IdempotentParameterMismatchException).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetriedAtomicUpdateCodeFixProvider))]
    [Shared]
    public sealed class RetriedAtomicUpdateCodeFixProvider : CodeFixProvider
    {
        public const string MakeRetryIdempotentKey = "DDB203_MakeRetryIdempotent";

        private const string Title = "Make the retry idempotent";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RetriedAtomicUpdate);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Plan.TryCreate(root, semanticModel, diagnostic) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct), MakeRetryIdempotentKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var semanticModel = editor.SemanticModel;
            var endOfLine = root.ToFullString().Contains("\r\n") ? "\r\n" : "\n";
            var reserved = new HashSet<string>(System.StringComparer.Ordinal);
            var fixedAny = false;
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (Plan.TryCreate(root, semanticModel, diagnostic) is { } plan)
                {
                    plan.Apply(editor, semanticModel, reserved, endOfLine);
                    fixedAny = true;
                }
            }

            if (fixedAny)
            {
                var position = root.FullSpan.Start;
                foreach (var ns in new[] { "System", "System.Collections.Generic", "Amazon.DynamoDBv2.Model" })
                {
                    if (!UsingDirectives.IsImported(semanticModel, root.FullSpan.End, ns))
                    {
                        editor.ReplaceNode(root, (current, _) => UsingDirectives.Add(current, ns));
                    }
                }
            }

            return editor.GetChangedDocument();
        }

        /// <summary>What one fix changes: the call's name, the request (inline or its local) and the loop it goes before.</summary>
        private sealed class Plan
        {
            private Plan(InvocationExpressionSyntax invocation, SimpleNameSyntax name, StatementSyntax loop, ObjectCreationExpressionSyntax creation, ArgumentSyntax argument, LocalDeclarationStatementSyntax? local)
            {
                Invocation = invocation;
                Name = name;
                Loop = loop;
                Creation = creation;
                Argument = argument;
                Local = local;
            }

            public InvocationExpressionSyntax Invocation { get; }

            public SimpleNameSyntax Name { get; }

            public StatementSyntax Loop { get; }

            public ObjectCreationExpressionSyntax Creation { get; }

            public ArgumentSyntax Argument { get; }

            /// <summary>The declaration of the request local, when the request is built in one.</summary>
            public LocalDeclarationStatementSyntax? Local { get; }

            public static Plan? TryCreate(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic)
            {
                if (!diagnostic.Properties.ContainsKey(RetriedAtomicUpdateAnalyzer.FixableProperty) || diagnostic.AdditionalLocations.Count == 0)
                {
                    return null;
                }

                var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
                var loop = root.FindToken(diagnostic.AdditionalLocations[0].SourceSpan.Start).Parent as StatementSyntax;
                if (invocation?.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name }
                    || loop is not (ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                    || loop.Parent is not BlockSyntax)
                {
                    return null;
                }

                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    if (argument.Expression is ObjectCreationExpressionSyntax creation && IsUpdateItemRequest(semanticModel, creation))
                    {
                        return new Plan(invocation, name, loop, creation, argument, null);
                    }

                    if (argument.Expression is IdentifierNameSyntax identifier
                        && semanticModel.GetSymbolInfo(identifier).Symbol is ILocalSymbol local
                        && local.DeclaringSyntaxReferences.Length == 1
                        && local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: ObjectCreationExpressionSyntax localCreation } declarator
                        && declarator.Parent?.Parent is LocalDeclarationStatementSyntax declaration
                        && declaration.Declaration.Variables.Count == 1
                        && IsUpdateItemRequest(semanticModel, localCreation))
                    {
                        return new Plan(invocation, name, loop, localCreation, argument, declaration);
                    }
                }

                return null;
            }

            private static bool IsUpdateItemRequest(SemanticModel semanticModel, ObjectCreationExpressionSyntax creation)
                => creation.Initializer is not null
                    && semanticModel.GetTypeInfo(creation).Type is INamedTypeSymbol { Name: "UpdateItemRequest" } type
                    && type.ContainingNamespace.ToDisplayString() == "Amazon.DynamoDBv2.Model";

            public void Apply(DocumentEditor editor, SemanticModel semanticModel, ISet<string> reserved, string endOfLine)
            {
                var token = UniqueNames.LocalName(semanticModel, Loop.SpanStart, "requestToken", reserved);
                var loopIndentation = SyntaxBuilder.GetIndentation(Loop);
                editor.InsertBefore(Loop, SyntaxBuilder.ParseStatement("var " + token + " = Guid.NewGuid().ToString();", loopIndentation, SyntaxFactory.EndOfLine(endOfLine)));

                var newName = Name.Identifier.ValueText.EndsWith("Async", System.StringComparison.Ordinal) ? "TransactWriteItemsAsync" : "TransactWriteItems";
                editor.ReplaceNode(Name, SyntaxFactory.IdentifierName(newName).WithTriviaFrom(Name));

                var updateType = UpdateTypeName(semanticModel, Creation.SpanStart);
                var indentation = SyntaxBuilder.GetIndentation(Argument);
                const string Step = "    ";
                string text;
                if (Local is null)
                {
                    var lines = Creation.SyntaxTree.GetText().Lines;
                    var oneLine = lines.GetLineFromPosition(Creation.SpanStart).LineNumber == lines.GetLineFromPosition(Creation.Initializer!.SpanStart).LineNumber;
                    var update = "new " + updateType + (oneLine ? " " : endOfLine + indentation + Step + Step + Step)
                        + SyntaxBuilder.MoveText(Creation.Initializer!, indentation + Step + Step + Step);
                    text = "new TransactWriteItemsRequest" + endOfLine
                        + indentation + "{" + endOfLine
                        + indentation + Step + "ClientRequestToken = " + token + "," + endOfLine
                        + indentation + Step + "TransactItems = new List<TransactWriteItem>" + endOfLine
                        + indentation + Step + "{" + endOfLine
                        + indentation + Step + Step + "new TransactWriteItem" + endOfLine
                        + indentation + Step + Step + "{" + endOfLine
                        + indentation + Step + Step + Step + "Update = " + update + "," + endOfLine
                        + indentation + Step + Step + "}," + endOfLine
                        + indentation + Step + "}," + endOfLine
                        + indentation + "}";
                }
                else
                {
                    var local = ((IdentifierNameSyntax)Argument.Expression).Identifier.ValueText;
                    text = "new TransactWriteItemsRequest" + endOfLine
                        + indentation + "{" + endOfLine
                        + indentation + Step + "ClientRequestToken = " + token + "," + endOfLine
                        + indentation + Step + "TransactItems = new List<TransactWriteItem> { new TransactWriteItem { Update = " + local + " } }," + endOfLine
                        + indentation + "}";
                    editor.ReplaceNode(Creation.Type, SyntaxFactory.ParseTypeName(updateType).WithTriviaFrom(Creation.Type));
                    if (!Local.Declaration.Type.IsVar)
                    {
                        editor.ReplaceNode(Local.Declaration.Type, SyntaxFactory.ParseTypeName(updateType).WithTriviaFrom(Local.Declaration.Type));
                    }
                }

                editor.ReplaceNode(Argument.Expression, SyntaxBuilder.ParseExpression(text).WithTriviaFrom(Argument.Expression));
            }

            /// <summary><c>Update</c>, or its full name where another type of that name is in scope.</summary>
            private static string UpdateTypeName(SemanticModel semanticModel, int position)
            {
                foreach (var symbol in semanticModel.LookupNamespacesAndTypes(position, name: "Update"))
                {
                    if (symbol is INamedTypeSymbol type && type.ContainingNamespace.ToDisplayString() != "Amazon.DynamoDBv2.Model")
                    {
                        return "Amazon.DynamoDBv2.Model.Update";
                    }
                }

                return "Update";
            }
        }
    }
}
