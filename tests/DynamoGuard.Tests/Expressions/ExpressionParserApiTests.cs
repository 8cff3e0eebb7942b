using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DynamoGuard.Model.Expressions;

namespace DynamoGuard.Tests.Expressions
{
    /// <summary>The questions other rules ask of a parsed expression, spans, reserved words, and robustness.</summary>
    public class ExpressionParserApiTests
    {
        private static readonly Dictionary<string, string> Names = new Dictionary<string, string>
        {
            ["#v"] = "version",
            ["#pk"] = "pk",
            ["#c"] = "count",
            ["#info"] = "Info",
        };

        [Fact]
        public void ReservedWords_HasTheDeveloperGuideCount_AndIgnoresCase()
        {
            Assert.Equal(573, ReservedWords.Count);
            Assert.True(ReservedWords.Contains("count"));
            Assert.True(ReservedWords.Contains("COUNT"));
            Assert.True(ReservedWords.Contains("Status"));
            Assert.True(ReservedWords.Contains("name"));
            Assert.True(ReservedWords.Contains("value"));
            Assert.True(ReservedWords.Contains("date"));
            Assert.True(ReservedWords.Contains("user"));
            Assert.False(ReservedWords.Contains("version"));
            Assert.False(ReservedWords.Contains("pk"));
        }

        [Fact]
        public void ReservedWords_MatchesTheSharedDataFile()
        {
            // ReservedWords.cs is generated from this copy of the Developer Guide's list.
            var file = System.IO.Path.Combine(Verification.Product.RepositoryRoot, "analyzers", "DynamoGuard.Analyzers", "Model", "Expressions", "dynamodb-reserved-words.txt");
            var words = System.IO.File.ReadAllLines(file).Where(l => l.Length > 0 && l[0] != '#').ToList();
            Assert.Equal(573, words.Count);
            Assert.All(words, w => Assert.True(ReservedWords.Contains(w), w));
        }

        [Fact]
        public void ReservedWordUses_ListsBareReservedNamesWithSpans()
        {
            var result = ExpressionParser.ParseUpdate("SET count = count + :one, #s = :s, Info.status = :x, version = :v");

            var uses = result.ReservedWordUses().ToList();

            Assert.Equal(new[] { "count", "count", "status" }, uses.Select(u => u.Name));
            Assert.Equal(4, uses[0].Span.Start);
            Assert.Equal(5, uses[0].Span.Length);
            Assert.Equal("status", result.Text.Substring(uses[2].Span.Start, uses[2].Span.Length));
        }

        [Fact]
        public void Placeholders_AreListedInSourceOrderWithSpans()
        {
            var result = ExpressionParser.ParseCondition("#a.#b[0] = :x AND size(#a) > :n OR :x = c");

            Assert.Equal(new[] { "#a", "#b", "#a" }, result.NamePlaceholders.Select(p => p.Name));
            Assert.Equal(new[] { ":x", ":n", ":x" }, result.ValuePlaceholders.Select(p => p.Name));
            Assert.Equal(new[] { "c" }, result.AttributeNames.Select(p => p.Name));
            Assert.Equal(3, result.NamePlaceholders[1].Span.Start);
            var n = result.ValuePlaceholders[1];
            Assert.Equal(":n", result.Text.Substring(n.Span.Start, n.Span.Length));
            Assert.True(result.UsesPlaceholder(":n"));
            Assert.True(result.UsesPlaceholder("#b"));
            Assert.False(result.UsesPlaceholder(":N"));
            Assert.False(result.UsesPlaceholder("#c"));
        }

        [Fact]
        public void Spans_CoverTheNodesText()
        {
            var text = "SET #c = if_not_exists(#c, :zero) + :d REMOVE a.b[3]";
            var result = ExpressionParser.ParseUpdate(text);

            var set = result.UpdateActions[0];
            var remove = result.UpdateActions[1];
            Assert.Equal("#c = if_not_exists(#c, :zero) + :d", text.Substring(set.Span.Start, set.Span.Length));
            Assert.Equal("if_not_exists(#c, :zero) + :d", text.Substring(set.Value!.Span.Start, set.Value.Span.Length));
            Assert.Equal("a.b[3]", text.Substring(remove.Path.Span.Start, remove.Path.Span.Length));
            var clause = ((UpdateExpression)result.Root!).Clauses[1];
            Assert.Equal("REMOVE", text.Substring(clause.KeywordSpan.Start, clause.KeywordSpan.Length));
            Assert.Equal("[3]", text.Substring(remove.Path.Elements[2].Span.Start, remove.Path.Elements[2].Span.Length));
        }

