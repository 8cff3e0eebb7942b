using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace DynamoGuard.Tests.Verification
{
    /// <summary>
    /// The AWS SDK builds of the test matrix. A test runs on every SDK whose API it uses (as xunit.analyzers runs each
    /// test on xunit v2 and v3): <see cref="All"/> by default; a test whose source needs an API one SDK lacks says so
    /// (<c>Sdks = AwsSdk.V4</c>), and one that checks a v3-only shape says <c>Sdks = AwsSdk.V3</c>.
    /// </summary>
    [Flags]
    public enum AwsSdk
    {
        /// <summary>SDK v3: AWSSDK.DynamoDBv2 3.3.105.15 with AWSSDK.Core 3.7.202.18 (the only v3 build the feed serves).
        /// <c>DynamoDBOperationConfig</c> for saves, deletes and batches; no <c>SaveConfig</c>, <c>DynamoDBContextBuilder</c>,
        /// <c>ITable</c>, <c>[DynamoDBAtomicCounter]</c>, object-model transactions or PartiQL.</summary>
        V3 = 1,

        /// <summary>AWSSDK.DynamoDBv2 4.0.103.2 with AWSSDK.Core 4.0.101: the SDK v4 build the package was first tested on.</summary>
        V4_0 = 2,

        /// <summary>AWSSDK.DynamoDBv2 4.1.0 with AWSSDK.Core 4.1.0: the newest v4 build that restores.</summary>
        V4_1 = 4,

        /// <summary>Both SDK v4 builds.</summary>
        V4 = V4_0 | V4_1,

        /// <summary>Every SDK of the matrix.</summary>
        All = V3 | V4,
    }

    /// <summary>
    /// The SDKs the running test can run on. A test whose source uses an API that some SDK lacks says so in its first
    /// statement, with the reason: <c>TestSdks.Only(AwsSdk.V4, "SaveConfig");</c>. The setting is an AsyncLocal set
    /// inside the (async) test method, so it holds for every verification that test runs and for no other test.
    /// </summary>
    public static class TestSdks
    {
        private static readonly AsyncLocal<AwsSdk?> Ambient = new();

        public static AwsSdk Current => Ambient.Value ?? AwsSdk.All;

        public static void Only(AwsSdk sdks, string reason)
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new ArgumentException("Say which API the other SDKs lack.", nameof(reason));
            }

            Ambient.Value = sdks;
        }
    }

    public static class AwsSdks
    {
        public static readonly AwsSdk[] Each = { AwsSdk.V3, AwsSdk.V4_0, AwsSdk.V4_1 };

        public static string DisplayName(this AwsSdk sdk) => sdk switch
        {
            AwsSdk.V3 => "AWSSDK.DynamoDBv2 3.3.105.15 (SDK v3)",
            AwsSdk.V4_0 => "AWSSDK.DynamoDBv2 4.0.103.2",
            AwsSdk.V4_1 => "AWSSDK.DynamoDBv2 4.1.0",
            _ => sdk.ToString(),
        };

        /// <summary>The folder under refs/ that holds this SDK's assemblies.</summary>
        internal static string Folder(this AwsSdk sdk) => sdk switch
        {
            AwsSdk.V3 => "v3",
            AwsSdk.V4_0 => "v4.0",
            AwsSdk.V4_1 => "v4.1",
            _ => throw new ArgumentOutOfRangeException(nameof(sdk), sdk, "one SDK, not a set"),
        };

        /// <summary>The preprocessor symbol a test source can test for SDK-specific shapes (<c>#if AWSSDK_V3</c>).</summary>
        internal static string PreprocessorSymbol(this AwsSdk sdk) => sdk == AwsSdk.V3 ? "AWSSDK_V3" : "AWSSDK_V4";

        public static IEnumerable<AwsSdk> Members(this AwsSdk set) => Each.Where(sdk => (set & sdk) != 0);
    }

    /// <summary>
    /// Counts the verifications run on each SDK and writes them to <c>sdk-matrix.txt</c> beside the test assembly when
    /// the test host exits, so a run shows how many tests each cell of the matrix ran (CI prints the file).
    /// </summary>
    internal static class SdkMatrixLog
    {
        private static readonly ConcurrentDictionary<string, int> Counts = new(StringComparer.Ordinal);

        static SdkMatrixLog() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Write();

        public static void Record(string cell) => Counts.AddOrUpdate(cell, 1, (_, n) => n + 1);

        private static void Write()
        {
            try
            {
                var builder = new StringBuilder("verifications per SDK (one test source compiled, analyzed and, with a fix, fixed):\n");
                foreach (var pair in Counts.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append("  ").Append(pair.Key).Append(": ").Append(pair.Value).Append('\n');
                }

                File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "sdk-matrix.txt"), builder.ToString());
            }
            catch (IOException)
            {
                // Best effort: the counts are a report, not a test result.
            }
        }
    }
}
