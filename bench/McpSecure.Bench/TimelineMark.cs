namespace McpSecure.Bench;

/// <summary>One moment of an AppHost cold start: what happened, seconds after <c>dotnet run</c> was started.</summary>
internal sealed record TimelineMark(string What, double Seconds);
