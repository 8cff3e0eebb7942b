using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using DynamoGuard.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Benchmarks
{
    /// <summary>Every analyzer and code fix DynamoGuard ships, found by reflection (new rules are measured without a change here).</summary>
    internal static class Product
    {
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
            Instances<DiagnosticAnalyzer>(Assembly.Load("DynamoGuard.Analyzers"), typeof(DiagnosticAnalyzerAttribute));

        public static ImmutableArray<CodeFixProvider> CodeFixes { get; } =
            Instances<CodeFixProvider>(Assembly.Load("DynamoGuard.CodeFixes"), typeof(ExportCodeFixProviderAttribute));

        public static ImmutableHashSet<string> DiagnosticIds { get; } =
            Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet(StringComparer.Ordinal);

        private static ImmutableArray<T> Instances<T>(Assembly assembly, Type exportAttribute)
            => assembly.GetTypes()
                .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttributes(exportAttribute, inherit: false).Length > 0)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (T)Activator.CreateInstance(t)!)
                .ToImmutableArray();
    }

    /// <summary>Metadata references of the generated code: the running .NET runtime, plus the real AWS SDK assemblies.</summary>
    internal static class References
    {
        public static ImmutableArray<MetadataReference> RuntimeOnly { get; } = RuntimeReferences.Create();

        public static ImmutableArray<MetadataReference> WithAwsSdk { get; } = RuntimeOnly.AddRange(
            new[] { "AWSSDK.Core.dll", "AWSSDK.DynamoDBv2.dll" }
                .Select(file => (MetadataReference)MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "refs", "net8.0", file))));
    }
}
