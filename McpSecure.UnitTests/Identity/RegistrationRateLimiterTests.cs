using System.Net;
using McpSecure.Identity.ClientRegistration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpSecure.UnitTests.Identity;

public sealed class RegistrationRateLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress OtherClient = IPAddress.Parse("192.0.2.11");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 14, 10, 0, 0, TimeSpan.Zero));

    private RegistrationRateLimiter Limiter(int perMinute) =>
        new(Options.Create(new ClientRegistrationOptions { RegistrationsPerMinute = perMinute }), _clock);

    [Fact]
    public void The_limit_per_minute_is_granted_then_refused_with_the_time_left_in_the_window()
    {
        var limiter = Limiter(perMinute: 3);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.TryAcquire(Client, out _));
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.False(limiter.TryAcquire(Client, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(45), retryAfter); // The window opened 15 s ago.
    }

    [Fact]
    public void A_new_window_opens_once_the_minute_has_passed()
    {
        var limiter = Limiter(perMinute: 1);
        Assert.True(limiter.TryAcquire(Client, out _));

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(limiter.TryAcquire(Client, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire(Client, out _));
        Assert.False(limiter.TryAcquire(Client, out _));
    }

    [Fact]
    public void Each_remote_address_has_its_own_window_and_unknown_addresses_share_one()
    {
        var limiter = Limiter(perMinute: 1);

        Assert.True(limiter.TryAcquire(Client, out _));
        Assert.False(limiter.TryAcquire(Client, out _));
        Assert.True(limiter.TryAcquire(OtherClient, out _));

        Assert.True(limiter.TryAcquire(remoteAddress: null, out _));
        Assert.False(limiter.TryAcquire(remoteAddress: null, out _));
    }
}
