using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace MusicLibrary
{
    /// <summary>
    /// Counts plays of tracks with an atomic <c>ADD</c> on the <c>Tracks</c> table (attribute <c>play_count</c>).
    /// </summary>
    public sealed class PlayCountService
    {
        private const string TracksTable = "Tracks";
        private const int MaxAttempts = 3;

        private readonly IAmazonDynamoDB _client;

        public PlayCountService(IAmazonDynamoDB client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
        }

        /// <summary>Adds one play to a track, retrying transient failures.</summary>
        /// <remarks>
        /// INTENTIONAL FINDING (DynamoGuard DDB203, Info): the ADD is not idempotent. When DynamoDB applies a request but
        /// the response times out, the retry adds the play a second time. For play counts that is acceptable; the
        /// fix (a transaction with a ClientRequestToken made before the loop) is what money or stock would need.
        /// </remarks>
        public async Task RecordPlayAsync(string trackId, CancellationToken cancellationToken = default)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _client.UpdateItemAsync(new UpdateItemRequest // expect: DDB203
                    {
                        TableName = TracksTable,
                        Key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = trackId } },
                        UpdateExpression = "ADD play_count :one",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = new AttributeValue { N = "1" } },
                    }, cancellationToken);
                    return;
                }
                catch (AmazonServiceException) when (attempt < MaxAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
                }
            }
        }
    }
}
