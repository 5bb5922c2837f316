using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace McpSecure.GatewayIdentity.Audit;

/// <summary>
/// Turns a tool call's arguments into the JSON the audit log keeps, with secrets removed. The rule, applied at every
/// level of nested objects and arrays:
/// <list type="bullet">
/// <item>an argument whose name has a part (split at <c>_</c>, <c>-</c>, <c>.</c> and lower-to-upper case changes) that
/// is one of <see cref="SecretNameParts"/> (<c>password</c>, <c>secret</c>, <c>token</c>, <c>key</c>, <c>apiKey</c>,
/// <c>credential</c>, <c>authorization</c>, <c>cookie</c>…) keeps its name, its value becomes <c>"[redacted]"</c>;</item>
/// <item>in any other string, a JWT (three base64url parts, the first starting <c>eyJ</c>), a <c>Bearer</c>/<c>Basic</c>
/// credential and a PEM private key block become <c>[redacted]</c>;</item>
/// <item>strings longer than <see cref="MaxStringLength"/> are cut (the log stays bounded; a PromQL query rarely is).</item>
/// </list>
/// Over-redacting a harmless argument is accepted; logging a secret is not.
/// </summary>
internal static partial class ToolArgumentRedactor
{
    public const string Redacted = "[redacted]";
    public const int MaxStringLength = 512;

    /// <summary>Name parts that mark an argument as secret, compared case-insensitively.</summary>
    public static readonly IReadOnlySet<string> SecretNameParts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pwd", "passphrase", "secret", "secrets", "token", "tokens", "jwt", "bearer",
        "key", "keys", "apikey", "credential", "credentials", "authorization", "auth", "cookie", "cookies",
        "session", "signature", "private", "otp", "pin",
    };

    public static string Redact(IEnumerable<KeyValuePair<string, JsonElement>>? arguments)
    {
        if (arguments is null)
        {
            return "{}";
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                WriteProperty(writer, name, value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Whether an argument of this name is a secret by its name alone.</summary>
    public static bool IsSecretName(string name)
    {
        var spaced = CaseBoundary().Replace(name, " ");
        foreach (var part in spaced.Split([' ', '_', '-', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (SecretNameParts.Contains(part))
            {
                return true;
            }
        }
        // "apikey", "accesstoken", "clientsecret" written in one word.
        var flat = spaced.Replace(" ", "").Replace("_", "").Replace("-", "").Replace(".", "");
        return flat.EndsWith("password", StringComparison.OrdinalIgnoreCase) ||
               flat.EndsWith("secret", StringComparison.OrdinalIgnoreCase) ||
               flat.EndsWith("token", StringComparison.OrdinalIgnoreCase) ||
               flat.EndsWith("apikey", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A string with every credential-looking part replaced, and cut to <see cref="MaxStringLength"/>.</summary>
    public static string RedactValue(string value)
    {
        var cleaned = PrivateKeyBlock().Replace(value, Redacted);
        cleaned = Jwt().Replace(cleaned, Redacted);
        cleaned = AuthorizationCredential().Replace(cleaned, match => $"{match.Groups["scheme"].Value} {Redacted}");
        return cleaned.Length <= MaxStringLength ? cleaned : $"{cleaned[..MaxStringLength]}…(+{cleaned.Length - MaxStringLength} chars)";
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, JsonElement value)
    {
        writer.WritePropertyName(RedactValue(name));
        if (IsSecretName(name))
        {
            writer.WriteStringValue(Redacted);
            return;
        }
        WriteValue(writer, value);
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    WriteProperty(writer, property.Name, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(RedactValue(value.GetString()!));
                break;
            case JsonValueKind.Undefined:
                writer.WriteNullValue();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex CaseBoundary();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|DPoP))\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationCredential();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKeyBlock();
}
