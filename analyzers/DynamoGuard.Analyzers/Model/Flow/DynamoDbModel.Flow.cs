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
        private CreatedObjects? _createdObjects;

        public Flow.CallSiteIndex CallSites
            => LazyInitializer.EnsureInitialized(ref _callSites, () => new Flow.CallSiteIndex(_compilation))!;

        public Flow.SourceMethods SourceMethods
            => LazyInitializer.EnsureInitialized(ref _sourceMethods, () => new Flow.SourceMethods(_compilation, CallSites))!;

        /// <summary>What <c>new T(...) { ... }</c> expressions leave in an object's properties (constructors, computed keys).</summary>
        public CreatedObjects CreatedObjects
            => LazyInitializer.EnsureInitialized(ref _createdObjects, () => new CreatedObjects(SourceMethods))!;

        public Flow.CallerBounds CallerBounds
            => LazyInitializer.EnsureInitialized(ref _callerBounds, () => new Flow.CallerBounds(this, _compilation))!;
    }
}
