using System;

namespace DynamoGuard.Configuration
{
    /// <summary>
    /// Which attribute names of low-level and document-model items are optimistic-locking versions: the value of
    /// <see cref="DynamoGuardOptions.VersionAttributeNames"/>.
    /// <list type="bullet">
    /// <item>The default is a heuristic: <c>version</c> and any name ending in "version" (<c>playlist_version</c>,
    /// <c>rowVersion</c>, <c>Version</c>), case-insensitive. Names like <c>schema_version</c> also match it, so a name
    /// alone is not enough: the rules also ask for evidence that the attribute is used as a lock
    /// (<see cref="IsConfigured"/> is false).</item>
    /// <item>A configured list (<c>rev, etag_version, *_lock</c>) replaces the default. The names are exact
    /// (case-sensitive, as DynamoDB attribute names are); an entry starting with <c>*</c> matches any name ending with
    /// the rest. Configured names are trusted: no further evidence is needed. An empty value turns name matching off,
    /// leaving only [DynamoDBVersion] properties.</item>
    /// </list>
    /// </summary>
    internal sealed class VersionAttributeNames
    {
        private readonly string[] _exact;
        private readonly string[] _suffixes;
        private readonly StringComparison _comparison;

        private VersionAttributeNames(string[] exact, string[] suffixes, StringComparison comparison, bool isConfigured)
        {
            _exact = exact;
            _suffixes = suffixes;
            _comparison = comparison;
            IsConfigured = isConfigured;
        }

        public static VersionAttributeNames Default { get; } = new VersionAttributeNames(
            new[] { "version" }, new[] { "version" }, StringComparison.OrdinalIgnoreCase, isConfigured: false);

        /// <summary>True when the names come from .editorconfig: a match is then a lock without further evidence.</summary>
        public bool IsConfigured { get; }

        public bool Matches(string name)
        {
            foreach (var exact in _exact)
            {
                if (string.Equals(name, exact, _comparison))
                {
                    return true;
                }
            }

            foreach (var suffix in _suffixes)
            {
                if (name.Length >= suffix.Length && name.EndsWith(suffix, _comparison))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool TryParse(string text, out VersionAttributeNames value)
        {
            var entries = DynamoGuardOptions.SplitList(text);
            var exact = new System.Collections.Generic.List<string>();
            var suffixes = new System.Collections.Generic.List<string>();
            foreach (var entry in entries)
            {
                if (entry[0] == '*')
                {
                    if (entry.Length > 1)
                    {
                        suffixes.Add(entry.Substring(1));
                    }
                }
                else
                {
                    exact.Add(entry);
                }
            }

            value = new VersionAttributeNames(exact.ToArray(), suffixes.ToArray(), StringComparison.Ordinal, isConfigured: true);
            return true;
        }
    }
}
