using System.Threading;

namespace DynamoGuard.Model
{
    /// <summary>
    /// Flows across methods, built on first use and kept for the compilation: where source methods are called and which
    /// method a call runs (<see cref="Flow.CallSiteIndex"/>, which also holds the one semantic model per tree they all
    /// share), method bodies (<see cref="Flow.SourceMethods"/>) and the batch sizes callers pass (<see cref="Flow.CallerBounds"/>).
    /// </summary>
    internal sealed partial class DynamoDbModel
    {
        private Flow.CallSiteIndex? _callSites;
        private Flow.SourceMethods? _sourceMethods;
        private Flow.CallerBounds? _callerBounds;

        public Flow.CallSiteIndex CallSites
            => LazyInitializer.EnsureInitialized(ref _callSites, () => new Flow.CallSiteIndex(_compilation))!;

        public Flow.SourceMethods SourceMethods
            => LazyInitializer.EnsureInitialized(ref _sourceMethods, () => new Flow.SourceMethods(_compilation, CallSites))!;

        public Flow.CallerBounds CallerBounds
            => LazyInitializer.EnsureInitialized(ref _callerBounds, () => new Flow.CallerBounds(this, _compilation))!;
    }
}
