using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using DynamoGuard.Corpus;
using Microsoft.CodeAnalysis;

namespace DynamoGuard.Tests.Verification
{
    /// <summary>Which assemblies a test source compiles against; the AWS SDK's version is chosen by <see cref="AwsSdk"/>.</summary>
    public enum ReferenceSet
    {
        /// <summary>The running .NET runtime only: a project that does not use DynamoDB.</summary>
        RuntimeOnly,

        /// <summary>The runtime plus the real AWSSDK.Core / AWSSDK.DynamoDBv2 (v4: net8.0 build; v3: netstandard2.0).</summary>
        AwsSdk,

        /// <summary>The runtime plus the SDK's .NET Framework build (v4: net472; v3: net45), where the synchronous API
        /// (PutItem, Save...) is public.</summary>
        AwsSdkNet472,
    }

    /// <summary>Metadata references, created once per test run.</summary>
    public static class TestReferences
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> Runtime = new(RuntimeReferences.Create);

        private static readonly ConcurrentDictionary<(AwsSdk, ReferenceSet), ImmutableArray<MetadataReference>> Sdks = new();

        /// <summary>The references of a set; for the AWS SDK sets, those of SDK v4.0 (the default of code that names no SDK).</summary>
        public static ImmutableArray<MetadataReference> Get(ReferenceSet set) => Get(set, AwsSdk.V4_0);

        public static ImmutableArray<MetadataReference> Get(ReferenceSet set, AwsSdk sdk) => set switch
        {
            ReferenceSet.RuntimeOnly => Runtime.Value,
            ReferenceSet.AwsSdk or ReferenceSet.AwsSdkNet472 => Sdks.GetOrAdd((sdk, set), key => Runtime.Value.AddRange(SdkAssemblies(key.Item1, key.Item2))),
            _ => throw new ArgumentOutOfRangeException(nameof(set)),
        };

        /// <summary>Polly 8.9.1 and Polly.Core 8.9.1 (net8.0 builds): the retry library DDB203 recognises by symbol.</summary>
        public static MetadataReference[] Polly { get; } = new[] { "Polly.dll", "Polly.Core.dll" }
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "refs", "polly", file)))
            .ToArray();

        /// <summary>The folder under refs/ of an SDK build: the framework a consumer of that SDK compiles against.</summary>
        public static string Folder(AwsSdk sdk, ReferenceSet set)
        {
            var framework = (sdk, set) switch
            {
                (AwsSdk.V3, ReferenceSet.AwsSdkNet472) => "net45",
                (AwsSdk.V3, _) => "netstandard2.0",
                (_, ReferenceSet.AwsSdkNet472) => "net472",
                _ => "net8.0",
            };
            return Path.Combine(AppContext.BaseDirectory, "refs", sdk.Folder(), framework);
        }

        private static MetadataReference[] SdkAssemblies(AwsSdk sdk, ReferenceSet set)
        {
            var directory = Folder(sdk, set);
            return new[] { "AWSSDK.Core.dll", "AWSSDK.DynamoDBv2.dll" }
                .Select(file => (MetadataReference)MetadataReference.CreateFromFile(Path.Combine(directory, file)))
                .ToArray();
        }
    }
}
