using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Configuration
{
    /// <summary>
    /// The value of one option for one rule, read once per syntax tree (options can differ between folders). Create one
    /// per compilation, in the compilation-start action.
    /// </summary>
    internal sealed class OptionCache<T>
    {
        private readonly ConcurrentDictionary<SyntaxTree, T> _values = new ConcurrentDictionary<SyntaxTree, T>();
        private readonly OptionDefinition<T> _definition;
        private readonly string _ruleId;
        private readonly AnalyzerConfigOptionsProvider _provider;

        public OptionCache(OptionDefinition<T> definition, string ruleId, AnalyzerOptions options)
        {
            _definition = definition;
            _ruleId = ruleId;
            _provider = options.AnalyzerConfigOptionsProvider;
        }

        public T Get(SyntaxTree tree)
        {
            if (_values.TryGetValue(tree, out var value))
            {
                return value;
            }

            value = _definition.GetValue(_provider.GetOptions(tree), _ruleId);
            return _values.GetOrAdd(tree, value);
        }
    }
}
