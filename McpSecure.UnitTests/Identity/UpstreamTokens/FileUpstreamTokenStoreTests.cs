using McpSecure.Identity.UpstreamTokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecure.UnitTests.Identity.UpstreamTokens;

/// <summary>The kept upstream tokens in files (<see cref="UpstreamTokenStoreContractTests"/>): one per user, named by a hash, readable by the owner only.</summary>
public sealed class FileUpstreamTokenStoreTests : UpstreamTokenStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("upstream-tokens-").FullName;
    private readonly EphemeralDataProtectionProvider _dataProtection = new();

    private FileUpstreamTokenStore Store(IDataProtectionProvider? dataProtection = null) =>
        new(dataProtection ?? _dataProtection, _folder, NullLogger<FileUpstreamTokenStore>.Instance);

    private protected override IUpstreamTokenStore CreateStore(IDataProtectionProvider? dataProtection = null) => Store(dataProtection);

    protected override async Task<IReadOnlyList<(string Key, byte[] Payload)>> StoredAsync()
    {
        List<(string, byte[])> stored = [];
        foreach (var file in Directory.GetFiles(_folder))
        {
            stored.Add((Path.GetFileName(file), await File.ReadAllBytesAsync(file)));
        }
        return stored;
    }

    protected override Task CopyStoredTokensAsync(string from, string to)
    {
        File.Copy(Store().PathOf(from), Store().PathOf(to));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_file_is_readable_and_writable_by_its_owner_only()
    {
        await Store().SaveAsync("alice", Alice, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.Equal(Store().PathOf("alice"), file);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
