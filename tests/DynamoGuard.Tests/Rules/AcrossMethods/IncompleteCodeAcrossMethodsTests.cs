using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Tests.Rules.AcrossMethods
{
    /// <summary>
    /// Code being typed: helpers with error types, missing members, unfinished statements and recursion. The
    /// summaries treat what they cannot bind as unknown: no crash (the verifier fails on AD0001), no finding from it,
    /// while complete evidence elsewhere in the flow still counts.
    /// </summary>
    public class IncompleteCodeAcrossMethodsTests
    {
        private const string Usings = @"using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
";

        private static Task RunAsync(string source, params DiagnosticAnalyzer[] analyzers)
            => new CSharpTest(analyzers) { TestCode = Usings + source, AllowAnyCompilerErrors = true }.RunAsync();

        [Fact]
        public async Task ErrorTypedHelpers_AreUnknown_AndDoNotCrash()
        {
            await RunAsync(@"
public sealed class Repo
{
    private readonly IAmazonDynamoDB _client;
    public Repo(IAmazonDynamoDB client) => _client = client;

    public async Task<int> GetAsync(string id)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = Missing.Table, Key = KeyFor(id) });
        return int.Parse(response.Item[""n""].N);
    }

    public Task SetAsync(string id, int n) => _client.UpdateItemAsync(new UpdateItemRequest
    {
        TableName = ""T"",
        Key = KeyFor(id),
        UpdateExpression = ""SET n = :n"",
        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { N = n.ToString() } },
    });

    public Task<int> Loop(string id) => Loop(id);

    public Task<UnknownType> LoadAsync(string id) => _context.LoadAsync<UnknownType>(id);

    private static Dictionary<string, AttributeValue> KeyFor(string id) => new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = id } };
}

public sealed class Service
{
    public async Task RunAsync(Repo repo, string id)
    {
        var n = await repo.GetAsync(id);
        await repo.SetAsync(id, n + 1);
        var m = await repo.Loop(id);
        await repo.SetAsync(id, m + 1);
        var x = await repo.LoadAsync(id);
        x.Count++;
        await repo.SaveAsync(x);
        await repo.SetAsync(id, await repo.Undefined(id) + 1);
        await repo.SetAsync(id,
    }
}", new AtomicUpdateAnalyzer(), new SkipVersionCheckAnalyzer(), new RetriedAtomicUpdateAnalyzer(), new OptimisticLockingAnalyzer());
        }

        [Fact]
        public async Task CompleteFlowBesideBrokenCode_StillCounts()
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                AllowAnyCompilerErrors = true,
                DiagnosticId = "DDB201",
                TestCode = Usings + @"
public sealed class Repo
{
    private readonly IAmazonDynamoDB _client;
    public Repo(IAmazonDynamoDB client) => _client = client;

    public async Task<int> GetAsync(string id)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = ""T"", Key = new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = id } } });
        return int.Parse(response.Item[""n""].N);
    }

    public Task SetAsync(string id, int n) => _client.UpdateItemAsync(new UpdateItemRequest
    {
        TableName = ""T"",
        Key = new Dictionary<string, AttributeValue> { [""pk""] = new AttributeValue { S = id } },
        UpdateExpression = ""SET n = :n"",
        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { ["":n""] = new AttributeValue { N = n.ToString() } },
    });

    public void Broken() { var y = Nope(; }
}

public sealed class Service
{
    public async Task RunAsync(Repo repo, string id)
    {
        var n = await repo.GetAsync(id);
        Unknown.DoSomething(id);
        await repo.[|SetAsync|](id, n + 1);
    }
}",
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task MutuallyRecursiveHelpers_Terminate()
        {
            await RunAsync(@"
public sealed class Repo
{
    public Task<int> A(string id) => B(id);
    public Task<int> B(string id) => C(id);
    public Task<int> C(string id) => A(id);
    public Task Save(string id, int n) => Save2(id, n);
    public Task Save2(string id, int n) => Save(id, n);
}

public sealed class Service
{
    public async Task RunAsync(Repo repo, string id)
    {
        var n = await repo.A(id);
        await repo.Save(id, n + 1);
    }
}", new AtomicUpdateAnalyzer());
        }
    }
}
