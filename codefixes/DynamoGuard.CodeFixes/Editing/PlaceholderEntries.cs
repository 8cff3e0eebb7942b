using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace DynamoGuard.CodeFixes.Editing
{
    /// <summary>
    /// Adds ExpressionAttributeNames / ExpressionAttributeValues entries the way the code writes them: into the
    /// dictionary's initializer in its style (<c>["#n"] = "n"</c> or <c>{ "#n", "n" }</c>), or, when the object sets
    /// no such dictionary, as a new <c>Property = new Dictionary&lt;string, T&gt; { ... }</c> member of its initializer.
    /// </summary>
    internal static class PlaceholderEntries
    {
        public const string NamesType = "global::System.Collections.Generic.Dictionary<string, string>";
        public const string ValuesType = "global::System.Collections.Generic.Dictionary<string, global::Amazon.DynamoDBv2.Model.AttributeValue>";

        /// <summary>The dictionary creation with <paramref name="entries"/> appended to its initializer (one created when it has none).</summary>
        public static BaseObjectCreationExpressionSyntax AddEntries(BaseObjectCreationExpressionSyntax creation, IReadOnlyList<(string Key, ExpressionSyntax Value)> entries)
        {
            var initializer = creation.Initializer;
            var complexStyle = initializer?.Expressions.FirstOrDefault() is InitializerExpressionSyntax;
            var elements = entries.Select(e => complexStyle ? (ExpressionSyntax)SyntaxBuilder.ComplexEntry(e.Key, e.Value) : SyntaxBuilder.IndexerEntry(e.Key, e.Value)).ToList();
            if (initializer is null)
            {
                var created = InitializerEditing.CreateSingleLine(creation.IsKind(SyntaxKind.ImplicitObjectCreationExpression) || complexStyle ? SyntaxKind.CollectionInitializerExpression : SyntaxKind.ObjectInitializerExpression, elements);
                var withoutTrailing = creation.WithoutTrailingTrivia();
                if (withoutTrailing is ObjectCreationExpressionSyntax { ArgumentList: { Arguments.Count: 0 } } explicitCreation)
                {
                    // new Dictionary<string, string>() { ... } reads worse than new Dictionary<string, string> { ... }.
                    withoutTrailing = explicitCreation.WithArgumentList(null).WithType(explicitCreation.Type.WithTrailingTrivia(SyntaxFactory.Space));
                }
                else
                {
                    withoutTrailing = withoutTrailing.WithTrailingTrivia(SyntaxFactory.Space);
                }

                return withoutTrailing.WithInitializer(created.WithTrailingTrivia(creation.GetTrailingTrivia()));
            }

            return creation.WithInitializer(InitializerEditing.AddElements(initializer, elements));
        }

        /// <summary><c><paramref name="property"/> = new <paramref name="dictionaryType"/> { [key] = value, ... }</c>, the type simplified and imported.</summary>
        public static ExpressionSyntax NewMember(string property, string dictionaryType, IReadOnlyList<(string Key, ExpressionSyntax Value)> entries)
        {
            var type = SyntaxFactory.ParseTypeName(dictionaryType)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            var dictionary = SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                type.WithTrailingTrivia(SyntaxFactory.Space),
                argumentList: null,
                initializer: InitializerEditing.CreateSingleLine(SyntaxKind.ObjectInitializerExpression, entries.Select(e => (ExpressionSyntax)SyntaxBuilder.IndexerEntry(e.Key, e.Value)).ToList()));
            return SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(property).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                dictionary);
        }

        /// <summary>The holder creation with a new <see cref="NewMember"/> appended to its initializer.</summary>
        public static BaseObjectCreationExpressionSyntax AddMember(BaseObjectCreationExpressionSyntax creation, string property, string dictionaryType, IReadOnlyList<(string Key, ExpressionSyntax Value)> entries)
            => creation.WithInitializer(InitializerEditing.AddElements(creation.Initializer!, new List<ExpressionSyntax> { NewMember(property, dictionaryType, entries) }));
    }
}
