namespace DynamoGuard.Corpus
{
    /// <summary>
    /// The layered module (<c>FileKind.Layered</c>): DynamoDB code spread over methods and classes as real code bases
    /// write it (issue 11) — a repository that reads items and returns numbers, DTOs and mapped objects and has write
    /// helpers that take parameters (PutItem/UpdateItem/SaveAsync with and without conditions) and batch helpers that
    /// take collections; a service that reads, computes and writes through the repository, with chunked and unchunked
    /// callers; a DI registration that builds the context (sometimes with SkipVersionCheck); a retry wrapper around
    /// batch and update calls; and the patterns of DDB106 (swallowed conflict), DDB203 (atomic ADD retried) and DDB305
    /// (one page of a query). Most of it is written correctly. One file holds the whole module, so any slice of the
    /// corpus compiles on its own; the DI container is a small stand-in shaped like IServiceCollection (the corpus
    /// references only the runtime and the AWS SDK).
    /// </summary>
    public static partial class CorpusGenerator
    {
        private sealed partial class FileBuilder
        {
            private void AddLayered()
            {
                Use("System", "System.Collections.Generic", "System.Globalization", "System.Linq", "System.Threading", "System.Threading.Tasks", "Amazon.DynamoDBv2", "Amazon.DynamoDBv2.DataModel", "Amazon.DynamoDBv2.Model");
                _chunks.Add(_naming.Fill(Templates.LayeredModels));
                AddClass(Templates.RepositoryHeader, Templates.RepositoryGroups, Templates.RepositoryFooter);
                AddClass(Templates.LayeredServiceHeader, Templates.LayeredServiceGroups, Templates.ClassEnd);
                _chunks.Add(_naming.Fill(Pick(_random.NextDouble() < _bugRate ? Templates.RegistrationBugs : Templates.RegistrationSafe)));
                _chunks.Add(_naming.Fill(Templates.RetryWrapper));
                _chunks.Add(Templates.ServiceRegistry);
            }
        }

        private static partial class Templates
        {
            public const string LayeredModels = """
/// <summary>A %entity% as the %Area% repository hands it to its callers.</summary>
public sealed record %Entity%Snapshot(string Id, string Name, long %CounterProp%, long Version);

/// <summary>One row of a %entity% bulk import.</summary>
public sealed record %Entity%ImportRow(string Id, string Name, long %CounterProp%);

/// <summary>The %entity% item as the object persistence model maps it; versioned.</summary>
[DynamoDBTable("%Entity%Records")]
public class %Entity%Record
{
    [DynamoDBHashKey("%Id%")]
    public string Id { get; set; } = "";

    [DynamoDBProperty("%Name%")]
    public string Name { get; set; } = "";

    [DynamoDBProperty("%Counter%")]
    public long %CounterProp% { get; set; }

    public DateTime UpdatedAt { get; set; }

    [DynamoDBVersion]
    public long? Version { get; set; }
}
""";

