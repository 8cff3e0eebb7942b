using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MusicLibrary.Models;

namespace MusicLibrary
{
    /// <summary>
    /// Bulk import of catalogue data with the low-level <see cref="IAmazonDynamoDB"/> client, as used by the nightly
    /// feed job. The item layout matches what the object persistence model writes for <see cref="Track"/> and
    /// <see cref="Playlist"/>, so the rest of the app can read the imported items through <c>IDynamoDBContext</c>.
    /// </summary>
    public sealed class TrackImporter
    {
        private const string TracksTable = "Tracks";
        private const string PlaylistsTable = "Playlists";

        private readonly IAmazonDynamoDB _client;

        public TrackImporter(IAmazonDynamoDB client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
        }

        /// <summary>
        /// Reads tracks from a feed file with one track per line: <c>id,title,artist,album,durationSeconds</c>
        /// (album may be empty). Blank lines and lines starting with <c>#</c> are skipped.
        /// </summary>
        public static List<Track> ReadFeed(string path)
        {
            var tracks = new List<Track>();
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
                {
                    continue;
                }

                var fields = line.Split(',');
                if (fields.Length != 5)
                {
                    throw new FormatException($"Expected 5 comma-separated fields, got {fields.Length}: '{line}'.");
                }

                tracks.Add(new Track
                {
                    Id = fields[0].Trim(),
                    Title = fields[1].Trim(),
                    Artist = fields[2].Trim(),
                    Album = string.IsNullOrWhiteSpace(fields[3]) ? null : fields[3].Trim(),
                    DurationSeconds = int.Parse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture),
                });
            }

            return tracks;
        }

        /// <summary>Writes every track of the feed to the <c>Tracks</c> table in one batch.</summary>
        /// <remarks>
        /// INTENTIONAL BUGS, reported by DynamoGuard:
        /// <list type="bullet">
        /// <item>DDB301 (reported at the caller, Program.ImportFeedAsync, which passes the whole feed): BatchWriteItem accepts at most
        /// 25 requests, and the feed has no size limit; 26 tracks or more make DynamoDB reject the whole batch. Split into chunks of 25.</item>
        /// <item>DDB304: the response's UnprocessedItems are ignored; throttled writes are silently dropped.
        /// Re-send them (with backoff) until the map is empty.</item>
        /// </list>
        /// </remarks>
        public async Task ImportTracksAsync(List<Track> tracks, CancellationToken cancellationToken = default)
        {
            var writeRequests = new List<WriteRequest>();
            foreach (var track in tracks)
            {
                writeRequests.Add(new WriteRequest
                {
                    PutRequest = new PutRequest { Item = ToItem(track) },
                });
            }

            // DDB301 (at the caller): one request for the whole, unbounded list. DDB304: the response is discarded.
            await _client.BatchWriteItemAsync(new BatchWriteItemRequest // expect: DDB304
            {
                RequestItems = new Dictionary<string, List<WriteRequest>>
                {
                    [TracksTable] = writeRequests,
                },
            }, cancellationToken);
        }

        /// <summary>
        /// Publishes an imported album as a playlist owned by <paramref name="ownerId"/>, keyed by the album name so
        /// that re-importing the feed updates the same playlist.
        /// </summary>
        /// <remarks>
        /// INTENTIONAL BUG (DynamoGuard DDB101): the item carries the optimistic-locking attribute
        /// <c>playlist_version</c> (see <see cref="Playlist.Version"/>), but the PutItem has no ConditionExpression on
        /// it. It replaces the playlist unconditionally, wiping out edits users made since the last import and
        /// resetting the version.
        /// </remarks>
        public async Task ImportAlbumAsPlaylistAsync(string ownerId, string albumName, IReadOnlyList<Track> tracks, CancellationToken cancellationToken = default)
        {
            var item = new Dictionary<string, AttributeValue>
            {
                ["Id"] = new AttributeValue { S = "album:" + albumName.ToLowerInvariant() },
                ["OwnerId"] = new AttributeValue { S = ownerId },
                ["Name"] = new AttributeValue { S = albumName },
                ["playlist_version"] = new AttributeValue { N = "0" },
            };

            // The object persistence model stores List<string> as a string set (SS), and DynamoDB rejects empty sets,
            // so the attribute is only written when there is at least one track.
            var trackIds = tracks.Select(t => t.Id).Distinct(StringComparer.Ordinal).ToList();
            if (trackIds.Count > 0)
            {
                item["TrackIds"] = new AttributeValue { SS = trackIds };
            }

            // DDB101: versioned item written without a condition on playlist_version.
            await _client.PutItemAsync(new PutItemRequest // expect: DDB101
            {
                TableName = PlaylistsTable,
                Item = item,
            }, cancellationToken);
        }

        private static Dictionary<string, AttributeValue> ToItem(Track track)
        {
            var item = new Dictionary<string, AttributeValue>
            {
                ["Id"] = new AttributeValue { S = track.Id },
                ["Title"] = new AttributeValue { S = track.Title },
                ["Artist"] = new AttributeValue { S = track.Artist },
                ["DurationSeconds"] = new AttributeValue { N = track.DurationSeconds.ToString(CultureInfo.InvariantCulture) },
                ["schema_version"] = new AttributeValue { N = track.SchemaVersion.ToString(CultureInfo.InvariantCulture) },
            };

            if (track.Album is not null)
            {
                item["Album"] = new AttributeValue { S = track.Album };
            }

            return item;
        }
    }
}
