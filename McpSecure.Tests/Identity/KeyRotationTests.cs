using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.Tests.Identity;

/// <summary>
/// The next signing key is published in the JWKS before it signs anything; tokens are signed with the active key,
/// which is the newest top-level file of <c>signing-keys/</c> (what <see cref="TokenForge"/> loads). The promotion
/// of the next key at a later start is proven in <see cref="RestartPersistenceTests"/>.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class KeyRotationTests(EmbeddedAppFixture fixture)
{
    public static string SigningKeysFolder(string dataPath) => Path.Combine(dataPath, "identity", "signing-keys");

    public static string NextKeyId(string dataPath) =>
        Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(Path.Combine(SigningKeysFolder(dataPath), "next"), "*.pem")));

    public static async Task<List<string>> PublishedKeyIdsAsync(Uri issuer)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var jwks = await http.GetFromJsonAsync<JsonElement>(new Uri(issuer, ".well-known/jwks"));
        return jwks.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()!).ToList();
    }

    [Fact]
    public async Task The_next_key_is_published_but_tokens_are_signed_with_the_active_key()
    {
        var activeKeyId = fixture.Forge.ProviderKey.KeyId;
        var nextKeyId = NextKeyId(fixture.DataPath);

        var published = await PublishedKeyIdsAsync(new Uri(fixture.Issuer));
        var token = await fixture.LoginAsync("alice", "alice-dev-password");

        Assert.NotEqual(activeKeyId, nextKeyId);
        Assert.Contains(activeKeyId, published);
        Assert.Contains(nextKeyId, published);
        Assert.Equal(activeKeyId, new JsonWebToken(token.AccessToken).Kid);
    }
}
