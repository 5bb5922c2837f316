using System.Security.Cryptography;
using System.Text;
using McpSecure.Identity.Data;
using McpSecure.Identity.Realm;
using Microsoft.AspNetCore.Identity;

namespace McpSecure.Identity.Seeding;

/// <summary>
/// Stores the realm roles and users as ASP.NET Core Identity roles and users: user name, email, first and
/// last name, the password of <c>credentials[type=password]</c> (hashed) and exactly the realm roles.
/// </summary>
internal sealed partial class RealmUserSeeder(
    UserManager<AccountUser> userManager,
    RoleManager<IdentityRole> roleManager,
    ILogger<RealmUserSeeder> logger)
{
    public async Task SeedAsync(KeycloakRealm realm, bool seedUsers, CancellationToken cancellationToken)
    {
        var roleNames = (realm.Roles?.Realm.Select(role => role.Name) ?? [])
            .Concat(realm.Users.SelectMany(user => user.RealmRoles))
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Select(name => name!)
            .Distinct(StringComparer.Ordinal);

        foreach (var roleName in roleNames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roleManager.RoleExistsAsync(roleName))
            {
                EnsureSucceeded(await roleManager.CreateAsync(new IdentityRole(roleName)), $"create role '{roleName}'");
            }
        }

        foreach (var realmUser in seedUsers ? realm.Users : [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A client's service account is not a person who signs in: its roles are read at token time.
            if (!string.IsNullOrWhiteSpace(realmUser.Username) && realmUser.ServiceAccountClientId is null)
            {
                await SeedUserAsync(realm, realmUser);
            }
        }
    }

    private async Task SeedUserAsync(KeycloakRealm realm, KeycloakUser realmUser)
    {
        var user = await userManager.FindByNameAsync(realmUser.Username!);
        var isNew = user is null;
        user ??= new AccountUser { Id = StableUserId(realm, realmUser), UserName = realmUser.Username };

        user.Email = realmUser.Email;
        user.EmailConfirmed = realmUser.EmailVerified;
        user.FirstName = realmUser.FirstName;
        user.LastName = realmUser.LastName;
        user.LockoutEnabled = true;
        if (!realmUser.Enabled)
        {
            user.LockoutEnd = DateTimeOffset.MaxValue;
        }
        else if (user.LockoutEnd == DateTimeOffset.MaxValue)
        {
            user.LockoutEnd = null;
        }

        SetPasswordFromRealm(user, realmUser);

        EnsureSucceeded(isNew ? await userManager.CreateAsync(user) : await userManager.UpdateAsync(user),
            $"{(isNew ? "create" : "update")} user '{realmUser.Username}'");

        await SynchroniseRolesAsync(user, realmUser.RealmRoles);

        if (isNew)
        {
            LogCreated(logger, user.UserName, user.Id, realmUser.RealmRoles);
        }
    }

    /// <summary>
    /// The realm is the source of truth for these development passwords, so they bypass the password
    /// policy; the hash is replaced only when the realm password no longer verifies.
    /// </summary>
    private void SetPasswordFromRealm(AccountUser user, KeycloakUser realmUser)
    {
        var password = realmUser.Credentials
            .FirstOrDefault(credential => string.Equals(credential.Type, KeycloakCredential.PasswordType, StringComparison.OrdinalIgnoreCase))
            ?.Value;
        if (string.IsNullOrEmpty(password))
        {
            return;
        }

        var isCurrent = user.PasswordHash is not null &&
            userManager.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Success;
        if (!isCurrent)
        {
            user.PasswordHash = userManager.PasswordHasher.HashPassword(user, password);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
    }

    private async Task SynchroniseRolesAsync(AccountUser user, IReadOnlyCollection<string> realmRoles)
    {
        var current = await userManager.GetRolesAsync(user);
        var missing = realmRoles.Except(current, StringComparer.Ordinal).ToList();
        var extra = current.Except(realmRoles, StringComparer.Ordinal).ToList();

        if (missing.Count > 0)
        {
            EnsureSucceeded(await userManager.AddToRolesAsync(user, missing), $"add roles to '{user.UserName}'");
        }

        if (extra.Count > 0)
        {
            EnsureSucceeded(await userManager.RemoveFromRolesAsync(user, extra), $"remove roles from '{user.UserName}'");
        }
    }

    /// <summary>
    /// The realm's user id when it has one; otherwise a name-based UUID, so that <c>sub</c> stays the same
    /// even when the data folder is recreated.
    /// </summary>
    private static string StableUserId(KeycloakRealm realm, KeycloakUser realmUser)
    {
        if (!string.IsNullOrWhiteSpace(realmUser.Id))
        {
            return realmUser.Id;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"mcpsecure:{realm.Realm}:user:{realmUser.Username}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5 (name-based, SHA family)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private static void EnsureSucceeded(IdentityResult result, string action)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding from the realm file failed to {action}: {string.Join("; ", result.Errors.Select(error => error.Description))}");
        }
    }

    [LoggerMessage(EventId = 1420, Level = LogLevel.Information, Message = "Created user {Username} ({UserId}) with roles {Roles}")]
    private static partial void LogCreated(ILogger logger, string? username, string userId, IEnumerable<string> roles);
}
