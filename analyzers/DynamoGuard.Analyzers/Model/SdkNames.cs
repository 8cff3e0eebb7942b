using System;

namespace DynamoGuard.Model
{
    internal static class SdkNames
    {
        /// <summary>True when <paramref name="methodName"/> is <paramref name="name"/> or <paramref name="name"/> + "Async".</summary>
        public static bool IsSyncOrAsync(string methodName, string name)
        {
            if (!methodName.StartsWith(name, StringComparison.Ordinal))
            {
                return false;
            }

            return methodName.Length == name.Length
                || (methodName.Length == name.Length + 5 && string.CompareOrdinal(methodName, name.Length, "Async", 0, 5) == 0);
        }
    }
}
