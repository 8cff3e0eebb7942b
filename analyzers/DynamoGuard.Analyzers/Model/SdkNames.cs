using System;
using Microsoft.CodeAnalysis;

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

        /// <summary>True for a member of the AWS SDK (any namespace under <c>Amazon</c>): handing an object to it is a use, not an escape.</summary>
        public static bool IsAwsSdkMember(ISymbol? symbol)
        {
            var ns = symbol?.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            while (!ns.ContainingNamespace.IsGlobalNamespace)
            {
                ns = ns.ContainingNamespace;
            }

            return ns.Name == "Amazon";
        }
    }
}
