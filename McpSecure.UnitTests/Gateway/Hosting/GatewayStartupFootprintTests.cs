using McpSecure.Gateway.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace McpSecure.UnitTests.Gateway.Hosting;

/// <summary>What the gateway does not load at start-up because it never needs it (README "Tuning").</summary>
public sealed class GatewayStartupFootprintTests(GatewayApp app) : IClassFixture<GatewayApp>
{
    [Fact]
    public void Data_protection_is_registered_but_its_key_ring_is_not_loaded_at_start()
    {
        _ = app.Server; // start the gateway

        // Authentication and YARP register Data Protection (so a later use would still work) ...
        Assert.NotNull(app.Services.GetService<IDataProtectionProvider>());
        // ... but not the hosted service that reads the key ring (and the XML stack with it) before the first request.
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(),
            service => service.GetType().FullName == DataProtectionStartExtensions.DataProtectionHostedService);
    }

    [Fact]
    public void The_hosted_service_name_still_names_the_framework_type()
    {
        // If ASP.NET Core renamed it, the removal above would silently stop working: this fails instead.
        var type = typeof(Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions).Assembly.GetType(DataProtectionStartExtensions.DataProtectionHostedService);
        Assert.NotNull(type);
        Assert.True(typeof(IHostedService).IsAssignableFrom(type));
    }
}
