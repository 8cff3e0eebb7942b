#!/usr/bin/env python3
"""End-to-end tests of DynamoGuard as a package consumer meets it.

Packs the real package once (or takes a folder that already holds it), restores one throwaway console project from
that local folder feed into a per-run packages folder (so a cached older DynamoGuard can never be what is tested),
then copies that restored project once per scenario, changes only what the scenario needs (sources, .editorconfig,
.globalconfig, project properties, command-line switches) and asserts on the ACTUAL `dotnet build` / `dotnet format`
output: the exit code and the exact set of diagnostic lines, each with its file(line,col).

Usage: python3 tests/e2e/run-e2e.py [FEED] [--keep] [--only TEXT] [--rules ID[,ID...]] [--jobs N]
  FEED    a folder holding DynamoGuard.Analyzers.<version>.nupkg (CI passes the one it packed); omitted: pack here
  --keep  keep the work folder (printed) for a look at a scenario's project
  --only  run only the scenarios whose name contains TEXT
  --rules put only these rules' files under test (e.g. DDB305 while developing it); CI runs them all
  --jobs  scenarios run at a time (default 2, one per core of the CI machine)

Prints one line per scenario (PASS/FAIL/SKIP), then the timing and a last line `N passed, N failed`; exits 1 on any
failure.

Adding a rule: add one `Rule(...)` entry to RULES (a source file that violates it, where each diagnostic is expected,
the code its fix should produce). Every generic scenario below (install, severity, category, .globalconfig,
per-folder, CI switches, SARIF, dotnet format, suppression, generated code) then covers it, in the same builds.
A rule-specific scenario (a custom option, say) is one `@scenario` block.
"""

import base64
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Tuple

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PACKAGE_ID = "DynamoGuard.Analyzers"
AWS_SDK_VERSION = "4.0.103.2"
HELP_LINK_BASE = "https://github.com/dynamoguard/dynamoguard/blob/main/docs/rules/"

# ----------------------------------------------------------------------------------------------------------------
# The rules under test. Each rule owns one C# file that the scenarios place in one or more folders of the consumer
# ("App", "Legacy", "Control", ...). "__FOLDER__" in a source becomes the folder's name, so copies in several
# folders compile side by side (namespace Consumer.<folder>). "// @suppress-here" marks where the SuppressMessage
# scenario puts the attribute. An expected diagnostic is (anchor, message): the anchor is a piece of the source
# with "|" where the diagnostic must start (its file(line,col)); the message is the exact text.
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class Rule:
    id: str
    category: str
    file: str
    violation: str
    expect: List[Tuple[str, str]]
    fixed: Optional[str]  # what `dotnet format analyzers --diagnostics <id>` must turn `violation` into; None: no fix
    clean: Optional[str] = None  # compliant code; defaults to `fixed`
    model: str = ""  # shared types (global namespace) the rule's file uses, added to Model.cs once

    @property
    def help_uri(self) -> str:
        return HELP_LINK_BASE + self.id + ".md"

    @property
    def compliant(self) -> str:
        return self.clean if self.clean is not None else self.fixed


VERSIONED_ORDER = """
[DynamoDBTable("Orders")]
public class Order
{
    [DynamoDBHashKey] public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    [DynamoDBVersion] public long? Version { get; set; }
}
"""

DDB102 = Rule(
    id="DDB102",
    category="DynamoDB.Concurrency",
    file="OrderStore.cs",
    model=VERSIONED_ORDER,
    violation="""using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class OrderStore
{
    public static async Task RenameAsync(IDynamoDBContext context, Order order, string name)
    {
        order.Name = name;
        await context.SaveAsync(order, new SaveConfig { SkipVersionCheck = true });
    }

    public static async Task DeleteAsync(IDynamoDBContext context, Order order)
    {
        var config = new DeleteConfig { SkipVersionCheck = true };
        await context.DeleteAsync(order, config);
    }

    public static IDynamoDBContext Create(IAmazonDynamoDB client)
        => new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(c => c.SkipVersionCheck = true)
            .Build();
}
""",
    expect=[
        ("new SaveConfig { |SkipVersionCheck",
         "SaveAsync of versioned type 'Order' sets SkipVersionCheck = true, so its [DynamoDBVersion] property "
         "'Version' is not checked; a concurrent writer's change can be lost"),
        ("new DeleteConfig { |SkipVersionCheck",
         "DeleteAsync of versioned type 'Order' sets SkipVersionCheck = true, so its [DynamoDBVersion] property "
         "'Version' is not checked; a concurrent writer's change can be lost"),
        ("c => |c.SkipVersionCheck",
         "DynamoDBContext is configured with SkipVersionCheck = true, which turns off the version check of every "
         "versioned type (such as 'Order'); concurrent writers can silently overwrite each other"),
    ],
    fixed="""using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class OrderStore
{
    public static async Task RenameAsync(IDynamoDBContext context, Order order, string name)
    {
        order.Name = name;
        await context.SaveAsync(order);
    }

    public static async Task DeleteAsync(IDynamoDBContext context, Order order)
    {
        var config = new DeleteConfig();
        await context.DeleteAsync(order, config);
    }

    public static IDynamoDBContext Create(IAmazonDynamoDB client)
        => new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .Build();
}
""",
)

DDB101 = Rule(
    id="DDB101",
    category="DynamoDB.Concurrency",
    file="OrderImport.cs",
    model=VERSIONED_ORDER,
    violation="""using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class OrderImport
{
    public static async Task SaveAsync(IAmazonDynamoDB client, string id, long current)
    {
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = "Orders",
            Item = new Dictionary<string, AttributeValue>
            {
                ["Id"] = new AttributeValue { S = id },
                ["Version"] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
            },
        });
    }

    public static async Task RemoveAsync(IDynamoDBContext context, string id)
    {
        await context.DeleteAsync<Order>(id);
    }
}
""",
    expect=[
        ("await client.|PutItemAsync(",
         "PutItem writes 'Version' of table 'Orders' without a condition on it; a concurrent writer's change can be lost"),
        ("await context.|DeleteAsync<Order>(",
         "DeleteAsync<Order> deletes by key, which sends no condition on the [DynamoDBVersion] property 'Version'; "
         "delete the loaded object instead so the SDK checks the version"),
    ],
    fixed="""using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class OrderImport
{
    public static async Task SaveAsync(IAmazonDynamoDB client, string id, long current)
    {
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = "Orders",
            Item = new Dictionary<string, AttributeValue>
            {
                ["Id"] = new AttributeValue { S = id },
                ["Version"] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
            },
            ConditionExpression = "#ver = :expectedVersion",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#ver"] = "Version" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expectedVersion"] = new AttributeValue { N = current.ToString(CultureInfo.InvariantCulture) } },
        });
    }

    public static async Task RemoveAsync(IDynamoDBContext context, string id)
    {
        var order = await context.LoadAsync<Order>(id, new LoadConfig { ConsistentRead = true });
        if (order is not null)
        {
            await context.DeleteAsync(order);
        }
    }
}
""",
)

