using System.Threading;
using System.Threading.Tasks;

namespace MusicLibrary.Data
{
    /// <summary>The service layer over <see cref="PlaylistStatsRepository"/>.</summary>
    public sealed class FollowService
    {
        private readonly PlaylistStatsRepository _stats;

        public FollowService(PlaylistStatsRepository stats) => _stats = stats;

        /// <summary>
        /// DDB201 across methods: the count is read by one repository method, incremented here, and written back by
        /// another without a condition, so two users who follow at the same moment count as one.
        /// </summary>
        public async Task<int> FollowAsync(string playlistId, CancellationToken cancellationToken)
        {
            var followers = await _stats.GetFollowerCountAsync(playlistId, cancellationToken);
            await _stats.SetFollowerCountAsync(playlistId, followers + 1, cancellationToken); // expect: DDB201
            return followers + 1;
        }

        /// <summary>Correct: the atomic ADD.</summary>
        public Task UnfollowAsync(string playlistId, CancellationToken cancellationToken)
            => _stats.AddFollowersAsync(playlistId, -1, cancellationToken);
    }
}
