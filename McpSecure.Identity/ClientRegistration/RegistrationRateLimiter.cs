using System.Net;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>
/// At most <c>Identity:ClientRegistration:RegistrationsPerMinute</c> client registrations per remote address and
/// minute (a fixed window that opens with the address's first registration). Only valid requests count, since
/// only they create a client: invalid ones are rejected before anything is stored.
/// </summary>
/// <remarks>
/// A small counter rather than <c>System.Threading.RateLimiting</c>: those limiters read the clock through
/// <c>Stopwatch</c>, this one through <see cref="TimeProvider"/> like the rest of the provider.
/// </remarks>
internal sealed class RegistrationRateLimiter(IOptions<ClientRegistrationOptions> options, TimeProvider timeProvider)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private const string UnknownAddress = "unknown";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);

    public int PermitsPerWindow => options.Value.RegistrationsPerMinute;

    /// <param name="retryAfter">When refused: how long until the address's window closes.</param>
    /// <returns>True when the registration may proceed.</returns>
    public bool TryAcquire(IPAddress? remoteAddress, out TimeSpan retryAfter)
    {
        var address = remoteAddress?.ToString() ?? UnknownAddress;
        var now = timeProvider.GetUtcNow();
        retryAfter = TimeSpan.Zero;

        lock (_lock)
        {
            // Closed windows are forgotten, so the table holds only the addresses of the last minute.
            foreach (var closed in _windows.Where(entry => entry.Value.Start + Window <= now).Select(entry => entry.Key).ToList())
            {
                _windows.Remove(closed);
            }

            if (!_windows.TryGetValue(address, out var window))
            {
                _windows[address] = (now, 1);
                return true;
            }

            if (window.Count < PermitsPerWindow)
            {
                _windows[address] = (window.Start, window.Count + 1);
                return true;
            }

            retryAfter = window.Start + Window - now;
            return false;
        }
    }
}
