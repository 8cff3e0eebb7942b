using System;
using System.Collections.Generic;
using System.Globalization;

namespace DynamoGuard.Model.Expressions
{
    /// <summary>
    /// Expression attribute names (<c>#count</c>) for attributes an expression cannot name bare: the entry of
    /// ExpressionAttributeNames that already maps one to the attribute, or a new <c>#word</c> (<c>#word1</c>,
    /// <c>#word2</c>, ... when taken). Shared by DDB402's alias and DDB405's conversion.
    /// </summary>
    internal static class NameAliases
    {
        /// <summary>The placeholder an ExpressionAttributeNames entry maps to <paramref name="attribute"/>, or null.</summary>
        public static string? FindExisting(PlaceholderDictionary names, string attribute)
        {
            foreach (var entry in names.ConstantValues)
            {
                if (entry.Value == attribute)
                {
                    return entry.Key;
                }
            }

            return null;
        }

        /// <summary>The name placeholders a new one must avoid: the dictionary's keys and every <c>#name</c> the object's expressions use (any case).</summary>
        public static HashSet<string> TakenNames(ExpressionHolder holder)
        {
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in holder.Names.Entries)
            {
                taken.Add(entry.Key);
            }

            foreach (var expression in holder.Expressions)
            {
                if (expression.Result is { } result)
                {
                    AddPlaceholders(result, taken);
                }
            }

            return taken;
        }

        public static void AddPlaceholders(ExpressionParseResult result, ISet<string> taken)
        {
            foreach (var placeholder in result.NamePlaceholders)
            {
                taken.Add(placeholder.Name);
            }
        }

        /// <summary><c>#</c> + <paramref name="word"/>, or with 1, 2, ... appended, the first not in <paramref name="taken"/>; reserved in it.</summary>
        public static string Choose(string word, ISet<string> taken)
        {
            var alias = "#" + word;
            for (var n = 1; taken.Contains(alias); n++)
            {
                alias = "#" + word + n.ToString(CultureInfo.InvariantCulture);
            }

            taken.Add(alias);
            return alias;
        }
    }
}
