using McpSecure.Identity.UpstreamTokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace McpSecure.UnitTests.Identity.UpstreamTokens;

/// <summary>A user's current upstream access token: kept while fresh, refreshed when (about to be) expired, gone when refused.</summary>
public sealed class UpstreamAccessTokensTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("upstream-access-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));
    private readonly FileUpstreamTokenStore _store;
    private readonly FakeRefresher _refresher = new();
    private readonly UpstreamAccessTokens _tokens;

    public UpstreamAccessTokensTests()
    {
        _store = new FileUpstreamTokenStore(new EphemeralDataProtectionProvider(), _folder, NullLogger<FileUpstreamTokenStore>.Instance);
        _tokens = new UpstreamAccessTokens(_store, _refresher,
            Microsoft.Extensions.Options.Options.Create(new UpstreamTokenOptions { RefreshBefore = TimeSpan.FromSeconds(60) }), _time);
    }

    private sealed class FakeRefresher : IUpstreamTokenRefresher
    {
        public List<string?> Redeemed { get; } = [];
        public UpstreamTokenSet? Answer { get; set; }

        public Task<UpstreamTokenSet?> RefreshAsync(UpstreamTokenSet current, CancellationToken cancellationToken)
        {
            Redeemed.Add(current.RefreshToken);
            return Task.FromResult(Answer);
        }
    }

    [Fact]
    public async Task A_fresh_token_is_returned_without_a_refresh()
    {
        await _store.SaveAsync("alice", new("at-1", _time.GetUtcNow().AddMinutes(5), "rt-1"), CancellationToken.None);

        var (tokens, problem) = await _tokens.CurrentAsync("alice", CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal("at-1", tokens!.AccessToken);
        Assert.Empty(_refresher.Redeemed);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_and_the_new_one_kept()
    {
        await _store.SaveAsync("alice", new("at-1", _time.GetUtcNow().AddSeconds(30), "rt-1"), CancellationToken.None);
        _refresher.Answer = new("at-2", _time.GetUtcNow().AddMinutes(10), "rt-2");

        var (tokens, _) = await _tokens.CurrentAsync("alice", CancellationToken.None);

        Assert.Equal("at-2", tokens!.AccessToken);
        Assert.Equal(["rt-1"], _refresher.Redeemed);
        Assert.Equal("rt-2", (await _store.FindAsync("alice", CancellationToken.None))!.RefreshToken);
    }

    [Fact]
    public async Task A_refused_refresh_deletes_the_kept_tokens()
    {
        await _store.SaveAsync("alice", new("at-1", _time.GetUtcNow().AddSeconds(-1), "rt-1"), CancellationToken.None);
        _refresher.Answer = null;

        var (tokens, problem) = await _tokens.CurrentAsync("alice", CancellationToken.None);

        Assert.Null(tokens);
        Assert.Contains("refused to refresh", problem);
        Assert.Null(await _store.FindAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_token_without_a_refresh_token_is_dropped_and_an_unknown_user_has_none()
    {
        await _store.SaveAsync("alice", new("at-1", _time.GetUtcNow().AddMinutes(-5), null), CancellationToken.None);

        var (expired, expiredProblem) = await _tokens.CurrentAsync("alice", CancellationToken.None);
        var (unknown, unknownProblem) = await _tokens.CurrentAsync("bob", CancellationToken.None);

        Assert.Null(expired);
        Assert.Contains("no refresh token", expiredProblem);
        Assert.Null(unknown);
        Assert.Contains("no upstream token is kept", unknownProblem);
        Assert.Empty(_refresher.Redeemed);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
