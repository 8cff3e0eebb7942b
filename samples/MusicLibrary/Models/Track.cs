using Amazon.DynamoDBv2.DataModel;

namespace MusicLibrary.Models
{
    /// <summary>
    /// Catalogue metadata for one track. Track metadata comes from the import feed and is simply replaced on every
    /// import, so the type has no optimistic-locking version.
    /// </summary>
    [DynamoDBTable("Tracks")]
    public sealed class Track
    {
        /// <summary>The layout version written by this build of the application; see <see cref="SchemaVersion"/>.</summary>
        public const int CurrentSchemaVersion = 2;

        /// <summary>Partition key: the catalogue identifier of the track (for example an ISRC).</summary>
        [DynamoDBHashKey]
        public string Id { get; set; } = string.Empty;

        public string Title { get; set; } = string.Empty;

        public string Artist { get; set; } = string.Empty;

        public string? Album { get; set; }

        public int DurationSeconds { get; set; }

        /// <summary>
        /// The layout of this item, used to migrate old items when they are read. This is a data-format version,
        /// NOT an optimistic-locking version: it is not marked [DynamoDBVersion] and does not guard any write.
        /// </summary>
        [DynamoDBProperty("schema_version")]
        public int SchemaVersion { get; set; } = CurrentSchemaVersion;
    }
}
