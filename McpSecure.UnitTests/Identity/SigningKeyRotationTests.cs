using McpSecure.Identity.Keys;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace McpSecure.UnitTests.Identity;

public sealed class SigningKeyRotationTests : IDisposable
{
    private static readonly TimeSpan RotationPeriod = TimeSpan.FromDays(30);

    // Small keys: the rules under test do not depend on the key size, and 2048-bit keys take long to generate.
    private const int KeySizeInBits = 512;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"signing-keys-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 14, 10, 15, 30, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SigningKeySet Start() =>
        new SigningKeyRotation(_clock, NullLogger.Instance, KeySizeInBits).LoadOrRotate(_folder, RotationPeriod);

    private string[] NextFolderKeyIds() =>
        Directory.GetFiles(Path.Combine(_folder, SigningKeyRotation.NextKeyFolderName), "*.pem").Select(Path.GetFileNameWithoutExtension).ToArray()!;

    [Fact]
    public void The_first_start_creates_an_active_key_and_publishes_a_next_one_in_advance()
    {
        var keys = Start();

        Assert.NotEqual(keys.Active.KeyId, keys.Next.KeyId);
        Assert.Null(keys.Previous);
        Assert.Equal(new[] { keys.Active.KeyId, keys.Next.KeyId }, keys.Published.Select(key => key.KeyId));
        Assert.Equal(keys.Active.KeyId, Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_folder, "*.pem"))));
        Assert.Equal(new[] { keys.Next.KeyId }, NextFolderKeyIds());
        // Key ids sort by creation time: they start with the clock's time.
        Assert.StartsWith("20260514T101530Z-", keys.Active.KeyId);
    }

    [Fact]
    public void A_start_within_the_rotation_period_keeps_the_same_keys()
    {
        var first = Start();
        _clock.Advance(RotationPeriod - TimeSpan.FromMinutes(1));

        var second = Start();

        Assert.Equal(first.Active.KeyId, second.Active.KeyId);
        Assert.Equal(first.Next.KeyId, second.Next.KeyId);
        Assert.Null(second.Previous);
    }

    [Fact]
    public void Once_the_active_key_is_old_enough_the_published_next_key_takes_over_and_the_old_one_stays_published()
    {
        var first = Start();
        _clock.Advance(RotationPeriod);

        var rotated = Start();

        Assert.Equal(first.Next.KeyId, rotated.Active.KeyId);
        Assert.Equal(first.Active.KeyId, rotated.Previous?.KeyId);
        Assert.DoesNotContain(rotated.Next.KeyId, new[] { first.Active.KeyId, first.Next.KeyId });
        Assert.Equal(new[] { rotated.Active.KeyId, rotated.Next.KeyId, first.Active.KeyId }, rotated.Published.Select(key => key.KeyId));
        Assert.Equal(new[] { rotated.Next.KeyId }, NextFolderKeyIds());

        // The promoted key's age counts from its promotion: the next start does not rotate again.
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(rotated.Active.KeyId, Start().Active.KeyId);
    }

    [Fact]
    public void A_key_that_was_never_published_is_not_promoted_even_when_the_active_key_is_old()
    {
        var first = Start();
        File.Delete(Path.Combine(_folder, SigningKeyRotation.NextKeyFolderName, first.Next.KeyId + ".pem"));
        _clock.Advance(RotationPeriod * 2);

        var keys = Start();

        Assert.Equal(first.Active.KeyId, keys.Active.KeyId);
        Assert.NotEqual(first.Next.KeyId, keys.Next.KeyId);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(keys.Next.KeyId, Start().Active.KeyId);
    }

    [Fact]
    public void A_key_file_that_is_not_an_rsa_pem_key_stops_the_start_naming_the_file()
    {
        Directory.CreateDirectory(_folder);
        var broken = Path.Combine(_folder, "broken.pem");
        File.WriteAllText(broken, "not a key");

        var error = Assert.Throws<InvalidOperationException>(Start);

        Assert.Contains(broken, error.Message);
    }
}
