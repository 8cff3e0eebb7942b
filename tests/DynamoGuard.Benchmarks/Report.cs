using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace DynamoGuard.Benchmarks
{
    /// <summary>One measured figure.</summary>
    internal sealed record Metric(string Section, string Subject, string Name, double Value, string Unit);

    /// <summary>
    /// A target from issue 13 and where the run stands: PASS or FAIL against the limit, or, for a figure the issue only
    /// asks to be reported (comparison "report"), PASS when it was measured.
    /// </summary>
    internal sealed record Target(string Name, double Value, string Comparison, double Limit, string Unit)
    {
        public bool Met => Comparison switch
        {
            "<=" => Value <= Limit,
            "<" => Value < Limit,
            "report" => !double.IsNaN(Value) && !double.IsInfinity(Value),
            _ => throw new InvalidOperationException(Comparison),
        };

        public string Status => Met ? "PASS" : "FAIL";

        public string LimitText => Comparison == "report" ? "reported" : Comparison + " " + Program.Format(Limit, Unit);
    }

    /// <summary>Everything one run measured; printed as a table and written as JSON and CSV.</summary>
    internal sealed class Report
    {
        public List<Metric> Metrics { get; } = new();
        public List<Target> Targets { get; } = new();
        public List<string> Problems { get; } = new();
        public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

        public void Add(string section, string subject, string name, double value, string unit)
            => Metrics.Add(new Metric(section, subject, name, value, unit));

        public double Get(string section, string subject, string name)
            => Metrics.First(m => m.Section == section && m.Subject == subject && m.Name == name).Value;

        public void WriteFiles(string jsonPath)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
            var json = new
            {
                environment = Environment,
                targets = Targets.Select(t => new { name = t.Name, value = Math.Round(t.Value, 4), comparison = t.Comparison, limit = t.Limit, unit = t.Unit, met = t.Met, status = t.Status }),
                problems = Problems,
                metrics = Metrics.Select(m => new { section = m.Section, subject = m.Subject, name = m.Name, value = Math.Round(m.Value, 4), unit = m.Unit }),
            };
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }) + "\n");

            var csv = new StringBuilder("section,subject,name,value,unit\n");
            foreach (var m in Metrics)
            {
                csv.Append(Csv(m.Section)).Append(',').Append(Csv(m.Subject)).Append(',').Append(Csv(m.Name)).Append(',')
                    .Append(m.Value.ToString("0.####", CultureInfo.InvariantCulture)).Append(',').Append(Csv(m.Unit)).Append('\n');
            }

            File.WriteAllText(Path.ChangeExtension(jsonPath, ".csv"), csv.ToString());
        }

        private static string Csv(string value)
            => value.IndexOfAny(new[] { ',', '"', '\n' }) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Plain-text tables for the console.</summary>
    internal sealed class Table
    {
        private readonly string[] _headers;
        private readonly List<string[]> _rows = new();

        public Table(params string[] headers) => _headers = headers;

        public void Row(params string[] cells) => _rows.Add(cells);

        public void Write(TextWriter writer)
        {
            var widths = _headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
            writer.WriteLine(Line(_headers, widths));
            writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            foreach (var row in _rows)
            {
                writer.WriteLine(Line(row, widths));
            }

            writer.WriteLine();
        }

        private static string Line(string[] cells, int[] widths)
            => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
    }
}
