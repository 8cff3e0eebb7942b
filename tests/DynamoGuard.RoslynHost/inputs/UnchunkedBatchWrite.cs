// Host test input: a DDB301 finding with the "split into chunks of 25" fix (DDB301). The sample's DDB301 is reported
// at the caller of its import helper (across methods), where no fix applies, so neither it nor the fix target
// exercises this provider.
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace HostInputs
{
    public sealed class TagImporter
    {
        private readonly IAmazonDynamoDB _client;

        public TagImporter(IAmazonDynamoDB client) => _client = client;

        // No caller in this compilation: the batch is judged here.
        public async Task ImportAsync(IEnumerable<string> tags)
        {
            var requests = new List<WriteRequest>();
            foreach (var tag in tags)
            {
                requests.Add(new WriteRequest
                {
                    PutRequest = new PutRequest
                    {
                        Item = new Dictionary<string, AttributeValue> { ["tag"] = new AttributeValue { S = tag } },
                    },
                });
            }

            await _client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new Dictionary<string, List<WriteRequest>> { ["Tags"] = requests },
            });
        }
    }
}
