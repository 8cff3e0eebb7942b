using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using static DynamoGuard.Tests.Rules.Expressions.ExpressionSources;

namespace DynamoGuard.Tests.Rules.Expressions
{
    /// <summary>DDB402: a reserved word as a bare attribute name, and the fix that aliases it.</summary>
    public class ReservedWordTests
    {
        private static Task VerifyAsync(string body, params DiagnosticResult[] expected)
        {
            var test = new CSharpTest(new ExpressionAnalyzer()) { TestCode = Method(body) };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        private static Task VerifyFixAsync(string body, string fixedBody)
        {
            return new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Method(body),
                FixedCode = Method(fixedBody),
                CodeFix = new AliasReservedWordCodeFixProvider(),
                CodeActionEquivalenceKey = AliasReservedWordCodeFixProvider.EquivalenceKey,
            }.RunAsync();
        }

        [Fact]
        public async Task UpdateItem_ReservedWordInSet_TriggersOnTheWord()
        {
            await VerifyAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET {|#0:count|} = :c"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":c""] = new AttributeValue { N = ""1"" } },
        });",
                new DiagnosticResult("DDB402").WithLocation(0).WithMessage(
                    "'count' in UpdateExpression is a DynamoDB reserved word; DynamoDB rejects it as an attribute name ('Attribute name is a reserved keyword'): write it through an expression attribute name such as '#count'"));
        }

        [Fact]
        public async Task InsideAnAssertionThatExpectsARejection_NoDiagnostic()
        {
            // A test that sends the reserved word on purpose to see DynamoDB (or an emulator) reject it, as found in a
            // public code base's parity tests. The same request outside such an assertion, or in a lambda handed to
            // other code (a retry helper), is reported. (xUnit is not referenced here: a stand-in Assert.)
            var test = new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Usings + @"
using System;

static class Assert
{
    public static Task<T> ThrowsAsync<T>(Func<Task> testCode) where T : Exception => throw new NotImplementedException();
    public static T Throws<T>(Action testCode) where T : Exception => throw new NotImplementedException();
}

class ParityTests
{
    async Task ReservedWordIsRejected(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Users"",
            Key = key,
            UpdateExpression = ""SET Name = :n"",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { S = ""x"" } },
        }));
        Assert.Throws<AmazonDynamoDBException>(() => client.UpdateItemAsync(new UpdateItemRequest { TableName = ""Users"", Key = key, UpdateExpression = ""REMOVE Name"" }).GetAwaiter().GetResult());
    }

    async Task NotAnAssertion(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, Func<Func<Task>, Task> retry)
    {
        await retry(() => client.UpdateItemAsync(new UpdateItemRequest { TableName = ""Users"", Key = key, UpdateExpression = ""REMOVE {|DDB402:Name|}"" }));
        await client.UpdateItemAsync(new UpdateItemRequest { TableName = ""Users"", Key = key, UpdateExpression = ""REMOVE {|DDB402:Name|}"" });
    }
}",
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task InsideAnAssertionOfAnUnreferencedTestLibrary_NoDiagnostic()
        {
            // The test library is not referenced (a partial build, code being typed): the assertion does not bind, and
            // is still recognised by its shape.
            var test = new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Usings + @"
class ParityTests
{
    async Task ReservedWordIsRejected(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
    {
        await Xunit.Assert.ThrowsAsync<AmazonDynamoDBException>(() => client.UpdateItemAsync(new UpdateItemRequest { TableName = ""Users"", Key = key, UpdateExpression = ""REMOVE Name"" }));
        await client.UpdateItemAsync(new UpdateItemRequest { TableName = ""Users"", Key = key, UpdateExpression = ""REMOVE {|DDB402:Name|}"" });
    }
}",
            };
            test.AllowedCompilerErrors.Add("CS0103");
            test.AllowedCompilerErrors.Add("CS0246");
            test.AllowedCompilerErrors.Add("CS0234");
            await test.RunAsync();
        }

        [Fact]
        public async Task EveryOccurrenceAndNestedElements_Trigger_AnyCase()
        {
            await VerifyAsync(@"
        await client.ScanAsync(new ScanRequest
        {
            TableName = ""Tracks"",
            FilterExpression = ""{|DDB402:Status|} = :s AND Info.{|DDB402:name|} <> :n AND size({|DDB402:VALUES|}) > :z"",
            ProjectionExpression = ""Title, {|DDB402:user|}.Id"",
            ExpressionAttributeValues = Values(),
        });");
        }

        [Fact]
        public async Task NonReservedNamesPlaceholdersAndFunctions_DoNotTrigger()
        {
            await VerifyAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET version = version + :one, #count = if_not_exists(#count, :zero) + :one, Title = :t"",
            ConditionExpression = ""size(Tags) < :max AND attribute_exists(pk)"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#count""] = ""count"" },
            ExpressionAttributeValues = Values(),
        });");
        }

        [Fact]
        public async Task Fix_AddsTheEntryToTheExistingNames_AndReplacesEveryOccurrence()
        {
            await VerifyFixAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET {|DDB402:count|} = {|DDB402:count|} + :one, #t = :t"",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                [""#t""] = ""Title"",
            },
            ExpressionAttributeValues = Values(),
        });", @"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #count = #count + :one, #t = :t"",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                [""#t""] = ""Title"",
                [""#count""] = ""count"",
            },
            ExpressionAttributeValues = Values(),
        });");
        }

        [Fact]
        public async Task Fix_FillsAnEmptyNamesDictionary()
        {
            await VerifyFixAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET {|DDB402:count|} = :c"",
            ExpressionAttributeNames = {|DDB401:new Dictionary<string, string>()|},
            ExpressionAttributeValues = Values(),
        });", @"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #count = :c"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#count""] = ""count"" },
            ExpressionAttributeValues = Values(),
        });");
        }

        [Fact]
        public async Task Fix_KeepsAMultiLineInitializerWithoutTrailingComma()
        {
            await VerifyFixAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #t = :t, {|DDB402:data|} = :d"",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                [""#t""] = ""Title""
            },
            ExpressionAttributeValues = Values()
        });", @"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #t = :t, #data = :d"",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                [""#t""] = ""Title"",
                [""#data""] = ""data""
            },
            ExpressionAttributeValues = Values()
        });");
        }

        [Fact]
        public async Task Fix_RawStringLiteral()
        {
            await VerifyFixAsync(@"
        await client.ScanAsync(new ScanRequest { TableName = ""T"", ProjectionExpression = """"""Title, {|DDB402:Duration|}"""""" });", @"
        await client.ScanAsync(new ScanRequest { TableName = ""T"", ProjectionExpression = """"""Title, #Duration"""""", ExpressionAttributeNames = new Dictionary<string, string> { [""#Duration""] = ""Duration"" } });");
        }

        [Fact]
        public async Task Fix_CreatesExpressionAttributeNamesWhenAbsent()
        {
            await VerifyFixAsync(@"
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = key,
            ConditionExpression = ""attribute_not_exists(pk) OR {|DDB402:status|} = :draft"",
            ExpressionAttributeValues = Values(),
        });", @"
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ""Playlists"",
            Item = key,
            ConditionExpression = ""attribute_not_exists(pk) OR #status = :draft"",
            ExpressionAttributeValues = Values(),
            ExpressionAttributeNames = new Dictionary<string, string> { [""#status""] = ""status"" },
        });");
        }

        [Fact]
        public async Task Fix_AddsTheUsingForDictionaryWhenMissing()
        {
            const string Before = @"using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

class Repo
{
    async Task Run(IAmazonDynamoDB client)
    {
        await client.GetItemAsync(new GetItemRequest { TableName = ""Tracks"", Key = null, ProjectionExpression = ""Title, {|DDB402:Year|}"" });
    }
}
";
            const string After = @"using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

class Repo
{
    async Task Run(IAmazonDynamoDB client)
    {
        await client.GetItemAsync(new GetItemRequest { TableName = ""Tracks"", Key = null, ProjectionExpression = ""Title, #Year"", ExpressionAttributeNames = new Dictionary<string, string> { [""#Year""] = ""Year"" } });
    }
}
";
            await new CSharpTest(new ExpressionAnalyzer())
            {
                TestCode = Before,
                FixedCode = After,
                CodeFix = new AliasReservedWordCodeFixProvider(),
            }.RunAsync();
        }

        [Fact]
        public async Task Fix_ReusesAnExistingPlaceholderForTheSameName()
        {
            await VerifyFixAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #n = :n"",
            ConditionExpression = ""{|DDB402:name|} <> :n"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""name"" },
            ExpressionAttributeValues = Values(),
        });", @"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #n = :n"",
            ConditionExpression = ""#n <> :n"",
            ExpressionAttributeNames = new Dictionary<string, string> { [""#n""] = ""name"" },
            ExpressionAttributeValues = Values(),
        });");
        }

        [Fact]
        public async Task Fix_NeverClashesWithAnExistingPlaceholder()
        {
            await VerifyFixAsync(@"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #date = :d, {|DDB402:date|} = :d"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#date"", ""PublishedOn"" } },
            ExpressionAttributeValues = Values(),
        });", @"
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #date = :d, #date1 = :d"",
            ExpressionAttributeNames = new Dictionary<string, string> { { ""#date"", ""PublishedOn"" }, { ""#date1"", ""date"" } },
            ExpressionAttributeValues = Values(),
        });");
        }

        [Fact]
        public async Task FixAll_SharesOneEntryAcrossExpressionsOfTheRequest()
        {
            await VerifyFixAsync(@"
        var request = new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET {|DDB402:value|} = :v, {|DDB402:size|} = :s"",
            ConditionExpression = ""{|DDB402:value|} <> :v"",
            ExpressionAttributeValues = Values(),
        };
        await client.UpdateItemAsync(request);", @"
        var request = new UpdateItemRequest
        {
            TableName = ""Playlists"",
            Key = key,
            UpdateExpression = ""SET #value = :v, #size = :s"",
            ConditionExpression = ""#value <> :v"",
            ExpressionAttributeValues = Values(),
            ExpressionAttributeNames = new Dictionary<string, string> { [""#value""] = ""value"", [""#size""] = ""size"" },
        };
        await client.UpdateItemAsync(request);");
        }

        [Fact]
        public async Task Fix_DocumentModelExpression()
        {
            await VerifyFixAsync(@"
        var condition = new Expression { ExpressionStatement = ""{|DDB402:Year|} < :y"", ExpressionAttributeValues = { ["":y""] = 2000 } };
        await table.DeleteItemAsync(document, new DeleteItemOperationConfig { ConditionalExpression = condition });", @"
        var condition = new Expression { ExpressionStatement = ""#Year < :y"", ExpressionAttributeValues = { ["":y""] = 2000 }, ExpressionAttributeNames = new Dictionary<string, string> { [""#Year""] = ""Year"" } };
        await table.DeleteItemAsync(document, new DeleteItemOperationConfig { ConditionalExpression = condition });");
        }

        [Fact]
        public async Task NoFix_WhenTheLiteralCannotBeRewrittenOrTheNamesAreUnknown()
        {
            await VerifyFixAsync(@"
        const string Prefix = ""SET "";
        await client.UpdateItemAsync(new UpdateItemRequest { TableName = ""P"", Key = key, UpdateExpression = {|DDB402:Prefix + ""count = :c""|}, ExpressionAttributeValues = Values() });
        var request = new UpdateItemRequest { TableName = ""P"", Key = key, UpdateExpression = ""SET {|DDB402:count|} = :c"", ExpressionAttributeValues = Values() };
        Fill(request);
        await client.UpdateItemAsync(request);", @"
        const string Prefix = ""SET "";
        await client.UpdateItemAsync(new UpdateItemRequest { TableName = ""P"", Key = key, UpdateExpression = {|DDB402:Prefix + ""count = :c""|}, ExpressionAttributeValues = Values() });
        var request = new UpdateItemRequest { TableName = ""P"", Key = key, UpdateExpression = ""SET {|DDB402:count|} = :c"", ExpressionAttributeValues = Values() };
        Fill(request);
        await client.UpdateItemAsync(request);");
        }
    }
}
