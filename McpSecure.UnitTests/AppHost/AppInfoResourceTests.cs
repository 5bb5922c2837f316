using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost.AppInfo;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;

namespace McpSecure.UnitTests.AppHost;

public sealed class AppInfoResourceTests
{
    private static Dictionary<string, object?> Properties(AppHostOptions options, string realmFile)
    {
        var builder = AppModel.CreateBuilder();
        var appInfo = builder.AddAppInfo(new HostingModeChoice(HostingMode.Embedded, "McpSecure:Mode is set to Embedded"), options, realmFile);
        var snapshot = Assert.Single(appInfo.Resource.Annotations.OfType<ResourceSnapshotAnnotation>()).InitialSnapshot;
        return snapshot.Properties.ToDictionary(p => p.Name, p => p.Value);
    }

    [Fact]
    public void The_dashboard_shows_the_mode_its_reason_and_the_realm_files_accounts()
    {
        var properties = Properties(new AppHostOptions(), RealmDevAccountsTests.RepositoryRealmFile);

        Assert.Equal("Embedded", properties[AppInfoResourceExtensions.ModeProperty]);
        Assert.Equal("McpSecure:Mode is set to Embedded", properties[AppInfoResourceExtensions.ModeReasonProperty]);
        Assert.Equal("McpSecure.Identity", properties[AppInfoResourceExtensions.IdentityProviderProperty]);
        var accounts = Assert.IsType<string>(properties[AppInfoResourceExtensions.DevAccountsProperty]);
        Assert.Contains("carol / carol-dev-password (reader)", accounts);
        Assert.Contains("bob / bob-dev-password (reader, admin)", accounts);
    }

    [Fact]
    public void With_an_external_issuer_no_dev_accounts_are_shown_and_the_realm_file_is_not_read()
    {
        var options = new AppHostOptions { ExternalIssuer = "https://login.example/", ExternalPublicClientId = "their-client" };

        var properties = Properties(options, realmFile: Path.Combine(Path.GetTempPath(), "no-such-realm.json"));

        Assert.DoesNotContain(AppInfoResourceExtensions.DevAccountsProperty, properties.Keys);
        Assert.Equal("https://login.example/", properties[AppInfoResourceExtensions.IdentityProviderProperty]);
        Assert.Equal("their-client", properties[AppInfoResourceExtensions.ClientIdProperty]);
    }
}
