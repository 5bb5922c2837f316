namespace McpSecure.Gateway.Limits.Shared;

/// <summary>A user's requests in the current window, this one included, and how long until the window ends.</summary>
internal readonly record struct WindowCount(long Count, TimeSpan ResetsIn);
