using System;
using System.IO;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Meta
{
    /// <summary>
    /// The sample's track importer is the demo of DDB301 and DDB304: applying the two fixes, one after the other, to the
    /// real file must give compiling code with neither diagnostic left.
    /// </summary>
    public class SampleAppFixTests
    {
        private const string OriginalCall = """
                        // DDB301 (at the caller): one request for the whole, unbounded list. DDB304: the response is discarded.
                        await _client.BatchWriteItemAsync(new BatchWriteItemRequest // expect: DDB304
                        {
                            RequestItems = new Dictionary<string, List<WriteRequest>>
                            {
                                [TracksTable] = writeRequests,
                            },
                        }, cancellationToken);
            """;

        private const string AfterSplit = """
                        // DDB301 (at the caller): one request for the whole, unbounded list. DDB304: the response is discarded.
                        foreach (var chunk in writeRequests.Chunk(25))
                        {
                            await _client.{|DDB304:BatchWriteItemAsync|}(new BatchWriteItemRequest // expect: DDB304
                            {
                                RequestItems = new Dictionary<string, List<WriteRequest>>
                                {
                                    [TracksTable] = chunk.ToList(),
                                },
                            }, cancellationToken);
                        }
            """;

        private const string AfterRetry = """
                        // DDB301 (at the caller): one request for the whole, unbounded list. DDB304: the response is discarded.
                        foreach (var chunk in writeRequests.Chunk(25))
                        {
                            var request = new BatchWriteItemRequest // expect: DDB304
                            {
                                RequestItems = new Dictionary<string, List<WriteRequest>>
                                {
                                    [TracksTable] = chunk.ToList(),
                                },
                            };
                            var response = await _client.BatchWriteItemAsync(request, cancellationToken);
                            for (var attempt = 1; response.UnprocessedItems is { Count: > 0 }; attempt++)
                            {
                                if (attempt == 5)
                                {
                                    throw new InvalidOperationException("BatchWriteItem left items unprocessed after 5 attempts.");
                                }

                                await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken);
                                request.RequestItems = response.UnprocessedItems;
                                response = await _client.BatchWriteItemAsync(request, cancellationToken);
                            }
                        }
            """;

        [Fact]
        public async Task TrackImporter_SplitThenRetryFixes_LeaveCompilingCodeWithNeitherDiagnostic()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBVersion(name)]");
            var directory = Path.Combine(Product.RepositoryRoot, "samples", "MusicLibrary");
            var importer = File.ReadAllText(Path.Combine(directory, "TrackImporter.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.Contains(OriginalCall, importer, StringComparison.Ordinal);

            var marked = importer.Replace(
                OriginalCall,
                OriginalCall.Replace("_client.BatchWriteItemAsync(", "_client.{|DDB301:{|DDB304:BatchWriteItemAsync|}|}(", StringComparison.Ordinal),
                StringComparison.Ordinal);
            var split = importer.Replace(OriginalCall, AfterSplit, StringComparison.Ordinal);
            var retried = importer.Replace(OriginalCall, AfterRetry, StringComparison.Ordinal);

            var first = Test(marked, split, new SplitBatchCodeFixProvider(), SplitBatchCodeFixProvider.BatchWriteEquivalenceKey, directory);
            await first.RunAsync();

            var second = Test(split, retried, new RetryUnprocessedItemsCodeFixProvider(), RetryUnprocessedItemsCodeFixProvider.EquivalenceKey, directory);
            await second.RunAsync();
        }

        private const string AfterRetryOnly = """
                        // DDB301 (at the caller): one request for the whole, unbounded list. DDB304: the response is discarded.
                        var request = new BatchWriteItemRequest // expect: DDB304
                        {
                            RequestItems = new Dictionary<string, List<WriteRequest>>
                            {
                                [TracksTable] = writeRequests,
                            },
                        };
                        var response = await _client.{|DDB301:BatchWriteItemAsync|}(request, cancellationToken);
                        for (var attempt = 1; response.UnprocessedItems is { Count: > 0 }; attempt++)
                        {
                            if (attempt == 5)
                            {
                                throw new InvalidOperationException("BatchWriteItem left items unprocessed after 5 attempts.");
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken);
                            request.RequestItems = response.UnprocessedItems;
                            response = await _client.BatchWriteItemAsync(request, cancellationToken);
                        }
            """;

        [Fact]
        public async Task TrackImporter_RetryThenSplitFixes_LeaveCompilingCodeWithNeitherDiagnostic()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBVersion(name)]");
            // The other order: the retry loop must not hide the batch limit, and the split must take the loop along.
            var directory = Path.Combine(Product.RepositoryRoot, "samples", "MusicLibrary");
            var importer = File.ReadAllText(Path.Combine(directory, "TrackImporter.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);
            var marked = importer.Replace(
                OriginalCall,
                OriginalCall.Replace("_client.BatchWriteItemAsync(", "_client.{|DDB301:{|DDB304:BatchWriteItemAsync|}|}(", StringComparison.Ordinal),
                StringComparison.Ordinal);
            var retried = importer.Replace(OriginalCall, AfterRetryOnly, StringComparison.Ordinal);
            await Test(marked, retried, new RetryUnprocessedItemsCodeFixProvider(), RetryUnprocessedItemsCodeFixProvider.EquivalenceKey, directory).RunAsync();

            var split = importer.Replace(OriginalCall, AfterRetry, StringComparison.Ordinal);
            await Test(retried, split, new SplitBatchCodeFixProvider(), SplitBatchCodeFixProvider.BatchWriteEquivalenceKey, directory).RunAsync();
        }

        private static CSharpTest Test(string source, string fixedSource, Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider fix, string key, string directory)
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer(), new UnprocessedItemsAnalyzer())
            {
                TestCode = source,
                FixedCode = fixedSource,
                CodeFix = fix,
                CodeActionEquivalenceKey = key,
            };
            foreach (var model in new[] { "Track.cs", "Playlist.cs" })
            {
                test.AdditionalSources.Add(("Models/" + model, File.ReadAllText(Path.Combine(directory, "Models", model))));
            }

            return test;
        }
    }
}