DDB105 = Rule(
    id="DDB105",
    category="DynamoDB.Concurrency",
    file="OrderRename.cs",
    model=VERSIONED_ORDER,
    violation="""using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class OrderRename
{
    public static async Task RenameAsync(IDynamoDBContext context, Order order, string expectedName, string name)
    {
        var condition = new ContextExpression();
        condition.SetFilter<Order>(o => o.Name == expectedName);
        order.Name = name;
        await context.SaveAsync(order, new SaveConfig { ConditionalExpression = condition });
    }
}
""",
    expect=[
        ("new SaveConfig { |ConditionalExpression",
         "SaveAsync of versioned type 'Order' sets a ConditionalExpression without SkipVersionCheck = true, so the SDK "
         "throws InvalidOperationException; set SkipVersionCheck = true and check [DynamoDBVersion] property 'Version' "
         "in the condition yourself"),
    ],
    fixed="""using System;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class OrderRename
{
    public static async Task RenameAsync(IDynamoDBContext context, Order order, string expectedName, string name)
    {
        var condition = new ContextExpression();
        var expectedVersion = order.Version ?? throw new InvalidOperationException("Order.Version is null: the condition can only check the version of an item that was saved before.");
        condition.SetFilter<Order>(o => o.Name == expectedName && o.Version == expectedVersion);
        order.Name = name;
        order.Version = expectedVersion + 1;
        await context.SaveAsync(order, new SaveConfig { ConditionalExpression = condition, SkipVersionCheck = true });
    }
}
""",
)

DDB201 = Rule(
    id="DDB201",
    category="DynamoDB.Concurrency",
    file="PageViews.cs",
    violation="""using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class PageViews
{
    public static async Task RecordAsync(IAmazonDynamoDB client, string pageId)
    {
        var key = new Dictionary<string, AttributeValue> { ["page_id"] = new AttributeValue { S = pageId } };
        var current = await client.GetItemAsync(new GetItemRequest { TableName = "PageViews", Key = key });
        var views = int.Parse(current.Item["views"].N, CultureInfo.InvariantCulture) + 1;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = "PageViews",
            Key = key,
            UpdateExpression = "SET #views = :v",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#views"] = "views" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":v"] = new AttributeValue { N = views.ToString(CultureInfo.InvariantCulture) },
            },
        });
    }
}
""",
    expect=[
        ("await client.|UpdateItemAsync(",
         "UpdateItemAsync writes 'views' as the value GetItemAsync read + 1, with no condition on 'views': an update "
         "another writer makes in between is lost (use an atomic ADD, or a condition on the value read)"),
    ],
    # dotnet format applies the first action, the atomic ADD (which also drops the now unneeded read).
    fixed="""using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class PageViews
{
    public static async Task RecordAsync(IAmazonDynamoDB client, string pageId)
    {
        var key = new Dictionary<string, AttributeValue> { ["page_id"] = new AttributeValue { S = pageId } };
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = "PageViews",
            Key = key,
            UpdateExpression = "ADD #views :delta",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#views"] = "views" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":delta"] = new AttributeValue { N = "1" },
            },
        });
    }
}
""",
)

DDB301 = Rule(
    id="DDB301",
    category="DynamoDB.Limits",
    file="TrackImport.cs",
    violation="""using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class TrackImport
{
    public static async Task ImportAsync(IAmazonDynamoDB client, IReadOnlyList<string> trackIds)
    {
        var requests = new List<WriteRequest>();
        foreach (var id in trackIds)
        {
            requests.Add(new WriteRequest
            {
                PutRequest = new PutRequest { Item = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } } },
            });
        }

        var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = requests },
        });
        if (response.UnprocessedItems is { Count: > 0 })
        {
            throw new System.InvalidOperationException("Some tracks were not written.");
        }
    }
}
""",
    expect=[
        ("await client.|BatchWriteItemAsync(",
         "BatchWriteItemAsync may send more than 25 write requests in one call: there is one for each element of "
         "'trackIds', which is not limited to 25; DynamoDB rejects the whole batch"),
    ],
    fixed="""using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class TrackImport
{
    public static async Task ImportAsync(IAmazonDynamoDB client, IReadOnlyList<string> trackIds)
    {
        var requests = new List<WriteRequest>();
        foreach (var id in trackIds)
        {
            requests.Add(new WriteRequest
            {
                PutRequest = new PutRequest { Item = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } } },
            });
        }

        foreach (var chunk in requests.Chunk(25))
        {
            var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new Dictionary<string, List<WriteRequest>> { ["Tracks"] = chunk.ToList() },
            });
            if (response.UnprocessedItems is { Count: > 0 })
            {
                throw new System.InvalidOperationException("Some tracks were not written.");
            }
        }
    }
}
""",
)

DDB106 = Rule(
    id="DDB106",
    category="DynamoDB.Concurrency",
    file="OrderConflicts.cs",
    model=VERSIONED_ORDER,
    violation="""using System;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class OrderConflicts
{
    public static async Task RenameAsync(IDynamoDBContext context, Order order, string name)
    {
        order.Name = name;
        try
        {
            await context.SaveAsync(order);
        }
        catch (ConditionalCheckFailedException ex)
        {
            // Another writer got there first.
            Console.WriteLine("Order " + order.Id + " changed concurrently: " + ex.Message);
        }
    }
}
""",
    expect=[
        ("|catch (ConditionalCheckFailedException ex)",
         "SaveAsync is guarded by the [DynamoDBVersion] property 'Version' of 'Order', but the "
         "ConditionalCheckFailedException it throws when another writer changed the item first is caught here and "
         "dropped; the code carries on as if the write happened, and the change is lost"),
    ],
    # dotnet format applies the first action, Rethrow the conflict (the retry needs the read in the same method).
    fixed="""using System;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class OrderConflicts
{
    public static async Task RenameAsync(IDynamoDBContext context, Order order, string name)
    {
        order.Name = name;
        try
        {
            await context.SaveAsync(order);
        }
        catch (ConditionalCheckFailedException ex)
        {
            // Another writer got there first.
            Console.WriteLine("Order " + order.Id + " changed concurrently: " + ex.Message);
            throw;
        }
    }
}
""",
)

SONG = """
[DynamoDBTable("Songs")]
public class Song
{
    [DynamoDBHashKey("album_id")] public string AlbumId { get; set; } = "";
    [DynamoDBRangeKey("song_id")] public string SongId { get; set; } = "";
    public string Title { get; set; } = "";
}
"""

DDB305 = Rule(
    id="DDB305",
    category="DynamoDB.Limits",
    file="SongQueries.cs",
    model=SONG,
    violation="""using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class SongQueries
{
    public static async Task<int> CountAlbumAsync(IAmazonDynamoDB client, string albumId, CancellationToken cancellationToken)
    {
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = "Songs",
            KeyConditionExpression = "album_id = :album",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
        }, cancellationToken);
        return response.Items.Count;
    }

    public static async Task<List<Song>> AlbumAsync(IDynamoDBContext context, string albumId, CancellationToken cancellationToken)
    {
        var search = context.QueryAsync<Song>(albumId);
        return await search.GetNextSetAsync(cancellationToken);
    }
}
""",
    expect=[
        ("await client.|QueryAsync(",
         "QueryAsync returns one page of at most 1 MB, but its Items are read and its LastEvaluatedKey never is: "
         "once the result outgrows a page, the remaining items are silently missing"),
        ("await search.|GetNextSetAsync(",
         "GetNextSetAsync reads only the first page (at most 1 MB) of the results of QueryAsync, and IsDone is never "
         "checked: once the result outgrows a page, the remaining items are silently missing"),
    ],
    fixed="""using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class SongQueries
{
    public static async Task<int> CountAlbumAsync(IAmazonDynamoDB client, string albumId, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = "Songs",
            KeyConditionExpression = "album_id = :album",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":album"] = new AttributeValue { S = albumId } },
        };
        var items = new List<Dictionary<string, AttributeValue>>();
        QueryResponse response;
        do
        {
            response = await client.QueryAsync(request, cancellationToken);
            items.AddRange(response.Items ?? new());
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (response.LastEvaluatedKey is { Count: > 0 });
        return items.Count;
    }

    public static async Task<List<Song>> AlbumAsync(IDynamoDBContext context, string albumId, CancellationToken cancellationToken)
    {
        var search = context.QueryAsync<Song>(albumId);
        return await search.GetRemainingAsync(cancellationToken);
    }
}
""",
)


