using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB105: a versioned save with a custom ConditionalExpression throws, because the SDK will not combine its version
    /// check with the condition. The fix moves the version check into the condition, in the one shape the SDK accepts:
    /// <code>
    /// var expectedVersion = playlist.Version ?? throw new InvalidOperationException("...");  // before SetFilter
    /// condition.SetFilter&lt;Playlist&gt;(p =&gt; (user condition) &amp;&amp; p.Version == expectedVersion);
    /// playlist.Version = expectedVersion + 1;                                                  // before the save
    /// await context.SaveAsync(playlist, new SaveConfig { ConditionalExpression = condition, SkipVersionCheck = true });
    /// </code>
    /// The SDK then sends <c>(user condition) AND (#C1 = :C1)</c> with the version read and stores version + 1, which
    /// it does not do itself when SkipVersionCheck is set. An object without a version (never saved) has nothing the
    /// condition can check (a ContextExpression cannot say attribute_not_exists of a nullable number), so the fixed code
    /// throws InvalidOperationException for it, as the original save did.
    /// Offered when the condition is a local ContextExpression that the method only fills with one
    /// <c>SetFilter&lt;T&gt;(x =&gt; ...)</c> statement, the SaveConfig is built inline in the save, the saved object is a
    /// parameter or once-assigned local of the versioned type whose version the method does not set, and the save is a
    /// statement of its own.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VersionInConditionCodeFixProvider))]
    [Shared]
    public sealed class VersionInConditionCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB105_CheckVersionInCondition";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CustomConditionOnVersionedSave);

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
                if (Plan.TryCreate(root, semanticModel, diagnostic, new Dictionary<SyntaxNode, HashSet<string>>(), context.CancellationToken) is not { } plan)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Check '{plan.VersionName}' in the condition (SkipVersionCheck = true, version advanced in code)",
                        ct => FixDocumentAsync(context.Document, new[] { diagnostic }, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixDocumentAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var reserved = new Dictionary<SyntaxNode, HashSet<string>>();
            TypeNames? typeNames = null;
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (Plan.TryCreate(editor.OriginalRoot, editor.SemanticModel, diagnostic, reserved, cancellationToken) is { } plan)
                {
                    plan.Apply(editor);
                    if (plan.TypeNames.HasMissingNamespaces)
                    {
                        typeNames = plan.TypeNames;
                    }
                }
            }

            if (typeNames is not null && editor.OriginalRoot is CompilationUnitSyntax root)
            {
                var endOfLine = InitializerEditing.GetEndOfLine(root);
                editor.ReplaceNode(root, (current, _) => typeNames.AddMissingUsings((CompilationUnitSyntax)current, endOfLine));
            }

            return editor.GetChangedDocument();
        }

        private sealed class Plan
        {
            private readonly StatementSyntax _filterStatement;
            private readonly StatementSyntax _expectedDeclaration;
            private readonly ExpressionSyntax _filterBody;
            private readonly ExpressionSyntax _newFilterBody;
            private readonly StatementSyntax _saveStatement;
            private readonly StatementSyntax _advance;
            private readonly InitializerExpressionSyntax _initializer;
            private readonly InitializerExpressionSyntax _newInitializer;

            private Plan(
                string versionName,
                TypeNames typeNames,
                StatementSyntax filterStatement,
                StatementSyntax expectedDeclaration,
                ExpressionSyntax filterBody,
                ExpressionSyntax newFilterBody,
                StatementSyntax saveStatement,
                StatementSyntax advance,
                InitializerExpressionSyntax initializer,
                InitializerExpressionSyntax newInitializer)
            {
                VersionName = versionName;
                TypeNames = typeNames;
                _filterStatement = filterStatement;
                _expectedDeclaration = expectedDeclaration;
                _filterBody = filterBody;
                _newFilterBody = newFilterBody;
                _saveStatement = saveStatement;
                _advance = advance;
                _initializer = initializer;
                _newInitializer = newInitializer;
            }

            public string VersionName { get; }

            public TypeNames TypeNames { get; }

            public void Apply(DocumentEditor editor)
            {
                editor.InsertBefore(_filterStatement, _expectedDeclaration);
                editor.ReplaceNode(_filterBody, _newFilterBody);
                editor.InsertBefore(_saveStatement, _advance);
                editor.ReplaceNode(_initializer, _newInitializer);
            }

            public static Plan? TryCreate(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, Dictionary<SyntaxNode, HashSet<string>> reserved, CancellationToken cancellationToken)
            {
                if (DynamoDbModel.TryCreate(semanticModel.Compilation) is not { } model
                    || diagnostic.AdditionalLocations.Count == 0
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not
                        { Parent: InitializerExpressionSyntax initializer, Right: IdentifierNameSyntax conditionReference } conditionAssignment
                    || initializer.Parent is not BaseObjectCreationExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } }
                    || call.Span != diagnostic.AdditionalLocations[0].SourceSpan
                    || semanticModel.GetOperation(call, cancellationToken) is not IInvocationOperation save
                    || !model.TryGetVersionCheckedWrite(save, out var itemType, out _)
                    || itemType is null
                    || model.GetVersionProperty(itemType) is not { SetMethod: not null } versionProperty
                    || versionProperty.Type is not INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T }
                    || semanticModel.GetSymbolInfo(conditionReference, cancellationToken).Symbol is not ILocalSymbol condition)
                {
                    return null;
                }

                // The saved object: a parameter or a local assigned once, of the versioned type itself.
                var item = save.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0 && a.Parameter.OriginalDefinition.Type.TypeKind == TypeKind.TypeParameter)?.Value.WalkDownConversions();
                ISymbol? itemSymbol = item switch
                {
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    ILocalReferenceOperation local => local.Local,
                    _ => null,
                };
                if (itemSymbol is null || item is null || !SymbolEqualityComparer.Default.Equals(item.Type, itemType))
                {
                    return null;
                }

                var saveStatement = call.FirstAncestorOrSelf<StatementSyntax>();
                var function = call.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);
                if (saveStatement is not ExpressionStatementSyntax { Parent: BlockSyntax } || function is null || FixSyntax.CrossesFunction(call, saveStatement))
                {
                    return null;
                }

                // The condition: declared as a new ContextExpression, filled by one SetFilter<T>(x => ...) statement before the save.
                ExpressionStatementSyntax? filterStatement = null;
                LambdaExpressionSyntax? lambda = null;
                foreach (var reference in function.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (reference.Identifier.ValueText != condition.Name
                        || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(reference, cancellationToken).Symbol, condition)
                        || reference == conditionReference)
                    {
                        continue;
                    }

                    if (filterStatement is null
                        && reference.Parent is MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "SetFilter", TypeArgumentList.Arguments.Count: 1 } filterName } access
                        && access.Expression == reference
                        && access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1, Parent: ExpressionStatementSyntax { Parent: BlockSyntax filterBlock } statement } filterCall
                        && filterCall.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax { ExpressionBody: not null } filter
                        && (filter is SimpleLambdaExpressionSyntax || filter is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 })
                        && SymbolEqualityComparer.Default.Equals(semanticModel.GetTypeInfo(filterName.TypeArgumentList.Arguments[0], cancellationToken).Type, itemType)
                        && statement.SpanStart < saveStatement.SpanStart
                        && filterBlock.Span.Contains(saveStatement.Span)
                        && !FixSyntax.CrossesFunction(saveStatement, filterBlock)
                        && !FixSyntax.CrossesFunction(statement, function))
                    {
                        filterStatement = statement;
                        lambda = filter;
                        continue;
                    }

                    return null;
                }

                if (filterStatement is null || lambda is null
                    || !condition.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax creation } && creation.ArgumentList is null or { Arguments.Count: 0 }
                        && r.Span.Start < filterStatement.SpanStart)
                    || !IsInScopeAt(itemSymbol, filterStatement)
                    || IsWritten(semanticModel, function, itemSymbol, versionProperty, cancellationToken))
                {
                    return null;
                }

                var parameterName = lambda is SimpleLambdaExpressionSyntax simple
                    ? simple.Parameter.Identifier.ValueText
                    : ((ParenthesizedLambdaExpressionSyntax)lambda).ParameterList.Parameters[0].Identifier.ValueText;
                if (!reserved.TryGetValue(function, out var taken))
                {
                    reserved[function] = taken = new HashSet<string>(System.StringComparer.Ordinal);
                }

                var expected = UniqueNames.LocalName(semanticModel, filterStatement.SpanStart, "expectedVersion", taken);
                var endOfLine = InitializerEditing.GetEndOfLine(root);
                var typeNames = new TypeNames(semanticModel, filterStatement.SpanStart);
                var exception = semanticModel.Compilation.GetTypeByMetadataName("System.InvalidOperationException");
                if (exception is null)
                {
                    return null;
                }

                var itemName = itemSymbol.Name;
                var message = SyntaxBuilder.Quote($"{itemType.Name}.{versionProperty.Name} is null: the condition can only check the version of an item that was saved before.");
                var declaration = SyntaxBuilder.ParseStatement(
                    $"var {expected} = {itemName}.{versionProperty.Name} ?? throw new {typeNames.For(exception)}({message});",
                    SyntaxBuilder.GetIndentation(filterStatement),
                    endOfLine);
                var advance = SyntaxBuilder.ParseStatement(
                    $"{itemName}.{versionProperty.Name} = {expected} + 1;",
                    SyntaxBuilder.GetIndentation(saveStatement),
                    endOfLine);

                var body = lambda.ExpressionBody!;
                var left = body is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.CoalesceExpression } or ConditionalExpressionSyntax or AssignmentExpressionSyntax or LambdaExpressionSyntax
                    ? "(" + body.WithoutTrivia() + ")"
                    : body.WithoutTrivia().ToString();
                var newBody = SyntaxFactory.ParseExpression($"{left} && {parameterName}.{versionProperty.Name} == {expected}").WithTriviaFrom(body);

                var skip = initializer.Expressions.OfType<AssignmentExpressionSyntax>()
                    .LastOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "SkipVersionCheck" });
                var newInitializer = skip is not null
                    ? initializer.ReplaceNode(skip.Right, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(skip.Right))
                    : InitializerEditing.AddExpressions(
                        initializer,
                        new ExpressionSyntax[] { SyntaxBuilder.Assignment("SkipVersionCheck", SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)) },
                        endOfLine);

                return new Plan(versionProperty.Name, typeNames, filterStatement, declaration.WithLeadingTrivia(SyntaxFactory.Whitespace(SyntaxBuilder.GetIndentation(filterStatement))), body, newBody, saveStatement, advance, initializer, newInitializer);
            }

            /// <summary>A parameter, or a local declared before <paramref name="statement"/> in a block that holds it.</summary>
            private static bool IsInScopeAt(ISymbol item, StatementSyntax statement)
            {
                if (item is IParameterSymbol)
                {
                    return true;
                }

                return item.DeclaringSyntaxReferences.Length == 1
                    && item.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax block } declaration }
                    && declaration.SpanStart < statement.SpanStart
                    && block.Span.Contains(statement.Span);
            }

            /// <summary>True when the method assigns the object variable (after its declaration) or sets its version property.</summary>
            private static bool IsWritten(SemanticModel semanticModel, SyntaxNode function, ISymbol item, IPropertySymbol version, CancellationToken cancellationToken)
            {
                foreach (var node in function.DescendantNodes())
                {
                    ExpressionSyntax? target = node switch
                    {
                        AssignmentExpressionSyntax assignment => assignment.Left,
                        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix => postfix.Operand,
                        ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } argument => argument.Expression,
                        _ => null,
                    };
                    if (target is null)
                    {
                        continue;
                    }

                    var symbol = semanticModel.GetSymbolInfo(target, cancellationToken).Symbol;
                    if (SymbolEqualityComparer.Default.Equals(symbol, item)
                        || (SymbolEqualityComparer.Default.Equals(symbol, version) && target is MemberAccessExpressionSyntax member
                            && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(member.Expression, cancellationToken).Symbol, item)))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
