namespace DynamoGuard
{
    /// <summary>The diagnostic IDs DynamoGuard reports. Each ID has a page at docs/rules/{ID}.md.</summary>
    public static class DiagnosticIds
    {
        /// <summary>Version check disabled (SkipVersionCheck) for a versioned type.</summary>
        public const string VersionCheckDisabled = "DDB102";
    }
}