# Rules whose default severity is Info: `dotnet build` prints no Info diagnostic, so the generic scenarios (which expect
# each violation as a warning in the build output) cannot cover them. They have their own scenarios below ("info
# rules: ..."), which raise the severity in the consumer's .editorconfig where they need the build to print them.
DDB203 = Rule(
    id="DDB203",
    category="DynamoDB.Concurrency",
    file="PlayCounter.cs",
    violation="""using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Consumer.__FOLDER__;

public static class PlayCounter
{
    public static async Task CountPlayAsync(IAmazonDynamoDB client, string trackId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = "Tracks",
                    Key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = trackId } },
                    UpdateExpression = "ADD Plays :one",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = new AttributeValue { N = "1" } },
                });
                return;
            }
            catch (AmazonServiceException) when (attempt < 3)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }
}
""",
    expect=[
        ("await client.|UpdateItemAsync(",
         "UpdateItemAsync increments 'Plays' inside a retry loop; when a response is lost and the call is sent again, "
         "the increment is applied twice"),
    ],
    fixed="""using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Consumer.__FOLDER__;

public static class PlayCounter
{
    public static async Task CountPlayAsync(IAmazonDynamoDB client, string trackId)
    {
        var requestToken = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    ClientRequestToken = requestToken,
                    TransactItems = new List<TransactWriteItem>
                    {
                        new TransactWriteItem
                        {
                            Update = new Update
                            {
                                TableName = "Tracks",
                                Key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = trackId } },
                                UpdateExpression = "ADD Plays :one",
                                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = new AttributeValue { N = "1" } },
                            },
                        },
                    },
                });
                return;
            }
            catch (AmazonServiceException) when (attempt < 3)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }
}
""",
)

DDB405 = Rule(
    id="DDB405",
    category="DynamoDB.Expressions",
    file="TrackTitles.cs",
    violation="""using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class TrackTitles
{
    public static async Task RetitleAsync(IAmazonDynamoDB client, string trackId, string title)
    {
        var key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = trackId } };
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = "Tracks",
            Key = key,
            UpdateExpression = "SET Title = :t",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = new AttributeValue { S = title } },
            AttributeUpdates = new Dictionary<string, AttributeValueUpdate> { ["Plays"] = new AttributeValueUpdate { Action = AttributeAction.ADD, Value = new AttributeValue { N = "1" } } },
        });
    }
}
""",
    expect=[
        ("            |AttributeUpdates = new",
         "UpdateItemRequest sets both UpdateExpression and the legacy parameter AttributeUpdates; DynamoDB rejects a "
         "request that mixes expression and non-expression parameters"),
    ],
    # "Convert to expressions": the legacy ADD joins the update expression, its value the expression values.
    fixed="""using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

// @suppress-here
public static class TrackTitles
{
    public static async Task RetitleAsync(IAmazonDynamoDB client, string trackId, string title)
    {
        var key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = trackId } };
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = "Tracks",
            Key = key,
            UpdateExpression = "SET Title = :t ADD Plays :v",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = new AttributeValue { S = title }, [":v"] = new AttributeValue { N = "1" } },
        });
    }
}
""",
)

# Info, like DDB203 above: covered by the "info rules" scenarios.
DDB202 = Rule(
    id="DDB202",
    category="DynamoDB.Concurrency",
    file="AccountWrites.cs",
    violation="""using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

[DynamoDBTable("Profiles")]
public class Profile
{
    [DynamoDBHashKey] public string Id { get; set; } = "";
    public string Name { get; set; } = "";
}

// @suppress-here
public static class AccountWrites
{
    public static async Task RenameAccountAsync(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync("Accounts", key)).Item;
        item["name"] = new AttributeValue { S = name };
        await client.PutItemAsync("Accounts", item);
    }

    public static async Task RenameProfileAsync(IDynamoDBContext context, string id, string name)
    {
        var profile = await context.LoadAsync<Profile>(id);
        profile.Name = name;
        await context.SaveAsync(profile);
    }
}
""",
    expect=[
        ("await client.|PutItemAsync(\"Accounts\", item)",
         "PutItemAsync writes back the whole item GetItemAsync returned after changing 'name', without a condition: "
         "changes other writers make to the item in between are lost (update only the changed attributes, or add a "
         "version)"),
        ("await context.|SaveAsync(profile)",
         "SaveAsync writes back the whole item LoadAsync returned after changing 'Name', without a condition: "
         "changes other writers make to the item in between are lost (update only the changed attributes, or add a "
         "version)"),
    ],
    # One action per finding under one key: the low-level put narrows to an UpdateItem of 'name' (a reserved word,
    # aliased), the object model's class gets a version property.
    fixed="""using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

[DynamoDBTable("Profiles")]
public class Profile
{
    [DynamoDBHashKey] public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    [DynamoDBVersion] public long? Version { get; set; }
}

// @suppress-here
public static class AccountWrites
{
    public static async Task RenameAccountAsync(IAmazonDynamoDB client, string id, string name)
    {
        var key = new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = id } };
        var item = (await client.GetItemAsync("Accounts", key)).Item;
        item["name"] = new AttributeValue { S = name };
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = "Accounts",
            Key = key,
            UpdateExpression = "SET #name = :name",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#name"] = "name" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":name"] = item["name"] },
        });
    }

    public static async Task RenameProfileAsync(IDynamoDBContext context, string id, string name)
    {
        var profile = await context.LoadAsync<Profile>(id);
        profile.Name = name;
        await context.SaveAsync(profile);
    }
}
""",
)

RULES: List[Rule] = [DDB101, DDB102, DDB105, DDB106, DDB201, DDB301, DDB305, DDB405]
RULE_BY_ID = {r.id: r for r in RULES}
# Every scenario places all rules' files side by side: two rules sharing a file (or its class) would overwrite each other.
assert len({r.file for r in RULES}) == len(RULES), "two rules share a file name: " + ", ".join(r.file for r in RULES)
CATEGORIES = sorted({r.category for r in RULES})
FIXABLE = [r for r in RULES if r.fixed is not None]
INFO_RULES: List[Rule] = [DDB202, DDB203]
RULE_BY_ID.update({r.id: r for r in INFO_RULES})

# ----------------------------------------------------------------------------------------------------------------
# Machinery: the shared consumer template, one workspace per scenario, running dotnet, parsing its diagnostics.
# ----------------------------------------------------------------------------------------------------------------

ENV = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", DOTNET_SKIP_FIRST_TIME_EXPERIENCE="1",
           DOTNET_CLI_UI_LANGUAGE="en-US", MSBUILDTERMINALLOGGER="off")
BUILD = ["dotnet", "build", "--no-restore", "-nologo", "-v", "minimal", "-tl:off"]
# dotnet format restores by itself unless told not to; the template is restored once, so scenarios skip that.
FORMAT = ["dotnet", "format", "analyzers", "--no-restore"]

PROGRAM = """public static class Program
{
    public static void Main()
    {
    }
}
"""

MODEL_HEADER = """using Amazon.DynamoDBv2.DataModel;
"""


