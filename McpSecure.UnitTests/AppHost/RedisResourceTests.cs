using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.AppHost;

/// <summary>McpSecure:Redis: the Redis the gateway shares its per-user rate limit through, in each hosting mode.</summary>
public sealed class RedisResourceTests
{
    [Fact]
    public async Task Containers_mode_runs_aspires_redis_and_the_gateway_gets_its_connection_string_and_waits_for_it()
    {
        var builder = AppModel.CreateBuilder();
        var gateway = builder.AddGateway(new AppHostOptions { DataPath = Path.GetTempPath() });

        var redis = builder.AddRateLimitRedis(HostingMode.Containers, Path.GetTempPath());
        gateway.WithSharedRateLimit(redis);

        var container = Assert.IsType<RedisResource>(redis.Resource);
        Assert.Equal("redis", container.Name);
        var environment = await AppModel.EnvironmentAsync(gateway.Resource);
        Assert.Same(container, Assert.IsType<ConnectionStringReference>(environment["ConnectionStrings__redis"]).Resource);
        Assert.Contains(gateway.Resource.Annotations.OfType<WaitAnnotation>(), w => w.Resource == container);
        Assert.Single(builder.Resources, r => r.Name == "redis");
    }

    [Fact]
    public async Task Embedded_mode_runs_redis_server_on_loopback_on_the_endpoints_port_saving_nothing()
    {
        var builder = AppModel.CreateBuilder();
        var gateway = builder.AddGateway(new AppHostOptions { DataPath = Path.GetTempPath() });
        var dataPath = Path.Combine(Path.GetTempPath(), "mcpsecure-redis-model-" + Guid.NewGuid().ToString("N"));

        var redis = builder.AddRateLimitRedis(HostingMode.Embedded, dataPath);
        gateway.WithSharedRateLimit(redis);

        var executable = Assert.IsType<ExecutableResource>(redis.Resource);
        Assert.EndsWith("redis-server", executable.Command, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(dataPath, "redis"), executable.WorkingDirectory);
        Assert.Empty(builder.Resources.OfType<ContainerResource>());
        var arguments = await AppModel.ArgumentsAsync(executable);
        Assert.Equal(["--bind", "127.0.0.1", "--port"], arguments.Take(3));
        var port = Assert.IsType<EndpointReferenceExpression>(arguments[3]);
        Assert.Equal((AppModelNames.Endpoints.Tcp, EndpointProperty.TargetPort), (port.Endpoint.EndpointName, port.Property));
        Assert.Equal(["--save", "", "--appendonly", "no", "--protected-mode", "yes"], arguments.Skip(4));
        var connectionString = Assert.IsType<ReferenceExpression>((await AppModel.EnvironmentAsync(gateway.Resource))["ConnectionStrings__redis"]);
        Assert.Equal("{0}:{1}", connectionString.Format);
        Assert.Contains(gateway.Resource.Annotations.OfType<WaitAnnotation>(), w => w.Resource == executable);
        Directory.Delete(dataPath, recursive: true);
    }

    [Fact]
    public void The_missing_binary_hint_says_how_to_install_it_or_do_without()
    {
        Assert.Contains("sudo apt install redis-server", RedisResourceExtensions.InstallHint, StringComparison.Ordinal);
        Assert.Contains("McpSecure:Redis", RedisResourceExtensions.InstallHint, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_is_off_unless_the_option_turns_it_on()
    {
        static AppHostOptions Bind(params KeyValuePair<string, string?>[] settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            using var services = new ServiceCollection().AddAppHostOptions(configuration, Path.GetTempPath()).BuildServiceProvider();
            return services.GetRequiredService<IOptions<AppHostOptions>>().Value;
        }

        Assert.False(Bind().Redis);
        Assert.True(Bind(KeyValuePair.Create("McpSecure:Redis", (string?)"true")).Redis);
    }
}
