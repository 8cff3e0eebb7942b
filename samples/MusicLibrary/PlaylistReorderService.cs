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
    /// Reordering tracks of a playlist from the player's drag-and-drop. <see cref="Playlist"/> is versioned, so a save
    /// after another device changed the playlist fails with <see cref="ConditionalCheckFailedException"/>.
    /// </summary>
    public sealed class PlaylistReorderService
    {
        private readonly IDynamoDBContext _context;

        public PlaylistReorderService(IDynamoDBContext context)
        {
            _context = context ?? throw new ArgumentNullException(nameof(context));
        }

        /// <summary>Moves a track to the top of the playlist.</summary>
        /// <remarks>
        /// INTENTIONAL BUG (DynamoGuard DDB106): the version check works (the save fails when another device changed
        /// the playlist since it was loaded), but the catch only logs and returns normally, so the user sees the move
        /// succeed while it was never stored. Rethrow, or re-load and move again (the rule's code fixes do either).
        /// </remarks>
        public async Task MoveToTopAsync(string playlistId, string trackId, CancellationToken cancellationToken = default)
        {
            var playlist = await _context.LoadAsync<Playlist>(playlistId, cancellationToken)
                ?? throw new KeyNotFoundException($"Playlist '{playlistId}' does not exist.");
            playlist.TrackIds.Remove(trackId);
            playlist.TrackIds.Insert(0, trackId);
            try
            {
                await _context.SaveAsync(playlist, cancellationToken);
            }
            catch (ConditionalCheckFailedException ex) // expect: DDB106
            {
                Console.Error.WriteLine($"Playlist {playlistId} changed on another device: {ex.Message}");
            }
        }
    }
}