def project_xml(version: str, packages: str, extra_properties: str = "") -> str:
    return f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <!-- A packages folder of this run only: a cached copy of an older DynamoGuard build can never be what is tested. -->
    <RestorePackagesPath>{packages}</RestorePackagesPath>{extra_properties}
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="{AWS_SDK_VERSION}" />
    <PackageReference Include="{PACKAGE_ID}" Version="{version}" PrivateAssets="all" />
  </ItemGroup>
</Project>
"""


def editorconfig(*lines: str, root: bool = True) -> str:
    head = "root = true\n\n" if root else ""
    return head + "[*.cs]\n" + "".join(line + "\n" for line in lines)


def globalconfig(*lines: str) -> str:
    return "is_global = true\n" + "".join(line + "\n" for line in lines)


class Failure(Exception):
    def __init__(self, message: str, output: str = ""):
        super().__init__(message)
        self.output = output


class Skip(Exception):
    pass


@dataclass(frozen=True, order=True)
class Diag:
    file: str  # relative to the consumer project, "/" separators; "" when the line has no location
    line: int
    col: int
    severity: str
    id: str

    def __str__(self) -> str:
        where = f"{self.file}({self.line},{self.col})" if self.file else "(no location)"
        return f"{where}: {self.severity} {self.id}"


DIAG_LINE = re.compile(
    r"^\s*(?:\d+>)?(?P<file>.*?)(?:\((?P<line>\d+),(?P<col>\d+)(?:,\d+,\d+)?\))?\s*:\s*"
    r"(?P<severity>warning|error|info)\s+(?P<id>[A-Za-z]+\d+)\s*:\s*(?P<message>.*?)(?:\s+\[[^\]]*\])?\s*$")


@dataclass
class Outcome:
    """One dotnet command's exit code and output, with the diagnostics it printed (de-duplicated: MSBuild repeats
    every warning in its summary)."""
    command: str
    code: int
    output: str
    diags: Dict[Diag, str] = field(default_factory=dict)  # diagnostic -> message as printed

    def fail(self, message: str) -> None:
        raise Failure(f"{message}\n  command: {self.command} (exit {self.code})", self.output)

    def succeeds(self) -> "Outcome":
        if self.code != 0:
            self.fail("expected exit code 0")
        return self

    def fails(self) -> "Outcome":
        if self.code == 0:
            self.fail("expected a non-zero exit code")
        return self

    def exits(self, code: int) -> "Outcome":
        if self.code != code:
            self.fail(f"expected exit code {code}")
        return self

    def reports(self, *expected: Iterable[Diag]) -> "Outcome":
        """Exactly these diagnostics, and no other warning or error of any kind (AD0001, CS8032, CS..., NU...)."""
        want = set()
        for group in expected:
            want.update(group)
        got = set(self.diags)
        if got != want:
            lines = [f"    missing:    {d}" for d in sorted(want - got)]
            lines += [f"    unexpected: {d}: {self.diags[d]}" for d in sorted(got - want)]
            self.fail("diagnostics differ from the expected set\n" + "\n".join(lines))
        return self

    def reports_nothing(self) -> "Outcome":
        return self.reports()

    def messages_are(self, expected: Dict[Diag, str]) -> "Outcome":
        for diag, message in expected.items():
            printed = self.diags.get(diag)
            if printed != message:
                self.fail(f"{diag}: message\n    expected: {message}\n    printed:  {printed}")
        return self


class Workspace:
    """A fresh copy of the restored consumer project for one scenario."""

    def __init__(self, root: str, template: "Template"):
        self.root = root
        self.template = template
        shutil.copytree(template.root, root, symlinks=True)

    # --- shaping the project ---
    def write(self, path: str, text: str) -> None:
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    def read(self, path: str) -> str:
        with open(os.path.join(self.root, path), encoding="utf-8") as f:
            return f.read()

    def exists(self, path: str) -> bool:
        return os.path.exists(os.path.join(self.root, path))

    def properties(self, xml: str) -> None:
        """Extra MSBuild properties in the consumer's project file (no restore needed for them)."""
        self.write("Consumer.csproj", project_xml(self.template.version, self.template.packages, "\n    " + xml))

    def place(self, folder: str, rules: Iterable[Rule] = None, *, compliant: bool = False,
              transform: Callable[[Rule, str], str] = None, name: Callable[[Rule], str] = None) -> None:
        """Writes each rule's violating (or compliant) file into `folder`."""
        for rule in RULES if rules is None else rules:
            text = source_for(rule, folder, compliant)
            if transform is not None:
                text = transform(rule, text)
            self.write(f"{folder}/{name(rule) if name else rule.file}", text)

    def expected(self, folder: str, severity: str = "warning", rules: Iterable[Rule] = None,
                 name: Callable[[Rule], str] = None) -> Dict[Diag, str]:
        """The diagnostics the rules' violating files in `folder` must produce, with their messages."""
        result = {}
        for rule in RULES if rules is None else rules:
            path = f"{folder}/{name(rule) if name else rule.file}"
            text = self.read(path)
            for anchor, message in rule.expect:
                line, col = locate(text, anchor, path)
                result[Diag(path, line, col, severity, rule.id)] = message
        return result

    # --- running dotnet ---
    def run(self, args: List[str]) -> Outcome:
        proc = subprocess.run(args, cwd=self.root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, text=True, timeout=600)
        outcome = Outcome(" ".join(args), proc.returncode, proc.stdout)
        prefix = self.root.rstrip("/") + "/"
        for raw in proc.stdout.splitlines():
            m = DIAG_LINE.match(raw)
            if not m:
                continue
            file = m.group("file").strip()
            file = file[len(prefix):] if file.startswith(prefix) else ("" if not m.group("line") else file)
            d = Diag(file, int(m.group("line") or 0), int(m.group("col") or 0), m.group("severity"), m.group("id"))
            message = m.group("message")
            outcome.diags.setdefault(d, message)
        return outcome

    def build(self, *args: str) -> Outcome:
        return self.run(BUILD + list(args))

    def format(self, *args: str) -> Outcome:
        return self.run(FORMAT + list(args))

    def files_starting_with(self, prefix: str, under: str) -> List[str]:
        found = []
        for dirpath, _, files in os.walk(os.path.join(self.root, under)):
            found += [os.path.join(dirpath, f) for f in files if f.startswith(prefix)]
        return found


def source_for(rule: Rule, folder: str, compliant: bool = False) -> str:
    text = rule.compliant if compliant else rule.violation
    if text is None:
        raise Failure(f"{rule.id} has no compliant code (set Rule.clean)")
    return text.replace("__FOLDER__", folder.replace("/", "."))


def locate(text: str, anchor: str, path: str) -> Tuple[int, int]:
    needle = anchor.replace("|", "")
    at = text.find(needle)
    if at < 0 or text.find(needle, at + 1) >= 0:
        raise Failure(f"anchor {anchor!r} must occur exactly once in {path}")
    at += anchor.index("|")
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, col


@dataclass
class Template:
    root: str
    version: str
    packages: str


def run(args: List[str], cwd: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, text=True, timeout=900)


