using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DynamoGuard.RoslynHost;

namespace DynamoGuard.HostTests
{
    /// <summary>
    /// The packed package in the oldest supported Roslyn (4.8: .NET 8 SDK, Visual Studio 2022 17.8) and the newest on the
    /// feed (5.12): it loads without failure of any kind, brings every rule, reports the sample's marked findings, and
    /// every code fix registers, applies once and by Fix All, with the same output on both.
    /// </summary>
    public class PackageInRoslynHostTests
    {
        public static TheoryData<string> Hosts => new() { RoslynHosts.Oldest, RoslynHosts.Newest };

        private static readonly Regex Expectation = new(@"//\s*expect:\s*(?<ids>DDB\d{3}(\s*,\s*DDB\d{3})*)", RegexOptions.Compiled);

        private static async Task<HostReport> ReportAsync(string version) => (await RoslynHosts.GetAsync()).Runs[version].Report;

        [Theory]
        [MemberData(nameof(Hosts))]
        public async Task Load_NoFailureOfAnyKind(string version)
        {
            var report = await ReportAsync(version);
            Assert.StartsWith(version[..version.LastIndexOf('.')] + ".", report.RoslynVersion, StringComparison.Ordinal);
            Assert.Empty(report.LoadFailures);
            Assert.Equal(new[] { "DynamoGuard.Analyzers.dll", "DynamoGuard.CodeFixes.dll" }, report.RoslynReferences.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.NotEmpty(report.Analyzers);
            Assert.NotEmpty(report.CodeFixes);
        }

        [Theory]
        [MemberData(nameof(Hosts))]
        public async Task Load_NoAssemblyReferencesARoslynNewerThanItsFolder(string version)
        {
            // analyzers/dotnet/cs is loaded by every host, so it must not need more than the oldest supported Roslyn;
            // an analyzers/dotnet/roslynX.Y/cs folder must not need more than X.Y.
            var report = await ReportAsync(version);
            var match = Regex.Match(report.AnalyzerFolder, @"roslyn(?<v>\d+\.\d+)");
            var floor = new Version(match.Success ? match.Groups["v"].Value : "4.8");
            foreach (var (assembly, referenced) in report.RoslynReferences)
            {
                Assert.True(referenced == "none" || new Version(referenced) <= new Version(floor.Major, floor.Minor, 0, 0), $"{report.AnalyzerFolder}/{assembly} references Microsoft.CodeAnalysis {referenced}, newer than {floor}");
            }
        }

        [Theory]
        [MemberData(nameof(Hosts))]
        public async Task Descriptors_EveryDocumentedRulePresent(string version)
        {
            var report = await ReportAsync(version);
            var documented = Directory.GetFiles(Path.Combine(RoslynHosts.RepositoryRoot, "docs", "rules"), "DDB*.md")
                .Select(f => Path.GetFileNameWithoutExtension(f)!)
                .OrderBy(id => id, StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(documented);
            Assert.Equal(documented, report.DiagnosticIds);
        }

        [Theory]
        [MemberData(nameof(Hosts))]
        public async Task Sample_ReportsExactlyTheMarkedDiagnostics(string version)
        {
            var report = await ReportAsync(version);
            var directory = Path.Combine(RoslynHosts.RepositoryRoot, "samples", "MusicLibrary");
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
                if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var match = Expectation.Match(lines[i]);
                    foreach (var id in match.Success ? match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries) : Array.Empty<string>())
                    {
                        expected.Add($"{relative}:{i + 1}: {id}");
                    }
                }
            }

            Assert.NotEmpty(expected);
            Assert.Equal(expected, new SortedSet<string>(report.SampleDiagnostics, StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Hosts))]
        public async Task CodeFixes_EveryProviderRegistersAndApplies(string version)
        {
            var report = await ReportAsync(version);
            Assert.Equal(report.CodeFixes.Keys.OrderBy(k => k, StringComparer.Ordinal), report.Fixes.Select(f => f.Provider).OrderBy(k => k, StringComparer.Ordinal));
            foreach (var fix in report.Fixes)
            {
                Assert.True(fix.Error.Length == 0, $"{fix.Provider}: {fix.Error}");
                Assert.True(fix.Actions.Count > 0, $"{fix.Provider} registered no action");
                foreach (var action in fix.Actions)
                {
                    Assert.True(action.OneFix.Length > 0, $"{fix.Provider} '{action.Title}' changed nothing");
                    Assert.True(action.FixAll.Length > 0, $"{fix.Provider} '{action.Title}': Fix All (document) changed nothing");
                }
            }
        }

        [Fact]
        public async Task CodeFixes_Roslyn48OutputEqualsNewestRoslyn()
        {
            var hosts = await RoslynHosts.GetAsync();
            var oldest = hosts.Runs[RoslynHosts.Oldest].Report;
            var newest = hosts.Runs[RoslynHosts.Newest].Report;
            Assert.Equal(newest.SampleDiagnostics, oldest.SampleDiagnostics);
            Assert.Equal(newest.Fixes.Select(f => f.Provider), oldest.Fixes.Select(f => f.Provider));
            foreach (var (old, @new) in oldest.Fixes.Zip(newest.Fixes))
            {
                Assert.Equal(@new.Actions.Select(a => a.EquivalenceKey), old.Actions.Select(a => a.EquivalenceKey));
                foreach (var (a, b) in old.Actions.Zip(@new.Actions))
                {
                    Assert.True(a.OneFix == b.OneFix, $"{old.Provider} '{a.Title}' differs between Roslyn {RoslynHosts.Oldest} and {RoslynHosts.Newest}:\n--- {RoslynHosts.Oldest}\n{a.OneFix}\n--- {RoslynHosts.Newest}\n{b.OneFix}");
                    Assert.True(a.FixAll == b.FixAll, $"{old.Provider} '{a.Title}' Fix All differs between Roslyn {RoslynHosts.Oldest} and {RoslynHosts.Newest}");
                }
            }
        }
    }
}
