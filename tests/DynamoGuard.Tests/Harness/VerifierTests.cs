using System.Threading.Tasks;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DynamoGuard.Tests.Harness
{
    /// <summary>The verifier must fail for every kind of mistake it exists to catch; otherwise rule tests prove nothing.</summary>
    public class VerifierTests
    {
        private const string Flagged = @"
class C
{
    void Flag() { }
    void Unflag() { }
    void M()
    {
        [|Flag()|];
    }
}";

        private const string Unflagged = @"
class C
{
    void Flag() { }
    void Unflag() { }
    void M()
    {
        Unflag();
    }
}";

        private static CSharpTest Test(string source, CodeFixProvider? fix = null, string? fixedSource = null)
            => new(new FlagCallAnalyzer()) { TestCode = source, References = ReferenceSet.RuntimeOnly, CodeFix = fix, FixedCode = fixedSource };

        [Fact]
        public async Task CorrectExpectations_Pass()
        {
            await Test(Flagged).RunAsync();
        }

        [Fact]
        public async Task MissingDiagnostic_Fails()
        {
            var source = Flagged.Replace("[|Flag()|]", "Unflag()").Replace("void M()", "void N() { [|Unflag()|]; }\n    void M()");
            var failure = await Assert.ThrowsAsync<VerificationException>(() => Test(source).RunAsync());
            Assert.Contains("missing: TEST001", failure.Message);
        }

        [Fact]
        public async Task ExtraDiagnostic_Fails_AndShowsAnnotatedSource()
        {
            var source = Flagged.Replace("[|Flag()|]", "Flag()");
            var failure = await Assert.ThrowsAsync<VerificationException>(() => Test(source).RunAsync());
            Assert.Contains("unexpected: /0/Test0.cs(8,9): Warning TEST001: Call to 'Flag' is flagged", failure.Message);
            Assert.Contains("        ^^^^^^ TEST001: Call to 'Flag' is flagged", failure.Message);
        }

        [Fact]
        public async Task MisplacedDiagnostic_Fails()
        {
            var source = Flagged.Replace("[|Flag()|]", "[|Flag|]()");
            var failure = await Assert.ThrowsAsync<VerificationException>(() => Test(source).RunAsync());
            Assert.Contains("missing: TEST001", failure.Message);
            Assert.Contains("unexpected: /0/Test0.cs(8,9)", failure.Message);
        }

        [Fact]
        public async Task WrongDiagnosticId_Fails()
        {
            var source = Flagged.Replace("[|Flag()|]", "{|TEST002:Flag()|}");
            await Assert.ThrowsAsync<VerificationException>(() => Test(source).RunAsync());
        }

        [Fact]
        public async Task WrongMessage_Fails()
        {
            var test = Test(Flagged.Replace("[|Flag()|]", "{|#0:Flag()|}"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("TEST001").WithLocation(0).WithMessage("Something else"));
            var failure = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
            Assert.Contains("wrong message", failure.Message);
        }

        [Fact]
        public async Task RightMessageAndSeverity_Pass()
        {
            var test = Test(Flagged.Replace("[|Flag()|]", "{|#0:Flag()|}"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("TEST001").WithLocation(0).WithMessage("Call to 'Flag' is flagged").WithSeverity(DiagnosticSeverity.Warning));
            await test.RunAsync();
        }

        [Fact]
        public async Task SourceWithCompilerError_Fails()
        {
            var source = Flagged.Replace("void Unflag() { }", "void Unflag() { undefined(); }");
            var failure = await Assert.ThrowsAsync<VerificationException>(() => Test(source).RunAsync());
            Assert.Contains("CS0103", failure.Message);
        }

        [Fact]
        public async Task SourceWithDeclaredCompilerError_Passes()
        {
            var test = Test(Flagged.Replace("void Unflag() { }", "void Unflag() { undefined(); }"));
            test.AllowedCompilerErrors.Add("CS0103");
            await test.RunAsync();
        }

        [Fact]
        public async Task AnalyzerException_Fails()
        {
            var test = new CSharpTest(new ThrowingAnalyzer()) { TestCode = Unflagged, References = ReferenceSet.RuntimeOnly };
            var failure = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
            Assert.Contains("AD0001", failure.Message);
            Assert.Contains("boom", failure.Message);
        }

        [Fact]
        public async Task CorrectFix_Passes()
        {
            await Test(Flagged, new RenameFlagCodeFix(), Unflagged).RunAsync();
        }

        [Fact]
        public async Task FixWithDifferentOutput_Fails()
        {
            var failure = await Assert.ThrowsAsync<VerificationException>(
                () => Test(Flagged, new RenameFlagCodeFix(), Unflagged.Replace("Unflag();", "Unflag( );")).RunAsync());
            Assert.Contains("differs from the expected code", failure.Message);
        }

        [Fact]
        public async Task FixThatDoesNotCompile_Fails()
        {
            var broken = Unflagged.Replace("        Unflag();", "        DoesNotExist();");
            var failure = await Assert.ThrowsAsync<VerificationException>(() => Test(Flagged, new BrokenFlagCodeFix(), broken).RunAsync());
            Assert.Contains("compiler errors", failure.Message);
            Assert.Contains("CS0103", failure.Message);
        }

        [Fact]
        public async Task FixThatChangesNothing_Fails()
        {
            var failure = await Assert.ThrowsAsync<VerificationException>(() => Test(Flagged, new NoOpFlagCodeFix(), Unflagged).RunAsync());
            Assert.Contains("left the same diagnostics", failure.Message);
        }

        [Fact]
        public async Task FixAll_FixesEveryDiagnostic()
        {
            var source = Flagged.Replace("[|Flag()|];", "[|Flag()|];\n        [|Flag()|];");
            var fixedSource = Unflagged.Replace("Unflag();", "Unflag();\n        Unflag();");
            await Test(source, new RenameFlagCodeFix(), fixedSource).RunAsync();
        }

        [Fact]
        public void Markup_ParsesNestedSpansAndMarkers()
        {
            var (source, spans) = TestMarkup.Parse("a[|b{|X1:c|}|]{|#3:d|}");
            Assert.Equal("abcd", source);
            Assert.Collection(
                spans,
                s => Assert.Equal(("X1", 2, 3), (s.Id, s.Span.Start, s.Span.End)),
                s => Assert.Equal(((string?)null, 1, 3), (s.Id, s.Span.Start, s.Span.End)),
                s => Assert.Equal((3, 3, 4), (s.MarkerIndex!.Value, s.Span.Start, s.Span.End)));
        }

        [Fact]
        public void Markup_Unbalanced_Throws()
        {
            Assert.Throws<VerificationException>(() => TestMarkup.Parse("a[|b"));
            Assert.Throws<VerificationException>(() => TestMarkup.Parse("a|]b"));
        }
    }
}
