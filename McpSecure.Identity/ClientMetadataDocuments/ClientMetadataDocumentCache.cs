using McpSecure.Identity.ClientRegistration;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// Validated client metadata by document URL, each kept as long as its HTTP cache headers allowed, in a bounded map:
/// when it is full, expired entries go first, then the one expiring soonest.
/// </summary>
internal sealed class ClientMetadataDocumentCache(IOptions<ClientMetadataDocumentOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, (ClientMetadata Metadata, DateTimeOffset ExpiresAt)> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    public bool TryGet(string url, out ClientMetadata? metadata)
    {
        lock (gate)
        {
            if (entries.TryGetValue(url, out var entry) && entry.ExpiresAt > time.GetUtcNow())
            {
                metadata = entry.Metadata;
                return true;
            }
            entries.Remove(url);
            metadata = null;
            return false;
        }
    }

    public void Set(string url, ClientMetadata metadata, TimeSpan cacheFor)
    {
        if (cacheFor <= TimeSpan.Zero)
        {
            return;
        }

        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!entries.ContainsKey(url) && entries.Count >= options.Value.MaxCacheEntries)
            {
                foreach (var expired in entries.Where(entry => entry.Value.ExpiresAt <= now).Select(entry => entry.Key).ToList())
                {
                    entries.Remove(expired);
                }
                if (entries.Count >= options.Value.MaxCacheEntries)
                {
                    entries.Remove(entries.MinBy(entry => entry.Value.ExpiresAt).Key);
                }
            }
            entries[url] = (metadata, now + cacheFor);
        }
    }
}
