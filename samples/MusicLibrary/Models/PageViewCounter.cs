namespace MusicLibrary.Models
{
    /// <summary>
    /// How often a public page of the library (an artist, album or playlist page) has been viewed.
    /// Stored in the <c>PageViews</c> table, keyed by <c>page_id</c>, with the count in <c>views</c>.
    /// </summary>
    /// <param name="PageId">The page, for example <c>artist/radiohead</c>.</param>
    /// <param name="Views">The number of recorded views.</param>
    public sealed record PageViewCounter(string PageId, long Views);
}
