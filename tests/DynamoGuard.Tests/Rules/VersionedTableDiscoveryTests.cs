using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// Which tables are versioned, when the model classes are spread over files: only files that spell
    /// <c>DynamoDBVersion</c> (and classes deriving from their classes) are looked at, so these tests pin the cases
    /// where the version attribute is not spelled where the table is declared. Seen through DDB101 on a low-level
    /// DeleteItem of the table.
    /// </summary>
    public class VersionedTableDiscoveryTests
    {
        private const string Usings = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.DynamoDBv2.Model;

            """;

        private const string Delete = Usings + """
            namespace Shop.Data;

            public class OrderStore
            {
                public Task DeleteAsync(IAmazonDynamoDB client, string id)
                    => client.{|#0:DeleteItemAsync|}("Orders", new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } });
            }
            """;

        private const string Message = "DeleteItem on table 'Orders' has no condition on its version attribute 'Version'; a concurrent writer's change can be lost";

        private static CSharpTest Project(params (string Path, string Source)[] models)
        {
            var test = new CSharpTest(new OptimisticLockingAnalyzer()) { TestCode = Delete, DiagnosticId = "DDB101" };
            test.AdditionalSources.AddRange(models);
            return test;
        }

        private const string VersionedBase = Usings + """
            namespace Shop.Models.Common;

            public abstract class VersionedEntity
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                [DynamoDBVersion] public long? Version { get; set; }
            }
            """;

        [Fact]
        public async Task TableClassDerivesFromAVersionedBaseOfAnotherFile_Triggers()
        {
            var test = Project(
                ("Models/VersionedEntity.cs", VersionedBase),
                ("Models/Order.cs", Usings + """
                    using Shop.Models.Common;

                    namespace Shop.Models;

                    [DynamoDBTable("Orders")]
                    public class Order : VersionedEntity
                    {
                        public decimal Total { get; set; }
                    }
                    """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB101").WithLocation(0).WithMessage(Message));
            await test.RunAsync();
        }

        [Fact]
        public async Task TableClassTwoLevelsBelowTheVersionedBase_EachInItsOwnFile_Triggers()
        {
            var test = Project(
                ("Models/VersionedEntity.cs", VersionedBase),
                ("Models/AuditedEntity.cs", Usings + """
                    namespace Shop.Models.Common;

                    public abstract class AuditedEntity : VersionedEntity
                    {
                        public string? ChangedBy { get; set; }
                    }
                    """),
                ("Models/Order.cs", Usings + """
                    using Shop.Models.Common;

                    namespace Shop.Models;

                    [DynamoDBTable("Orders")]
                    public class Order : Common.AuditedEntity
                    {
                        public decimal Total { get; set; }
                    }
                    """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB101").WithLocation(0).WithMessage(Message));
            await test.RunAsync();
        }

        /// <summary>
        /// The files that do not spell the attribute are read only once a base name they spell is known: here the table
        /// class's file comes first and names a generic middle class, which is found only after the base's file is read.
        /// </summary>
        [Fact]
        public async Task TableClassBelowAGenericMiddleClass_FilesInReverseOrder_Triggers()
        {
            var test = Project(
                ("Models/Order.cs", Usings + """
                    using Shop.Models.Common;

                    namespace Shop.Models;

                    [DynamoDBTable("Orders")]
                    public sealed class Order : AuditedEntity<Order>
                    {
                        public decimal Total { get; set; }
                    }
                    """),
                ("Models/AuditedEntity.cs", Usings + """
                    namespace Shop.Models.Common;

                    public abstract class AuditedEntity<TSelf> : VersionedEntity where TSelf : AuditedEntity<TSelf>
                    {
                        public string? ChangedBy { get; set; }
                    }
                    """),
                ("Models/VersionedEntity.cs", VersionedBase));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB101").WithLocation(0).WithMessage(Message));
            await test.RunAsync();
        }

        /// <summary>A class whose base has the name of a versioned class but is another (unversioned) class is only a candidate: the symbols decide.</summary>
        [Fact]
        public async Task TableClassDerivingFromAnUnversionedClassOfTheSameName_DoesNotTrigger()
        {
            var test = Project(
                ("Models/VersionedEntity.cs", VersionedBase),
                ("Legacy/VersionedEntity.cs", Usings + """
                    namespace Shop.Legacy;

                    public abstract class VersionedEntity
                    {
                        [DynamoDBHashKey] public string Id { get; set; } = "";
                        public long Revision { get; set; }
                    }
                    """),
                ("Models/Order.cs", Usings + """
                    namespace Shop.Models;

                    [DynamoDBTable("Orders")]
                    public class Order : Shop.Legacy.VersionedEntity
                    {
                        public decimal Total { get; set; }
                    }
                    """));
            await test.RunAsync();
        }

        [Fact]
        public async Task VersionAttributeUnderAFileLocalAlias_Triggers()
        {
            var test = Project(("Models/Order.cs", Usings + """
                using Lock = Amazon.DynamoDBv2.DataModel.DynamoDBVersionAttribute;

                namespace Shop.Models;

                [DynamoDBTable("Orders")]
                public class Order
                {
                    [DynamoDBHashKey] public string Id { get; set; } = "";
                    [Lock] public long? Version { get; set; }
                }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB101").WithLocation(0).WithMessage(Message));
            await test.RunAsync();
        }

        [Fact]
        public async Task VersionAttributeUnderAGlobalAliasOfAnotherFile_Triggers()
        {
            var test = Project(
                ("GlobalUsings.cs", "global using Lock = Amazon.DynamoDBv2.DataModel.DynamoDBVersionAttribute;\n"),
                ("Models/Order.cs", Usings + """
                    namespace Shop.Models;

                    [DynamoDBTable("Orders")]
                    public class Order
                    {
                        [DynamoDBHashKey] public string Id { get; set; } = "";
                        [Lock] public long? Version { get; set; }
                    }
                    """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB101").WithLocation(0).WithMessage(Message));
            await test.RunAsync();
        }

        [Fact]
        public async Task AttributeNameOnlyInACommentOfAnUnversionedModel_DoesNotTrigger()
        {
            await Project(("Models/Order.cs", Usings + """
                namespace Shop.Models;

                // No [DynamoDBVersion] here: orders are written once.
                [DynamoDBTable("Orders")]
                public class Order
                {
                    [DynamoDBHashKey] public string Id { get; set; } = "";
                    [DynamoDBProperty("version")] public long SchemaVersion { get; set; }
                }
                """)).RunAsync();
        }
    }
}
