using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB203 against the real Polly 8.9.1 (the classic <c>Policy</c> API and Polly.Core's <c>ResiliencePipeline</c>), as
    /// users write it, not the stubs of <see cref="RetriedAtomicUpdateAnalyzerTests"/>.
    /// </summary>
    public class RetriedAtomicUpdateWithPollyTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Polly;
using Polly.Retry;
";

        private const string Update = @"new UpdateItemRequest
            {
                TableName = ""Tracks"",
                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                UpdateExpression = ""ADD Plays :one"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
            }";

        private const string ConditionalUpdate = @"new UpdateItemRequest
            {
                TableName = ""Tracks"",
                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                UpdateExpression = ""SET Plays = :next"",
                ConditionExpression = ""Plays = :seen"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    ["":next""] = new AttributeValue { N = (seen + 1).ToString() },
                    ["":seen""] = new AttributeValue { N = seen.ToString() },
                },
            }";

        private static Task Analyze(string source)
        {
            TestSdks.Only(AwsSdk.V4, "Polly 8 is built for net8.0, as the v4 SDK consumers that use it");
            var test = new CSharpTest(new RetriedAtomicUpdateAnalyzer()) { TestCode = Usings + source, DiagnosticId = "DDB203" };
            test.ExtraReferences.AddRange(TestReferences.Polly);
            return test.RunAsync();
        }

        [Fact]
        public async Task ClassicAsyncRetryPolicy_Triggers()
        {
            await Analyze(@"
public sealed class PlayCounter
{
    private readonly IAmazonDynamoDB _client;
    private readonly AsyncRetryPolicy _retry = Policy.Handle<ProvisionedThroughputExceededException>().RetryAsync(3);

    public PlayCounter(IAmazonDynamoDB client) => _client = client;

    public Task CountAsync(string trackId)
        => _retry.ExecuteAsync(() => _client.[|UpdateItemAsync|](" + Update + @"));
}");
        }

        [Fact]
        public async Task ResiliencePipeline_Triggers_ButAConditionalUpdateDoesNot()
        {
            await Analyze(@"
public sealed class PlayCounter
{
    private readonly IAmazonDynamoDB _client;
    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();

    public PlayCounter(IAmazonDynamoDB client) => _client = client;

    public async Task CountAsync(string trackId, CancellationToken ct)
    {
        await _pipeline.ExecuteAsync(async token =>
        {
            await _client.[|UpdateItemAsync|](" + Update + @", token);
        }, ct);
    }

    public async Task SetAsync(string trackId, long seen, CancellationToken ct)
    {
        await _pipeline.ExecuteAsync(async token =>
        {
            await _client.UpdateItemAsync(" + ConditionalUpdate + @", token);
        }, ct);
    }
}");
        }

        [Fact]
        public async Task TimeoutOnlyPipeline_IsReported_AsDocumented()
        {
            // DynamoGuard recognises Polly's Execute by type, not by the strategies configured: a timeout-only pipeline is
            // reported too, as DDB203.md says (suppress it there).
            await Analyze(@"
public sealed class PlayCounter
{
    private readonly IAmazonDynamoDB _client;
    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(2)).Build();

    public PlayCounter(IAmazonDynamoDB client) => _client = client;

    public async Task CountAsync(string trackId)
    {
        await _pipeline.ExecuteAsync(async token => await _client.[|UpdateItemAsync|](" + Update + @", token));
    }
}");
        }
    }
}
