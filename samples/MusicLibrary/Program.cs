using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.Runtime;
using MusicLibrary.Models;

namespace MusicLibrary
{
    /// <summary>
    /// Command-line entry point. Without arguments it only prints usage, so building or running the sample never
    /// touches AWS by accident. With a command it uses the default credential and region chain
    /// (environment variables, shared profile, instance role) like any other AWS SDK application.
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                PrintUsage();
                return 0;
            }

            using var cancellation = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancellation.Cancel();
            };

            using var client = new AmazonDynamoDBClient();
            using var context = new DynamoDBContextBuilder()
                .WithDynamoDBClient(() => client)
                .Build();

            try
            {
                return await RunAsync(args, client, context, cancellation.Token);
            }
            catch (AmazonServiceException ex)
            {
                Console.Error.WriteLine($"DynamoDB request failed ({ex.ErrorCode}): {ex.Message}");
                return 1;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("Cancelled.");
                return 130;
            }
        }

        private static async Task<int> RunAsync(string[] args, IAmazonDynamoDB client, IDynamoDBContext context, CancellationToken cancellationToken)
        {
            switch (args[0])
            {
                case "playlist-demo" when args.Length == 2:
                    await RunPlaylistDemoAsync(new PlaylistService(context), ownerId: args[1], cancellationToken);
                    return 0;

                case "import" when args.Length == 3:
                    await ImportFeedAsync(new TrackImporter(client), feedPath: args[1], ownerId: args[2], cancellationToken);
                    return 0;

                case "view" when args.Length == 2:
                {
                    var views = await new PageViewCounterService(client).RecordViewAsync(args[1], cancellationToken);
                    Console.WriteLine($"{args[1]}: {views} views");
                    return 0;
                }

                case "view-legacy" when args.Length == 2:
                {
                    var views = await new PageViewCounterService(client).RecordViewReadModifyWriteAsync(args[1], cancellationToken);
                    Console.WriteLine($"{args[1]}: {views} views (legacy counter)");
                    return 0;
                }

                case "views" when args.Length == 2:
                {
                    var counter = await new PageViewCounterService(client).GetAsync(args[1], cancellationToken);
                    Console.WriteLine($"{counter.PageId}: {counter.Views} views");
                    return 0;
                }

                default:
                    PrintUsage();
                    return 2;
            }
        }

        /// <summary>Walks through the life of one playlist: create, add a track, rename, delete.</summary>
        private static async Task RunPlaylistDemoAsync(PlaylistService playlists, string ownerId, CancellationToken cancellationToken)
        {
            var playlist = await playlists.CreatePlaylistAsync(ownerId, "Road trip", cancellationToken);
            Console.WriteLine($"Created playlist {playlist.Id} (version {playlist.Version})");

            var track = new Track
            {
                Id = "GBAYE0601498",
                Title = "Paranoid Android",
                Artist = "Radiohead",
                Album = "OK Computer",
                DurationSeconds = 387,
            };
            playlist = await playlists.AddTrackAsync(playlist.Id, track, cancellationToken);
            Console.WriteLine($"Added '{track.Title}' (version {playlist.Version}, {playlist.TrackIds.Count} tracks)");

            playlist = await playlists.RenamePlaylistAsync(playlist.Id, "Road trip 2025", cancellationToken);
            Console.WriteLine($"Renamed to '{playlist.Name}' (version {playlist.Version})");

            await playlists.RenamePlaylistFastAsync(playlist, "Road trip (final)", cancellationToken);
            Console.WriteLine($"Renamed to '{playlist.Name}' without a version check");

            await playlists.DeletePlaylistAsync(playlist, cancellationToken);
            Console.WriteLine($"Deleted playlist {playlist.Id}");
        }

        /// <summary>Imports a track feed and publishes every album in it as a playlist.</summary>
        private static async Task ImportFeedAsync(TrackImporter importer, string feedPath, string ownerId, CancellationToken cancellationToken)
        {
            if (!File.Exists(feedPath))
            {
                throw new FileNotFoundException("Track feed not found.", feedPath);
            }

            var tracks = TrackImporter.ReadFeed(feedPath);
            await importer.ImportTracksAsync(tracks, cancellationToken); // expect: DDB301
            Console.WriteLine($"Imported {tracks.Count} tracks from {feedPath}");

            foreach (var album in tracks.Where(t => t.Album is not null).GroupBy(t => t.Album!, StringComparer.Ordinal))
            {
                await importer.ImportAlbumAsPlaylistAsync(ownerId, album.Key, album.ToList(), cancellationToken);
                Console.WriteLine($"Published album '{album.Key}' as a playlist");
            }
        }

        private static void PrintUsage()
        {
            Console.WriteLine("""
                MusicLibrary - DynamoGuard demo application

                Usage:
                  MusicLibrary playlist-demo <owner-id>         create, edit, rename and delete a playlist
                  MusicLibrary import <feed.csv> <owner-id>     import tracks; publish each album as a playlist
                  MusicLibrary view <page-id>                   record a page view (atomic counter)
                  MusicLibrary view-legacy <page-id>            record a page view (read-modify-write, lossy)
                  MusicLibrary views <page-id>                  show a page's view count

                Tables: Playlists (Id), Tracks (Id), PageViews (page_id). Credentials and region come from
                the standard AWS SDK configuration (environment, shared profile or instance role).
                """);
        }
    }
}
