namespace McpSecure.AppHost.Publishing.Redis;

/// <summary>
/// The app model's Redis (<c>McpSecure:Redis</c>) as the chart runs it: one pod, no persistence, a password from a
/// Secret, reachable only from the gateway (<see cref="RedisManifests"/>).
/// </summary>
/// <param name="ConnectionStringKey">The gateway's variable for it, as the app model names it (<c>ConnectionStrings__redis</c>).</param>
/// <param name="ImageRepository">The image Aspire runs in Containers mode (<c>docker.io/library/redis</c>).</param>
/// <param name="ImageTag">Its tag, the one Aspire.Hosting.Redis pins.</param>
internal sealed record ChartRedis(string ConnectionStringKey, string ImageRepository, string ImageTag)
{
    public const string Name = AppModelNames.Resources.Redis;
    public const int Port = 6379;

    /// <summary>The Official Image's redis user (uid and gid 999, in its Debian and Alpine variants alike).</summary>
    public const long Uid = 999;

    /// <summary>The values section: <c>redis.enabled</c>, <c>redis.image</c>, <c>redis.resources</c>, <c>redis.existingSecret</c>…</summary>
    public const string Values = ".Values.redis";
    public const string Enabled = Values + ".enabled";
    public const string External = "and (not " + Enabled + ") " + Values + ".externalConnectionSecret";

    /// <summary>The key of the password in the chart's Secret or in <c>redis.existingSecret</c>, and of the connection string in <c>redis.externalConnectionSecret</c>.</summary>
    public const string SecretKey = SecretManifests.Key;

    /// <summary>The gateway's variable the connection string takes the password from (<c>$(REDIS_PASSWORD)</c>).</summary>
    public const string PasswordVariable = "REDIS_PASSWORD";

    public const int GeneratedPasswordLength = 32;

    /// <summary>When the app model's Redis is not a container (Embedded mode), the Official Image.</summary>
    public const string FallbackImage = "docker.io/library/redis";
    public const string FallbackTag = "7.4-alpine";

    /// <summary>The chart's own Secret with the password.</summary>
    public static string SecretObjectName => HelmNames.Object("redis-password");

    /// <summary>The Secret the pods read the password from: <c>redis.existingSecret</c>, else the chart's.</summary>
    public static string SecretName => "{{ " + Values + ".existingSecret | default (printf \"%s-redis-password\" .Release.Name) }}";

    /// <summary>Reads the image of the app model's Redis resource (Aspire's <c>AddRedis</c> sets it from its RedisContainerImageTags).</summary>
    public static ChartRedis From(string connectionStringKey, IResource redis)
    {
        if (redis.TryGetLastAnnotation<ContainerImageAnnotation>(out var image))
        {
            var repository = image.Registry is { Length: > 0 } registry ? $"{registry}/{image.Image}" : image.Image;
            return new ChartRedis(connectionStringKey, repository, image.Tag ?? FallbackTag);
        }
        return new ChartRedis(connectionStringKey, FallbackImage, FallbackTag);
    }
}
