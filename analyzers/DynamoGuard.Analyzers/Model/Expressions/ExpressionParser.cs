using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.Model.Expressions
{
    /// <summary>
    /// Parses DynamoDB expressions (condition / filter / key-condition, update, projection) into a tree with spans
    /// relative to the expression string, plus the errors DynamoDB would reject the text for. Never throws, runs in time
    /// linear in the text, and stops at the first syntax error (semantic errors such as an unknown function or a clause
    /// used twice do not stop it). Keywords (AND, OR, NOT, BETWEEN, IN, SET, REMOVE, ADD, DELETE) are case-insensitive;
    /// function names are case-sensitive, as in DynamoDB.
    /// </summary>
    /// <example>
    /// <code>
    /// var update = ExpressionParser.ParseUpdate("SET #v = #v + :one, Title = :t REMOVE Draft");
    /// foreach (var action in update.UpdateActions)
    /// {
    ///     if (action.Path.IsAttribute("version", names) &amp;&amp; action.IsRelativeUpdate(names, out _, out _)) { /* advances the version */ }
    /// }
    /// var condition = ExpressionParser.ParseCondition("#v = :expected OR attribute_not_exists(pk)");
    /// bool checksVersion = condition.FindComparisons("version", names, ComparisonOperator.Equal).Any();
    /// bool createOnly = condition.ContainsFunctionCall(ExpressionFunction.AttributeNotExists, "pk", names);
    /// </code>
    /// </example>
    internal static class ExpressionParser
    {
        /// <summary>Nesting deeper than this (parentheses, NOT, function arguments) is reported instead of recursed into.</summary>
        public const int MaxNestingDepth = 100;

        /// <summary>DynamoDB's limit on the operands of one IN.</summary>
        public const int MaxInOperands = 100;

        /// <summary>A ConditionExpression or FilterExpression.</summary>
        public static ExpressionParseResult ParseCondition(string? text) => Parse(text, ExpressionKind.Condition);

        /// <summary>A KeyConditionExpression: condition grammar, plus errors for what key conditions do not allow.</summary>
        public static ExpressionParseResult ParseKeyCondition(string? text) => Parse(text, ExpressionKind.KeyCondition);

        /// <summary>An UpdateExpression.</summary>
        public static ExpressionParseResult ParseUpdate(string? text) => Parse(text, ExpressionKind.Update);

        /// <summary>A ProjectionExpression.</summary>
        public static ExpressionParseResult ParseProjection(string? text) => Parse(text, ExpressionKind.Projection);

        /// <summary>Parses <paramref name="text"/> with the grammar of <paramref name="kind"/>; null is treated as empty.</summary>
        /// <remarks>
        /// Results are immutable and depend only on the text and the kind, so they are shared: several rules parse the
        /// same expression of the same request, and a code base repeats its expressions. Short texts only, and a bounded
        /// number of them (a generated expression per call would otherwise grow the cache without end).
        /// </remarks>
        public static ExpressionParseResult Parse(string? text, ExpressionKind kind)
        {
            text ??= string.Empty;
            if (text.Length > MaxCachedLength)
            {
                return new Parser(text, kind).Run();
            }

            var cache = Cache[(int)kind];
            if (cache.TryGetValue(text, out var cached))
            {
                return cached;
            }

            var result = new Parser(text, kind).Run();
            if (cache.Count < MaxCachedTexts)
            {
                cache.TryAdd(text, result);
            }

            return result;
        }

        private const int MaxCachedLength = 2048;

        private const int MaxCachedTexts = 4096;

        private static readonly ConcurrentDictionary<string, ExpressionParseResult>[] Cache = CreateCaches();

        private static ConcurrentDictionary<string, ExpressionParseResult>[] CreateCaches()
        {
            var kinds = 0;
            foreach (ExpressionKind kind in Enum.GetValues(typeof(ExpressionKind)))
            {
                kinds = Math.Max(kinds, (int)kind + 1);
            }

            var caches = new ConcurrentDictionary<string, ExpressionParseResult>[kinds];
            for (var i = 0; i < caches.Length; i++)
            {
                caches[i] = new ConcurrentDictionary<string, ExpressionParseResult>(StringComparer.Ordinal);
            }

            return caches;
        }

        /// <summary>The function a name denotes (exact, case-sensitive), or <see cref="ExpressionFunction.Unknown"/>.</summary>
        public static ExpressionFunction GetFunction(string name) => name switch
        {
            "attribute_exists" => ExpressionFunction.AttributeExists,
            "attribute_not_exists" => ExpressionFunction.AttributeNotExists,
            "attribute_type" => ExpressionFunction.AttributeType,
            "begins_with" => ExpressionFunction.BeginsWith,
            "contains" => ExpressionFunction.Contains,
            "size" => ExpressionFunction.Size,
            "if_not_exists" => ExpressionFunction.IfNotExists,
            "list_append" => ExpressionFunction.ListAppend,
            _ => ExpressionFunction.Unknown,
        };

        /// <summary>The name of a function as DynamoDB spells it.</summary>
        public static string GetFunctionName(ExpressionFunction function) => function switch
        {
            ExpressionFunction.AttributeExists => "attribute_exists",
            ExpressionFunction.AttributeNotExists => "attribute_not_exists",
            ExpressionFunction.AttributeType => "attribute_type",
            ExpressionFunction.BeginsWith => "begins_with",
            ExpressionFunction.Contains => "contains",
            ExpressionFunction.Size => "size",
            ExpressionFunction.IfNotExists => "if_not_exists",
            ExpressionFunction.ListAppend => "list_append",
            _ => string.Empty,
        };

        private enum TokenKind
        {
            End,
            Identifier,
            Number,

            /// <summary>A word that starts with a digit (<c>2ndPlace</c>): not a valid bare attribute name.</summary>
            DigitName,
            NamePlaceholder,
            ValuePlaceholder,
            OpenParen,
            CloseParen,
            OpenBracket,
            CloseBracket,
            Comma,
            Dot,
            Equals,
            NotEquals,
            Less,
            LessOrEqual,
            Greater,
            GreaterOrEqual,
            Plus,
            Minus,
            Invalid,
        }

        private readonly struct Token
        {
            public Token(TokenKind kind, int start, int length)
            {
                Kind = kind;
                Start = start;
                Length = length;
            }

            public TokenKind Kind { get; }

            public int Start { get; }

            public int Length { get; }

            public int End => Start + Length;

            public TextSpan Span => new TextSpan(Start, Length);
        }

        private enum FunctionContext
        {
            /// <summary>A condition by itself: attribute_exists, attribute_not_exists, attribute_type, begins_with, contains.</summary>
            Condition,

            /// <summary>An operand of a comparison, BETWEEN, IN or of a condition function: size.</summary>
            ConditionOperand,

            /// <summary>A SET value: if_not_exists, list_append.</summary>
            UpdateValue,
        }

        private sealed class Parser
        {
            private const string OperandExpected = "an operand (an attribute name, #name, :value or size(path))";
            private const string ValueExpected = "a value (:value, a document path, if_not_exists(...) or list_append(...))";
            private const string PathExpected = "a document path (an attribute name or #name)";
            private const string ComparatorExpected = "a comparator (=, <>, <, <=, >, >=), BETWEEN or IN";

            private readonly string _text;
            private readonly ExpressionKind _kind;
            private readonly ImmutableArray<ExpressionError>.Builder _errors = ImmutableArray.CreateBuilder<ExpressionError>();
            private readonly ImmutableArray<DocumentPath>.Builder _paths = ImmutableArray.CreateBuilder<DocumentPath>();
            private readonly ImmutableArray<NameOccurrence>.Builder _attributeNames = ImmutableArray.CreateBuilder<NameOccurrence>();
            private readonly ImmutableArray<NameOccurrence>.Builder _namePlaceholders = ImmutableArray.CreateBuilder<NameOccurrence>();
            private readonly ImmutableArray<ValuePlaceholder>.Builder _valuePlaceholders = ImmutableArray.CreateBuilder<ValuePlaceholder>();
            private readonly ImmutableArray<Comparison>.Builder _comparisons = ImmutableArray.CreateBuilder<Comparison>();
            private readonly ImmutableArray<FunctionCall>.Builder _functionCalls = ImmutableArray.CreateBuilder<FunctionCall>();
            private readonly ImmutableArray<UpdateAction>.Builder _updateActions = ImmutableArray.CreateBuilder<UpdateAction>();
            private int _position;
            private Token _current;
            private bool _failed;

            public Parser(string text, ExpressionKind kind)
            {
                _text = text;
                _kind = kind;
                Advance();
            }

            public ExpressionParseResult Run()
            {
                ExpressionNode? root = null;
                if (_current.Kind == TokenKind.End)
                {
                    AddError("the expression is empty", new TextSpan(0, _text.Length), expected: null, isSyntaxError: true);
                    _failed = true;
                }
                else
                {
                    switch (_kind)
                    {
                        case ExpressionKind.Update:
                            root = ParseUpdateExpression();
                            break;
                        case ExpressionKind.Projection:
                            root = ParseProjectionExpression();
                            break;
                        default:
                            root = ParseOr(0);
                            if (!_failed && _current.Kind != TokenKind.End)
                            {
                                Fail(_current.Kind == TokenKind.CloseParen ? "AND, OR or end of expression (this ')' has no matching '(')" : "AND, OR or end of expression");
                            }

                            if (!_failed && _kind == ExpressionKind.KeyCondition)
                            {
                                ValidateKeyCondition(root);
                            }

                            break;
                    }
                }

                if (_failed)
                {
                    var none = ImmutableArray<DocumentPath>.Empty;
                    return new ExpressionParseResult(
                        _text, _kind, null, _errors.ToImmutable(), none, ImmutableArray<NameOccurrence>.Empty, ImmutableArray<NameOccurrence>.Empty,
                        ImmutableArray<ValuePlaceholder>.Empty, ImmutableArray<Comparison>.Empty, ImmutableArray<FunctionCall>.Empty, ImmutableArray<UpdateAction>.Empty);
                }

                return new ExpressionParseResult(
                    _text,
                    _kind,
                    root,
                    _errors.ToImmutable(),
                    _paths.ToImmutable(),
                    _attributeNames.ToImmutable(),
                    _namePlaceholders.ToImmutable(),
                    _valuePlaceholders.ToImmutable(),
                    _comparisons.ToImmutable(),
                    _functionCalls.ToImmutable(),
                    _updateActions.ToImmutable());
            }

            // ---- conditions ----
            private ExpressionNode ParseOr(int depth)
            {
                var first = ParseAnd(depth);
                if (_failed || !IsKeyword("OR"))
                {
                    return first;
                }

                var operands = ImmutableArray.CreateBuilder<ExpressionNode>();
                operands.Add(first);
                while (!_failed && IsKeyword("OR"))
                {
                    Advance();
                    operands.Add(ParseAnd(depth));
                }

                return new LogicalExpression(LogicalOperator.Or, operands.ToImmutable(), Cover(first.Span, operands[operands.Count - 1].Span));
            }

            private ExpressionNode ParseAnd(int depth)
            {
                var first = ParseNot(depth);
                if (_failed || !IsKeyword("AND"))
                {
                    return first;
                }

                var operands = ImmutableArray.CreateBuilder<ExpressionNode>();
                operands.Add(first);
                while (!_failed && IsKeyword("AND"))
                {
                    Advance();
                    operands.Add(ParseNot(depth));
                }

                return new LogicalExpression(LogicalOperator.And, operands.ToImmutable(), Cover(first.Span, operands[operands.Count - 1].Span));
            }

            private ExpressionNode ParseNot(int depth)
            {
                if (!IsKeyword("NOT"))
                {
                    return ParsePrimaryCondition(depth);
                }

                if (depth >= MaxNestingDepth)
                {
                    return TooDeep();
                }

                var start = _current.Start;
                Advance();
                var operand = ParseNot(depth + 1);
                return new NotExpression(operand, TextSpan.FromBounds(start, operand.Span.End));
            }

            private ExpressionNode ParsePrimaryCondition(int depth)
            {
                if (_current.Kind == TokenKind.OpenParen)
                {
                    if (depth >= MaxNestingDepth)
                    {
                        return TooDeep();
                    }

                    Advance();
                    var inner = ParseOr(depth + 1);
                    Expect(TokenKind.CloseParen, "')' to close the '('");
                    return inner;
                }

                var left = ParseConditionOperand(depth);
                if (_failed)
                {
                    return left;
                }

                if (TryGetComparison(out var comparisonOperator))
                {
                    var operatorSpan = _current.Span;
                    Advance();
                    var right = ParseConditionOperand(depth);
                    CheckOperandFunction(left);
                    CheckOperandFunction(right);
                    var comparison = new Comparison(left, comparisonOperator, operatorSpan, right, Cover(left.Span, right.Span));
                    _comparisons.Add(comparison);
                    return comparison;
                }

                if (IsKeyword("BETWEEN"))
                {
                    Advance();
                    var low = ParseConditionOperand(depth);
                    if (!_failed && !IsKeyword("AND"))
                    {
                        Fail("AND (BETWEEN low AND high)");
                    }

                    Advance();
                    var high = ParseConditionOperand(depth);
                    CheckOperandFunction(left);
                    CheckOperandFunction(low);
                    CheckOperandFunction(high);
                    return new BetweenExpression(left, low, high, Cover(left.Span, high.Span));
                }

                if (IsKeyword("IN"))
                {
                    Advance();
                    Expect(TokenKind.OpenParen, "'(' after IN");
                    var values = ImmutableArray.CreateBuilder<ExpressionNode>();
                    while (!_failed)
                    {
                        values.Add(ParseConditionOperand(depth));
                        if (_current.Kind != TokenKind.Comma)
                        {
                            break;
                        }

                        Advance();
                    }

                    var end = _current.End;
                    Expect(TokenKind.CloseParen, "',' or ')' to close the IN list");
                    CheckOperandFunction(left);
                    foreach (var value in values)
                    {
                        CheckOperandFunction(value);
                    }

                    var span = TextSpan.FromBounds(left.Span.Start, end);
                    if (values.Count > MaxInOperands)
                    {
                        AddError($"IN has {values.Count} operands; DynamoDB allows at most {MaxInOperands}", span, expected: null, isSyntaxError: false);
                    }

                    return new InExpression(left, values.ToImmutable(), span);
                }

                if (left is FunctionCall call)
                {
                    CheckFunction(call, FunctionContext.Condition);
                    return call;
                }

                Fail(ComparatorExpected);
                return left;
            }

            private ExpressionNode ParseConditionOperand(int depth)
            {
                if (_failed)
                {
                    return Missing();
                }

                switch (_current.Kind)
                {
                    case TokenKind.ValuePlaceholder:
                        return ParseValuePlaceholder();
                    case TokenKind.Identifier when IsFunctionCallAhead():
                        return ParseFunctionCall(depth, FunctionContext.ConditionOperand);
                    case TokenKind.Identifier when IsConditionKeyword():
                        Fail(OperandExpected);
                        return Missing();
                    case TokenKind.Identifier:
                    case TokenKind.NamePlaceholder:
                    case TokenKind.DigitName:
                        return ParsePath();
                    case TokenKind.Number:
                        FailLiteral();
                        return Missing();
                    default:
                        Fail(OperandExpected);
                        return Missing();
                }
            }

            private bool IsConditionKeyword() => IsKeyword("AND") || IsKeyword("OR") || IsKeyword("NOT") || IsKeyword("BETWEEN") || IsKeyword("IN");

            private bool TryGetComparison(out ComparisonOperator comparison)
            {
                switch (_current.Kind)
                {
                    case TokenKind.Equals: comparison = ComparisonOperator.Equal; return true;
                    case TokenKind.NotEquals: comparison = ComparisonOperator.NotEqual; return true;
                    case TokenKind.Less: comparison = ComparisonOperator.LessThan; return true;
                    case TokenKind.LessOrEqual: comparison = ComparisonOperator.LessThanOrEqual; return true;
                    case TokenKind.Greater: comparison = ComparisonOperator.GreaterThan; return true;
                    case TokenKind.GreaterOrEqual: comparison = ComparisonOperator.GreaterThanOrEqual; return true;
                    default: comparison = ComparisonOperator.Equal; return false;
                }
            }

            private void ValidateKeyCondition(ExpressionNode root)
            {
                foreach (var node in root.DescendantsAndSelf())
                {
                    string? what = node switch
                    {
                        LogicalExpression { Operator: LogicalOperator.Or } => "OR",
                        NotExpression => "NOT",
                        Comparison { Operator: ComparisonOperator.NotEqual } => "<>",
                        InExpression => "IN",
                        FunctionCall { Function: not (ExpressionFunction.BeginsWith or ExpressionFunction.Unknown) } call => call.Name,
                        _ => null,
                    };

                    if (what is not null)
                    {
                        var span = node is Comparison comparison ? comparison.OperatorSpan : node is FunctionCall function ? function.NameSpan : node.Span;
                        AddError($"a key condition cannot use {what}; it allows only =, <, <=, >, >=, BETWEEN, begins_with and AND", span, expected: null, isSyntaxError: false);
                    }
                }
            }

            // ---- update expressions ----
            private ExpressionNode ParseUpdateExpression()
            {
                var clauses = ImmutableArray.CreateBuilder<UpdateClause>();
                var seen = new bool[4];
                while (!_failed && _current.Kind != TokenKind.End)
                {
                    if (!TryGetClauseKeyword(out var kind))
                    {
                        Fail(clauses.Count == 0 ? "SET, REMOVE, ADD or DELETE" : "',' or a clause keyword (SET, REMOVE, ADD, DELETE) or end of expression");
                        break;
                    }

                    var keywordSpan = _current.Span;
                    Advance();
                    if (seen[(int)kind])
                    {
                        var keyword = _text.Substring(keywordSpan.Start, keywordSpan.Length).ToUpperInvariant();
                        AddError($"the {keyword} clause appears more than once; DynamoDB allows each clause once, so list all its actions in one {keyword} separated by commas", keywordSpan, expected: null, isSyntaxError: false);
                    }

                    seen[(int)kind] = true;
                    var actions = ImmutableArray.CreateBuilder<UpdateAction>();
                    while (!_failed)
                    {
                        actions.Add(ParseUpdateAction(kind));
                        if (_current.Kind != TokenKind.Comma)
                        {
                            break;
                        }

                        Advance();
                    }

                    if (_failed)
                    {
                        break;
                    }

                    clauses.Add(new UpdateClause(kind, keywordSpan, actions.ToImmutable(), Cover(keywordSpan, actions[actions.Count - 1].Span)));
                }

                if (_failed || clauses.Count == 0)
                {
                    return Missing();
                }

                return new UpdateExpression(clauses.ToImmutable(), Cover(clauses[0].Span, clauses[clauses.Count - 1].Span));
            }

            private bool TryGetClauseKeyword(out UpdateClauseKind kind)
            {
                if (IsKeyword("SET"))
                {
                    kind = UpdateClauseKind.Set;
                    return true;
                }

                if (IsKeyword("REMOVE"))
                {
                    kind = UpdateClauseKind.Remove;
                    return true;
                }

                if (IsKeyword("ADD"))
                {
                    kind = UpdateClauseKind.Add;
                    return true;
                }

                if (IsKeyword("DELETE"))
                {
                    kind = UpdateClauseKind.Delete;
                    return true;
                }

                kind = UpdateClauseKind.Set;
                return false;
            }

            private UpdateAction ParseUpdateAction(UpdateClauseKind kind)
            {
                if (_current.Kind is not (TokenKind.Identifier or TokenKind.NamePlaceholder or TokenKind.DigitName) || TryGetClauseKeyword(out _))
                {
                    Fail(PathExpected);
                    return new UpdateAction(kind, MissingPath(), null, _current.Span);
                }

                var path = ParsePath();
                ExpressionNode? value = null;
                switch (kind)
                {
                    case UpdateClauseKind.Set:
                        Expect(TokenKind.Equals, "'=' (SET path = value)");
                        value = ParseUpdateValue(0);
                        break;
                    case UpdateClauseKind.Add:
                    case UpdateClauseKind.Delete:
                        value = ParseUpdateOperand(0);
                        break;
                }

                var action = new UpdateAction(kind, path, value, Cover(path.Span, (value ?? path).Span));
                if (!_failed)
                {
                    _updateActions.Add(action);
                }

                return action;
            }

            private ExpressionNode ParseUpdateValue(int depth)
            {
                var left = ParseUpdateOperand(depth);
                while (!_failed && _current.Kind is TokenKind.Plus or TokenKind.Minus)
                {
                    var arithmeticOperator = _current.Kind == TokenKind.Plus ? ArithmeticOperator.Add : ArithmeticOperator.Subtract;
                    var operatorSpan = _current.Span;
                    Advance();
                    var right = ParseUpdateOperand(depth);
                    left = new ArithmeticExpression(left, arithmeticOperator, operatorSpan, right, Cover(left.Span, right.Span));
                }

                return left;
            }

            private ExpressionNode ParseUpdateOperand(int depth)
            {
                if (_failed)
                {
                    return Missing();
                }

                switch (_current.Kind)
                {
                    case TokenKind.OpenParen:
                        if (depth >= MaxNestingDepth)
                        {
                            return TooDeep();
                        }

                        Advance();
                        var inner = ParseUpdateValue(depth + 1);
                        Expect(TokenKind.CloseParen, "')' to close the '('");
                        return inner;
                    case TokenKind.ValuePlaceholder:
                        return ParseValuePlaceholder();
                    case TokenKind.Identifier when IsFunctionCallAhead():
                        return ParseFunctionCall(depth, FunctionContext.UpdateValue);
                    case TokenKind.Identifier when TryGetClauseKeyword(out _):
                        Fail(ValueExpected);
                        return Missing();
                    case TokenKind.Identifier:
                    case TokenKind.NamePlaceholder:
                    case TokenKind.DigitName:
                        return ParsePath();
                    case TokenKind.Number:
                        FailLiteral();
                        return Missing();
                    default:
                        Fail(ValueExpected);
                        return Missing();
                }
            }

            // ---- projections ----
            private ExpressionNode ParseProjectionExpression()
            {
                var paths = ImmutableArray.CreateBuilder<DocumentPath>();
                while (!_failed)
                {
                    if (_current.Kind is not (TokenKind.Identifier or TokenKind.NamePlaceholder or TokenKind.DigitName))
                    {
                        Fail(PathExpected);
                        break;
                    }

                    paths.Add(ParsePath());
                    if (_current.Kind != TokenKind.Comma)
                    {
                        break;
                    }

                    Advance();
                }

                if (!_failed && _current.Kind != TokenKind.End)
                {
                    Fail("',' or end of expression");
                }

                return _failed ? Missing() : new ProjectionExpression(paths.ToImmutable(), Cover(paths[0].Span, paths[paths.Count - 1].Span));
            }

            // ---- shared pieces ----
            private DocumentPath ParsePath()
            {
                var elements = ImmutableArray.CreateBuilder<PathElement>();
                var start = _current.Start;
                var end = _current.End;
                if (!TryAddNameElement(elements))
                {
                    return MissingPath();
                }

                while (!_failed)
                {
                    if (_current.Kind == TokenKind.Dot)
                    {
                        Advance();
                        if (!TryAddNameElement(elements, afterDot: true))
                        {
                            break;
                        }

                        end = elements[elements.Count - 1].Span.End;
                    }
                    else if (_current.Kind == TokenKind.OpenBracket)
                    {
                        var open = _current.Start;
                        Advance();
                        if (_current.Kind != TokenKind.Number)
                        {
                            Fail("a list index (digits) inside '[ ]'");
                            break;
                        }

                        var digits = Text(_current);
                        Advance();
                        end = _current.End;
                        if (!Expect(TokenKind.CloseBracket, "']' to close the list index"))
                        {
                            break;
                        }

                        elements.Add(new PathElement(PathElementKind.Index, digits, ParseIndex(digits), TextSpan.FromBounds(open, end)));
                    }
                    else
                    {
                        break;
                    }
                }

                if (_failed)
                {
                    return MissingPath();
                }

                var path = new DocumentPath(elements.ToImmutable(), TextSpan.FromBounds(start, end));
                _paths.Add(path);
                return path;
            }

            private bool TryAddNameElement(ImmutableArray<PathElement>.Builder elements, bool afterDot = false)
            {
                var token = _current;
                switch (token.Kind)
                {
                    case TokenKind.Identifier:
                        var name = Text(token);
                        elements.Add(new PathElement(PathElementKind.Name, name, -1, token.Span));
                        _attributeNames.Add(new NameOccurrence(name, token.Span));
                        Advance();
                        return true;
                    case TokenKind.NamePlaceholder:
                        var placeholder = Text(token);
                        elements.Add(new PathElement(PathElementKind.NamePlaceholder, placeholder, -1, token.Span));
                        _namePlaceholders.Add(new NameOccurrence(placeholder, token.Span));
                        Advance();
                        return true;
                    case TokenKind.DigitName:
                        AddError(
                            $"the attribute name '{Text(token)}' starts with a digit; write it through an expression attribute name (#name)",
                            token.Span,
                            "an attribute name that starts with a letter, or #name",
                            isSyntaxError: true);
                        _failed = true;
                        return false;
                    default:
                        Fail(afterDot ? "an attribute name or #name after '.'" : PathExpected);
                        return false;
                }
            }

            private static int ParseIndex(string digits)
            {
                var value = 0L;
                foreach (var c in digits)
                {
                    value = (value * 10) + (c - '0');
                    if (value > int.MaxValue)
                    {
                        return int.MaxValue;
                    }
                }

                return (int)value;
            }

            private ValuePlaceholder ParseValuePlaceholder()
            {
                var node = new ValuePlaceholder(Text(_current), _current.Span);
                _valuePlaceholders.Add(node);
                Advance();
                return node;
            }

            private ExpressionNode ParseFunctionCall(int depth, FunctionContext context)
            {
                if (depth >= MaxNestingDepth)
                {
                    return TooDeep();
                }

                var nameToken = _current;
                var name = Text(nameToken);
                Advance();
                Advance(); // the '(' IsFunctionCallAhead saw
                var arguments = ImmutableArray.CreateBuilder<ExpressionNode>();
                if (_current.Kind != TokenKind.CloseParen)
                {
                    while (!_failed)
                    {
                        arguments.Add(context == FunctionContext.UpdateValue ? ParseUpdateValue(depth + 1) : ParseConditionOperand(depth + 1));
                        if (_current.Kind != TokenKind.Comma)
                        {
                            break;
                        }

                        Advance();
                    }
                }

                var end = _current.End;
                Expect(TokenKind.CloseParen, $"',' or ')' to close {name}(");
                if (_failed)
                {
                    return Missing();
                }

                var call = new FunctionCall(GetFunction(name), name, nameToken.Span, arguments.ToImmutable(), TextSpan.FromBounds(nameToken.Start, end));
                _functionCalls.Add(call);
                if (context == FunctionContext.UpdateValue)
                {
                    CheckFunction(call, context);
                }
                else
                {
                    foreach (var argument in call.Arguments)
                    {
                        CheckOperandFunction(argument);
                    }
                }

                return call;
            }

            /// <summary>A function used as an operand of a condition must be size().</summary>
            private void CheckOperandFunction(ExpressionNode operand)
            {
                if (operand is FunctionCall call)
                {
                    CheckFunction(call, FunctionContext.ConditionOperand);
                }
            }

            private void CheckFunction(FunctionCall call, FunctionContext context)
            {
                if (_failed)
                {
                    return;
                }

                var allowed = context switch
                {
                    FunctionContext.Condition => "attribute_exists, attribute_not_exists, attribute_type, begins_with or contains",
                    FunctionContext.ConditionOperand => "size",
                    _ => "if_not_exists or list_append",
                };

                if (call.Function == ExpressionFunction.Unknown)
                {
                    var known = FindFunctionIgnoringCase(call.Name);
                    var message = known != ExpressionFunction.Unknown
                        ? $"invalid function name '{call.Name}': function names are case-sensitive, write '{GetFunctionName(known)}'"
                        : $"invalid function name '{call.Name}'";
                    AddError(message, call.NameSpan, allowed, isSyntaxError: false);
                    return;
                }

                var fits = context switch
                {
                    FunctionContext.Condition => call.Function is ExpressionFunction.AttributeExists or ExpressionFunction.AttributeNotExists
                        or ExpressionFunction.AttributeType or ExpressionFunction.BeginsWith or ExpressionFunction.Contains,
                    FunctionContext.ConditionOperand => call.Function == ExpressionFunction.Size,
                    _ => call.Function is ExpressionFunction.IfNotExists or ExpressionFunction.ListAppend,
                };

                if (!fits)
                {
                    var where = context switch
                    {
                        FunctionContext.Condition => "as a condition by itself (compare it, e.g. size(a) > :n)",
                        FunctionContext.ConditionOperand => "as an operand (it is a condition by itself)",
                        _ => "in an update expression (it belongs in a condition)",
                    };
                    if (_kind != ExpressionKind.Update && call.Function is ExpressionFunction.IfNotExists or ExpressionFunction.ListAppend)
                    {
                        where = "in a condition (it is allowed only in SET of an update expression)";
                    }

                    AddError($"the function {call.Name} cannot be used {where}", call.NameSpan, allowed, isSyntaxError: false);
                    return;
                }

                var arity = call.Function is ExpressionFunction.AttributeExists or ExpressionFunction.AttributeNotExists or ExpressionFunction.Size ? 1 : 2;
                if (call.Arguments.Length != arity)
                {
                    AddError(
                        $"{call.Name} takes {arity} argument{(arity == 1 ? string.Empty : "s")}, not {call.Arguments.Length}",
                        call.Span,
                        arity == 1 ? "one argument" : "two arguments",
                        isSyntaxError: false);
                    return;
                }

                if (call.Function is ExpressionFunction.AttributeExists or ExpressionFunction.AttributeNotExists or ExpressionFunction.IfNotExists
                    && call.Arguments[0] is not DocumentPath)
                {
                    AddError($"the first argument of {call.Name} must be a document path", call.Arguments[0].Span, PathExpected, isSyntaxError: false);
                }
            }

            private static ExpressionFunction FindFunctionIgnoringCase(string name)
            {
                for (var function = ExpressionFunction.AttributeExists; function <= ExpressionFunction.ListAppend; function++)
                {
                    if (string.Equals(GetFunctionName(function), name, StringComparison.OrdinalIgnoreCase))
                    {
                        return function;
                    }
                }

                return ExpressionFunction.Unknown;
            }

            // ---- tokens ----
            private bool IsKeyword(string keyword)
            {
                return _current.Kind == TokenKind.Identifier
                    && _current.Length == keyword.Length
                    && string.Compare(_text, _current.Start, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0;
            }

            /// <summary>True when the token after the current identifier is '(' (a function call).</summary>
            private bool IsFunctionCallAhead()
            {
                var i = _current.End;
                while (i < _text.Length && char.IsWhiteSpace(_text[i]))
                {
                    i++;
                }

                return i < _text.Length && _text[i] == '(';
            }

            private bool Expect(TokenKind kind, string expected)
            {
                if (_failed)
                {
                    return false;
                }

                if (_current.Kind != kind)
                {
                    Fail(expected);
                    return false;
                }

                Advance();
                return true;
            }

            private void Fail(string expected)
            {
                if (_failed)
                {
                    return;
                }

                var found = _current.Kind switch
                {
                    TokenKind.End => "end of expression",
                    TokenKind.Invalid => $"the character '{Text(_current)}', which DynamoDB expressions do not use",
                    _ => $"'{Text(_current)}'",
                };
                AddError($"expected {expected}, found {found}", _current.Span, expected, isSyntaxError: true);
                _failed = true;
            }

            private void FailLiteral()
            {
                AddError(
                    $"'{Text(_current)}' is a literal; DynamoDB expressions take values only through expression attribute values (:value)",
                    _current.Span,
                    OperandExpected,
                    isSyntaxError: true);
                _failed = true;
            }

            private ExpressionNode TooDeep()
            {
                if (!_failed)
                {
                    AddError($"the expression nests deeper than {MaxNestingDepth} levels", _current.Span, expected: null, isSyntaxError: true);
                    _failed = true;
                }

                return Missing();
            }

            private void AddError(string message, TextSpan span, string? expected, bool isSyntaxError)
            {
                _errors.Add(new ExpressionError(message, span, expected, isSyntaxError));
            }

            private ExpressionNode Missing() => new ValuePlaceholder(string.Empty, new TextSpan(_current.Start, 0));

            private DocumentPath MissingPath() => new DocumentPath(ImmutableArray.Create(new PathElement(PathElementKind.Name, string.Empty, -1, new TextSpan(_current.Start, 0))), new TextSpan(_current.Start, 0));

            private static TextSpan Cover(TextSpan first, TextSpan last) => TextSpan.FromBounds(first.Start, Math.Max(first.End, last.End));

            private string Text(Token token) => _text.Substring(token.Start, token.Length);

            private void Advance()
            {
                if (_failed)
                {
                    // After the first syntax error nothing more is read; the parse unwinds.
                    _current = new Token(TokenKind.End, _text.Length, 0);
                    return;
                }

                var text = _text;
                var i = _position;
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i >= text.Length)
                {
                    _position = text.Length;
                    _current = new Token(TokenKind.End, text.Length, 0);
                    return;
                }

                var start = i;
                var c = text[i];
                TokenKind kind;
                if (char.IsLetter(c) || c == '_')
                {
                    i = SkipWord(text, i + 1);
                    kind = TokenKind.Identifier;
                }
                else if (c >= '0' && c <= '9')
                {
                    while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                    {
                        i++;
                    }

                    kind = TokenKind.Number;
                    if (i < text.Length && IsWordChar(text[i]))
                    {
                        i = SkipWord(text, i);
                        kind = TokenKind.DigitName;
                    }
                }
                else if (c is '#' or ':')
                {
                    var end = SkipWord(text, i + 1);
                    if (end == i + 1)
                    {
                        i++;
                        kind = TokenKind.Invalid;
                    }
                    else
                    {
                        i = end;
                        kind = c == '#' ? TokenKind.NamePlaceholder : TokenKind.ValuePlaceholder;
                    }
                }
                else
                {
                    i++;
                    switch (c)
                    {
                        case '(': kind = TokenKind.OpenParen; break;
                        case ')': kind = TokenKind.CloseParen; break;
                        case '[': kind = TokenKind.OpenBracket; break;
                        case ']': kind = TokenKind.CloseBracket; break;
                        case ',': kind = TokenKind.Comma; break;
                        case '.': kind = TokenKind.Dot; break;
                        case '=': kind = TokenKind.Equals; break;
                        case '+': kind = TokenKind.Plus; break;
                        case '-': kind = TokenKind.Minus; break;
                        case '<':
                            if (i < text.Length && text[i] == '=')
                            {
                                i++;
                                kind = TokenKind.LessOrEqual;
                            }
                            else if (i < text.Length && text[i] == '>')
                            {
                                i++;
                                kind = TokenKind.NotEquals;
                            }
                            else
                            {
                                kind = TokenKind.Less;
                            }

                            break;
                        case '>':
                            if (i < text.Length && text[i] == '=')
                            {
                                i++;
                                kind = TokenKind.GreaterOrEqual;
                            }
                            else
                            {
                                kind = TokenKind.Greater;
                            }

                            break;
                        default:
                            if (char.IsHighSurrogate(c) && i < text.Length && char.IsLowSurrogate(text[i]))
                            {
                                i++;
                            }

                            kind = TokenKind.Invalid;
                            break;
                    }
                }

                _position = i;
                _current = new Token(kind, start, i - start);
            }

            private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

            private static int SkipWord(string text, int i)
            {
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }

                return i;
            }
        }
    }
}