def prepare(work: str, feed: Optional[str]) -> Template:
    """Pack (unless given a feed), then write and restore the consumer template once."""
    if feed is None:
        feed = os.path.join(work, "feed")
        started = time.monotonic()
        proc = run(["dotnet", "pack", os.path.join(REPO, "Analyzers.sln"), "-c", "Release", "-o", feed, "--nologo",
                    "-v", "quiet"], REPO)
        if proc.returncode != 0:
            raise Failure(f"dotnet pack failed (exit {proc.returncode})", proc.stdout)
        print(f"packed {PACKAGE_ID} in {time.monotonic() - started:.1f}s", flush=True)
    feed = os.path.abspath(feed)
    nupkgs = [f for f in os.listdir(feed) if re.fullmatch(re.escape(PACKAGE_ID) + r"\.\d[^/]*\.nupkg", f)]
    if len(nupkgs) != 1:
        raise Failure(f"expected exactly one {PACKAGE_ID} package in {feed}, found {nupkgs}")
    version = nupkgs[0][len(PACKAGE_ID) + 1:-len(".nupkg")]

    packages = os.path.join(work, "packages")
    root = os.path.join(work, "template")
    os.makedirs(root)
    template = Template(root, version, packages)
    files = {
        "nuget.config": f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="dynamoguard-local" value="{feed}" />
  </packageSources>
</configuration>
""",
        "Consumer.csproj": project_xml(version, packages),
        # root = true: no .editorconfig above the work folder can change what the scenarios see.
        ".editorconfig": editorconfig(),
        "Program.cs": PROGRAM,
        "Model.cs": MODEL_HEADER + "".join(dict.fromkeys(r.model for r in RULES if r.model)),
    }
    for path, text in files.items():
        with open(os.path.join(root, path), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    started = time.monotonic()
    proc = run(["dotnet", "restore", "-nologo", "-v", "minimal", "-tl:off"], root)
    if proc.returncode != 0:
        raise Failure(f"restore of the consumer template failed (exit {proc.returncode})", proc.stdout)
    print(f"restored the consumer template ({PACKAGE_ID} {version}) in {time.monotonic() - started:.1f}s", flush=True)

    # The restored package must be the very file in the feed, not a namesake from another source.
    with open(os.path.join(feed, nupkgs[0]), "rb") as f:
        packed = hashlib.sha512(f.read()).digest()
    marker = os.path.join(packages, PACKAGE_ID.lower(), version, f"{PACKAGE_ID.lower()}.{version}.nupkg.sha512")
    with open(marker, encoding="ascii") as f:
        restored = base64.b64decode(f.read().strip())
    if restored != packed:
        raise Failure(f"the restored {PACKAGE_ID} {version} is not the package in {feed}")
    return template


# ----------------------------------------------------------------------------------------------------------------
# Scenarios. Each gets a fresh copy of the restored template (`ws`); RULES' files are placed where the scenario says.
# ----------------------------------------------------------------------------------------------------------------

SCENARIOS: List[Tuple[str, Callable[[Workspace], None]]] = []


def scenario(name: str):
    def register(fn):
        SCENARIOS.append((name, fn))
        return fn
    return register


def ids(rules: Iterable[Rule] = None) -> List[str]:
    return [r.id for r in (RULES if rules is None else rules)]


# 1. Install --------------------------------------------------------------------------------------------------------

@scenario("install: dotnet build reports each violation as a warning with its file(line,col), message and help link")
def _(ws: Workspace):
    ws.place("App")
    out = ws.build().succeeds()
    expected = ws.expected("App")
    out.reports(expected)
    out.messages_are({d: f"{m} ({RULE_BY_ID[d.id].help_uri})" for d, m in expected.items()})


@scenario("install: compliant code builds with no diagnostic")
def _(ws: Workspace):
    ws.place("App", compliant=True)
    ws.build().succeeds().reports_nothing()


@scenario("install: development dependency, no DynamoGuard assembly in the consumer's output")
def _(ws: Workspace):
    ws.place("App")
    ws.build().succeeds()
    if not ws.exists("bin/Debug/net10.0/Consumer.dll"):
        raise Failure("the consumer's own assembly is missing from bin/Debug/net10.0")
    leaked = ws.files_starting_with("DynamoGuard", "bin")
    if leaked:
        raise Failure(f"DynamoGuard files in the consumer's output: {leaked}")
    deps = ws.read("bin/Debug/net10.0/Consumer.deps.json")
    if "DynamoGuard" in deps:
        raise Failure("Consumer.deps.json names DynamoGuard")


# 2. Severity --------------------------------------------------------------------------------------------------------

@scenario("severity: dotnet_diagnostic.<id>.severity = error fails the build")
def _(ws: Workspace):
    ws.place("App")
    ws.write(".editorconfig", editorconfig(*(f"dotnet_diagnostic.{i}.severity = error" for i in ids())))
    ws.build().fails().reports(ws.expected("App", "error"))


@scenario("severity: dotnet_diagnostic.<id>.severity = none silences the rule")
def _(ws: Workspace):
    ws.place("App")
    ws.write(".editorconfig", editorconfig(*(f"dotnet_diagnostic.{i}.severity = none" for i in ids())))
    ws.build("-p:ErrorLog=out.sarif%2Cversion=2.1").succeeds().reports_nothing()
    leftover = [r for r in sarif_results(ws, "out.sarif") if r["ruleId"] in ids()]
    if leftover:
        raise Failure(f"severity none still reported {len(leftover)} result(s) to the error log")


@scenario("severity: = suggestion keeps the rule out of the build output (still reported, as a note, for the IDE)")
def _(ws: Workspace):
    ws.place("App")
    ws.write(".editorconfig", editorconfig(*(f"dotnet_diagnostic.{i}.severity = suggestion" for i in ids())))
    ws.build("-p:ErrorLog=out.sarif%2Cversion=2.1").succeeds().reports_nothing()
    notes = {(r["ruleId"], r["level"]) for r in sarif_results(ws, "out.sarif") if r["ruleId"] in ids()}
    if notes != {(i, "note") for i in ids()}:
        raise Failure(f"expected each rule as a 'note' in the error log, found {sorted(notes)}")


@scenario("severity: dotnet_analyzer_diagnostic.category-<category>.severity = error fails the build")
def _(ws: Workspace):
    ws.place("App")
    ws.write(".editorconfig", editorconfig(
        *(f"dotnet_analyzer_diagnostic.category-{c}.severity = error" for c in CATEGORIES)))
    ws.build().fails().reports(ws.expected("App", "error"))


@scenario("severity: a rule's own severity line wins over its category's")
def _(ws: Workspace):
    ws.place("App")
    ws.write(".editorconfig", editorconfig(
        *(f"dotnet_analyzer_diagnostic.category-{c}.severity = error" for c in CATEGORIES),
        *(f"dotnet_diagnostic.{i}.severity = warning" for i in ids())))
    ws.build().succeeds().reports(ws.expected("App", "warning"))


@scenario("severity: a .globalconfig (is_global = true) sets the severity the same way")
def _(ws: Workspace):
    ws.place("App")
    ws.write(".globalconfig", globalconfig(*(f"dotnet_diagnostic.{i}.severity = error" for i in ids())))
    ws.build().fails().reports(ws.expected("App", "error"))


@scenario("severity: a .globalconfig category line silences the category")
def _(ws: Workspace):
    ws.place("App")
    ws.write(".globalconfig", globalconfig(
        *(f"dotnet_analyzer_diagnostic.category-{c}.severity = none" for c in CATEGORIES)))
    ws.build().succeeds().reports_nothing()


@scenario("severity: a per-folder section [Legacy/**.cs] overrides the root [*.cs] section")
def _(ws: Workspace):
    ws.place("App")
    ws.place("Legacy")
    ws.write(".editorconfig", editorconfig(*(f"dotnet_diagnostic.{i}.severity = error" for i in ids()))
             + "\n[Legacy/**.cs]\n" + "".join(f"dotnet_diagnostic.{i}.severity = none\n" for i in ids()))
    ws.build().fails().reports(ws.expected("App", "error"))


@scenario("severity: a folder's own .editorconfig overrides the root one for that folder")
def _(ws: Workspace):
    ws.place("App")
    ws.place("Legacy")
    ws.write(".editorconfig", editorconfig(*(f"dotnet_diagnostic.{i}.severity = warning" for i in ids())))
    ws.write("Legacy/.editorconfig", editorconfig(*(f"dotnet_diagnostic.{i}.severity = error" for i in ids()),
                                                  root=False))
    ws.build().fails().reports(ws.expected("App", "warning"), ws.expected("Legacy", "error"))


@scenario("severity: .editorconfig wins over .globalconfig")
def _(ws: Workspace):
    ws.place("App")
    ws.write(".globalconfig", globalconfig(*(f"dotnet_diagnostic.{i}.severity = none" for i in ids())))
    ws.write(".editorconfig", editorconfig(*(f"dotnet_diagnostic.{i}.severity = error" for i in ids())))
    ws.build().fails().reports(ws.expected("App", "error"))


# 3. Custom options --------------------------------------------------------------------------------------------------

@scenario("options: dynamoguard.version_attribute_names changes what DDB101 flags, per folder")
def _(ws: Workspace):
    # App/ configures the names (`rev`, trusted without further evidence; it replaces the default heuristic, so an
    # incremented `version` is no lock there); Legacy/ keeps the defaults (`version` with an increment is one, an
    # unconditioned `rev` is nothing). The two writes go to different tables: a write to a table another write shows
    # to be versioned is flagged too (compilation end), which is not what this scenario is about.
    source = """using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Consumer.__FOLDER__;

public static class Revisions
{
    public static Task SaveRevAsync(IAmazonDynamoDB client, string id, string rev)
        => client.PutItemAsync("Drafts", new Dictionary<string, AttributeValue>
        {
            ["Id"] = new AttributeValue { S = id },
            ["rev"] = new AttributeValue { N = rev },
        });

    public static Task SaveVersionAsync(IAmazonDynamoDB client, string id, long current)
        => client.PutItemAsync("Documents", new Dictionary<string, AttributeValue>
        {
            ["Id"] = new AttributeValue { S = id },
            ["version"] = new AttributeValue { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
        });
}
"""
    for folder in ("App", "Legacy"):
        ws.write(f"{folder}/Revisions.cs", source.replace("__FOLDER__", folder))
    ws.write(".editorconfig", editorconfig() + "\n[App/**.cs]\ndynamoguard.version_attribute_names = rev\n")

    def at(folder: str, anchor: str) -> Diag:
        path = f"{folder}/Revisions.cs"
        line, col = locate(ws.read(path), anchor, path)
        return Diag(path, line, col, "warning", "DDB101")

    rev = "SaveRevAsync(IAmazonDynamoDB client, string id, string rev)\n        => client.|PutItemAsync("
    version = "SaveVersionAsync(IAmazonDynamoDB client, string id, long current)\n        => client.|PutItemAsync("
    ws.build().succeeds().reports([at("App", rev), at("Legacy", version)]).messages_are({
        at("App", rev): "PutItem writes 'rev' of table 'Drafts' without a condition on it; "
                        "a concurrent writer's change can be lost (" + DDB101.help_uri + ")",
        at("Legacy", version): "PutItem writes 'version' of table 'Documents' without a condition on it; "
                               "a concurrent writer's change can be lost (" + DDB101.help_uri + ")",
    })


# 4. CI enforcement --------------------------------------------------------------------------------------------------

@scenario("ci: dotnet build -warnaserror fails on a violation")
def _(ws: Workspace):
    ws.place("App")
    ws.build("-warnaserror").fails().reports(ws.expected("App", "error"))


@scenario("ci: dotnet build -warnaserror passes on compliant code")
def _(ws: Workspace):
    ws.place("App", compliant=True)
    ws.build("-warnaserror").succeeds().reports_nothing()


@scenario("ci: dotnet build -p:TreatWarningsAsErrors=true fails on a violation")
def _(ws: Workspace):
    ws.place("App")
    ws.build("-p:TreatWarningsAsErrors=true").fails().reports(ws.expected("App", "error"))


@scenario("ci: dotnet build -p:TreatWarningsAsErrors=true passes on compliant code")
def _(ws: Workspace):
    ws.place("App", compliant=True)
    ws.build("-p:TreatWarningsAsErrors=true").succeeds().reports_nothing()


def sarif_results(ws: Workspace, path: str) -> List[dict]:
    if not ws.exists(path):
        raise Failure(f"no error log at {path}")
    log = json.loads(ws.read(path))
    if log.get("version") != "2.1.0":
        raise Failure(f"{path}: SARIF version {log.get('version')!r}, expected 2.1.0")
    return [r for run_ in log["runs"] for r in run_.get("results", [])]


@scenario("ci: -p:ErrorLog=out.sarif%2Cversion=2.1 writes SARIF 2.1.0 with rule id, message, location, help link")
def _(ws: Workspace):
    ws.place("App")
    out = ws.build("-p:ErrorLog=out.sarif%2Cversion=2.1").succeeds()
    expected = ws.expected("App")
    out.reports(expected)
    log = json.loads(ws.read("out.sarif"))
    if log.get("version") != "2.1.0" or "sarif-2.1.0" not in log.get("$schema", ""):
        raise Failure(f"not a SARIF 2.1.0 log: version {log.get('version')!r}, $schema {log.get('$schema')!r}")
    found = {}
    for run_ in log["runs"]:
        rules = run_["tool"]["driver"].get("rules", [])
        for result in run_.get("results", []):
            if result["ruleId"] not in ids():
                continue
            loc = result["locations"][0]["physicalLocation"]
            uri = loc["artifactLocation"]["uri"]
            prefix = "file://" + ws.root.rstrip("/") + "/"
            diag = Diag(uri[len(prefix):] if uri.startswith(prefix) else uri, loc["region"]["startLine"],
                        loc["region"]["startColumn"], result["level"], result["ruleId"])
            descriptor = rules[result["ruleIndex"]] if "ruleIndex" in result else {}
            if descriptor.get("id") != result["ruleId"]:
                raise Failure(f"{diag}: ruleIndex does not point at the rule's descriptor")
            found[diag] = (result["message"]["text"], descriptor.get("helpUri"))
    want = {d: (m, RULE_BY_ID[d.id].help_uri) for d, m in expected.items()}
    if found != want:
        raise Failure("SARIF results differ\n" + "\n".join(
            [f"    missing:    {d}: {v}" for d, v in sorted(want.items()) if found.get(d) != v]
            + [f"    unexpected: {d}: {v}" for d, v in sorted(found.items()) if want.get(d) != v]))


# 5. dotnet format ---------------------------------------------------------------------------------------------------

def format_args(rules: Iterable[Rule]) -> List[str]:
    return ["--diagnostics", *ids(rules), "--severity", "info"]


@scenario("format: --verify-no-changes exits non-zero while fixable diagnostics remain, and changes nothing")
def _(ws: Workspace):
    if not FIXABLE:
        raise Skip("no rule has a code fix")
    ws.place("App", FIXABLE)
    before = {r.file: ws.read(f"App/{r.file}") for r in FIXABLE}
    out = ws.format(*format_args(FIXABLE), "--verify-no-changes").exits(2)
    # dotnet format prints what it would fix, without the help link.
    out.reports(ws.expected("App", rules=FIXABLE))
    for r in FIXABLE:
        if ws.read(f"App/{r.file}") != before[r.file]:
            raise Failure(f"--verify-no-changes changed App/{r.file}")


@scenario("format: dotnet format analyzers applies every fix (Fix All), the result builds with no diagnostic left")
def _(ws: Workspace):
    if not FIXABLE:
        raise Skip("no rule has a code fix")
    ws.place("App", FIXABLE)
    ws.place("Other", FIXABLE)  # two documents: the fixes run across the project, not one file
    ws.format(*format_args(FIXABLE)).succeeds()
    for folder in ("App", "Other"):
        for r in FIXABLE:
            got, want = ws.read(f"{folder}/{r.file}"), r.fixed.replace("__FOLDER__", folder)
            if got != want:
                raise Failure(f"{folder}/{r.file} after dotnet format differs from the expected fix\n"
                              + unified_diff(want, got, f"{folder}/{r.file}"))
    ws.format(*format_args(FIXABLE), "--verify-no-changes").succeeds()
    ws.build().succeeds().reports_nothing()


def unified_diff(want: str, got: str, name: str) -> str:
    return "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), f"expected/{name}",
                                        f"actual/{name}"))


# 6a. Info rules -------------------------------------------------------------------------------------------------------

@scenario("info rules: an Info rule is not in the build output by default, and is reported as a warning once raised")
def _(ws: Workspace):
    if not INFO_RULES:
        raise Skip("no Info rule under test")
    ws.place("App", INFO_RULES)
    ws.build().succeeds().reports_nothing()
    ws.write(".editorconfig", editorconfig(*(f"dotnet_diagnostic.{r.id}.severity = warning" for r in INFO_RULES)))
    out = ws.build("--no-incremental").succeeds()
    expected = ws.expected("App", rules=INFO_RULES)
    out.reports(expected)
    out.messages_are({d: f"{m} ({RULE_BY_ID[d.id].help_uri})" for d, m in expected.items()})


@scenario("info rules: dotnet format --severity info applies their fixes, and the result builds with nothing left")
def _(ws: Workspace):
    rules = [r for r in INFO_RULES if r.fixed is not None]
    if not rules:
        raise Skip("no Info rule with a code fix under test")
    ws.place("App", rules)
    ws.format(*format_args(rules)).succeeds()
    for r in rules:
        got = ws.read(f"App/{r.file}")
        want = source_for(r, "App", compliant=True)
        if got != want:
            raise Failure(f"App/{r.file} after dotnet format differs:\n" + unified_diff(want, got, r.file))
    ws.write(".editorconfig", editorconfig(*(f"dotnet_diagnostic.{r.id}.severity = warning" for r in rules)))
    ws.build("--no-incremental").succeeds().reports_nothing()


# 6. Suppression -----------------------------------------------------------------------------------------------------

@scenario("suppression: #pragma warning disable <id> silences the code it covers, not the rest")
def _(ws: Workspace):
    ws.place("App", transform=lambda r, text: f"#pragma warning disable {r.id} // e2e: covered by the pragma\n"
                                              + text + f"#pragma warning restore {r.id}\n")
    ws.place("Control")
    ws.build().succeeds().reports(ws.expected("Control"))


@scenario("suppression: [SuppressMessage(\"<category>\", \"<id>\")] silences the type it is on, not the rest")
def _(ws: Workspace):
    def suppress(rule: Rule, text: str) -> str:
        if "// @suppress-here\n" not in text:
            raise Failure(f"{rule.id}'s source has no '// @suppress-here' line")
        return "using System.Diagnostics.CodeAnalysis;\n" + text.replace(
            "// @suppress-here\n", f'[SuppressMessage("{rule.category}", "{rule.id}", Justification = "e2e")]\n')
    ws.place("App", transform=suppress)
    ws.place("Control")
    ws.build().succeeds().reports(ws.expected("Control"))


@scenario("suppression: <NoWarn>$(NoWarn);<id></NoWarn> in the project silences the rule")
def _(ws: Workspace):
    ws.place("App")
    ws.properties(f"<NoWarn>$(NoWarn);{';'.join(ids())}</NoWarn>")
    ws.build().succeeds().reports_nothing()


# 7. Generated code --------------------------------------------------------------------------------------------------

@scenario("generated code: a file with a // <auto-generated/> header is not analysed")
def _(ws: Workspace):
    ws.place("Generated", transform=lambda r, text: "// <auto-generated/>\n" + text)
    ws.place("Control")
    ws.build().succeeds().reports(ws.expected("Control"))


@scenario("generated code: a *.g.cs file is not analysed")
def _(ws: Workspace):
    ws.place("Generated", name=lambda r: r.file[:-len(".cs")] + ".g.cs")
    ws.place("Control")
    ws.build().succeeds().reports(ws.expected("Control"))


# ----------------------------------------------------------------------------------------------------------------

# 7. Where users are: SDK v3, an older compiler -----------------------------------------------------------------------
# These consumers need packages the template does not have, so each restores its own project into a packages folder of
# its own (scenarios run in parallel; the shared one is only read).

V3_ORDER_STORE = """using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;

namespace Consumer.App;

public static class OrderStore
{
    public static async Task RenameAsync(IDynamoDBContext context, Order order, string name)
    {
        order.Name = name;
        await context.SaveAsync(order, new DynamoDBOperationConfig { SkipVersionCheck = true });
    }

    public static Task RemoveAsync(IDynamoDBContext context, string id)
        => context.DeleteAsync<Order>(id);

    public static IDynamoDBContext Create(IAmazonDynamoDB client)
        => new DynamoDBContext(client, new DynamoDBContextConfig { SkipVersionCheck = true, ConsistentRead = true });
}
"""

V3_ORDER_STORE_FIXED = V3_ORDER_STORE.replace(
    "await context.SaveAsync(order, new DynamoDBOperationConfig { SkipVersionCheck = true });",
    "await context.SaveAsync(order);").replace(
    "new DynamoDBContextConfig { SkipVersionCheck = true, ConsistentRead = true }",
    "new DynamoDBContextConfig { ConsistentRead = true }")

V3_EXPECT = [
    ("DDB102", "new DynamoDBOperationConfig { |SkipVersionCheck",
     "SaveAsync of versioned type 'Order' sets SkipVersionCheck = true, so its [DynamoDBVersion] property 'Version' "
     "is not checked; a concurrent writer's change can be lost"),
    ("DDB101", "context.|DeleteAsync<Order>",
     "DeleteAsync<Order> deletes by key, which sends no condition on the [DynamoDBVersion] property 'Version'; delete "
     "the loaded object instead so the SDK checks the version"),
    ("DDB102", "new DynamoDBContextConfig { |SkipVersionCheck",
     "DynamoDBContext is configured with SkipVersionCheck = true, which turns off the version check of every "
     "versioned type (such as 'Order'); concurrent writers can silently overwrite each other"),
]


def own_project(ws: Workspace, references: str, properties: str = "") -> None:
    """Replaces the consumer's project with one of these package references, restored into its own packages folder."""
    packages = os.path.join(ws.root, "packages")
    ws.write("Consumer.csproj", f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <RestorePackagesPath>{packages}</RestorePackagesPath>{properties}
  </PropertyGroup>
  <ItemGroup>{references}
    <PackageReference Include="{PACKAGE_ID}" Version="{ws.template.version}" PrivateAssets="all" />
  </ItemGroup>
</Project>
""")
    ws.write("Model.cs", MODEL_HEADER + VERSIONED_ORDER)
    ws.run(["dotnet", "restore", "-nologo", "-v", "minimal", "-tl:off"]).succeeds()


def v3_consumer(ws: Workspace) -> Dict[Diag, str]:
    # AWSSDK.DynamoDBv2 3.3.105.15 is the only v3 build the feed serves; it asks for AWSSDK.Core [3.3.105.2, 3.4), and
    # is used beside AWSSDK.Core 3.7.202.18 (the v3 Core the feed has), so restore warns NU1608: expected.
    own_project(ws, """
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="3.3.105.15" />
    <PackageReference Include="AWSSDK.Core" Version="3.7.202.18" />""")
    ws.write("App/OrderStore.cs", V3_ORDER_STORE)
    expected = {}
    for rule_id, anchor, message in V3_EXPECT:
        line, col = locate(V3_ORDER_STORE, anchor, "App/OrderStore.cs")
        expected[Diag("App/OrderStore.cs", line, col, "warning", rule_id)] = message
    return expected


def without_nu1608(out: Outcome) -> Outcome:
    """The build output without NuGet's NU1608 (the v3 DynamoDBv2 package's Core range; see v3_consumer)."""
    nu1608 = [d for d in out.diags if d.id == "NU1608"]
    if not nu1608:
        out.fail("expected NuGet's NU1608 for AWSSDK.Core 3.7.202.18 beside AWSSDK.DynamoDBv2 3.3.105.15")
    for d in nu1608:
        del out.diags[d]
    return out


@scenario("sdk v3: a consumer on AWSSDK.DynamoDBv2 3.3.105.15 builds with the package and gets the v3-shape warnings")
def _(ws: Workspace):
    expected = v3_consumer(ws)
    out = without_nu1608(ws.build().succeeds())
    out.reports(expected)
    out.messages_are({d: f"{m} ({HELP_LINK_BASE}{d.id}.md)" for d, m in expected.items()})


@scenario("sdk v3: dotnet format analyzers applies the DDB102 fix with v3 types (no SaveConfig), and the result builds")
def _(ws: Workspace):
    v3_consumer(ws)
    ws.format("--diagnostics", "DDB102", "--severity", "info").succeeds()
    got = ws.read("App/OrderStore.cs")
    if got != V3_ORDER_STORE_FIXED:
        raise Failure("App/OrderStore.cs after dotnet format differs from the expected fix\n"
                      + unified_diff(V3_ORDER_STORE_FIXED, got, "App/OrderStore.cs"))
    # DDB101 (a delete by key) has no fix on this path and stays; both DDB102 are gone.
    line, col = locate(V3_ORDER_STORE_FIXED, "context.|DeleteAsync<Order>", "App/OrderStore.cs")
    without_nu1608(ws.build().succeeds()).reports({Diag("App/OrderStore.cs", line, col, "warning", "DDB101"): ""})


@scenario("compiler: with Microsoft.Net.Compilers.Toolset 4.14.0 the build loads the package: warnings, no CS8032/CS9057/AD0001")
def _(ws: Workspace):
    # The oldest compiler package on the feed. C# 13 is the newest language version it knows. On SDK 9 and later the SDK
    # puts its own compiler back unless the project sets RoslynCompilerType (toolset packages from 5.x set it to Custom
    # themselves; 4.14's props predate that), so a 4.14 user sets it, as here.
    own_project(ws, """
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="{0}" />
    <PackageReference Include="Microsoft.Net.Compilers.Toolset" Version="4.14.0" PrivateAssets="all" />""".format(
        AWS_SDK_VERSION), "\n    <LangVersion>13.0</LangVersion>\n    <RoslynCompilerType>Custom</RoslynCompilerType>")
    ws.write("Model.cs", MODEL_HEADER + "".join(dict.fromkeys(r.model for r in RULES if r.model)))
    ws.place("App")
    out = ws.run(["dotnet", "build", "--no-restore", "-nologo", "-v", "normal", "-tl:off"]).succeeds()
    if not re.search(r"microsoft\.net\.compilers\.toolset[/\\]4\.14\.0[/\\]", out.output, re.IGNORECASE):
        out.fail("the build did not run the csc of Microsoft.Net.Compilers.Toolset 4.14.0")
    out.reports(ws.expected("App"))


def indent(text: str, lines: int = 60) -> str:
    tail = text.rstrip("\n").splitlines()[-lines:]
    return "\n".join("      | " + line for line in tail)


def run_scenario(number: int, name: str, fn: Callable[[Workspace], None], work: str, template: Template,
                 keep: bool) -> Tuple[str, str]:
    """Runs one scenario in its own copy of the template; returns (status, the line(s) to print)."""
    started = time.monotonic()
    ws = Workspace(os.path.join(work, f"s{number:02d}"), template)
    try:
        fn(ws)
    except Skip as e:
        return "SKIP", f"SKIP  {name}: {e}"
    except Failure as e:
        detail = f"\n{indent(e.output)}" if e.output else ""
        return "FAIL", f"FAIL  {name} ({time.monotonic() - started:.1f}s): {e}{detail}"
    except Exception:  # a bug in the scenario itself
        return "FAIL", f"FAIL  {name}: {traceback.format_exc()}"
    if not keep:
        shutil.rmtree(ws.root, ignore_errors=True)
    return "PASS", f"PASS  {name} ({time.monotonic() - started:.1f}s)"


def main(argv: List[str]) -> int:
    args = list(argv)
    keep = "--keep" in args
    if keep:
        args.remove("--keep")
    only, jobs = None, 2
    if "--only" in args:
        i = args.index("--only")
        only = args[i + 1]
        del args[i:i + 2]
    if "--jobs" in args:
        i = args.index("--jobs")
        jobs = max(1, int(args[i + 1]))
        del args[i:i + 2]
    if "--rules" in args:
        i = args.index("--rules")
        wanted = set(args[i + 1].split(","))
        del args[i:i + 2]
        unknown = wanted - {r.id for r in RULES + INFO_RULES}
        if unknown:
            print(f"unknown rule(s): {', '.join(sorted(unknown))}")
            return 1
        # Every scenario reads these lists, so narrowing them in place narrows every scenario to the chosen rules.
        RULES[:] = [r for r in RULES if r.id in wanted]
        CATEGORIES[:] = sorted({r.category for r in RULES})
        FIXABLE[:] = [r for r in RULES if r.fixed is not None]
        INFO_RULES[:] = [r for r in INFO_RULES if r.id in wanted]
        # A rule-specific scenario names its rule; it runs only when that rule is chosen.
        SCENARIOS[:] = [(n, fn) for n, fn in SCENARIOS
                        if all(rule_id in wanted for rule_id in re.findall(r"DDB\d{3}", n))
                        and (RULES or re.search(r"DDB\d{3}", n))]
    feed = args[0] if args else None

    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="dynamoguard-e2e-")
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    try:
        try:
            template = prepare(work, feed)
        except Failure as e:
            print(f"FAIL  setup: {e}\n{indent(e.output)}", flush=True)
            print("0 passed, 1 failed")
            return 1
        setup_seconds = time.monotonic() - started

        selected = [(n, fn) for n, fn in SCENARIOS if only is None or only in n]
        # Scenarios are independent (each has its own project copy; the packages folder is only read), so they run
        # `jobs` at a time; results print in declaration order.
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(run_scenario, number, name, fn, work, template, keep)
                       for number, (name, fn) in enumerate(selected, 1)]
            for future in futures:
                status, text = future.result()
                counts[status] += 1
                print(text, flush=True)

        print(f"e2e: {len(selected)} scenarios in {time.monotonic() - started:.0f}s (setup {setup_seconds:.0f}s, "
              f"{jobs} at a time), {counts['SKIP']} skipped; rules under test: {', '.join(ids() + ids(INFO_RULES))}")
        print(f"{counts['PASS']} passed, {counts['FAIL']} failed")
        return 1 if counts["FAIL"] else 0
    finally:
        if keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
