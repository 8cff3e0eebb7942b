using DynamoGuard.Model.Expressions;

namespace DynamoGuard.Tests.Expressions
{
    /// <summary>
    /// The parser against a table of expressions: valid ones with the canonical form of the tree they must produce,
    /// invalid ones with the position of the first error and a fragment of what was expected or reported.
    /// Kinds: C = condition/filter, K = key condition, U = update, P = projection.
    /// </summary>
    public class ExpressionParserTableTests
    {
        public static TheoryData<string, string, string> Valid() => new TheoryData<string, string, string>
        {
            // comparisons, every comparator, both operand orders
            { "C", "a = :v", "(a = :v)" },
            { "C", "a <> :v", "(a <> :v)" },
            { "C", "a < :v", "(a < :v)" },
            { "C", "a <= :v", "(a <= :v)" },
            { "C", "a > :v", "(a > :v)" },
            { "C", "a >= :v", "(a >= :v)" },
            { "C", ":v = a", "(:v = a)" },
            { "C", "a = b", "(a = b)" },
            { "C", "#a = :a", "(#a = :a)" },
            { "C", "a=:v", "(a = :v)" },
            { "C", "a<>:v", "(a <> :v)" },
            { "C", "a<=:v", "(a <= :v)" },
            { "C", "a>=:v", "(a >= :v)" },
            { "C", "  a   =   :v  ", "(a = :v)" },
            { "C", "a\t=\n:v", "(a = :v)" },
            { "C", "\r\n#version = :expected\r\n", "(#version = :expected)" },
            { "C", "_private = :v", "(_private = :v)" },
            { "C", "Price1 = :p_1", "(Price1 = :p_1)" },
            { "C", "a = true_value", "(a = true_value)" },
            { "C", "#1 = :1", "(#1 = :1)" },

            // document paths
            { "C", "a.b = :v", "(a.b = :v)" },
            { "C", "a.b.c.d = :v", "(a.b.c.d = :v)" },
            { "C", "a[0] = :v", "(a[0] = :v)" },
            { "C", "a[0][1] = :v", "(a[0][1] = :v)" },
            { "C", "a[10].b = :v", "(a[10].b = :v)" },
            { "C", "#a.#b[2].c = :v", "(#a.#b[2].c = :v)" },
            { "C", "Info.#r[0].Stars >= :min", "(Info.#r[0].Stars >= :min)" },
            { "C", "a . b = :v", "(a.b = :v)" },
            { "C", "a [ 3 ] = :v", "(a[3] = :v)" },
            { "C", "a[007] = :v", "(a[7] = :v)" },

            // logical operators, precedence, case of keywords
            { "C", "a = :a AND b = :b", "((a = :a) AND (b = :b))" },
            { "C", "a = :a and b = :b", "((a = :a) AND (b = :b))" },
            { "C", "a = :a And b = :b", "((a = :a) AND (b = :b))" },
            { "C", "a = :a OR b = :b", "((a = :a) OR (b = :b))" },
            { "C", "a = :a or b = :b", "((a = :a) OR (b = :b))" },
            { "C", "a = :a AND b = :b AND c = :c", "((a = :a) AND (b = :b) AND (c = :c))" },
            { "C", "a = :a OR b = :b AND c = :c", "((a = :a) OR ((b = :b) AND (c = :c)))" },
            { "C", "a = :a AND b = :b OR c = :c", "(((a = :a) AND (b = :b)) OR (c = :c))" },
            { "C", "(a = :a OR b = :b) AND c = :c", "(((a = :a) OR (b = :b)) AND (c = :c))" },
            { "C", "NOT a = :a", "(NOT (a = :a))" },
            { "C", "not a = :a", "(NOT (a = :a))" },
            { "C", "NOT NOT a = :a", "(NOT (NOT (a = :a)))" },
            { "C", "NOT a = :a AND b = :b", "((NOT (a = :a)) AND (b = :b))" },
            { "C", "NOT (a = :a AND b = :b)", "(NOT ((a = :a) AND (b = :b)))" },
            { "C", "((a = :a))", "(a = :a)" },
            { "C", "(((a = :a)) OR ((b = :b)))", "((a = :a) OR (b = :b))" },
            { "C", "(a = :a)AND(b = :b)", "((a = :a) AND (b = :b))" },

            // BETWEEN and IN
            { "C", "a BETWEEN :lo AND :hi", "(a BETWEEN :lo AND :hi)" },
            { "C", "a between :lo and :hi", "(a BETWEEN :lo AND :hi)" },
            { "C", "a BETWEEN :lo AND :hi AND b = :b", "((a BETWEEN :lo AND :hi) AND (b = :b))" },
            { "C", "size(a) BETWEEN :lo AND :hi", "(size(a) BETWEEN :lo AND :hi)" },
            { "C", "a IN (:x)", "(a IN (:x))" },
            { "C", "a IN (:x, :y, :z)", "(a IN (:x, :y, :z))" },
            { "C", "a in(:x,:y)", "(a IN (:x, :y))" },
            { "C", "a IN (:x, b.c)", "(a IN (:x, b.c))" },
            { "C", "NOT a IN (:x, :y)", "(NOT (a IN (:x, :y)))" },

            // every condition function
            { "C", "attribute_exists(a)", "attribute_exists(a)" },
            { "C", "attribute_not_exists(#pk)", "attribute_not_exists(#pk)" },
            { "C", "attribute_not_exists( pk )", "attribute_not_exists(pk)" },
            { "C", "attribute_not_exists (pk)", "attribute_not_exists(pk)" },
            { "C", "attribute_type(a, :t)", "attribute_type(a, :t)" },
            { "C", "begins_with(a, :prefix)", "begins_with(a, :prefix)" },
            { "C", "begins_with(a.b[0], :prefix)", "begins_with(a.b[0], :prefix)" },
            { "C", "contains(Tags, :tag)", "contains(Tags, :tag)" },
            { "C", "contains(a, b)", "contains(a, b)" },
            { "C", "size(a) > :n", "(size(a) > :n)" },
            { "C", ":n < size(a.b)", "(:n < size(a.b))" },
            { "C", "size(a) = size(b)", "(size(a) = size(b))" },
            { "C", "NOT attribute_exists(a)", "(NOT attribute_exists(a))" },
            { "C", "attribute_not_exists(pk) OR #v = :expected", "(attribute_not_exists(pk) OR (#v = :expected))" },
            { "C", "attribute_exists(pk) AND #v = :v AND NOT contains(#t, :x)", "(attribute_exists(pk) AND (#v = :v) AND (NOT contains(#t, :x)))" },
            { "C", "(attribute_exists(a))", "attribute_exists(a)" },

            // key conditions
            { "K", "pk = :pk", "(pk = :pk)" },
            { "K", "#pk = :pk AND sk BETWEEN :a AND :b", "((#pk = :pk) AND (sk BETWEEN :a AND :b))" },
            { "K", "#pk = :pk AND begins_with(#sk, :prefix)", "((#pk = :pk) AND begins_with(#sk, :prefix))" },
            { "K", "pk = :pk and sk >= :from", "((pk = :pk) AND (sk >= :from))" },
            { "K", "pk = :pk AND sk < :to", "((pk = :pk) AND (sk < :to))" },

            // update: SET with every value form
            { "U", "SET a = :a", "SET a = :a" },
            { "U", "set a = :a", "SET a = :a" },
            { "U", "Set a=:a", "SET a = :a" },
            { "U", "SET a = :a, b = :b", "SET a = :a, b = :b" },
            { "U", "SET a = b", "SET a = b" },
            { "U", "SET a.b[1].c = :v", "SET a.b[1].c = :v" },
            { "U", "SET #v = #v + :one", "SET #v = (#v + :one)" },
            { "U", "SET #v = :one + #v", "SET #v = (:one + #v)" },
            { "U", "SET stock = stock - :n", "SET stock = (stock - :n)" },
            { "U", "SET a = a + :x - :y", "SET a = ((a + :x) - :y)" },
            { "U", "SET a = (a + :x)", "SET a = (a + :x)" },
            { "U", "SET a = if_not_exists(a, :zero)", "SET a = if_not_exists(a, :zero)" },
            { "U", "SET #c = if_not_exists(#c, :start) + :delta", "SET #c = (if_not_exists(#c, :start) + :delta)" },
            { "U", "SET l = list_append(l, :items)", "SET l = list_append(l, :items)" },
            { "U", "SET l = list_append(:items, l)", "SET l = list_append(:items, l)" },
            { "U", "SET l = list_append(if_not_exists(l, :empty), :items)", "SET l = list_append(if_not_exists(l, :empty), :items)" },
            { "U", "SET a[0] = :x, a[1] = :y", "SET a[0] = :x, a[1] = :y" },
            { "U", "SET a=:a,b=:b", "SET a = :a, b = :b" },
            { "U", "SET a = a-:x", "SET a = (a - :x)" },

            // update: REMOVE / ADD / DELETE and every clause order
            { "U", "REMOVE a", "REMOVE a" },
            { "U", "REMOVE a, b.c, d[2]", "REMOVE a, b.c, d[2]" },
            { "U", "ADD n :d", "ADD n :d" },
            { "U", "ADD n :d, s :items", "ADD n :d, s :items" },
            { "U", "DELETE s :items", "DELETE s :items" },
            { "U", "delete s :x, t :y", "DELETE s :x, t :y" },
            { "U", "SET a = :a REMOVE b", "SET a = :a REMOVE b" },
            { "U", "REMOVE b SET a = :a", "REMOVE b SET a = :a" },
            { "U", "SET a = :a REMOVE b ADD c :c DELETE d :d", "SET a = :a REMOVE b ADD c :c DELETE d :d" },
            { "U", "DELETE d :d ADD c :c REMOVE b SET a = :a", "DELETE d :d ADD c :c REMOVE b SET a = :a" },
            { "U", "ADD c :c SET a = :a", "ADD c :c SET a = :a" },
            { "U", "remove b add c :c", "REMOVE b ADD c :c" },
            { "U", "SET a = :a DELETE d :d REMOVE b", "SET a = :a DELETE d :d REMOVE b" },
            { "U", "  SET   a   =   :a   REMOVE   b  ", "SET a = :a REMOVE b" },
            { "U", "SET a = :a\nREMOVE b\nADD c :c", "SET a = :a REMOVE b ADD c :c" },

            // projections
            { "P", "a", "a" },
            { "P", "a, b, c", "a, b, c" },
            { "P", "a,b", "a, b" },
            { "P", "#n, Info.Rating, Tags[0]", "#n, Info.Rating, Tags[0]" },
            { "P", "a.b.c[1][2].d", "a.b.c[1][2].d" },
            { "P", " #a , #b ", "#a, #b" },
        };

