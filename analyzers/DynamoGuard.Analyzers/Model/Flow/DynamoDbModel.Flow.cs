using System.Threading;

namespace DynamoGuard.Model
{
    /// <summary>Flows across methods (<see cref="Flow.CallerBounds"/>), built on first use and kept for the compilation.</summary>
    internal sealed partial class DynamoDbModel
    {
        private Flow.CallerBounds? _callerBounds;

        public Flow.CallerBounds CallerBounds
            => LazyInitializer.EnsureInitialized(ref _callerBounds, () => new Flow.CallerBounds(this, _compilation))!;
    }
}
