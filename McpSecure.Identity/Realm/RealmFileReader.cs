using System.Text.Json;
using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Realm;

/// <summary>Reads <c>Identity:RealmFile</c> once and keeps the parsed realm for the process lifetime.</summary>
public sealed class RealmFileReader(IOptions<IdentityProviderOptions> options)
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Lazy<KeycloakRealm> _realm = new(() => Read(options.Value.RealmFile!));

    public KeycloakRealm Realm => _realm.Value;

    private static KeycloakRealm Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<KeycloakRealm>(stream, SerializerOptions)
                ?? throw new InvalidOperationException($"The realm file '{path}' (Identity:RealmFile) is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException(
                $"The realm file '{path}' (Identity:RealmFile) is not a valid Keycloak realm export: {exception.Message}", exception);
        }
    }
}
