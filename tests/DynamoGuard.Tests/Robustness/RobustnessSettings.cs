using System;
using System.Globalization;

namespace DynamoGuard.Tests.Robustness
{
    /// <summary>
    /// How much the mutation suite does. By default the fast CI run (<see cref="DefaultVariants"/> variants, analyzers
    /// only). The long mode of issue 13 is switched on by setting <c>DYNAMOGUARD_ROBUSTNESS_VARIANTS</c>:
    /// <code>
    /// DYNAMOGUARD_ROBUSTNESS_VARIANTS=10000 dotnet test tests/DynamoGuard.Tests -c Release --filter "FullyQualifiedName~AnalyzerCrashTests.EverySource_Mutated"
    /// </code>
    /// It then runs every analyzer on that many variants (spread over the sources as in the CI run, several per file when
    /// needed), each under a time limit (<c>DYNAMOGUARD_ROBUSTNESS_VARIANT_SECONDS</c>, default 60: a variant that takes
    /// longer counts as a hang), and on each variant with findings applies the first action of up to
    /// <c>DYNAMOGUARD_ROBUSTNESS_FIXES_PER_VARIANT</c> (default 2) diagnostics' code fixes and checks that the fixed code
    /// has no compiler error the variant did not have and makes no analyzer throw. <c>DYNAMOGUARD_ROBUSTNESS_SEED</c>
    /// changes the variants; the same seed and count give the same variants. The summary is written to
    /// <c>$TMPDIR/dynamoguard-robustness/summary-&lt;variants&gt;-&lt;seed&gt;.txt</c>, repros of failures next to it.
    /// </summary>
    public static class RobustnessSettings
    {
        public const int DefaultVariants = 1500;

        public const int DefaultSeed = 20250607;

        public static bool LongMode { get; } = Environment.GetEnvironmentVariable("DYNAMOGUARD_ROBUSTNESS_VARIANTS") is { Length: > 0 };

        public static int Variants { get; } = Read("DYNAMOGUARD_ROBUSTNESS_VARIANTS", DefaultVariants);

        public static int Seed { get; } = Read("DYNAMOGUARD_ROBUSTNESS_SEED", DefaultSeed);

        /// <summary>The hang limit per variant: generous by default, because CI machines can be very busy.</summary>
        public static TimeSpan VariantTimeLimit { get; } = TimeSpan.FromSeconds(Read("DYNAMOGUARD_ROBUSTNESS_VARIANT_SECONDS", LongMode ? 60 : 600));

        /// <summary>Code fixes checked per variant: none in the CI run (CodeFixRobustnessTests covers the fixes there).</summary>
        public static int FixesPerVariant { get; } = LongMode ? Read("DYNAMOGUARD_ROBUSTNESS_FIXES_PER_VARIANT", 2) : 0;

        private static int Read(string name, int fallback)
        {
            var text = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{name}={text} is not an integer.");
        }
    }
}
