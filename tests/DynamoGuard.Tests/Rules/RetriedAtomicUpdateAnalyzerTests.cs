using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>DDB203: an atomic numeric update inside an explicit retry (loop, Polly, hand-written helper).</summary>
    public class RetriedAtomicUpdateAnalyzerTests
    {
        internal const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
";

        /// <summary>
        /// The few Polly types the rule recognises, with Polly's namespaces and shapes (Polly 8: Policy / AsyncPolicy from
        /// the Polly package, ResiliencePipeline from Polly.Core). A stub: the test harness references only the BCL and the AWS SDK.
        /// </summary>
        internal const string PollyStub = @"using System;
using System.Threading;
using System.Threading.Tasks;

namespace Polly
{
    public interface ISyncPolicy { void Execute(Action action); }
    public interface IAsyncPolicy { Task ExecuteAsync(Func<Task> action); }
    public abstract class Policy : ISyncPolicy { public void Execute(Action action) => action(); }
    public abstract class AsyncPolicy : IAsyncPolicy { public Task ExecuteAsync(Func<Task> action) => action(); }
    public class ResiliencePipeline
    {
        public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> callback, CancellationToken cancellationToken = default) => callback(cancellationToken);
    }
}

namespace Polly.Retry
{
    public sealed class AsyncRetryPolicy : Polly.AsyncPolicy { }
}
";

        internal const string Message = "UpdateItemAsync increments 'Plays' inside a retry loop; when a response is lost and the call is sent again, the increment is applied twice";

        private static Task Analyze(string source, params DiagnosticResult[] expected)
        {
            var test = new CSharpTest(new RetriedAtomicUpdateAnalyzer()) { TestCode = Usings + source };
            test.AdditionalSources.Add(("Polly.cs", PollyStub));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        private static string Service(string body) => @"
public sealed class PlayCounter
{
    private readonly IAmazonDynamoDB _client;

    public PlayCounter(IAmazonDynamoDB client) => _client = client;
" + body + @"
}";

        // ---- Retry loops ----

        [Fact]
        public async Task UpdateItem_AddInForRetryLoop_Triggers()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(string trackId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.{|#0:UpdateItemAsync|}(new UpdateItemRequest
                {
                    TableName = ""Tracks"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    UpdateExpression = ""ADD Plays :one"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                });
                return;
            }
            catch (AmazonServiceException) when (attempt < 3)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }"), new DiagnosticResult("DDB203").WithLocation(0).WithMessage(Message).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info));
        }

        [Fact]
        public async Task UpdateItem_SetPlusInWhileTrueWithContinue_Triggers()
        {
            await Analyze(Service(@"
    public async Task AddCreditsAsync(string userId, int credits)
    {
        var attempts = 0;
        while (true)
        {
            try
            {
                await _client.{|DDB203:UpdateItemAsync|}(new UpdateItemRequest
                {
                    TableName = ""Users"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = userId } },
                    UpdateExpression = ""SET #c = if_not_exists(#c, :zero) + :d"",
                    ExpressionAttributeNames = new Dictionary<string, string> { [""#c""] = ""Credits"" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        ["":zero""] = new AttributeValue { N = ""0"" },
                        ["":d""] = new AttributeValue { N = credits.ToString() },
                    },
                });
                break;
            }
            catch (Exception)
            {
                if (++attempts == 5)
                {
                    throw;
                }

                continue;
            }
        }
    }"));
        }

        [Fact]
        public async Task UpdateItem_DoWhileWithSuccessFlag_Triggers()
        {
            await Analyze(Service(@"
    public void CountPlay(string trackId)
    {
        var done = false;
        var attempts = 0;
        do
        {
            try
            {
                var request = new UpdateItemRequest
                {
                    TableName = ""Tracks"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    UpdateExpression = ""SET Plays = Plays + :one"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                };
                _client.{|DDB203:UpdateItemAsync|}(request).GetAwaiter().GetResult();
                done = true;
            }
            catch (TimeoutException)
            {
                attempts++;
            }
        }
        while (!done && attempts < 3);
    }"));
        }

        [Fact]
        public async Task UpdateItem_LegacyAttributeUpdatesAdd_Triggers()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(string trackId)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _client.{|DDB203:UpdateItemAsync|}(""Tracks"",
                    new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    new Dictionary<string, AttributeValueUpdate>
                    {
                        [""Plays""] = new AttributeValueUpdate { Action = AttributeAction.ADD, Value = new AttributeValue { N = ""1"" } },
                    });
                break;
            }
            catch (AmazonDynamoDBException)
            {
            }
        }
    }"));
        }

        [Fact]
        public async Task TransactWriteItems_AtomicUpdateWithoutToken_Triggers()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(string trackId)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _client.{|DDB203:TransactWriteItemsAsync|}(new TransactWriteItemsRequest
                {
                    TransactItems = new List<TransactWriteItem>
                    {
                        new TransactWriteItem
                        {
                            Update = new Update
                            {
                                TableName = ""Tracks"",
                                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                                UpdateExpression = ""ADD Plays :one"",
                                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                            },
                        },
                    },
                });
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }"));
        }

        [Fact]
        public async Task TransactWriteItems_NewTokenOnEveryAttempt_Triggers()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(string trackId)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                var token = Guid.NewGuid().ToString();
                await _client.{|DDB203:TransactWriteItemsAsync|}(new TransactWriteItemsRequest
                {
                    ClientRequestToken = token,
                    TransactItems = new List<TransactWriteItem>
                    {
                        new TransactWriteItem
                        {
                            Update = new Update
                            {
                                TableName = ""Tracks"",
                                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                                UpdateExpression = ""ADD Plays :one"",
                                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                            },
                        },
                    },
                });
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }"));
        }

        [Fact]
        public async Task DocumentModelUpdateItem_AddExpressionInRetryLoop_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "UpdateItemDocumentOperationRequest");
            await Analyze(Service(@"
    public async Task CountPlayAsync(Amazon.DynamoDBv2.DocumentModel.Table table, string trackId)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await table.{|DDB203:UpdateItemAsync|}(new Amazon.DynamoDBv2.DocumentModel.UpdateItemDocumentOperationRequest
                {
                    Key = new Dictionary<string, Amazon.DynamoDBv2.DocumentModel.DynamoDBEntry> { [""Id""] = trackId },
                    UpdateExpression = new Amazon.DynamoDBv2.DocumentModel.Expression
                    {
                        ExpressionStatement = ""ADD #p :one"",
                        ExpressionAttributeNames = new Dictionary<string, string> { [""#p""] = ""Plays"" },
                        ExpressionAttributeValues = new Dictionary<string, Amazon.DynamoDBv2.DocumentModel.DynamoDBEntry> { ["":one""] = 1 },
                    },
                });
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }"));
        }

        [Fact]
        public async Task SaveAsync_AtomicCounterInRetryLoop_Triggers()
        {
            TestSdks.Only(AwsSdk.V4, "[DynamoDBAtomicCounter]");
            await Analyze(Service(@"
    public async Task SaveAsync(IDynamoDBContext context, PageStats stats)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await context.{|DDB203:SaveAsync|}(stats);
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }") + @"

[DynamoDBTable(""PageStats"")]
public class PageStats
{
    [DynamoDBHashKey] public string Page { get; set; } = """";
    [DynamoDBAtomicCounter] public long Views { get; set; }
}");
        }

        // ---- Retry policies and helpers ----

        [Fact]
        public async Task UpdateItem_InPollyAsyncPolicyExecuteAsync_Triggers()
        {
            await Analyze(Service(@"
    public Task CountPlayAsync(Polly.Retry.AsyncRetryPolicy retry, string trackId)
        => retry.ExecuteAsync(() => _client.{|#0:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Tracks"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
            UpdateExpression = ""ADD Plays :one"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
        }));"), new DiagnosticResult("DDB203").WithLocation(0).WithMessage("UpdateItemAsync increments 'Plays' inside the retry policy's ExecuteAsync; when a response is lost and the call is sent again, the increment is applied twice"));
        }

        [Fact]
        public async Task UpdateItem_InResiliencePipelineExecuteAsync_Triggers()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(Polly.ResiliencePipeline pipeline, string trackId)
    {
        await pipeline.ExecuteAsync(async token =>
        {
            await _client.{|DDB203:UpdateItemAsync|}(new UpdateItemRequest
            {
                TableName = ""Tracks"",
                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                UpdateExpression = ""ADD Plays :one"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
            }, token);
        });
    }"));
        }

        [Fact]
        public async Task UpdateItem_InRetryHelperOfAnotherFile_Triggers()
        {
            var test = new CSharpTest(new RetriedAtomicUpdateAnalyzer())
            {
                TestCode = Usings + Service(@"
    public async Task CountPlayAsync(string trackId)
    {
        await Retry.RunAsync(() => _client.{|#0:UpdateItemAsync|}(new UpdateItemRequest
        {
            TableName = ""Tracks"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
            UpdateExpression = ""ADD Plays :one"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
        }));
    }"),
            };
            test.AdditionalSources.Add(("Infrastructure/Retry.cs", @"using System;
using System.Threading.Tasks;

public static class Retry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> operation, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (Exception) when (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }
}
"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB203").WithLocation(0).WithMessage("UpdateItemAsync increments 'Plays' inside the retry helper 'RunAsync'; when a response is lost and the call is sent again, the increment is applied twice"));
            await test.RunAsync();
        }

        // ---- Look-alikes that are not retried atomic updates ----

        [Fact]
        public async Task UpdateItem_AddOutsideAnyRetry_DoesNotTrigger()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(string trackId)
    {
        try
        {
            await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = ""Tracks"",
                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                UpdateExpression = ""ADD Plays :one"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
            });
        }
        catch (AmazonServiceException)
        {
        }
    }"));
        }

        [Fact]
        public async Task UpdateItem_ConditionalOnExpectedValueInRetryLoop_DoesNotTrigger()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(string trackId, long expected)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = ""Tracks"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    UpdateExpression = ""SET #n = #n + :one"",
                    ConditionExpression = ""#n = :expected"",
                    ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""Plays"" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        ["":one""] = new AttributeValue { N = ""1"" },
                        ["":expected""] = new AttributeValue { N = expected.ToString() },
                    },
                });
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }"));
        }

        [Fact]
        public async Task UpdateItem_LoopWalkingItemsWithoutRetryingCatch_DoesNotTrigger()
        {
            await Analyze(Service(@"
    public async Task CountPlaysAsync(IReadOnlyList<string> trackIds)
    {
        for (var i = 0; i < trackIds.Count; i++)
        {
            try
            {
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = ""Tracks"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackIds[i] } },
                    UpdateExpression = ""ADD Plays :one"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                });
            }
            catch (AmazonServiceException exception)
            {
                Console.WriteLine(""Track "" + trackIds[i] + "" not counted: "" + exception.Message);
            }
        }

        foreach (var id in trackIds)
        {
            await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = ""Tracks"",
                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = id } },
                UpdateExpression = ""ADD Plays :one"",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
            });
        }
    }"));
        }

        [Fact]
        public async Task UpdateItem_CatchThatGivesUp_DoesNotTrigger()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(string trackId)
    {
        while (true)
        {
            try
            {
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = ""Tracks"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    UpdateExpression = ""ADD Plays :one"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                });
                break;
            }
            catch (AmazonServiceException)
            {
                throw;
            }
        }
    }"));
        }

        [Fact]
        public async Task TransactWriteItems_WithClientRequestToken_DoesNotTrigger()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(string trackId)
    {
        var token = Guid.NewGuid().ToString();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    ClientRequestToken = token,
                    TransactItems = new List<TransactWriteItem>
                    {
                        new TransactWriteItem
                        {
                            Update = new Update
                            {
                                TableName = ""Tracks"",
                                Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                                UpdateExpression = ""ADD Plays :one"",
                                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
                            },
                        },
                    },
                });
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }"));
        }

        [Fact]
        public async Task UpdateItem_SetPlainValueInRetryLoop_DoesNotTrigger()
        {
            await Analyze(Service(@"
    public async Task RenameAsync(string trackId, string title)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = ""Tracks"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    UpdateExpression = ""SET Title = :t"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":t""] = new AttributeValue { S = title } },
                });
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }"));
        }

        [Fact]
        public async Task UpdateItem_AddToStringSetInRetryLoop_DoesNotTrigger()
        {
            await Analyze(Service(@"
    public async Task TagAsync(string trackId, string tag)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = ""Tracks"",
                    Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
                    UpdateExpression = ""ADD Tags :tag"",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":tag""] = new AttributeValue { SS = new List<string> { tag } } },
                });
                return;
            }
            catch (AmazonServiceException)
            {
            }
        }
    }"));
        }

        [Fact]
        public async Task UpdateItem_LambdaPassedToHelperThatDoesNotRetry_DoesNotTrigger()
        {
            await Analyze(Service(@"
    public async Task CountPlayAsync(string trackId)
    {
        await Timed(() => _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Tracks"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = trackId } },
            UpdateExpression = ""ADD Plays :one"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":one""] = new AttributeValue { N = ""1"" } },
        }));
    }

    private static async Task<T> Timed<T>(Func<Task<T>> operation)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            return await operation();
        }
        finally
        {
            Console.WriteLine(watch.Elapsed);
        }
    }"));
        }
    }
}
