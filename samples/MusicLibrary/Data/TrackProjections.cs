namespace MusicLibrary.Data
{
    /// <summary>
    /// Attribute lists the catalogue's repositories share, so that a listing reads the same attributes everywhere. The
    /// constants are plain strings: DynamoGuard folds them into the request that uses them, in whichever file.
    /// </summary>
    internal static class TrackProjections
    {
        /// <summary>
        /// What a track listing shows. INTENTIONAL BUG (DDB402, reported where a request uses it): <c>Duration</c> is a
        /// DynamoDB reserved word, so every request with this projection fails ("Attribute name is a reserved keyword").
        /// Fix: <c>"Title, Artist, #Duration"</c> with <c>ExpressionAttributeNames = { ["#Duration"] = "Duration" }</c>
        /// in the request.
        /// </summary>
        public const string Listing = "Title, Artist, Duration";

        /// <summary>Correct: no reserved word.</summary>
        public const string Credits = "Title, Artist, Album";
    }
}
