using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using DynamoGuard.Model;
using DynamoGuard.Model.Expressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// DDB401–DDB405: expressions DynamoDB would reject with a ValidationException, found in the expression properties
    /// of the low-level requests (PutItem, UpdateItem, DeleteItem, GetItem, Query, Scan), BatchGetItem's
    /// KeysAndAttributes, the TransactWriteItems / TransactGetItems members and the document model's Expression.
    /// Only expression texts that are compile-time constants are analysed. DDB402–DDB404 look at one expression text;
    /// DDB401 compares all of an object's expressions with its placeholder dictionaries and needs the whole object and
    /// the whole dictionary in view; DDB405 looks at the properties the method sets on one object.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ExpressionAnalyzer : DynamoGuardAnalyzer
    {
        /// <summary>DDB402 property: the placeholder the fix writes instead of the reserved word.</summary>
        public const string AliasProperty = "Alias";

        /// <summary>DDB402 property: the reserved word as written.</summary>
        public const string WordProperty = "Word";

        /// <summary>DDB402 property: "Dictionary" (add the entry to the dictionary at additional location 1) or "Holder" (add an ExpressionAttributeNames member to the object creation at additional location 1); absent when the alias is already defined.</summary>
        public const string EntryTargetProperty = "EntryTarget";

        public const string EntryTargetDictionary = "Dictionary";
        public const string EntryTargetHolder = "Holder";

        /// <summary>DDB402 property: the <see cref="ExpressionKind"/> of the literal, so the fix can find every occurrence of the word.</summary>
        public const string ExpressionKindProperty = "ExpressionKind";

        /// <summary>DDB401 property: which mismatch the diagnostic reports (<see cref="ProblemUndefined"/>, <see cref="ProblemUnused"/>, <see cref="ProblemEmpty"/>).</summary>
        public const string ProblemProperty = "Problem";

        public const string ProblemUndefined = "Undefined";
        public const string ProblemUnused = "Unused";
        public const string ProblemEmpty = "Empty";

        private static readonly ImmutableDictionary<string, string?> UndefinedProperties = ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, ProblemUndefined);
        private static readonly ImmutableDictionary<string, string?> UnusedProperties = ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, ProblemUnused);
        private static readonly ImmutableDictionary<string, string?> EmptyProperties = ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, ProblemEmpty);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.PlaceholderUndefined,
            DiagnosticDescriptors.PlaceholderUnused,
            DiagnosticDescriptors.PlaceholderDictionaryEmpty,
            DiagnosticDescriptors.ReservedWordInExpression,
            DiagnosticDescriptors.ExpressionSyntaxError,
            DiagnosticDescriptors.UpdatePathsOverlap,
            DiagnosticDescriptors.ExpressionAndLegacyParametersMixed);

        private protected override void InitializeCompilation(CompilationStartAnalysisContext start, DynamoDbModel model)
        {
            start.RegisterOperationAction(c => AnalyzeAssignment(c, model), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => AnalyzeCreation(c, model), OperationKind.ObjectCreation);
        }

        // ---- DDB402, DDB403, DDB404: one expression text ----
        private static void AnalyzeAssignment(OperationAnalysisContext context, DynamoDbModel model)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property }
                || !model.TryGetExpressionKind(property, out var kind)
                || !ValueResolver.TryGetString(assignment.Value, out var text)
                || assignment.IsInExpectedFailure())
            {
                return;
            }

            var result = ExpressionParser.Parse(text, kind);
            foreach (var error in result.Errors)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ExpressionSyntaxError,
                    ExpressionLocations.Map(assignment.Value, error.Span),
                    property.Name,
                    error.Span.Start + 1,
                    error.Message));
            }

            if (result.Root is null)
            {
                return;
            }

            ExpressionHolder? holder = null;
            var holderResolved = false;
            foreach (var use in result.ReservedWordUses())
            {
                if (!holderResolved)
                {
                    holder = ExpressionHolder.ForAssignment(assignment, model);
                    holderResolved = true;
                }

                ReportReservedWord(context, assignment, property.Name, result, use, holder);
            }

            if (kind == ExpressionKind.Update && result.UpdateActions.Length > 1)
            {
                if (!holderResolved)
                {
                    holder = ExpressionHolder.ForAssignment(assignment, model);
                }

                ReportOverlaps(context, assignment, result, holder?.Names.ConstantValues);
            }
        }

        private static void ReportReservedWord(
            OperationAnalysisContext context,
            ISimpleAssignmentOperation assignment,
            string propertyName,
            ExpressionParseResult result,
            NameOccurrence use,
            ExpressionHolder? holder)
        {
            var location = ExpressionLocations.Map(assignment.Value, use.Span);
            var properties = ImmutableDictionary<string, string?>.Empty;
            var additionalLocations = new List<Location>();
            if (ExpressionLocations.TryGetSimpleLiteral(assignment.Value, out var literal, out _)
                && use.Span.Length > 0
                && holder is not null
                && TryPlanAlias(holder, result, use.Name, out var alias, out var target))
            {
                properties = properties.Add(AliasProperty, alias).Add(WordProperty, use.Name).Add(ExpressionKindProperty, result.Kind.ToString());
                additionalLocations.Add(literal.GetLocation());
                if (target is not null)
                {
                    properties = properties.Add(EntryTargetProperty, target.Value.Kind);
                    additionalLocations.Add(target.Value.Syntax.GetLocation());
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ReservedWordInExpression,
                location,
                additionalLocations,
                properties,
                use.Name,
                propertyName));
        }

        /// <summary>
        /// Chooses the placeholder the DDB402 fix writes: an existing ExpressionAttributeNames entry for the same name, or
        /// a new #word (#word1, #word2 ... when taken) and where its entry goes. False when the dictionary is not fully
        /// known or the fix would have to edit code it cannot see.
        /// </summary>
        private static bool TryPlanAlias(ExpressionHolder holder, ExpressionParseResult result, string word, out string alias, out (string Kind, SyntaxNode Syntax)? target)
        {
            alias = string.Empty;
            target = null;
            var names = holder.Names;
            if (!holder.IsContentVisible || names.State == DictionaryState.Unknown)
            {
                return false;
            }

            if (NameAliases.FindExisting(names, word) is { } existing)
            {
                alias = existing;
                return true;
            }

            if (names.AssignedDictionary is { Local: null } dictionary)
            {
                target = (EntryTargetDictionary, dictionary.Creation.Syntax);
            }
            else if (names.Assignment is null && names.Entries.Count == 0 && holder.Creation.Initializer is not null)
            {
                target = (EntryTargetHolder, holder.Creation.Syntax);
            }
            else
            {
                return false;
            }

            var taken = NameAliases.TakenNames(holder);
            NameAliases.AddPlaceholders(result, taken);
            alias = NameAliases.Choose(word, taken);
            return true;
        }

        private static void ReportOverlaps(OperationAnalysisContext context, ISimpleAssignmentOperation assignment, ExpressionParseResult result, IReadOnlyDictionary<string, string>? names)
        {
            var actions = result.UpdateActions;
            for (var j = 1; j < actions.Length; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    var earlier = actions[i].Path;
                    var later = actions[j].Path;
                    if (!earlier.Overlaps(later, names))
                    {
                        continue;
                    }

                    var how = earlier.IsSamePath(later, names) ? "are the same path" : "overlap (one contains the other)";
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UpdatePathsOverlap,
                        ExpressionLocations.Map(assignment.Value, later.Span),
                        result.Text.Substring(earlier.Span.Start, earlier.Span.Length),
                        result.Text.Substring(later.Span.Start, later.Span.Length),
                        how));
                    break;
                }
            }
        }

        // ---- DDB401, DDB405: one object ----
        private static void AnalyzeCreation(OperationAnalysisContext context, DynamoDbModel model)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!model.IsExpressionHolder(creation.Type)
                || creation.IsInExpectedFailure()
                || ExpressionHolder.ForCreation(creation, model) is not { } holder)
            {
                return;
            }

            ReportMixedParameters(context, holder);
            if (holder.IsContentVisible)
            {
                ReportPlaceholderMismatches(context, holder);
            }
        }

        private static void ReportMixedParameters(OperationAnalysisContext context, ExpressionHolder holder)
        {
            if (holder.LegacyAssignments.Count == 0)
            {
                return;
            }

            string? expressionProperty = null;
            foreach (var expression in holder.Expressions)
            {
                if (!expression.IsNull)
                {
                    expressionProperty = expression.PropertyName;
                    break;
                }
            }

            if (expressionProperty is null)
            {
                return;
            }

            foreach (var legacy in holder.LegacyAssignments)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ExpressionAndLegacyParametersMixed,
                    legacy.Target.Syntax.GetLocation(),
                    holder.Creation.Type?.Name,
                    expressionProperty,
                    ((IPropertyReferenceOperation)legacy.Target).Property.Name));
            }
        }

        private static void ReportPlaceholderMismatches(OperationAnalysisContext context, ExpressionHolder holder)
        {
            // Every expression must be known: each property set once, to a constant that parses.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var any = false;
            foreach (var expression in holder.Expressions)
            {
                if (!seen.Add(expression.PropertyName)
                    || (!expression.IsNull && (expression.Result is null || expression.Result.Root is null)))
                {
                    return;
                }

                any |= !expression.IsNull;
            }

            // A document-model Expression without a statement is not applied at all.
            if (holder.IsDocumentExpression && !any)
            {
                return;
            }

            CheckDictionary(context, holder, holder.Names, values: false);
            if (holder.Values is { } values)
            {
                CheckDictionary(context, holder, values, values: true);
            }
        }

        private static void CheckDictionary(OperationAnalysisContext context, ExpressionHolder holder, PlaceholderDictionary dictionary, bool values)
        {
            if (dictionary.State == DictionaryState.Unknown)
            {
                return;
            }

            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var expression in holder.Expressions)
            {
                if (expression.Result is not { } result)
                {
                    continue;
                }

                var reported = new HashSet<string>(StringComparer.Ordinal);
                if (values)
                {
                    foreach (var placeholder in result.ValuePlaceholders)
                    {
                        used.Add(placeholder.Name);
                        ReportIfUndefined(context, dictionary, expression, placeholder.Name, placeholder.Span, reported);
                    }
                }
                else
                {
                    foreach (var placeholder in result.NamePlaceholders)
                    {
                        used.Add(placeholder.Name);
                        ReportIfUndefined(context, dictionary, expression, placeholder.Name, placeholder.Span, reported);
                    }
                }
            }

            if (dictionary.State != DictionaryState.Known)
            {
                return;
            }

            if (dictionary.IsAssignedEmpty)
            {
                // The document model copies Expression entries into the request; an empty one sends nothing.
                if (!holder.IsDocumentExpression)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.PlaceholderDictionaryEmpty,
                        dictionary.AssignedDictionary!.Creation.Syntax.GetLocation(),
                        EmptyProperties,
                        dictionary.PropertyName));
                }

                return;
            }

            foreach (var entry in dictionary.Entries)
            {
                if (!used.Contains(entry.Key))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.PlaceholderUnused,
                        entry.Value.Key.Syntax.GetLocation(),
                        UnusedProperties,
                        dictionary.PropertyName,
                        entry.Key));
                }
            }
        }

        private static void ReportIfUndefined(
            OperationAnalysisContext context,
            PlaceholderDictionary dictionary,
            ExpressionAssignment expression,
            string placeholder,
            Microsoft.CodeAnalysis.Text.TextSpan span,
            HashSet<string> reported)
        {
            if (dictionary.Defines(placeholder) || !reported.Add(placeholder))
            {
                return;
            }

            var why = dictionary.State == DictionaryState.Null
                ? $"is not defined: {dictionary.PropertyName} is not set"
                : $"{dictionary.PropertyName} does not define";
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.PlaceholderUndefined,
                ExpressionLocations.Map(expression.Assignment.Value, span),
                UndefinedProperties,
                expression.PropertyName,
                placeholder,
                why));
        }
    }
}
