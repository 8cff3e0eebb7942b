using System;

namespace DynamoGuard.Tests.Verification
{
    /// <summary>Thrown by the verifier when the analyzer or fix under test does not behave as the test says.</summary>
    public sealed class VerificationException : Exception
    {
        public VerificationException(string message)
            : base(message)
        {
        }

        public VerificationException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
