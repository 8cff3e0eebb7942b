using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MusicLibrary.Models;

namespace MusicLibrary
{
    /// <summary>
    /// Counts views of public library pages, using the low-level <see cref="IAmazonDynamoDB"/> client.
    /// Table <c>PageViews</c>: partition key <c>page_id</c> (S), counter <c>views</c> (N).
    /// </summary>
    /// <remarks>
    /// <c>views</c> is a DynamoDB reserved word, so expressions must refer to it through a placeholder (<c>#views</c>).
    /// </remarks>
    public sealed class PageViewCounterService
    {
        public const string TableName = "PageViews";

        private const string PageIdAttribute = "page_id";
        private const string ViewsAttribute = "views";

        private readonly IAmazonDynamoDB _client;

        public PageViewCounterService(IAmazonDynamoDB client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
        }

        /// <summary>Reads the current count of a page (0 when it has never been viewed).</summary>
        public async Task<PageViewCounter> GetAsync(string pageId, CancellationToken cancellationToken = default)
        {
            var response = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = TableName,
                Key = KeyFor(pageId),
            }, cancellationToken);

            // SDK v4: Item is null, not empty, when no item has this key.
            var views = response.Item is { } item && item.TryGetValue(ViewsAttribute, out var value)
                ? long.Parse(value.N, CultureInfo.InvariantCulture)
                : 0L;
            return new PageViewCounter(pageId, views);
        }

        /// <summary>
        /// Records one view the way the first version of the app did: read the count, add one, write it back.
        /// </summary>
        /// <remarks>
        /// INTENTIONAL BUG (DynamoGuard DDB201): read-modify-write. Two requests that read the same count both write
        /// count + 1, so one view is lost, and nothing reports it. <see cref="RecordViewAsync"/> is the fix.
        /// </remarks>
        public async Task<int> RecordViewReadModifyWriteAsync(string pageId, CancellationToken cancellationToken = default)
        {
            var current = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = TableName,
                Key = KeyFor(pageId),
                ConsistentRead = true,
            }, cancellationToken);

            var item = current.Item;
            var views = item is { Count: > 0 }
                ? int.Parse(item[ViewsAttribute].N, CultureInfo.InvariantCulture) + 1 // value derived from a read...
                : 1;

            // ...and written back unconditionally: no ConditionExpression checks that the count is still the one read.
            await _client.UpdateItemAsync(new UpdateItemRequest // expect: DDB201
            {
                TableName = TableName,
                Key = KeyFor(pageId),
                UpdateExpression = "SET #views = :v",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#views"] = ViewsAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":v"] = new AttributeValue { N = views.ToString(CultureInfo.InvariantCulture) },
                },
            }, cancellationToken);

            return views;
        }

        /// <summary>
        /// Records one view with an atomic counter: DynamoDB adds 1 on the server, so concurrent views all count.
        /// ADD creates the attribute (starting from 0) on a page's first view.
        /// </summary>
        /// <remarks>
        /// The SDK retries throttled and timed-out requests on its own, so a retried request can occasionally count
        /// twice. That is acceptable for view statistics; it would not be for, say, a balance.
        /// </remarks>
        public async Task<long> RecordViewAsync(string pageId, CancellationToken cancellationToken = default)
        {
            var response = await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = KeyFor(pageId),
                UpdateExpression = "ADD #views :one",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#views"] = ViewsAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":one"] = new AttributeValue { N = "1" },
                },
                ReturnValues = ReturnValue.UPDATED_NEW,
            }, cancellationToken);

            return response.Attributes is { } attributes && attributes.TryGetValue(ViewsAttribute, out var value)
                ? long.Parse(value.N, CultureInfo.InvariantCulture)
                : 0L;
        }

        private static Dictionary<string, AttributeValue> KeyFor(string pageId)
        {
            return new Dictionary<string, AttributeValue>
            {
                [PageIdAttribute] = new AttributeValue { S = pageId },
            };
        }
    }
}
