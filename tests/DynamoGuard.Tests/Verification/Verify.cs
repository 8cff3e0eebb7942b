using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Tests.Verification
{
    /// <summary>Short forms for the common cases; build a <see cref="CSharpTest"/> for anything else.</summary>
    public static class Verify<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static Task AnalyzerAsync(string source, ReferenceSet references = ReferenceSet.AwsSdk)
            => new CSharpTest(new TAnalyzer()) { TestCode = source, References = references }.RunAsync();

        public static DiagnosticResult Diagnostic(string id) => new(id);
    }

    public static class Verify<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static Task FixAsync(string source, string fixedSource, string? equivalenceKey = null)
            => Test(source, fixedSource, equivalenceKey).RunAsync();

        public static CSharpTest Test(string source, string fixedSource, string? equivalenceKey = null)
            => new(new TAnalyzer())
            {
                TestCode = source,
                FixedCode = fixedSource,
                CodeFix = new TCodeFix(),
                CodeActionEquivalenceKey = equivalenceKey,
            };
    }
}
