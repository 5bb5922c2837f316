namespace McpSecure.Identity.Endpoints;

/// <summary>The user's answer on the consent page, as read by <see cref="ConsentForm.ReadAnswerAsync"/>.</summary>
internal enum ConsentAnswer
{
    /// <summary>No answer (not a consent post, or its antiforgery token did not check out).</summary>
    None,
    Allow,
    Deny,
}
