using System.Collections.Generic;
using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB301–DDB303 across methods: a helper's collection parameter is as bounded as what its callers pass. Each test is a
    /// small project: the repository (the helper with the batch call) in one file, services and callers in others.
    /// </summary>
    public class BatchSizeAcrossMethodsTests
    {
        private const string Prelude = BatchSizeLimitAnalyzerTests.Prelude;

        /// <summary>A repository whose WriteAsync sends one BatchWriteItem with one put per track it is given.</summary>
        private const string Repository = Prelude + """
            public class TrackRepository
            {
                private readonly IAmazonDynamoDB _client;

                public TrackRepository(IAmazonDynamoDB client) => _client = client;

                public async Task WriteAsync(IReadOnlyList<Track> tracks)
                {
                    var requests = new List<WriteRequest>();
                    foreach (var track in tracks)
                    {
                        requests.Add(Items.Put(track));
                    }

                    await _client.{|#1:BatchWriteItemAsync|}(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                }
            }
            """;

        private const string RepositoryUnmarked = Prelude + """
            public class TrackRepository
            {
                private readonly IAmazonDynamoDB _client;

                public TrackRepository(IAmazonDynamoDB client) => _client = client;

                public async Task WriteAsync(IReadOnlyList<Track> tracks)
                {
                    var requests = new List<WriteRequest>();
                    foreach (var track in tracks)
                    {
                        requests.Add(Items.Put(track));
                    }

                    await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                }
            }
            """;

        /// <summary><see cref="Repository"/> in namespace Music.Data (file-scoped): its batch call marked <c>{|#1:…|}</c>.</summary>
        private static readonly string DataRepository = Prelude + "namespace Music.Data;\n\n" + Repository.Substring(Prelude.Length);

        private static readonly string DataRepositoryUnmarked = Prelude + "namespace Music.Data;\n\n" + RepositoryUnmarked.Substring(Prelude.Length);

        private const string UnboundedMessage =
            "BatchWriteItemAsync in 'TrackRepository.WriteAsync' (called here) may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch";

        private const string InHelperMessage =
            "BatchWriteItemAsync may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch";

        private static CSharpTest Project(string service, params (string Path, string Source)[] more)
        {
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + service + BatchSizeLimitAnalyzerTests.Helpers,
                DiagnosticId = "DDB301",
            };
            foreach (var source in more)
            {
                test.AdditionalSources.Add(source);
            }

            return test;
        }

        // ---- every caller bounds the collection: the helper is silent ----

        [Fact]
        public async Task Helper_EveryCallerPassesABoundedCollection_DoesNotTrigger()
        {
            await Project("""
                public static class Limits
                {
                    public const int BatchSize = 25;
                }

                class ImportService
                {
                    private readonly TrackRepository _repository;

                    public ImportService(TrackRepository repository) => _repository = repository;

                    public async Task ImportAsync(List<Track> tracks, CancellationToken cancellationToken)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await _repository.WriteAsync(chunk);
                        }

                        foreach (var chunk in tracks.Chunk(Limits.BatchSize))
                        {
                            await _repository.WriteAsync(chunk);
                        }

                        await Parallel.ForEachAsync(tracks.Chunk(25), cancellationToken, async (chunk, ct) => await _repository.WriteAsync(chunk));
                        await _repository.WriteAsync(tracks.Take(25).ToList());
                        for (var offset = 0; offset < tracks.Count; offset += 25)
                        {
                            await _repository.WriteAsync(tracks.Skip(offset).Take(Limits.BatchSize).ToList());
                            await _repository.WriteAsync(tracks.GetRange(offset, Math.Min(25, tracks.Count - offset)));
                        }

                        await _repository.WriteAsync(new[] { new Track(), new Track() });
                    }

                    public async Task ImportGuardedAsync(List<Track> tracks)
                    {
                        if (tracks.Count > Limits.BatchSize)
                        {
                            throw new ArgumentException("At most 25 tracks", nameof(tracks));
                        }

                        await _repository.WriteAsync(tracks);
                    }
                }
                """, ("Data/TrackRepository.cs", RepositoryUnmarked)).RunAsync();
        }

        [Fact]
        public async Task Helper_ChunksBy25Itself_DoesNotTriggerAnywhere()
        {
            await Project("""
                class ImportService
                {
                    public Task ImportAsync(TrackRepository repository, List<Track> tracks) => repository.WriteAllAsync(tracks);
                }
                """, ("Data/TrackRepository.cs", Prelude + """
                public class TrackRepository
                {
                    private readonly IAmazonDynamoDB _client;

                    public TrackRepository(IAmazonDynamoDB client) => _client = client;

                    public async Task WriteAllAsync(IEnumerable<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = chunk.Select(Items.Put).ToList() } });
                        }
                    }
                }
                """)).RunAsync();
        }

        // ---- one caller passes an unbounded collection: reported at that call ----

        [Fact]
        public async Task Helper_OneCallerPassesAnUnboundedCollection_TriggersAtThatCall()
        {
            var test = Project("""
                class ImportService
                {
                    private readonly TrackRepository _repository;

                    public ImportService(TrackRepository repository) => _repository = repository;

                    public async Task ImportAsync(List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await _repository.WriteAsync(chunk);
                        }
                    }

                    public async Task ImportAllAsync(List<Track> tracks)
                    {
                        await _repository.{|#0:WriteAsync|}(tracks);
                    }
                }
                """, ("Data/TrackRepository.cs", Repository));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync in 'TrackRepository.WriteAsync' (called here) may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch"));
            await test.RunAsync();
        }

        /// <summary>
        /// A helper declared in a record, in the second part of a partial record: records' methods are found from their
        /// declarations (the compiler's member names of a record would build all its members for each compilation).
        /// </summary>
        [Fact]
        public async Task HelperInAPartialRecord_OneCallerUnbounded_TriggersAtThatCall()
        {
            var test = Project("""
                class ImportService
                {
                    public async Task ImportAsync(TrackStore store, List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await store.WriteAsync(chunk);
                        }
                    }

                    public Task ImportAllAsync(TrackStore store, List<Track> tracks) => store.{|#0:WriteAsync|}(tracks);
                }
                """,
                ("Data/TrackStore.cs", Prelude + """
                public sealed partial record TrackStore(IAmazonDynamoDB Client)
                {
                    public string Table { get; init; } = "Tracks";
                }
                """),
                ("Data/TrackStore.Writes.cs", Prelude + """
                public sealed partial record TrackStore
                {
                    public async Task WriteAsync(IReadOnlyList<Track> tracks)
                    {
                        var requests = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            requests.Add(Items.Put(track));
                        }

                        await Client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [Table] = requests } });
                    }
                }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync in 'TrackStore.WriteAsync' (called here) may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Helper_CallerPassesAKnownCountOver25_TriggersWithTheCount()
        {
            var test = Project("""
                class ImportService
                {
                    public Task ImportAsync(TrackRepository repository)
                        => repository.{|#0:WriteAsync|}(Enumerable.Range(0, 30).Select(i => new Track { Id = i.ToString() }).ToList());

                    public Task ImportFewAsync(TrackRepository repository)
                        => repository.WriteAsync(Enumerable.Range(0, 25).Select(i => new Track { Id = i.ToString() }).ToList());
                }
                """, ("Data/TrackRepository.cs", RepositoryUnmarked));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync in 'TrackRepository.WriteAsync' (called here) sends 30 write requests in one call, but DynamoDB accepts at most 25 and rejects the whole batch"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Helper_CallerReport_CarriesTheHelpersBatchCallAsAdditionalLocation()
        {
            var test = Project("""
                class ImportService
                {
                    public Task ImportAllAsync(TrackRepository repository, List<Track> tracks) => repository.WriteAsync(tracks);
                }
                """, ("Data/TrackRepository.cs", RepositoryUnmarked));
            var diagnostics = await test.GetDiagnosticsAsync();
            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal("DDB301", diagnostic.Id);
            Assert.EndsWith("Test0.cs", diagnostic.Location.SourceTree!.FilePath);
            var additional = Assert.Single(diagnostic.AdditionalLocations);
            Assert.EndsWith("TrackRepository.cs", additional.SourceTree!.FilePath);
            Assert.StartsWith("_client.BatchWriteItemAsync(", additional.SourceTree.GetText().ToString(additional.SourceSpan));
        }

        [Fact]
        public async Task Helper_ChunkedByTheCallerButTwoRequestsPerElement_TriggersAtTheCall()
        {
            await Project("""
                class ImportService
                {
                    public async Task ImportAsync(TrackMover mover, List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await mover.[|MoveAsync|](chunk);
                        }

                        foreach (var chunk in tracks.Chunk(12))
                        {
                            await mover.MoveAsync(chunk);
                        }
                    }
                }
                """, ("Data/TrackMover.cs", Prelude + """
                public class TrackMover
                {
                    private readonly IAmazonDynamoDB _client;

                    public TrackMover(IAmazonDynamoDB client) => _client = client;

                    public async Task MoveAsync(IReadOnlyList<Track> tracks)
                    {
                        var requests = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            requests.Add(Items.Put(track));
                            requests.Add(new WriteRequest { DeleteRequest = new DeleteRequest { Key = Items.Key("old-" + track.Id) } });
                        }

                        await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """)).RunAsync();
        }

        [Fact]
        public async Task Helper_TakingBatchElements_TriggersAtTheCallThatBuildsTooMany()
        {
            await Project("""
                class ImportService
                {
                    public async Task ImportAsync(BatchSender sender, List<Track> tracks)
                    {
                        await sender.[|SendAsync|](tracks.Select(Items.Put).ToList());
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await sender.SendAsync(chunk.Select(Items.Put).ToList());
                        }

                        var requests = new List<WriteRequest>();
                        Fill(requests);
                        await sender.SendAsync(requests);
                    }

                    private static void Fill(List<WriteRequest> requests) { }
                }
                """, ("Data/BatchSender.cs", Prelude + """
                public class BatchSender
                {
                    private readonly IAmazonDynamoDB _client;

                    public BatchSender(IAmazonDynamoDB client) => _client = client;

                    public async Task SendAsync(List<WriteRequest> requests)
                    {
                        var response = await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """)).RunAsync();
        }

        [Fact]
        public async Task Helper_CallerPassesItsOwnParameterAndHasNoCaller_TriggersAtThatCall()
        {
            await Project("""
                public class ImportService
                {
                    private readonly TrackRepository _repository;

                    public ImportService(TrackRepository repository) => _repository = repository;

                    public Task ImportAsync(IEnumerable<Track> tracks) => _repository.[|WriteAsync|](tracks.ToList());
                }
                """, ("Data/TrackRepository.cs", RepositoryUnmarked)).RunAsync();
        }

        // ---- helpers calling helpers ----

        [Fact]
        public async Task HelperThroughService_UnboundedAtTheOutermostCaller_TriggersThereNamingTheHelper()
        {
            var test = Project("""
                class ImportController
                {
                    private readonly ImportService _service;

                    public ImportController(ImportService service) => _service = service;

                    public async Task PostAsync(List<Track> tracks)
                    {
                        await _service.{|#0:ImportAsync|}(tracks);
                    }

                    public async Task PostInChunksAsync(List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await _service.ImportAsync(chunk.ToList());
                        }
                    }
                }
                """,
                ("Services/ImportService.cs", Prelude + """
                public class ImportService
                {
                    private readonly TrackRepository _repository;

                    public ImportService(TrackRepository repository) => _repository = repository;

                    public async Task ImportAsync(List<Track> tracks)
                    {
                        var valid = tracks.Where(t => t.Id.Length > 0).ToList();
                        await _repository.WriteAsync(valid);
                    }
                }
                """),
                ("Data/TrackRepository.cs", RepositoryUnmarked));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync in 'TrackRepository.WriteAsync' (called here through 'ImportService.ImportAsync') may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch"));
            await test.RunAsync();
        }

        [Fact]
        public async Task HelperThroughService_EveryOutermostCallerChunks_DoesNotTrigger()
        {
            await Project("""
                class ImportController
                {
                    public async Task PostAsync(ImportService service, List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await service.ImportAsync(chunk.ToList());
                        }
                    }
                }
                """,
                ("Services/ImportService.cs", Prelude + """
                public class ImportService
                {
                    private readonly TrackRepository _repository;

                    public ImportService(TrackRepository repository) => _repository = repository;

                    public Task ImportAsync(List<Track> tracks) => _repository.WriteAsync(tracks);
                }
                """),
                ("Data/TrackRepository.cs", RepositoryUnmarked)).RunAsync();
        }

        [Fact]
        public async Task RecursiveHelpers_DoNotLoopAndStaySilentWhenBounded()
        {
            await Project("""
                class Writer
                {
                    private readonly IAmazonDynamoDB _client;

                    public Writer(IAmazonDynamoDB client) => _client = client;

                    public async Task Start(List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await A(chunk, 3);
                        }
                    }

                    private async Task A(IReadOnlyList<Track> tracks, int depth)
                    {
                        if (depth > 0)
                        {
                            await B(tracks, depth - 1);
                        }
                    }

                    private async Task B(IReadOnlyList<Track> tracks, int depth)
                    {
                        await A(tracks, depth);
                        await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = tracks.Select(Items.Put).ToList() } });
                    }
                }
                """).RunAsync();
        }

        /// <summary>A service that hands the tracks it is given to whatever implements <c>ITrackWriter</c>.</summary>
        private const string ServiceCallingTheWriter = """
            class ImportService
            {
                public Task ImportAsync(ITrackWriter writer, List<Track> tracks) => writer.WriteAsync(tracks);
            }
            """;

        /// <summary>The interface the call goes through, with one implementation that sends everything it is given.</summary>
        private const string OneUnboundedWriter = Prelude + """
            public interface ITrackWriter
            {
                Task WriteAsync(IReadOnlyList<Track> tracks);
            }

            public class BatchTrackWriter : ITrackWriter
            {
                private readonly IAmazonDynamoDB _client;

                public BatchTrackWriter(IAmazonDynamoDB client) => _client = client;

                public async Task WriteAsync(IReadOnlyList<Track> tracks)
                    => await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = tracks.Select(Items.Put).ToList() } });
            }
            """;

        /// <summary>A second implementation that chunks, for <see cref="OneUnboundedWriter"/>, declared as <c>class ChunkedTrackWriter : {0}</c>.</summary>
        private const string ChunkedWriter = """
            public class ChunkedTrackWriter : {0}
            {
                private readonly IAmazonDynamoDB _client;

                public ChunkedTrackWriter(IAmazonDynamoDB client) => _client = client;

                public async Task WriteAsync(IReadOnlyList<Track> tracks)
                {
                    foreach (var chunk in tracks.Chunk(25))
                    {
                        await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = chunk.Select(Items.Put).ToList() } });
                    }
                }
            }
            """;

        // ---- uses that cannot be followed: silent ----

        [Fact]
        public async Task InterfaceWithTwoImplementations_DoesNotTrigger()
        {
            await Project(ServiceCallingTheWriter, ("Data/Writers.cs", OneUnboundedWriter + "\n\n" + ChunkedWriter.Replace("{0}", "ITrackWriter"))).RunAsync();
        }

        /// <summary>
        /// The second implementation names only an interface derived from the called one, in a third file: found through
        /// the base lists that name the derived interface (so two implementations: silent).
        /// </summary>
        [Fact]
        public async Task SecondImplementationThroughADerivedInterfaceInAnotherFile_DoesNotTrigger()
        {
            await Project(ServiceCallingTheWriter,
                ("Data/Writers.cs", OneUnboundedWriter),
                ("Data/Chunked.cs", Prelude + "public interface IChunkedTrackWriter : ITrackWriter { }\n\n" + ChunkedWriter.Replace("{0}", "IChunkedTrackWriter"))).RunAsync();
        }

        /// <summary>The second implementation names the interface through a global using alias of a fourth file: still found.</summary>
        [Fact]
        public async Task SecondImplementationThroughAGlobalAliasInAnotherFile_DoesNotTrigger()
        {
            await Project(ServiceCallingTheWriter,
                ("Data/Writers.cs", OneUnboundedWriter),
                ("GlobalUsings.cs", "global using Writer = ITrackWriter;\n"),
                ("Data/Chunked.cs", Prelude + ChunkedWriter.Replace("{0}", "Writer"))).RunAsync();
        }

        /// <summary>The same with a using alias in the implementing file itself.</summary>
        [Fact]
        public async Task SecondImplementationThroughAUsingAlias_DoesNotTrigger()
        {
            await Project(ServiceCallingTheWriter,
                ("Data/Writers.cs", OneUnboundedWriter),
                ("Data/Chunked.cs", "using Writer = ITrackWriter;\n" + Prelude + ChunkedWriter.Replace("{0}", "Writer"))).RunAsync();
        }

        /// <summary>Only a same-named interface of another namespace is derived from: one implementation, reported.</summary>
        [Fact]
        public async Task SameNamedInterfaceElsewhere_DoesNotHideTheOnlyImplementation()
        {
            await Project("""
                class ImportService
                {
                    public Task ImportAsync(ITrackWriter writer, List<Track> tracks) => writer.[|WriteAsync|](tracks);
                }
                """,
                ("Data/Writers.cs", OneUnboundedWriter),
                ("Other/Chunked.cs", Prelude + "namespace Other { public interface ITrackWriter { Task WriteAsync(IReadOnlyList<Track> tracks); }\n\n" + ChunkedWriter.Replace("{0}", "ITrackWriter") + "\n}")).RunAsync();
        }

        [Fact]
        public async Task InterfaceWithOneImplementation_TriggersAtTheCallThroughTheInterface()
        {
            await Project("""
                class ImportService
                {
                    public Task ImportAsync(ITrackWriter writer, List<Track> tracks) => writer.[|WriteAsync|](tracks);

                    public async Task ImportChunksAsync(ITrackWriter writer, List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await writer.WriteAsync(chunk);
                        }
                    }
                }
                """, ("Data/Writers.cs", OneUnboundedWriter)).RunAsync();
        }

        [Fact]
        public async Task HelperUsedAsMethodGroup_DoesNotTrigger()
        {
            await Project("""
                class ImportService
                {
                    public Task ImportAsync(TrackRepository repository, List<Track> tracks)
                        => Task.WhenAll(tracks.Chunk(25).Select(repository.WriteAsync));
                }
                """, ("Data/TrackRepository.cs", RepositoryUnmarked)).RunAsync();
        }

        [Fact]
        public async Task HelperWithoutCaller_TriggersInTheHelperAsBefore()
        {
            var test = Project("""
                class Unused
                {
                }
                """, ("Data/TrackRepository.cs", Repository));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(1).WithMessage(
                "BatchWriteItemAsync may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("private")]
        [InlineData("internal")]
        public async Task NonPublicHelperWithoutCaller_TriggersInTheHelper(string accessibility)
        {
            await Project($$"""
                class Importer
                {
                    {{accessibility}} async Task WriteAsync(IAmazonDynamoDB client, List<Track> tracks)
                        => await client.[|BatchWriteItemAsync|](new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = tracks.ConvertAll(Items.Put) } });
                }
                """).RunAsync();
        }

        [Fact]
        public async Task ExtensionMethodHelper_TriggersAtTheUnboundedCallOnly()
        {
            var test = Project("""
                class ImportService
                {
                    public async Task ImportAsync(IAmazonDynamoDB client, List<Track> tracks)
                    {
                        await client.{|#0:PutTracksAsync|}(tracks);
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await client.PutTracksAsync(chunk);
                        }
                    }
                }
                """, ("Data/DynamoExtensions.cs", Prelude + """
                public static class DynamoExtensions
                {
                    public static Task PutTracksAsync(this IAmazonDynamoDB client, IEnumerable<Track> tracks)
                        => client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = tracks.Select(Items.Put).ToList() } });
                }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync in 'DynamoExtensions.PutTracksAsync' (called here) may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BrokenCallers_DoNotCrashAndDoNotReport()
        {
            var test = Project("""
                class ImportService
                {
                    public async Task ImportAsync(TrackRepository repository, List<Track> tracks)
                    {
                        await repository.WriteAsync(tracks, );
                        await repository.WriteAsync(Missing());
                        await repository.WriteAsync(tracks.Select(
                    }
                }
                """, ("Data/TrackRepository.cs", RepositoryUnmarked));
            test.AllowAnyCompilerErrors = true;
            test.CheckSuppressions = false;
            var diagnostics = await test.GetDiagnosticsAsync();
            Assert.DoesNotContain(diagnostics, d => d.Id == "DDB301");
        }

        // ---- callers in other namespaces and files: found through the names their trees spell ----

        [Fact]
        public async Task HelperInOtherNamespace_OnlyCallerChunksBy25_DoesNotTrigger()
        {
            await Project("""
                using Music.Data;

                namespace Music.Services
                {
                    public class ImportService
                    {
                        private readonly TrackRepository _repository;

                        public ImportService(TrackRepository repository) => _repository = repository;

                        public async Task ImportAsync(List<Track> tracks)
                        {
                            foreach (var chunk in tracks.Chunk(25))
                            {
                                await _repository.WriteAsync(chunk);
                            }
                        }
                    }
                }
                """, ("Data/TrackRepository.cs", DataRepositoryUnmarked)).RunAsync();
        }

        [Fact]
        public async Task HelperInOtherNamespace_CallerPassesAnUnboundedList_TriggersAtTheCall()
        {
            var test = Project("""
                using Music.Data;

                namespace Music.Services
                {
                    public class ImportService
                    {
                        private readonly TrackRepository _repository;

                        public ImportService(TrackRepository repository) => _repository = repository;

                        public async Task ImportAllAsync(List<Track> tracks)
                        {
                            await _repository.{|#0:WriteAsync|}(tracks);
                        }
                    }
                }
                """, ("Data/TrackRepository.cs", DataRepository));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(UnboundedMessage));
            await test.RunAsync();
        }

        /// <summary>
        /// Twelve modules declare the same repository type with the same helper, each in its own namespace, as generated
        /// or copied modules do; one service uses module 3's, and other types' WriteAsync methods make the name common. The
        /// files that can call a helper are found from the files that spell its type's name and namespace (an index of
        /// type names read once per compilation), not by asking each of the seventeen files that spell <c>WriteAsync</c>:
        /// only module 3's helper is called (and bounded there), the other eleven have no caller and are reported in their
        /// own batch call.
        /// </summary>
        [Fact]
        public async Task SameRepositoryInTwelveModules_CallerUsesOne_OnlyThatOneIsJudgedAtItsCall()
        {
            var modules = new List<(string Path, string Source)>();
            for (var i = 0; i < 12; i++)
            {
                var body = (i == 3 ? RepositoryUnmarked : Repository.Replace("{|#1:", "{|#" + (i + 1) + ":")).Substring(Prelude.Length);
                modules.Add(($"Modules/Module{i:00}/TrackRepository.cs", Prelude + $"namespace Music.Module{i:00};\n\n" + body));
            }

            // Other files spell WriteAsync too (another type's method): the name is common, the type's name is not.
            for (var i = 0; i < 4; i++)
            {
                modules.Add(($"Audit/AuditLog{i}.cs", $"namespace Music.Audit{{ public class AuditLog{i} {{ public System.Threading.Tasks.Task WriteAsync(string line) => System.Threading.Tasks.Task.CompletedTask; }} }}"));
            }

            var test = Project("""
                using Music.Module03;

                namespace Music.Services
                {
                    public class ImportService
                    {
                        private readonly TrackRepository _repository;

                        public ImportService(TrackRepository repository) => _repository = repository;

                        public async Task ImportAsync(List<Track> tracks)
                        {
                            foreach (var chunk in tracks.Chunk(25))
                            {
                                await _repository.WriteAsync(chunk);
                            }
                        }
                    }
                }
                """, modules.ToArray());
            for (var i = 0; i < 12; i++)
            {
                if (i != 3)
                {
                    test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(i + 1).WithMessage(InHelperMessage));
                }
            }

            await test.RunAsync();
        }

        [Fact]
        public async Task HelperInOtherNamespace_CallerSeesItThroughAGlobalUsingOfAnotherFile_TriggersAtTheCall()
        {
            // The caller's file spells the type but not its namespace: only the global using in GlobalUsings.cs brings it in.
            var test = Project("""
                namespace Music.Services
                {
                    public class ImportService
                    {
                        private readonly TrackRepository _repository;

                        public ImportService(TrackRepository repository) => _repository = repository;

                        public async Task ImportAllAsync(List<Track> tracks)
                        {
                            await _repository.{|#0:WriteAsync|}(tracks);
                        }
                    }
                }
                """,
                ("Data/TrackRepository.cs", DataRepository),
                ("GlobalUsings.cs", """
                global using Music.Data;

                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(UnboundedMessage));
            await test.RunAsync();
        }

        [Fact]
        public async Task HelperCalledThroughADerivedTypeOfAnotherFile_CallerNamesOnlyTheDerivedType_TriggersAtTheCall()
        {
            // The caller's file spells neither 'TrackRepository' nor 'Data': only BulkTrackRepository and its namespace.
            var test = Project("""
                using Music.Bulk;

                namespace Music.Services
                {
                    public class ImportService
                    {
                        private readonly BulkTrackRepository _repository;

                        public ImportService(BulkTrackRepository repository) => _repository = repository;

                        public async Task ImportAllAsync(List<Track> tracks)
                        {
                            await _repository.{|#0:WriteAsync|}(tracks);
                        }
                    }
                }
                """,
                ("Data/TrackRepository.cs", DataRepository),
                ("Bulk/BulkTrackRepository.cs", Prelude + """
                using Music.Data;

                namespace Music.Bulk;

                public class BulkTrackRepository : TrackRepository
                {
                    public BulkTrackRepository(IAmazonDynamoDB client)
                        : base(client)
                    {
                    }
                }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(UnboundedMessage));
            await test.RunAsync();
        }

        [Fact]
        public async Task ExplicitInterfaceImplementation_CalledThroughTheInterfaceWithAnUnboundedList_TriggersAtTheCall()
        {
            // The call through the interface runs the one (explicit) implementation: its callers decide, the helper is silent.
            var test = Project("""
                using Music.Data;

                namespace Music.Services
                {
                    public class ImportService
                    {
                        public Task ImportAllAsync(ITrackWriter writer, List<Track> tracks) => writer.{|#0:WriteAsync|}(tracks);
                    }
                }
                """, ("Data/TrackRepository.cs", Prelude + """
                namespace Music.Data;

                public interface ITrackWriter
                {
                    Task WriteAsync(IReadOnlyList<Track> tracks);
                }

                public class TrackRepository : ITrackWriter
                {
                    private readonly IAmazonDynamoDB _client;

                    public TrackRepository(IAmazonDynamoDB client) => _client = client;

                    async Task ITrackWriter.WriteAsync(IReadOnlyList<Track> tracks)
                    {
                        var requests = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            requests.Add(Items.Put(track));
                        }

                        await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync in 'TrackRepository.WriteAsync' (called here) may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch"));
            await test.RunAsync();

            var diagnostic = Assert.Single(await test.GetDiagnosticsAsync(), d => d.Location.SourceTree!.FilePath.EndsWith("Test0.cs", System.StringComparison.Ordinal));
            var additional = diagnostic.AdditionalLocations[0];
            Assert.EndsWith("TrackRepository.cs", additional.SourceTree!.FilePath);
            Assert.StartsWith("_client.BatchWriteItemAsync(", additional.SourceTree.GetText().ToString(additional.SourceSpan));
        }

        [Fact]
        public async Task SameNamedMethodOfAnUnrelatedClassCalledElsewhere_HelperWithoutCaller_TriggersInTheHelper()
        {
            // The call binds to AudioWriter.WriteAsync, in a tree that does not name TrackRepository: not a caller of the helper.
            var test = Project("""
                using Music.Audio;

                namespace Music.Services
                {
                    public class PlaybackService
                    {
                        public Task SaveAllAsync(AudioWriter writer, List<Track> tracks) => writer.WriteAsync(tracks);
                    }
                }
                """,
                ("Data/TrackRepository.cs", DataRepository),
                ("Audio/AudioWriter.cs", Prelude + """
                namespace Music.Audio;

                public class AudioWriter
                {
                    public Task WriteAsync(IReadOnlyList<Track> tracks) => Task.CompletedTask;
                }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(1).WithMessage(InHelperMessage));
            await test.RunAsync();
        }

        [Fact]
        public async Task PrivateHelperOfAPartialClass_CalledFromThePartInAnotherFileWithAnUnboundedList_TriggersAtThatCall()
        {
            var test = Project("""
                public partial class TrackImporter
                {
                    public Task ImportAllAsync(List<Track> tracks) => {|#0:WriteAsync|}(tracks);

                    public async Task ImportInChunksAsync(List<Track> tracks)
                    {
                        foreach (var chunk in tracks.Chunk(25))
                        {
                            await WriteAsync(chunk);
                        }
                    }
                }
                """, ("Data/TrackImporter.Writes.cs", Prelude + """
                public partial class TrackImporter
                {
                    private readonly IAmazonDynamoDB _client;

                    public TrackImporter(IAmazonDynamoDB client) => _client = client;

                    private async Task WriteAsync(IReadOnlyList<Track> tracks)
                    {
                        var requests = new List<WriteRequest>();
                        foreach (var track in tracks)
                        {
                            requests.Add(Items.Put(track));
                        }

                        await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["Tracks"] = requests } });
                    }
                }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(0).WithMessage(
                "BatchWriteItemAsync in 'TrackImporter.WriteAsync' (called here) may send more than 25 write requests in one call: there is one for each element of 'tracks', which is not limited to 25; DynamoDB rejects the whole batch"));
            await test.RunAsync();
        }

        [Fact]
        public async Task SameNamedCallWithAnArgumentCountTheHelperCannotTake_HelperWithoutCaller_TriggersInTheHelper()
        {
            // The tree names TrackRepository and its namespace, but WriteAsync is called with three arguments: AuditLog's.
            var test = Project("""
                using Music.Data;

                namespace Music.Services
                {
                    public class AuditLog
                    {
                        public Task WriteAsync(string area, List<Track> tracks, string reason) => Task.CompletedTask;
                    }

                    public class ImportService
                    {
                        private readonly TrackRepository _repository;
                        private readonly AuditLog _log;

                        public ImportService(TrackRepository repository, AuditLog log)
                        {
                            _repository = repository;
                            _log = log;
                        }

                        public TrackRepository Repository => _repository;

                        public Task ImportAllAsync(List<Track> tracks) => _log.WriteAsync("import", tracks, "all");
                    }
                }
                """, ("Data/TrackRepository.cs", DataRepository));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB301").WithLocation(1).WithMessage(InHelperMessage));
            await test.RunAsync();
        }

        [Fact]
        public async Task SameNamedCallOfAnotherClassWhereTheHelperTypeIsInScope_HelperStaysSilent()
        {
            // Whether the helper is called is judged from text, nothing is bound: AuditLog.WriteAsync(tracks), in a file
            // that names TrackRepository and its namespace, counts as a possible call. The helper is then silent (a
            // missed finding, never a false one); the call itself is AuditLog's and is not reported either.
            var test = Project("""
                using Music.Data;

                namespace Music.Services
                {
                    public class AuditLog
                    {
                        public Task WriteAsync(List<Track> tracks) => Task.CompletedTask;
                    }

                    public class ImportService
                    {
                        private readonly TrackRepository _repository;
                        private readonly AuditLog _log;

                        public ImportService(TrackRepository repository, AuditLog log)
                        {
                            _repository = repository;
                            _log = log;
                        }

                        public TrackRepository Repository => _repository;

                        public Task ImportAllAsync(List<Track> tracks) => _log.WriteAsync(tracks);
                    }
                }
                """, ("Data/TrackRepository.cs", DataRepositoryUnmarked));
            await test.RunAsync();
        }

        // ---- BatchGetItem and transactions ----

        [Fact]
        public async Task BatchGetHelper_CallerPassesUnboundedIds_TriggersDDB302AtTheCall()
        {
            await Project("""
                class Catalog
                {
                    public async Task LoadAsync(TrackReader reader, List<string> ids)
                    {
                        await reader.{|DDB302:ReadAsync|}(ids);
                        foreach (var chunk in ids.Chunk(100))
                        {
                            await reader.ReadAsync(chunk);
                        }
                    }
                }
                """, ("Data/TrackReader.cs", Prelude + """
                public class TrackReader
                {
                    private readonly IAmazonDynamoDB _client;

                    public TrackReader(IAmazonDynamoDB client) => _client = client;

                    public async Task<List<Dictionary<string, AttributeValue>>> ReadAsync(IReadOnlyCollection<string> ids)
                    {
                        var response = await _client.BatchGetItemAsync(new BatchGetItemRequest
                        {
                            RequestItems = new() { ["Tracks"] = new KeysAndAttributes { Keys = ids.Select(Items.Key).ToList() } },
                        });
                        return response.Responses["Tracks"];
                    }
                }
                """)).RunAsync();
        }

        [Fact]
        public async Task TransactionHelper_CallerPassesUnboundedTracks_TriggersDDB303AtTheCall()
        {
            await Project("""
                class Publisher
                {
                    public async Task PublishAsync(TrackTransactions transactions, List<Track> tracks)
                    {
                        await transactions.{|DDB303:SaveAllAsync|}(tracks);
                        await transactions.SaveAllAsync(tracks.Take(100).ToList());
                    }
                }
                """, ("Data/TrackTransactions.cs", Prelude + """
                public class TrackTransactions
                {
                    private readonly IAmazonDynamoDB _client;

                    public TrackTransactions(IAmazonDynamoDB client) => _client = client;

                    public Task SaveAllAsync(List<Track> tracks)
                        => _client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = tracks.ConvertAll(Items.Save) });
                }
                """)).RunAsync();
        }

        [Fact]
        public async Task MultiTableTransactionHelper_CallerPassesMoreThanTheRoomLeft_TriggersDDB303AtTheCall()
        {
            // The helper's transaction is its album part (one action) plus one save per track: 99 tracks fit, 100 do not.
            TestSdks.Only(AwsSdk.V4, "multi-table transactions");
            await Project("""
                class Publisher
                {
                    public async Task PublishAsync(AlbumTransactions transactions, List<Track> tracks)
                    {
                        await transactions.{|DDB303:SaveAsync|}(tracks);
                        await transactions.{|DDB303:SaveAsync|}(tracks.Take(100).ToList());
                        await transactions.SaveAsync(tracks.Take(99).ToList());
                    }
                }
                """, ("Data/AlbumTransactions.cs", Prelude + """
                using Amazon.DynamoDBv2.DataModel;

                public class AlbumTransactions
                {
                    private readonly IDynamoDBContext _context;

                    public AlbumTransactions(IDynamoDBContext context) => _context = context;

                    public async Task SaveAsync(List<Track> tracks)
                    {
                        var trackPart = _context.CreateTransactWrite<Track>();
                        trackPart.AddSaveItems(tracks);
                        var albumPart = _context.CreateTransactWrite<Track>();
                        albumPart.AddDeleteKey("album");
                        await _context.CreateMultiTableTransactWrite(trackPart, albumPart).ExecuteAsync();
                    }
                }
                """)).RunAsync();
        }

        // ---- A collection held in a field, filled by other methods ----

        [Fact]
        public async Task FieldBuffer_FlushedAtACountTheAddMethodChecks_NoDiagnostic()
        {
            // The buffer never holds more than 99 actions: Add flushes when it gets there (the shape of a real
            // transactional-state store). The size is governed outside the method that sends the transaction.
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + """
                    public sealed class PendingWrites
                    {
                        private const int MaxOperations = 99;
                        private readonly IAmazonDynamoDB _client;
                        private readonly List<TransactWriteItem> operations = new List<TransactWriteItem>();

                        public PendingWrites(IAmazonDynamoDB client) => _client = client;

                        public async Task AddAsync(TransactWriteItem operation)
                        {
                            this.operations.Add(operation);
                            if (this.operations.Count == MaxOperations)
                            {
                                await FlushAsync();
                            }
                        }

                        public async Task FlushAsync()
                        {
                            var transaction = this.operations.Select(o => o).ToList();
                            transaction.Add(new TransactWriteItem { Put = new Put { TableName = "Keys", Item = Items.Key("k") } });
                            await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = transaction });
                            this.operations.Clear();
                        }
                    }
                    """ + BatchSizeLimitAnalyzerTests.Helpers,
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task FieldBuffer_NeverCounted_Triggers()
        {
            // Nothing in the type bounds the buffer: every queued write goes into one transaction.
            var test = new CSharpTest(new BatchSizeLimitAnalyzer())
            {
                TestCode = Prelude + """
                    public sealed class PendingWrites
                    {
                        private readonly IAmazonDynamoDB _client;
                        private readonly List<TransactWriteItem> _operations = new List<TransactWriteItem>();

                        public PendingWrites(IAmazonDynamoDB client) => _client = client;

                        public void Add(TransactWriteItem operation) => _operations.Add(operation);

                        public async Task FlushAsync()
                        {
                            var transaction = _operations.Select(o => o).ToList();
                            await _client.{|#0:TransactWriteItemsAsync|}(new TransactWriteItemsRequest { TransactItems = transaction });
                            _operations.Clear();
                        }
                    }
                    """ + BatchSizeLimitAnalyzerTests.Helpers,
                DiagnosticId = "DDB303",
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB303").WithLocation(0));
            await test.RunAsync();
        }
    }
}
