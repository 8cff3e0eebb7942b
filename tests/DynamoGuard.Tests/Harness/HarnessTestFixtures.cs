using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Tests.Harness
{
    /// <summary>Reports TEST001 on every call of a method named <c>Flag</c>.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FlagCallAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = new(
            "TEST001", "Flag call", "Call to '{0}' is flagged", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.Name == "Flag")
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
                    }
                },
                OperationKind.Invocation);
        }
    }

    /// <summary>
    /// Reports TEST001 at the declaration of every called method named <c>Flag</c> (which may be in another file), and
    /// lets the driver report in generated code: the verifier must catch a diagnostic placed in a generated file.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FlagDeclarationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(FlagCallAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.Name == "Flag" && invocation.TargetMethod.Locations[0] is { IsInSource: true } declaration)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(FlagCallAnalyzer.Rule, declaration, invocation.TargetMethod.Name));
                    }
                },
                OperationKind.Invocation);
        }
    }

    /// <summary>Throws on every invocation: the verifier must surface this as AD0001.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(FlagCallAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(_ => throw new InvalidOperationException("boom"), OperationKind.Invocation);
        }
    }

    /// <summary>Renames <c>Flag()</c> to <c>Unflag()</c>: a correct fix.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp)]
    [Shared]
    public sealed class RenameFlagCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TEST001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var invocation = root!.FindNode(context.Span).FirstAncestorOrSelf<InvocationExpressionSyntax>()!;
            var name = (IdentifierNameSyntax)invocation.Expression;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Unflag",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(name, name.WithIdentifier(SyntaxFactory.Identifier(Replacement).WithTriviaFrom(name.Identifier))))),
                    nameof(RenameFlagCodeFix)),
                context.Diagnostics);
        }

        private const string Replacement = "Unflag";
    }

    /// <summary>Renames <c>Flag()</c> to a method that does not exist: the fixed code does not compile.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp)]
    [Shared]
    public sealed class BrokenFlagCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TEST001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var invocation = root!.FindNode(context.Span).FirstAncestorOrSelf<InvocationExpressionSyntax>()!;
            var name = (IdentifierNameSyntax)invocation.Expression;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Break",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(name, name.WithIdentifier(SyntaxFactory.Identifier("DoesNotExist").WithTriviaFrom(name.Identifier))))),
                    nameof(BrokenFlagCodeFix)),
                context.Diagnostics);
        }
    }

    /// <summary>Offers a fix that changes nothing: the verifier must notice the fix made no progress.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp)]
    [Shared]
    public sealed class NoOpFlagCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TEST001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(CodeAction.Create("Nothing", _ => Task.FromResult(context.Document), nameof(NoOpFlagCodeFix)), context.Diagnostics);
            return Task.CompletedTask;
        }
    }
}
