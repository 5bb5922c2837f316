namespace McpSecure.AppHost.AppInfo;

/// <summary>
/// A dashboard entry, <c>mcpsecure</c>, that says which mode runs and why, and what a developer needs to connect:
/// the identity provider, the public client id and the dev-only accounts.
/// </summary>
internal sealed class AppInfoResource(string name) : Resource(name);
