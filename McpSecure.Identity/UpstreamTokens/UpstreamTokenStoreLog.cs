namespace McpSecure.Identity.UpstreamTokens;

/// <summary>What the upstream token stores log: subjects and expiry times, never a token.</summary>
internal static partial class UpstreamTokenStoreLog
{
    [LoggerMessage(EventId = 1620, Level = LogLevel.Information, Message = "Kept the upstream tokens of subject {Subject} (access token expires {ExpiresAt}, refresh token: {HasRefreshToken})")]
    public static partial void Saved(ILogger logger, string subject, DateTimeOffset? expiresAt, bool hasRefreshToken);

    [LoggerMessage(EventId = 1621, Level = LogLevel.Warning, Message = "The kept upstream tokens of subject {Subject} could not be read ({Error}) and were deleted")]
    public static partial void Unreadable(ILogger logger, string subject, string error);

    [LoggerMessage(EventId = 1622, Level = LogLevel.Information, Message = "Deleted the kept upstream tokens of subject {Subject}")]
    public static partial void Deleted(ILogger logger, string subject);

    [LoggerMessage(EventId = 1623, Level = LogLevel.Information,
        Message = "The kept upstream tokens of subject {Subject} changed while they were refreshed (a sign-in or another replica): the newer ones stay")]
    public static partial void ChangedMeanwhile(ILogger logger, string subject);
}
