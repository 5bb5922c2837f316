namespace McpSecure.Tests.Infrastructure;

/// <summary>The button a user clicks on McpSecure.Identity's consent page.</summary>
public enum ConsentChoice
{
    Allow,
    Deny,
}
