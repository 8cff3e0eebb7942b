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
            // Polly v7 (assembly Polly), v8 (Polly.Core, also referenced by Polly v8), or Polly's types in the project's own
            // source: looked up there only, not in every referenced assembly.
            var polly = FindReferencedAssembly(compilation, "Polly");
            var core = FindReferencedAssembly(compilation, "Polly.Core");
            _retryPolicyTypes = new[]
            {
                FindPollyType(compilation, polly, core, "Polly.ISyncPolicy"),
                FindPollyType(compilation, polly, core, "Polly.IAsyncPolicy"),
                FindPollyType(compilation, polly, core, "Polly.ISyncPolicy`1"),
                FindPollyType(compilation, polly, core, "Polly.IAsyncPolicy`1"),
                FindPollyType(compilation, polly, core, "Polly.ResiliencePipeline"),
                FindPollyType(compilation, polly, core, "Polly.ResiliencePipeline`1"),
            };
        }

        private static INamedTypeSymbol? FindPollyType(Compilation compilation, IAssemblySymbol? polly, IAssemblySymbol? core, string metadataName)
            => polly?.GetTypeByMetadataName(metadataName) ?? core?.GetTypeByMetadataName(metadataName) ?? compilation.Assembly.GetTypeByMetadataName(metadataName);

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
