using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB202 fix "Add a version property" for the object persistence model's Save: adds
    /// <c>[DynamoDBVersion] public long? Version { get; set; }</c> to the saved class, in whichever file (or part of a
    /// partial class) declares it, so the SDK checks the version on every save and delete of the object: a stale save
    /// then fails with ConditionalCheckFailedException instead of overwriting. The property is named Version, or
    /// RowVersion, ItemVersion, Version2, ... when the class (or a base class) already has a member of that name or
    /// stores another property under that attribute name. Offered when the Save's type is the loaded type, a class
    /// declared in source (in this solution) with a body.
    /// <para>
    /// An item saved before the change has no version attribute: the object loads with <c>Version == null</c>, and its
    /// first save expects the attribute not to exist and sets the version to 0 (the SDK's DynamoDBContext:
    /// CreateExpectedDocumentForVersion, SetNewVersion). Existing items need no migration.
    /// </para>
    /// </summary>
    internal static class AddVersionPropertyFix
    {
        public const string DataModelNamespace = "Amazon.DynamoDBv2.DataModel";
        private static readonly string[] NameStems = { "Version", "RowVersion", "ItemVersion" };

        /// <summary>The class declaration to change and the property's name, or null when the fix is not offered.</summary>
        public static (TypeDeclarationSyntax Declaration, string Name)? TryPlan(WholeItemWriteBack finding, DynamoDbModel model, Solution solution, CancellationToken cancellationToken)
        {
            if (finding.SavedType is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
                || !SymbolEqualityComparer.Default.Equals(type, finding.Read.ItemType)
                || model.DynamoDBVersionAttribute is null
                || model.GetVersionProperty(type) is not null
                || type.IsImplicitlyDeclared
                || type.DeclaringSyntaxReferences.Length == 0
                || !type.DeclaringSyntaxReferences.All(r => solution.GetDocumentId(r.SyntaxTree) is not null)
                || ChooseDeclaration(type, model, cancellationToken) is not { } declaration)
            {
                return null;
            }

            return (declaration, ChooseName(type, model));
        }

        /// <summary>The part of the class the property goes into: the one that declares the hash key, else the first; it must have a body.</summary>
        private static TypeDeclarationSyntax? ChooseDeclaration(INamedTypeSymbol type, DynamoDbModel model, CancellationToken cancellationToken)
        {
            var declarations = type.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .ToList();
            var hashKey = model.GetKeyProperty(type, range: false);
            var chosen = declarations.FirstOrDefault(d => hashKey is not null && hashKey.DeclaringSyntaxReferences.Any(r => d.Span.Contains(r.Span) && d.SyntaxTree == r.SyntaxTree))
                ?? declarations.FirstOrDefault();
            return chosen is not null && chosen.OpenBraceToken.IsKind(SyntaxKind.OpenBraceToken) && !chosen.OpenBraceToken.IsMissing && !chosen.CloseBraceToken.IsMissing
                ? chosen
                : null;
        }

        /// <summary>Version, RowVersion, ItemVersion, then Version2, ...: the first that no member (or base member) of the class and no stored attribute name uses.</summary>
        private static string ChooseName(INamedTypeSymbol type, DynamoDbModel model)
        {
            var taken = new HashSet<string>(System.StringComparer.Ordinal) { type.Name };
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    taken.Add(member.Name);
                    if (member is IPropertySymbol property)
                    {
                        taken.Add(model.GetStoredName(property, type));
                    }
                }
            }

            foreach (var stem in NameStems)
            {
                if (!taken.Contains(stem))
                {
                    return stem;
                }
            }

            return UniqueNames.Choose(NameStems[0], taken, reserve: false);
        }

        /// <summary>The indentation of the class's members: that of its last property (or member), else the class's plus four spaces.</summary>
        public static string GetMemberIndentation(TypeDeclarationSyntax declaration)
        {
            var anchor = (MemberDeclarationSyntax?)declaration.Members.OfType<PropertyDeclarationSyntax>().LastOrDefault() ?? declaration.Members.LastOrDefault();
            var lines = declaration.SyntaxTree.GetText().Lines;
            return anchor is not null && lines.GetLineFromPosition(anchor.SpanStart).LineNumber != lines.GetLineFromPosition(declaration.OpenBraceToken.SpanStart).LineNumber
                ? SyntaxBuilder.GetIndentation(anchor)
                : SyntaxBuilder.GetIndentation(declaration) + "    ";
        }

        /// <summary>Inserts the property after the class's last property (or as its last member when it has none).</summary>
        public static TypeDeclarationSyntax AddProperty(TypeDeclarationSyntax declaration, string name, string indentation, SyntaxTrivia endOfLine)
        {
            var property = SyntaxFactory.ParseMemberDeclaration("[DynamoDBVersion] public long? " + name + " { get; set; }")!
                .WithLeadingTrivia(SyntaxFactory.Whitespace(indentation))
                .WithTrailingTrivia(endOfLine);
            var members = declaration.Members;
            var last = members.OfType<PropertyDeclarationSyntax>().LastOrDefault();
            var index = last is not null ? members.IndexOf(last) + 1 : members.Count;

            // A class written on one line, or a body that ends on the line of its last member: start the property on a line of its own.
            var previousToken = index == 0 ? declaration.OpenBraceToken : members[index - 1].GetLastToken();
            if (!previousToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                // The line now ends after the previous token: no trailing blank.
                var trimmed = previousToken.WithTrailingTrivia(previousToken.TrailingTrivia.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia)));
                if (index == 0)
                {
                    declaration = declaration.WithOpenBraceToken(trimmed);
                }
                else
                {
                    members = members.Replace(members[index - 1], members[index - 1].ReplaceToken(previousToken, trimmed));
                }

                property = property.WithLeadingTrivia(endOfLine, SyntaxFactory.Whitespace(indentation));
                if (index == members.Count && !declaration.CloseBraceToken.LeadingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
                {
                    declaration = declaration.WithCloseBraceToken(declaration.CloseBraceToken.WithLeadingTrivia(
                        declaration.CloseBraceToken.LeadingTrivia.Insert(0, SyntaxFactory.Whitespace(SyntaxBuilder.GetIndentation(declaration)))));
                }
            }

            return declaration.WithMembers(members.Insert(index, property));
        }
    }
}
