using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MusicLibrary.Data
{
    /// <summary>
    /// Reads of the <c>Tracks</c> table (key <c>Id</c>) for listings. The projections come from
    /// <see cref="TrackProjections"/>, another file: <see cref="GetListingAsync"/> uses one that names a reserved word
    /// (DDB402, found across files); <see cref="GetCreditsAsync"/> is correct.
    /// </summary>
    public sealed class TrackCatalogRepository
    {
        private const string TableName = "Tracks";

        private readonly IAmazonDynamoDB _client;

        public TrackCatalogRepository(IAmazonDynamoDB client) => _client = client;

        public async Task<Dictionary<string, AttributeValue>?> GetListingAsync(string trackId, CancellationToken cancellationToken = default)
        {
            var response = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = TableName,
                Key = Key(trackId),
                ProjectionExpression = TrackProjections.Listing, // expect: DDB402
            }, cancellationToken);
            return response.IsItemSet ? response.Item : null;
        }

        public async Task<Dictionary<string, AttributeValue>?> GetCreditsAsync(string trackId, CancellationToken cancellationToken = default)
        {
            var response = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = TableName,
                Key = Key(trackId),
                ProjectionExpression = TrackProjections.Credits,
            }, cancellationToken);
            return response.IsItemSet ? response.Item : null;
        }

        private static Dictionary<string, AttributeValue> Key(string trackId)
            => new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = trackId } };
    }
}
