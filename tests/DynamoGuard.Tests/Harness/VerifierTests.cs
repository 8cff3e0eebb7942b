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

        private const string SaveConfigSource = @"
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;

class C
{
    void Flag() { }
    Task M(IDynamoDBContext context, object item)
    {
        [|Flag()|];
        return context.SaveAsync(item, new SaveConfig());
    }
}";

        [Fact]
        public async Task SdkMatrix_SourceThatOnlyV4Compiles_FailsOnV3NamingTheSdk()
        {
            var test = new CSharpTest(new FlagCallAnalyzer()) { TestCode = SaveConfigSource };
            var failure = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
            Assert.StartsWith("On AWSSDK.DynamoDBv2 3.3.105.15 (SDK v3): The test source has compiler errors", failure.Message);
            Assert.Contains("'SaveConfig' could not be found", failure.Message);
        }

        [Fact]
        public async Task SdkMatrix_TestSdksOnly_RunsOnTheNamedSdksOnly()
        {
            TestSdks.Only(AwsSdk.V4, "SaveConfig");
            await new CSharpTest(new FlagCallAnalyzer()) { TestCode = SaveConfigSource }.RunAsync();
        }

        [Theory]
        [InlineData(AwsSdk.V3, "v3")]
        [InlineData(AwsSdk.V4_0, "v4.0")]
        [InlineData(AwsSdk.V4_1, "v4.1")]
        public async Task SdkMatrix_EachSdkCompilesAgainstItsOwnAssemblies(AwsSdk sdk, string folder)
        {
            // #if AWSSDK_V3 lets a shared model take the v3 shape; the version check makes the test fail if an SDK's
            // references were mixed up (4.0.103.2 and 4.1.0 both have SaveConfig).
            var expected = sdk switch { AwsSdk.V3 => "3.3.0.0", _ => "4.0.0.0" };
            var references = TestReferences.Get(ReferenceSet.AwsSdk, sdk);
            var dynamoDb = Assert.Single(references, r => r.Display!.EndsWith("AWSSDK.DynamoDBv2.dll", System.StringComparison.Ordinal));
            Assert.Contains(System.IO.Path.Combine("refs", folder), dynamoDb.Display, System.StringComparison.Ordinal);
            var version = System.Reflection.AssemblyName.GetAssemblyName(dynamoDb.Display!).Version!.ToString();
            Assert.Equal(expected, version);
            TestSdks.Only(sdk, "the SDK under test");
            await new CSharpTest(new FlagCallAnalyzer())
            {
                TestCode = @"
class C { void Flag() { } void M() { [|Flag()|]; } }
#if AWSSDK_V3
class Configs { Amazon.DynamoDBv2.DataModel.DynamoDBOperationConfig Config() => new Amazon.DynamoDBv2.DataModel.DynamoDBOperationConfig(); }
#else
class Configs { Amazon.DynamoDBv2.DataModel.SaveConfig Config() => new Amazon.DynamoDBv2.DataModel.SaveConfig(); }
#endif
",
            }.RunAsync();
        }

        /// <summary>
        /// A diagnostic a flow from a hand-written file places in another file: marking that file generated must leave
        /// nothing there (the analyzer fixture lets the driver report in generated code, so the verifier has to catch it).
        /// </summary>
        [Fact]
        public async Task DiagnosticPlacedInAFileMarkedGenerated_Fails()
        {
            var test = new CSharpTest(new FlagDeclarationAnalyzer())
            {
                TestCode = "class C { void M(D d) { d.Flag(); } }",
                References = ReferenceSet.RuntimeOnly,
            };
            test.AdditionalSources.Add(("D.cs", "class D { public void [|Flag|]() { } }"));
            var failure = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
            Assert.Contains("files marked generated", failure.Message);
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
