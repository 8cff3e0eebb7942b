using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using DynamoGuard.Model.Expressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB201 fix "Use atomic ADD (not idempotent on retry)": one UpdateItem with <c>ADD #n :delta</c>, which DynamoDB
    /// applies on the server without a read (ADD starts a missing number at 0, so no <c>if_not_exists</c> is needed, and
    /// a negative delta decrements). An UpdateItem request is edited in place (its SET action for the attribute becomes
    /// the ADD, other actions stay); a PutItem, a legacy AttributeUpdates call or the object persistence model's Save
    /// becomes an UpdateItem request on the read's table and key that keeps the other attributes the write changed as
    /// SET clauses. The read and what the method computed from it go when nothing else uses them.
    /// <para>
    /// Offered only when the rewrite keeps what the code did: the delta is known (constants, or one expression that
    /// does not depend on the read) and applied unconditionally, and a missing attribute was counted from 0 (or not
    /// handled at all). For the object persistence model an IAmazonDynamoDB must be in scope (parameter, field or
    /// property), the key types must be strings or numbers, and the load must not pass a configuration.
    /// </para>
    /// </summary>
    internal sealed class AtomicAddFix : AtomicUpdateFix
    {
        private string _deltaValue = string.Empty;
        private readonly HashSet<ILocalSymbol> _keptAlive = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        private readonly List<TextSpan> _replaced = new List<TextSpan>();

        // In-place edit of an UpdateItem request.
        private SyntaxNode? _updateExpressionNode;
        private string? _newUpdateExpression;
        private SyntaxNode? _valueEntry;
        private string _deltaPlaceholder = ":delta";
        private bool _replaceEntry;

        // Rewrite into a new UpdateItem request.
        private string? _newInvocation;

        private AtomicAddFix(NumericReadModifyWrite finding, SemanticModel semanticModel, DynamoDbModel model)
            : base(finding, semanticModel, model)
        {
        }

        public static AtomicAddFix? TryPlan(NumericReadModifyWrite finding, SemanticModel semanticModel, DynamoDbModel model)
        {
            // Load(id) ?? new T { ... }: ADD creates a missing item with the key and the delta only, which is what the
            // code saves only when the new object sets nothing but the key, and only for a missing item
            // (if (c?.Name is null) c = new T { Id = id }; also starts an existing item without a Name again at 0 + 1).
            if (finding.CreatedWhenMissing is { } created && (!SetsOnlyKeys(created, model) || !ValueResolver.ReplacesOnlyAMissingObject(created)))
            {
                return null;
            }

            var fix = new AtomicAddFix(finding, semanticModel, model);
            if (!fix.PlanDelta())
            {
                return null;
            }

            var planned = finding.Shape switch
            {
                WriteShape.UpdateExpression when finding.Write!.Surface == WriteSurface.ClientRequest => fix.PlanInPlace(),
                WriteShape.PutMap or WriteShape.PutReadMap or WriteShape.AttributeUpdates => fix.PlanClientRewrite(),
                WriteShape.ContextSave => fix.PlanContextRewrite(),
                _ => false,
            };
            if (!planned)
            {
                return null;
            }

            fix.Removals.AddRange(ReadChain.FindRemovable(finding.Read.Invocation, finding.WriteInvocation, fix._replaced, fix._keptAlive));
            return fix;
        }

        private static bool SetsOnlyKeys(IObjectCreationOperation created, DynamoDbModel model)
        {
            if (!created.Arguments.IsEmpty || created.Type is not INamedTypeSymbol type)
            {
                return false;
            }

            var hash = model.GetKeyProperty(type, DynamoDbModel.KeyPart.Hash);
            var range = model.GetKeyProperty(type, DynamoDbModel.KeyPart.Range);
            foreach (var member in created.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
            {
                if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } }
                    || !(SymbolEqualityComparer.Default.Equals(property, hash) || SymbolEqualityComparer.Default.Equals(property, range)))
                {
                    return false;
                }
            }

            return true;
        }

        public override void Apply(DocumentEditor editor, FixSession session)
        {
            if (_newInvocation is not null)
            {
                var invocation = Finding.WriteInvocation.Syntax;
                editor.ReplaceNode(invocation, SyntaxBuilder.ParseExpression(_newInvocation).WithTriviaFrom(invocation));
            }
            else
            {
                editor.ReplaceNode(_updateExpressionNode!, SyntaxBuilder.StringLiteral(_newUpdateExpression!).WithTriviaFrom(_updateExpressionNode!));
                var deltaValue = SyntaxBuilder.ParseExpression(_deltaValue);
                if (_replaceEntry)
                {
                    SyntaxNode replacement = _valueEntry is InitializerExpressionSyntax
                        ? SyntaxBuilder.ComplexEntry(_deltaPlaceholder, deltaValue)
                        : SyntaxBuilder.IndexerEntry(_deltaPlaceholder, deltaValue);
                    editor.ReplaceNode(_valueEntry!, replacement.WithTriviaFrom(_valueEntry!));
                }
                else
                {
                    var mapCreation = (BaseObjectCreationExpressionSyntax)Finding.Write!.Values.BuildUp!.Creation.Syntax;
                    var complex = mapCreation.Initializer?.Expressions.FirstOrDefault() is InitializerExpressionSyntax;
                    ExpressionSyntax addition = complex ? SyntaxBuilder.ComplexEntry(_deltaPlaceholder, deltaValue) : SyntaxBuilder.IndexerEntry(_deltaPlaceholder, deltaValue);
                    editor.ReplaceNode(mapCreation, (current, _) =>
                    {
                        var currentCreation = (BaseObjectCreationExpressionSyntax)current;
                        return currentCreation.WithInitializer(InitializerEditing.AddExpressions(currentCreation.Initializer!, new[] { addition }, session.EndOfLine));
                    });
                }
            }

            AddMissingUsings(editor, session);
        }

        /// <summary>
        /// The delta as the <c>N</c> of an AttributeValue: the sum of constant steps (<c>"1"</c>, <c>"-2"</c>), or one
        /// expression that does not depend on the read (<c>amount.ToString(CultureInfo.InvariantCulture)</c>).
        /// </summary>
        private bool PlanDelta()
        {
            var derivation = Finding.Value;
            var writeSyntax = Finding.WriteInvocation.Syntax;
            decimal constant = 0;
            (bool Subtract, IOperation Operation)? variable = null;
            foreach (var step in derivation.Steps)
            {
                if (!IsUnconditional(step.Operation.Syntax, writeSyntax, derivation.FallbackConditional?.Syntax))
                {
                    return false;
                }

                if (step.Delta is null)
                {
                    constant += step.Subtract ? -1 : 1;
                }
                else if (step.Delta.ConstantValue is { HasValue: true, Value: { } value } && TryGetDecimal(value, out var number))
                {
                    constant += step.Subtract ? -number : number;
                }
                else if (variable is null && ReadTracing.IsNumericType(step.Delta.Type) && IsAvailableAt(step.Delta, writeSyntax))
                {
                    variable = (step.Subtract, step.Delta);
                }
                else
                {
                    return false;
                }
            }

            // ADD counts a missing attribute from 0: the code must have done the same (or not handled it).
            switch (derivation.Fallback)
            {
                case FallbackKind.OnRead when !(TryGetConstant(derivation.FallbackValue, out var start) && start == 0):
                case FallbackKind.OnResult when variable is not null || !(TryGetConstant(derivation.FallbackValue, out var result) && result == constant):
                    return false;
            }

            if (variable is { } delta)
            {
                if (constant != 0)
                {
                    return false;
                }

                var text = Text(delta.Operation);
                var simple = delta.Operation.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or LiteralExpressionSyntax or ElementAccessExpressionSyntax;
                var operand = delta.Subtract ? "(-" + (simple ? text : "(" + text + ")") + ")" : simple ? text : "(" + text + ")";
                _deltaValue = "new " + TypeName(Model.AttributeValue!) + " { N = " + operand + ".ToString(" + TypeName("System.Globalization.CultureInfo") + ".InvariantCulture) }";
                foreach (var reference in delta.Operation.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
                {
                    _keptAlive.Add(reference.Local);
                }
            }
            else
            {
                if (constant == 0)
                {
                    return false;
                }

                _deltaValue = "new " + TypeName(Model.AttributeValue!) + " { N = " + SyntaxBuilder.Quote(FormatNumber(constant)) + " }";
            }

            return true;
        }

        private static bool TryGetConstant(IOperation? operation, out decimal value)
        {
            value = 0;
            return operation?.WalkDownConversions().ConstantValue is { HasValue: true, Value: { } constant } && TryGetDecimal(constant, out value);
        }

        private static bool TryGetDecimal(object value, out decimal number)
        {
            switch (value)
            {
                case int i: number = i; return true;
                case long l: number = l; return true;
                case short s: number = s; return true;
                case byte b: number = b; return true;
                case uint u: number = u; return true;
                case ulong ul: number = ul; return true;
                case decimal d: number = d; return true;
                case double dbl when dbl == System.Math.Floor(dbl) && System.Math.Abs(dbl) < 1e15: number = (decimal)dbl; return true;
                default: number = 0; return false;
            }
        }

        /// <summary>
        /// True when the step runs every time the write runs: no <c>if</c>, loop, <c>?:</c>, <c>&amp;&amp;</c> or lambda lies
        /// between them, except the <c>?:</c> that chooses between the value read and the fallback.
        /// </summary>
        internal static bool IsUnconditional(SyntaxNode step, SyntaxNode write, SyntaxNode? fallbackConditional)
        {
            var writeAncestors = new HashSet<SyntaxNode>(write.AncestorsAndSelf());
            for (var node = step.Parent; node is not null && !writeAncestors.Contains(node); node = node.Parent)
            {
                switch (node)
                {
                    case ConditionalExpressionSyntax when node == fallbackConditional:
                        break;
                    case IfStatementSyntax:
                    case ElseClauseSyntax:
                    case WhileStatementSyntax:
                    case DoStatementSyntax:
                    case ForStatementSyntax:
                    case CommonForEachStatementSyntax:
                    case SwitchStatementSyntax:
                    case SwitchExpressionSyntax:
                    case CatchClauseSyntax:
                    case ConditionalExpressionSyntax:
                    case ConditionalAccessExpressionSyntax:
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.CoalesceExpression }:
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                        return false;
                }
            }

            return true;
        }

        // ---- UpdateItem request, edited in place ----

        private bool PlanInPlace()
        {
            var write = Finding.Write!;
            var expressions = Finding.Expressions!;
            var stored = Finding.Stored;
            if (stored.Action is not { } action
                || stored.ValuePlaceholder is not { } placeholder
                || expressions.Update is not { Root: Model.Expressions.UpdateExpression root } update
                || write.UpdateExpression.Value?.Syntax is not ExpressionSyntax updateNode
                || updateNode.Parent is not AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax }
                || write.Values.BuildUp?.Creation.Syntax is not BaseObjectCreationExpressionSyntax { Initializer: not null })
            {
                return false;
            }

            var clause = root.Clauses.First(c => c.Actions.Contains(action));
            var text = update.Text;
            var removeStart = clause.Actions.Length == 1 ? clause.Span.Start : action.Span.Start;
            var removeEnd = clause.Actions.Length == 1 ? clause.Span.End : action.Span.End;
            if (clause.Actions.Length > 1)
            {
                var index = clause.Actions.IndexOf(action);
                if (index < clause.Actions.Length - 1)
                {
                    removeEnd = clause.Actions[index + 1].Span.Start;
                }
                else
                {
                    removeStart = clause.Actions[index - 1].Span.End;
                }
            }

            var used = GetUsedPlaceholders(write, expressions);
            var placeholderUses = update.ValuePlaceholders.Count(v => v.Name == placeholder) + (expressions.Condition?.ValuePlaceholders.Count(v => v.Name == placeholder) ?? 0);
            _replaceEntry = placeholderUses == 1;
            if (_replaceEntry)
            {
                used.Remove(placeholder);
            }

            _deltaPlaceholder = UniqueNames.Choose(":delta", used, reserve: false);
            var addAction = text.Substring(action.Path.Span.Start, action.Path.Span.Length) + " " + _deltaPlaceholder;

            var addClause = root.Clauses.FirstOrDefault(c => c.Kind == UpdateClauseKind.Add);
            string result;
            if (addClause is not null)
            {
                var insertAt = addClause.Span.End;
                result = text.Substring(0, insertAt) + ", " + addAction + text.Substring(insertAt);
                if (insertAt <= removeStart)
                {
                    removeStart += addAction.Length + 2;
                    removeEnd += addAction.Length + 2;
                }
            }
            else
            {
                result = text;
            }

            result = Collapse(result.Remove(removeStart, removeEnd - removeStart), removeStart);
            if (addClause is null)
            {
                result = result.Length == 0 ? "ADD " + addAction : "ADD " + addAction + " " + result;
            }

            _updateExpressionNode = updateNode;
            _newUpdateExpression = result;

            if (_replaceEntry)
            {
                _valueEntry = stored.Site.Syntax;
                if (!(_valueEntry is AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax, Parent: InitializerExpressionSyntax }
                    || _valueEntry is InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ComplexElementInitializerExpression }))
                {
                    return false;
                }

                _replaced.Add(_valueEntry.Span);
            }

            return true;
        }

        /// <summary>Removes the doubled space (or the leading / trailing one) a cut at <paramref name="position"/> leaves.</summary>
        private static string Collapse(string text, int position)
        {
            if (position > 0 && position < text.Length && text[position - 1] == ' ' && text[position] == ' ')
            {
                text = text.Remove(position, 1);
            }

            return text.Trim();
        }

        // ---- PutItem / AttributeUpdates: a new UpdateItem request ----

        private bool PlanClientRewrite()
        {
            var write = Finding.Write!;
            var invocation = Finding.WriteInvocation;
            if (write.Surface is not (WriteSurface.ClientRequest or WriteSurface.ClientConvenience)
                || write.Condition.State != PartState.Absent
                || write.Names.State != PartState.Absent
                || write.Values.State != PartState.Absent
                || write.Expected.State != PartState.Absent
                || invocation.Instance is null)
            {
                return false;
            }

            if (write.Request is { } request
                && (request.Creation.Arguments.Length > 0
                    || request.PropertyAssignments.Any(a => a.Target is IPropertyReferenceOperation p && p.Property.Name is not ("TableName" or "Item" or "Key" or "AttributeUpdates"))))
            {
                return false;
            }

            var table = write.Request?.GetValue("TableName") ?? DynamoDbModel.GetArgumentByParameterName(invocation, "tableName");
            var key = Finding.Shape == WriteShape.AttributeUpdates ? write.Key.Value : Finding.Read.Key;
            if (table is null || key is null || !IsAvailableAt(table, invocation.Syntax) || !IsAvailableAt(key, invocation.Syntax))
            {
                return false;
            }

            var inner = SyntaxBuilder.GetIndentation(invocation.Syntax) + "    ";
            var sets = new List<(string Attribute, string Value)>();
            var keyAttributes = Finding.Shape == WriteShape.PutMap ? MapPart.Read(Finding.Read.Key) : MapPart.Absent;
            foreach (var other in Finding.OtherAttributes)
            {
                if (keyAttributes.ContainsKey(other.Attribute))
                {
                    continue;
                }

                if (other.Value is null || !IsAvailableAt(other.Value, invocation.Syntax))
                {
                    return false;
                }

                sets.Add((other.Attribute, other.IsNumberText
                    ? "new " + TypeName(Model.AttributeValue!) + " { N = " + Text(other.Value, inner + "    ") + " }"
                    : Text(other.Value, inner + "    ")));
                KeepAlive(other.Value);
            }

            // Legacy AttributeUpdates: every entry must have been a PUT (the stored attributes).
            if (Finding.Shape == WriteShape.AttributeUpdates && write.AttributeUpdates.Entries.Count != Finding.OtherAttributes.Count + 1)
            {
                return false;
            }

            var remaining = new List<string>();
            foreach (var argument in invocation.Arguments.OrderBy(a => a.Syntax?.SpanStart ?? int.MaxValue))
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Syntax is not ArgumentSyntax syntax)
                {
                    continue;
                }

                if (argument.Parameter?.Type.Name == "CancellationToken")
                {
                    remaining.Add(syntax.Expression.WithoutTrivia().ToString());
                }
                else if (argument.Parameter?.Name is not ("tableName" or "item" or "key" or "attributeUpdates" or "request"))
                {
                    return false;
                }
            }

            KeepAlive(table);
            KeepAlive(key);
            var instance = ((InvocationExpressionSyntax)invocation.Syntax).Expression is MemberAccessExpressionSyntax member ? member.Expression.WithoutTrivia().ToString() : null;
            if (instance is null)
            {
                return false;
            }

            var method = invocation.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal) ? "UpdateItemAsync" : "UpdateItem";
            _newInvocation = BuildUpdateInvocation(instance + "." + method, Text(table, inner), Text(key, inner), Finding.Attribute, sets, remaining, invocation.Syntax);
            _replaced.Add(invocation.Syntax.Span);
            return true;
        }

        private void KeepAlive(IOperation operation)
        {
            foreach (var reference in operation.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
            {
                _keptAlive.Add(reference.Local);
            }
        }

        /// <summary>
        /// <c>target(new UpdateItemRequest { TableName, Key, UpdateExpression = "ADD #n :delta SET #a = :a", names, values }, remaining)</c>,
        /// laid out one member per line at the write's indentation.
        /// </summary>
        private string BuildUpdateInvocation(string target, string table, string key, string counter, List<(string Attribute, string Value)> sets, List<string> remaining, SyntaxNode at)
        {
            var indentation = SyntaxBuilder.GetIndentation(at);
            var eol = "\n";
            foreach (var trivia in at.SyntaxTree.GetRoot().DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    eol = trivia.ToString();
                    break;
                }
            }

            var usedNames = new HashSet<string>(System.StringComparer.Ordinal);
            var names = new List<(string Placeholder, string Attribute)>();
            var values = new List<(string Placeholder, string Value)>();
            var counterName = UniqueNames.Choose(SyntaxBuilder.NamePlaceholderStem(counter), usedNames, reserve: false);
            usedNames.Add(counterName);
            names.Add((counterName, counter));
            values.Add((_deltaPlaceholder, _deltaValue));
            var setActions = new List<string>();
            var usedValues = new HashSet<string>(System.StringComparer.Ordinal) { _deltaPlaceholder };
            foreach (var (attribute, value) in sets)
            {
                var name = UniqueNames.Choose(SyntaxBuilder.NamePlaceholderStem(attribute), usedNames, reserve: false);
                usedNames.Add(name);
                var placeholder = UniqueNames.Choose(":" + name.Substring(1), usedValues, reserve: false);
                usedValues.Add(placeholder);
                names.Add((name, attribute));
                values.Add((placeholder, value));
                setActions.Add(name + " = " + placeholder);
            }

            var update = "ADD " + counterName + " " + _deltaPlaceholder + (setActions.Count > 0 ? " SET " + string.Join(", ", setActions) : string.Empty);
            var stringType = SemanticModel.Compilation.GetSpecialType(SpecialType.System_String);
            var dictionary = SemanticModel.Compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!;
            var namesType = TypeName(dictionary.Construct(stringType, stringType));
            var valuesType = TypeName(dictionary.Construct(stringType, Model.AttributeValue!));

            var inner = indentation + "    ";
            var builder = new StringBuilder()
                .Append(target).Append("(new ").Append(TypeName(Model.UpdateItemRequest!)).Append(eol)
                .Append(indentation).Append('{').Append(eol);
            SyntaxBuilder.AppendUpdateRequestMembers(builder, inner, eol, table, key, update, namesType, valuesType, names, values);
            builder.Append(indentation).Append('}');
            foreach (var argument in remaining)
            {
                builder.Append(", ").Append(argument);
            }

            return builder.Append(')').ToString();
        }

        // ---- object persistence model: Save becomes a low-level UpdateItem ----

        private bool PlanContextRewrite()
        {
            var read = Finding.Read;
            var invocation = Finding.WriteInvocation;
            if (read.ItemType is not INamedTypeSymbol itemType
                || read.Config is not null
                || Finding.SaveConfig is { ArgumentKind: not ArgumentKind.DefaultValue }
                || FindClient(invocation) is not { } client
                || BuildKey(itemType, read, invocation.Syntax) is not { } key)
            {
                return false;
            }

            var sets = new List<(string Attribute, string Value)>();
            foreach (var other in Finding.OtherAttributes)
            {
                if (GetSimpleAssignment(other, invocation) is not { } value)
                {
                    return false;
                }

                sets.Add(value);
            }

            var remaining = new List<string>();
            foreach (var argument in invocation.Arguments.OrderBy(a => a.Syntax?.SpanStart ?? int.MaxValue))
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Type.Name == "CancellationToken" && argument.Syntax is ArgumentSyntax syntax)
                {
                    remaining.Add(syntax.Expression.WithoutTrivia().ToString());
                }
            }

            var method = invocation.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal) ? "UpdateItemAsync" : "UpdateItem";
            _newInvocation = BuildUpdateInvocation(client + "." + method, SyntaxBuilder.Quote(Model.GetTableName(itemType)), key, Finding.Attribute, sets, remaining, invocation.Syntax);
            _replaced.Add(invocation.Syntax.Span);
            return true;
        }

        /// <summary>An IAmazonDynamoDB the method can use: a parameter, or a field or property of the class (static ones from static code).</summary>
        private string? FindClient(IInvocationOperation invocation)
        {
            var method = SemanticModel.GetEnclosingSymbol(invocation.Syntax.SpanStart) as IMethodSymbol;
            for (var current = method; current is not null; current = current.ContainingSymbol as IMethodSymbol)
            {
                foreach (var parameter in current.Parameters)
                {
                    if (IsClient(parameter.Type))
                    {
                        return parameter.Name;
                    }
                }
            }

            var isStatic = method?.IsStatic ?? true;
            for (var type = method?.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    var memberType = member switch
                    {
                        IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                        IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
                        _ => null,
                    };
                    if (memberType is not null && IsClient(memberType) && (!isStatic || member.IsStatic)
                        && SemanticModel.IsAccessible(invocation.Syntax.SpanStart, member))
                    {
                        return member.Name;
                    }
                }
            }

            return null;
        }

        private bool IsClient(ITypeSymbol type)
            => SymbolEqualityComparer.Default.Equals(type, Model.AmazonDynamoDB) || type.AllInterfaces.Contains(Model.AmazonDynamoDB, SymbolEqualityComparer.Default);

        /// <summary><c>new Dictionary&lt;string, AttributeValue&gt; { ["Id"] = new AttributeValue { S = id } }</c> from the load's key arguments.</summary>
        private string? BuildKey(INamedTypeSymbol itemType, ItemRead read, SyntaxNode at)
        {
            var hash = Model.GetKeyProperty(itemType, range: false);
            var range = Model.GetKeyProperty(itemType, range: true);
            if (hash is null || read.KeyValues.Length != (range is null ? 1 : 2))
            {
                return null;
            }

            var entries = new List<string>();
            var properties = range is null ? new[] { hash } : new[] { hash, range };
            for (var i = 0; i < properties.Length; i++)
            {
                var value = read.KeyValues[i].WalkDownConversions();
                if (!IsAvailableAt(value, at) || ToAttributeValue(value, value.Type) is not { } attributeValue)
                {
                    return null;
                }

                KeepAlive(value);
                entries.Add("[" + SyntaxBuilder.Quote(Model.GetStoredName(properties[i], itemType)) + "] = " + attributeValue);
            }

            var stringType = SemanticModel.Compilation.GetSpecialType(SpecialType.System_String);
            var dictionary = SemanticModel.Compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!.Construct(stringType, Model.AttributeValue!);
            return "new " + TypeName(dictionary) + " { " + string.Join(", ", entries) + " }";
        }

        /// <summary>The AttributeValue the object persistence model stores for a string, number or bool.</summary>
        private string? ToAttributeValue(IOperation value, ITypeSymbol? type)
        {
            var attributeValue = TypeName(Model.AttributeValue!);
            var text = Text(value);
            if (type?.SpecialType == SpecialType.System_String)
            {
                return "new " + attributeValue + " { S = " + text + " }";
            }

            if (type?.SpecialType == SpecialType.System_Boolean)
            {
                return "new " + attributeValue + " { BOOL = " + text + " }";
            }

            if (ReadTracing.IsNumericType(type) && type is not INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
            {
                var operand = value.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or LiteralExpressionSyntax ? text : "(" + text + ")";
                return "new " + attributeValue + " { N = " + operand + ".ToString(" + TypeName("System.Globalization.CultureInfo") + ".InvariantCulture) }";
            }

            return null;
        }

        /// <summary>
        /// For another property the method changes before the save: its one simple assignment (<c>o.P = value</c>, value
        /// not read from the object), as a SET clause.
        /// </summary>
        private (string Attribute, string Value)? GetSimpleAssignment(StoredAttribute other, IInvocationOperation save)
        {
            if (other.Site is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                || Finding.Value.ObjectInstance is not ILocalReferenceOperation instance)
            {
                return null;
            }

            var count = 0;
            foreach (var operation in save.GetRoot().Descendants())
            {
                if (operation.Syntax.SpanStart < save.Syntax.SpanStart
                    && operation is IAssignmentOperation or IIncrementOrDecrementOperation
                    && (operation is IAssignmentOperation { Target: IPropertyReferenceOperation t } ? t : ((IIncrementOrDecrementOperation)operation).Target as IPropertyReferenceOperation) is { } changed
                    && SymbolEqualityComparer.Default.Equals(changed.Property, target.Property)
                    && changed.Instance?.WalkDownConversions() is ILocalReferenceOperation local
                    && SymbolEqualityComparer.Default.Equals(local.Local, instance.Local))
                {
                    count++;
                }
            }

            var value = assignment.Value.WalkDownConversions();
            if (count != 1
                || value.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, instance.Local))
                || !IsAvailableAt(value, save.Syntax)
                || ToAttributeValue(value, target.Property.Type) is not { } attributeValue)
            {
                return null;
            }

            KeepAlive(value);
            return (other.Attribute, attributeValue);
        }
    }
}
