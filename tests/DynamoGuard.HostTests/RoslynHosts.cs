using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using DynamoGuard.RoslynHost;
using System.Threading.Tasks;

namespace DynamoGuard.HostTests
{
    /// <summary>
    /// Runs both Roslyn hosts once per test run (in parallel, each in its own process) on the package this build packed,
    /// and keeps their reports for the tests.
    /// </summary>
    internal sealed class RoslynHosts
    {
        public const string Oldest = "4.8.0";
        public const string Newest = "5.12.0";

        private static readonly Lazy<Task<RoslynHosts>> Instance = new(RunAsync);

        /// <summary>The report's collections are get-only (the host fills them); deserializing fills them the same way.</summary>
        private static readonly JsonSerializerOptions ReportOptions = new() { PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate };

        private RoslynHosts(string packagePath, IReadOnlyDictionary<string, HostRun> runs)
        {
            PackagePath = packagePath;
            Runs = runs;
        }

        public string PackagePath { get; }

        public IReadOnlyDictionary<string, HostRun> Runs { get; }

        public static Task<RoslynHosts> GetAsync() => Instance.Value;

        public static string RepositoryRoot { get; } = FindRepositoryRoot();

        private static async Task<RoslynHosts> RunAsync()
        {
            var configuration = typeof(RoslynHosts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
            var output = Path.Combine(AppContext.BaseDirectory, "host-reports");
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.CreateDirectory(output);

            // The package project was built with this test project (a build-order reference); pack what it built, as
            // `dotnet pack` does, so the hosts load a real .nupkg.
            var feed = Path.Combine(output, "feed");
            var (packExit, packLog) = await RunDotnetAsync("pack", Path.Combine(RepositoryRoot, "package", "DynamoGuard.Package.csproj"), "-c", configuration, "--no-build", "--nologo", "-o", feed).ConfigureAwait(false);
            Assert.True(packExit == 0, $"dotnet pack failed (exit {packExit}):\n{packLog}");
            var package = Assert.Single(Directory.GetFiles(feed, "DynamoGuard.Analyzers.*.nupkg"));
            var sample = Path.Combine(RepositoryRoot, "samples", "MusicLibrary");
            var tasks = new[] { Oldest, Newest }.Select(async version =>
            {
                var host = Path.Combine(RepositoryRoot, "tests", "DynamoGuard.RoslynHost", "Roslyn" + version[..version.LastIndexOf('.')], "bin", configuration, "net10.0", $"DynamoGuard.RoslynHost.Roslyn{version}.dll");
                Assert.True(File.Exists(host), "host not built: " + host);
                var reportPath = Path.Combine(output, $"roslyn{version}.json");
                File.Delete(reportPath);
                var (exit, log) = await RunDotnetAsync(host, package, sample, reportPath).ConfigureAwait(false);
                Assert.True(exit == 0 && File.Exists(reportPath), $"Roslyn {version} host failed (exit {exit}):\n{log}");
                var report = JsonSerializer.Deserialize<HostReport>(await File.ReadAllTextAsync(reportPath).ConfigureAwait(false), ReportOptions)!;
                return new HostRun(version, report, log);
            }).ToList();

            var runs = await Task.WhenAll(tasks).ConfigureAwait(false);
            return new RoslynHosts(package, runs.ToDictionary(r => r.Version, StringComparer.Ordinal));
        }

        private static async Task<(int ExitCode, string Output)> RunDotnetAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
        }

        private static string FindRepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }

    internal sealed record HostRun(string Version, HostReport Report, string Log);
}
