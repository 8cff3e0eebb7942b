using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MusicLibrary.Data
{
    /// <summary>
    /// The repository layer for the <c>PlaylistStats</c> table (key <c>playlist_id</c>): one method per request, as
    /// real code bases split them. The methods are fine on their own; <see cref="FollowService"/> combines them into a
    /// read-modify-write that loses follows (DDB201, found across the two methods).
    /// </summary>
    public sealed class PlaylistStatsRepository
    {
        private const string TableName = "PlaylistStats";

        private readonly IAmazonDynamoDB _client;

        public PlaylistStatsRepository(IAmazonDynamoDB client) => _client = client;

        public async Task<int> GetFollowerCountAsync(string playlistId, CancellationToken cancellationToken = default)
        {
            var response = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = TableName,
                Key = Key(playlistId),
                ConsistentRead = true,
            }, cancellationToken);
            return response.Item is { } item && item.TryGetValue("followers", out var followers)
                ? int.Parse(followers.N, CultureInfo.InvariantCulture)
                : 0;
        }

        public Task SetFollowerCountAsync(string playlistId, int followers, CancellationToken cancellationToken = default)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = Key(playlistId),
                UpdateExpression = "SET followers = :followers",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":followers"] = new AttributeValue { N = followers.ToString(CultureInfo.InvariantCulture) },
                },
            }, cancellationToken);

        /// <summary>Correct: the server adds the delta atomically; nothing is read back.</summary>
        public Task AddFollowersAsync(string playlistId, int delta, CancellationToken cancellationToken = default)
            => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = Key(playlistId),
                UpdateExpression = "ADD followers :delta",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":delta"] = new AttributeValue { N = delta.ToString(CultureInfo.InvariantCulture) },
                },
            }, cancellationToken);

        private static Dictionary<string, AttributeValue> Key(string playlistId)
            => new Dictionary<string, AttributeValue> { ["playlist_id"] = new AttributeValue { S = playlistId } };
    }
}
