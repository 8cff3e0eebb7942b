using System.Collections.Generic;
using System.Linq;
using DynamoGuard.Model;
using DynamoGuard.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// Checks what DynamoDB checks before it runs a write: the UpdateExpression and ConditionExpression parse, every
    /// <c>#name</c> and <c>:value</c> they use is defined in ExpressionAttributeNames / ExpressionAttributeValues, and every
    /// entry of those maps is used ("Value provided in ExpressionAttributeValues unused in expressions"). Reads the
    /// writes with the analyzers' own model (ItemWrite, WriteExpressions, ExpressionParser).
    /// </summary>
    internal static class WriteExpressionChecks
    {
        /// <summary>
        /// Asserts every write of <paramref name="markup"/> that carries expressions is valid; returns how many were
        /// checked. <paramref name="otherSources"/> are compiled with it (the rest of an app).
        /// </summary>
        public static int AssertValid(string markup, ReferenceSet references = ReferenceSet.AwsSdk, params string[] otherSources)
        {
            var source = TestMarkup.Parse(markup).Source;
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var tree = CSharpSyntaxTree.ParseText(source, parseOptions);
            var compilation = CSharpCompilation.Create(
                "Checked",
                new[] { tree }.Concat(otherSources.Select(s => CSharpSyntaxTree.ParseText(s, parseOptions))),
                TestReferences.Get(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var model = DynamoDbModel.TryCreate(compilation)!;
            var semanticModel = compilation.GetSemanticModel(tree);
            var checkedWrites = 0;
            foreach (var syntax in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (semanticModel.GetOperation(syntax) is not IInvocationOperation invocation
                    || ItemWrite.TryRead(invocation, model) is not { } write)
                {
                    continue;
                }

                var expressions = WriteExpressions.Parse(write);
                if (expressions.Condition is null && expressions.Update is null)
                {
                    continue;
                }

                Assert.False(expressions.IsConditionUnknown || expressions.IsUpdateUnknown, "expressions of " + syntax + " are not constant");
                var usedNames = new HashSet<string>();
                var usedValues = new HashSet<string>();
                foreach (var parsed in new[] { expressions.Condition, expressions.Update })
                {
                    if (parsed is null)
                    {
                        continue;
                    }

                    Assert.True(parsed.IsValid, "'" + parsed.Text + "' is not valid: " + string.Join("; ", parsed.Errors));
                    usedNames.UnionWith(parsed.NamePlaceholders.Select(n => n.Name));
                    usedValues.UnionWith(parsed.ValuePlaceholders.Select(v => v.Name));
                }

                Assert.True(write.Names.State != PartState.Unknown && write.Names.IsComplete, "names of " + syntax + " not visible");
                Assert.True(write.Values.State != PartState.Unknown && write.Values.IsComplete, "values of " + syntax + " not visible");
                var definedNames = write.Names.Entries.Select(e => e.Key).ToHashSet();
                var definedValues = write.Values.Entries.Select(e => e.Key).ToHashSet();
                Assert.Equal(usedNames.OrderBy(n => n, System.StringComparer.Ordinal), definedNames.OrderBy(n => n, System.StringComparer.Ordinal));
                Assert.Equal(usedValues.OrderBy(n => n, System.StringComparer.Ordinal), definedValues.OrderBy(n => n, System.StringComparer.Ordinal));
                checkedWrites++;
            }

            return checkedWrites;
        }
    }
}
