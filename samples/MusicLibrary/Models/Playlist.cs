using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;

namespace MusicLibrary.Models
{
    /// <summary>
    /// A user's playlist. Playlists are edited from several devices at once (phone, desktop, web), so every
    /// write is guarded by optimistic locking: the object persistence model only saves or deletes the item when
    /// the stored version still equals <see cref="Version"/>, and increments it on every successful save.
    /// </summary>
    [DynamoDBTable("Playlists")]
    public sealed class Playlist
    {
        /// <summary>Partition key: an opaque identifier generated when the playlist is created.</summary>
        [DynamoDBHashKey]
        public string Id { get; set; } = string.Empty;

        /// <summary>The user who owns the playlist.</summary>
        public string OwnerId { get; set; } = string.Empty;

        /// <summary>Display name, as shown in the player.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Identifiers of the tracks, in play order.</summary>
        public List<string> TrackIds { get; set; } = new List<string>();

        /// <summary>
        /// Optimistic-locking version, stored as <c>playlist_version</c>. Null for a playlist that has never been
        /// saved; the SDK then writes it only if no item with the same key exists yet.
        /// </summary>
        [DynamoDBVersion("playlist_version")]
        public long? Version { get; set; }
    }
}
