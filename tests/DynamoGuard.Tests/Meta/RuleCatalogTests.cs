using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;

namespace DynamoGuard.Tests.Meta
{
    /// <summary>Every rule is documented, listed in the README and tracked for release, consistently with its descriptor.</summary>
    public class RuleCatalogTests
    {
        private static readonly string[] DocHeadings =
        {
            "## Cause", "## Why it matters", "## Non-compliant code", "## Compliant code", "## Code fix", "## Configuration", "## When to suppress",
        };

        public static TheoryData<string> RuleIds()
        {
            var data = new TheoryData<string>();
            foreach (var id in Product.Descriptors.Select(d => d.Id).Distinct())
            {
                data.Add(id);
            }

            return data;
        }

        [Fact]
        public void Product_HasRules()
        {
            Assert.NotEmpty(Product.Analyzers);
            Assert.NotEmpty(Product.Descriptors);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Descriptor_IsConsistentAndLinksToItsPage(string id)
        {
            var descriptors = Product.Descriptors.Where(d => d.Id == id).ToList();
            foreach (var descriptor in descriptors)
            {
                Assert.Matches("^DDB[1-4][0-9]{2}$", descriptor.Id);
                Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
                Assert.Contains(descriptor.Category, new[] { "DynamoDB.Concurrency", "DynamoDB.Limits", "DynamoDB.Expressions" });
                Assert.True(descriptor.IsEnabledByDefault);
                Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            }

            // Descriptors that share an ID (one rule, several messages) agree on everything a user configures.
            Assert.Single(descriptors.Select(d => (d.Title.ToString(), d.Category, d.DefaultSeverity)).Distinct());
            Assert.True(File.Exists(Path.Combine(Product.RepositoryRoot, "docs", "rules", id + ".md")), $"docs/rules/{id}.md is missing");
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void DocPage_HasTheStandardHeadings(string id)
        {
            var page = File.ReadAllText(Path.Combine(Product.RepositoryRoot, "docs", "rules", id + ".md"));
            var descriptor = Product.Descriptors.First(d => d.Id == id);
            Assert.StartsWith($"# {id}: {descriptor.Title}", page, StringComparison.Ordinal);
            var position = 0;
            foreach (var heading in DocHeadings)
            {
                var found = page.IndexOf("\n" + heading + "\n", position, StringComparison.Ordinal);
                Assert.True(found >= 0, $"docs/rules/{id}.md lacks '{heading}' (in this order: {string.Join(", ", DocHeadings)})");
                position = found;
            }
        }

        [Fact]
        public void ReadmeRuleTable_MatchesTheDescriptors()
        {
            var readme = File.ReadAllText(Path.Combine(Product.RepositoryRoot, "README.md"));
            var table = Regex.Match(readme, "<!-- rules:start -->\n(.*?)<!-- rules:end -->", RegexOptions.Singleline);
            Assert.True(table.Success, "README.md has no rules:start/rules:end block");

            var expected = "| Rule | Title | Category | Default severity | Code fix |\n|---|---|---|---|---|\n"
                + string.Concat(Product.Descriptors.GroupBy(d => d.Id).Select(g => g.First()).Select(d =>
                    $"| [{d.Id}](docs/rules/{d.Id}.md) | {d.Title} | {d.Category} | {d.DefaultSeverity} | {(HasCodeFix(d.Id) ? "Yes" : "No")} |\n"));
            Assert.Equal(expected, table.Groups[1].Value);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void ReleaseTracking_ListsTheRule(string id)
        {
            var descriptor = Product.Descriptors.First(d => d.Id == id);
            var directory = Path.Combine(Product.RepositoryRoot, "analyzers", "DynamoGuard.Analyzers");
            var tracked = File.ReadAllText(Path.Combine(directory, "AnalyzerReleases.Shipped.md"))
                + File.ReadAllText(Path.Combine(directory, "AnalyzerReleases.Unshipped.md"));
            Assert.Matches($@"(?m)^{id} \| {Regex.Escape(descriptor.Category)} \| {descriptor.DefaultSeverity} \|", tracked);
        }

        private static bool HasCodeFix(string id) => Product.CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));
    }
}
