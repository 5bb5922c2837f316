using McpSecure.Identity.Data;
using McpSecure.Identity.Storage;
using McpSecure.Identity.UpstreamTokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace McpSecure.UnitTests.Identity.UpstreamTokens;

/// <summary>
/// The kept upstream tokens in the identity store's <c>UpstreamTokens</c> table (what replicas on PostgreSQL share), with
/// the same EF Core code on SQLite (<see cref="UpstreamTokenStoreContractTests"/>): one row per user keyed by a hash,
/// a version per write, concurrent refreshes of replicas of which exactly one wins.
/// </summary>
public sealed class DatabaseUpstreamTokenStoreTests : UpstreamTokenStoreContractTests, IDisposable
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"upstream-tokens-{Guid.NewGuid():N}.db");
    private readonly ServiceProvider _services;
    private readonly EphemeralDataProtectionProvider _dataProtection = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));

    public DatabaseUpstreamTokenStoreTests()
    {
        _services = new ServiceCollection()
            .AddDbContext<IdentityStoreDbContext>(database => database.UseSqlite($"Data Source={_databaseFile};Pooling=False"))
            .BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().Database.EnsureCreated();
    }

    /// <summary>A replica's store: its own instance on the shared database, with the shared Data Protection keys by default.</summary>
    private DatabaseUpstreamTokenStore Replica(IDataProtectionProvider? dataProtection = null) => new(
        _services.GetRequiredService<IServiceScopeFactory>(), dataProtection ?? _dataProtection,
        Microsoft.Extensions.Options.Options.Create(new IdentityStorageOptions()), _time, NullLogger<DatabaseUpstreamTokenStore>.Instance);

    private List<KeptUpstreamToken> Rows()
    {
        using var scope = _services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().UpstreamTokens.AsNoTracking().ToList();
    }

    private protected override IUpstreamTokenStore CreateStore(IDataProtectionProvider? dataProtection = null) => Replica(dataProtection);

    protected override Task<IReadOnlyList<(string Key, byte[] Payload)>> StoredAsync() =>
        Task.FromResult<IReadOnlyList<(string Key, byte[] Payload)>>(Rows().Select(row => (row.SubjectHash, row.Payload)).ToList());

    protected override async Task CopyStoredTokensAsync(string from, string to)
    {
        using var scope = _services.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        var kept = database.UpstreamTokens.Single(row => row.SubjectHash == UpstreamTokenSealing.KeyOf(from));
        database.UpstreamTokens.Add(new KeptUpstreamToken { SubjectHash = UpstreamTokenSealing.KeyOf(to), Payload = kept.Payload, Version = 1 });
        await database.SaveChangesAsync();
    }

    [Fact]
    public async Task Tokens_kept_by_one_replica_are_found_by_another_and_a_second_sign_in_replaces_them_in_the_same_row()
    {
        await Replica().SaveAsync("alice", Alice, CancellationToken.None);
        Assert.Equal(Alice, await Replica().FindAsync("alice", CancellationToken.None));
        Assert.Null(await Replica().FindAsync("bob", CancellationToken.None));

        var again = Alice with { AccessToken = "alice-upstream-access-token-2", RefreshToken = "alice-upstream-refresh-token-2" };
        await Replica().SaveAsync("alice", again, CancellationToken.None);

        Assert.Equal(again, await Replica().FindAsync("alice", CancellationToken.None));
        var row = Assert.Single(Rows());
        Assert.Equal(2, row.Version);
        Assert.Equal(_time.GetUtcNow(), row.UpdatedAt);
    }

    [Fact]
    public async Task The_row_is_keyed_by_the_subjects_sha256_in_hex()
    {
        await Replica().SaveAsync("alice", Alice, CancellationToken.None);

        var row = Assert.Single(Rows());
        Assert.Equal(64, row.SubjectHash.Length);
        Assert.Equal(UpstreamTokenSealing.KeyOf("alice"), row.SubjectHash);
    }

    [Fact]
    public async Task Of_two_replicas_replacing_the_same_tokens_at_once_exactly_one_wins_and_its_refresh_token_is_kept()
    {
        await Replica().SaveAsync("alice", Alice, CancellationToken.None);
        for (var round = 0; round < 10; round++)
        {
            var current = (await Replica().FindAsync("alice", CancellationToken.None))!;
            var fromA = current with { RefreshToken = $"rt-a-{round}" };
            var fromB = current with { RefreshToken = $"rt-b-{round}" };
            var (a, b) = (Replica(), Replica());

            var results = await Task.WhenAll(
                Task.Run(() => a.ReplaceAsync("alice", current, fromA, CancellationToken.None)),
                Task.Run(() => b.ReplaceAsync("alice", current, fromB, CancellationToken.None)));

            Assert.Single(results, replaced => replaced);
            Assert.Equal(results[0] ? fromA : fromB, await Replica().FindAsync("alice", CancellationToken.None));
        }
        Assert.Equal(11, Assert.Single(Rows()).Version); // one write per round
    }

    [Fact]
    public async Task Concurrent_exchanges_of_one_user_redeem_a_rotating_refresh_token_once_and_keep_the_new_one()
    {
        var store = Replica();
        await store.SaveAsync("alice", new("at-1", _time.GetUtcNow().AddSeconds(-1), "rt-1"), CancellationToken.None);
        var refresher = new RotatingRefresher(_time);
        var tokens = new UpstreamAccessTokens(store, refresher,
            Microsoft.Extensions.Options.Options.Create(new UpstreamTokenOptions { RefreshBefore = TimeSpan.FromSeconds(60) }), _time);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => tokens.CurrentAsync("alice", CancellationToken.None))));

        Assert.All(answers, answer => Assert.Equal("at-2", answer.Tokens?.AccessToken));
        Assert.Equal(["rt-1"], refresher.Redeemed);
        Assert.Equal("rt-2", (await store.FindAsync("alice", CancellationToken.None))!.RefreshToken);
    }

    [Fact]
    public async Task A_sign_in_during_a_refresh_keeps_its_tokens_and_the_refresh_answers_with_them()
    {
        var store = Replica();
        await store.SaveAsync("alice", new("at-1", _time.GetUtcNow().AddSeconds(-1), "rt-1"), CancellationToken.None);
        var signedIn = new UpstreamTokenSet("at-sign-in", _time.GetUtcNow().AddMinutes(10), "rt-sign-in");
        var refresher = new RotatingRefresher(_time) { DuringRefresh = () => Replica().SaveAsync("alice", signedIn, CancellationToken.None) };
        var tokens = new UpstreamAccessTokens(store, refresher,
            Microsoft.Extensions.Options.Options.Create(new UpstreamTokenOptions { RefreshBefore = TimeSpan.FromSeconds(60) }), _time);

        var (current, problem) = await tokens.CurrentAsync("alice", CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(signedIn, current);
        Assert.Equal(signedIn, await store.FindAsync("alice", CancellationToken.None));
    }

    [Fact]
    public void Each_user_has_a_stable_refresh_lock_of_their_own_apart_from_the_stores_fixed_locks()
    {
        Assert.Equal(DatabaseUpstreamTokenStore.RefreshLockId("alice"), DatabaseUpstreamTokenStore.RefreshLockId("alice"));
        Assert.NotEqual(DatabaseUpstreamTokenStore.RefreshLockId("alice"), DatabaseUpstreamTokenStore.RefreshLockId("bob"));
        Assert.DoesNotContain(DatabaseUpstreamTokenStore.RefreshLockId("alice"), new[] { IdentityStoreLock.Schema, IdentityStoreLock.Seeding, IdentityStoreLock.Keys });
    }

    /// <summary>An upstream provider that rotates refresh tokens and refuses a redeemed one, as OAuth 2.1 asks of public clients.</summary>
    private sealed class RotatingRefresher(TimeProvider time) : IUpstreamTokenRefresher
    {
        private readonly Lock _gate = new();
        private int _generation = 1;

        public List<string?> Redeemed { get; } = [];

        public Func<Task>? DuringRefresh { get; init; }

        public async Task<UpstreamTokenSet?> RefreshAsync(UpstreamTokenSet current, CancellationToken cancellationToken)
        {
            await Task.Delay(20, cancellationToken);
            if (DuringRefresh is not null)
            {
                await DuringRefresh();
            }
            lock (_gate)
            {
                Redeemed.Add(current.RefreshToken);
                if (current.RefreshToken != $"rt-{_generation}")
                {
                    return null;
                }
                _generation++;
                return new($"at-{_generation}", time.GetUtcNow().AddMinutes(10), $"rt-{_generation}");
            }
        }
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_databaseFile);
    }
}
