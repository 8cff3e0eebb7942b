using System;
using System.Globalization;
using System.IO;
using DynamoGuard.Corpus;

namespace DynamoGuard.Benchmarks
{
    /// <summary>Command-line options.</summary>
    internal sealed class BenchmarkOptions
    {
        public const string Usage = """
            Usage: dotnet run -c Release --project tests/DynamoGuard.Benchmarks -- [options]

              --files N          corpus size N (default 2000 files, about 270k lines)
              --repeat R         measured runs per figure, median reported (default 3); one warm-up run comes first
              --scaling-runs K   how many times analyzer time at 4N / at N is measured (default 3)
              --no-scaling       measure N only (skip 4N)
              --ide-documents D  documents of the IDE latency measurement (default 60)
              --no-ide           skip the IDE latency measurement
              --sdk-analyzers DIR  folder with the SDK's Microsoft.CodeAnalysis(.CSharp).NetAnalyzers.dll
                                 (default: sdk/<newest>/Sdks/Microsoft.NET.Sdk/analyzers under the running dotnet's root)
              --callbacks        also time each analyzer's callbacks one by one (a wrapped run of the N corpus)
              --retained         also measure the heap still live at the end of an analysis of the N corpus (while
                                 the compilation is), with DynamoGuard and with an empty operation analyzer
              --seed S           corpus seed (default 20250607)
              --fix-lines L      lines of the generated file the code fixes are timed on (default 5000)
              --concurrent       let the compiler and the analyzer driver use several threads (default: one thread,
                                 so analyzer time and compile time are both total work and their ratio is stable)
              --quick            smoke run (CI): --files 20 --repeat 1 --scaling-runs 1 --ide-documents 2 --fix-lines 800;
                                 its figures mean nothing
              --diagnostics      also list every DynamoGuard diagnostic at N (file, line, ID, message) next to the report
              --out PATH         JSON report (default artifacts/benchmark.json); a CSV is written next to it
              --write-corpus DIR only write the corpora, the dense files and the code-fix file to DIR, then stop
            """;


        public int Files { get; private set; } = 2000;
        public int Repeat { get; private set; } = 3;
        public int Seed { get; private set; } = CorpusGenerator.DefaultSeed;
        public int FixLines { get; private set; } = 5000;
        public bool Scaling { get; private set; } = true;
        public bool Concurrent { get; private set; }
        public int ScalingRuns { get; private set; } = 3;
        public int IdeDocuments { get; private set; } = 60;
        public bool Ide { get; private set; } = true;
        public string? SdkAnalyzersDirectory { get; private set; }
        public bool Callbacks { get; private set; }
        public bool Retained { get; private set; }
        public bool Quick { get; private set; }
        public bool DiagnosticsListing { get; private set; }
        public bool Help { get; private set; }
        public string OutputPath { get; private set; } = "";
        public string? CorpusDirectory { get; private set; }

        public static BenchmarkOptions Parse(string[] args)
        {
            var options = new BenchmarkOptions();
            string? output = null;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--files":
                        options.Files = PositiveInt(args, ref i);
                        break;
                    case "--repeat":
                        options.Repeat = PositiveInt(args, ref i);
                        break;
                    case "--seed":
                        options.Seed = Int(args, ref i);
                        break;
                    case "--fix-lines":
                        options.FixLines = PositiveInt(args, ref i);
                        break;
                    case "--scaling-runs":
                        options.ScalingRuns = PositiveInt(args, ref i);
                        break;
                    case "--ide-documents":
                        options.IdeDocuments = PositiveInt(args, ref i);
                        break;
                    case "--no-ide":
                        options.Ide = false;
                        break;
                    case "--sdk-analyzers":
                        options.SdkAnalyzersDirectory = Path.GetFullPath(Value(args, ref i));
                        break;
                    case "--callbacks":
                        options.Callbacks = true;
                        break;
                    case "--retained":
                        options.Retained = true;
                        break;
                    case "--no-scaling":
                        options.Scaling = false;
                        break;
                    case "--concurrent":
                        options.Concurrent = true;
                        break;
                    case "--quick":
                        options.Quick = true;
                        options.Files = 20;
                        options.Repeat = 1;
                        options.ScalingRuns = 1;
                        options.IdeDocuments = 2;
                        options.FixLines = 800;
                        break;
                    case "--diagnostics":
                        options.DiagnosticsListing = true;
                        break;
                    case "--out":
                        output = Value(args, ref i);
                        break;
                    case "--write-corpus":
                        options.CorpusDirectory = Path.GetFullPath(Value(args, ref i));
                        break;
                    case "-h":
                    case "--help":
                        options.Help = true;
                        break;
                    default:
                        throw new ArgumentException($"Unknown option '{args[i]}'.");
                }
            }

            options.OutputPath = Path.GetFullPath(output ?? Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), "artifacts", "benchmark.json"));
            return options;
        }

        private static string Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option '{args[i]}' needs a value.");
            }

            return args[++i];
        }

        private static int Int(string[] args, ref int i)
        {
            var name = args[i];
            return int.TryParse(Value(args, ref i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"Option '{name}' needs an integer.");
        }

        private static int PositiveInt(string[] args, ref int i)
        {
            var name = args[i];
            var value = Int(args, ref i);
            return value > 0 ? value : throw new ArgumentException($"Option '{name}' needs a positive integer.");
        }

        /// <summary>The nearest folder above the current directory or the program that holds Analyzers.sln.</summary>
        private static string? RepositoryRoot()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                {
                    if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
                    {
                        return directory.FullName;
                    }
                }
            }

            return null;
        }
    }
}
