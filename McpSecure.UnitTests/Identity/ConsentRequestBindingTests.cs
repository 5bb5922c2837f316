using McpSecure.Identity.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace McpSecure.UnitTests.Identity;

/// <summary>A consent answer counts only for the request whose page issued it: the replay attempts, one by one.</summary>
public sealed class ConsentRequestBindingTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ConsentRequestBinding binding;

    private static readonly ConsentedRequest Shown = ConsentedRequest.Create(
        "alice-id", "https://app.example/client.json", "http://127.0.0.1:3000/callback", ["openid", "mcp:tools"], ["http://localhost:5100/mcp"]);

    public ConsentRequestBindingTests() => binding = new ConsentRequestBinding(new EphemeralDataProtectionProvider(), time);

    [Fact]
    public void The_ticket_matches_the_request_it_was_issued_for_whatever_the_scope_order()
    {
        var ticket = binding.Issue(Shown);

        Assert.True(binding.Matches(ticket, Shown));
        Assert.True(binding.Matches(ticket, Shown with { Scopes = "mcp:tools openid openid" }));
    }

    private static ConsentedRequest Replay(string attempt) => attempt switch
    {
        "another client" => Shown with { ClientId = "https://evil.example/client.json" },
        "another redirect target" => Shown with { RedirectUri = "http://127.0.0.1:4444/callback" },
        "a larger scope set" => Shown with { Scopes = "openid mcp:tools prometheus:read" },
        "a smaller scope set" => Shown with { Scopes = "openid" },
        "another resource" => Shown with { Resources = "http://localhost:5100/other" },
        "another user" => Shown with { Subject = "bob-id" },
        _ => throw new ArgumentOutOfRangeException(nameof(attempt)),
    };

    [Theory]
    [InlineData("another client")]
    [InlineData("another redirect target")]
    [InlineData("a larger scope set")]
    [InlineData("a smaller scope set")]
    [InlineData("another resource")]
    [InlineData("another user")]
    public void A_ticket_replayed_for_another_request_is_refused(string attempt)
    {
        var replayed = Replay(attempt);
        var ticket = binding.Issue(Shown);
        Assert.False(binding.Matches(ticket, replayed), attempt);
    }

    [Fact]
    public void An_expired_ticket_is_refused()
    {
        var ticket = binding.Issue(Shown);
        time.Advance(ConsentRequestBinding.Lifetime + TimeSpan.FromSeconds(1));
        Assert.False(binding.Matches(ticket, Shown));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-ticket")]
    public void A_missing_or_forged_ticket_is_refused(string? ticket)
    {
        Assert.False(binding.Matches(ticket, Shown));
    }

    [Fact]
    public void A_ticket_of_another_server_key_is_refused()
    {
        var other = new ConsentRequestBinding(new EphemeralDataProtectionProvider(), time);
        Assert.False(binding.Matches(other.Issue(Shown), Shown));
    }
}
