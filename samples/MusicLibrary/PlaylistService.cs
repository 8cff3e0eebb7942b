using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using MusicLibrary.Models;

namespace MusicLibrary
{
    /// <summary>
    /// Playlist operations on top of the DynamoDB object persistence model (<see cref="IDynamoDBContext"/>).
    /// <para>
    /// <see cref="Playlist"/> has a [DynamoDBVersion] property, so a plain <c>SaveAsync(playlist)</c> or
    /// <c>DeleteAsync(playlist)</c> only succeeds when nobody else changed the playlist since it was read; otherwise
    /// the SDK throws <see cref="ConditionalCheckFailedException"/> and the caller re-reads and retries.
    /// </para>
    /// </summary>
    public sealed class PlaylistService
    {
        /// <summary>How often an edit is re-applied after losing a race with another device.</summary>
        private const int MaxSaveAttempts = 3;

        private readonly IDynamoDBContext _context;

        public PlaylistService(IDynamoDBContext context)
        {
            _context = context ?? throw new ArgumentNullException(nameof(context));
        }

        /// <summary>Creates an empty playlist.</summary>
        public async Task<Playlist> CreatePlaylistAsync(string ownerId, string name, CancellationToken cancellationToken = default)
        {
            var playlist = new Playlist
            {
                Id = Guid.NewGuid().ToString("N"),
                OwnerId = ownerId,
                Name = name,
            };

            // Version is still null, so the SDK writes the item only if no playlist with this Id exists yet,
            // and sets Version to 0 on success.
            await _context.SaveAsync(playlist, cancellationToken);
            return playlist;
        }

        /// <summary>Reads a playlist; null when it does not exist.</summary>
        public async Task<Playlist?> GetPlaylistAsync(string playlistId, CancellationToken cancellationToken = default)
        {
            return await _context.LoadAsync<Playlist>(playlistId, cancellationToken);
        }

        /// <summary>
        /// Stores the track's catalogue metadata and appends the track to the playlist.
        /// </summary>
        public async Task<Playlist> AddTrackAsync(string playlistId, Track track, CancellationToken cancellationToken = default)
        {
            // Track metadata is owned by the catalogue feed and the latest copy always wins. Track has no
            // [DynamoDBVersion] property (SchemaVersion describes the item layout, it is not a lock), so skipping
            // the version check bypasses nothing here.
            await _context.SaveAsync(track, new SaveConfig { SkipVersionCheck = true }, cancellationToken);

            // Read-modify-write guarded by the playlist's version: if another device changed the playlist in the
            // meantime, the save fails and the edit is re-applied to a fresh copy.
            for (var attempt = 1; ; attempt++)
            {
                var playlist = await GetPlaylistAsync(playlistId, cancellationToken)
                    ?? throw new KeyNotFoundException($"Playlist '{playlistId}' does not exist.");

                if (playlist.TrackIds.Contains(track.Id))
                {
                    return playlist;
                }

                playlist.TrackIds.Add(track.Id);
                try
                {
                    await _context.SaveAsync(playlist, cancellationToken);
                    return playlist;
                }
                catch (ConditionalCheckFailedException) when (attempt < MaxSaveAttempts)
                {
                    // Lost the race: loop to re-read the current playlist and add the track again.
                }
            }
        }

        /// <summary>Renames a playlist, re-applying the rename if the playlist changed concurrently.</summary>
        public async Task<Playlist> RenamePlaylistAsync(string playlistId, string newName, CancellationToken cancellationToken = default)
        {
            for (var attempt = 1; ; attempt++)
            {
                var playlist = await GetPlaylistAsync(playlistId, cancellationToken)
                    ?? throw new KeyNotFoundException($"Playlist '{playlistId}' does not exist.");

                playlist.Name = newName;
                try
                {
                    await _context.SaveAsync(playlist, cancellationToken);
                    return playlist;
                }
                catch (ConditionalCheckFailedException) when (attempt < MaxSaveAttempts)
                {
                    // Another device saved first: rename the fresh copy instead.
                }
            }
        }

        /// <summary>
        /// Renames a playlist the caller already holds, without re-reading it and without retries.
        /// </summary>
        /// <remarks>
        /// INTENTIONAL BUG (DynamoGuard DDB102): SaveAsync writes the whole object, and SkipVersionCheck removes the
        /// version condition. A track added from another device after <paramref name="playlist"/> was read is
        /// silently dropped. Use <see cref="RenamePlaylistAsync"/> instead.
        /// </remarks>
        public async Task RenamePlaylistFastAsync(Playlist playlist, string newName, CancellationToken cancellationToken = default)
        {
            playlist.Name = newName;
            await _context.SaveAsync(playlist, new SaveConfig { SkipVersionCheck = true }, cancellationToken); // expect: DDB102
        }

        /// <summary>Deletes a playlist.</summary>
        /// <remarks>
        /// INTENTIONAL BUG (DynamoGuard DDB102): with the version check skipped, a device holding a stale copy
        /// deletes the playlist even if someone else has just edited it, and those edits are lost without an error.
        /// Dropping the config makes the delete conditional on the version again.
        /// </remarks>
        public async Task DeletePlaylistAsync(Playlist playlist, CancellationToken cancellationToken = default)
        {
            var config = new DeleteConfig { SkipVersionCheck = true }; // expect: DDB102
            await _context.DeleteAsync(playlist, config, cancellationToken);
        }
    }
}
