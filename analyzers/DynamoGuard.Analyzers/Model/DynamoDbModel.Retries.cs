using Microsoft.CodeAnalysis;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Retry policies (DDB203): Polly's policies (<c>Policy</c>, <c>AsyncPolicy</c> and their generic forms, through
    /// <c>ISyncPolicy</c> / <c>IAsyncPolicy</c>) and resilience pipelines (<c>ResiliencePipeline</c>,
    /// <c>ResiliencePipeline&lt;T&gt;</c>), resolved by symbol when the compilation references Polly.
    /// </summary>
    internal sealed partial class DynamoDbModel
    {
        private INamedTypeSymbol?[] _retryPolicyTypes = System.Array.Empty<INamedTypeSymbol?>();

        partial void InitializeRetries(Compilation compilation)
        {
            _retryPolicyTypes = new[]
            {
                compilation.GetTypeByMetadataName("Polly.ISyncPolicy"),
                compilation.GetTypeByMetadataName("Polly.IAsyncPolicy"),
                compilation.GetTypeByMetadataName("Polly.ISyncPolicy`1"),
                compilation.GetTypeByMetadataName("Polly.IAsyncPolicy`1"),
                compilation.GetTypeByMetadataName("Polly.ResiliencePipeline"),
                compilation.GetTypeByMetadataName("Polly.ResiliencePipeline`1"),
            };
        }

        /// <summary>
        /// True for <c>Execute</c> / <c>ExecuteAsync</c> / <c>ExecuteAndCapture(Async)</c> / <c>ExecuteOutcomeAsync</c> of a Polly
        /// policy or resilience pipeline: the delegate passed to it may run more than once.
        /// </summary>
        public bool IsRetryPolicyExecute(IMethodSymbol method)
        {
            if (!method.Name.StartsWith("Execute", System.StringComparison.Ordinal) || method.ContainingType is not { } type)
            {
                return false;
            }

            foreach (var policyType in _retryPolicyTypes)
            {
                if (policyType is null)
                {
                    continue;
                }

                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, policyType))
                    {
                        return true;
                    }
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, policyType))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
