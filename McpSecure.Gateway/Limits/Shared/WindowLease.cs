using System.Threading.RateLimiting;

namespace McpSecure.Gateway.Limits.Shared;

/// <summary>The answer for one request: admitted, or refused with the time until the window ends (<c>Retry-After</c>).</summary>
internal sealed class WindowLease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
{
    public static readonly WindowLease Admitted = new(true, null);

    public override bool IsAcquired { get; } = isAcquired;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = value;
            return true;
        }
        metadata = null;
        return false;
    }
}
