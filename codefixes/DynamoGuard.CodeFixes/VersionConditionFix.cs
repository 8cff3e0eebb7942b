using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using DynamoGuard.Model.Expressions;
using DynamoGuard.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// Plans and applies the optimistic-locking fixes of DDB101 and DDB104 on one write: the condition to add
    /// (<c>#ver = :expectedVersion</c>, or <c>attribute_not_exists(#pk)</c> for a create-only put), the placeholders and
    /// values it needs (merged into the maps the write already has, without clashing with placeholders in use), and, for
    /// an update that does not advance the version, <c>#ver = #ver + :versionStep</c> in its SET clause.
    /// A plan is made only when every part can be edited in the method and the expected version is known: from the
    /// <c>X + 1</c> the write stores (X), or, for an update or delete, from a value in scope that was read from the item's
    /// version (or a parameter named for it).
    /// </summary>
    internal sealed class VersionConditionFix
    {
        private const string VersionPlaceholder = "#ver";
        private const string KeyPlaceholder = "#pk";
        private const string ExpectedPlaceholder = ":expectedVersion";
        private const string StepPlaceholder = ":versionStep";

        private readonly ItemWrite _write;
        private readonly WriteExpressions _expressions;
        private readonly SemanticModel _semanticModel;
        private readonly DynamoDbModel _model;
        private readonly HashSet<string> _usedPlaceholders = new HashSet<string>(System.StringComparer.Ordinal);
        private readonly List<(string Placeholder, string Attribute)> _newNames = new List<(string, string)>();
        private readonly List<(string Placeholder, ExpressionSyntax Value)> _newValues = new List<(string, ExpressionSyntax)>();
        private readonly TypeNames _typeNames;
        private string? _condition;
        private string? _setAddition;

        private VersionConditionFix(ItemWrite write, WriteExpressions expressions, SemanticModel semanticModel, DynamoDbModel model, TypeNames typeNames, string key, string title)
        {
            _typeNames = typeNames;
            _write = write;
            _expressions = expressions;
            _semanticModel = semanticModel;
            _model = model;
            EquivalenceKey = key;
            Title = title;
            foreach (var entry in write.Names.Entries)
            {
                _usedPlaceholders.Add(entry.Key);
            }

            foreach (var entry in write.Values.Entries)
            {
                _usedPlaceholders.Add(entry.Key);
            }

            foreach (var parsed in new[] { expressions.Condition, expressions.Update })
            {
                if (parsed is null)
                {
                    continue;
                }

                foreach (var name in parsed.NamePlaceholders)
                {
                    _usedPlaceholders.Add(name.Name);
                }

                foreach (var value in parsed.ValuePlaceholders)
                {
                    _usedPlaceholders.Add(value.Name);
                }
            }
        }

        public string EquivalenceKey { get; }

        public string Title { get; }

        /// <summary>Finds the write a DDB101 / DDB104 diagnostic is about and plans its fix; null when there is none to offer.</summary>
        public static VersionConditionFix? TryPlan(SyntaxNode root, SemanticModel semanticModel, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(OptimisticLockingAnalyzer.VersionAttributeProperty, out var version)
                || version is null
                || !diagnostic.Properties.TryGetValue(OptimisticLockingAnalyzer.FindingProperty, out var finding)
                || finding == OptimisticLockingAnalyzer.FindingDeleteByKey
                || DynamoDbModel.TryCreate(semanticModel.Compilation) is not { } model)
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var target = node.AncestorsAndSelf().FirstOrDefault(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax);
            var write = semanticModel.GetOperation(target!, cancellationToken) switch
            {
                IInvocationOperation invocation => ItemWrite.TryRead(invocation, model),
                IObjectCreationOperation creation => ItemWrite.TryRead(creation, model),
                _ => null,
            };

            // Legacy parameters (Expected, AttributeUpdates, ExpectedState) cannot be mixed with expressions.
            if (write is null
                || write.Expected.State != PartState.Absent
                || write.AttributeUpdates.State != PartState.Absent
                || write.HasExpectedState
                || write.Names.State == PartState.Unknown
                || write.Values.State == PartState.Unknown)
            {
                return null;
            }

            var expressions = WriteExpressions.Parse(write);
            diagnostic.Properties.TryGetValue(OptimisticLockingAnalyzer.HashKeyProperty, out var hashKey);
            var planner = new Planner(write, expressions, semanticModel, generator, model, version, hashKey, cancellationToken);
            return diagnostic.Id == DiagnosticIds.VersionNotAdvanced ? planner.PlanAdvance() : planner.PlanGuard();
        }

        /// <summary>Registers the edits on <paramref name="editor"/> (nested edits first, so later ones see them).</summary>
        public void Apply(DocumentEditor editor)
        {
            var endOfLine = InitializerEditing.GetEndOfLine(editor.OriginalRoot);
            var generator = editor.Generator;
            switch (_write.Surface)
            {
                case WriteSurface.ClientRequest:
                case WriteSurface.TransactItem:
                    ApplyToContainer(editor, _write.Request!, "ConditionExpression", GetAttributeValueType(), endOfLine);
                    break;
                case WriteSurface.ClientConvenience:
                    ApplyToConvenienceCall(editor, generator, endOfLine);
                    break;
                case WriteSurface.DocumentTable:
                    ApplyToDocumentCall(editor, generator, endOfLine);
                    break;
            }

            if (_typeNames.HasMissingNamespaces && editor.OriginalRoot is CompilationUnitSyntax root)
            {
                editor.ReplaceNode(root, (current, _) => _typeNames.AddMissingUsings((CompilationUnitSyntax)current, endOfLine));
            }
        }

        private void ApplyToContainer(DocumentEditor editor, ObjectBuildUp container, string conditionProperty, ITypeSymbol valueType, SyntaxTrivia endOfLine)
        {
            var members = new List<ExpressionSyntax>();
            if (_condition is not null)
            {
                if (_write.Condition.State == PartState.Absent)
                {
                    members.Add(SyntaxBuilder.Assignment(conditionProperty, SyntaxBuilder.StringLiteral(_condition)));
                }
                else
                {
                    var literal = (LiteralExpressionSyntax)_write.Condition.Value!.Syntax;
                    var existing = _expressions.Condition!;
                    var combined = existing.Root is LogicalExpression { Operator: LogicalOperator.Or }
                        ? "(" + existing.Text + ") AND " + _condition
                        : existing.Text + " AND " + _condition;
                    editor.ReplaceNode(literal, SyntaxBuilder.StringLiteral(combined).WithTriviaFrom(literal));
                }
            }

            if (_setAddition is not null)
            {
                var literal = (LiteralExpressionSyntax)_write.UpdateExpression.Value!.Syntax;
                editor.ReplaceNode(literal, SyntaxBuilder.StringLiteral(AddToSetClause(_expressions.Update!, _setAddition)).WithTriviaFrom(literal));
            }

            AddEntries(editor, _write.Names, "ExpressionAttributeNames", _newNames.Select(n => (n.Placeholder, (ExpressionSyntax)SyntaxBuilder.StringLiteral(n.Attribute))).ToList(), GetStringType(), members, endOfLine);
            AddEntries(editor, _write.Values, "ExpressionAttributeValues", _newValues, valueType, members, endOfLine);
            if (members.Count == 0)
            {
                return;
            }

            var creation = (BaseObjectCreationExpressionSyntax)container.Creation.Syntax;
            editor.ReplaceNode(creation, (current, _) =>
            {
                var currentCreation = (BaseObjectCreationExpressionSyntax)current;
                return currentCreation.Initializer is { } initializer
                    ? currentCreation.WithInitializer(InitializerEditing.AddExpressions(initializer, members, endOfLine))
                    : InitializerEditing.AddInitializer(currentCreation, members, endOfLine);
            });
        }

        /// <summary>Adds the new entries to the map the write already has, or a new map member to <paramref name="members"/>.</summary>
        private void AddEntries(
            DocumentEditor editor,
            MapPart map,
            string property,
            IReadOnlyList<(string Key, ExpressionSyntax Value)> entries,
            ITypeSymbol valueType,
            List<ExpressionSyntax> members,
            SyntaxTrivia endOfLine)
        {
            if (entries.Count == 0)
            {
                return;
            }

            if (map.State == PartState.Absent)
            {
                var dictionary = _semanticModel.Compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!
                    .Construct(_semanticModel.Compilation.GetSpecialType(SpecialType.System_String), valueType);
                var creation = SyntaxFactory.ObjectCreationExpression(_typeNames.For(dictionary))
                    .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithInitializer(InitializerEditing.CreateInlineInitializer(
                        SyntaxKind.ObjectInitializerExpression,
                        entries.Select(e => (ExpressionSyntax)SyntaxBuilder.IndexerEntry(e.Key, e.Value)).ToList()));
                members.Add(SyntaxBuilder.Assignment(property, creation));
                return;
            }

            var mapCreation = (BaseObjectCreationExpressionSyntax)map.BuildUp!.Creation.Syntax;
            var useComplexElements = mapCreation.Initializer?.Expressions.FirstOrDefault() is InitializerExpressionSyntax;
            var additions = entries
                .Select(e => useComplexElements ? (ExpressionSyntax)SyntaxBuilder.ComplexEntry(e.Key, e.Value) : SyntaxBuilder.IndexerEntry(e.Key, e.Value))
                .ToList();
            editor.ReplaceNode(mapCreation, (current, _) =>
            {
                var currentCreation = (BaseObjectCreationExpressionSyntax)current;
                if (currentCreation.Initializer is { } initializer)
                {
                    return currentCreation.WithInitializer(InitializerEditing.AddExpressions(initializer, additions, endOfLine));
                }

                var inline = InitializerEditing.CreateInlineInitializer(useComplexElements ? SyntaxKind.CollectionInitializerExpression : SyntaxKind.ObjectInitializerExpression, additions);
                var withoutArguments = currentCreation is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } objectCreation
                    ? objectCreation.WithArgumentList(null)
                    : currentCreation;
                var last = withoutArguments.GetLastToken();
                return withoutArguments
                    .ReplaceToken(last, last.WithTrailingTrivia())
                    .WithInitializer(inline.WithTrailingTrivia(currentCreation.GetTrailingTrivia()));
            });
        }

        /// <summary><c>client.PutItemAsync(table, item, ct)</c> becomes <c>client.PutItemAsync(new PutItemRequest { ... }, ct)</c>.</summary>
        private void ApplyToConvenienceCall(DocumentEditor editor, SyntaxGenerator generator, SyntaxTrivia endOfLine)
        {
            var invocation = (IInvocationOperation)_write.Operation;
            var requestType = _write.Kind == DynamoOperation.PutItem ? _model.PutItemRequest! : _model.DeleteItemRequest!;
            var members = new List<ExpressionSyntax>();
            var remaining = new List<ArgumentSyntax>();
            foreach (var argument in invocation.Arguments.OrderBy(a => a.Syntax?.SpanStart ?? int.MaxValue))
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Syntax is not ArgumentSyntax syntax)
                {
                    continue;
                }

                switch (argument.Parameter?.Name)
                {
                    case "tableName":
                        members.Add(SyntaxBuilder.Assignment("TableName", syntax.Expression.WithoutTrivia()));
                        break;
                    case "item":
                        members.Add(SyntaxBuilder.Assignment("Item", syntax.Expression.WithoutTrivia()));
                        break;
                    case "key":
                        members.Add(SyntaxBuilder.Assignment("Key", syntax.Expression.WithoutTrivia()));
                        break;
                    case "returnValues":
                        members.Add(SyntaxBuilder.Assignment("ReturnValues", syntax.Expression.WithoutTrivia()));
                        break;
                    default:
                        remaining.Add(syntax.NameColon is null ? syntax : syntax.WithNameColon(null));
                        break;
                }
            }

            members.Add(SyntaxBuilder.Assignment("ConditionExpression", SyntaxBuilder.StringLiteral(_condition!)));
            members.Add(SyntaxBuilder.Assignment("ExpressionAttributeNames", NewDictionary(generator, GetStringType(), _newNames.Select(n => (n.Placeholder, (ExpressionSyntax)SyntaxBuilder.StringLiteral(n.Attribute))).ToList())));
            if (_newValues.Count > 0)
            {
                members.Add(SyntaxBuilder.Assignment("ExpressionAttributeValues", NewDictionary(generator, GetAttributeValueType(), _newValues)));
            }

            var request = SyntaxFactory.ObjectCreationExpression(_typeNames.For(requestType))
                .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithType((_typeNames.For(requestType)).WithTrailingTrivia(endOfLine))
                .WithInitializer(InitializerEditing.CreateMultiLineInitializer(SyntaxKind.ObjectInitializerExpression, members, endOfLine));
            var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(request) };
            arguments.AddRange(remaining);
            var argumentList = ((InvocationExpressionSyntax)invocation.Syntax).ArgumentList;
            editor.ReplaceNode(argumentList, argumentList.WithArguments(SyntaxFactory.SeparatedList(
                arguments,
                Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), arguments.Count - 1))));
        }

        /// <summary>Document model: merges into the config's ConditionalExpression, or adds one (and the config) to the call.</summary>
        private void ApplyToDocumentCall(DocumentEditor editor, SyntaxGenerator generator, SyntaxTrivia endOfLine)
        {
            var entryType = _semanticModel.Compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.DocumentModel.DynamoDBEntry")!;
            if (_write.DocumentExpression is { } expression)
            {
                ApplyToContainer(editor, expression, "ExpressionStatement", entryType, endOfLine);
                return;
            }

            var expressionMembers = new List<ExpressionSyntax>
            {
                SyntaxBuilder.Assignment("ExpressionStatement", SyntaxBuilder.StringLiteral(_condition!)),
                SyntaxBuilder.Assignment("ExpressionAttributeNames", NewDictionary(generator, GetStringType(), _newNames.Select(n => (n.Placeholder, (ExpressionSyntax)SyntaxBuilder.StringLiteral(n.Attribute))).ToList())),
            };
            if (_newValues.Count > 0)
            {
                expressionMembers.Add(SyntaxBuilder.Assignment("ExpressionAttributeValues", NewDictionary(generator, entryType, _newValues)));
            }

            var newExpression = SyntaxFactory.ObjectCreationExpression((_typeNames.For(_model.DocumentExpression!)).WithTrailingTrivia(endOfLine))
                .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithInitializer(InitializerEditing.CreateMultiLineInitializer(SyntaxKind.ObjectInitializerExpression, expressionMembers, endOfLine));
            var conditionMember = SyntaxBuilder.Assignment("ConditionalExpression", newExpression);

            if (_write.Request is { } config)
            {
                var creation = (BaseObjectCreationExpressionSyntax)config.Creation.Syntax;
                editor.ReplaceNode(creation, (current, _) =>
                {
                    var currentCreation = (BaseObjectCreationExpressionSyntax)current;
                    return currentCreation.Initializer is { } initializer
                        ? currentCreation.WithInitializer(InitializerEditing.AddExpressions(initializer, new[] { conditionMember }, endOfLine))
                        : InitializerEditing.AddInitializer(currentCreation, new[] { conditionMember }, endOfLine);
                });
                return;
            }

            var configType = _write.Kind switch
            {
                DynamoOperation.PutItem => _model.PutItemOperationConfig!,
                DynamoOperation.UpdateItem => _model.UpdateItemOperationConfig!,
                _ => _model.DeleteItemOperationConfig!,
            };
            var newConfig = SyntaxFactory.ObjectCreationExpression((_typeNames.For(configType)).WithTrailingTrivia(endOfLine))
                .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithInitializer(InitializerEditing.CreateMultiLineInitializer(SyntaxKind.ObjectInitializerExpression, new[] { conditionMember }, endOfLine));

            // The config goes after the last argument that is not the cancellation token.
            var invocation = (IInvocationOperation)_write.Operation;
            var syntax = (InvocationExpressionSyntax)invocation.Syntax;
            var index = syntax.ArgumentList.Arguments.Count;
            for (var i = 0; i < syntax.ArgumentList.Arguments.Count; i++)
            {
                if (_semanticModel.GetTypeInfo(syntax.ArgumentList.Arguments[i].Expression).ConvertedType?.Name == "CancellationToken")
                {
                    index = i;
                    break;
                }
            }

            var newArgument = SyntaxFactory.Argument(newConfig);
            if (syntax.ArgumentList.Arguments.Any(a => a.NameColon is not null))
            {
                newArgument = newArgument.WithNameColon(SyntaxFactory.NameColon("config"));
            }

            editor.ReplaceNode(syntax.ArgumentList, syntax.ArgumentList.WithArguments(syntax.ArgumentList.Arguments.Insert(index, newArgument)));
        }

        private static string AddToSetClause(ExpressionParseResult update, string addition)
        {
            if (update.Root is Model.Expressions.UpdateExpression root)
            {
                foreach (var clause in root.Clauses)
                {
                    if (clause.Kind == UpdateClauseKind.Set)
                    {
                        return update.Text.Substring(0, clause.Span.End) + ", " + addition + update.Text.Substring(clause.Span.End);
                    }
                }
            }

            return "SET " + addition + " " + update.Text.TrimStart();
        }

        private ObjectCreationExpressionSyntax NewDictionary(SyntaxGenerator generator, ITypeSymbol valueType, IReadOnlyList<(string Key, ExpressionSyntax Value)> entries)
        {
            var dictionary = _semanticModel.Compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!
                .Construct(_semanticModel.Compilation.GetSpecialType(SpecialType.System_String), valueType);
            return SyntaxFactory.ObjectCreationExpression(_typeNames.For(dictionary))
                .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithInitializer(InitializerEditing.CreateInlineInitializer(
                    SyntaxKind.ObjectInitializerExpression,
                    entries.Select(e => (ExpressionSyntax)SyntaxBuilder.IndexerEntry(e.Key, e.Value)).ToList()));
        }

        private ITypeSymbol GetStringType() => _semanticModel.Compilation.GetSpecialType(SpecialType.System_String);

        private ITypeSymbol GetAttributeValueType() => _model.AttributeValue!;

        /// <summary>Works out what the fix adds, given the write and the version attribute.</summary>
        private sealed class Planner
        {
            private readonly ItemWrite _write;
            private readonly WriteExpressions _expressions;
            private readonly SemanticModel _semanticModel;
            private readonly SyntaxGenerator _generator;
            private readonly TypeNames _typeNames;
            private readonly DynamoDbModel _model;
            private readonly string _version;
            private readonly string? _hashKey;
            private readonly CancellationToken _cancellationToken;

            public Planner(ItemWrite write, WriteExpressions expressions, SemanticModel semanticModel, SyntaxGenerator generator, DynamoDbModel model, string version, string? hashKey, CancellationToken cancellationToken)
            {
                _write = write;
                _expressions = expressions;
                _semanticModel = semanticModel;
                _generator = generator;
                _typeNames = new TypeNames(semanticModel, write.Operation.Syntax.SpanStart);
                _model = model;
                _version = version;
                _hashKey = hashKey;
                _cancellationToken = cancellationToken;
            }

            private bool IsDocument => _write.Surface == WriteSurface.DocumentTable;

            /// <summary>DDB101: add the version condition (or make a first-version put create-only).</summary>
            public VersionConditionFix? PlanGuard()
            {
                if (!CanEditCondition() || (_write.Surface == WriteSurface.ClientConvenience && _write.Kind == DynamoOperation.UpdateItem))
                {
                    return null;
                }

                switch (_write.Kind)
                {
                    case DynamoOperation.PutItem:
                        if (!_write.Attributes.TryGetValue(_version, out var stored))
                        {
                            return null;
                        }

                        if (VersionValues.TryFindIncrement(stored, out var increment, out var previous))
                        {
                            var expected = ExpectedFromIncrement(stored, increment, previous);
                            return expected is null ? null : Condition(expected, advance: false);
                        }

                        return VersionValues.IsFirstVersion(stored) ? CreateOnly() : null;

                    case DynamoOperation.UpdateItem when IsDocument:
                        return _write.Attributes.TryGetValue(_version, out var documentValue)
                            && VersionValues.TryFindIncrement(documentValue, out var documentIncrement, out var documentPrevious)
                            && ExpectedFromIncrement(documentValue, documentIncrement, documentPrevious) is { } documentExpected
                                ? Condition(documentExpected, advance: false)
                                : null;

                    case DynamoOperation.UpdateItem:
                        return PlanUpdateGuard();

                    case DynamoOperation.DeleteItem:
                        return FindExpectedInScope() is { } deleteExpected ? Condition(deleteExpected, advance: false) : null;

                    default:
                        return null;
                }
            }

            /// <summary>DDB104: add <c>#ver = #ver + :versionStep</c> to an update that checks but does not advance the version.</summary>
            public VersionConditionFix? PlanAdvance()
            {
                if (_write.Kind != DynamoOperation.UpdateItem || IsDocument || _write.UpdateExpression.State != PartState.Known
                    || _write.UpdateExpression.Value?.Syntax is not LiteralExpressionSyntax
                    || _expressions.Update is null
                    || _expressions.UpdateMayWrite(_version))
                {
                    return null;
                }

                var fix = new VersionConditionFix(_write, _expressions, _semanticModel, _model, _typeNames, AddVersionConditionCodeFixProvider.AdvanceVersionKey, $"Advance '{_version}' in the update");
                var name = fix.NamePlaceholderFor(_version);
                var step = fix.NewValue(StepPlaceholder, NewAttributeValue(SyntaxBuilder.StringLiteral("1")));
                fix._setAddition = $"{name} = {name} + {step}";
                return fix;
            }

            private VersionConditionFix? PlanUpdateGuard()
            {
                if (_expressions.IsUpdateUnknown || _expressions.Update is null)
                {
                    return null;
                }

                var advances = false;
                foreach (var (attribute, action) in _expressions.UpdatedAttributes())
                {
                    if (attribute != _version)
                    {
                        continue;
                    }

                    if (action.IsPlainAssignment
                        && action.Value is ValuePlaceholder placeholder
                        && _write.Values.TryGetValue(placeholder.Name, out var newValue)
                        && VersionValues.TryFindIncrement(newValue, out var increment, out var previous))
                    {
                        var expected = ExpectedFromIncrement(newValue, increment, previous);
                        return expected is null ? null : Condition(expected, advance: false);
                    }

                    if (!action.IsRelativeUpdate(_expressions.Names, out var @operator, out _) || @operator != ArithmeticOperator.Add)
                    {
                        return null;
                    }

                    advances = true;
                }

                if (!advances && (_write.UpdateExpression.Value?.Syntax is not LiteralExpressionSyntax || _expressions.UpdateMayWrite(_version)))
                {
                    return null;
                }

                return FindExpectedInScope() is { } scoped ? Condition(scoped, advance: !advances) : null;
            }

            /// <summary>The condition can be added: absent, or a string literal to extend.</summary>
            private bool CanEditCondition()
            {
                if (_write.Condition.State == PartState.Absent)
                {
                    return true;
                }

                return _write.Condition.State == PartState.Known
                    && _expressions.Condition is not null
                    && _write.Condition.Value?.Syntax is LiteralExpressionSyntax;
            }

            private VersionConditionFix Condition(ExpressionSyntax expected, bool advance)
            {
                var fix = new VersionConditionFix(_write, _expressions, _semanticModel, _model, _typeNames, AddVersionConditionCodeFixProvider.AddConditionKey, $"Add a condition on '{_version}' (optimistic locking)");
                var name = fix.NamePlaceholderFor(_version);
                var expectedPlaceholder = fix.NewValue(ExpectedPlaceholder, expected);
                fix._condition = $"{name} = {expectedPlaceholder}";
                if (advance)
                {
                    var step = fix.NewValue(StepPlaceholder, IsDocument ? (ExpressionSyntax)SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)) : NewAttributeValue(SyntaxBuilder.StringLiteral("1")));
                    fix._setAddition = $"{name} = {name} + {step}";
                }

                return fix;
            }

            private VersionConditionFix CreateOnly()
            {
                var key = _hashKey ?? _version;
                var fix = new VersionConditionFix(_write, _expressions, _semanticModel, _model, _typeNames, AddVersionConditionCodeFixProvider.OnlyCreateKey, $"Only create: attribute_not_exists({key})");
                var name = fix.NamePlaceholderFor(key, key == _version ? VersionPlaceholder : KeyPlaceholder);
                fix._condition = $"attribute_not_exists({name})";
                return fix;
            }

            /// <summary>
            /// The expected version for a write that stores <c>X + 1</c>: the stored value with X in place of the addition
            /// (<c>new AttributeValue { N = (current + 1).ToString() }</c> gives <c>new AttributeValue { N = current.ToString() }</c>).
            /// </summary>
            private ExpressionSyntax? ExpectedFromIncrement(IOperation stored, IBinaryOperation increment, IOperation previous)
            {
                var value = ValueResolver.Resolve(stored);
                if (value.Syntax is not ExpressionSyntax syntax)
                {
                    return null;
                }

                var rewritten = ReplaceIncrement(syntax, (BinaryExpressionSyntax)increment.Syntax, (ExpressionSyntax)previous.Syntax, 0);
                return rewritten?.WithoutTrivia();
            }

            private ExpressionSyntax? ReplaceIncrement(ExpressionSyntax expression, BinaryExpressionSyntax increment, ExpressionSyntax previous, int depth)
            {
                if (depth > 4)
                {
                    return null;
                }

                if (expression.SyntaxTree == increment.SyntaxTree && expression.Span.Contains(increment.Span))
                {
                    SyntaxNode target = increment;
                    if (target.Parent is ParenthesizedExpressionSyntax parenthesized)
                    {
                        target = parenthesized;
                    }

                    return target == expression ? Parenthesize(previous) : expression.ReplaceNode(target, Parenthesize(previous));
                }

                // The addition is in the initializer of a local the value uses (var next = current + 1; ... next ...).
                foreach (var identifier in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    if (_semanticModel.GetSymbolInfo(identifier, _cancellationToken).Symbol is ILocalSymbol local
                        && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                        && ReplaceIncrement(initializer, increment, previous, depth + 1) is { } replaced)
                    {
                        return identifier == expression ? replaced : expression.ReplaceNode(identifier, Parenthesize(replaced));
                    }
                }

                return null;
            }

            /// <summary>
            /// The expected version from a value in scope at the write, in this order: the version a check-then-act
            /// compared (<c>item["version"]</c>), a local initialized from the item's version, a parameter or local named
            /// for the expected version (<c>expectedVersion</c>, <c>currentVersion</c>, <c>version</c>). Each must be unique.
            /// </summary>
            private ExpressionSyntax? FindExpectedInScope()
            {
                var position = _write.Operation.Syntax.SpanStart;
                var root = _write.Operation.GetRoot();

                // 1. The version read a check-then-act compared: item["version"] with item a local or parameter.
                var reads = new List<IPropertyReferenceOperation>();
                foreach (var operation in root.Descendants())
                {
                    if (operation.Syntax.SpanStart < position
                        && operation is IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } read
                        && ValueResolver.TryGetString(read.Arguments[0].Value, out var key) && key == _version
                        && instance.WalkDownConversions() is ILocalReferenceOperation or IParameterReferenceOperation
                        && IsInComparison(read)
                        && IsExpectedType(read.Type, allowAttributeValue: !IsDocument))
                    {
                        reads.Add(read);
                    }
                }

                if (reads.Select(r => r.Syntax.ToString()).Distinct().Count() == 1)
                {
                    return ToExpectedValue((ExpressionSyntax)reads[0].Syntax, reads[0].Type!);
                }

                // 2. A local initialized from the item's version; 3. a parameter or local named for the expected version.
                var fromItem = new List<ISymbol>();
                var named = new List<ISymbol>();
                foreach (var symbol in _semanticModel.LookupSymbols(position))
                {
                    ITypeSymbol type;
                    switch (symbol)
                    {
                        case ILocalSymbol local when local.DeclaringSyntaxReferences.FirstOrDefault()?.Span.Start < position:
                            type = local.Type;
                            if (local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                                && ReadsVersion(initializer))
                            {
                                fromItem.Add(local);
                                continue;
                            }

                            break;
                        case IParameterSymbol parameter:
                            type = parameter.Type;
                            break;
                        default:
                            continue;
                    }

                    if (IsExpectedName(symbol.Name) && IsExpectedType(type, allowAttributeValue: false))
                    {
                        named.Add(symbol);
                    }
                }

                var chosen = fromItem.Count == 1 ? fromItem[0] : fromItem.Count == 0 && named.Count == 1 ? named[0] : null;
                if (chosen is null)
                {
                    return null;
                }

                var chosenType = chosen is ILocalSymbol l ? l.Type : ((IParameterSymbol)chosen).Type;
                return IsExpectedType(chosenType, allowAttributeValue: !IsDocument)
                    ? ToExpectedValue(SyntaxFactory.IdentifierName(chosen.Name), chosenType)
                    : null;
            }

            private bool ReadsVersion(ExpressionSyntax initializer)
            {
                foreach (var access in initializer.DescendantNodesAndSelf().OfType<ElementAccessExpressionSyntax>())
                {
                    if (access.ArgumentList.Arguments.Count == 1
                        && _semanticModel.GetConstantValue(access.ArgumentList.Arguments[0].Expression, _cancellationToken) is { HasValue: true, Value: string key }
                        && key == _version)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsInComparison(IOperation operation)
            {
                for (var current = operation.Parent; current is not null; current = current.Parent)
                {
                    switch (current)
                    {
                        case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThanOrEqual }:
                        case IInvocationOperation { TargetMethod.Name: "Equals" or "CompareTo" }:
                            return true;
                        case IBlockOperation:
                        case IExpressionStatementOperation:
                        case IVariableDeclarationGroupOperation:
                            return false;
                    }
                }

                return false;
            }

            private static bool IsExpectedName(string name)
            {
                var lower = name.ToLowerInvariant();
                if (lower is "version" or "expected" or "expectedversion")
                {
                    return true;
                }

                return lower.EndsWith("version", System.StringComparison.Ordinal)
                    && (lower.StartsWith("expected", System.StringComparison.Ordinal)
                        || lower.StartsWith("current", System.StringComparison.Ordinal)
                        || lower.StartsWith("previous", System.StringComparison.Ordinal)
                        || lower.StartsWith("old", System.StringComparison.Ordinal)
                        || lower.StartsWith("original", System.StringComparison.Ordinal)
                        || lower.StartsWith("loaded", System.StringComparison.Ordinal)
                        || lower.StartsWith("read", System.StringComparison.Ordinal));
            }

            /// <summary>Integral numbers and strings, the AttributeValue / DynamoDBEntry a version was read into.</summary>
            private bool IsExpectedType(ITypeSymbol? type, bool allowAttributeValue)
            {
                if (type is null)
                {
                    return false;
                }

                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
                {
                    return false;
                }

                if (type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_String)
                {
                    return true;
                }

                if (IsDocument)
                {
                    return type.Name is "DynamoDBEntry" or "Primitive";
                }

                return allowAttributeValue && SymbolEqualityComparer.Default.Equals(type, _model.AttributeValue);
            }

            /// <summary>Turns a value into what the write's ExpressionAttributeValues holds.</summary>
            private ExpressionSyntax ToExpectedValue(ExpressionSyntax value, ITypeSymbol type)
            {
                value = value.WithoutTrivia();
                if (IsDocument || SymbolEqualityComparer.Default.Equals(type, _model.AttributeValue))
                {
                    return value;
                }

                if (type.SpecialType == SpecialType.System_String)
                {
                    return NewAttributeValue(value);
                }

                var culture = _semanticModel.Compilation.GetTypeByMetadataName("System.Globalization.CultureInfo")!;
                var invariant = SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    _typeNames.For(culture),
                    SyntaxFactory.IdentifierName("InvariantCulture"));
                var toString = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(value), SyntaxFactory.IdentifierName("ToString")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(invariant))));
                return NewAttributeValue(toString);
            }

            private ObjectCreationExpressionSyntax NewAttributeValue(ExpressionSyntax number)
            {
                var type = _typeNames.For(_model.AttributeValue!);
                return SyntaxFactory.ObjectCreationExpression(type)
                    .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithInitializer(InitializerEditing.CreateInlineInitializer(SyntaxKind.ObjectInitializerExpression, new ExpressionSyntax[] { SyntaxBuilder.Assignment("N", number) }));
            }
        }

        /// <summary>The name placeholder for <paramref name="attribute"/>: the one the write already maps to it, else a new one.</summary>
        private string NamePlaceholderFor(string attribute, string preferred = VersionPlaceholder)
        {
            foreach (var entry in _write.Names.Entries)
            {
                if (ValueResolver.TryGetString(entry.Value, out var name) && name == attribute)
                {
                    return entry.Key;
                }
            }

            foreach (var (placeholder, name) in _newNames)
            {
                if (name == attribute)
                {
                    return placeholder;
                }
            }

            var fresh = Fresh(preferred);
            _newNames.Add((fresh, attribute));
            return fresh;
        }

        private string NewValue(string preferred, ExpressionSyntax value)
        {
            var fresh = Fresh(preferred);
            _newValues.Add((fresh, value));
            return fresh;
        }

        private string Fresh(string preferred) => UniqueNames.Choose(preferred, _usedPlaceholders, reserve: true);

        private static ExpressionSyntax Parenthesize(ExpressionSyntax expression)
        {
            expression = expression.WithoutTrivia();
            return expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
                or LiteralExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax or InterpolatedStringExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression).WithAdditionalAnnotations(Simplifier.Annotation);
        }
    }
}
