// Host test input: a finding whose fix neither the generated fix target nor the sample app exercises (DDB105).
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;

namespace HostInputs
{
    [DynamoDBTable("Playlists")]
    public class Playlist
    {
        [DynamoDBHashKey] public string Id { get; set; } = "";
        public string OwnerId { get; set; } = "";
        [DynamoDBVersion] public long? Version { get; set; }
    }

    public static class PlaylistSaves
    {
        public static async Task SaveForOwnerAsync(IDynamoDBContext context, Playlist playlist, string ownerId)
        {
            var condition = new ContextExpression();
            condition.SetFilter<Playlist>(p => p.OwnerId == ownerId);
            await context.SaveAsync(playlist, new SaveConfig { ConditionalExpression = condition });
        }
    }
}
