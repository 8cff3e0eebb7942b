namespace DynamoGuard.Tests.Rules.Expressions
{
    /// <summary>Wraps a method body in a class with the usings and parameters the expression tests need.</summary>
    internal static class ExpressionSources
    {
        public const string Usings = @"using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
";

        public static string Method(string body) => Usings + @"
class Repo
{
    private const string Set = ""SET "";

#if AWSSDK_V3
    async Task Run(IAmazonDynamoDB client, Table table, Document document, Dictionary<string, AttributeValue> key, string runtime) // SDK v3 has no ITable
#else
    async Task Run(IAmazonDynamoDB client, ITable table, Document document, Dictionary<string, AttributeValue> key, string runtime)
#endif
    {
" + body + @"
    }

    static Dictionary<string, AttributeValue> Values() => new Dictionary<string, AttributeValue>();

    static void Fill(UpdateItemRequest request) { }
}

class Other
{
    public string UpdateExpression { get; set; } = """";
}
";
    }
}
