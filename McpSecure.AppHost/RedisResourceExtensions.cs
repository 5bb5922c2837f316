using McpSecure.AppHost.HostingModes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpSecure.AppHost;

/// <summary>
/// Redis for the gateway's per-user rate limit (<c>McpSecure:Redis</c>): the counts of every gateway replica in one
/// place. Keys expire by themselves, so nothing is persisted and nothing needs cleaning up.
/// </summary>
internal static partial class RedisResourceExtensions
{
    /// <summary>The connection string name the gateway reads (<c>ConnectionStrings:redis</c>), the same as Aspire's <c>WithReference</c> gives.</summary>
    public const string ConnectionStringName = AppModelNames.Resources.Redis;
    public const string InstallHint =
        "Install Redis (Debian/Ubuntu: `sudo apt install redis-server`; macOS: `brew install redis`; Windows: run it in WSL), " +
        "or start Docker/Podman and run with McpSecure:Mode=Containers, or turn McpSecure:Redis off (each gateway replica then limits on its own).";

    /// <summary>Aspire's Redis container in Containers mode, the <c>redis-server</c> executable from PATH otherwise.</summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddRateLimitRedis(this IDistributedApplicationBuilder builder, HostingMode mode, string dataPath) =>
        mode == HostingMode.Containers ? builder.AddRedis(AppModelNames.Resources.Redis) : builder.AddRedisExecutable(dataPath);

    /// <summary>
    /// <c>redis-server</c> as a local process on loopback, on the port Aspire gives its endpoint; no snapshots, no
    /// append-only file (rate-limit counts are worth nothing after their window).
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddRedisExecutable(this IDistributedApplicationBuilder builder, string dataPath)
    {
        var executable = ExecutableLocator.Find("redis-server");
        var workingDirectory = Path.Combine(dataPath, "redis");
        Directory.CreateDirectory(workingDirectory);
        var redis = builder.AddExecutable(AppModelNames.Resources.Redis, executable ?? "redis-server", workingDirectory)
            .WithEndpoint(name: AppModelNames.Endpoints.Tcp, scheme: "tcp");
        var endpoint = redis.GetEndpoint(AppModelNames.Endpoints.Tcp);
        redis.WithArgs(context =>
        {
            context.Args.Add("--bind");
            context.Args.Add("127.0.0.1");
            context.Args.Add("--port");
            context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            context.Args.Add("--save");
            context.Args.Add("");
            context.Args.Add("--appendonly");
            context.Args.Add("no");
            context.Args.Add("--protected-mode");
            context.Args.Add("yes");
        });

        if (executable is null)
        {
            builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis.Resource, (e, _) =>
            {
                LogExecutableMissing(e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(e.Resource), InstallHint);
                return Task.CompletedTask;
            });
        }
        return redis;
    }

    /// <summary>The gateway counts each user's requests in <paramref name="redis"/> (<c>ConnectionStrings:redis</c>) and starts after it.</summary>
    public static IResourceBuilder<ProjectResource> WithSharedRateLimit(this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<IResourceWithEndpoints> redis)
    {
        if (redis.Resource is IResourceWithConnectionString withConnectionString)
        {
            // The connection string only (WithReference would add REDIS_HOST, REDIS_PASSWORD… the gateway does not read).
            gateway.WithEnvironment($"ConnectionStrings__{ConnectionStringName}", new ConnectionStringReference(withConnectionString, optional: false));
        }
        else
        {
            var endpoint = redis.GetEndpoint(AppModelNames.Endpoints.Tcp);
            gateway.WithEnvironment($"ConnectionStrings__{ConnectionStringName}",
                ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}"));
        }
        return gateway.WaitFor(redis);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The `redis-server` executable is not on PATH. {InstallHint}")]
    private static partial void LogExecutableMissing(ILogger logger, string installHint);
}
