using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules.AcrossMethods
{
    /// <summary>
    /// Lock evidence for low-level writes: the version advanced with <c>++v</c>, <c>v++</c>, <c>v += 1</c> (on a local or
    /// a property of a DTO in another file), not only <c>v + 1</c>.
    /// </summary>
    public class VersionEvidenceTests
    {
        private const string Dto = @"
namespace Shop.Models
{
    public sealed class OrderDto
    {
        public string Id { get; set; } = """";
        public long Version { get; set; }
        public long SchemaVersion { get; set; }
    }
}
";

        private const string Usings = @"using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Shop.Models;
";

        private static Task Analyze(string source)
        {
            var test = new CSharpTest(new OptimisticLockingAnalyzer()) { TestCode = Usings + source, DiagnosticId = "DDB101" };
            test.AdditionalSources.Add(("Models/OrderDto.cs", Dto));
            return test.RunAsync();
        }

        [Fact]
        public async Task PrefixAndPostfixIncrementsAndCompoundAdd_AreLockEvidence()
        {
            await Analyze(@"
class OrderWriter
{
    async Task PutAsync(IAmazonDynamoDB client, string id, long version)
    {
        version++;
        await client.[|PutItemAsync|](new PutItemRequest(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""version""] = new AttributeValue { N = version.ToString(CultureInfo.InvariantCulture) },
        }));
    }

    async Task PutPrefixAsync(IAmazonDynamoDB client, string id, long version)
    {
        await client.[|PutItemAsync|](new PutItemRequest(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = id },
            [""version""] = new AttributeValue { N = (++version).ToString(CultureInfo.InvariantCulture) },
        }));
    }

    async Task PutDtoAsync(IAmazonDynamoDB client, OrderDto order)
    {
        order.Version += 1;
        await client.[|PutItemAsync|](new PutItemRequest(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = order.Id },
            [""version""] = new AttributeValue { N = $""{order.Version}"" },
        }));
    }
}");
        }

        [Fact]
        public async Task NotAdvanced_OrAdvancedAfterTheWrite_OrAnotherObject_IsNotEvidence()
        {
            await Analyze(@"
class OrderWriter
{
    async Task PutAsync(IAmazonDynamoDB client, OrderDto order, OrderDto other, long version)
    {
        // Copied, never advanced: a schema or workflow version, not a lock.
        await client.PutItemAsync(new PutItemRequest(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = order.Id },
            [""version""] = new AttributeValue { N = order.SchemaVersion.ToString() },
        }));

        // Advanced only after the write.
        await client.PutItemAsync(new PutItemRequest(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = order.Id },
            [""version""] = new AttributeValue { N = version.ToString() },
        }));
        version++;

        // Another object's version advanced.
        other.Version++;
        await client.PutItemAsync(new PutItemRequest(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = order.Id },
            [""version""] = new AttributeValue { N = order.Version.ToString() },
        }));

        // Decremented.
        order.Version--;
        await client.PutItemAsync(new PutItemRequest(""Orders"", new Dictionary<string, AttributeValue>
        {
            [""Id""] = new AttributeValue { S = order.Id },
            [""version""] = new AttributeValue { N = order.Version.ToString() },
        }));
    }
}");
        }

        [Fact]
        public async Task AdvancedWithPlusPlus_AndChecked_IsGuarded()
        {
            await new CSharpTest(new OptimisticLockingAnalyzer())
            {
                TestCode = Usings + @"
class OrderWriter
{
    Task UpdateAsync(IAmazonDynamoDB client, OrderDto order)
    {
        var expected = order.Version;
        order.Version++;
        return client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Orders"",
            Key = new Dictionary<string, AttributeValue> { [""Id""] = new AttributeValue { S = order.Id } },
            UpdateExpression = ""SET version = :next"",
            ConditionExpression = ""version = :expected"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                ["":next""] = new AttributeValue { N = order.Version.ToString() },
                ["":expected""] = new AttributeValue { N = expected.ToString() },
            },
        });
    }
}",
                AdditionalSources = { ("Models/OrderDto.cs", Dto) },
            }.RunAsync();
        }
    }
}
