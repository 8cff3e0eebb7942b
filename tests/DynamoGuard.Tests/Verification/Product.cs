using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Tests.Verification
{
    /// <summary>What DynamoGuard ships, found by reflection, and where its repository is on disk.</summary>
    public static class Product
    {
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = Instances<DiagnosticAnalyzer>(typeof(DiagnosticIds).Assembly, typeof(DiagnosticAnalyzerAttribute));

        public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = Instances<CodeFixProvider>(typeof(CodeFixes.RemoveSkipVersionCheckCodeFixProvider).Assembly, typeof(ExportCodeFixProviderAttribute));

        public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Analyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .Distinct()
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();

        /// <summary>The repository root: the nearest folder above the test binaries that holds Analyzers.sln.</summary>
        public static string RepositoryRoot { get; } = FindRepositoryRoot();

        private static ImmutableArray<T> Instances<T>(Assembly assembly, Type exportAttribute)
            => assembly.GetTypes()
                .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttributes(exportAttribute, inherit: false).Length > 0)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (T)Activator.CreateInstance(t)!)
                .ToImmutableArray();

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
}
