// The package check CI runs after `dotnet pack` (.ci/run): `dotnet run package/check/check-package.cs -- <nupkg>`.
// Layout: the analyzer and code-fix assemblies sit under analyzers/dotnet/cs (every host loads that folder) or under
// analyzers/dotnet/roslynX.Y/cs (hosts of Roslyn X.Y and later); nothing under lib/; a development dependency with no
// dependencies. And no assembly references a Microsoft.CodeAnalysis newer than its folder allows: X.Y for roslynX.Y,
// 4.8 (the oldest supported host: .NET 8 SDK, Visual Studio 2022 17.8) for analyzers/dotnet/cs. Exit 1 on a problem.
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

var oldestHost = new Version(4, 8);
var expected = new[] { "DynamoGuard.Analyzers.dll", "DynamoGuard.CodeFixes.dll" };
using var package = ZipFile.OpenRead(args[0]);
var problems = new List<string>();
var report = new List<string>();
var dlls = package.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
foreach (var folder in dlls.GroupBy(e => e.FullName[..(e.FullName.LastIndexOf('/') + 1)]))
{
    var match = Regex.Match(folder.Key, @"^analyzers/dotnet/(?:roslyn(?<v>\d+\.\d+)/)?cs/$");
    if (!match.Success)
    {
        problems.Add($"assemblies in {folder.Key}, which no host loads as analyzers");
        continue;
    }

    var names = folder.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
    if (!names.SequenceEqual(expected))
    {
        problems.Add($"{folder.Key} holds [{string.Join(", ", names)}], expected [{string.Join(", ", expected)}]");
    }

    var limit = match.Groups["v"].Success ? Version.Parse(match.Groups["v"].Value) : oldestHost;
    foreach (var entry in folder)
    {
        using var stream = new MemoryStream();
        using (var source = entry.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var roslyn = metadata.AssemblyReferences
            .Select(h => metadata.GetAssemblyReference(h))
            .Where(r => metadata.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(r => r.Version)
            .DefaultIfEmpty(new Version(0, 0))
            .Max()!;
        report.Add($"{entry.FullName} (Microsoft.CodeAnalysis {roslyn.Major}.{roslyn.Minor})");
        if (new Version(roslyn.Major, roslyn.Minor) > limit)
        {
            problems.Add($"{entry.FullName} references Microsoft.CodeAnalysis {roslyn}, newer than {limit}: hosts of Roslyn {limit} that load this folder cannot load it");
        }
    }
}

if (dlls.Count == 0)
{
    problems.Add("no assemblies");
}

if (package.Entries.Any(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal)))
{
    problems.Add("package has a lib/ folder");
}

var nuspecEntry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
using (var reader = new StreamReader(nuspecEntry.Open()))
{
    var nuspec = reader.ReadToEnd();
    if (!nuspec.Contains("<developmentDependency>true</developmentDependency>", StringComparison.Ordinal))
    {
        problems.Add("not a development dependency");
    }

    if (nuspec.Contains("<dependencies>", StringComparison.Ordinal) || nuspec.Contains("<dependency ", StringComparison.Ordinal))
    {
        problems.Add("package declares dependencies");
    }
}

if (problems.Count > 0)
{
    Console.WriteLine("package check FAILED: " + string.Join("; ", problems));
    return 1;
}

Console.WriteLine("package check OK: " + string.Join(", ", report));
return 0;
