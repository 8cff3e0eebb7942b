using DynamoGuard.Configuration;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Which attribute a low-level, transaction or document-model write's condition guards as an optimistic-locking
    /// version: the one source of truth for "this write is guarded by a version condition" (DDB104 asks it of every
    /// equality in a condition, DDB106 of the write as a whole).
    /// </summary>
    internal static class VersionConditions
    {
        /// <summary>
        /// True when <paramref name="attribute"/> is the write's version: the stored version name of the [DynamoDBVersion]
        /// class mapped to the write's table, or, for a table no class maps, a name that the version-name option matches.
        /// A condition that compares such an attribute with <c>=</c> is the evidence that it is a lock.
        /// </summary>
        public static bool IsVersionAttribute(string attribute, VersionedTable? table, VersionAttributeNames names)
            => attribute == table?.VersionAttribute || (table is null && names.Matches(attribute));

        /// <summary>
        /// The version attribute the write's condition compares with <c>=</c> (a ConditionExpression or a document-model
        /// ConditionalExpression such as <c>version = :expected</c>, also inside <c>attribute_not_exists(version) OR
        /// version = :expected</c>), or that its legacy Expected names; null when the condition guards no version.
        /// A create-only condition (<c>attribute_not_exists(pk)</c>) guards no version: its failure loses nothing.
        /// </summary>
        public static string? FindGuardingVersion(ItemWrite write, WriteExpressions expressions, VersionedTable? table, VersionAttributeNames names)
        {
            foreach (var (attribute, _) in expressions.EqualityComparisons())
            {
                if (IsVersionAttribute(attribute, table, names))
                {
                    return attribute;
                }
            }

            foreach (var entry in write.Expected.Entries)
            {
                if (IsVersionAttribute(entry.Key, table, names))
                {
                    return entry.Key;
                }
            }

            return null;
        }
    }
}
