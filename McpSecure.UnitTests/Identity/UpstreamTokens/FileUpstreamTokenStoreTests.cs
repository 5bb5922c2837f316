using System.Text;
using McpSecure.Identity.UpstreamTokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecure.UnitTests.Identity.UpstreamTokens;

/// <summary>The kept upstream tokens: encrypted at rest, one file per user that only that user's purpose decrypts.</summary>
public sealed class FileUpstreamTokenStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("upstream-tokens-").FullName;
    private readonly EphemeralDataProtectionProvider _dataProtection = new();

    private FileUpstreamTokenStore Store() => new(_dataProtection, _folder, NullLogger<FileUpstreamTokenStore>.Instance);

    private static readonly UpstreamTokenSet Alice = new("alice-upstream-access-token-1234", DateTimeOffset.Parse("2026-12-01T12:00:00Z"), "alice-upstream-refresh-token-5678");

    [Fact]
    public async Task Tokens_round_trip_per_user_and_another_user_has_none()
    {
        var store = Store();
        await store.SaveAsync("alice", Alice, CancellationToken.None);

        Assert.Equal(Alice, await store.FindAsync("alice", CancellationToken.None));
        Assert.Null(await store.FindAsync("bob", CancellationToken.None));
    }

    [Fact]
    public async Task The_file_holds_neither_the_tokens_nor_the_subject_in_clear()
    {
        var store = Store();
        await store.SaveAsync("alice", Alice, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.DoesNotContain("alice", Path.GetFileName(file));
        var bytes = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
        Assert.DoesNotContain("alice-upstream-access-token", bytes);
        Assert.DoesNotContain("alice-upstream-refresh-token", bytes);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task A_file_copied_to_another_users_name_does_not_decrypt_and_is_deleted()
    {
        var store = Store();
        await store.SaveAsync("alice", Alice, CancellationToken.None);
        File.Copy(store.PathOf("alice"), store.PathOf("bob"));

        Assert.Null(await store.FindAsync("bob", CancellationToken.None));
        Assert.False(File.Exists(store.PathOf("bob")));
        Assert.Equal(Alice, await store.FindAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task Another_key_ring_cannot_read_the_tokens()
    {
        await Store().SaveAsync("alice", Alice, CancellationToken.None);

        var otherKeys = new FileUpstreamTokenStore(new EphemeralDataProtectionProvider(), _folder, NullLogger<FileUpstreamTokenStore>.Instance);

        Assert.Null(await otherKeys.FindAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task Delete_removes_only_that_users_tokens()
    {
        var store = Store();
        await store.SaveAsync("alice", Alice, CancellationToken.None);
        await store.SaveAsync("bob", Alice with { AccessToken = "bob-token" }, CancellationToken.None);

        Assert.True(await store.DeleteAsync("alice", CancellationToken.None));
        Assert.False(await store.DeleteAsync("alice", CancellationToken.None));

        Assert.Null(await store.FindAsync("alice", CancellationToken.None));
        Assert.Equal("bob-token", (await store.FindAsync("bob", CancellationToken.None))!.AccessToken);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
