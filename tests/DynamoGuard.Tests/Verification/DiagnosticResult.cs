using Microsoft.CodeAnalysis;

namespace DynamoGuard.Tests.Verification
{
    /// <summary>
    /// An expected diagnostic that needs more than a markup span: a message or severity to check, placed on a
    /// location marker <c>{|#n:…|}</c> of the test source.
    /// </summary>
    public sealed record DiagnosticResult(string Id)
    {
        public int? MarkerIndex { get; init; }

        public string? Message { get; init; }

        public DiagnosticSeverity? Severity { get; init; }

        public DiagnosticResult WithLocation(int markerIndex) => this with { MarkerIndex = markerIndex };

        public DiagnosticResult WithMessage(string message) => this with { Message = message };

        public DiagnosticResult WithSeverity(DiagnosticSeverity severity) => this with { Severity = severity };
    }
}
