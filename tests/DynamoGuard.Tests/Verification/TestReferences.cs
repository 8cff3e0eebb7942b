using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DynamoGuard.Tests.Verification
{
    /// <summary>Which assemblies a test source compiles against.</summary>
    public enum ReferenceSet
    {
        /// <summary>The running .NET runtime only: a project that does not use DynamoDB.</summary>
        RuntimeOnly,

        /// <summary>The runtime plus the real AWSSDK.Core / AWSSDK.DynamoDBv2 4.0.103.2 (net8.0 build).</summary>
        AwsSdk,

        /// <summary>The runtime plus the SDK's net472 build, where the synchronous API (PutItem, Save...) is public.</summary>
        AwsSdkNet472,
    }

    /// <summary>Metadata references, created once per test run.</summary>
    public static class TestReferences
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> Runtime = new(() =>
        {
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            return trusted
                .Where(path => string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        });

        private static readonly Lazy<ImmutableArray<MetadataReference>> Sdk = new(() => Runtime.Value.AddRange(SdkAssemblies("net8.0")));

        private static readonly Lazy<ImmutableArray<MetadataReference>> SdkNet472 = new(() => Runtime.Value.AddRange(SdkAssemblies("net472")));

        public static ImmutableArray<MetadataReference> Get(ReferenceSet set) => set switch
        {
            ReferenceSet.RuntimeOnly => Runtime.Value,
            ReferenceSet.AwsSdk => Sdk.Value,
            ReferenceSet.AwsSdkNet472 => SdkNet472.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(set)),
        };

        private static MetadataReference[] SdkAssemblies(string framework)
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "refs", framework);
            return new[] { "AWSSDK.Core.dll", "AWSSDK.DynamoDBv2.dll" }
                .Select(file => (MetadataReference)MetadataReference.CreateFromFile(Path.Combine(directory, file)))
                .ToArray();
        }
    }
}
