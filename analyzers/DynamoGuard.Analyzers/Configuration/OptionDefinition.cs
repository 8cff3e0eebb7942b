using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Configuration
{
    /// <summary>Parses the text of an .editorconfig value; false when the text is not a valid value.</summary>
    internal delegate bool OptionParser<T>(string text, out T value);

    /// <summary>
    /// One .editorconfig option, declared once with its name, default and parser. It is read per syntax tree (so
    /// folders can differ) under two keys: <c>dynamoguard.&lt;rule id&gt;.&lt;name&gt;</c> for one rule, which wins, and
    /// <c>dynamoguard.&lt;name&gt;</c> for every rule that uses the option. Keys are case-insensitive, as in any .editorconfig.
    /// </summary>
    internal sealed class OptionDefinition<T>
    {
        private const string Prefix = "dynamoguard.";
        private readonly OptionParser<T> _parse;

        public OptionDefinition(string name, T defaultValue, OptionParser<T> parse)
        {
            Name = name;
            DefaultValue = defaultValue;
            _parse = parse;
            Key = Prefix + name;
        }

        /// <summary>The option's name without prefix, e.g. <c>version_attribute_names</c>.</summary>
        public string Name { get; }

        /// <summary>The key that applies to every rule: <c>dynamoguard.&lt;name&gt;</c>.</summary>
        public string Key { get; }

        public T DefaultValue { get; }

        /// <summary>The key that applies to one rule only: <c>dynamoguard.&lt;rule id&gt;.&lt;name&gt;</c>.</summary>
        public string GetRuleKey(string ruleId) => Prefix + ruleId + "." + Name;

        /// <summary>The value for <paramref name="ruleId"/>: its rule key, else the shared key, else the default. Invalid values are ignored.</summary>
        public T GetValue(AnalyzerConfigOptions options, string ruleId)
        {
            if (options.TryGetValue(GetRuleKey(ruleId), out var text) && _parse(text, out var value))
            {
                return value;
            }

            if (options.TryGetValue(Key, out text) && _parse(text, out value))
            {
                return value;
            }

            return DefaultValue;
        }

        /// <summary>True when neither key is set for <paramref name="ruleId"/> (with a valid value).</summary>
        public bool IsDefault(AnalyzerConfigOptions options, string ruleId)
            => !((options.TryGetValue(GetRuleKey(ruleId), out var text) && _parse(text, out _))
                || (options.TryGetValue(Key, out text) && _parse(text, out _)));
    }

    /// <summary>Every option DynamoGuard reads. Add new options here, once.</summary>
    internal static class DynamoGuardOptions
    {
        /// <summary>
        /// <c>dynamoguard.version_attribute_names</c>: the attribute names that hold an optimistic-locking version in
        /// low-level and document-model writes (comma-separated; <c>*</c> at the start matches any prefix). The
        /// default is a heuristic (<c>version</c> and any name ending in "version", case-insensitive) that only counts
        /// with evidence of locking; configured names are trusted as they are. Used by DDB101, DDB103, DDB104 and DDB106.
        /// </summary>
        public static readonly OptionDefinition<VersionAttributeNames> VersionAttributeNames = new OptionDefinition<VersionAttributeNames>(
            "version_attribute_names",
            Configuration.VersionAttributeNames.Default,
            Configuration.VersionAttributeNames.TryParse);

        /// <summary>Splits a comma-separated list, trimming entries and dropping empty ones.</summary>
        public static string[] SplitList(string text)
        {
            var parts = text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
            var count = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i].Trim();
                if (part.Length > 0)
                {
                    parts[count++] = part;
                }
            }

            Array.Resize(ref parts, count);
            return parts;
        }
    }
}
