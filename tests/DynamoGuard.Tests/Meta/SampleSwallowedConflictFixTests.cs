using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Meta
{
    /// <summary>The DDB106 fixes applied to the sample app: exact result, compiling with the rest of the app, no DDB106 left.</summary>
    public class SampleSwallowedConflictFixTests
    {
        private const string File = "PlaylistReorderService.cs";

        private const string Catch = "catch (ConditionalCheckFailedException ex) // expect: DDB106";

        private const string Swallowed = @"            var playlist = await _context.LoadAsync<Playlist>(playlistId, cancellationToken)
                ?? throw new KeyNotFoundException($""Playlist '{playlistId}' does not exist."");
            playlist.TrackIds.Remove(trackId);
            playlist.TrackIds.Insert(0, trackId);
            try
            {
                await _context.SaveAsync(playlist, cancellationToken);
            }
            catch (ConditionalCheckFailedException ex) // expect: DDB106
            {
                Console.Error.WriteLine($""Playlist {playlistId} changed on another device: {ex.Message}"");
            }
";

        private static readonly string SampleDirectory = Path.Combine(Product.RepositoryRoot, "samples", "MusicLibrary");

        [Fact]
        public async Task MusicLibrary_RetryFix_WrapsMoveToTopInBoundedLoop()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBVersion(name)], DynamoDBContextBuilder, SaveConfig");
            await RunAsync(@"            const int maxAttempts = 3;
            for (var attempt = 1; ; attempt++)
            {
                var playlist = await _context.LoadAsync<Playlist>(playlistId, cancellationToken)
                    ?? throw new KeyNotFoundException($""Playlist '{playlistId}' does not exist."");
                playlist.TrackIds.Remove(trackId);
                playlist.TrackIds.Insert(0, trackId);
                try
                {
                    await _context.SaveAsync(playlist, cancellationToken);
                    break;
                }
                catch (ConditionalCheckFailedException ex) // expect: DDB106
                {
                    Console.Error.WriteLine($""Playlist {playlistId} changed on another device: {ex.Message}"");
                    if (attempt == maxAttempts)
                    {
                        throw;
                    }
                }
            }
", SwallowedConflictCodeFixProvider.RetryKey);
        }

        [Fact]
        public async Task MusicLibrary_RethrowFix_AddsThrowAfterTheLogLine()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBVersion(name)], DynamoDBContextBuilder, SaveConfig");
            await RunAsync(Swallowed.Replace(
                "changed on another device: {ex.Message}\");\n",
                "changed on another device: {ex.Message}\");\n                throw;\n",
                StringComparison.Ordinal), SwallowedConflictCodeFixProvider.RethrowKey);
        }

        private static async Task RunAsync(string fixedBlock, string key)
        {
            var source = Read(File);
            Assert.Contains(Swallowed, source, StringComparison.Ordinal);
            var test = new CSharpTest(new SwallowedConflictAnalyzer())
            {
                TestCode = source.Replace(Catch, "{|DDB106:catch (ConditionalCheckFailedException ex)|} // expect: DDB106", StringComparison.Ordinal),
                FixedCode = source.Replace(Swallowed, fixedBlock, StringComparison.Ordinal),
                CodeFix = new SwallowedConflictCodeFixProvider(),
                CodeActionEquivalenceKey = key,
            };
            foreach (var file in Directory.EnumerateFiles(SampleDirectory, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(SampleDirectory, f).Replace('\\', '/'))
                .Where(f => f != File && !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal))
            {
                test.AdditionalSources.Add((file, Read(file)));
            }

            await test.RunAsync();
        }

        private static string Read(string relativePath)
            => string.Join("\n", System.IO.File.ReadAllLines(Path.Combine(SampleDirectory, relativePath)));
    }
}
