using DynamoGuard.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DynamoGuard.Rules
{
    /// <summary>
    /// The start every DynamoGuard analyzer shares: generated code is not analysed, callbacks run concurrently, and
    /// nothing is registered for a compilation that does not reference AWSSDK.DynamoDBv2 (zero cost there).
    /// The per-compilation <see cref="DynamoDbModel"/> is built once and shared by all analyzers.
    /// </summary>
    public abstract class DynamoGuardAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            // Generated code is not analysed (no Analyze flag: the driver runs no callback for a generated file or a
            // [GeneratedCode] member), and every rule reports inside the code it analyses, so nothing DynamoGuard
            // reports can be in generated code. ReportDiagnostics spares the driver its check of each reported
            // location: with None it walks every token of the location's file looking for [GeneratedCode], once per
            // file with a finding (about a fifth of DynamoGuard's time on the benchmark corpus). The verifier checks
            // that no rule reports into a file marked generated (CSharpTest).
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
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
