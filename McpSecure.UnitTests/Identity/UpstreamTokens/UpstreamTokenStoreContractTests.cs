using System.Text;
using McpSecure.Identity.UpstreamTokens;
using Microsoft.AspNetCore.DataProtection;

namespace McpSecure.UnitTests.Identity.UpstreamTokens;

/// <summary>
/// What every <see cref="IUpstreamTokenStore"/> promises: tokens per user, sealed so that neither they nor the subject
/// are stored in clear, unreadable under another user's key or another key ring (and then deleted), deleted per user,
/// and a refresh never overwriting newer tokens. Each subclass creates its store and adds its own facts.
/// </summary>
public abstract class UpstreamTokenStoreContractTests
{
    private protected static readonly UpstreamTokenSet Alice = new("alice-upstream-access-token-1234", DateTimeOffset.Parse("2026-12-01T12:00:00Z"), "alice-upstream-refresh-token-5678");

    /// <summary>A store on this test's storage (each call a new instance, as another process or replica would be), with the test's keys by default.</summary>
    private protected abstract IUpstreamTokenStore CreateStore(IDataProtectionProvider? dataProtection = null);

    /// <summary>Everything at rest now: each entry's key (file name, row key) and its stored bytes.</summary>
    protected abstract Task<IReadOnlyList<(string Key, byte[] Payload)>> StoredAsync();

    /// <summary>Puts <paramref name="from"/>'s stored bytes under <paramref name="to"/>'s key, as someone with access to the storage could.</summary>
    protected abstract Task CopyStoredTokensAsync(string from, string to);

    [Fact]
    public async Task Tokens_round_trip_per_user_and_another_user_has_none()
    {
        await CreateStore().SaveAsync("alice", Alice, CancellationToken.None);

        Assert.Equal(Alice, await CreateStore().FindAsync("alice", CancellationToken.None));
        Assert.Null(await CreateStore().FindAsync("bob", CancellationToken.None));
    }

    [Fact]
    public async Task What_is_stored_holds_neither_the_tokens_nor_the_subject_in_clear()
    {
        await CreateStore().SaveAsync("alice", Alice, CancellationToken.None);

        var (key, payload) = Assert.Single(await StoredAsync());
        Assert.DoesNotContain("alice", key);
        var bytes = Encoding.UTF8.GetString(payload);
        Assert.DoesNotContain("alice-upstream-access-token", bytes);
        Assert.DoesNotContain("alice-upstream-refresh-token", bytes);
    }

    [Fact]
    public async Task Tokens_copied_to_another_users_key_do_not_decrypt_and_are_deleted()
    {
        var store = CreateStore();
        await store.SaveAsync("alice", Alice, CancellationToken.None);
        await CopyStoredTokensAsync("alice", "bob");
        Assert.Equal(2, (await StoredAsync()).Count);

        Assert.Null(await store.FindAsync("bob", CancellationToken.None));
        Assert.Single(await StoredAsync());
        Assert.Equal(Alice, await store.FindAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task Another_key_ring_cannot_read_the_tokens_and_they_are_deleted()
    {
        await CreateStore().SaveAsync("alice", Alice, CancellationToken.None);

        Assert.Null(await CreateStore(new EphemeralDataProtectionProvider()).FindAsync("alice", CancellationToken.None));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Delete_removes_only_that_users_tokens()
    {
        var store = CreateStore();
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
        var store = CreateStore();
        await store.SaveAsync("alice", Alice, CancellationToken.None);
        var refreshed = Alice with { AccessToken = "at-2", RefreshToken = "rt-2" };
        Assert.True(await store.ReplaceAsync("alice", Alice, refreshed, CancellationToken.None));
        Assert.Equal(refreshed, await store.FindAsync("alice", CancellationToken.None));

        // A sign-in (another request, or another replica) kept newer tokens while this refresh (from the first ones) ran.
        var signedIn = Alice with { AccessToken = "at-sign-in", RefreshToken = "rt-sign-in" };
        await CreateStore().SaveAsync("alice", signedIn, CancellationToken.None);

        Assert.False(await store.ReplaceAsync("alice", refreshed, refreshed with { AccessToken = "at-3", RefreshToken = "rt-3" }, CancellationToken.None));
        Assert.False(await store.ReplaceAsync("alice", refreshed, null, CancellationToken.None));
        Assert.Equal(signedIn, await store.FindAsync("alice", CancellationToken.None));
    }
}