            public const string RepositoryHeader = """
/// <summary>
/// Reads and writes %entity% items for the %Area% module's services: snapshots in %Table% (versioned by %Version%),
/// counters in %Table%-stats, mapped records through the context.
/// </summary>
public sealed class %Entity%Repository
{
    private const string TableName = "%Table%";
    private const string StatsTable = "%Table%-stats";
    private const string IdAttribute = "%Id%";
    private const string CounterAttribute = "%Counter%";
    private const string VersionAttribute = "%Version%";

    private readonly IAmazonDynamoDB _client;
    private readonly IDynamoDBContext _context;

    public %Entity%Repository(IAmazonDynamoDB client, IDynamoDBContext context)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _context = context ?? throw new ArgumentNullException(nameof(context));
    }

    /// <summary>The current %Counter% of a %entity%; 0 when it does not exist.</summary>
    public async Task<long> Get%CounterProp%Async(string id, CancellationToken cancellationToken = default)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = StatsTable,
            Key = KeyFor(id),
            ProjectionExpression = "#c",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = CounterAttribute },
            ConsistentRead = true,
        }, cancellationToken);

        return response.Item is { } item && item.TryGetValue(CounterAttribute, out var value)
            ? long.Parse(value.N, CultureInfo.InvariantCulture)
            : 0;
    }

    /// <summary>A %entity% as a snapshot; null when it does not exist.</summary>
    public async Task<%Entity%Snapshot?> GetSnapshotAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = TableName, Key = KeyFor(id), ConsistentRead = true }, cancellationToken);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        return new %Entity%Snapshot(
            id,
            item.TryGetValue("%Name%", out var name) ? name.S : "",
            item.TryGetValue(CounterAttribute, out var counter) ? long.Parse(counter.N, CultureInfo.InvariantCulture) : 0,
            item.TryGetValue(VersionAttribute, out var version) ? long.Parse(version.N, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>The mapped %entity%; null when it does not exist.</summary>
    public async Task<%Entity%Record?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        return await _context.LoadAsync<%Entity%Record>(id, cancellationToken);
    }

    /// <summary>Writes <paramref name="value"/> as the %Counter% of a %entity%, whatever it is now.</summary>
    public async Task Set%CounterProp%Async(string id, long value, CancellationToken cancellationToken = default)
    {
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = StatsTable,
            Key = KeyFor(id),
            UpdateExpression = "SET #c = :value",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = CounterAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":value"] = new AttributeValue { N = value.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
    }

    /// <summary>Writes <paramref name="value"/> as the %Counter% if it is still <paramref name="expected"/>; false when it changed.</summary>
    public async Task<bool> Set%CounterProp%IfAsync(string id, long value, long expected, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = StatsTable,
                Key = KeyFor(id),
                UpdateExpression = "SET #c = :value",
                ConditionExpression = "#c = :expected",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = CounterAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":value"] = new AttributeValue { N = value.ToString(CultureInfo.InvariantCulture) },
                    [":expected"] = new AttributeValue { N = expected.ToString(CultureInfo.InvariantCulture) },
                },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
""";

            public const string RepositoryFooter = """

    private static Dictionary<string, AttributeValue> KeyFor(string id)
    {
        return new Dictionary<string, AttributeValue> { [IdAttribute] = new AttributeValue { S = id } };
    }

    private static Dictionary<string, AttributeValue> ToItem(%Entity%Snapshot snapshot)
    {
        return new Dictionary<string, AttributeValue>
        {
            [IdAttribute] = new AttributeValue { S = snapshot.Id },
            ["%Name%"] = new AttributeValue { S = snapshot.Name },
            [CounterAttribute] = new AttributeValue { N = snapshot.%CounterProp%.ToString(CultureInfo.InvariantCulture) },
            [VersionAttribute] = new AttributeValue { N = snapshot.Version.ToString(CultureInfo.InvariantCulture) },
        };
    }

    private static Dictionary<string, AttributeValue> RowItem(%Entity%ImportRow row)
    {
        return new Dictionary<string, AttributeValue>
        {
            [IdAttribute] = new AttributeValue { S = row.Id },
            ["%Name%"] = new AttributeValue { S = row.Name },
            [CounterAttribute] = new AttributeValue { N = row.%CounterProp%.ToString(CultureInfo.InvariantCulture) },
        };
    }
}
""";

