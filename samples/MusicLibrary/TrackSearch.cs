using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using MusicLibrary.Models;

namespace MusicLibrary
{
    /// <summary>
    /// Catalogue searches over the Tracks table. A Scan (like a Query) returns at most 1 MB per call; the rest of the
    /// result waits behind a continuation, so each search must read every page.
    /// </summary>
    public sealed class TrackSearch
    {
        private const string TracksTable = "Tracks";

        private readonly IDynamoDBContext _context;
        private readonly IAmazonDynamoDB _client;

        public TrackSearch(IDynamoDBContext context, IAmazonDynamoDB client)
        {
            _context = context ?? throw new ArgumentNullException(nameof(context));
            _client = client ?? throw new ArgumentNullException(nameof(client));
        }

        /// <summary>
        /// DDB305: reads the first page of the scan only. With a small catalogue it finds every track; once the table
        /// outgrows 1 MB, the artist's tracks on later pages are silently missing.
        /// </summary>
        public async Task<List<Track>> FindByArtistAsync(string artist, CancellationToken cancellationToken = default)
        {
            var search = _context.ScanAsync<Track>(new[] { new ScanCondition(nameof(Track.Artist), ScanOperator.Equal, artist) });
            return await search.GetNextSetAsync(cancellationToken); // expect: DDB305
        }

        /// <summary>Correct: GetRemainingAsync reads every page.</summary>
        public async Task<List<Track>> FindByAlbumAsync(string album, CancellationToken cancellationToken = default)
        {
            var search = _context.ScanAsync<Track>(new[] { new ScanCondition(nameof(Track.Album), ScanOperator.Equal, album) });
            return await search.GetRemainingAsync(cancellationToken);
        }

        /// <summary>Correct: the low-level client, paging until LastEvaluatedKey is empty.</summary>
        public async Task<int> CountTracksAsync(CancellationToken cancellationToken = default)
        {
            var request = new ScanRequest { TableName = TracksTable, Select = Select.COUNT };
            var count = 0;
            ScanResponse response;
            do
            {
                response = await _client.ScanAsync(request, cancellationToken);
                count += response.Count ?? 0;
                request.ExclusiveStartKey = response.LastEvaluatedKey;
            }
            while (response.LastEvaluatedKey is { Count: > 0 });

            return count;
        }
    }
}
