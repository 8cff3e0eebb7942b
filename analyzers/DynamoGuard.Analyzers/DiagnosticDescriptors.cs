using Microsoft.CodeAnalysis;

namespace DynamoGuard
{
    /// <summary>Every descriptor DynamoGuard reports, built by one factory so category, help link and tags stay uniform.</summary>
    internal static class DiagnosticDescriptors
    {
        public const string HelpLinkBase = "https://github.com/dynamoguard/dynamoguard/blob/main/docs/rules/";

        public static readonly DiagnosticDescriptor VersionCheckDisabled = Create(
            DiagnosticIds.VersionCheckDisabled,
            title: "Version check disabled for a versioned type",
            messageFormat: "{0} of versioned type '{1}' sets SkipVersionCheck = true, so its [DynamoDBVersion] property '{2}' is not checked; a concurrent writer's change can be lost",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: "The object persistence model guards every save and delete of a type with a [DynamoDBVersion] property by a condition on the version. SkipVersionCheck = true removes that condition: the write succeeds even when another writer changed the item since it was read, and that change is lost without any error.");

        /// <summary>Same rule, reported where a whole DynamoDBContext is configured to skip version checks.</summary>
        public static readonly DiagnosticDescriptor VersionCheckDisabledForContext = Create(
            DiagnosticIds.VersionCheckDisabled,
            title: "Version check disabled for a versioned type",
            messageFormat: "DynamoDBContext is configured with SkipVersionCheck = true, which turns off the version check of every versioned type (such as '{0}'); concurrent writers can silently overwrite each other",
            category: DiagnosticCategories.Concurrency,
            severity: DiagnosticSeverity.Warning,
            description: VersionCheckDisabled.Description.ToString());

        private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category, DiagnosticSeverity severity, string description, params string[] customTags)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLinkBase + id + ".md",
                customTags: customTags);
        }
    }
}
