using System.Text.Json;
using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Realm;

/// <summary>Reads <c>Identity:RealmFile</c> once and keeps the parsed realm for the process lifetime.</summary>
internal sealed class RealmFileReader
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Lazy<KeycloakRealm> _realm;

    public RealmFileReader(IOptions<IdentityProviderOptions> options)
    {
        _realm = new(() => ReadFile(options.Value.RealmFile!));
    }

    /// <summary>A reader over a realm that is already parsed (no file).</summary>
    internal RealmFileReader(KeycloakRealm realm)
    {
        _realm = new(realm);
    }

    public KeycloakRealm Realm => _realm.Value;

    /// <summary>Parses a realm export; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidOperationException">The content is empty or not a realm export.</exception>
    public static KeycloakRealm Read(Stream content, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<KeycloakRealm>(content, SerializerOptions)
                ?? throw new InvalidOperationException($"The realm file '{source}' ({IdentityProviderOptions.RealmFileKey}) is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException(
                $"The realm file '{source}' ({IdentityProviderOptions.RealmFileKey}) is not a valid Keycloak realm export: {exception.Message}", exception);
        }
    }

    private static KeycloakRealm ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }
}
