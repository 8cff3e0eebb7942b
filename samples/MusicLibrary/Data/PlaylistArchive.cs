using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using MusicLibrary.Models;

namespace MusicLibrary.Data
{
    /// <summary>
    /// Archives playlists through a context of its own, built once in the constructor. That context was configured to
    /// skip version checks (a shortcut once taken for a bulk migration), so every save through it overwrites concurrent
    /// changes to a versioned <see cref="Playlist"/>: DDB102 at the setting, and at the save in another method.
    /// </summary>
    public sealed class PlaylistArchive
    {
        private readonly IDynamoDBContext _context;

        public PlaylistArchive(IAmazonDynamoDB client)
        {
            _context = new DynamoDBContextBuilder()
                .ConfigureContext(config => config.SkipVersionCheck = true) // expect: DDB102
                .WithDynamoDBClient(() => client)
                .Build();
        }

        public async Task ArchiveAsync(string playlistId, CancellationToken cancellationToken)
        {
            var playlist = await _context.LoadAsync<Playlist>(playlistId, cancellationToken);
            if (playlist is null)
            {
                return;
            }

            playlist.Name = "[archived] " + playlist.Name;
            await _context.SaveAsync(playlist, cancellationToken); // expect: DDB102
        }
    }
}
