using McpSecure.AppHost.AppInfo;

namespace McpSecure.UnitTests.AppHost;

public sealed class RealmDevAccountsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mcpsecure-realm-");

    /// <summary>The realm file the AppHost ships (copied beside the tests from McpSecure.AppHost/Realm).</summary>
    public static string RepositoryRealmFile => Path.Combine(AppContext.BaseDirectory, "Realm", "mcpsecure-realm.json");

    public string WriteRealm(string json)
    {
        var path = Path.Combine(_folder.FullName, "realm.json");
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Reads_each_person_with_the_password_credential_and_realm_roles_and_skips_service_accounts()
    {
        var realm = WriteRealm("""
            { "realm": "r", "users": [
              { "username": "dora", "credentials": [ { "type": "otp", "value": "123" }, { "type": "password", "value": "dora-pw" } ],
                "realmRoles": [ "reader", "auditor" ] },
              { "username": "service-account-robot", "serviceAccountClientId": "robot", "realmRoles": [ "reader" ] },
              { "username": "ed" }
            ] }
            """);

        var accounts = RealmDevAccounts.Read(realm);

        Assert.Equal(["dora", "ed"], accounts.Select(a => a.Username));
        Assert.Equal("dora-pw", accounts[0].Password);
        Assert.Equal(["reader", "auditor"], accounts[0].Roles);
        Assert.Null(accounts[1].Password);
        Assert.Empty(accounts[1].Roles);
        Assert.Equal("dora / dora-pw (reader, auditor)", accounts[0].WithPassword);
        Assert.Equal("ed (no roles)", accounts[1].WithoutPassword);
    }

    [Fact]
    public void A_realm_without_users_has_no_accounts()
    {
        Assert.Empty(RealmDevAccounts.Read(WriteRealm("""{ "realm": "r", "clients": [] }""")));
    }

    [Fact]
    public void The_shipped_realm_lists_the_three_dev_accounts_the_readme_documents_carol_included()
    {
        var accounts = RealmDevAccounts.Read(RepositoryRealmFile).ToDictionary(a => a.Username);

        Assert.Equal(["alice", "bob", "carol"], accounts.Keys.Order());
        Assert.Equal("carol-dev-password", accounts["carol"].Password);
        Assert.Equal(["reader", "admin"], accounts["bob"].Roles);
        Assert.All(accounts.Values, a => Assert.EndsWith("-dev-password", a.Password));
    }
}
