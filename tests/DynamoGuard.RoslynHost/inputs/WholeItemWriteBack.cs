// Host test input: DDB202 findings whose fixes neither the generated fix target nor the sample app exercises
// ("Update only what changed" on a low-level PutItem, "Add a version property" on an object-model save).
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace HostInputs
{
    [DynamoDBTable("Users")]
    public class User
    {
        [DynamoDBHashKey] public string Id { get; set; } = "";
        public string Name { get; set; } = "";
    }

    public static class UserWrites
    {
        public static async Task RenameItemAsync(IAmazonDynamoDB client, string id, string name)
        {
            var key = new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = id } };
            var item = (await client.GetItemAsync("Users", key)).Item;
            item["name"] = new AttributeValue { S = name };
            await client.PutItemAsync("Users", item);
        }

        public static async Task RenameUserAsync(IDynamoDBContext context, string id, string name)
        {
            var user = await context.LoadAsync<User>(id);
            user.Name = name;
            await context.SaveAsync(user);
        }
    }
}
