using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DynamoGuard.Model;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// The versioned-table scan's answers are kept from one compilation to the next (as the IDE makes one per keystroke,
    /// sharing every unchanged tree). These tests edit files as a user would and check that an answer is reused only
    /// while the files it was read from are unchanged, and that every edit that can change it is seen.
    /// </summary>
    public class VersionedTableAcrossCompilationsTests
    {
        private const string Usings = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.DynamoDBv2.Model;

            """;

        private const string Store = Usings + """
            namespace Shop.Data;

            public class OrderStore
            {
                public Task DeleteAsync(IAmazonDynamoDB client, string id)
                    => client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } });
            }
            """;

        private const string VersionedOrder = Usings + """
            namespace Shop.Models;

            [DynamoDBTable("Orders")]
            public class Order
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                [DynamoDBVersion] public long? Version { get; set; }
            }
            """;

        private const string UnversionedOrder = Usings + """
            namespace Shop.Models;

            [DynamoDBTable("Orders")]
            public class Order
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                public long? Version { get; set; }
            }
            """;

        private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path);

        private static CSharpCompilation Create(params SyntaxTree[] trees)
            => CSharpCompilation.Create("Shop", trees, TestReferences.Get(ReferenceSet.AwsSdk), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        private static string? VersionOf(Compilation compilation, string table)
        {
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return DynamoDbModel.TryCreate(compilation)!.GetVersionedTable(table)?.VersionAttribute;
        }

        private static bool IsReused(Compilation compilation, SyntaxTree tree)
            => VersionedTableCache.TryGet(compilation, tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First(), out _);

        [Fact]
        public void AnotherFileEdited_AnswerReused()
        {
            var model = Parse(VersionedOrder, "Models/Order.cs");
            var store = Parse(Store, "Data/OrderStore.cs");
            var first = Create(model, store);
            Assert.Equal("Version", VersionOf(first, "Orders"));

            var second = first.ReplaceSyntaxTree(store, Parse(Store + "// typing\n", "Data/OrderStore.cs"));
            Assert.True(IsReused(second, model));
            Assert.Equal("Version", VersionOf(second, "Orders"));
        }

        [Fact]
        public void ModelFileEdited_VersionRemovedThenAdded_SeenEachTime()
        {
            var model = Parse(VersionedOrder, "Models/Order.cs");
            var store = Parse(Store, "Data/OrderStore.cs");
            var first = Create(model, store);
            Assert.Equal("Version", VersionOf(first, "Orders"));

            var unversioned = Parse(UnversionedOrder, "Models/Order.cs");
            var second = first.ReplaceSyntaxTree(model, unversioned);
            Assert.False(IsReused(second, unversioned));
            Assert.Null(VersionOf(second, "Orders"));

            var third = second.ReplaceSyntaxTree(unversioned, Parse(VersionedOrder, "Models/Order.cs"));
            Assert.Equal("Version", VersionOf(third, "Orders"));
        }

        [Fact]
        public void BaseClassFileEdited_DerivedClassComputedAgain()
        {
            var versionedBase = Parse(Usings + """
                namespace Shop.Models;

                public abstract class Entity
                {
                    [DynamoDBHashKey] public string Id { get; set; } = "";
                    [DynamoDBVersion] public long? Version { get; set; }
                }
                """, "Models/Entity.cs");
            var order = Parse(Usings + """
                namespace Shop.Models;

                [DynamoDBTable("Orders")]
                public class Order : Entity
                {
                    public decimal Total { get; set; }
                }
                """, "Models/Order.cs");
            var first = Create(versionedBase, order, Parse(Store, "Data/OrderStore.cs"));
            Assert.Equal("Version", VersionOf(first, "Orders"));

            var second = first.ReplaceSyntaxTree(versionedBase, Parse(Usings + """
                namespace Shop.Models;

                public abstract class Entity
                {
                    [DynamoDBHashKey] public string Id { get; set; } = "";
                    public long? Version { get; set; }
                }
                """, "Models/Entity.cs"));
            Assert.False(IsReused(second, order));
            Assert.Null(VersionOf(second, "Orders"));
        }

        [Fact]
        public void TableNameFromAConstantOfAnotherFile_NeverReused_ConstantEditSeen()
        {
            var tables = Parse("namespace Shop.Models; public static class Tables { public const string Orders = \"Orders\"; }", "Models/Tables.cs");
            var model = Parse(VersionedOrder.Replace("[DynamoDBTable(\"Orders\")]", "[DynamoDBTable(Tables.Orders)]"), "Models/Order.cs");
            var first = Create(tables, model, Parse(Store, "Data/OrderStore.cs"));
            Assert.Equal("Version", VersionOf(first, "Orders"));

            var second = first.ReplaceSyntaxTree(tables, Parse("namespace Shop.Models; public static class Tables { public const string Orders = \"Archive\"; }", "Models/Tables.cs"));
            Assert.False(IsReused(second, model));
            Assert.Null(VersionOf(second, "Orders"));
            Assert.Equal("Version", VersionOf(second, "Archive"));
        }

        [Fact]
        public void OtherReferences_AnswerNotReused()
        {
            var model = Parse(VersionedOrder, "Models/Order.cs");
            var first = Create(model, Parse(Store, "Data/OrderStore.cs"));
            Assert.Equal("Version", VersionOf(first, "Orders"));

            var second = first.WithReferences(TestReferences.Get(ReferenceSet.AwsSdk, AwsSdk.V4_1));
            Assert.False(IsReused(second, model));
            Assert.Equal("Version", VersionOf(second, "Orders"));
        }

        /// <summary>The IDE path: the open document's semantic diagnostics after each keystroke, DDB101 on the low-level delete.</summary>
        [Fact]
        public async Task KeystrokesInTheStoreAndTheModel_FindingFollowsTheModel()
        {
            var model = Parse(VersionedOrder, "Models/Order.cs");
            var store = Parse(Store, "Data/OrderStore.cs");
            var compilation = Create(model, store);
            Assert.Equal(1, await CountDdb101Async(compilation, store));

            var typed = Parse(Store + "// typing\n", "Data/OrderStore.cs");
            compilation = compilation.ReplaceSyntaxTree(store, typed);
            Assert.Equal(1, await CountDdb101Async(compilation, typed));

            var unversioned = Parse(UnversionedOrder, "Models/Order.cs");
            compilation = compilation.ReplaceSyntaxTree(model, unversioned);
            Assert.Equal(0, await CountDdb101Async(compilation, typed));
        }

        private static async Task<int> CountDdb101Async(Compilation compilation, SyntaxTree document)
        {
            var diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new OptimisticLockingAnalyzer()))
                .GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(document), null, default);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            return diagnostics.Count(d => d.Id == "DDB101");
        }
    }
}
