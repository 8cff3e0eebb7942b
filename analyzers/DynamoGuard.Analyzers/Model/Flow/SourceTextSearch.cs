using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// Text searches of source files, the cheap first step of every look across documents: a name is searched for in
    /// the text (vectorised, nothing allocated per match), and only the tokens at whole-word matches are looked at. No
    /// syntax tree is walked and nothing is bound. Matches in comments and strings are found too; callers look at the
    /// token, or accept an over-approximation that can only keep a rule silent.
    /// </summary>
    internal static class SourceTextSearch
    {
        private static readonly ConditionalWeakTable<SourceText, string> Texts = new ConditionalWeakTable<SourceText, string>();
        private static readonly ConditionalWeakTable<SourceText, Words> WordSets = new ConditionalWeakTable<SourceText, Words>();

        /// <summary>A tree's text as one string, kept as long as the text lives (unchanged documents keep it between compilations).</summary>
        public static string GetString(SyntaxTree tree, CancellationToken cancellationToken)
            => Texts.GetValue(tree.GetText(cancellationToken), static text => text.ToString());

        /// <summary>
        /// The words a tree spells (see <see cref="Words"/>), computed once per text and kept as long as the text lives:
        /// in the IDE only the edited document is scanned again after a keystroke.
        /// </summary>
        public static Words GetWords(SyntaxTree tree, CancellationToken cancellationToken)
            => WordSets.GetValue(tree.GetText(cancellationToken), static text => Words.Create(text));

        /// <summary>True when the match at <paramref name="position"/> is not part of a longer identifier.</summary>
        public static bool IsWholeWord(string text, int position, int length)
            => !IsIdentifierPart(text, position - 1) && !IsIdentifierPart(text, position + length);

        /// <summary>
        /// The simple names spelled <paramref name="name"/> inside <paramref name="span"/> of <paramref name="tree"/>, in
        /// text order: a text search, then the token at each whole-word match (no syntax walked).
        /// </summary>
        public static IEnumerable<SimpleNameSyntax> FindSimpleNames(SyntaxTree tree, TextSpan span, string name, CancellationToken cancellationToken)
        {
            var text = GetString(tree, cancellationToken);
            var end = Math.Min(span.End, text.Length);
            if (name.Length == 0 || span.Start >= end)
            {
                yield break;
            }

            SyntaxNode? root = null;
            for (var position = text.IndexOf(name, span.Start, end - span.Start, StringComparison.Ordinal);
                position >= 0 && position + name.Length <= end;
                position = text.IndexOf(name, position + name.Length, end - position - name.Length, StringComparison.Ordinal))
            {
                if (!IsWholeWord(text, position, name.Length))
                {
                    continue;
                }

                root ??= tree.GetRoot(cancellationToken);
                if (GetSimpleName(root, position, name) is { } simpleName)
                {
                    yield return simpleName;
                }
            }
        }

        /// <summary>The simple name whose identifier <paramref name="name"/> starts at <paramref name="position"/>, or null (a comment, a string, a declaration).</summary>
        public static SimpleNameSyntax? GetSimpleName(SyntaxNode root, int position, string name)
        {
            var token = root.FindToken(position);
            return token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && token.Parent is SimpleNameSyntax simpleName ? simpleName : null;
        }

        /// <summary>
        /// Adds to <paramref name="names"/> every identifier in <paramref name="start"/>..<paramref name="end"/> of
        /// <paramref name="text"/> that stands right before an argument list: <c>Name(</c>, <c>x.Name (</c>,
        /// <c>x?.Name&lt;T&gt;(</c>. A lexical over-approximation of the names the code invokes: identifiers in comments
        /// and strings, constructor names and delegate variables count too (C# keywords do not), so a caller may treat a
        /// name as a maybe only. Nothing is parsed or allocated but the names added.
        /// </summary>
        public static void AddInvokedNames(string text, int start, int end, HashSet<string> names)
        {
            end = Math.Min(end, text.Length);
            var i = Math.Max(start, 0);
            while (i < end)
            {
                var c = text[i];
                if (!IsIdentifierStart(c) || IsIdentifierPart(text, i - 1))
                {
                    i++;
                    continue;
                }

                var nameStart = i;
                while (i < end && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                var nameEnd = i;
                var next = SkipWhitespace(text, i, end);
                if (next < end && text[next] == '<')
                {
                    next = SkipWhitespace(text, SkipTypeArguments(text, next, end), end);
                }

                if (next < end && text[next] == '(')
                {
                    var name = text.Substring(nameStart, nameEnd - nameStart);
                    if (SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None)
                    {
                        names.Add(name);
                    }
                }
            }
        }

        private static bool IsIdentifierStart(char c)
            => c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' : SyntaxFacts.IsIdentifierStartCharacter(c);

        private static int SkipWhitespace(string text, int position, int end)
        {
            while (position < end && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            return position;
        }

        /// <summary>
        /// The position after the type argument list that starts at <paramref name="position"/> (a <c>&lt;</c>), or
        /// <paramref name="end"/> when the text there cannot be one (a comparison: <c>a &lt; b;</c>).
        /// </summary>
        private static int SkipTypeArguments(string text, int position, int end)
        {
            var depth = 0;
            for (; position < end; position++)
            {
                var c = text[position];
                switch (c)
                {
                    case '<':
                        depth++;
                        break;
                    case '>':
                        if (--depth == 0)
                        {
                            return position + 1;
                        }

                        break;
                    case ',' or '.' or '?' or '[' or ']' or '(' or ')' or ':':
                        break;
                    default:
                        if (!IsIdentifierPart(c) && !char.IsWhiteSpace(c))
                        {
                            return end;
                        }

                        break;
                }
            }

            return end;
        }

        private static bool IsIdentifierPart(string text, int position)
            => position >= 0 && position < text.Length && IsIdentifierPart(text[position]);

        private static bool IsIdentifierPart(char c)
            => c < 128
                ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                : SyntaxFacts.IsIdentifierPartCharacter(c);

        /// <summary>
        /// The whole words of a text (maximal runs of identifier characters, in code, comments and strings alike), kept as
        /// a set of 32-bit hashes in an open-addressing table at most half full: a look-up answers "spelled somewhere?"
        /// with a probe or two instead of a search of the text. A hash collision can only answer yes for a word that is
        /// not there, so callers treat yes as a maybe (the text search that follows finds nothing, or a rule stays
        /// silent), never as evidence.
        /// </summary>
        internal sealed class Words
        {
            private const int FnvOffset = unchecked((int)2166136261);
            private const int FnvPrime = 16777619;
            private const int MaxKeptBits = 16;

            private static readonly bool[] AsciiIdentifierParts = CreateAsciiIdentifierParts();

            private const int ChunkSize = 4096;

            [ThreadStatic]
            private static int[][]? t_tables;

            [ThreadStatic]
            private static char[]? t_buffer;

            /// <summary>The distinct hashes, at <c>hash &amp; mask</c> or the next free slot after it; 0 marks a free slot (at least one is free).</summary>
            private readonly int[] _table;

            private Words(int[] table) => _table = table;

            /// <summary>False when the text certainly does not spell <paramref name="word"/> as a whole word.</summary>
            public bool MayContain(string word) => MayContain(HashOf(word));

            /// <summary>As <see cref="MayContain(string)"/>, for a word hashed once with <see cref="HashOf"/> (a look-up asked of many texts).</summary>
            public bool MayContain(int wordHash)
            {
                var table = _table;
                var mask = table.Length - 1;
                for (var slot = wordHash & mask; ; slot = (slot + 1) & mask)
                {
                    var hash = table[slot];
                    if (hash == wordHash)
                    {
                        return true;
                    }

                    if (hash == 0)
                    {
                        return false;
                    }
                }
            }

            /// <summary>The hash a word is kept under (never 0).</summary>
            public static int HashOf(string word) => NonZero(Hash(word, 0, word.Length));

            public static Words Create(string text) => Create(SourceText.From(text));

            public static Words Create(SourceText text)
            {
                // One pass over the text, copied in chunks into a buffer kept per thread (the text is never turned into
                // one string): each maximal run of identifier characters is hashed as it is read and put in an
                // open-addressing table (reused per thread) that drops repeats; the distinct hashes are then moved to a
                // table of their own, sized to stay at most half full.
                var length = text.Length;
                var table = RentTable(length);
                var mask = table.Length - 1;
                var distinct = 0;
                var hash = FnvOffset;
                var inWord = false;
                var ascii = AsciiIdentifierParts;
                var buffer = t_buffer ??= new char[ChunkSize];
                for (var start = 0; start < length; start += ChunkSize)
                {
                    var count = Math.Min(ChunkSize, length - start);
                    text.CopyTo(start, buffer, 0, count);
                    for (var i = 0; i < count; i++)
                    {
                        var c = buffer[i];
                        if (c < 128 ? ascii[c] : SyntaxFacts.IsIdentifierPartCharacter(c))
                        {
                            hash = unchecked((hash ^ c) * FnvPrime);
                            inWord = true;
                        }
                        else if (inWord)
                        {
                            inWord = false;
                            if (Insert(table, mask, NonZero(hash)) && ++distinct * 2 > table.Length)
                            {
                                table = Grow(table);
                                mask = table.Length - 1;
                            }

                            hash = FnvOffset;
                        }
                    }
                }

                if (inWord && Insert(table, mask, NonZero(hash)))
                {
                    distinct++;
                }

                var size = 1;
                while (size < 2 * distinct + 1)
                {
                    size <<= 1;
                }

                return new Words(Rehash(table, size));
            }

            /// <summary>
            /// A cleared table for the words of a text of <paramref name="length"/> characters: a power of two of about a
            /// quarter of the length (between 2^6 and 2^16 entries), one kept per size per thread; <see cref="Grow"/>
            /// doubles it whenever it gets half full.
            /// </summary>
            private static int[] RentTable(int length)
            {
                var bits = 6;
                while (bits < MaxKeptBits && (1 << (bits + 2)) < length)
                {
                    bits++;
                }

                var tables = t_tables ??= new int[MaxKeptBits + 1][];
                var table = tables[bits];
                if (table is null)
                {
                    return tables[bits] = new int[1 << bits];
                }

                Array.Clear(table, 0, table.Length);
                return table;
            }

            /// <summary>Adds a non-zero hash (zero marks a free slot); false when it was there already.</summary>
            private static bool Insert(int[] table, int mask, int hash)
            {
                for (var slot = hash & mask; ; slot = (slot + 1) & mask)
                {
                    if (table[slot] == hash)
                    {
                        return false;
                    }

                    if (table[slot] == 0)
                    {
                        table[slot] = hash;
                        return true;
                    }
                }
            }

            private static int[] Grow(int[] table) => Rehash(table, table.Length * 2);

            /// <summary>The hashes of <paramref name="table"/> in a new table of <paramref name="size"/> entries (a power of two, larger than their number).</summary>
            private static int[] Rehash(int[] table, int size)
            {
                var rehashed = new int[size];
                var mask = size - 1;
                foreach (var hash in table)
                {
                    if (hash != 0)
                    {
                        Insert(rehashed, mask, hash);
                    }
                }

                return rehashed;
            }

            private static bool[] CreateAsciiIdentifierParts()
            {
                var parts = new bool[128];
                for (var c = 0; c < parts.Length; c++)
                {
                    parts[c] = IsIdentifierPart((char)c);
                }

                return parts;
            }

            private static int NonZero(int hash) => hash == 0 ? 1 : hash;

            /// <summary>FNV-1a over the characters (no string is allocated per word).</summary>
            private static int Hash(string text, int start, int length)
            {
                var hash = FnvOffset;
                for (var i = start; i < start + length; i++)
                {
                    hash = unchecked((hash ^ text[i]) * FnvPrime);
                }

                return hash;
            }
        }
    }
}
