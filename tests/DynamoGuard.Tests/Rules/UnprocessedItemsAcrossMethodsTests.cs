using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB304 through wrappers and local functions, and what counts as handling: a read that can change what the code
    /// does, not one that only ends up in a string or a log call. The retry policy and the logger live in their own file.
    /// </summary>
    public class UnprocessedItemsAcrossMethodsTests
    {
        private const string Prelude = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            """;

        private const string Infrastructure = Prelude + """
            public sealed class RetryPolicy
            {
                public async Task<T> ExecuteAsync<T>(Func<Task<T>> action)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await action();
                        }
                        catch (AmazonDynamoDBException) when (attempt < 3)
                        {
                            await Task.Delay(100 * attempt);
                        }
                    }
                }

                public async Task<Outcome<T>> CaptureAsync<T>(Func<Task<T>> action) => new Outcome<T>(await action());

                public async Task<BatchWriteItemResponse> SendUntilDoneAsync(Func<Task<BatchWriteItemResponse>> send)
                {
                    var response = await send();
                    while (response.UnprocessedItems is { Count: > 0 })
                    {
                        response = await send();
                    }

                    return response;
                }
            }

            public sealed class Outcome<T>
            {
                public Outcome(T result) => Result = result;

                public T Result { get; }
            }

            public interface ILog
            {
                void Information(string template, params object[] values);

                void Warning(string template, params object[] values);
            }

            public static class Resubmitter
            {
                public static Task ResubmitAsync(IAmazonDynamoDB client, Dictionary<string, List<WriteRequest>> items) => Task.CompletedTask;
            }
            """;

        private const string MessageEnd = "writes that DynamoDB did not process (throttling) are silently lost";

        private static CSharpTest Project(string source)
        {
            var test = new CSharpTest(new UnprocessedItemsAnalyzer()) { TestCode = Prelude + source };
            test.AdditionalSources.Add(("Infrastructure/Resilience.cs", Infrastructure));
            return test;
        }

        // ---- through a wrapper: reported ----

        [Fact]
        public async Task Wrapper_ResultOnlyLogged_Triggers()
        {
            var test = Project("""
                class Importer
                {
                    private readonly RetryPolicy _policy = new RetryPolicy();

                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request, ILog log)
                    {
                        var response = await _policy.ExecuteAsync(() => client.{|#0:BatchWriteItemAsync|}(request));
                        log.Information($"Batch done, {response.UnprocessedItems.Count} tables with unprocessed items");
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB304").WithLocation(0).WithMessage(
                "The response of BatchWriteItemAsync is returned through ExecuteAsync and stored in 'response', but its UnprocessedItems are only logged or formatted, which neither re-sends nor reports them: " + MessageEnd));
            await test.RunAsync();
        }

        [Fact]
        public async Task Wrapper_ResultDiscarded_Triggers()
        {
            var test = Project("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request, RetryPolicy policy)
                    {
                        await policy.ExecuteAsync(async () => await client.{|#0:BatchWriteItemAsync|}(request));
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB304").WithLocation(0).WithMessage(
                "The response of BatchWriteItemAsync is returned through ExecuteAsync and discarded, but its UnprocessedItems are never read: " + MessageEnd));
            await test.RunAsync();
        }

        [Fact]
        public async Task Wrapper_BlockLambdaResultReadOnlyForCapacity_Triggers()
        {
            await Project("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchGetItemRequest request, RetryPolicy policy)
                    {
                        var response = await policy.ExecuteAsync(async () =>
                        {
                            return await client.[|BatchGetItemAsync|](request);
                        });
                        Console.WriteLine(response.ConsumedCapacity);
                    }
                }
                """).RunAsync();
        }

        [Fact]
        public async Task LocalFunction_ResultNeverRead_Triggers()
        {
            var test = Project("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request)
                    {
                        var response = await SendAsync();
                        Console.WriteLine(response.ConsumedCapacity);

                        Task<BatchWriteItemResponse> SendAsync() => client.{|#0:BatchWriteItemAsync|}(request);
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB304").WithLocation(0).WithMessage(
                "The response of BatchWriteItemAsync is returned through SendAsync and stored in 'response', but its UnprocessedItems are never read: " + MessageEnd));
            await test.RunAsync();
        }

        // ---- a read that only formats or logs: reported ----

        [Theory]
        [InlineData("Console.WriteLine($\"Unprocessed: {response.UnprocessedItems?.Sum(t => t.Value.Count) ?? 0}\");")]
        [InlineData("log.Warning(\"{Count} tables with unprocessed items\", response.UnprocessedItems.Count);")]
        [InlineData("var message = \"Unprocessed: \" + response.UnprocessedItems.Count; log.Information(message);")]
        [InlineData("Console.WriteLine(string.Join(\", \", response.UnprocessedItems.Keys));")]
        public async Task UnprocessedItemsOnlyLogged_Triggers(string logging)
        {
            await Project($$"""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request, ILog log)
                    {
                        var response = await client.[|BatchWriteItemAsync|](request);
                        {{logging}}
                    }
                }
                """).RunAsync();
        }

        // ---- handled, or not followed: not reported ----

        [Theory]
        [InlineData("""
            var response = await policy.ExecuteAsync(() => client.BatchWriteItemAsync(request));
            while (response.UnprocessedItems is { Count: > 0 })
            {
                log.Information($"Retrying {response.UnprocessedItems.Count} tables");
                request.RequestItems = response.UnprocessedItems;
                response = await policy.ExecuteAsync(() => client.BatchWriteItemAsync(request));
            }
            """)]
        [InlineData("""
            var response = await policy.ExecuteAsync(() => client.BatchWriteItemAsync(request));
            if (response.UnprocessedItems.Count > 0) throw new InvalidOperationException($"{response.UnprocessedItems.Count} left");
            """)]
        [InlineData("""
            var response = await policy.ExecuteAsync(() => client.BatchWriteItemAsync(request));
            await Resubmitter.ResubmitAsync(client, response.UnprocessedItems);
            """)]
        [InlineData("""
            var response = await policy.ExecuteAsync(() => client.BatchWriteItemAsync(request));
            _pending = response.UnprocessedItems;
            """)]
        [InlineData("""
            var outcome = await policy.CaptureAsync(() => client.BatchWriteItemAsync(request));
            """)]
        [InlineData("""
            await policy.SendUntilDoneAsync(() => client.BatchWriteItemAsync(request));
            """)]
        [InlineData("""
            Func<Task<BatchWriteItemResponse>> send = () => client.BatchWriteItemAsync(request);
            await policy.ExecuteAsync(send);
            """)]
        [InlineData("""
            var response = await SendAsync();
            if (response.UnprocessedItems is { Count: > 0 }) throw new InvalidOperationException();
            async Task<BatchWriteItemResponse> SendAsync() => await client.BatchWriteItemAsync(request);
            """)]
        [InlineData("""
            await Task.WhenAll(Enumerable.Range(0, 2).Select(SendAsync));
            Task<BatchWriteItemResponse> SendAsync(int i) => client.BatchWriteItemAsync(request);
            """)]
        public async Task Wrapper_UnprocessedItemsHandledOrNotFollowed_DoesNotTrigger(string body)
        {
            await Project($$"""
                class Importer
                {
                    private Dictionary<string, List<WriteRequest>>? _pending;

                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request, RetryPolicy policy, ILog log)
                    {
                        {{body}}
                    }
                }
                """).RunAsync();
        }

        [Fact]
        public async Task Wrapper_ResultReturnedToTheCaller_DoesNotTrigger()
        {
            await Project("""
                class Importer
                {
                    Task<BatchWriteItemResponse> Import(IAmazonDynamoDB client, BatchWriteItemRequest request, RetryPolicy policy)
                        => policy.ExecuteAsync(() => client.BatchWriteItemAsync(request));
                }
                """).RunAsync();
        }

        [Fact]
        public async Task BrokenWrapper_DoesNotCrash()
        {
            var test = Project("""
                class Importer
                {
                    async Task Import(IAmazonDynamoDB client, BatchWriteItemRequest request, RetryPolicy policy)
                    {
                        var response = await policy.ExecuteAsync(() => client.BatchWriteItemAsync(request), );
                        var other = await policy.Missing(() => client.BatchWriteItemAsync(request));
                        Console.WriteLine($"{response.UnprocessedItems.}");
                        var r = await Send(;
                        Task<BatchWriteItemResponse> Send() => client.BatchWriteItemAsync(
                    }
                }
                """);
            test.AllowAnyCompilerErrors = true;
            test.CheckSuppressions = false;
            await test.GetDiagnosticsAsync();
        }
    }
}
