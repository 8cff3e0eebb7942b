using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using DynamoGuard.Model.Expressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB405: the rewrite of every legacy parameter an object initializer sets (AttributesToGet, Expected,
    /// ConditionalOperator, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter) into its expression, merged with the
    /// expression the object already sets. Planned only when the whole object is in view: everything it sets is in its
    /// initializer, the legacy dictionaries are created there with constant attribute names and operators, the
    /// expressions are plain literals that parse, and the placeholder dictionaries are absent or created there.
    /// </summary>
    internal sealed class LegacyConversion
    {
        private static readonly string[] UpdateKeywords = { "SET", "REMOVE", "ADD", "DELETE" };

        private readonly ExpressionHolder _holder;
        private readonly HashSet<string> _takenNames;
        private readonly HashSet<string> _takenValues;
        private readonly Dictionary<string, string> _newAliases = new(StringComparer.Ordinal);
        private readonly List<(string Key, ExpressionSyntax Value)> _newNames = new();
        private readonly List<(string Key, ExpressionSyntax Value)> _newValues = new();
        private readonly List<string> _projection = new();
        private readonly List<string> _conditions = new();
        private readonly List<string> _filters = new();
        private readonly List<string> _keyConditions = new();
        private readonly List<string>[] _updates = { new(), new(), new(), new() };
        private string _joiner = "AND";

        private LegacyConversion(ExpressionHolder holder, InitializerExpressionSyntax initializer)
        {
            _holder = holder;
            Initializer = initializer;
            _takenNames = NameAliases.TakenNames(holder);
            _takenValues = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in holder.Values?.Entries ?? Array.Empty<KeyValuePair<string, DictionaryEntry>>())
            {
                _takenValues.Add(entry.Key);
            }

            foreach (var expression in holder.Expressions)
            {
                foreach (var placeholder in expression.Result?.ValuePlaceholders ?? ImmutableArray<ValuePlaceholder>.Empty)
                {
                    _takenValues.Add(placeholder.Name);
                }
            }
        }

        public InitializerExpressionSyntax Initializer { get; }

        /// <summary>The legacy properties converted, in source order (for the title).</summary>
        public List<string> Converted { get; } = new();

        /// <summary>The creation expression of the object whose member <paramref name="node"/> (a legacy property name) is.</summary>
        public static BaseObjectCreationExpressionSyntax? FindCreation(SyntaxNode node)
            => node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression, Parent: BaseObjectCreationExpressionSyntax creation } }
                ? creation
                : null;

        public static LegacyConversion? TryPlan(BaseObjectCreationExpressionSyntax creation, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (creation.Initializer is not { } initializer
                || DynamoDbModel.TryCreate(semanticModel.Compilation) is not { } model
                || semanticModel.GetOperation(creation, cancellationToken) is not IObjectCreationOperation operation
                || !model.IsExpressionHolder(operation.Type)
                || ExpressionHolder.ForCreation(operation, model) is not { IsContentVisible: true, IsDocumentExpression: false } holder
                || holder.LegacyAssignments.Count == 0)
            {
                return null;
            }

            // Everything the object gets is set in its initializer, each property once.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var assignment in holder.BuildUp.PropertyAssignments)
            {
                if (assignment.Syntax.Parent != initializer
                    || assignment.Target is not IPropertyReferenceOperation { Property.Name: var name }
                    || !seen.Add(name))
                {
                    return null;
                }
            }

            foreach (var expression in holder.Expressions)
            {
                // Merged texts are written back into the literal, so each must be one plain literal.
                if (expression.IsNull || expression.Result is not { IsValid: true } || !ExpressionLocations.TryGetSimpleLiteral(expression.Assignment.Value, out _, out _))
                {
                    return null;
                }
            }

            if (!IsEditable(holder.Names, initializer) || (holder.Values is { } values && !IsEditable(values, initializer)))
            {
                return null;
            }

            var plan = new LegacyConversion(holder, initializer);
            foreach (var legacy in holder.LegacyAssignments)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = ((IPropertyReferenceOperation)legacy.Target).Property.Name;
                if (!plan.TryConvert(name, legacy.Value))
                {
                    return null;
                }

                plan.Converted.Add(name);
            }

            return plan.HasWork() ? plan : null;
        }

        /// <summary>Whether new entries can go into the dictionary: it is not set (a member is added) or created in the initializer with every entry there.</summary>
        private static bool IsEditable(PlaceholderDictionary dictionary, InitializerExpressionSyntax initializer)
        {
            switch (dictionary.State)
            {
                case DictionaryState.Null:
                    return dictionary.Assignment is null && dictionary.Entries.Count == 0;
                case DictionaryState.Known:
                    return dictionary.Assignment is { } assignment
                        && assignment.Syntax.Parent == initializer
                        && dictionary.AssignedDictionary is { Local: null, IsComplete: true, Creation.Syntax: BaseObjectCreationExpressionSyntax creation }
                        && creation.Parent == assignment.Syntax
                        && dictionary.Entries.All(e => creation.Span.Contains(e.Value.Operation.Syntax.Span));
                default:
                    return false;
            }
        }

        private bool HasWork() => Converted.Count > 0;

        private bool TryConvert(string property, IOperation value)
        {
            switch (property)
            {
                case "ConditionalOperator":
                    if (!TryGetConstantName(value, "ConditionalOperator", out var joiner) || joiner is not ("AND" or "OR"))
                    {
                        return false;
                    }

                    _joiner = joiner;
                    return true;
                case "AttributesToGet":
                    return TryGetListElements(value, out var attributes) && attributes.All(a => TryAddProjection(a));
                case "Expected":
                    return TryForEachEntry(value, "ExpectedAttributeValue", (attribute, members) => TryAddExpected(attribute, members));
                case "KeyConditions":
                    return TryForEachEntry(value, "Condition", (attribute, members) => TryAddCondition(attribute, members, _keyConditions, keyCondition: true));
                case "QueryFilter":
                case "ScanFilter":
                    return TryForEachEntry(value, "Condition", (attribute, members) => TryAddCondition(attribute, members, _filters, keyCondition: false));
                case "AttributeUpdates":
                    return TryForEachEntry(value, "AttributeValueUpdate", (attribute, members) => TryAddUpdate(attribute, members));
                default:
                    return false;
            }
        }

        // ---- reading the legacy values ----

        /// <summary>Each entry of a dictionary created inline (<c>["a"] = new T { ... }</c> or <c>{ "a", new T { ... } }</c>): its constant key and the members its value sets.</summary>
        private static bool TryForEachEntry(IOperation value, string valueType, Func<string, Dictionary<string, IOperation>, bool> convert)
        {
            if (ObjectBuildUp.TryCreate(value) is not { Local: null, IsComplete: true } dictionary
                || dictionary.PropertyAssignments.Count > 0
                || dictionary.Creation.Arguments.Length > 0
                || dictionary.Entries.Count != (dictionary.Creation.Initializer?.Initializers.Length ?? 0))
            {
                return false;
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in dictionary.Entries)
            {
                if (!ValueResolver.TryGetString(entry.Key, out var attribute)
                    || attribute.Length == 0
                    || !keys.Add(attribute)
                    || !TryGetMembers(entry.Value, valueType, out var members)
                    || !convert(attribute, members))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The properties a <c>new T(a) { B = ..., C = ... }</c> sets (constructor parameters by name), each once; false for anything else.</summary>
        private static bool TryGetMembers(IOperation value, string typeName, out Dictionary<string, IOperation> members)
        {
            members = new Dictionary<string, IOperation>(StringComparer.Ordinal);
            if (value.WalkDownConversions() is not IObjectCreationOperation { Type.Name: var name } creation || name != typeName)
            {
                return false;
            }

            // new ExpectedAttributeValue(false), new AttributeValueUpdate(value, AttributeAction.ADD): each parameter sets the property of its name.
            foreach (var argument in creation.Arguments)
            {
                var parameter = argument.Parameter?.Name;
                var property = string.IsNullOrEmpty(parameter) ? string.Empty : char.ToUpperInvariant(parameter![0]) + parameter.Substring(1);
                if (argument.ArgumentKind != ArgumentKind.Explicit
                    || !creation.Type!.GetMembers(property).OfType<IPropertySymbol>().Any()
                    || members.ContainsKey(property))
                {
                    return false;
                }

                members.Add(property, argument.Value);
            }

            foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
            {
                if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var property } } assignment
                    || members.ContainsKey(property))
                {
                    return false;
                }

                members.Add(property, assignment.Value);
            }

            return true;
        }

        /// <summary>The elements of a list created inline: <c>new List&lt;T&gt; { a, b }</c>.</summary>
        private static bool TryGetListElements(IOperation value, out List<IOperation> elements)
        {
            elements = new List<IOperation>();
            if (value.WalkDownConversions() is not IObjectCreationOperation { Arguments.Length: 0 } creation)
            {
                return false;
            }

            foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
            {
                if (initializer is not IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                {
                    return false;
                }

                elements.Add(add.Arguments[0].Value);
            }

            return true;
        }

        /// <summary>A ConstantClass value: <c>ComparisonOperator.EQ</c> (a static field of the type) or a constant string.</summary>
        private static bool TryGetConstantName(IOperation value, string typeName, out string name)
        {
            var operand = value.WalkDownConversions();
            if (operand is IFieldReferenceOperation { Field: { IsStatic: true } field } && field.ContainingType.Name == typeName
                && field.ContainingNamespace.ToDisplayString() == "Amazon.DynamoDBv2")
            {
                name = field.Name;
                return true;
            }

            return ValueResolver.TryGetString(operand, out name);
        }

        // ---- conversions ----

        private bool TryAddProjection(IOperation element)
        {
            if (!ValueResolver.TryGetString(element, out var attribute) || attribute.Length == 0)
            {
                return false;
            }

            var names = _holder.Names.ConstantValues;
            if (Existing("ProjectionExpression")?.Result is { } projection
                && projection.Paths.Any(p => p.TryGetRootAttributeName(names, out var root) && root == attribute))
            {
                // Already projected as is: nothing to add; projected through a nested path: the two would overlap.
                return projection.Paths.Any(p => p.IsTopLevelAttribute && p.IsAttribute(attribute, names))
                    && !projection.Paths.Any(p => !p.IsTopLevelAttribute && p.TryGetRootAttributeName(names, out var r) && r == attribute);
            }

            if (!_projection.Contains(Path(attribute)))
            {
                _projection.Add(Path(attribute));
            }

            return true;
        }

        private bool TryAddExpected(string attribute, Dictionary<string, IOperation> members)
        {
            members.TryGetValue("Exists", out var existsValue);
            bool? exists = null;
            if (existsValue is not null)
            {
                if (existsValue.WalkDownConversions().ConstantValue is not { HasValue: true, Value: bool constant })
                {
                    return false;
                }

                exists = constant;
            }

            if (members.ContainsKey("ComparisonOperator"))
            {
                return exists is null && !members.ContainsKey("Value") && TryAddCondition(attribute, members, _conditions, keyCondition: false);
            }

            if (members.ContainsKey("AttributeValueList"))
            {
                return false;
            }

            if (members.TryGetValue("Value", out var value))
            {
                if (exists == false || !TryValue(value, out var placeholder))
                {
                    return false;
                }

                _conditions.Add(Path(attribute) + " = " + placeholder);
                return true;
            }

            if (exists == false)
            {
                _conditions.Add("attribute_not_exists(" + Path(attribute) + ")");
                return true;
            }

            // Exists = true without a value (or nothing at all) is rejected by DynamoDB: leave it to the author.
            return false;
        }

        private bool TryAddCondition(string attribute, Dictionary<string, IOperation> members, List<string> target, bool keyCondition)
        {
            if (members.Keys.Any(k => k is not ("ComparisonOperator" or "AttributeValueList"))
                || !members.TryGetValue("ComparisonOperator", out var operatorValue)
                || !TryGetConstantName(operatorValue, "ComparisonOperator", out var op))
            {
                return false;
            }

            // A key the key condition expression already constrains cannot be constrained twice.
            if (keyCondition && Existing("KeyConditionExpression")?.Result is { } keys
                && keys.Paths.Any(p => p.TryGetRootAttributeName(_holder.Names.ConstantValues, out var root) && root == attribute))
            {
                return false;
            }

            var operands = new List<IOperation>();
            if (members.TryGetValue("AttributeValueList", out var list) && !TryGetListElements(list, out operands))
            {
                return false;
            }

            var arity = op switch
            {
                "EQ" or "LT" or "LE" or "GT" or "GE" or "BEGINS_WITH" => 1,
                "BETWEEN" => 2,
                "NE" or "CONTAINS" when !keyCondition => 1,
                "NOT_NULL" or "NULL" when !keyCondition => 0,
                "IN" when !keyCondition && operands.Count > 0 => operands.Count,
                _ => -1,
            };
            if (arity < 0 || operands.Count != arity)
            {
                return false;
            }

            var placeholders = new List<string>();
            foreach (var operand in operands)
            {
                if (!TryValue(operand, out var placeholder))
                {
                    return false;
                }

                placeholders.Add(placeholder);
            }

            var path = Path(attribute);
            target.Add(op switch
            {
                "EQ" => path + " = " + placeholders[0],
                "NE" => path + " <> " + placeholders[0],
                "LT" => path + " < " + placeholders[0],
                "LE" => path + " <= " + placeholders[0],
                "GT" => path + " > " + placeholders[0],
                "GE" => path + " >= " + placeholders[0],
                "BEGINS_WITH" => "begins_with(" + path + ", " + placeholders[0] + ")",
                "CONTAINS" => "contains(" + path + ", " + placeholders[0] + ")",
                "NOT_NULL" => "attribute_exists(" + path + ")",
                "NULL" => "attribute_not_exists(" + path + ")",
                "BETWEEN" => path + " BETWEEN " + placeholders[0] + " AND " + placeholders[1],
                _ => path + " IN (" + string.Join(", ", placeholders) + ")",
            });
            return true;
        }

        private bool TryAddUpdate(string attribute, Dictionary<string, IOperation> members)
        {
            if (members.Keys.Any(k => k is not ("Action" or "Value")))
            {
                return false;
            }

            var action = "PUT";
            if (members.TryGetValue("Action", out var actionValue) && !TryGetConstantName(actionValue, "AttributeAction", out action))
            {
                return false;
            }

            // An attribute the update expression already writes would make the two paths overlap.
            if (Existing("UpdateExpression")?.Result is { } update && update.FindUpdateActions(attribute, _holder.Names.ConstantValues).Any())
            {
                return false;
            }

            members.TryGetValue("Value", out var value);
            string placeholder;
            switch (action)
            {
                case "PUT" when value is not null && TryValue(value, out placeholder):
                    _updates[0].Add(Path(attribute) + " = " + placeholder);
                    return true;
                case "ADD" when value is not null && TryValue(value, out placeholder):
                    _updates[2].Add(Path(attribute) + " " + placeholder);
                    return true;
                case "DELETE" when value is null:
                    _updates[1].Add(Path(attribute));
                    return true;
                case "DELETE" when IsSetValue(value!) && TryValue(value!, out placeholder):
                    _updates[3].Add(Path(attribute) + " " + placeholder);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary><c>new AttributeValue { SS = ... }</c> (or NS, BS): DELETE with a value removes elements from a set.</summary>
        private static bool IsSetValue(IOperation value)
            => TryGetMembers(value, "AttributeValue", out var members) && members.Count == 1 && members.Keys.Single() is "SS" or "NS" or "BS";

        // ---- names and values ----

        private ExpressionAssignment? Existing(string property) => _holder.Expressions.FirstOrDefault(e => e.PropertyName == property);

        /// <summary>The attribute as an expression writes it: bare, or through an ExpressionAttributeNames placeholder when it is reserved or not a plain name.</summary>
        private string Path(string attribute)
        {
            if (IsPlainName(attribute) && !ReservedWords.Contains(attribute))
            {
                return attribute;
            }

            if (_newAliases.TryGetValue(attribute, out var alias) || NameAliases.FindExisting(_holder.Names, attribute) is { } existing && (alias = existing) is not null)
            {
                return alias;
            }

            var stem = IsPlainName(attribute) ? attribute : SyntaxBuilder.NamePlaceholderStem(attribute).Substring(1);
            alias = NameAliases.Choose(stem.All(c => c < 128) ? stem : "attr", _takenNames);
            _newAliases.Add(attribute, alias);
            _newNames.Add((alias, SyntaxBuilder.StringLiteral(attribute)));
            return alias;
        }

        private static bool IsPlainName(string attribute)
            => attribute.Length > 0 && char.IsLetter(attribute[0]) && attribute[0] < 128 && attribute.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_'));

        /// <summary>A new value placeholder (<c>:v</c>, <c>:v1</c>, ...) for a value expression that can move into ExpressionAttributeValues.</summary>
        private bool TryValue(IOperation value, out string placeholder)
        {
            placeholder = string.Empty;
            if (_holder.Values is null
                || value.Type?.Name != "AttributeValue"
                || value.Syntax is not ExpressionSyntax syntax
                || syntax.DescendantNodesAndSelf().Any(n => n is AwaitExpressionSyntax or AssignmentExpressionSyntax { Parent: not InitializerExpressionSyntax } or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } or PostfixUnaryExpressionSyntax or DeclarationExpressionSyntax or IsPatternExpressionSyntax))
            {
                return false;
            }

            placeholder = ":v";
            for (var n = 1; _takenValues.Contains(placeholder); n++)
            {
                placeholder = ":v" + n.ToString(CultureInfo.InvariantCulture);
            }

            _takenValues.Add(placeholder);
            _newValues.Add((placeholder, syntax));
            return true;
        }

        // ---- the edit ----

        /// <summary>The initializer without the legacy members, with the merged expressions and the new placeholder entries.</summary>
        public InitializerExpressionSyntax Apply()
        {
            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            var added = new List<ExpressionSyntax>();
            Merge("ProjectionExpression", _projection.Count == 0 ? null : string.Join(", ", _projection), (existing, addition) => existing + ", " + addition);
            Merge("ConditionExpression", JoinConditions(_conditions), AndConditions);
            Merge("FilterExpression", JoinConditions(_filters), AndConditions);
            Merge("KeyConditionExpression", _keyConditions.Count == 0 ? null : string.Join(" AND ", _keyConditions), (existing, addition) => existing + " AND " + addition);
            Merge("UpdateExpression", _updates.Any(u => u.Count > 0) ? string.Empty : null, (existing, _) => MergeUpdate(existing));
            AddEntries(_holder.Names, "ExpressionAttributeNames", PlaceholderEntries.NamesType, _newNames);
            if (_holder.Values is { } values)
            {
                AddEntries(values, "ExpressionAttributeValues", PlaceholderEntries.ValuesType, _newValues);
            }

            var legacy = new HashSet<SyntaxNode>(_holder.LegacyAssignments.Select(a => a.Syntax));
            var result = Initializer.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            var removed = result.Expressions.Where((_, i) => legacy.Contains(Initializer.Expressions[i])).Cast<SyntaxNode>().ToList();
            result = InitializerEditing.RemoveElements(result, removed);
            return added.Count == 0 ? result : InitializerEditing.AddElements(result, added);

            void Merge(string property, string? addition, Func<string, string, string> merge)
            {
                if (addition is null)
                {
                    return;
                }

                if (Existing(property) is { } existing)
                {
                    if (ExpressionLocations.TryGetSimpleLiteral(existing.Assignment.Value, out var literal, out _)
                        && ExpressionLocations.TryGetContentOffset(literal.Token, out var prefix))
                    {
                        var token = literal.Token;
                        var content = token.ValueText;
                        var newContent = merge(content, addition);
                        var newText = token.Text.Substring(0, prefix) + newContent + token.Text.Substring(prefix + content.Length);
                        replacements[literal] = literal.WithToken(SyntaxFactory.Token(token.LeadingTrivia, token.Kind(), newText, newContent, token.TrailingTrivia));
                    }

                    return;
                }

                added.Add(SyntaxBuilder.Assignment(property, SyntaxBuilder.StringLiteral(property == "UpdateExpression" ? MergeUpdate(string.Empty) : addition)));
            }

            void AddEntries(PlaceholderDictionary dictionary, string property, string type, List<(string Key, ExpressionSyntax Value)> entries)
            {
                if (entries.Count == 0)
                {
                    return;
                }

                if (dictionary.AssignedDictionary?.Creation.Syntax is BaseObjectCreationExpressionSyntax creation)
                {
                    replacements[creation] = PlaceholderEntries.AddEntries(creation, entries);
                }
                else
                {
                    added.Add(PlaceholderEntries.NewMember(property, type, entries));
                }
            }
        }

        private string? JoinConditions(List<string> terms)
            => terms.Count == 0 ? null : terms.Count > 1 && _joiner == "OR" ? "(" + string.Join(" OR ", terms) + ")" : string.Join(" " + _joiner + " ", terms);

        private static string AndConditions(string existing, string addition)
        {
            var root = ExpressionParser.ParseCondition(existing).Root;
            return (root is LogicalExpression { Operator: LogicalOperator.Or } ? "(" + existing.Trim() + ")" : existing.TrimEnd()) + " AND " + addition;
        }

        /// <summary>The update expression with the new actions: in the clause of their kind when it has one, else in a new clause at the end.</summary>
        private string MergeUpdate(string existing)
        {
            var clauses = existing.Length == 0 ? default : (ExpressionParser.ParseUpdate(existing).Root as Model.Expressions.UpdateExpression)?.Clauses ?? default;
            var inserts = new List<(int Position, string Text)>();
            var appended = new StringBuilder();
            for (var kind = 0; kind < UpdateKeywords.Length; kind++)
            {
                if (_updates[kind].Count == 0)
                {
                    continue;
                }

                var actions = string.Join(", ", _updates[kind]);
                var clause = clauses.IsDefault ? null : clauses.FirstOrDefault(c => (int)c.Kind == kind);
                if (clause is not null)
                {
                    inserts.Add((clause.Span.End, ", " + actions));
                }
                else
                {
                    appended.Append(appended.Length == 0 && existing.Trim().Length == 0 ? string.Empty : " ").Append(UpdateKeywords[kind]).Append(' ').Append(actions);
                }
            }

            var text = existing.TrimEnd();
            var trailing = existing.Substring(text.Length);
            foreach (var insert in inserts.OrderByDescending(i => i.Position))
            {
                text = text.Insert(Math.Min(insert.Position, text.Length), insert.Text);
            }

            return text + appended + trailing;
        }
    }
}
