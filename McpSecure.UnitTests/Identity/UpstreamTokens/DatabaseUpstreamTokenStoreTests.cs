using System.Text;
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
/// the same EF Core code on SQLite: sealed per user, keyed by a hash, and a refresh never overwrites newer tokens.
/// </summary>
public sealed class DatabaseUpstreamTokenStoreTests : IDisposable
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"upstream-tokens-{Guid.NewGuid():N}.db");
    private readonly ServiceProvider _services;
    private readonly EphemeralDataProtectionProvider _dataProtection = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));

    private static readonly UpstreamTokenSet Alice = new("alice-upstream-access-token-1234", DateTimeOffset.Parse("2026-12-01T12:00:00Z"), "alice-upstream-refresh-token-5678");

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
    public async Task The_row_holds_neither_the_tokens_nor_the_subject_in_clear()
    {
        await Replica().SaveAsync("alice", Alice, CancellationToken.None);

        var row = Assert.Single(Rows());
        Assert.Equal(64, row.SubjectHash.Length);
        Assert.DoesNotContain("alice", row.SubjectHash);
        var payload = Encoding.UTF8.GetString(row.Payload);
        Assert.DoesNotContain("alice-upstream-access-token", payload);
        Assert.DoesNotContain("alice-upstream-refresh-token", payload);
    }

    [Fact]
    public async Task A_payload_moved_to_another_users_row_or_read_with_other_keys_is_not_decrypted_and_is_deleted()
    {
        await Replica().SaveAsync("alice", Alice, CancellationToken.None);
        using (var scope = _services.CreateScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
            var alice = database.UpstreamTokens.Single();
            database.UpstreamTokens.Add(new KeptUpstreamToken { SubjectHash = UpstreamTokenSealing.KeyOf("mallory"), Payload = alice.Payload, Version = 1 });
            await database.SaveChangesAsync();
        }

        Assert.Null(await Replica().FindAsync("mallory", CancellationToken.None));
        Assert.Null(await Replica(new EphemeralDataProtectionProvider()).FindAsync("alice", CancellationToken.None));
        Assert.Empty(Rows());
    }

    [Fact]
    public async Task Delete_removes_only_that_users_tokens()
    {
        var store = Replica();
        await store.SaveAsync("alice", Alice, CancellationToken.None);
        await store.SaveAsync("bob", Alice with { AccessToken = "bob-token" }, CancellationToken.None);

        Assert.True(await store.DeleteAsync("alice", CancellationToken.None));
        Assert.False(await store.DeleteAsync("alice", CancellationToken.None));

        Assert.Null(await store.FindAsync("alice", CancellationToken.None));
        Assert.Equal("bob-token", (await store.FindAsync("bob", CancellationToken.None))!.AccessToken);
    }

    [Fact]
    public async Task A_refresh_result_replaces_the_tokens_it_started_from_but_not_newer_ones_kept_by_a_sign_in_meanwhile()
    {
        var store = Replica();
        await store.SaveAsync("alice", Alice, CancellationToken.None);
        var refreshed = Alice with { AccessToken = "at-2", RefreshToken = "rt-2" };
        Assert.True(await store.ReplaceAsync("alice", Alice, refreshed, CancellationToken.None));
        Assert.Equal(refreshed, await store.FindAsync("alice", CancellationToken.None));

        // A sign-in on another replica kept newer tokens while this refresh (from the first ones) ran.
        var signedIn = Alice with { AccessToken = "at-sign-in", RefreshToken = "rt-sign-in" };
        await Replica().SaveAsync("alice", signedIn, CancellationToken.None);

        Assert.False(await store.ReplaceAsync("alice", refreshed, refreshed with { AccessToken = "at-3", RefreshToken = "rt-3" }, CancellationToken.None));
        Assert.False(await store.ReplaceAsync("alice", refreshed, null, CancellationToken.None));
        Assert.Equal(signedIn, await store.FindAsync("alice", CancellationToken.None));
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
