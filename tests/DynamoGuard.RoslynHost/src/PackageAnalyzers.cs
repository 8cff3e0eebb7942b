using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.RoslynHost
{
    /// <summary>
    /// The package's analyzers and code fixes as a host loads them: the .nupkg is unpacked, the analyzer folder is chosen
    /// as NuGet and the .NET SDK choose it (the highest <c>analyzers/dotnet/roslynX.Y/cs</c> not newer than the host's
    /// Roslyn, else <c>analyzers/dotnet/cs</c>), and each assembly is opened through <see cref="AnalyzerFileReference"/>
    /// with a loader that, like the compiler's, gives the folder its own load context and shares Microsoft.CodeAnalysis
    /// with the host.
    /// </summary>
    internal sealed class PackageAnalyzers
    {
        public List<DiagnosticAnalyzer> Analyzers { get; } = new();

        public List<CodeFixProvider> CodeFixes { get; } = new();

        public static PackageAnalyzers Load(string packagePath, Version roslyn, HostReport report)
        {
            var root = Path.Combine(Path.GetTempPath(), "dynamoguard-host-" + Guid.NewGuid().ToString("N"));
            ZipFile.ExtractToDirectory(packagePath, root);
            var folder = SelectFolder(root, roslyn);
            report.AnalyzerFolder = Path.GetRelativePath(root, folder).Replace('\\', '/');

            var result = new PackageAnalyzers();
            var loader = new FolderLoader(folder);
            foreach (var path in Directory.GetFiles(folder, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                report.RoslynReferences[name] = HighestRoslynReference(path);
                var reference = new AnalyzerFileReference(path, loader);
                reference.AnalyzerLoadFailed += (_, e) =>
                    report.LoadFailures.Add($"{name}: {e.ErrorCode} {e.TypeName} {e.Message} {e.Exception?.GetType().Name} {e.Exception?.Message}".Trim());
                try
                {
                    result.Analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
                    foreach (var type in reference.GetAssembly().GetTypes())
                    {
                        var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
                        if (export is not null && typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract)
                        {
                            result.CodeFixes.Add((CodeFixProvider)Activator.CreateInstance(type)!);
                        }
                    }
                }
                catch (Exception exception) when (exception is ReflectionTypeLoadException or FileLoadException or FileNotFoundException or TypeLoadException or BadImageFormatException or MissingMethodException)
                {
                    report.LoadFailures.Add($"{name}: {exception.GetType().Name}: {exception.Message}");
                }
            }

            result.CodeFixes.Sort((a, b) => string.CompareOrdinal(a.GetType().FullName, b.GetType().FullName));
            return result;
        }

        /// <summary>The analyzer folder NuGet would use for a C# project compiled by this Roslyn.</summary>
        private static string SelectFolder(string root, Version roslyn)
        {
            var dotnet = Path.Combine(root, "analyzers", "dotnet");
            string? best = null;
            Version? bestVersion = null;
            if (Directory.Exists(dotnet))
            {
                foreach (var directory in Directory.GetDirectories(dotnet, "roslyn*"))
                {
                    var name = Path.GetFileName(directory);
                    if (Version.TryParse(name.Substring("roslyn".Length), out var version)
                        && version <= new Version(roslyn.Major, roslyn.Minor)
                        && (bestVersion is null || version > bestVersion)
                        && Directory.Exists(Path.Combine(directory, "cs")))
                    {
                        best = Path.Combine(directory, "cs");
                        bestVersion = version;
                    }
                }
            }

            return best ?? Path.Combine(dotnet, "cs");
        }

        /// <summary>The highest version among the assembly's references to Microsoft.CodeAnalysis*, or "none".</summary>
        internal static string HighestRoslynReference(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            Version? highest = null;
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                var name = metadata.GetString(reference.Name);
                if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && (highest is null || reference.Version > highest))
                {
                    highest = reference.Version;
                }
            }

            return highest?.ToString() ?? "none";
        }

        /// <summary>One load context for the package folder; Microsoft.CodeAnalysis and the framework come from the host.</summary>
        private sealed class FolderLoader : IAnalyzerAssemblyLoader
        {
            private readonly FolderContext _context;

            public FolderLoader(string folder) => _context = new FolderContext(folder);

            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);
        }

        private sealed class FolderContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public FolderContext(string folder)
                : base("DynamoGuard package " + folder.GetHashCode().ToString(CultureInfo.InvariantCulture), isCollectible: false)
                => _folder = folder;

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                // The host's own Roslyn wins, as in csc and the IDE: an analyzer never brings its own compiler.
                if (assemblyName.Name is { } name
                    && !name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                    && File.Exists(Path.Combine(_folder, name + ".dll")))
                {
                    return LoadFromAssemblyPath(Path.Combine(_folder, name + ".dll"));
                }

                return null;
            }
        }
    }
}
