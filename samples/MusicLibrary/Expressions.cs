using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MusicLibrary
{
    /// <summary>
    /// EXPRESSIONS DEMO (DDB401–DDB405). Track queries and updates written with the low-level client, each with one
    /// deliberate expression mistake that DynamoDB would reject at run time with a ValidationException. The comment on
    /// each method shows the corrected form. Nothing in the app calls these methods.
    /// Table <c>Tracks</c>: partition key <c>Id</c>; attributes <c>Title</c>, <c>Artist</c>, <c>Album</c>, <c>Plays</c>,
    /// <c>Info</c> (a map with <c>Rating</c>) and <c>Year</c> (a reserved word).
    /// </summary>
    public sealed class TrackExpressionExamples
    {
        private const string TableName = "Tracks";

        private readonly IAmazonDynamoDB _client;

        public TrackExpressionExamples(IAmazonDynamoDB client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
        }

        /// <summary>
        /// INTENTIONAL BUG (DDB401): <c>:album</c> is left over from an earlier filter; DynamoDB rejects the request
        /// ("Value provided in ExpressionAttributeValues unused in expressions"). Fix: remove the entry.
        /// </summary>
        public Task<GetItemResponse> GetTitleAsync(string trackId, CancellationToken cancellationToken = default)
        {
            return _client.GetItemAsync(new GetItemRequest
            {
                TableName = TableName,
                Key = KeyFor(trackId),
                ProjectionExpression = "Title, Artist",
                ExpressionAttributeNames = new Dictionary<string, string>
                {
                    ["#album"] = "Album", // expect: DDB401
                },
            }, cancellationToken);
        }

        /// <summary>
        /// INTENTIONAL BUG (DDB402): <c>Year</c> is a DynamoDB reserved word ("Attribute name is a reserved keyword").
        /// Fix: <c>#Year</c> with <c>ExpressionAttributeNames = { ["#Year"] = "Year" }</c>.
        /// </summary>
        public Task<ScanResponse> FindReleasedBeforeAsync(int year, CancellationToken cancellationToken = default)
        {
            return _client.ScanAsync(new ScanRequest
            {
                TableName = TableName,
                FilterExpression = "Year < :year", // expect: DDB402
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":year"] = new AttributeValue { N = year.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
            }, cancellationToken);
        }

        /// <summary>
        /// INTENTIONAL BUG (DDB403): the closing parenthesis of <c>begins_with(</c> is missing ("Syntax error; token:
        /// &lt;EOF&gt;"). Fix: <c>begins_with(Title, :prefix)</c>.
        /// </summary>
        public Task<ScanResponse> FindByTitlePrefixAsync(string prefix, CancellationToken cancellationToken = default)
        {
            return _client.ScanAsync(new ScanRequest
            {
                TableName = TableName,
                FilterExpression = "begins_with(Title, :prefix", // expect: DDB403
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":prefix"] = new AttributeValue { S = prefix },
                },
            }, cancellationToken);
        }

        /// <summary>
        /// INTENTIONAL BUG (DDB404): <c>Info.Rating</c> lies inside <c>Info</c>, which the same update replaces ("Two
        /// document paths overlap with each other"). Fix: put the rating into <c>:info</c> and drop the first action.
        /// </summary>
        public Task<UpdateItemResponse> ReplaceInfoAsync(string trackId, Dictionary<string, AttributeValue> info, int rating, CancellationToken cancellationToken = default)
        {
            return _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = KeyFor(trackId),
                UpdateExpression = "SET Info.Rating = :rating, Info = :info", // expect: DDB404
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":rating"] = new AttributeValue { N = rating.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    [":info"] = new AttributeValue { M = info },
                },
            }, cancellationToken);
        }

        /// <summary>
        /// INTENTIONAL BUG (DDB405): the legacy <c>AttributeUpdates</c> cannot be combined with an
        /// <c>UpdateExpression</c> ("Can not use both expression and non-expression parameters in the same request").
        /// Fix: <c>UpdateExpression = "SET Title = :title ADD Plays :one"</c>.
        /// </summary>
        public Task<UpdateItemResponse> RenameAndCountPlayAsync(string trackId, string title, CancellationToken cancellationToken = default)
        {
            return _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = KeyFor(trackId),
                UpdateExpression = "SET Title = :title",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":title"] = new AttributeValue { S = title },
                },
                AttributeUpdates = new Dictionary<string, AttributeValueUpdate> // expect: DDB405
                {
                    ["Plays"] = new AttributeValueUpdate { Action = AttributeAction.ADD, Value = new AttributeValue { N = "1" } },
                },
            }, cancellationToken);
        }

        /// <summary>The same query done right: every placeholder defined and used, the reserved word aliased.</summary>
        public Task<QueryResponse> FindAlbumTracksAsync(string trackId, string album, CancellationToken cancellationToken = default)
        {
            return _client.QueryAsync(new QueryRequest
            {
                TableName = TableName,
                KeyConditionExpression = "Id = :id",
                FilterExpression = "Album = :album AND #Year >= :from",
                ProjectionExpression = "Title, #Year",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#Year"] = "Year" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":id"] = new AttributeValue { S = trackId },
                    [":album"] = new AttributeValue { S = album },
                    [":from"] = new AttributeValue { N = "2000" },
                },
            }, cancellationToken);
        }

        private static Dictionary<string, AttributeValue> KeyFor(string trackId)
        {
            return new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = trackId } };
        }
    }
}
