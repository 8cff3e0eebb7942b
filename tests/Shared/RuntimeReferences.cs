using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DynamoGuard.Corpus
{
    /// <summary>
    /// Metadata references to the running .NET runtime's assemblies (its trusted platform assemblies that sit in the
    /// runtime's own folder), for compiling test and generated sources. Shared by the tests, the benchmark and the Roslyn
    /// hosts, each of which adds the AWS SDK assemblies it compiles against.
    /// </summary>
    internal static class RuntimeReferences
    {
        public static ImmutableArray<MetadataReference> Create()
        {
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            return trusted
                .Where(path => string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }
    }
}