        public static TheoryData<string, string, int, string> Invalid() => new TheoryData<string, string, int, string>
        {
            // empty
            { "C", "", 0, "empty" },
            { "C", "   ", 0, "empty" },
            { "U", "", 0, "empty" },
            { "P", "", 0, "empty" },
            { "K", "", 0, "empty" },

            // missing operands
            { "C", "a =", 3, "an operand" },
            { "C", "= :v", 0, "an operand" },
            { "C", "a = :v AND", 10, "an operand" },
            { "C", "a = :v OR", 9, "an operand" },
            { "C", "AND a = :v", 0, "an operand" },
            { "C", "a = :v AND AND b = :b", 11, "an operand" },
            { "C", "NOT", 3, "an operand" },
            { "C", "a", 1, "a comparator" },
            { "C", "a :v", 2, "a comparator" },
            { "C", "a = :v b = :b", 7, "AND, OR or end" },
            { "C", "a = = :v", 4, "an operand" },
            { "C", "a == :v", 3, "an operand" },
            { "C", "a != :v", 2, "the character '!'" },
            { "C", "a = :v,", 6, "AND, OR or end" },

            // parentheses
            { "C", "(a = :v", 7, "')' to close" },
            { "C", "((a = :v)", 9, "')' to close" },
            { "C", "a = :v)", 6, "no matching '('" },
            { "C", "()", 1, "an operand" },
            { "C", "(a = :v))", 8, "no matching '('" },
            { "C", "a = (:v)", 4, "an operand" },

            // literals and bad tokens
            { "C", "a = 1", 4, "literal" },
            { "C", "a = 'x'", 4, "the character '''" },
            { "C", "a = \"x\"", 4, "the character '\"'" },
            { "C", "a = :", 4, "the character ':'" },
            { "C", "# = :v", 0, "the character '#'" },
            { "C", "a-b = :v", 1, "a comparator" },
            { "C", "a = :v;", 6, "the character ';'" },
            { "C", "2ndPlace = :v", 0, "starts with a digit" },
            { "C", "a.2nd = :v", 2, "starts with a digit" },
            { "C", "a = :v && b = :b", 7, "the character '&'" },
            { "C", "a = :v || b = :b", 7, "the character '|'" },
            { "C", "a = @v", 4, "the character '@'" },

            // paths
            { "C", "a. = :v", 3, "after '.'" },
            { "C", "a.[0] = :v", 2, "after '.'" },
            { "C", "a[] = :v", 2, "a list index" },
            { "C", "a[x] = :v", 2, "a list index" },
            { "C", "a[0 = :v", 4, "']'" },
            { "C", "a[:i] = :v", 2, "a list index" },
            { "C", "[0] = :v", 0, "an operand" },
            { "C", "a..b = :v", 2, "after '.'" },

            // BETWEEN / IN
            { "C", "a BETWEEN :lo", 13, "AND (BETWEEN" },
            { "C", "a BETWEEN :lo OR :hi", 14, "AND (BETWEEN" },
            { "C", "a BETWEEN AND :hi", 10, "an operand" },
            { "C", "a BETWEEN :lo AND", 17, "an operand" },
            { "C", "a IN :x", 5, "'(' after IN" },
            { "C", "a IN ()", 6, "an operand" },
            { "C", "a IN (:x,)", 9, "an operand" },
            { "C", "a IN (:x :y)", 9, "',' or ')'" },
            { "C", "a IN (:x", 8, "',' or ')'" },

            // functions
            { "C", "attribute_exists(a", 18, "',' or ')' to close attribute_exists(" },
            { "C", "attribute_exists()", 0, "takes 1 argument" },
            { "C", "attribute_exists(a, b)", 0, "takes 1 argument" },
            { "C", "attribute_exists(:v)", 17, "must be a document path" },
            { "C", "attribute_not_exists(:v)", 21, "must be a document path" },
            { "C", "begins_with(a)", 0, "takes 2 arguments" },
            { "C", "contains(a, :x, :y)", 0, "takes 2 arguments" },
            { "C", "attribute_type(a)", 0, "takes 2 arguments" },
            { "C", "size(a, b) > :n", 0, "takes 1 argument" },
            { "C", "ATTRIBUTE_EXISTS(a)", 0, "case-sensitive, write 'attribute_exists'" },
            { "C", "Begins_With(a, :p)", 0, "case-sensitive, write 'begins_with'" },
            { "C", "SIZE(a) > :n", 0, "case-sensitive, write 'size'" },
            { "C", "exists(a)", 0, "invalid function name 'exists'" },
            { "C", "foo(a) = :v", 0, "invalid function name 'foo'" },
            { "C", "size(a)", 0, "as a condition by itself" },
            { "C", "attribute_exists(a) = :v", 0, "as an operand" },
            { "C", "a = attribute_exists(b)", 4, "as an operand" },
            { "C", "if_not_exists(a, :v) = :v", 0, "in a condition" },
            { "C", "list_append(a, :v) = :v", 0, "in a condition" },
            { "C", "contains(a, attribute_exists(b))", 12, "as an operand" },
            { "C", "a = :v AND exists(b)", 11, "invalid function name" },

            // key conditions
            { "K", "pk = :pk OR sk = :sk", 0, "cannot use OR" },
            { "K", "NOT pk = :pk", 0, "cannot use NOT" },
            { "K", "pk <> :pk", 3, "cannot use <>" },
            { "K", "pk = :pk AND sk IN (:a, :b)", 13, "cannot use IN" },
            { "K", "pk = :pk AND attribute_exists(sk)", 13, "cannot use attribute_exists" },
            { "K", "pk = :pk AND contains(sk, :x)", 13, "cannot use contains" },
            { "K", "pk = :pk AND", 12, "an operand" },

            // update: clauses
            { "U", "a = :a", 0, "SET, REMOVE, ADD or DELETE" },
            { "U", "SET", 3, "a document path" },
            { "U", "SET a", 5, "'=' (SET path = value)" },
            { "U", "SET a =", 7, "a value" },
            { "U", "SET a = :a,", 11, "a document path" },
            { "U", "SET a = :a b = :b", 11, "',' or a clause keyword" },
            { "U", "SET a = :a, REMOVE b", 12, "a document path" },
            { "U", "SET a = :a SET b = :b", 11, "SET clause appears more than once" },
            { "U", "SET a = :a REMOVE b set c = :c", 20, "SET clause appears more than once" },
            { "U", "REMOVE a REMOVE b", 9, "REMOVE clause appears more than once" },
            { "U", "ADD a :a add b :b", 9, "ADD clause appears more than once" },
            { "U", "DELETE a :a DELETE b :b", 12, "DELETE clause appears more than once" },
            { "U", "UPDATE a = :a", 0, "SET, REMOVE, ADD or DELETE" },
            { "U", "SET a = :a WHERE b = :b", 11, "',' or a clause keyword" },
            { "U", "REMOVE", 6, "a document path" },
            { "U", "REMOVE a = :a", 9, "',' or a clause keyword" },
            { "U", "REMOVE :a", 7, "a document path" },
            { "U", "ADD a", 5, "a value" },
            { "U", "ADD :a a", 4, "a document path" },
            { "U", "DELETE s", 8, "a value" },
            { "U", "SET a = :a +", 12, "a value" },
            { "U", "SET a = + :a", 8, "a value" },
            { "U", "SET a = :a * :b", 11, "the character '*'" },
            { "U", "SET a = 1", 8, "literal" },
            { "U", "SET a = (:a", 11, "')' to close" },
            { "U", "SET a = :a)", 10, "',' or a clause keyword" },
            { "U", "SET a = if_not_exists(:v, a)", 22, "must be a document path" },
            { "U", "SET a = if_not_exists(a)", 8, "takes 2 arguments" },
            { "U", "SET a = list_append(a)", 8, "takes 2 arguments" },
            { "U", "SET a = attribute_exists(b)", 8, "in an update expression" },
            { "U", "SET a = size(b)", 8, "in an update expression" },
            { "U", "SET a = IF_NOT_EXISTS(a, :z)", 8, "case-sensitive, write 'if_not_exists'" },
            { "U", "SET a = append(a, :x)", 8, "invalid function name 'append'" },
            { "U", "SET a = :a REMOVE", 17, "a document path" },
            { "U", "SET a[x] = :v", 6, "a list index" },
            { "U", "SET a.= :v", 6, "after '.'" },
            { "U", "SET 1a = :v", 4, "starts with a digit" },
            { "U", "SET = :v", 4, "a document path" },

            // projections
            { "P", "a,", 2, "a document path" },
            { "P", ",a", 0, "a document path" },
            { "P", "a b", 2, "',' or end" },
            { "P", "a,,b", 2, "a document path" },
            { "P", ":v", 0, "a document path" },
            { "P", "a = :v", 2, "',' or end" },
            { "P", "size(a)", 4, "',' or end" },
            { "P", "a[0", 3, "']'" },
        };

