using System.Security.Claims;
using System.Text.Json;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>Reads claims from a provider's JSON answer (introspection or userinfo).</summary>
internal static class ProviderClaims
{
    /// <summary>A member that is a string or an array of strings, as a list; anything else is empty.</summary>
    public static string[] Strings(JsonElement answer, string name) =>
        !answer.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.String ? [value.GetString()!]
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
        : [];

    /// <summary>The answer's claims (strings, numbers and arrays of strings), as the JWT handler would produce them.</summary>
    public static ClaimsPrincipal Principal(JsonElement answer, string authenticationType)
    {
        var claims = new List<Claim>();
        foreach (var property in answer.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    claims.Add(new Claim(property.Name, property.Value.GetString()!));
                    break;
                case JsonValueKind.Number:
                    claims.Add(new Claim(property.Name, property.Value.GetRawText(), ClaimValueTypes.Integer64));
                    break;
                case JsonValueKind.Array:
                    claims.AddRange(Strings(answer, property.Name).Select(v => new Claim(property.Name, v)));
                    break;
            }
        }
        if (!claims.Any(c => c.Type == "preferred_username") && claims.FirstOrDefault(c => c.Type == "username") is { } username)
        {
            claims.Add(new Claim("preferred_username", username.Value));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, "name", "role"));
    }
}