            public static readonly Group[] RepositoryGroups =
            {
                // PutItem helper taking a DTO: conditional on the version it was read at, or not.
                new(Group.Always, new[]
                {
                    """
    /// <summary>Puts a snapshot if the stored one is still at the snapshot's version; the stored version advances by one.</summary>
    public async Task PutAsync(%Entity%Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        await _client.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = ToItem(snapshot with { Version = snapshot.Version + 1 }),
            ConditionExpression = "attribute_not_exists(#v) OR #v = :expected",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#v"] = VersionAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":expected"] = new AttributeValue { N = snapshot.Version.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
    }
""",
                },
                """
    /// <summary>Puts a snapshot.</summary>
    public Task PutAsync(%Entity%Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        return _client.PutItemAsync(new PutItemRequest { TableName = TableName, Item = ToItem(snapshot) }, cancellationToken);
    }
"""),

                // SaveAsync helper for the versioned type: with the version check, or without.
                new(Group.Always, new[]
                {
                    """
    /// <summary>Saves a %entity%; the version check makes a concurrent change fail instead of being lost.</summary>
    public Task SaveAsync(%Entity%Record record, CancellationToken cancellationToken = default)
    {
        record.UpdatedAt = DateTime.UtcNow;
        return _context.SaveAsync(record, cancellationToken);
    }
""",
                },
                """
    /// <summary>Saves a %entity%, last writer wins.</summary>
    public Task SaveAsync(%Entity%Record record, CancellationToken cancellationToken = default)
    {
        record.UpdatedAt = DateTime.UtcNow;
        return _context.SaveAsync(record, new SaveConfig { SkipVersionCheck = true }, cancellationToken);
    }
"""),

                // Batch write helper taking a collection, the call inside the retry wrapper.
                new(Group.Always, new[]
                {
                    """
    /// <summary>Writes the rows (callers pass at most 25) in BatchWriteItem calls, re-sending unprocessed items.</summary>
    public async Task WriteBatchAsync(IReadOnlyCollection<%Entity%ImportRow> rows, CancellationToken cancellationToken = default)
    {
        var writes = new List<WriteRequest>(rows.Count);
        foreach (var row in rows)
        {
            writes.Add(new WriteRequest { PutRequest = new PutRequest { Item = RowItem(row) } });
        }

        var pending = new Dictionary<string, List<WriteRequest>> { [TableName] = writes };
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            var request = new BatchWriteItemRequest { RequestItems = pending };
            var response = await %Entity%Retry.WithRetry(() => _client.BatchWriteItemAsync(request, cancellationToken));
            pending = response.UnprocessedItems is { Count: > 0 } unprocessed ? unprocessed : new Dictionary<string, List<WriteRequest>>();
            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 << Math.Min(attempt, 6)), cancellationToken);
            }
        }
    }
""",
                },
                """
    /// <summary>Writes the rows in one BatchWriteItem call, retried when throttled.</summary>
    public async Task WriteBatchAsync(IReadOnlyCollection<%Entity%ImportRow> rows, CancellationToken cancellationToken = default)
    {
        var request = new BatchWriteItemRequest
        {
            RequestItems = new Dictionary<string, List<WriteRequest>>
            {
                [TableName] = rows.Select(row => new WriteRequest { PutRequest = new PutRequest { Item = RowItem(row) } }).ToList(),
            },
        };
        var response = await %Entity%Retry.WithRetry(() => _client.BatchWriteItemAsync(request, cancellationToken));
        Console.WriteLine($"Wrote {rows.Count} %entity% rows; {response.UnprocessedItems?.Count ?? 0} tables with unprocessed items.");
    }
"""),

                // Batch get helper taking a collection.
                new(Group.Always, new[]
                {
                    """
    /// <summary>Reads the snapshots of the given ids (callers pass at most 100), re-requesting unprocessed keys.</summary>
    public async Task<List<%Entity%Snapshot>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var snapshots = new List<%Entity%Snapshot>(ids.Count);
        var pending = new Dictionary<string, KeysAndAttributes>
        {
            [TableName] = new KeysAndAttributes { Keys = ids.Select(KeyFor).ToList() },
        };
        while (pending.Count > 0)
        {
            var request = new BatchGetItemRequest { RequestItems = pending };
            var response = await %Entity%Retry.WithRetry(() => _client.BatchGetItemAsync(request, cancellationToken));
            if (response.Responses is { } responses && responses.TryGetValue(TableName, out var items))
            {
                foreach (var item in items)
                {
                    snapshots.Add(new %Entity%Snapshot(item[IdAttribute].S, item.TryGetValue("%Name%", out var name) ? name.S : "", 0, 0));
                }
            }

            pending = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : new Dictionary<string, KeysAndAttributes>();
        }

        return snapshots;
    }
""",
                },
                """
    /// <summary>Reads the snapshots of the given ids in one call.</summary>
    public async Task<List<%Entity%Snapshot>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var response = await _client.BatchGetItemAsync(new BatchGetItemRequest
        {
            RequestItems = new Dictionary<string, KeysAndAttributes>
            {
                [TableName] = new KeysAndAttributes { Keys = ids.Select(KeyFor).ToList() },
            },
        }, cancellationToken);

        return response.Responses[TableName]
            .Select(item => new %Entity%Snapshot(item[IdAttribute].S, item.TryGetValue("%Name%", out var name) ? name.S : "", 0, 0))
            .ToList();
    }
"""),

                // DDB305: a query's items with or without its LastEvaluatedKey.
                new(0.7, new[]
                {
                    """
    /// <summary>The %entity% items of one owner, every page.</summary>
    public async Task<List<%Entity%Snapshot>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var snapshots = new List<%Entity%Snapshot>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await _client.QueryAsync(new QueryRequest
            {
                TableName = TableName,
                IndexName = "owner-index",
                KeyConditionExpression = "owner_id = :owner",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":owner"] = new AttributeValue { S = ownerId } },
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            foreach (var item in response.Items ?? new List<Dictionary<string, AttributeValue>>())
            {
                snapshots.Add(new %Entity%Snapshot(item[IdAttribute].S, item.TryGetValue("%Name%", out var name) ? name.S : "", 0, 0));
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return snapshots;
    }
""",
                    """
    /// <summary>The newest %entity% of one owner (one item is all a page needs to hold).</summary>
    public async Task<%Entity%Snapshot?> NewestOfOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var response = await _client.QueryAsync(new QueryRequest
        {
            TableName = TableName,
            IndexName = "owner-index",
            KeyConditionExpression = "owner_id = :owner",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":owner"] = new AttributeValue { S = ownerId } },
            ScanIndexForward = false,
            Limit = 1,
        }, cancellationToken);

        return response.Items is { Count: > 0 } items
            ? new %Entity%Snapshot(items[0][IdAttribute].S, items[0].TryGetValue("%Name%", out var name) ? name.S : "", 0, 0)
            : null;
    }
""",
                },
                """
    /// <summary>The %entity% items of one owner.</summary>
    public async Task<List<%Entity%Snapshot>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var response = await _client.QueryAsync(new QueryRequest
        {
            TableName = TableName,
            IndexName = "owner-index",
            KeyConditionExpression = "owner_id = :owner",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":owner"] = new AttributeValue { S = ownerId } },
        }, cancellationToken);

        return response.Items.Select(item => new %Entity%Snapshot(item[IdAttribute].S, item.TryGetValue("%Name%", out var name) ? name.S : "", 0, 0)).ToList();
    }
"""),

                // DDB203: an atomic ADD, retried or not.
                new(0.7, new[]
                {
                    """
    /// <summary>Adds <paramref name="delta"/> to the %Counter% atomically, once: the caller decides about retrying.</summary>
    public async Task AddTo%CounterProp%Async(string id, long delta, CancellationToken cancellationToken = default)
    {
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = StatsTable,
            Key = KeyFor(id),
            UpdateExpression = "ADD #c :delta",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = CounterAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":delta"] = new AttributeValue { N = delta.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
    }
""",
                },
                """
    /// <summary>Adds <paramref name="delta"/> to the %Counter%, retrying when DynamoDB is busy.</summary>
    public async Task AddTo%CounterProp%Async(string id, long delta, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = StatsTable,
                    Key = KeyFor(id),
                    UpdateExpression = "ADD #c :delta",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = CounterAttribute },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":delta"] = new AttributeValue { N = delta.ToString(CultureInfo.InvariantCulture) },
                    },
                }, cancellationToken);
                return;
            }
            catch (AmazonDynamoDBException) when (attempt < 3)
            {
                await Task.Delay(%N% * attempt, cancellationToken);
            }
        }
    }
""",
                """
    /// <summary>Adds <paramref name="delta"/> to the %Counter%, through the module's retry wrapper.</summary>
    public async Task AddTo%CounterProp%Async(string id, long delta, CancellationToken cancellationToken = default)
    {
        await %Entity%Retry.WithRetry(() => _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = StatsTable,
            Key = KeyFor(id),
            UpdateExpression = "ADD #c :delta",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = CounterAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":delta"] = new AttributeValue { N = delta.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken));
    }
"""),

                // DDB106: a version conflict handled or swallowed.
                new(0.7, new[]
                {
                    """
    /// <summary>Renames a %entity%; false when another writer saved it first.</summary>
    public async Task<bool> TryRenameAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        var record = await _context.LoadAsync<%Entity%Record>(id, cancellationToken);
        if (record is null)
        {
            return false;
        }

        record.Name = name;
        try
        {
            await _context.SaveAsync(record, cancellationToken);
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
    /// <summary>Renames a %entity%.</summary>
    public async Task RenameAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        var record = await _context.LoadAsync<%Entity%Record>(id, cancellationToken);
        if (record is null)
        {
            return;
        }

        record.Name = name;
        try
        {
            await _context.SaveAsync(record, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Someone else renamed it first; never mind.
        }
    }
"""),

                // The object persistence model's query: every page or the first.
                new(0.5, new[]
                {
                    """
    /// <summary>Every %entity% record with this id (all pages).</summary>
    public async Task<List<%Entity%Record>> QueryAllAsync(string id, CancellationToken cancellationToken = default)
    {
        return await _context.QueryAsync<%Entity%Record>(id).GetRemainingAsync(cancellationToken);
    }
""",
                },
                """
    /// <summary>The %entity% records with this id.</summary>
    public async Task<List<%Entity%Record>> QueryAllAsync(string id, CancellationToken cancellationToken = default)
    {
        return await _context.QueryAsync<%Entity%Record>(id).GetNextSetAsync(cancellationToken);
    }
"""),
            };

            public const string LayeredServiceHeader = """
/// <summary>%Entity% use cases of the %Area% module, on top of <see cref="%Entity%Repository"/>.</summary>
public sealed class %Entity%Service
{
    private const int BatchWriteSize = 25;
    private const int BatchGetSize = 100;
    private const int MaxAttempts = 3;

    private readonly %Entity%Repository _repository;

    public %Entity%Service(%Entity%Repository repository)
    {
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
    }

    /// <summary>Whether a %entity% exists.</summary>
    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken = default)
    {
        return await _repository.GetSnapshotAsync(id, cancellationToken) is not null;
    }
""";

            public static readonly Group[] LayeredServiceGroups =
            {
                // Read (repository) -> compute (here) -> write (repository), with or without the expected value.
                new(Group.Always, new[]
                {
                    """
    /// <summary>Takes <paramref name="amount"/> from the %Counter% unless someone changed it since it was read.</summary>
    public async Task TakeAsync(string id, long amount, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await _repository.Get%CounterProp%Async(id, cancellationToken);
            if (current < amount)
            {
                throw new InvalidOperationException($"Only {current} left of %entity% '{id}'.");
            }

            if (await _repository.Set%CounterProp%IfAsync(id, current - amount, expected: current, cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"%Entity% '{id}' kept changing; gave up after {MaxAttempts} attempts.");
    }
""",
                },
                """
    /// <summary>Takes <paramref name="amount"/> from the %Counter%.</summary>
    public async Task TakeAsync(string id, long amount, CancellationToken cancellationToken = default)
    {
        var current = await _repository.Get%CounterProp%Async(id, cancellationToken);
        if (current < amount)
        {
            throw new InvalidOperationException($"Only {current} left of %entity% '{id}'.");
        }

        var remaining = current - amount;
        await _repository.Set%CounterProp%Async(id, remaining, cancellationToken);
    }
"""),

                // A DTO read in one method and written back through another.
                new(0.8, new[]
                {
                    """
    /// <summary>Renames a %entity% (the repository's put checks the version the snapshot was read at).</summary>
    public async Task RenameAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        var snapshot = await _repository.GetSnapshotAsync(id, cancellationToken)
            ?? throw new KeyNotFoundException($"No %entity% '{id}'.");
        await _repository.PutAsync(snapshot with { Name = name }, cancellationToken);
    }
""",
                }),

                // A versioned object loaded through the repository and saved back through it.
                new(0.7, new[]
                {
                    """
    /// <summary>Adds <paramref name="points"/> to the %Counter% of a mapped %entity%.</summary>
    public async Task RewardAsync(string id, long points, CancellationToken cancellationToken = default)
    {
        var record = await _repository.LoadAsync(id, cancellationToken) ?? new %Entity%Record { Id = id };
        record.%CounterProp% += points;
        await _repository.SaveAsync(record, cancellationToken);
    }
""",
                }),

                // Callers of the batch write helper: chunked or not.
                new(Group.Always, new[]
                {
                    """
    /// <summary>Imports rows, 25 per batch.</summary>
    public async Task ImportAsync(IEnumerable<%Entity%ImportRow> rows, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in rows.Chunk(BatchWriteSize))
        {
            await _repository.WriteBatchAsync(chunk, cancellationToken);
        }
    }
""",
                    """
    /// <summary>Imports rows, 25 per batch, stopping when cancelled.</summary>
    public async Task<int> ImportAsync(IReadOnlyList<%Entity%ImportRow> rows, CancellationToken cancellationToken = default)
    {
        var written = 0;
        for (var start = 0; start < rows.Count; start += BatchWriteSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var slice = rows.Skip(start).Take(BatchWriteSize).ToList();
            await _repository.WriteBatchAsync(slice, cancellationToken);
            written += slice.Count;
        }

        return written;
    }
""",
                },
                """
    /// <summary>Imports rows.</summary>
    public async Task ImportAsync(IEnumerable<%Entity%ImportRow> rows, CancellationToken cancellationToken = default)
    {
        await _repository.WriteBatchAsync(rows.ToList(), cancellationToken);
    }
"""),

                // Callers of the batch get helper: chunked or not.
                new(0.7, new[]
                {
                    """
    /// <summary>The names of the given %entity% items, 100 ids per batch.</summary>
    public async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(BatchGetSize))
        {
            foreach (var snapshot in await _repository.GetManyAsync(chunk, cancellationToken))
            {
                names[snapshot.Id] = snapshot.Name;
            }
        }

        return names;
    }
""",
                },
                """
    /// <summary>The names of the given %entity% items.</summary>
    public async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var snapshots = await _repository.GetManyAsync(ids.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        return snapshots.ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
    }
"""),

                // A versioned object saved through the repository, the conflict caught here: reported or dropped (DDB106
                // across methods, when the repository's save checks the version).
                new(0.6, new[]
                {
                    """
    /// <summary>Renames a %entity%; false when another writer saved it first (the caller reloads and asks again).</summary>
    public async Task<bool> TryRenameAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        var record = await _repository.LoadAsync(id, cancellationToken);
        if (record is null)
        {
            return false;
        }

        record.Name = name;
        try
        {
            await _repository.SaveAsync(record, cancellationToken);
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
    /// <summary>Renames a %entity%.</summary>
    public async Task RenameRecordAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        var record = await _repository.LoadAsync(id, cancellationToken);
        if (record is null)
        {
            return;
        }

        record.Name = name;
        try
        {
            await _repository.SaveAsync(record, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Renamed by someone else at the same time; theirs wins.
        }
    }
"""),
            };

            public static readonly string[] RegistrationSafe =
            {
                """
/// <summary>The %Area% module's service registrations.</summary>
public static class %Entity%ModuleRegistration
{
    public static ServiceRegistry Add%Entity%Module(this ServiceRegistry services, IAmazonDynamoDB client)
    {
        services.AddSingleton<IDynamoDBContext>(sp => new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(config =>
            {
                config.ConsistentRead = true;
                config.DisableFetchingTableMetadata = true;
            })
            .Build());
        services.AddSingleton(sp => new %Entity%Repository(client, sp.GetRequired<IDynamoDBContext>()));
        services.AddSingleton(sp => new %Entity%Service(sp.GetRequired<%Entity%Repository>()));
        return services;
    }
}
""",
                """
/// <summary>The %Area% module's service registrations.</summary>
public static class %Entity%ModuleRegistration
{
    public static ServiceRegistry Add%Entity%Module(this ServiceRegistry services, IAmazonDynamoDB client)
    {
        var config = new DynamoDBContextConfig { ConsistentRead = true, TableNamePrefix = "%Area%-" };
        services.AddSingleton<IDynamoDBContext>(sp => new DynamoDBContextBuilder().WithDynamoDBClient(() => client).ConfigureContext(c => c.TableNamePrefix = config.TableNamePrefix).Build());
        services.AddSingleton(sp => new %Entity%Repository(client, sp.GetRequired<IDynamoDBContext>()));
        services.AddSingleton(sp => new %Entity%Service(sp.GetRequired<%Entity%Repository>()));
        return services;
    }
}
""",
            };

            public static readonly string[] RegistrationBugs =
            {
                """
/// <summary>The %Area% module's service registrations.</summary>
public static class %Entity%ModuleRegistration
{
    public static ServiceRegistry Add%Entity%Module(this ServiceRegistry services, IAmazonDynamoDB client)
    {
        services.AddSingleton<IDynamoDBContext>(sp => new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(config =>
            {
                config.ConsistentRead = true;
                config.SkipVersionCheck = true;
            })
            .Build());
        services.AddSingleton(sp => new %Entity%Repository(client, sp.GetRequired<IDynamoDBContext>()));
        services.AddSingleton(sp => new %Entity%Service(sp.GetRequired<%Entity%Repository>()));
        return services;
    }
}
""",
            };

            public const string RetryWrapper = """
/// <summary>Retries the %Area% module's DynamoDB calls when DynamoDB throttles them, with backoff.</summary>
public static class %Entity%Retry
{
    public static async Task<T> WithRetry<T>(Func<Task<T>> f, int maxAttempts = 4)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await f();
            }
            catch (ProvisionedThroughputExceededException) when (attempt < maxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(%N% * attempt));
            }
            catch (RequestLimitExceededException) when (attempt < maxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2 * %N% * attempt));
            }
        }
    }
}
""";

            public const string ServiceRegistry = """
/// <summary>A small service container, shaped like Microsoft.Extensions.DependencyInjection's registrations.</summary>
public sealed class ServiceRegistry : IServiceProvider
{
    private readonly Dictionary<Type, Func<IServiceProvider, object>> _factories = new();
    private readonly Dictionary<Type, object> _instances = new();

    public ServiceRegistry AddSingleton<TService>(Func<IServiceProvider, TService> factory)
        where TService : class
    {
        _factories[typeof(TService)] = factory;
        return this;
    }

    public object? GetService(Type serviceType)
    {
        lock (_instances)
        {
            if (_instances.TryGetValue(serviceType, out var instance))
            {
                return instance;
            }

            if (!_factories.TryGetValue(serviceType, out var factory))
            {
                return null;
            }

            instance = factory(this);
            _instances[serviceType] = instance;
            return instance;
        }
    }

}

/// <summary>Resolution helpers, shaped like GetRequiredService.</summary>
public static class ServiceProviderExtensions
{
    public static T GetRequired<T>(this IServiceProvider provider)
        where T : class
    {
        return provider.GetService(typeof(T)) as T ?? throw new InvalidOperationException($"No registration for {typeof(T).Name}.");
    }
}
""";
        }
    }
}
