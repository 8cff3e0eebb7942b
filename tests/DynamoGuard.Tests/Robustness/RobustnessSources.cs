using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using DynamoGuard.Corpus;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.Tests.Robustness
{
    /// <summary>A group of source files compiled together (one test source, the sample app, a corpus slice...).</summary>
    public sealed record SourceSet(string Name, ImmutableArray<(string Path, string Text)> Files, ReferenceSet References);

    /// <summary>
    /// The inputs of the robustness tests, collected without naming any rule, so sources added with new rules and
    /// tests are covered without a change here: every C# test source written in the test suite (constant strings
    /// in tests/DynamoGuard.Tests, markup removed), the sample app, a slice of the generated corpus and
    /// <see cref="RobustnessSnippets"/>.
    /// </summary>
    public static class RobustnessSources
    {
        /// <summary>Corpus files in the slice: three full cycles of the generator's file kinds.</summary>
        public const int CorpusSliceFiles = 30;

        /// <summary>Dense files (every kind, mostly unsafe DynamoDB code) that join the slice, so the code fixes have work.</summary>
        public const int DenseFiles = 20;

        private static readonly Lazy<ImmutableArray<SourceSet>> TestSourcesValue = new(CollectTestSources);

        public static ImmutableArray<SourceSet> TestSources => TestSourcesValue.Value;

        public static SourceSet SampleApp { get; } = CollectSampleApp();

        public static SourceSet CorpusSlice { get; } = new(
            "corpus slice",
            CorpusGenerator.Generate(CorpusSliceFiles)
                .Concat(Enumerable.Range(0, DenseFiles).Select(i => CorpusGenerator.GenerateDenseFile(i)))
                .Select(f => ("corpus/" + f.Path, f.Text))
                .ToImmutableArray(),
            ReferenceSet.AwsSdk);

        public static ImmutableArray<SourceSet> Snippets { get; } = RobustnessSnippets.All
            .Select(s => new SourceSet("snippet " + s.Name, ImmutableArray.Create(("Snippet.cs", s.Code)), s.References))
            .ToImmutableArray();

        /// <summary>Everything, in a stable order.</summary>
        public static ImmutableArray<SourceSet> All => TestSources.Add(SampleApp).Add(CorpusSlice).AddRange(Snippets);

        private static SourceSet CollectSampleApp()
        {
            var directory = Path.Combine(Product.RepositoryRoot, "samples");
            var files = EnumerateSources(directory)
                .Select(f => ("samples/" + Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText(f)))
                .ToImmutableArray();
            return new SourceSet("samples", files, ReferenceSet.AwsSdk);
        }

        /// <summary>
        /// The test suite's C# sources: each maximal string expression of the test files whose value is known at compile
        /// time (<c>Models + @"..."</c> folds to one source) and looks like code. Interpolation holes that are not constant
        /// become <c>0</c>. The reference set is the one under which the source has the fewest compiler errors (the sync
        /// API is public only in the SDK's net472 build).
        /// </summary>
        private static ImmutableArray<SourceSet> CollectTestSources()
        {
            var testsDirectory = Path.Combine(Product.RepositoryRoot, "tests", "DynamoGuard.Tests");
            var robustnessDirectory = Path.Combine(testsDirectory, "Robustness") + Path.DirectorySeparatorChar;
            var trees = EnumerateSources(testsDirectory)
                .Where(f => !f.StartsWith(robustnessDirectory, StringComparison.Ordinal))
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: Path.GetRelativePath(testsDirectory, f).Replace('\\', '/')))
                .ToList();

            // Only constants need to bind; the test code's own references do not matter.
            var compilation = CSharpCompilation.Create("TestSources", trees, TestReferences.Get(ReferenceSet.RuntimeOnly), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var sources = new List<SourceSet>();
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var expression in tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>())
                {
                    if (!IsStringPiece(expression, model) || IsStringPiece(Unparenthesize(expression.Parent), model))
                    {
                        continue;
                    }

                    var text = Evaluate(expression, model);
                    if (text is null || text.Length < 30 || text.IndexOf(';', StringComparison.Ordinal) < 0 || text.IndexOf('{', StringComparison.Ordinal) < 0)
                    {
                        continue;
                    }

                    var source = StripMarkup(text);
                    if (!seen.Add(source))
                    {
                        continue;
                    }

                    var line = tree.GetLineSpan(expression.Span).StartLinePosition.Line + 1;
                    sources.Add(new SourceSet($"{tree.FilePath}:{line}", ImmutableArray.Create(("Test0.cs", source)), BestReferences(source)));
                }
            }

            return sources.ToImmutableArray();
        }

        private static IEnumerable<string> EnumerateSources(string directory)
        {
            var separator = Path.DirectorySeparatorChar;
            return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal);
        }

        private static bool IsStringPiece(SyntaxNode? node, SemanticModel model) => node is not null && (node.IsKind(SyntaxKind.StringLiteralExpression)
            || node.IsKind(SyntaxKind.InterpolatedStringExpression)
            || (node.IsKind(SyntaxKind.AddExpression) && model.GetTypeInfo(node).Type?.SpecialType == SpecialType.System_String));

        private static SyntaxNode? Unparenthesize(SyntaxNode? node)
        {
            while (node is ParenthesizedExpressionSyntax)
            {
                node = node.Parent;
            }

            return node;
        }

        private static string? Evaluate(ExpressionSyntax expression, SemanticModel model)
        {
            if (model.GetConstantValue(expression) is { HasValue: true, Value: string constant })
            {
                return constant;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Evaluate(parenthesized.Expression, model);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    return Evaluate(binary.Left, model) is { } left && Evaluate(binary.Right, model) is { } right ? left + right : null;
                case InterpolatedStringExpressionSyntax interpolated:
                    var text = new StringBuilder();
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax literal)
                        {
                            text.Append(literal.TextToken.ValueText);
                        }
                        else if (content is InterpolationSyntax hole)
                        {
                            text.Append(model.GetConstantValue(hole.Expression) is { HasValue: true } value ? Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) : "0");
                        }
                    }

                    return text.ToString();
                default:
                    return null;
            }
        }

        private static string StripMarkup(string text)
        {
            try
            {
                return TestMarkup.Parse(text).Source;
            }
            catch (VerificationException)
            {
                return text;
            }
        }

        private static ReferenceSet BestReferences(string source)
        {
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
            var best = ReferenceSet.AwsSdk;
            var fewest = int.MaxValue;
            foreach (var set in new[] { ReferenceSet.AwsSdk, ReferenceSet.AwsSdkNet472 })
            {
                var errors = AnalyzerRun.NewCompilation(set, new[] { tree }).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
                if (errors < fewest)
                {
                    (best, fewest) = (set, errors);
                }

                if (errors == 0)
                {
                    break;
                }
            }

            return best;
        }
    }
}