        [Theory]
        [InlineData("#v = :expected", true)]
        [InlineData(":expected = #v", true)]
        [InlineData("version = :expected", true)]
        [InlineData("attribute_exists(pk) AND #v = :expected", true)]
        [InlineData("#v <> :expected", false)]
        [InlineData("#info.version = :expected", false)]
        [InlineData("Version = :expected", false)]
        [InlineData("#undefined = :expected", false)]
        public void FindComparisons_FindsEqualityOnAnAttributeDirectOrAliased(string condition, bool expected)
        {
            var result = ExpressionParser.ParseCondition(condition);

            Assert.Equal(expected, result.FindComparisons("version", Names, ComparisonOperator.Equal).Any());
        }

        [Fact]
        public void Comparison_GetOperandComparedWith_ReturnsTheOtherSide()
        {
            var comparison = ExpressionParser.ParseCondition(":expected = #v").Comparisons.Single();

            var other = Assert.IsType<ValuePlaceholder>(comparison.GetOperandComparedWith("version", Names));
            Assert.Equal(":expected", other.Name);
            Assert.Null(comparison.GetOperandComparedWith("pk", Names));
        }

        [Theory]
        [InlineData("attribute_not_exists(pk)", true)]
        [InlineData("attribute_not_exists(#pk)", true)]
        [InlineData("#v = :v OR attribute_not_exists(#pk)", true)]
        [InlineData("attribute_exists(pk)", false)]
        [InlineData("attribute_not_exists(pk.sub)", false)]
        [InlineData("attribute_not_exists(sk)", false)]
        public void ContainsFunctionCall_FindsAttributeNotExistsOnTheKey(string condition, bool expected)
        {
            var result = ExpressionParser.ParseCondition(condition);

            Assert.Equal(expected, result.ContainsFunctionCall(ExpressionFunction.AttributeNotExists, "pk", Names));
        }

        [Theory]
        [InlineData("SET version = version + :one", true, "+")]
        [InlineData("SET #v = #v + :one", true, "+")]
        [InlineData("SET #v = version + :one", true, "+")]
        [InlineData("SET #v = :one + #v", true, "+")]
        [InlineData("SET #v = #v - :one", true, "-")]
        [InlineData("SET #v = if_not_exists(#v, :zero) + :one", true, "+")]
        [InlineData("ADD version :one", true, "+")]
        [InlineData("ADD #v :one", true, "+")]
        [InlineData("SET #v = :one - #v", false, "")]
        [InlineData("SET #v = :next", false, "")]
        [InlineData("SET #v = other + :one", false, "")]
        [InlineData("REMOVE #v", false, "")]
        public void UpdateAction_IsRelativeUpdate_RecognisesIncrements(string update, bool expected, string op)
        {
            var action = ExpressionParser.ParseUpdate(update).FindUpdateActions("version", Names).Single();

            Assert.Equal(expected, action.IsRelativeUpdate(Names, out var arithmetic, out var delta));
            if (expected)
            {
                Assert.Equal(op == "+" ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, arithmetic);
                Assert.NotNull(delta);
            }
        }

        [Theory]
        [InlineData("SET n = :v", true)]
        [InlineData("SET n = n + :v", false)]
        [InlineData("SET n = if_not_exists(n, :v)", false)]
        [InlineData("SET n = other", false)]
        [InlineData("ADD n :v", false)]
        public void UpdateAction_IsPlainAssignment(string update, bool expected)
        {
            Assert.Equal(expected, ExpressionParser.ParseUpdate(update).UpdateActions.Single().IsPlainAssignment);
        }

