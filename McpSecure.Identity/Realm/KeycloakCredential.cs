namespace McpSecure.Identity.Realm;

/// <summary>A credential of a realm user; the one of type <see cref="PasswordType"/> becomes the user's password.</summary>
internal sealed class KeycloakCredential
{
    public const string PasswordType = "password";

    public string? Type { get; init; }
    public string? Value { get; init; }
}
