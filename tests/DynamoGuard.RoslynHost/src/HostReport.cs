using System.Collections.Generic;

namespace DynamoGuard.RoslynHost
{
    /// <summary>What one host saw, written as JSON for the host test to compare (and for a person to read).</summary>
    internal sealed class HostReport
    {
        /// <summary>Version of the Microsoft.CodeAnalysis the host runs on.</summary>
        public string RoslynVersion { get; set; } = "";

        /// <summary>The package folder the host loaded, as NuGet/the SDK choose it for this Roslyn (e.g. analyzers/dotnet/cs).</summary>
        public string AnalyzerFolder { get; set; } = "";

        /// <summary>Every assembly loaded from that folder with the highest Microsoft.CodeAnalysis* version it references.</summary>
        public SortedDictionary<string, string> RoslynReferences { get; } = new();

        /// <summary>Load failures of any kind: AnalyzerFileReference.AnalyzerLoadFailed events and exceptions.</summary>
        public List<string> LoadFailures { get; } = new();

        public List<string> Analyzers { get; } = new();

        public List<string> DiagnosticIds { get; } = new();

        /// <summary>Code fix provider type name to the IDs it fixes.</summary>
        public SortedDictionary<string, List<string>> CodeFixes { get; } = new();

        /// <summary>The sample's diagnostics as "relative/path.cs:line: ID".</summary>
        public List<string> SampleDiagnostics { get; } = new();

        public List<FixResult> Fixes { get; } = new();
    }

    /// <summary>One code fix provider applied to the first diagnostic it registers actions for.</summary>
    internal sealed class FixResult
    {
        public string Provider { get; set; } = "";

        /// <summary>Where the diagnostic was: "fix target" (the generated file) or "sample".</summary>
        public string Source { get; set; } = "";

        public string DiagnosticId { get; set; } = "";

        public int Diagnostics { get; set; }

        public int ActionsRegistered { get; set; }

        /// <summary>Every action registered for that diagnostic, each applied once and by Fix All.</summary>
        public List<ActionResult> Actions { get; } = new();

        public string Error { get; set; } = "";
    }

    /// <summary>One code action: what one application and Fix All (document) with its equivalence key changed.</summary>
    internal sealed class ActionResult
    {
        public string Title { get; set; } = "";

        public string EquivalenceKey { get; set; } = "";

        /// <summary>The lines one fix changed ("@@ line N" and the new lines); empty when it changed nothing.</summary>
        public string OneFix { get; set; } = "";

        /// <summary>The lines Fix All (document) changed; empty when it changed nothing or is not supported.</summary>
        public string FixAll { get; set; } = "";
    }
}
