namespace DynamoGuard
{
    /// <summary>The diagnostic IDs DynamoGuard reports. Each ID has a page at docs/rules/{ID}.md.</summary>
    public static class DiagnosticIds
    {
        /// <summary>Version check disabled (SkipVersionCheck) for a versioned type.</summary>
        public const string VersionCheckDisabled = "DDB102";

        /// <summary>Expression placeholder used but undefined, defined but unused, or an empty placeholder dictionary.</summary>
        public const string ExpressionPlaceholderMismatch = "DDB401";

        /// <summary>DynamoDB reserved word used as a bare attribute name in an expression.</summary>
        public const string ExpressionReservedWord = "DDB402";

        /// <summary>Expression with a syntax error (or a construct DynamoDB's grammar rejects).</summary>
        public const string ExpressionSyntaxError = "DDB403";

        /// <summary>Update expression whose document paths overlap or repeat.</summary>
        public const string UpdatePathsOverlap = "DDB404";

        /// <summary>Expression parameters mixed with legacy (non-expression) parameters in one request.</summary>
        public const string ExpressionAndLegacyParametersMixed = "DDB405";
    }
}
