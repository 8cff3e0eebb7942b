using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DynamoGuard.Corpus
{
    /// <summary>One generated source file.</summary>
    public sealed record CorpusFile(string Path, string Text, string Kind, int Lines);

    /// <summary>
    /// Writes a synthetic but realistic C# code base, deterministic from a seed: services that use DynamoDB through all
    /// three SDK styles (low-level <c>IAmazonDynamoDB</c> requests, the document model's <c>ITable</c>/<c>Document</c>,
    /// the object persistence model's <c>IDynamoDBContext</c> with <c>[DynamoDBVersion]</c> models), mostly written
    /// correctly (conditional writes, atomic counters, chunked batches that retry unprocessed items, idempotent
    /// transactions, aliased expressions) and sometimes not (unguarded writes, SkipVersionCheck, read-modify-write
    /// counters, unbounded batches, ignored unprocessed items, expression slips), mixed with ordinary code that has
    /// nothing to do with DynamoDB. The code compiles against AWSSDK.DynamoDBv2 4.0.x (its net8.0 build).
    /// <para>
    /// File <c>i</c> depends only on the seed and <c>i</c>, so the corpus of N files is the first N files of the corpus
    /// of 2N, and any slice of consecutive files compiles on its own. Every ten consecutive files cover every kind.
    /// Used by the benchmark (tests/DynamoGuard.Benchmarks) and by the robustness tests.
    /// </para>
    /// </summary>
    public static partial class CorpusGenerator
    {
        public const int DefaultSeed = 20250607;

        /// <summary>Probability that a DynamoDB call site is written the unsafe way.</summary>
        public const double DefaultBugRate = 0.2;

        private static readonly FileKind[] SdkPattern =
        {
            FileKind.LowLevel, FileKind.Ordinary, FileKind.ObjectPersistence, FileKind.DocumentModel, FileKind.Layered,
            FileKind.Batches, FileKind.LowLevel, FileKind.Ordinary, FileKind.ObjectPersistence, FileKind.Ordinary,
        };

        private static readonly string[] Entities =
        {
            "Playlist", "Order", "Invoice", "Customer", "Cart", "Account", "Device", "Session", "Ticket", "Product",
            "Shipment", "Booking", "Subscription", "Review", "Wallet", "Coupon", "Article", "Listing", "Reservation", "Profile",
        };

        private static readonly string[] Areas =
        {
            "Billing", "Catalog", "Identity", "Fulfillment", "Messaging", "Reporting", "Search", "Payments", "Inventory", "Support",
        };

        private static readonly (string Attribute, string Property)[] Counters =
        {
            ("views", "Views"), ("quantity", "Quantity"), ("retry_count", "RetryCount"), ("likes", "Likes"), ("stock", "Stock"), ("visits", "Visits"),
        };

        private static readonly string[] NameAttributes = { "name", "title", "status", "label", "display_name" };

        private enum FileKind
        {
            LowLevel,
            DocumentModel,
            ObjectPersistence,
            Batches,

            /// <summary>A module in layers: repository, service, DI registration and retry wrapper (CorpusGenerator.Layered.cs).</summary>
            Layered,
            Ordinary,
        }

        /// <summary>The first <paramref name="fileCount"/> files of the corpus.</summary>
        /// <param name="withAwsSdk">False: a code base that does not reference the AWS SDK at all (ordinary code only).</param>
        public static IReadOnlyList<CorpusFile> Generate(int fileCount, int seed = DefaultSeed, bool withAwsSdk = true)
        {
            var files = new List<CorpusFile>(fileCount);
            for (var i = 0; i < fileCount; i++)
            {
                files.Add(GenerateFile(i, seed, withAwsSdk));
            }

            return files;
        }

        /// <summary>File number <paramref name="index"/> of the corpus.</summary>
        public static CorpusFile GenerateFile(int index, int seed = DefaultSeed, bool withAwsSdk = true)
            => GenerateFile(index, seed, withAwsSdk, DefaultBugRate, memberRate: 0.6, folder: "");

        /// <summary>
        /// A file like <see cref="GenerateFile(int, int, bool)"/> but dense: every optional member present and most DynamoDB
        /// call sites written the unsafe way, so code fixes have work to do. Ten consecutive indexes cover every kind.
        /// </summary>
        public static CorpusFile GenerateDenseFile(int index, int seed = DefaultSeed)
            => GenerateFile(index, unchecked(seed + 1), withAwsSdk: true, bugRate: 0.8, memberRate: 1.0, folder: "Dense/");

        private static CorpusFile GenerateFile(int index, int seed, bool withAwsSdk, double bugRate, double memberRate, string folder)
        {
            var random = new Random(unchecked((seed * 1000003) + (index * 7919) + (withAwsSdk ? 0 : 104729)));
            var kind = withAwsSdk ? SdkPattern[index % SdkPattern.Length] : FileKind.Ordinary;
            var naming = Naming.Create(random, index);
            var builder = new FileBuilder(random, naming, bugRate, memberRate);
            builder.AddKind(kind);
            if (kind != FileKind.Ordinary && random.NextDouble() < 0.15)
            {
                builder.AddOrdinary(1);
            }

            var blockNamespace = random.NextDouble() < 0.4;
            var ns = $"Contoso.{folder.TrimEnd('/')}{(folder.Length > 0 ? "." : "")}{naming.Area}.{naming.Entity}Module{index:D4}";
            var text = builder.Render(ns, blockNamespace, usingsInside: blockNamespace && random.NextDouble() < 0.5);
            var path = $"{folder}{naming.Area}/{naming.Entity}{kind}{index:D4}.cs";
            return new CorpusFile(path, text, kind.ToString(), CountLines(text));
        }

        /// <summary>
        /// One file of at least <paramref name="minimumLines"/> lines, dense with DynamoDB code written the unsafe way
        /// (every kind, with SkipVersionCheck in most object persistence services): the target of the code-fix timings.
        /// </summary>
        public static string GenerateFixTarget(int minimumLines, int seed = DefaultSeed)
        {
            var text = new StringBuilder();
            text.AppendLine("// Generated by DynamoGuard's corpus generator: a large file for code-fix timings.");
            var lines = 1;
            for (var i = 0; lines < minimumLines; i++)
            {
                var random = new Random(unchecked((seed * 31) + i));
                var naming = Naming.Create(random, i);
                var builder = new FileBuilder(random, naming, bugRate: 0.7, memberRate: 1.0);
                builder.AddKind(i % 3 == 2 ? SdkPattern[(i / 3) % SdkPattern.Length] : FileKind.ObjectPersistence);
                var block = builder.Render($"Contoso.FixTarget.{naming.Entity}Part{i:D3}", blockNamespace: true, usingsInside: true);
                text.AppendLine();
                text.Append(block);
                lines += 1 + CountLines(block);
            }

            return text.ToString();
        }

        private static int CountLines(string text)
        {
            var count = 0;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    count++;
                }
            }

            return count;
        }

        private sealed class Naming
        {
            public string Entity { get; private set; } = "";
            public string Camel { get; private set; } = "";
            public string Table { get; private set; } = "";
            public string Area { get; private set; } = "";
            public string IdAttribute { get; private set; } = "";
            public string VersionAttribute { get; private set; } = "";
            public string CounterAttribute { get; private set; } = "";
            public string CounterProperty { get; private set; } = "";
            public string NameAttribute { get; private set; } = "";
            public int Number { get; private set; }

            public static Naming Create(Random random, int index)
            {
                var entity = Entities[random.Next(Entities.Length)];
                var lower = entity.ToLowerInvariant();
                var counter = Counters[random.Next(Counters.Length)];
                string[] versions = { "version", "rowVersion", lower + "_version", "Version", "item_version" };
                string[] tables = { entity + "s", "app-" + lower + "s", entity + "Table", lower + "s-" + (index % 7).ToString(CultureInfo.InvariantCulture) };
                string[] ids = { "id", "pk", lower + "_id", "Id" };
                return new Naming
                {
                    Entity = entity,
                    Camel = char.ToLowerInvariant(entity[0]) + entity.Substring(1),
                    Table = tables[random.Next(tables.Length)],
                    Area = Areas[random.Next(Areas.Length)],
                    IdAttribute = ids[random.Next(ids.Length)],
                    VersionAttribute = versions[random.Next(versions.Length)],
                    CounterAttribute = counter.Attribute,
                    CounterProperty = counter.Property,
                    NameAttribute = NameAttributes[random.Next(NameAttributes.Length)],
                    Number = 10 + random.Next(990),
                };
            }

            public string Fill(string template) => template
                .Replace("%Entity%", Entity, StringComparison.Ordinal)
                .Replace("%entity%", Camel, StringComparison.Ordinal)
                .Replace("%Table%", Table, StringComparison.Ordinal)
                .Replace("%Area%", Area, StringComparison.Ordinal)
                .Replace("%Id%", IdAttribute, StringComparison.Ordinal)
                .Replace("%Version%", VersionAttribute, StringComparison.Ordinal)
                .Replace("%Counter%", CounterAttribute, StringComparison.Ordinal)
                .Replace("%CounterProp%", CounterProperty, StringComparison.Ordinal)
                .Replace("%Name%", NameAttribute, StringComparison.Ordinal)
                .Replace("%N%", Number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        /// <summary>Collects the usings and top-level chunks (types) of one file, then renders it.</summary>
        private sealed partial class FileBuilder
        {
            private readonly Random _random;
            private readonly Naming _naming;
            private readonly double _bugRate;
            private readonly double _memberRate;
            private readonly SortedSet<string> _usings = new(StringComparer.Ordinal);
            private readonly List<string> _chunks = new();
            private readonly HashSet<int> _ordinaryUsed = new();

            /// <param name="memberRate">Scales the probability that a class gets each optional member (file size).</param>
            public FileBuilder(Random random, Naming naming, double bugRate, double memberRate)
            {
                _random = random;
                _naming = naming;
                _bugRate = bugRate;
                _memberRate = memberRate;
            }

            public void AddKind(FileKind kind)
            {
                switch (kind)
                {
                    case FileKind.LowLevel:
                        Use("System", "System.Collections.Generic", "System.Globalization", "System.Threading", "System.Threading.Tasks", "Amazon.DynamoDBv2", "Amazon.DynamoDBv2.Model");
                        AddClass(Templates.LowLevelHeader, Templates.LowLevelGroups, Templates.LowLevelFooter);
                        if (_random.NextDouble() < 0.6 * _memberRate)
                        {
                            AddClass(Templates.CounterHeader, Templates.CounterGroups, Templates.CounterFooter);
                        }

                        break;

                    case FileKind.DocumentModel:
                        Use("System", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks", "Amazon.DynamoDBv2", "Amazon.DynamoDBv2.DocumentModel", "Amazon.DynamoDBv2.Model");
                        AddClass(Templates.DocumentHeader, Templates.DocumentGroups, Templates.ClassEnd);
                        break;

                    case FileKind.ObjectPersistence:
                        Use("System", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks", "Amazon.DynamoDBv2.DataModel", "Amazon.DynamoDBv2.Model");
                        _chunks.Add(_naming.Fill(Templates.Models));
                        AddClass(Templates.ServiceHeader, Templates.ServiceGroups, Templates.ClassEnd);
                        if (_random.NextDouble() < 0.25)
                        {
                            Use("Amazon.DynamoDBv2");
                            _chunks.Add(_naming.Fill(Pick(Templates.ContextFactory)));
                        }

                        break;

                    case FileKind.Batches:
                        Use("System", "System.Collections.Generic", "System.Globalization", "System.Linq", "System.Threading", "System.Threading.Tasks", "Amazon.DynamoDBv2", "Amazon.DynamoDBv2.Model");
                        _chunks.Add(_naming.Fill(Templates.Row));
                        AddClass(Templates.BatchHeader, Templates.BatchGroups, Templates.BatchFooter);
                        break;

                    case FileKind.Layered:
                        AddLayered();
                        break;

                    default:
                        AddOrdinary(1 + _random.Next(2));
                        break;
                }
            }

            public void AddOrdinary(int count)
            {
                for (var added = 0; added < count && _ordinaryUsed.Count < Templates.Ordinary.Length;)
                {
                    var index = _random.Next(Templates.Ordinary.Length);
                    if (!_ordinaryUsed.Add(index))
                    {
                        continue;
                    }

                    var (usings, template) = Templates.Ordinary[index];
                    Use(usings);
                    _chunks.Add(_naming.Fill(template));
                    added++;
                }
            }

            public string Render(string ns, bool blockNamespace, bool usingsInside)
            {
                var text = new StringBuilder();
                if (!usingsInside)
                {
                    foreach (var u in _usings)
                    {
                        text.Append("using ").Append(u).Append(";\n");
                    }

                    text.Append('\n');
                }

                var indent = blockNamespace ? "    " : "";
                text.Append("namespace ").Append(ns).Append(blockNamespace ? "\n{\n" : ";\n\n");
                if (usingsInside)
                {
                    foreach (var u in _usings)
                    {
                        text.Append(indent).Append("using ").Append(u).Append(";\n");
                    }

                    text.Append('\n');
                }

                for (var i = 0; i < _chunks.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append('\n');
                    }

                    foreach (var line in _chunks[i].Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
                    {
                        if (line.Length > 0)
                        {
                            text.Append(indent).Append(line);
                        }

                        text.Append('\n');
                    }
                }

                if (blockNamespace)
                {
                    text.Append("}\n");
                }

                return text.ToString();
            }

            private void Use(params string[] namespaces)
            {
                foreach (var ns in namespaces)
                {
                    _usings.Add(ns);
                }
            }

            /// <summary>A class: its header, one member from most groups (the unsafe variant with the bug rate), its footer.</summary>
            private void AddClass(string header, Group[] groups, string footer)
            {
                var text = new StringBuilder(_naming.Fill(header).TrimEnd('\n'));
                foreach (var group in groups)
                {
                    // Probability above 1 (Group.Always): a member others call, present whatever the member rate.
                    if (_random.NextDouble() >= group.Probability * _memberRate && group.Probability <= 1)
                    {
                        continue;
                    }

                    var options = group.Bugs.Length > 0 && _random.NextDouble() < _bugRate ? group.Bugs : group.Safe;
                    text.Append("\n\n").Append(_naming.Fill(Pick(options)).TrimEnd('\n'));
                }

                text.Append('\n').Append(_naming.Fill(footer));
                _chunks.Add(text.ToString());
            }

            private string Pick(string[] options) => options[_random.Next(options.Length)];
        }

        private sealed class Group
        {
            /// <summary>The probability of a member that other members call: always present, only its variant is drawn.</summary>
            public const double Always = 2.0;

            public Group(double probability, string[] safe, params string[] bugs)
            {
                Probability = probability;
                Safe = safe;
                Bugs = bugs;
            }

            public double Probability { get; }
            public string[] Safe { get; }
            public string[] Bugs { get; }
        }

        /// <summary>
        /// Code templates. Members are written at class-member indentation; placeholders: %Entity% %entity% %Table% %Area%
        /// %Id% %Version% %Counter% %CounterProp% %Name% %N%.
        /// </summary>
        private static partial class Templates
        {
            // ---------------------------------------------------------------- low-level client
            public const string LowLevelHeader = """
/// <summary>Stores %Entity% items in the %Table% table through the low-level client, with optimistic locking on %Version%.</summary>
public sealed class %Entity%Store
{
    private const string TableName = "%Table%";
    private const string IdAttribute = "%Id%";
    private const string VersionAttribute = "%Version%";

    private readonly IAmazonDynamoDB _client;

    public %Entity%Store(IAmazonDynamoDB client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>Reads one %entity%; null when it does not exist.</summary>
    public async Task<Dictionary<string, AttributeValue>?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = TableName,
            Key = KeyFor(id),
            ConsistentRead = true,
        }, cancellationToken);

        // SDK v4: Item is null, not empty, when there is no such item.
        return response.Item is { Count: > 0 } item ? item : null;
    }
""";

            public const string LowLevelFooter = """

    private static Dictionary<string, AttributeValue> KeyFor(string id)
    {
        return new Dictionary<string, AttributeValue>
        {
            [IdAttribute] = new AttributeValue { S = id },
        };
    }
}
""";

            public const string ClassEnd = "}\n";

            public static readonly Group[] LowLevelGroups =
            {
                new(0.9, new[]
                {
                    """
    /// <summary>Creates a %entity%; fails when one with this id exists.</summary>
    public async Task CreateAsync(string id, string value, CancellationToken cancellationToken = default)
    {
        var request = new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [IdAttribute] = new AttributeValue { S = id },
                ["%Name%"] = new AttributeValue { S = value },
                [VersionAttribute] = new AttributeValue { N = "1" },
            },
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = IdAttribute },
        };

        await _client.PutItemAsync(request, cancellationToken);
    }
""",
                },
                """
    /// <summary>Creates a %entity%.</summary>
    public async Task CreateAsync(string id, string value, CancellationToken cancellationToken = default)
    {
        var request = new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [IdAttribute] = new AttributeValue { S = id },
                ["%Name%"] = new AttributeValue { S = value },
                [VersionAttribute] = new AttributeValue { N = "1" },
            },
        };

        await _client.PutItemAsync(request, cancellationToken);
    }
"""),
                new(0.8, new[]
                {
                    """
    /// <summary>Replaces a %entity% if nobody changed it since it was read at <paramref name="expectedVersion"/>.</summary>
    public async Task ReplaceAsync(string id, string value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await _client.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [IdAttribute] = new AttributeValue { S = id },
                ["%Name%"] = new AttributeValue { S = value },
                [VersionAttribute] = new AttributeValue { N = (expectedVersion + 1).ToString(CultureInfo.InvariantCulture) },
            },
            ConditionExpression = "#ver = :expected",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#ver"] = VersionAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
    }
""",
                },
                """
    /// <summary>Replaces a %entity%.</summary>
    public Task OverwriteAsync(string id, string value, long version, CancellationToken cancellationToken = default)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [IdAttribute] = new AttributeValue { S = id },
            ["%Name%"] = new AttributeValue { S = value },
            [VersionAttribute] = new AttributeValue { N = (version + 1).ToString(CultureInfo.InvariantCulture) },
        };

        return _client.PutItemAsync(TableName, item, cancellationToken);
    }
"""),
                new(0.8, new[]
                {
                    """
    /// <summary>Renames a %entity% and advances its version; returns the new version.</summary>
    public async Task<long> RenameAsync(string id, string value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var response = await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = TableName,
            Key = KeyFor(id),
            UpdateExpression = "SET #name = :value, #ver = #ver + :one",
            ConditionExpression = "#ver = :expected",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                ["#name"] = "%Name%",
                ["#ver"] = VersionAttribute,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":value"] = new AttributeValue { S = value },
                [":one"] = new AttributeValue { N = "1" },
                [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
            },
            ReturnValues = ReturnValue.UPDATED_NEW,
        }, cancellationToken);

        return long.Parse(response.Attributes[VersionAttribute].N, CultureInfo.InvariantCulture);
    }
""",
                    """
    /// <summary>Renames a %entity% if it is still at <paramref name="expectedVersion"/>.</summary>
    public async Task RenameAsync(string id, string value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var request = new UpdateItemRequest
        {
            TableName = TableName,
            Key = KeyFor(id),
        };
        request.UpdateExpression = "SET #name = :value, #ver = :next";
        request.ConditionExpression = "#ver = :expected";
        request.ExpressionAttributeNames = new Dictionary<string, string> { ["#name"] = "%Name%", ["#ver"] = VersionAttribute };
        request.ExpressionAttributeValues = new Dictionary<string, AttributeValue>
        {
            [":value"] = new AttributeValue { S = value },
            [":next"] = new AttributeValue { N = (expectedVersion + 1).ToString(CultureInfo.InvariantCulture) },
            [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
        };

        try
        {
            await _client.UpdateItemAsync(request, cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new InvalidOperationException($"%Entity% '{id}' changed since version {expectedVersion}.", ex);
        }
    }
""",
                },
                """
    /// <summary>Renames a %entity%.</summary>
    public async Task RenameAsync(string id, string value, CancellationToken cancellationToken = default)
    {
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = TableName,
            Key = KeyFor(id),
            UpdateExpression = "SET #name = :value",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#name"] = "%Name%" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":value"] = new AttributeValue { S = value },
            },
        }, cancellationToken);
    }
"""),
                new(0.5, new[]
                {
                    """
    /// <summary>Marks a %entity% as archived, recording when.</summary>
    public async Task ArchiveAsync(string id, long expectedVersion, DateTimeOffset when, CancellationToken cancellationToken = default)
    {
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = TableName,
            Key = KeyFor(id),
            UpdateExpression = "SET #status = :archived, archived_at = :when, #ver = #ver + :one REMOVE pending_since",
            ConditionExpression = "#ver = :expected AND #status <> :archived",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                ["#status"] = "status",
                ["#ver"] = VersionAttribute,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":archived"] = new AttributeValue { S = "ARCHIVED" },
                [":when"] = new AttributeValue { S = when.ToString("O", CultureInfo.InvariantCulture) },
                [":one"] = new AttributeValue { N = "1" },
                [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
    }
""",
                },
                """
    /// <summary>Marks a %entity% as archived.</summary>
    public async Task ArchiveAsync(string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = TableName,
            Key = KeyFor(id),
            UpdateExpression = "SET status = :archived, #ver = #ver + :one",
            ConditionExpression = "#ver = :expected",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#ver"] = VersionAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":archived"] = new AttributeValue { S = "ARCHIVED" },
                [":one"] = new AttributeValue { N = "1" },
                [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
                [":unused"] = new AttributeValue { S = "x" },
            },
        }, cancellationToken);
    }
"""),
                new(0.8, new[]
                {
                    """
    /// <summary>Deletes a %entity% if it is still at <paramref name="expectedVersion"/>; false when it changed.</summary>
    public async Task<bool> DeleteAsync(string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = TableName,
                Key = KeyFor(id),
                ConditionExpression = "#ver = :expected",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#ver"] = VersionAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
                },
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
""",
                },
                """
    /// <summary>Deletes a %entity%.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        return _client.DeleteItemAsync(TableName, KeyFor(id), cancellationToken);
    }
"""),
                new(0.6, new[]
                {
                    """
    /// <summary>Lists the %entity% items of one owner, following pagination.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await _client.QueryAsync(new QueryRequest
            {
                TableName = TableName,
                IndexName = "owner-index",
                KeyConditionExpression = "owner_id = :owner",
                FilterExpression = "attribute_not_exists(deleted_at)",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":owner"] = new AttributeValue { S = ownerId },
                },
                ExclusiveStartKey = startKey,
                Limit = %N%,
            }, cancellationToken);

            if (response.Items is { } page)
            {
                items.AddRange(page);
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return items;
    }
""",
                }),
                new(0.25, new[]
                {
                    """
    /// <summary>Replaces a %entity% using the legacy Expected parameter (older code path).</summary>
    public async Task ReplaceLegacyAsync(string id, string value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await _client.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [IdAttribute] = new AttributeValue { S = id },
                ["%Name%"] = new AttributeValue { S = value },
                [VersionAttribute] = new AttributeValue { N = (expectedVersion + 1).ToString(CultureInfo.InvariantCulture) },
            },
            Expected = new Dictionary<string, ExpectedAttributeValue>
            {
                [VersionAttribute] = new ExpectedAttributeValue
                {
                    Value = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
                },
            },
        }, cancellationToken);
    }
""",
                },
                """
    /// <summary>Replaces a %entity% (legacy and expression conditions mixed).</summary>
    public async Task ReplaceLegacyAsync(string id, string value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await _client.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [IdAttribute] = new AttributeValue { S = id },
                ["%Name%"] = new AttributeValue { S = value },
                [VersionAttribute] = new AttributeValue { N = (expectedVersion + 1).ToString(CultureInfo.InvariantCulture) },
            },
            ConditionExpression = "attribute_exists(#id)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = IdAttribute },
            Expected = new Dictionary<string, ExpectedAttributeValue>
            {
                [VersionAttribute] = new ExpectedAttributeValue
                {
                    Value = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
                },
            },
        }, cancellationToken);
    }
"""),
            };

            // ---------------------------------------------------------------- counters (low-level, a table without versions)
            public const string CounterHeader = """
/// <summary>Usage statistics of %entity% items, one counter item per %entity%.</summary>
public sealed class %Entity%Counters
{
    private const string StatsTable = "%Table%Stats";

    private readonly IAmazonDynamoDB _client;

    public %Entity%Counters(IAmazonDynamoDB client)
    {
        _client = client;
    }
""";

            public const string CounterFooter = """

    private static Dictionary<string, AttributeValue> StatsKey(string id)
    {
        return new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "stats#" + id } };
    }
}
""";

            public static readonly Group[] CounterGroups =
            {
                new(0.9, new[]
                {
                    """
    /// <summary>Adds <paramref name="delta"/> to the counter atomically (a retried request may count twice).</summary>
    public async Task<long> IncrementAsync(string id, int delta, CancellationToken cancellationToken = default)
    {
        var response = await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = StatsTable,
            Key = StatsKey(id),
            UpdateExpression = "ADD #count :delta",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#count"] = "%Counter%" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":delta"] = new AttributeValue { N = delta.ToString(CultureInfo.InvariantCulture) },
            },
            ReturnValues = ReturnValue.UPDATED_NEW,
        }, cancellationToken);

        return long.Parse(response.Attributes["%Counter%"].N, CultureInfo.InvariantCulture);
    }
""",
                    """
    /// <summary>Adds one to the counter, starting from zero.</summary>
    public Task IncrementAsync(string id, CancellationToken cancellationToken = default)
    {
        return _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = StatsTable,
            Key = StatsKey(id),
            UpdateExpression = "SET #count = if_not_exists(#count, :zero) + :one, updated_at = :now",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#count"] = "%Counter%" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":zero"] = new AttributeValue { N = "0" },
                [":one"] = new AttributeValue { N = "1" },
                [":now"] = new AttributeValue { S = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
    }
""",
                }),
                new(0.8, new[]
                {
                    """
    /// <summary>Takes <paramref name="amount"/> from the counter unless someone changed it since it was read.</summary>
    public async Task<bool> TryTakeAsync(string id, int amount, CancellationToken cancellationToken = default)
    {
        var current = await _client.GetItemAsync(new GetItemRequest { TableName = StatsTable, Key = StatsKey(id), ConsistentRead = true }, cancellationToken);
        if (current.Item is not { Count: > 0 } item || !item.TryGetValue("%Counter%", out var value))
        {
            return false;
        }

        var available = int.Parse(value.N, CultureInfo.InvariantCulture);
        if (available < amount)
        {
            return false;
        }

        try
        {
            await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = StatsTable,
                Key = StatsKey(id),
                UpdateExpression = "SET #count = :remaining",
                ConditionExpression = "#count = :read",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#count"] = "%Counter%" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":remaining"] = new AttributeValue { N = (available - amount).ToString(CultureInfo.InvariantCulture) },
                    [":read"] = new AttributeValue { N = value.N },
                },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
""",
                },
                """
    /// <summary>Adds one to the counter.</summary>
    public async Task<int> BumpAsync(string id, CancellationToken cancellationToken = default)
    {
        var current = await _client.GetItemAsync(new GetItemRequest { TableName = StatsTable, Key = StatsKey(id), ConsistentRead = true }, cancellationToken);
        var count = current.Item is { Count: > 0 } item ? int.Parse(item["%Counter%"].N, CultureInfo.InvariantCulture) : 0;
        count++;

        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = StatsTable,
            Key = StatsKey(id),
            UpdateExpression = "SET #count = :count",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#count"] = "%Counter%" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":count"] = new AttributeValue { N = count.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
        return count;
    }
""",
                """
    /// <summary>Adds <paramref name="delta"/> to the counter.</summary>
    public async Task AddAsync(string id, long delta, CancellationToken cancellationToken = default)
    {
        var response = await _client.GetItemAsync(StatsTable, StatsKey(id), true, cancellationToken);
        var item = response.Item ?? new Dictionary<string, AttributeValue>(StatsKey(id));
        var total = item.TryGetValue("%Counter%", out var existing) ? long.Parse(existing.N, CultureInfo.InvariantCulture) : 0L;
        total += delta;
        item["%Counter%"] = new AttributeValue { N = total.ToString(CultureInfo.InvariantCulture) };
        await _client.PutItemAsync(new PutItemRequest { TableName = StatsTable, Item = item }, cancellationToken);
    }
"""),
            };

            // ---------------------------------------------------------------- batches and transactions (low-level)
            public const string Row = """
/// <summary>One %entity% row of an import file.</summary>
public sealed record %Entity%Row(string Id, string Name, int %CounterProp%);
""";

            public const string BatchHeader = """
/// <summary>Bulk operations on the %Table% table.</summary>
public sealed class %Entity%Importer
{
    private const string TableName = "%Table%";
    private const int MaxBatchWrite = 25;
    private const int MaxAttempts = 8;

    private readonly IAmazonDynamoDB _client;

    public %Entity%Importer(IAmazonDynamoDB client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }
""";

            public const string BatchFooter = """

    private static Dictionary<string, AttributeValue> ToItem(%Entity%Row row)
    {
        return new Dictionary<string, AttributeValue>
        {
            ["%Id%"] = new AttributeValue { S = row.Id },
            ["%Name%"] = new AttributeValue { S = row.Name },
            ["%Counter%"] = new AttributeValue { N = row.%CounterProp%.ToString(CultureInfo.InvariantCulture) },
        };
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(2000, 50 * (1 << attempt)));
}
""";

            public static readonly Group[] BatchGroups =
            {
                new(0.95, new[]
                {
                    """
    /// <summary>Writes the rows in batches of 25, re-sending unprocessed items with backoff.</summary>
    public async Task ImportAsync(IReadOnlyList<%Entity%Row> rows, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in rows.Chunk(MaxBatchWrite))
        {
            var pending = new Dictionary<string, List<WriteRequest>>
            {
                [TableName] = chunk.Select(row => new WriteRequest { PutRequest = new PutRequest { Item = ToItem(row) } }).ToList(),
            };

            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                if (attempt == MaxAttempts)
                {
                    throw new InvalidOperationException($"{pending[TableName].Count} rows were not written after {MaxAttempts} attempts.");
                }

                if (attempt > 0)
                {
                    await Task.Delay(Backoff(attempt), cancellationToken);
                }

                var response = await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken);
                pending = response.UnprocessedItems is { Count: > 0 } unprocessed ? unprocessed : new Dictionary<string, List<WriteRequest>>();
            }
        }
    }
""",
                },
                """
    /// <summary>Writes all rows in one call.</summary>
    public async Task ImportAsync(IEnumerable<%Entity%Row> rows, CancellationToken cancellationToken = default)
    {
        var writes = rows.Select(row => new WriteRequest { PutRequest = new PutRequest { Item = ToItem(row) } }).ToList();
        await _client.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new Dictionary<string, List<WriteRequest>> { [TableName] = writes },
        }, cancellationToken);
    }
""",
                """
    /// <summary>Writes the rows in batches of 25.</summary>
    public async Task ImportAsync(IReadOnlyList<%Entity%Row> rows, CancellationToken cancellationToken = default)
    {
        for (var start = 0; start < rows.Count; start += MaxBatchWrite)
        {
            var writes = new List<WriteRequest>();
            foreach (var row in rows.Skip(start).Take(MaxBatchWrite))
            {
                writes.Add(new WriteRequest { PutRequest = new PutRequest { Item = ToItem(row) } });
            }

            await _client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { [TableName] = writes }, cancellationToken);
        }
    }
"""),
                new(0.7, new[]
                {
                    """
    /// <summary>Reads many items, 100 keys per call, re-requesting unprocessed keys.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> GetManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var results = new List<Dictionary<string, AttributeValue>>();
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var pending = new Dictionary<string, KeysAndAttributes>
            {
                [TableName] = new KeysAndAttributes
                {
                    Keys = chunk.Select(id => new Dictionary<string, AttributeValue> { ["%Id%"] = new AttributeValue { S = id } }).ToList(),
                    ProjectionExpression = "%Id%, #n, #c",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#n"] = "%Name%", ["#c"] = "%Counter%" },
                },
            };

            for (var attempt = 0; pending.Count > 0 && attempt < MaxAttempts; attempt++)
            {
                var response = await _client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending }, cancellationToken);
                if (response.Responses is { } responses && responses.TryGetValue(TableName, out var items))
                {
                    results.AddRange(items);
                }

                pending = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : new Dictionary<string, KeysAndAttributes>();
            }
        }

        return results;
    }
""",
                },
                """
    /// <summary>Reads many items in one call.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> GetManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var keys = new List<Dictionary<string, AttributeValue>>();
        foreach (var id in ids)
        {
            keys.Add(new Dictionary<string, AttributeValue> { ["%Id%"] = new AttributeValue { S = id } });
        }

        var response = await _client.BatchGetItemAsync(new BatchGetItemRequest
        {
            RequestItems = new Dictionary<string, KeysAndAttributes> { [TableName] = new KeysAndAttributes { Keys = keys } },
        }, cancellationToken);
        return response.Responses[TableName];
    }
"""),
                new(0.7, new[]
                {
                    """
    /// <summary>Moves <paramref name="amount"/> between two items atomically; the token makes a retry harmless.</summary>
    public async Task TransferAsync(string fromId, string toId, int amount, string idempotencyToken, CancellationToken cancellationToken = default)
    {
        var request = new TransactWriteItemsRequest
        {
            ClientRequestToken = idempotencyToken,
            TransactItems = new List<TransactWriteItem>
            {
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = TableName,
                        Key = new Dictionary<string, AttributeValue> { ["%Id%"] = new AttributeValue { S = fromId } },
                        UpdateExpression = "SET #count = #count - :amount",
                        ConditionExpression = "#count >= :amount",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#count"] = "%Counter%" },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":amount"] = new AttributeValue { N = amount.ToString(CultureInfo.InvariantCulture) } },
                    },
                },
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = TableName,
                        Key = new Dictionary<string, AttributeValue> { ["%Id%"] = new AttributeValue { S = toId } },
                        UpdateExpression = "ADD #count :amount",
                        ConditionExpression = "attribute_exists(%Id%)",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#count"] = "%Counter%" },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":amount"] = new AttributeValue { N = amount.ToString(CultureInfo.InvariantCulture) } },
                    },
                },
            },
        };

        await _client.TransactWriteItemsAsync(request, cancellationToken);
    }
""",
                },
                """
    /// <summary>Writes all rows in one transaction.</summary>
    public async Task ImportAtomicallyAsync(IEnumerable<%Entity%Row> rows, CancellationToken cancellationToken = default)
    {
        var actions = rows
            .Select(row => new TransactWriteItem { Put = new Put { TableName = TableName, Item = ToItem(row) } })
            .ToList();
        await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = actions }, cancellationToken);
    }
"""),
                new(0.5, new[]
                {
                    """
    /// <summary>Deletes the given items, 25 per call, until none is left unprocessed.</summary>
    public async Task DeleteManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var remaining = ids.ToList();
        while (remaining.Count > 0)
        {
            var batch = remaining.Take(MaxBatchWrite).ToList();
            remaining.RemoveRange(0, batch.Count);
            var request = new BatchWriteItemRequest
            {
                RequestItems = new Dictionary<string, List<WriteRequest>>
                {
                    [TableName] = batch.Select(id => new WriteRequest
                    {
                        DeleteRequest = new DeleteRequest { Key = new Dictionary<string, AttributeValue> { ["%Id%"] = new AttributeValue { S = id } } },
                    }).ToList(),
                },
            };

            var response = await _client.BatchWriteItemAsync(request, cancellationToken);
            if (response.UnprocessedItems is { Count: > 0 } unprocessed && unprocessed.TryGetValue(TableName, out var again))
            {
                remaining.AddRange(again.Select(w => w.DeleteRequest.Key["%Id%"].S));
                await Task.Delay(Backoff(1), cancellationToken);
            }
        }
    }
""",
                }),
                new(0.35, new[]
                {
                    """
    /// <summary>Runs PartiQL updates, 25 per call, and reports the statements that failed.</summary>
    public async Task<List<string>> MarkSeenAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var failed = new List<string>();
        foreach (var chunk in ids.Chunk(MaxBatchWrite))
        {
            var response = await _client.BatchExecuteStatementAsync(new BatchExecuteStatementRequest
            {
                Statements = chunk.Select(id => new BatchStatementRequest
                {
                    Statement = $"UPDATE \"{TableName}\" SET seen = true WHERE %Id% = ?",
                    Parameters = new List<AttributeValue> { new AttributeValue { S = id } },
                }).ToList(),
            }, cancellationToken);

            for (var i = 0; i < response.Responses.Count; i++)
            {
                if (response.Responses[i].Error is { } error)
                {
                    failed.Add($"{chunk[i]}: {error.Code} {error.Message}");
                }
            }
        }

        return failed;
    }
""",
                },
                """
    /// <summary>Runs PartiQL updates.</summary>
    public async Task MarkSeenAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var statements = new List<BatchStatementRequest>();
        foreach (var id in ids.Take(MaxBatchWrite))
        {
            statements.Add(new BatchStatementRequest
            {
                Statement = $"UPDATE \"{TableName}\" SET seen = true WHERE %Id% = ?",
                Parameters = new List<AttributeValue> { new AttributeValue { S = id } },
            });
        }

        await _client.BatchExecuteStatementAsync(new BatchExecuteStatementRequest { Statements = statements }, cancellationToken);
    }
"""),
            };

            // ---------------------------------------------------------------- document model
            public const string DocumentHeader = """
/// <summary>%Entity% documents in the %Table% table, through the document model.</summary>
public sealed class %Entity%Documents
{
    private const string VersionAttribute = "%Version%";

    private readonly ITable _table;

    public %Entity%Documents(ITable table)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
    }

    public static %Entity%Documents Create(IAmazonDynamoDB client)
    {
        var table = new TableBuilder(client, "%Table%")
            .AddHashKey("%Id%", DynamoDBEntryType.String)
            .Build();
        return new %Entity%Documents(table);
    }

    /// <summary>Reads one document; null when it does not exist.</summary>
    public Task<Document> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        return _table.GetItemAsync(new Primitive(id), cancellationToken);
    }
""";

            public static readonly Group[] DocumentGroups =
            {
                new(0.9, new[]
                {
                    """
    /// <summary>Creates a document; fails when one with this id exists.</summary>
    public async Task CreateAsync(string id, string value, CancellationToken cancellationToken = default)
    {
        var document = new Document
        {
            ["%Id%"] = id,
            ["%Name%"] = value,
            [VersionAttribute] = 1,
        };

        await _table.PutItemAsync(document, new PutItemOperationConfig
        {
            ConditionalExpression = new Expression
            {
                ExpressionStatement = "attribute_not_exists(#id)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = "%Id%" },
            },
        }, cancellationToken);
    }
""",
                },
                """
    /// <summary>Creates or replaces a document.</summary>
    public async Task CreateAsync(string id, string value, CancellationToken cancellationToken = default)
    {
        var document = new Document();
        document["%Id%"] = id;
        document["%Name%"] = value;
        document[VersionAttribute] = 1;
        await _table.PutItemAsync(document, cancellationToken);
    }
"""),
                new(0.8, new[]
                {
                    """
    /// <summary>Saves a document that was read earlier, if nobody changed it in between.</summary>
    public async Task SaveAsync(Document document, CancellationToken cancellationToken = default)
    {
        var expected = document[VersionAttribute].AsLong();
        document[VersionAttribute] = expected + 1;
        await _table.UpdateItemAsync(document, new UpdateItemOperationConfig
        {
            ConditionalExpression = new Expression
            {
                ExpressionStatement = "#ver = :expected",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#ver"] = VersionAttribute },
                ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { [":expected"] = expected },
            },
            ReturnValues = ReturnValues.None,
        }, cancellationToken);
    }
""",
                },
                """
    /// <summary>Saves a document that was read earlier.</summary>
    public async Task SaveAsync(Document document, CancellationToken cancellationToken = default)
    {
        document[VersionAttribute] = document[VersionAttribute].AsLong() + 1;
        await _table.PutItemAsync(document, cancellationToken);
    }
"""),
                new(0.6, new[]
                {
                    """
    /// <summary>Adds one to the document's counter unless it changed since it was read.</summary>
    public async Task<bool> TryIncrementAsync(string id, CancellationToken cancellationToken = default)
    {
        var document = await _table.GetItemAsync(new Primitive(id), cancellationToken);
        if (document is null)
        {
            return false;
        }

        var read = document["%Counter%"].AsInt();
        document["%Counter%"] = read + 1;
        try
        {
            await _table.UpdateItemAsync(document, new UpdateItemOperationConfig
            {
                ConditionalExpression = new Expression
                {
                    ExpressionStatement = "#c = :read",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = "%Counter%" },
                    ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { [":read"] = read },
                },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
""",
                },
                """
    /// <summary>Adds one to the document's counter.</summary>
    public async Task IncrementAsync(string id, CancellationToken cancellationToken = default)
    {
        var document = await _table.GetItemAsync(new Primitive(id), cancellationToken);
        var count = document["%Counter%"].AsInt();
        document["%Counter%"] = count + 1;
        await _table.UpdateItemAsync(document, cancellationToken);
    }
"""),
                new(0.7, new[]
                {
                    """
    /// <summary>Deletes a document if it is still at <paramref name="expectedVersion"/>.</summary>
    public Task DeleteAsync(string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var config = new DeleteItemOperationConfig
        {
            ConditionalExpression = new Expression
            {
                ExpressionStatement = "#ver = :expected",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#ver"] = VersionAttribute },
                ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { [":expected"] = expectedVersion },
            },
        };
        return _table.DeleteItemAsync(new Primitive(id), config, cancellationToken);
    }
""",
                },
                """
    /// <summary>Deletes a document.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        return _table.DeleteItemAsync(new Primitive(id), cancellationToken);
    }
"""),
                new(0.5, new[]
                {
                    """
    /// <summary>Documents of one owner, newest first.</summary>
    public async Task<List<Document>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var search = _table.Query(new QueryOperationConfig
        {
            IndexName = "owner-index",
            KeyExpression = new Expression
            {
                ExpressionStatement = "owner_id = :owner",
                ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { [":owner"] = ownerId },
            },
            BackwardSearch = true,
            Limit = %N%,
        });

        var documents = new List<Document>();
        do
        {
            documents.AddRange(await search.GetNextSetAsync(cancellationToken));
        }
        while (!search.IsDone);

        return documents;
    }
""",
                }),
                new(0.5, new[]
                {
                    """
    /// <summary>Puts many documents; the document model splits and retries the batch itself.</summary>
    public async Task PutManyAsync(IEnumerable<Document> documents, CancellationToken cancellationToken = default)
    {
        var batch = _table.CreateBatchWrite();
        foreach (var document in documents)
        {
            batch.AddDocumentToPut(document);
        }

        await batch.ExecuteAsync(cancellationToken);
    }
""",
                }),
            };

            // ---------------------------------------------------------------- object persistence model
            public const string Models = """
/// <summary>A %entity%, stored in %Table% with optimistic locking.</summary>
[DynamoDBTable("%Table%")]
public class %Entity%
{
    [DynamoDBHashKey("%Id%")]
    public string Id { get; set; } = string.Empty;

    [DynamoDBProperty("%Name%")]
    public string Name { get; set; } = string.Empty;

    public string OwnerId { get; set; } = string.Empty;

    public List<string> Tags { get; set; } = new List<string>();

    public DateTime UpdatedAt { get; set; }

    [DynamoDBVersion]
    public long? Version { get; set; }
}

/// <summary>Statistics of one %entity% (not versioned: written by counters only).</summary>
[DynamoDBTable("%Table%Stats")]
public class %Entity%Stats
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

    public long %CounterProp% { get; set; }

    public DateTime LastSeen { get; set; }
}
""";

            public const string ServiceHeader = """
/// <summary>%Entity% use cases on top of the object persistence model.</summary>
public sealed class %Entity%Service
{
    private const int MaxAttempts = 3;

    private readonly IDynamoDBContext _context;

    public %Entity%Service(IDynamoDBContext context)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
    }

    /// <summary>Reads one %entity%; null when it does not exist.</summary>
    public Task<%Entity%> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        return _context.LoadAsync<%Entity%>(id, cancellationToken);
    }
""";

            public static readonly Group[] ServiceGroups =
            {
                new(0.9, new[]
                {
                    """
    /// <summary>Creates a %entity%: Version is null, so the SDK writes only if the item does not exist yet.</summary>
    public async Task<%Entity%> CreateAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        var %entity% = new %Entity%
        {
            Id = Guid.NewGuid().ToString("N"),
            OwnerId = ownerId,
            Name = name,
            UpdatedAt = DateTime.UtcNow,
        };

        await _context.SaveAsync(%entity%, cancellationToken);
        return %entity%;
    }
""",
                }),
                new(0.95, new[]
                {
                    """
    /// <summary>Renames a %entity%, re-applying the change when another writer saved first.</summary>
    public async Task<%Entity%> RenameAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var %entity% = await GetAsync(id, cancellationToken)
                ?? throw new KeyNotFoundException($"%Entity% '{id}' does not exist.");
            %entity%.Name = name;
            %entity%.UpdatedAt = DateTime.UtcNow;
            try
            {
                await _context.SaveAsync(%entity%, cancellationToken);
                return %entity%;
            }
            catch (ConditionalCheckFailedException) when (attempt < MaxAttempts)
            {
                // Lost the race: read the fresh copy and apply the rename again.
            }
        }
    }
""",
                    """
    /// <summary>Adds a tag to a %entity%; the version check makes concurrent edits fail instead of being lost.</summary>
    public async Task AddTagAsync(string id, string tag, CancellationToken cancellationToken = default)
    {
        var %entity% = await _context.LoadAsync<%Entity%>(id, new LoadConfig { ConsistentRead = true }, cancellationToken);
        if (%entity% is null || %entity%.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        %entity%.Tags.Add(tag);
        await _context.SaveAsync(%entity%, new SaveConfig { IgnoreNullValues = true }, cancellationToken);
    }
""",
                },
                """
    /// <summary>Renames a %entity% the caller already holds.</summary>
    public async Task RenameAsync(%Entity% %entity%, string name, CancellationToken cancellationToken = default)
    {
        %entity%.Name = name;
        %entity%.UpdatedAt = DateTime.UtcNow;
        await _context.SaveAsync(%entity%, new SaveConfig { SkipVersionCheck = true }, cancellationToken);
    }
""",
                """
    /// <summary>Adds a tag to a %entity% the caller already holds.</summary>
    public Task AddTagAsync(%Entity% %entity%, string tag, CancellationToken cancellationToken = default)
    {
        %entity%.Tags.Add(tag);
        var config = new SaveConfig
        {
            IgnoreNullValues = true,
            SkipVersionCheck = true,
        };
        return _context.SaveAsync(%entity%, config, cancellationToken);
    }
"""),
                new(0.8, new[]
                {
                    """
    /// <summary>Deletes a %entity% if it is unchanged since it was read.</summary>
    public async Task DeleteAsync(%Entity% %entity%, CancellationToken cancellationToken = default)
    {
        await _context.DeleteAsync(%entity%, cancellationToken);
    }
""",
                },
                """
    /// <summary>Deletes a %entity% by id.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await _context.DeleteAsync<%Entity%>(id, cancellationToken);
    }
""",
                """
    /// <summary>Deletes a %entity%.</summary>
    public async Task DeleteAsync(%Entity% %entity%, CancellationToken cancellationToken = default)
    {
        var config = new DeleteConfig { SkipVersionCheck = true };
        await _context.DeleteAsync(%entity%, config, cancellationToken);
    }
"""),
                new(0.6, new[]
                {
                    """
    /// <summary>Records visits; statistics are not versioned and the batch splits and retries itself.</summary>
    public async Task RecordVisitsAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var batch = _context.CreateBatchWrite<%Entity%Stats>();
        batch.AddPutItems(ids.Select(id => new %Entity%Stats { Id = id, LastSeen = DateTime.UtcNow }));
        await batch.ExecuteAsync(cancellationToken);
    }
""",
                    """
    /// <summary>Reads many %entity% items at once.</summary>
    public async Task<List<%Entity%>> GetManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var batch = _context.CreateBatchGet<%Entity%>();
        foreach (var id in ids)
        {
            batch.AddKey(id);
        }

        await batch.ExecuteAsync(cancellationToken);
        return batch.Results;
    }
""",
                },
                """
    /// <summary>Imports %entity% items in bulk.</summary>
    public async Task ImportAsync(IReadOnlyList<%Entity%> items, CancellationToken cancellationToken = default)
    {
        var batch = _context.CreateBatchWrite<%Entity%>(new BatchWriteConfig { SkipVersionCheck = true });
        batch.AddPutItems(items);
        await batch.ExecuteAsync(cancellationToken);
    }
"""),
                new(0.5, new[]
                {
                    """
    /// <summary>Saves two %entity% items together; each keeps its version check.</summary>
    public async Task SaveBothAsync(%Entity% first, %Entity% second, CancellationToken cancellationToken = default)
    {
        var transaction = _context.CreateTransactWrite<%Entity%>();
        transaction.AddSaveItem(first);
        transaction.AddSaveItem(second);
        await transaction.ExecuteAsync(cancellationToken);
    }
""",
                },
                """
    /// <summary>Saves two %entity% items together.</summary>
    public async Task SaveBothAsync(%Entity% first, %Entity% second, CancellationToken cancellationToken = default)
    {
        var transaction = _context.CreateTransactWrite<%Entity%>(new TransactWriteConfig { SkipVersionCheck = true });
        transaction.AddSaveItem(first);
        transaction.AddSaveItem(second);
        await transaction.ExecuteAsync(cancellationToken);
    }
"""),
                new(0.6, new[]
                {
                    """
    /// <summary>Lists the %entity% items of one owner.</summary>
    public async Task<List<%Entity%>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var all = await _context.ScanAsync<%Entity%>(new[] { new ScanCondition("OwnerId", Amazon.DynamoDBv2.DocumentModel.ScanOperator.Equal, ownerId) })
            .GetRemainingAsync(cancellationToken);
        return all.OrderByDescending(p => p.UpdatedAt).ToList();
    }
""",
                }),
                new(0.5, new[]
                {
                    """
    /// <summary>Counts a visit, retrying when another writer updated the statistics first.</summary>
    public async Task CountVisitAsync(string id, CancellationToken cancellationToken = default)
    {
        var stats = await _context.LoadAsync<%Entity%Stats>(id, cancellationToken) ?? new %Entity%Stats { Id = id };
        var read = stats.%CounterProp%;
        stats.%CounterProp% = read + 1;
        stats.LastSeen = DateTime.UtcNow;
        var expression = new ContextExpression();
        if (read == 0)
        {
            expression.SetFilter<%Entity%Stats>(s => ContextExpression.AttributeNotExists(s.%CounterProp%) || s.%CounterProp% == read);
        }
        else
        {
            expression.SetFilter<%Entity%Stats>(s => s.%CounterProp% == read);
        }

        await _context.SaveAsync(stats, new SaveConfig { ConditionalExpression = expression }, cancellationToken);
    }
""",
                },
                """
    /// <summary>Counts a visit.</summary>
    public async Task CountVisitAsync(string id, CancellationToken cancellationToken = default)
    {
        var stats = await _context.LoadAsync<%Entity%Stats>(id, cancellationToken) ?? new %Entity%Stats { Id = id };
        stats.%CounterProp%++;
        stats.LastSeen = DateTime.UtcNow;
        await _context.SaveAsync(stats, cancellationToken);
    }
"""),
            };

            public static readonly string[] ContextFactory =
            {
                """
/// <summary>Builds the DynamoDB context of the %Area% module.</summary>
public static class %Entity%ContextFactory
{
    public static IDynamoDBContext Create(IAmazonDynamoDB client)
    {
        return new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(config => config.ConsistentRead = true)
            .Build();
    }
}
""",
                """
/// <summary>Builds the DynamoDB context used by bulk jobs of the %Area% module.</summary>
public static class %Entity%ContextFactory
{
    public static IDynamoDBContext CreateForBulkJobs(IAmazonDynamoDB client)
    {
        return new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(config => config.SkipVersionCheck = true)
            .Build();
    }
}
""",
            };

            // ---------------------------------------------------------------- ordinary code (no DynamoDB)
            public static readonly (string[] Usings, string Template)[] Ordinary =
            {
                (new[] { "System", "System.Collections.Generic", "System.Linq" }, """
/// <summary>A %entity% as entered by a user, before it is accepted.</summary>
public sealed record %Entity%Draft(string Title, decimal Amount, DateTimeOffset CreatedAt, IReadOnlyList<string> Tags);

public enum %Entity%Priority
{
    Low,
    Normal,
    High,
    Critical,
}

/// <summary>Checks drafts before they are accepted.</summary>
public static class %Entity%Validator
{
    private const int MaxTitleLength = %N%;
    private const int MaxTags = 10;

    public static IReadOnlyList<string> Validate(%Entity%Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            problems.Add("Title is required.");
        }
        else if (draft.Title.Length > MaxTitleLength)
        {
            problems.Add($"Title is longer than {MaxTitleLength} characters.");
        }

        if (draft.Amount < 0)
        {
            problems.Add("Amount must not be negative.");
        }

        if (draft.Tags.Count > MaxTags)
        {
            problems.Add($"At most {MaxTags} tags are allowed.");
        }

        foreach (var tag in draft.Tags.Where(t => t.Any(char.IsWhiteSpace)))
        {
            problems.Add($"Tag '{tag}' contains whitespace.");
        }

        if (draft.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(5))
        {
            problems.Add("CreatedAt is in the future.");
        }

        return problems;
    }

    public static %Entity%Priority Classify(%Entity%Draft draft) => draft.Amount switch
    {
        >= 10000m => %Entity%Priority.Critical,
        >= 1000m => %Entity%Priority.High,
        >= 100m => %Entity%Priority.Normal,
        _ => %Entity%Priority.Low,
    };
}
"""),
                (new[] { "System", "System.Collections.Generic", "System.Globalization", "System.Linq", "System.Text" }, """
/// <summary>One line of a %entity% report.</summary>
public sealed record %Entity%Line(string Category, int Quantity, decimal UnitPrice)
{
    public decimal Total => Quantity * UnitPrice;
}

/// <summary>Totals per category, as text.</summary>
public sealed class %Entity%Report
{
    private readonly List<%Entity%Line> _lines;

    public %Entity%Report(IEnumerable<%Entity%Line> lines)
    {
        _lines = lines.ToList();
    }

    public decimal Total => _lines.Sum(l => l.Total);

    public IEnumerable<(string Category, decimal Total)> ByCategory()
    {
        return _lines
            .GroupBy(l => l.Category, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, g.Sum(l => l.Total)))
            .OrderByDescending(t => t.Item2)
            .ThenBy(t => t.Key, StringComparer.Ordinal);
    }

    public string Render(int top = %N%)
    {
        var text = new StringBuilder();
        text.AppendLine("Category                 Total");
        foreach (var (category, total) in ByCategory().Take(top))
        {
            text.Append(category.PadRight(24)).Append(' ').AppendLine(total.ToString("N2", CultureInfo.InvariantCulture));
        }

        var share = Total == 0 ? 0 : ByCategory().First().Total / Total;
        text.AppendLine(CultureInfo.InvariantCulture, $"Top category share: {share:P1}");
        return text.ToString();
    }
}
"""),
                (new[] { "System", "System.Collections.Generic", "System.Text" }, """
/// <summary>Parses the %entity% search syntax: <c>key=value&amp;key=value</c> and ranges like <c>10..20</c>.</summary>
public static class %Entity%QueryParser
{
    public static Dictionary<string, string> Parse(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }

        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? part : part.Substring(0, equals));
            var value = equals < 0 ? "" : Uri.UnescapeDataString(part.Substring(equals + 1));
            result[key] = value;
        }

        return result;
    }

    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
            else if (!lastWasSpace && builder.Length > 0)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        return builder.ToString().TrimEnd();
    }

    public static bool TryParseRange(string text, out int from, out int to)
    {
        from = 0;
        to = 0;
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        return dots > 0
            && int.TryParse(text.AsSpan(0, dots), out from)
            && int.TryParse(text.AsSpan(dots + 2), out to)
            && from <= to;
    }
}
"""),
                (new[] { "System", "System.Collections.Generic" }, """
/// <summary>A small time-bounded cache for %entity% lookups.</summary>
public sealed class %Entity%Cache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, (TValue Value, DateTimeOffset Expires)> _entries = new();
    private readonly object _gate = new();
    private readonly TimeSpan _timeToLive;
    private readonly int _capacity;

    public %Entity%Cache(TimeSpan timeToLive, int capacity = %N%)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }

        _timeToLive = timeToLive;
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Expires > DateTimeOffset.UtcNow)
            {
                value = entry.Value;
                return true;
            }

            _entries.Remove(key);
            value = default!;
            return false;
        }
    }

    public void Set(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_entries.Count >= _capacity && !_entries.ContainsKey(key))
            {
                EvictExpired();
            }

            _entries[key] = (value, DateTimeOffset.UtcNow + _timeToLive);
        }
    }

    private void EvictExpired()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = new List<TKey>();
        foreach (var pair in _entries)
        {
            if (pair.Value.Expires <= now)
            {
                expired.Add(pair.Key);
            }
        }

        foreach (var key in expired)
        {
            _entries.Remove(key);
        }
    }
}
"""),
                (new[] { "System", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks" }, """
/// <summary>Fetches %entity% data for many keys with bounded parallelism and retries.</summary>
public sealed class %Entity%Pipeline
{
    private readonly Func<string, CancellationToken, Task<string>> _fetch;
    private readonly int _maxAttempts;

    public %Entity%Pipeline(Func<string, CancellationToken, Task<string>> fetch, int maxAttempts = 3)
    {
        _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
        _maxAttempts = maxAttempts;
    }

    public async Task<IReadOnlyList<string>> RunAsync(IEnumerable<string> keys, int degree, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(degree);
        var tasks = keys.Select(async key =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await FetchWithRetryAsync(key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        });

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task<string> FetchWithRetryAsync(string key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _fetch(key, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (attempt < _maxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(%N% * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
"""),
                (new[] { "System", "System.Collections.Generic" }, """
public enum %Entity%State
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    Archived,
}

public enum %Entity%Trigger
{
    Submit,
    Approve,
    Reject,
    Reopen,
    Archive,
}

/// <summary>The life cycle of a %entity%.</summary>
public sealed class %Entity%Workflow
{
    private readonly List<(%Entity%State From, %Entity%State To, DateTimeOffset At)> _history = new();

    public %Entity%Workflow(%Entity%State initial = %Entity%State.Draft)
    {
        State = initial;
    }

    public event EventHandler<%Entity%State>? StateChanged;

    public %Entity%State State { get; private set; }

    public IReadOnlyList<(%Entity%State From, %Entity%State To, DateTimeOffset At)> History => _history;

    public bool CanFire(%Entity%Trigger trigger) => Next(State, trigger) is not null;

    public void Fire(%Entity%Trigger trigger)
    {
        var next = Next(State, trigger)
            ?? throw new InvalidOperationException($"{trigger} is not allowed in state {State}.");
        _history.Add((State, next, DateTimeOffset.UtcNow));
        State = next;
        StateChanged?.Invoke(this, next);
    }

    private static %Entity%State? Next(%Entity%State state, %Entity%Trigger trigger) => (state, trigger) switch
    {
        (%Entity%State.Draft, %Entity%Trigger.Submit) => %Entity%State.Submitted,
        (%Entity%State.Submitted, %Entity%Trigger.Approve) => %Entity%State.Approved,
        (%Entity%State.Submitted, %Entity%Trigger.Reject) => %Entity%State.Rejected,
        (%Entity%State.Rejected, %Entity%Trigger.Reopen) => %Entity%State.Draft,
        (%Entity%State.Approved or %Entity%State.Rejected, %Entity%Trigger.Archive) => %Entity%State.Archived,
        _ => null,
    };
}
"""),
                (new[] { "System", "System.Collections.Generic", "System.Linq" }, """
/// <summary>Descriptive statistics of %entity% measurements.</summary>
public static class %Entity%Statistics
{
    public static double Mean(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one value is required.", nameof(values));
        }

        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum / values.Count;
    }

    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        return Math.Sqrt(squares / Math.Max(1, values.Count - 1));
    }

    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = percentile / 100.0 * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
    }

    public static IEnumerable<double> MovingAverage(IReadOnlyList<double> values, int window = %N% % 7 + 2)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            if (i >= window - 1)
            {
                yield return sum / window;
            }
        }
    }
}
"""),
            };
        }
    }
}
