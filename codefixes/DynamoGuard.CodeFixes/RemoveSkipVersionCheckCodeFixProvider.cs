using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB102: removes <c>SkipVersionCheck = true</c> so the SDK checks (and advances) the version again. An object
    /// initializer left empty disappears with it: the configuration argument is dropped from an SDK call (every
    /// SDK method that takes one has an overload without it), or the object is created without an initializer.
    /// A <c>ConfigureContext(c =&gt; c.SkipVersionCheck = true)</c> step (or one whose block holds only that statement)
    /// is dropped from the builder chain.
    /// <para>
    /// A save reported because its context was created with SkipVersionCheck = true (in a constructor, a factory or a DI
    /// registration, often in another file) carries that setting as its additional location: the fix removes the
    /// setting there, editing that document. Fix All works across documents: every diagnostic in scope leads to its
    /// setting, and each setting is removed once however many saves lead to it.
    /// </para>
    /// </summary>
    /// <remarks>
    /// The fix deletes source text the way a person would, rather than removing syntax nodes: a construct that has a
    /// line to itself goes with its whole line (comment on that line included); comments and blank lines on other lines
    /// stay; inside a line, the spacing around what is left stays as it was. Node removal either dropped neighbouring
    /// trivia (comments, blank lines) or left elastic trivia for the formatter, which joined lines.
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSkipVersionCheckCodeFixProvider))]
    [Shared]
    public sealed class RemoveSkipVersionCheckCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB102_RemoveSkipVersionCheck";

        private const string Title = "Remove SkipVersionCheck = true (check the version again)";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.VersionCheckDisabled);

        public override FixAllProvider GetFixAllProvider() => new AcrossDocumentsFixAll(Title, EquivalenceKey, FixAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var solution = context.Document.Project.Solution;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (await FindSettingAsync(solution, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } setting)
                {
                    continue;
                }

                // The setting in another document (the context's setup): say where, since the edit is not where the user looks.
                var title = setting.Document.Id == context.Document.Id
                    ? Title
                    : $"Remove SkipVersionCheck = true from the context's configuration in {setting.Document.Name}";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixAsync(solution, new[] { diagnostic }, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>Removes the setting behind each diagnostic, each setting once, in whichever documents they are.</summary>
        private static async Task<Solution> FixAsync(Solution solution, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var settings = new Dictionary<DocumentId, List<TextSpan>>();
            foreach (var diagnostic in diagnostics)
            {
                if (await FindSettingAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false) is { } setting)
                {
                    if (!settings.TryGetValue(setting.Document.Id, out var spans))
                    {
                        settings.Add(setting.Document.Id, spans = new List<TextSpan>());
                    }

                    if (!spans.Contains(setting.Assignment.Span))
                    {
                        spans.Add(setting.Assignment.Span);
                    }
                }
            }

            var changed = solution;
            foreach (var pair in settings)
            {
                var document = solution.GetDocument(pair.Key)!;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || semanticModel is null)
                {
                    continue;
                }

                var changes = new List<TextChange>();
                foreach (var span in pair.Value)
                {
                    if (root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { } assignment)
                    {
                        changes.AddRange(GetChanges(text, semanticModel, assignment, cancellationToken));
                    }
                }

                // Each setting is its own assignment, so changes do not overlap; keep the first if they ever do.
                changed = changed.WithDocumentText(document.Id, TextRemoval.ApplyNonOverlapping(text, changes));
            }

            return changed;
        }

        /// <summary>
        /// The SkipVersionCheck assignment a diagnostic is about, and its document: the diagnostic's own location (the
        /// setting of an operation's or a context's configuration), or, for a save reported because of how its context
        /// was created, the additional location that points at the setting. Null when it is not in source or not in a
        /// shape the fix can edit.
        /// </summary>
        private static async Task<(Document Document, AssignmentExpressionSyntax Assignment)?> FindSettingAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            foreach (var location in GetCandidateLocations(diagnostic))
            {
                if (!location.IsInSource || solution.GetDocument(location.SourceTree) is not { } document)
                {
                    continue;
                }

                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || !root.FullSpan.Contains(location.SourceSpan))
                {
                    continue;
                }

                var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
                if (node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { } assignment && IsSkipVersionCheck(assignment))
                {
                    return CanFix(assignment) ? (document, assignment) : null;
                }
            }

            return null;
        }

        private static IEnumerable<Location> GetCandidateLocations(Diagnostic diagnostic)
        {
            yield return diagnostic.Location;
            foreach (var location in diagnostic.AdditionalLocations)
            {
                yield return location;
            }
        }

        /// <summary><c>SkipVersionCheck = ...</c> or <c>x.SkipVersionCheck = ...</c> (the analyzer checked the symbol and the value).</summary>
        private static bool IsSkipVersionCheck(AssignmentExpressionSyntax assignment) => assignment.Left switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == "SkipVersionCheck",
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "SkipVersionCheck",
            _ => false,
        };


        /// <summary>
        /// The shapes the fix knows how to edit. A statement that is not in a block (<c>if (force) cfg.SkipVersionCheck = true;</c>)
        /// is left to the user: deleting it would change what the <c>if</c> governs.
        /// </summary>
        private static bool CanFix(AssignmentExpressionSyntax assignment) => assignment.Parent switch
        {
            InitializerExpressionSyntax initializer => initializer.Parent is BaseObjectCreationExpressionSyntax,
            ExpressionStatementSyntax statement => statement.Parent is BlockSyntax,
            LambdaExpressionSyntax lambda => lambda.ExpressionBody == assignment,
            _ => false,
        };

        private static IEnumerable<TextChange> GetChanges(SourceText text, SemanticModel semanticModel, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
        {
            switch (assignment.Parent)
            {
                case InitializerExpressionSyntax initializer when initializer.Parent is BaseObjectCreationExpressionSyntax creation:
                    return RemoveFromInitializer(text, semanticModel, assignment, initializer, creation, cancellationToken);

                case ExpressionStatementSyntax statement:
                    // c => { c.SkipVersionCheck = true; }: the step has nothing else to do.
                    if (statement.Parent is BlockSyntax { Statements.Count: 1, Parent: LambdaExpressionSyntax blockLambda }
                        && GetConfigureContextStep(blockLambda) is { } blockStep)
                    {
                        return RemoveConfigureContextStep(text, blockStep);
                    }

                    return new[] { TextRemoval.RemoveSpan(text, statement.Span) };

                case LambdaExpressionSyntax lambda:
                    if (GetConfigureContextStep(lambda) is { } step)
                    {
                        return RemoveConfigureContextStep(text, step);
                    }

                    // Any other lambda keeps its shape with an empty body.
                    return new[] { new TextChange(assignment.Span, "{ }") };

                default:
                    return System.Array.Empty<TextChange>();
            }
        }

        private static IEnumerable<TextChange> RemoveFromInitializer(
            SourceText text,
            SemanticModel semanticModel,
            AssignmentExpressionSyntax assignment,
            InitializerExpressionSyntax initializer,
            BaseObjectCreationExpressionSyntax creation,
            CancellationToken cancellationToken)
        {
            if (initializer.Expressions.Count > 1)
            {
                return TextRemoval.RemoveListElement(text, initializer.Expressions, initializer.Expressions.IndexOf(assignment));
            }

            // The initializer would be left empty.
            if (creation.ArgumentList is not { Arguments.Count: > 0 }
                && creation.Parent is ArgumentSyntax argument
                && argument.Parent is ArgumentListSyntax { Parent: { } call } argumentList
                && SdkNames.IsAwsSdkMember(semanticModel.GetSymbolInfo(call, cancellationToken).Symbol))
            {
                return TextRemoval.RemoveListElement(text, argumentList.Arguments, argumentList.Arguments.IndexOf(argument));
            }

            // new SaveConfig { ... } -> new SaveConfig(); new SaveConfig() { ... } and new() { ... } lose the initializer.
            var keptEnd = creation.ArgumentList?.Span.End ?? ((ObjectCreationExpressionSyntax)creation).Type.Span.End;
            return new[] { new TextChange(TextSpan.FromBounds(keptEnd, initializer.Span.End), creation.ArgumentList is null ? "()" : "") };
        }

        /// <summary>builder.ConfigureContext(lambda) when the lambda is its only argument, else null.</summary>
        private static InvocationExpressionSyntax? GetConfigureContextStep(LambdaExpressionSyntax lambda)
        {
            return lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax invocation } }
                && invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureContext" }
                ? invocation
                : null;
        }

        private static IEnumerable<TextChange> RemoveConfigureContextStep(SourceText text, InvocationExpressionSyntax invocation)
        {
            if (invocation.Parent is ExpressionStatementSyntax { Parent: BlockSyntax } statement)
            {
                // builder.ConfigureContext(...); configures the builder in place: the statement goes.
                return new[] { TextRemoval.RemoveSpan(text, statement.Span) };
            }

            // x.ConfigureContext(...).Build(): remove ".ConfigureContext(...)", leaving x.Build().
            var memberAccess = (MemberAccessExpressionSyntax)invocation.Expression;
            return new[] { TextRemoval.RemoveSpan(text, TextSpan.FromBounds(memberAccess.OperatorToken.SpanStart, invocation.Span.End)) };
        }
    }
}
