using DynamoGuard.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// The start every DynamoGuard analyzer shares: generated code is skipped, callbacks run concurrently, and
    /// nothing is registered for a compilation that does not reference AWSSDK.DynamoDBv2 (zero cost there).
    /// The per-compilation <see cref="DynamoDbModel"/> is built once and shared by all analyzers.
    /// </summary>
    public abstract class DynamoGuardAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var model = DynamoDbModel.TryCreate(start.Compilation);
                if (model is not null)
                {
                    InitializeCompilation(start, model);
                }
            });
        }

        /// <summary>Registers the analyzer's actions for a compilation that references the SDK.</summary>
        private protected abstract void InitializeCompilation(CompilationStartAnalysisContext context, DynamoDbModel model);
    }
}
