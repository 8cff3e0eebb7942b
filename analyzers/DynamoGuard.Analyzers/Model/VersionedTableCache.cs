using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.Model
{
    /// <summary>
    /// What the versioned-table scan (<see cref="DynamoDbModel.GetVersionedTable"/>) found for a source class, kept from
    /// one compilation to the next. In the IDE every keystroke makes a new compilation that shares every unchanged
    /// syntax tree with the previous one; without this, the scan bound the attributes of every versioned class of the
    /// project again after each keystroke, which was nearly all of DynamoGuard's time for an open document.
    /// <para>
    /// An answer is reused only in a compilation with the same references (the same array, as the IDE keeps it while
    /// the project's references do not change) that still contains every tree the answer was read from: the class's
    /// declarations and those of its source base classes. Editing any of them computes the class again. An answer is
    /// not kept when an attribute argument on those declarations is not a literal (a constant declared in another file
    /// may have changed), nor while the project has a <c>global using</c> alias of the version attribute. Keys are the
    /// class declarations themselves, so an answer lives exactly as long as its tree; answers hold strings only, never
    /// symbols, so no earlier compilation is kept alive.
    /// </para>
    /// <para>
    /// Not seen by this check, by design: a new source type that shadows an SDK attribute name
    /// (<c>DynamoDBVersionAttribute</c> declared in the user's namespace). Such a class keeps its earlier answer until
    /// one of its own files changes; a build (a new compilation in a new process) is never affected.
    /// </para>
    /// </summary>
    internal static class VersionedTableCache
    {
        private static readonly ConditionalWeakTable<SyntaxNode, Holder> Entries = new ConditionalWeakTable<SyntaxNode, Holder>();

        /// <summary>True when an answer for <paramref name="declaration"/> holds in <paramref name="compilation"/>; <paramref name="table"/> is null for a class that is not versioned.</summary>
        public static bool TryGet(Compilation compilation, SyntaxNode declaration, out VersionedTable? table)
        {
            table = null;
            if (!Entries.TryGetValue(declaration, out var holder)
                || holder.Entry is not { } entry
                || entry.References != compilation.ExternalReferences)
            {
                return false;
            }

            foreach (var tree in entry.Trees)
            {
                if (!compilation.ContainsSyntaxTree(tree))
                {
                    return false;
                }
            }

            table = entry.Table;
            return true;
        }

        /// <summary>Keeps the answer for <paramref name="type"/>, found through <paramref name="declaration"/>, when it can be reused safely.</summary>
        public static void Store(Compilation compilation, SyntaxNode declaration, INamedTypeSymbol type, VersionedTable? table)
        {
            var trees = new List<SyntaxTree>();
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    if (!HasOnlyLiteralAttributeArguments(reference.GetSyntax()))
                    {
                        return;
                    }

                    if (!trees.Contains(reference.SyntaxTree))
                    {
                        trees.Add(reference.SyntaxTree);
                    }
                }
            }

            Entries.GetValue(declaration, static _ => new Holder()).Entry = new Entry(compilation.ExternalReferences, trees.ToArray(), table);
        }

        /// <summary>False when an attribute of the type declaration or of one of its members has an argument that is not a literal (or typeof).</summary>
        private static bool HasOnlyLiteralAttributeArguments(SyntaxNode node)
        {
            if (node is not TypeDeclarationSyntax declaration || !HasLiteralArguments(declaration.AttributeLists))
            {
                return false;
            }

            if (declaration.ParameterList is { } parameters)
            {
                foreach (var parameter in parameters.Parameters)
                {
                    if (!HasLiteralArguments(parameter.AttributeLists))
                    {
                        return false;
                    }
                }
            }

            foreach (var member in declaration.Members)
            {
                if (!HasLiteralArguments(member.AttributeLists))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasLiteralArguments(SyntaxList<AttributeListSyntax> lists)
        {
            foreach (var list in lists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (attribute.ArgumentList is null)
                    {
                        continue;
                    }

                    foreach (var argument in attribute.ArgumentList.Arguments)
                    {
                        if (argument.Expression is not (LiteralExpressionSyntax or TypeOfExpressionSyntax))
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }

        /// <summary>The latest answer for one declaration (replaced when the class is computed again).</summary>
        private sealed class Holder
        {
            private Entry? _entry;

            public Entry? Entry
            {
                get => Volatile.Read(ref _entry);
                set => Volatile.Write(ref _entry, value);
            }
        }

        private sealed class Entry
        {
            public Entry(ImmutableArray<MetadataReference> references, SyntaxTree[] trees, VersionedTable? table)
            {
                References = references;
                Trees = trees;
                Table = table;
            }

            public ImmutableArray<MetadataReference> References { get; }

            public SyntaxTree[] Trees { get; }

            public VersionedTable? Table { get; }
        }
    }
}
