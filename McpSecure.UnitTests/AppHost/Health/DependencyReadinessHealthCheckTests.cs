using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.Health;
using McpSecure.AppHost.HostingModes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpSecure.UnitTests.AppHost.Health;

/// <summary>
/// The gateway starts alongside the identity provider instead of after it (a shorter cold start), and is healthy only
/// once the provider has been: the app model, and the check that holds its readiness back.
/// </summary>
public sealed class DependencyReadinessHealthCheckTests
{
    [Theory]
    [InlineData(nameof(HostingMode.Embedded))]
    [InlineData(nameof(HostingMode.Containers))]
    public void The_gateway_does_not_wait_to_start_but_its_readiness_needs_the_provider(string modeName)
    {
        var mode = Enum.Parse<HostingMode>(modeName);
        var builder = AppModel.CreateBuilder();
        var options = new AppHostOptions { DataPath = Path.GetTempPath() };
        var gateway = builder.AddGateway(options);
        var identity = builder.AddIdentityProvider(mode, options, gateway.ProtectedResource());

        gateway.WithAuthorizationServer(identity, options);

        var provider = identity.Resource!.Resource;
        Assert.DoesNotContain(gateway.Resource.Annotations.OfType<WaitAnnotation>(), w => w.Resource == provider);
        var checks = gateway.Resource.Annotations.OfType<HealthCheckAnnotation>().Select(a => a.Key).ToList();
        Assert.Contains("gateway_http_ready", checks);
        Assert.Contains("gateway_after_identity", checks);
        Assert.Contains(gateway.Resource.Annotations.OfType<ResourceRelationshipAnnotation>(),
            r => r.Resource == provider && r.Type == ReadinessHealthCheckExtensions.ReadyAfterRelationship);

        using var services = builder.Services.BuildServiceProvider();
        var registrations = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(registrations, r => r.Name == "gateway_after_identity");
    }

    [Fact]
    public async Task Is_not_healthy_while_the_dependency_has_not_been_healthy_naming_it()
    {
        var builder = AppModel.CreateBuilder();
        builder.AddExecutable("identity", "true", Path.GetTempPath());
        using var app = builder.Build();
        var check = new DependencyReadinessHealthCheck("identity", app.Services.GetRequiredService<ResourceNotificationService>(),
            new ReadinessProbeSettings(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)));

        var result = await check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("gateway_after_identity", check, HealthStatus.Unhealthy, null),
        });

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Waiting for identity: not healthy after 0.2 s.", result.Description);
    }
}
