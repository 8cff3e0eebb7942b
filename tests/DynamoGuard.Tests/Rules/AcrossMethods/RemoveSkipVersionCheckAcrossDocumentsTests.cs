using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Tests.Rules.AcrossMethods
{
    /// <summary>
    /// DDB102's fix where the save is reported because of how its context was created: the setting sits in another
    /// document (the store's constructor, a DI registration), and the fix removes it there. The verifier applies the fix
    /// diagnostic by diagnostic and by Fix All (document and project scope) and compares every document's exact text.
    /// </summary>
    public class RemoveSkipVersionCheckAcrossDocumentsTests
    {
        private const string Usings = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;

            """;

        private const string Models = Usings + """
            namespace Shop.Models
            {
                [DynamoDBTable("Orders")]
                public class Order
                {
                    [DynamoDBHashKey] public string Id { get; set; } = "";
                    [DynamoDBVersion] public long? Version { get; set; }
                }
            }

            """;

        /// <summary>A tiny stand-in for Microsoft.Extensions.DependencyInjection (not referenced by the tests).</summary>
        private const string ServiceCollection = """
            using System;
            namespace Shop.Hosting
            {
                public sealed class ServiceCollection
                {
                    public ServiceCollection AddSingleton<TService>(Func<IServiceProvider, TService> factory) where TService : class => this;
                }
            }

            """;

        private const string Store = Usings + """
            using Shop.Models;

            namespace Shop.Data
            {
                public sealed class OrderStore
                {
                    private readonly IDynamoDBContext _context;
                    public OrderStore(IDynamoDBContext context) => _context = context;

                    public Task SaveAsync(Order order) => _context.[|SaveAsync|](order);

                    public void SaveInBackground(Order order)
                    {
                        // Fire and forget: the discard is an assignment the fix must not take for the setting.
                        _ = _context.[|SaveAsync|](order);
                    }
                }
            }

            """;

        private const string FixedStore = Usings + """
            using Shop.Models;

            namespace Shop.Data
            {
                public sealed class OrderStore
                {
                    private readonly IDynamoDBContext _context;
                    public OrderStore(IDynamoDBContext context) => _context = context;

                    public Task SaveAsync(Order order) => _context.SaveAsync(order);

                    public void SaveInBackground(Order order)
                    {
                        // Fire and forget: the discard is an assignment the fix must not take for the setting.
                        _ = _context.SaveAsync(order);
                    }
                }
            }

            """;

        private static CSharpTest Test(string store, string fixedStore, string startup, string fixedStartup)
        {
            var test = new CSharpTest(new SkipVersionCheckAnalyzer())
            {
                TestCode = store,
                CodeFix = new RemoveSkipVersionCheckCodeFixProvider(),
                FixedCode = fixedStore,
                CodeActionEquivalenceKey = RemoveSkipVersionCheckCodeFixProvider.EquivalenceKey,
            };
            test.AdditionalSources.Add(("Models/Order.cs", Models));
            test.AdditionalSources.Add(("Hosting/ServiceCollection.cs", ServiceCollection));
            test.AdditionalSources.Add(("Startup.cs", startup));
            test.FixedAdditionalSources.Add(("Startup.cs", fixedStartup));
            return test;
        }

        [Fact]
        public async Task SaveThroughRegisteredContext_RemovesTheSettingInTheRegistration()
        {
            await Test(Store, FixedStore, Usings + """
                using Shop.Hosting;

                namespace Shop
                {
                    public static class Startup
                    {
                        public static void Configure(ServiceCollection services, IAmazonDynamoDB client)
                        {
                            // One context for the whole app.
                            services.AddSingleton<IDynamoDBContext>(_ => new DynamoDBContext(client, new DynamoDBContextConfig
                            {
                                ConsistentRead = true,
                                [|SkipVersionCheck = true|], // bulk imports were failing
                            }));
                        }
                    }
                }

                """, Usings + """
                using Shop.Hosting;

                namespace Shop
                {
                    public static class Startup
                    {
                        public static void Configure(ServiceCollection services, IAmazonDynamoDB client)
                        {
                            // One context for the whole app.
                            services.AddSingleton<IDynamoDBContext>(_ => new DynamoDBContext(client, new DynamoDBContextConfig
                            {
                                ConsistentRead = true,
                            }));
                        }
                    }
                }

                """).RunAsync();
        }

        [Fact]
        public async Task SettingAloneInTheConfig_TheConfigArgumentGoesWithIt()
        {
            await Test(Store, FixedStore, Usings + """
                using Shop.Hosting;

                namespace Shop
                {
                    public static class Startup
                    {
                        public static void Configure(ServiceCollection services, IAmazonDynamoDB client)
                        {
                            services.AddSingleton<IDynamoDBContext>(_ => new DynamoDBContext(client, new DynamoDBContextConfig { [|SkipVersionCheck = true|] }));
                        }
                    }
                }

                """, Usings + """
                using Shop.Hosting;

                namespace Shop
                {
                    public static class Startup
                    {
                        public static void Configure(ServiceCollection services, IAmazonDynamoDB client)
                        {
                            services.AddSingleton<IDynamoDBContext>(_ => new DynamoDBContext(client));
                        }
                    }
                }

                """).RunAsync();
        }

        /// <summary>The lightbulb at the save says which document it edits; the one at the setting keeps the usual title.</summary>
        [Fact]
        public async Task Titles_NameTheDocumentTheFixEdits()
        {
            var startup = Usings + """
                using Shop.Hosting;

                namespace Shop
                {
                    public static class Startup
                    {
                        public static void Configure(ServiceCollection services, IAmazonDynamoDB client)
                            => services.AddSingleton<IDynamoDBContext>(_ => new DynamoDBContext(client, new DynamoDBContextConfig { SkipVersionCheck = true }));
                    }
                }

                """;
            var project = CreateSolution(Store, startup).Projects.Single();
            var compilation = (await project.GetCompilationAsync())!;
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SkipVersionCheckAnalyzer())).GetAnalyzerDiagnosticsAsync();
            Assert.Equal(3, diagnostics.Length);

            var titles = new List<string>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceTree!.FilePath, System.StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                var actions = new List<CodeAction>();
                await new RemoveSkipVersionCheckCodeFixProvider().RegisterCodeFixesAsync(
                    new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                titles.Add(document.Name + ": " + Assert.Single(actions).Title);
            }

            Assert.Equal(
                new[]
                {
                    "Startup.cs: Remove SkipVersionCheck = true (check the version again)",
                    "Store.cs: Remove SkipVersionCheck = true from the context's configuration in Startup.cs",
                    "Store.cs: Remove SkipVersionCheck = true from the context's configuration in Startup.cs",
                },
                titles);
        }

        /// <summary>A solution with the same file names as the diagnostics' trees, so the fix can find the setting's document.</summary>
        private static Solution CreateSolution(string store, string startup)
        {
            var workspace = new AdhocWorkspace();
            var project = workspace.AddProject("Shop", LanguageNames.CSharp)
                .WithMetadataReferences(TestReferences.Get(ReferenceSet.AwsSdk, AwsSdk.V4_0))
                .WithCompilationOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            project = Add(project, "Store.cs", store);
            project = Add(project, "Order.cs", Models);
            project = Add(project, "ServiceCollection.cs", ServiceCollection);
            project = Add(project, "Startup.cs", startup);
            return project.Solution;

            static Project Add(Project project, string name, string markup)
                => project.AddDocument(name, SourceText.From(TestMarkup.Parse(markup).Source), filePath: "/" + name).Project;
        }
    }
}
