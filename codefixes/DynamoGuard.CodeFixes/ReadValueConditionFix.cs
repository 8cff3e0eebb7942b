using System.Collections.Generic;
using System.Linq;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using DynamoGuard.Model.Expressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB201 fix "Guard with a condition on the read value (idempotent)": keeps the read-modify-write and makes the
    /// write conditional on the value that was read, so a concurrent change (or a replay of this write) fails with
    /// ConditionalCheckFailedException instead of being overwritten:
    /// <list type="bullet">
    /// <item>low-level request: <c>ConditionExpression = "#n = :expected"</c> with <c>:expected</c> the AttributeValue read
    /// (<c>item["n"]</c>); when the method handles a missing attribute,
    /// <c>attribute_not_exists(#n) OR #n = :expected</c> with a NULL value standing for "nothing was read";</item>
    /// <item>document model: an operation config with <c>ConditionalExpression = new Expression { ... }</c> on the entry
    /// read, captured in a local before the method changes it;</item>
    /// <item>object persistence model: a <c>SaveConfig { ConditionalExpression = condition }</c> whose
    /// <c>ContextExpression</c> filter compares the property with its value as loaded (captured before the change).</item>
    /// </list>
    /// Placeholders merge into the maps the write already has and never clash with those in use.
    /// </summary>
    internal sealed class ReadValueConditionFix : AtomicUpdateFix
    {
        private string _condition = string.Empty;
        private string _namePlaceholder = string.Empty;
        private bool _addName;
        private string _valuePlaceholder = string.Empty;
        private string _expectedValue = string.Empty;
        private StatementSyntax? _captureBefore;
        private string? _captureText;
        private string? _captureName;
        private ExpressionStatementSyntax? _saveStatement;
        private string? _conditionName;
        private string? _lambdaParameter;

        private ReadValueConditionFix(NumericReadModifyWrite finding, SemanticModel semanticModel, DynamoDbModel model)
            : base(finding, semanticModel, model)
        {
        }

        public static ReadValueConditionFix? TryPlan(NumericReadModifyWrite finding, SemanticModel semanticModel, DynamoDbModel model, FixSession? session)
        {
            var fix = new ReadValueConditionFix(finding, semanticModel, model);
            var reserved = session?.ReservedNames ?? new HashSet<string>(System.StringComparer.Ordinal);
            return finding.Shape switch
            {
                WriteShape.UpdateExpression or WriteShape.PutMap or WriteShape.PutReadMap => fix.PlanRequest(reserved) ? fix : null,
                WriteShape.ReadDocument => fix.PlanDocument(reserved) ? fix : null,
                WriteShape.ContextSave => fix.PlanContext(reserved) ? fix : null,
                _ => null,
            };
        }

        public override void Apply(DocumentEditor editor, FixSession session)
        {
            if (_captureBefore is not null)
            {
                var indentation = SyntaxBuilder.GetIndentation(_captureBefore);
                editor.InsertBefore(_captureBefore, SyntaxBuilder.ParseStatement("var " + _captureName + " = " + _captureText + ";", indentation, session.EndOfLine));
            }

            switch (Finding.Shape)
            {
                case WriteShape.ReadDocument:
                    ApplyToDocumentCall(editor, session);
                    break;
                case WriteShape.ContextSave:
                    ApplyToSave(editor, session);
                    break;
                default:
                    if (Finding.Write!.Surface == WriteSurface.ClientConvenience)
                    {
                        ApplyToConveniencePut(editor, session);
                    }
                    else
                    {
                        ApplyToRequest(editor, session);
                    }

                    break;
            }

            AddMissingUsings(editor, session);
        }

        // ---- low-level request ----

        private bool PlanRequest(HashSet<string> reserved)
        {
            var write = Finding.Write!;
            var expressions = Finding.Expressions!;
            var convenience = write.Surface == WriteSurface.ClientConvenience && write.Kind == DynamoOperation.PutItem;
            if (!(convenience || (write.Surface == WriteSurface.ClientRequest && write.Request is not null))
                || write.Expected.State != PartState.Absent
                || write.AttributeUpdates.State != PartState.Absent
                || write.Names.State == PartState.Unknown
                || write.Values.State == PartState.Unknown
                || write.Condition.State == PartState.Unknown
                || (write.Condition.State == PartState.Known && expressions.Condition is null))
            {
                return false;
            }

            var used = GetUsedPlaceholders(write, expressions);
            if (Finding.Stored.Action?.Path is { Elements: { Length: 1 } elements } path && elements[0].Kind == PathElementKind.NamePlaceholder)
            {
                _namePlaceholder = elements[0].Text;
            }
            else if (FindNamePlaceholder(write, Finding.Attribute) is { } existing)
            {
                _namePlaceholder = existing;
            }
            else
            {
                _namePlaceholder = UniqueNames.Choose(SyntaxBuilder.NamePlaceholderStem(Finding.Attribute), used, reserve: false);
                _addName = true;
            }

            _valuePlaceholder = UniqueNames.Choose(":expected", used, reserve: false);
            var attributeValue = TypeName(Model.AttributeValue!);
            var derivation = Finding.Value;
            var writeSyntax = Finding.WriteInvocation.Syntax;
            var changed = FindEntryChange();

            if (derivation.Fallback == FallbackKind.None)
            {
                if (changed is null && derivation.Access is IPropertyReferenceOperation indexer && IsAvailableAt(indexer, writeSyntax))
                {
                    _expectedValue = Text(indexer);
                }
                else if (changed is not null && derivation.Access is IPropertyReferenceOperation changedIndexer
                    && GetStatementInScopeOf(changed.Syntax, writeSyntax) is { } statement
                    && statement.SpanStart > derivation.Source.Read.Invocation.Syntax.Span.End
                    && IsAvailableAt(changedIndexer, statement))
                {
                    // The method replaces the entry before the write: keep the AttributeValue read (or, when the write
                    // changes its number text in place, the text) in a local first.
                    _captureBefore = statement;
                    _captureName = UniqueNames.LocalName(SemanticModel, statement.SpanStart, ExpectedStem(Finding.Attribute), reserved);
                    if (Finding.Stored.IsNumberText)
                    {
                        _captureText = Text(changedIndexer) + ".N";
                        _expectedValue = "new " + attributeValue + " { N = " + _captureName + " }";
                    }
                    else
                    {
                        _captureText = Text(changedIndexer);
                        _expectedValue = _captureName;
                    }
                }
                else
                {
                    return false;
                }

                _condition = _namePlaceholder + " = " + _valuePlaceholder;
            }
            else
            {
                if (changed is not null || !TryGetFallbackExpected(attributeValue, writeSyntax, out _expectedValue))
                {
                    return false;
                }

                _condition = "attribute_not_exists(" + _namePlaceholder + ") OR " + _namePlaceholder + " = " + _valuePlaceholder;
            }

            return true;
        }

        /// <summary>
        /// The value read when the method handles a missing attribute: <c>test ? item["n"] : new AttributeValue { NULL = true }</c>
        /// for <c>test ? int.Parse(item["n"].N) + 1 : 1</c>, or <c>v ?? new AttributeValue { NULL = true }</c> for the
        /// <c>out var v</c> of <c>TryGetValue</c>. A NULL value never equals a number, so the condition then requires the
        /// attribute to be still missing.
        /// </summary>
        private bool TryGetFallbackExpected(string attributeValue, SyntaxNode writeSyntax, out string expected)
        {
            expected = string.Empty;
            var derivation = Finding.Value;
            var none = "new " + attributeValue + " { NULL = true }";
            if (derivation.Access is IInvocationOperation { TargetMethod.Name: "TryGetValue" } tryGet
                && tryGet.Arguments.Length == 2
                && tryGet.Arguments[1].Value is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation outLocal }
                && outLocal.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } declaration
                && declaration.FirstAncestorOrSelf<BlockSyntax>() is { } scope
                && scope.Span.Contains(writeSyntax.Span))
            {
                expected = outLocal.Local.Name + " ?? " + none;
                return true;
            }

            if (derivation.FallbackConditional is not { } conditional
                || derivation.Access is not IPropertyReferenceOperation indexer
                || !IsAvailableAt(conditional.Condition, writeSyntax)
                || !IsAvailableAt(indexer, writeSyntax)
                || conditional.Condition.DescendantsAndSelf().Any(o => o is IInvocationOperation { TargetMethod.Name: not "ContainsKey" } or IAssignmentOperation or IIncrementOrDecrementOperation))
            {
                return false;
            }

            var test = Text(conditional.Condition);
            expected = derivation.ReadWhenTrue
                ? test + " ? " + Text(indexer) + " : " + none
                : test + " ? " + none + " : " + Text(indexer);
            return true;
        }

        /// <summary>The first change the method makes to the read map's entry for the attribute before the write, or null.</summary>
        private IOperation? FindEntryChange()
        {
            var source = Finding.Value.Source;
            var read = source.Read.Invocation;
            var write = Finding.WriteInvocation;
            foreach (var operation in write.GetRoot().Descendants())
            {
                if (operation.Syntax.SpanStart < read.Syntax.Span.End || operation.Syntax.SpanStart >= write.Syntax.SpanStart)
                {
                    continue;
                }

                var target = operation switch
                {
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } element } => element,
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IPropertyReferenceOperation { Property.IsIndexer: true } element } } => element,
                    _ => null,
                };
                if (target is { Arguments.Length: 1, Instance: { } instance }
                    && ValueResolver.TryGetString(target.Arguments[0].Value, out var key)
                    && key == Finding.Attribute
                    && ReadTracing.TryGetSource(instance, Model, out var changed)
                    && changed.IsSameRead(source))
                {
                    return operation;
                }
            }

            return null;
        }

        private static string? FindNamePlaceholder(ItemWrite write, string attribute)
        {
            foreach (var entry in write.Names.Entries)
            {
                if (ValueResolver.TryGetString(entry.Value, out var name) && name == attribute)
                {
                    return entry.Key;
                }
            }

            return null;
        }

        private void ApplyToRequest(DocumentEditor editor, FixSession session)
        {
            var write = Finding.Write!;
            var members = new List<ExpressionSyntax>();
            if (write.Condition.State == PartState.Absent)
            {
                members.Add(SyntaxBuilder.Assignment("ConditionExpression", SyntaxBuilder.StringLiteral(_condition)));
            }
            else
            {
                var existing = write.Condition.Value!.Syntax;
                editor.ReplaceNode(existing, SyntaxBuilder.StringLiteral(CombineConditions(Finding.Expressions!.Condition!, _condition)).WithTriviaFrom(existing));
            }

            var stringType = SemanticModel.Compilation.GetSpecialType(SpecialType.System_String);
            if (_addName)
            {
                AddEntry(editor, write.Names, "ExpressionAttributeNames", _namePlaceholder, SyntaxBuilder.StringLiteral(Finding.Attribute), stringType, members, session);
            }

            AddEntry(editor, write.Values, "ExpressionAttributeValues", _valuePlaceholder, SyntaxBuilder.ParseExpression(_expectedValue), Model.AttributeValue!, members, session);

            var creation = (BaseObjectCreationExpressionSyntax)write.Request!.Creation.Syntax;
            editor.ReplaceNode(creation, (current, _) =>
            {
                var currentCreation = (BaseObjectCreationExpressionSyntax)current;
                return currentCreation.Initializer is { } initializer
                    ? currentCreation.WithInitializer(InitializerEditing.AddExpressions(initializer, members, session.EndOfLine))
                    : InitializerEditing.AddInitializer(currentCreation, members, session.EndOfLine);
            });
        }

        /// <summary>
        /// <c>client.PutItemAsync(table, item[, returnValues], ct)</c> cannot carry a condition: it becomes
        /// <c>client.PutItemAsync(new PutItemRequest { TableName, Item, [ReturnValues,] ConditionExpression, names, values }, ct)</c>.
        /// </summary>
        private void ApplyToConveniencePut(DocumentEditor editor, FixSession session)
        {
            var invocation = Finding.WriteInvocation;
            var indentation = SyntaxBuilder.GetIndentation(invocation.Syntax);
            var inner = indentation + "    ";
            var eol = session.EndOfLine.ToString();
            var stringType = SemanticModel.Compilation.GetSpecialType(SpecialType.System_String);
            var dictionary = SemanticModel.Compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!;
            var members = new List<string>();
            var remaining = new List<string>();
            foreach (var argument in invocation.Arguments.OrderBy(a => a.Syntax?.SpanStart ?? int.MaxValue))
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Syntax is not ArgumentSyntax syntax)
                {
                    continue;
                }

                var value = SyntaxBuilder.MoveText(syntax.Expression, inner);
                switch (argument.Parameter?.Name)
                {
                    case "tableName":
                        members.Add("TableName = " + value);
                        break;
                    case "item":
                        members.Add("Item = " + value);
                        break;
                    case "returnValues":
                        members.Add("ReturnValues = " + value);
                        break;
                    default:
                        remaining.Add(value);
                        break;
                }
            }

            members.Add("ConditionExpression = " + SyntaxBuilder.Quote(_condition));
            members.Add("ExpressionAttributeNames = new " + TypeName(dictionary.Construct(stringType, stringType))
                + " { [" + SyntaxBuilder.Quote(_namePlaceholder) + "] = " + SyntaxBuilder.Quote(Finding.Attribute) + " }");
            members.Add("ExpressionAttributeValues = new " + TypeName(dictionary.Construct(stringType, Model.AttributeValue!))
                + " { [" + SyntaxBuilder.Quote(_valuePlaceholder) + "] = " + _expectedValue + " }");

            var text = new System.Text.StringBuilder("(new ").Append(TypeName(Model.PutItemRequest!)).Append(eol)
                .Append(indentation).Append('{').Append(eol);
            foreach (var member in members)
            {
                text.Append(inner).Append(member).Append(',').Append(eol);
            }

            text.Append(indentation).Append('}');
            foreach (var argument in remaining)
            {
                text.Append(", ").Append(argument);
            }

            text.Append(')');
            var argumentList = ((InvocationExpressionSyntax)invocation.Syntax).ArgumentList;
            editor.ReplaceNode(argumentList, SyntaxFactory.ParseArgumentList(text.ToString()).WithTriviaFrom(argumentList));
        }

        /// <summary>Adds <c>[key] = value</c> to the map the write already has, or a new map to <paramref name="members"/>.</summary>
        private void AddEntry(DocumentEditor editor, MapPart map, string property, string key, ExpressionSyntax value, ITypeSymbol valueType, List<ExpressionSyntax> members, FixSession session)
        {
            if (map.State == PartState.Absent)
            {
                var dictionary = SemanticModel.Compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!
                    .Construct(SemanticModel.Compilation.GetSpecialType(SpecialType.System_String), valueType);
                var creation = SyntaxFactory.ObjectCreationExpression(TypeNames.For(dictionary))
                    .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithInitializer(InitializerEditing.CreateInlineInitializer(SyntaxKind.ObjectInitializerExpression, new ExpressionSyntax[] { SyntaxBuilder.IndexerEntry(key, value) }));
                members.Add(SyntaxBuilder.Assignment(property, creation));
                return;
            }

            var mapCreation = (BaseObjectCreationExpressionSyntax)map.BuildUp!.Creation.Syntax;
            var complex = mapCreation.Initializer?.Expressions.FirstOrDefault() is InitializerExpressionSyntax;
            ExpressionSyntax addition = complex ? SyntaxBuilder.ComplexEntry(key, value) : SyntaxBuilder.IndexerEntry(key, value);
            editor.ReplaceNode(mapCreation, (current, _) =>
            {
                var currentCreation = (BaseObjectCreationExpressionSyntax)current;
                if (currentCreation.Initializer is { } initializer)
                {
                    return currentCreation.WithInitializer(InitializerEditing.AddExpressions(initializer, new[] { addition }, session.EndOfLine));
                }

                var inline = InitializerEditing.CreateInlineInitializer(SyntaxKind.ObjectInitializerExpression, new[] { addition });
                var withoutArguments = currentCreation is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } objectCreation
                    ? objectCreation.WithArgumentList(null)
                    : currentCreation;
                var last = withoutArguments.GetLastToken();
                return withoutArguments
                    .ReplaceToken(last, last.WithTrailingTrivia(SyntaxFactory.Space))
                    .WithInitializer(inline.WithTrailingTrivia(currentCreation.GetTrailingTrivia()));
            });
        }

        // ---- document model ----

        private bool PlanDocument(HashSet<string> reserved)
        {
            var write = Finding.Write!;
            var writeSyntax = Finding.WriteInvocation.Syntax;
            if (Finding.Value.Fallback != FallbackKind.None
                || write.Request is not null
                || write.ConfigArgument is { ArgumentKind: not ArgumentKind.DefaultValue } config && !config.Value.IsConstantNull()
                || Finding.Value.Access is not IPropertyReferenceOperation indexer
                || ((InvocationExpressionSyntax)writeSyntax).ArgumentList.Arguments.Any(a => a.NameColon is not null)
                || GetStatementInScopeOf(Finding.Stored.Site.Syntax, writeSyntax) is not { } statement
                || statement.SpanStart < Finding.Value.Source.Read.Invocation.Syntax.Span.End
                || !IsAvailableAt(indexer, statement))
            {
                return false;
            }

            _captureBefore = statement;
            _captureName = UniqueNames.LocalName(SemanticModel, statement.SpanStart, ExpectedStem(Finding.Attribute), reserved);
            _captureText = Text(indexer);
            _namePlaceholder = SyntaxBuilder.NamePlaceholderStem(Finding.Attribute);
            _valuePlaceholder = ":expected";
            _condition = _namePlaceholder + " = " + _valuePlaceholder;
            return true;
        }

        private void ApplyToDocumentCall(DocumentEditor editor, FixSession session)
        {
            var write = Finding.Write!;
            var invocation = (InvocationExpressionSyntax)Finding.WriteInvocation.Syntax;
            var configType = write.Kind == DynamoOperation.PutItem ? Model.PutItemOperationConfig! : Model.UpdateItemOperationConfig!;
            var indentation = SyntaxBuilder.GetIndentation(invocation);
            var eol = session.EndOfLine.ToString();
            var stringType = SemanticModel.Compilation.GetSpecialType(SpecialType.System_String);
            var dictionary = SemanticModel.Compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!;
            var text = new System.Text.StringBuilder()
                .Append("new ").Append(TypeName(configType)).Append(eol)
                .Append(indentation).Append('{').Append(eol)
                .Append(indentation).Append("    ConditionalExpression = new ").Append(TypeName(Model.DocumentExpression!)).Append(eol)
                .Append(indentation).Append("    {").Append(eol)
                .Append(indentation).Append("        ExpressionStatement = ").Append(SyntaxBuilder.Quote(_condition)).Append(',').Append(eol)
                .Append(indentation).Append("        ExpressionAttributeNames = new ").Append(TypeName(dictionary.Construct(stringType, stringType))).Append(" { [")
                .Append(SyntaxBuilder.Quote(_namePlaceholder)).Append("] = ").Append(SyntaxBuilder.Quote(Finding.Attribute)).Append(" },").Append(eol)
                .Append(indentation).Append("        ExpressionAttributeValues = new ").Append(TypeName(dictionary.Construct(stringType, Model.DynamoDBEntry!))).Append(" { [")
                .Append(SyntaxBuilder.Quote(_valuePlaceholder)).Append("] = ").Append(_captureName).Append(" },").Append(eol)
                .Append(indentation).Append("    },").Append(eol)
                .Append(indentation).Append('}');
            InsertArgumentAfter(editor, invocation, GetDocumentArgumentIndex(invocation), text.ToString());
        }

        private int GetDocumentArgumentIndex(InvocationExpressionSyntax invocation)
        {
            var arguments = invocation.ArgumentList.Arguments;
            for (var i = 0; i < arguments.Count; i++)
            {
                if (SemanticModel.GetTypeInfo(arguments[i].Expression).ConvertedType?.Name == "CancellationToken")
                {
                    return i - 1;
                }
            }

            return arguments.Count - 1;
        }

        private static void InsertArgumentAfter(DocumentEditor editor, InvocationExpressionSyntax invocation, int index, string argumentText)
        {
            var argument = SyntaxFactory.Argument(SyntaxBuilder.ParseExpression(argumentText));
            editor.ReplaceNode(invocation.ArgumentList, (current, _) =>
            {
                var list = (ArgumentListSyntax)current;
                var arguments = list.Arguments.Insert(index + 1, argument);
                var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), arguments.Count - 1);
                return list.WithArguments(SyntaxFactory.SeparatedList(arguments.Select(a => a.WithoutTrivia()), separators));
            });
        }

        // ---- object persistence model ----

        private bool PlanContext(HashSet<string> reserved)
        {
            var derivation = Finding.Value;
            var writeSyntax = (InvocationExpressionSyntax)Finding.WriteInvocation.Syntax;

            // SaveConfig.ConditionalExpression (a ContextExpression) is SDK v4 API; SDK v3's object model has no
            // conditional save, so there is no condition to add there. A get-or-create (Load(id) ?? new T { ... })
            // would need attribute_not_exists for the missing item, which SetFilter cannot say: no fix.
            if (Model.SaveConfig is null
                || DataModel("ContextExpression") is null
                || derivation.Property is null
                || derivation.ObjectInstance is null
                || Finding.CreatedWhenMissing is not null
                || Finding.SaveConfig is { ArgumentKind: not ArgumentKind.DefaultValue }
                || writeSyntax.ArgumentList.Arguments.Any(a => a.NameColon is not null)
                || Finding.SavedObject?.Syntax is not ArgumentSyntax
                || GetStatementInScopeOf(writeSyntax, writeSyntax) is not ExpressionStatementSyntax saveStatement
                || GetStatementInScopeOf(Finding.Stored.Site.Syntax, writeSyntax) is not { } changeStatement
                || changeStatement.SpanStart < derivation.Source.Read.Invocation.Syntax.Span.End
                || !IsAvailableAt(derivation.ObjectInstance, changeStatement))
            {
                return false;
            }

            _saveStatement = saveStatement;
            _captureBefore = changeStatement;
            _captureName = UniqueNames.LocalName(SemanticModel, changeStatement.SpanStart, ExpectedStem(derivation.Property.Name), reserved);
            _captureText = Text(derivation.ObjectInstance) + "." + derivation.Property.Name;
            _conditionName = UniqueNames.LocalName(SemanticModel, saveStatement.SpanStart, "condition", reserved);
            var itemType = derivation.Source.Read.ItemType!;
            var stem = itemType.Name.Length > 0 ? char.ToLowerInvariant(itemType.Name[0]).ToString() : "item";
            _lambdaParameter = UniqueNames.LocalName(SemanticModel, saveStatement.SpanStart, stem, reserved);
            return true;
        }

        private void ApplyToSave(DocumentEditor editor, FixSession session)
        {
            var derivation = Finding.Value;
            var indentation = SyntaxBuilder.GetIndentation(_saveStatement!);
            var contextExpression = TypeName(DataModel("ContextExpression")!);
            var itemType = TypeName(derivation.Source.Read.ItemType!);
            editor.InsertBefore(_saveStatement!, new[]
            {
                SyntaxBuilder.ParseStatement("var " + _conditionName + " = new " + contextExpression + "();", indentation, session.EndOfLine),
                SyntaxBuilder.ParseStatement(
                    _conditionName + ".SetFilter<" + itemType + ">(" + _lambdaParameter + " => " + _lambdaParameter + "." + derivation.Property!.Name + " == " + _captureName + ");",
                    indentation,
                    session.EndOfLine),
            });

            var invocation = (InvocationExpressionSyntax)Finding.WriteInvocation.Syntax;
            var itemIndex = invocation.ArgumentList.Arguments.IndexOf((ArgumentSyntax)Finding.SavedObject!.Syntax);
            InsertArgumentAfter(editor, invocation, itemIndex, "new " + TypeName(Model.SaveConfig!) + " { ConditionalExpression = " + _conditionName + " }");
        }

        private INamedTypeSymbol? DataModel(string name) => SemanticModel.Compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.DataModel." + name);
    }
}
