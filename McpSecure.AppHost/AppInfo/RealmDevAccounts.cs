using System.Text.Json;

namespace McpSecure.AppHost.AppInfo;

/// <summary>
/// Reads the people of a Keycloak realm file (<c>users</c>, minus clients' service accounts) with their password
/// credential and realm roles, so that what the dashboard shows is what both identity providers import.
/// </summary>
internal static class RealmDevAccounts
{
    public static IReadOnlyList<DevAccount> Read(string realmFile)
    {
        using var stream = File.OpenRead(realmFile);
        using var realm = JsonDocument.Parse(stream);
        if (!realm.RootElement.TryGetProperty("users", out var users) || users.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return
        [
            .. users.EnumerateArray()
                .Where(user => !user.TryGetProperty("serviceAccountClientId", out _) && String(user, "username") is not null)
                .Select(user => new DevAccount(String(user, "username")!, PasswordOf(user), Strings(user, "realmRoles"))),
        ];
    }

    private static string? PasswordOf(JsonElement user) =>
        user.TryGetProperty("credentials", out var credentials) && credentials.ValueKind == JsonValueKind.Array
            ? credentials.EnumerateArray().Where(c => String(c, "type") == "password").Select(c => String(c, "value")).FirstOrDefault()
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var values) && values.ValueKind == JsonValueKind.Array
            ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