        [Theory]
        [MemberData(nameof(Valid))]
        public void ValidExpression_ParsesToTheExpectedTree(string kind, string text, string expected)
        {
            var result = ExpressionParser.Parse(text, ToKind(kind));

            Assert.True(result.Errors.IsEmpty, $"unexpected errors for '{text}': {string.Join("; ", result.Errors)}");
            Assert.True(result.IsValid);
            Assert.NotNull(result.Root);
            Assert.Equal(expected, ExpressionPrinter.Print(result.Root!));
        }

        [Theory]
        [MemberData(nameof(Invalid))]
        public void InvalidExpression_ReportsTheFirstErrorWhereItIs(string kind, string text, int position, string fragment)
        {
            var result = ExpressionParser.Parse(text, ToKind(kind));

            Assert.False(result.IsValid);
            var error = Assert.Single(result.Errors);
            Assert.Equal(position, error.Span.Start);
            Assert.Contains(fragment, error.Message, System.StringComparison.Ordinal);
            if (error.IsSyntaxError)
            {
                Assert.Null(result.Root);
                Assert.Empty(result.Paths);
            }
            else
            {
                Assert.NotNull(result.Root);
            }
        }

        [Fact]
        public void Tables_HaveAtLeastOneHundredRowsEach()
        {
            Assert.True(Valid().Count >= 100, $"valid rows: {Valid().Count}");
            Assert.True(Invalid().Count >= 100, $"invalid rows: {Invalid().Count}");
        }

        internal static ExpressionKind ToKind(string kind) => kind switch
        {
            "C" => ExpressionKind.Condition,
            "K" => ExpressionKind.KeyCondition,
            "U" => ExpressionKind.Update,
            _ => ExpressionKind.Projection,
        };
    }
}