        [Theory]
        [InlineData("a", "a", true, true)]
        [InlineData("a", "#a", true, true)]
        [InlineData("a", "a.b", false, true)]
        [InlineData("a.b", "a", false, true)]
        [InlineData("a[0]", "a[0].c", false, true)]
        [InlineData("a[0]", "a[1]", false, false)]
        [InlineData("a.b", "a.c", false, false)]
        [InlineData("a", "b", false, false)]
        [InlineData("#x", "#x", true, true)]
        [InlineData("#x", "#y", false, false)]
        public void DocumentPath_SamePathAndOverlap(string left, string right, bool same, bool overlaps)
        {
            var names = new Dictionary<string, string> { ["#a"] = "a" };
            var paths = ExpressionParser.ParseProjection(left + ", " + right).Paths;

            Assert.Equal(same, paths[0].IsSamePath(paths[1], names));
            Assert.Equal(overlaps, paths[0].Overlaps(paths[1], names));
        }

        [Fact]
        public void DocumentPath_TryResolve_ReplacesPlaceholders()
        {
            var path = ExpressionParser.ParseProjection("#info.Ratings[2].#c").Paths.Single();

            Assert.True(path.TryResolve(Names, out var resolved));
            Assert.Equal("Info.Ratings[2].count", resolved);
            Assert.False(path.TryResolve(null, out _));
            Assert.True(path.TryGetRootAttributeName(Names, out var root));
            Assert.Equal("Info", root);
        }

        [Fact]
        public void Update_ExposesClausesAndActionsInSourceOrder()
        {
            var result = ExpressionParser.ParseUpdate("ADD n :d SET a = :a, b = list_append(b, :l) DELETE s :x REMOVE r");

            var update = Assert.IsType<UpdateExpression>(result.Root);
            Assert.Equal(new[] { UpdateClauseKind.Add, UpdateClauseKind.Set, UpdateClauseKind.Delete, UpdateClauseKind.Remove }, update.Clauses.Select(c => c.Kind));
            Assert.Equal(new[] { "n", "a", "b", "s", "r" }, result.UpdateActions.Select(a => a.Path.ToString()));
            Assert.Null(result.UpdateActions[4].Value);
            var append = Assert.IsType<FunctionCall>(result.UpdateActions[2].Value);
            Assert.Equal(ExpressionFunction.ListAppend, append.Function);
        }

        [Fact]
        public void Condition_ExposesFunctionCallsIncludingNestedOnes()
        {
            var result = ExpressionParser.ParseCondition("size(a) > :n AND NOT (begins_with(b, :p) OR attribute_type(c, :t))");

            Assert.Equal(
                new[] { ExpressionFunction.Size, ExpressionFunction.BeginsWith, ExpressionFunction.AttributeType },
                result.FunctionCalls.Select(f => f.Function));
            Assert.Single(result.Comparisons);
        }

        [Fact]
        public void DescendantsAndSelf_VisitsInSourceOrder()
        {
            var root = ExpressionParser.ParseCondition("a = :a AND b IN (:b, :c)").Root!;

            var leaves = root.DescendantsAndSelf().Where(n => n.ChildCount == 0).Select(n => n.ToString());

            Assert.Equal(new[] { "a", ":a", "b", ":b", ":c" }, leaves);
        }

        [Fact]
        public void SemanticError_KeepsTheTree()
        {
            var result = ExpressionParser.ParseUpdate("SET a = :a SET b = :b");

            Assert.False(result.IsValid);
            Assert.Null(result.SyntaxError);
            Assert.Equal("SET a = :a SET b = :b", result.ToString());
            Assert.Equal(2, result.UpdateActions.Length);
        }

        [Fact]
        public void ErrorAtTheEnd_HasAnEmptySpanAtTheTextLength()
        {
            var error = ExpressionParser.ParseCondition("a = ").SyntaxError!;

            Assert.Equal(4, error.Span.Start);
            Assert.Equal(0, error.Span.Length);
            Assert.Equal(
                "expected an operand (an attribute name, #name, :value or size(path)), found end of expression",
                error.Message);
            Assert.Equal("an operand (an attribute name, #name, :value or size(path))", error.Expected);
        }

        [Fact]
        public void InList_OverOneHundredOperands_IsAnError()
        {
            var text = "a IN (" + string.Join(", ", Enumerable.Range(0, 101).Select(i => ":v" + i)) + ")";

            var error = Assert.Single(ExpressionParser.ParseCondition(text).Errors);

            Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Null_IsTreatedAsEmpty()
        {
            Assert.Contains("empty", Assert.Single(ExpressionParser.ParseCondition(null).Errors).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void DeepNesting_IsReportedNotRecursedInto()
        {
            var text = new string('(', 100_000) + "a = :v" + new string(')', 100_000);

            var result = ExpressionParser.ParseCondition(text);

            Assert.Contains("nests deeper", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
            Assert.Contains("nests deeper", ExpressionParser.ParseCondition(string.Concat(Enumerable.Repeat("NOT ", 50_000)) + "a = :v").Errors.Single().Message, StringComparison.Ordinal);
            Assert.Contains("nests deeper", ExpressionParser.ParseUpdate("SET a = " + string.Concat(Enumerable.Repeat("list_append(a, ", 50_000)) + ":v").Errors.Single().Message, StringComparison.Ordinal);
        }

        [Fact]
        public void LongExpressions_ParseInLinearTime()
        {
            var condition = string.Join(" AND ", Enumerable.Range(0, 20_000).Select(i => $"a{i}.b[{i}] = :v{i}"));
            var update = "SET " + string.Join(", ", Enumerable.Range(0, 20_000).Select(i => $"a{i} = a{i} + :v{i} - :w{i}"));

            var stopwatch = Stopwatch.StartNew();
            var conditionResult = ExpressionParser.ParseCondition(condition);
            var updateResult = ExpressionParser.ParseUpdate(update);
            stopwatch.Stop();

            Assert.True(conditionResult.IsValid);
            Assert.Equal(20_000, conditionResult.Comparisons.Length);
            Assert.True(updateResult.IsValid);
            Assert.Equal(20_000, updateResult.UpdateActions.Length);
            Assert.Contains("a19999 = ((a19999 + :v19999) - :w19999)", updateResult.ToString(), StringComparison.Ordinal);
            Assert.True(stopwatch.ElapsedMilliseconds < 5_000, $"took {stopwatch.ElapsedMilliseconds} ms");
        }

        [Fact]
        public void RandomText_NeverThrows()
        {
            const string alphabet = "aZ_09#:.,()[]=<>+- \tANDORNOTSETREMOVEsize(attribute_exists(if_not_exists(!@'\"\u00e9\ud83d\ude00";
            var random = new Random(20240601);
            foreach (var kind in new[] { ExpressionKind.Condition, ExpressionKind.KeyCondition, ExpressionKind.Update, ExpressionKind.Projection })
            {
                for (var i = 0; i < 3_000; i++)
                {
                    var builder = new StringBuilder();
                    var length = random.Next(0, 40);
                    for (var j = 0; j < length; j++)
                    {
                        builder.Append(alphabet[random.Next(alphabet.Length)]);
                    }

                    var result = ExpressionParser.Parse(builder.ToString(), kind);

                    Assert.True(result.Root is not null || !result.Errors.IsEmpty);
                    foreach (var error in result.Errors)
                    {
                        Assert.InRange(error.Span.End, 0, builder.Length);
                    }

                    if (result.Root is not null)
                    {
                        _ = result.ToString();
                        Assert.All(result.Root.DescendantsAndSelf(), n => Assert.InRange(n.Span.End, 0, builder.Length));
                    }
                }
            }
        }

        [Fact]
        public void CanonicalForm_ReparsesToItself()
        {
            foreach (var row in ExpressionParserTableTests.Valid())
            {
                var kind = ExpressionParserTableTests.ToKind((string)row[0]);
                var printed = (string)row[2];
                var reparsed = ExpressionParser.Parse(printed, kind);
                Assert.True(reparsed.IsValid, printed);
                Assert.Equal(printed, reparsed.ToString());
            }
        }
    }
}
