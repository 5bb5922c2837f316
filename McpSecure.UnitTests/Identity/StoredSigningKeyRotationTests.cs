using McpSecure.Identity.Keys;

namespace McpSecure.UnitTests.Identity;

/// <summary>The rotation rule over the shared database's key rows (PostgreSQL storage): the same rule as the key folders.</summary>
public sealed class StoredSigningKeyRotationTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromDays(30);

    private static Func<StoredServerKey> Generator(DateTimeOffset now)
    {
        var count = 0;
        return () => new StoredServerKey
        {
            KeyId = $"k{++count}-{now:yyyyMMdd}",
            Purpose = ServerKeyPurpose.Signing,
            PrivateKeyPem = "pem",
            CreatedAt = now,
        };
    }

    [Fact]
    public void An_empty_store_gets_an_active_key_and_a_next_key_once()
    {
        var keys = new List<StoredServerKey>();

        var decision = StoredSigningKeyRotation.Decide(keys, Start, Period, Generator(Start));

        Assert.Equal(2, keys.Count);
        Assert.Same(decision.GeneratedFirst, decision.Active);
        Assert.Same(decision.GeneratedNext, decision.Next);
        Assert.Equal(Start, decision.Active.ActivatedAt);
        Assert.Null(decision.Next.ActivatedAt);
        Assert.Null(decision.Previous);
    }

    [Fact]
    public void A_second_replica_starting_on_the_same_rows_generates_nothing_and_gets_the_same_keys()
    {
        var keys = new List<StoredServerKey>();
        var first = StoredSigningKeyRotation.Decide(keys, Start, Period, Generator(Start));

        var second = StoredSigningKeyRotation.Decide(keys, Start.AddMinutes(1), Period, () => throw new InvalidOperationException("must not generate"));

        Assert.Equal(2, keys.Count);
        Assert.Equal(first.Active.KeyId, second.Active.KeyId);
        Assert.Equal(first.Next.KeyId, second.Next.KeyId);
        Assert.Null(second.GeneratedFirst);
        Assert.Null(second.Promoted);
        Assert.Null(second.GeneratedNext);
    }

    [Fact]
    public void After_the_period_the_published_next_key_signs_the_old_one_stays_published_and_a_new_next_key_waits()
    {
        var keys = new List<StoredServerKey>();
        var first = StoredSigningKeyRotation.Decide(keys, Start, Period, Generator(Start));
        var later = Start + Period;

        var rotated = StoredSigningKeyRotation.Decide(keys, later, Period, Generator(later));

        Assert.Equal(first.Next.KeyId, rotated.Active.KeyId);
        Assert.Same(rotated.Promoted, rotated.Active);
        Assert.Equal(first.Active.KeyId, rotated.Previous!.KeyId);
        Assert.NotNull(rotated.GeneratedNext);
        Assert.Equal(3, keys.Count);

        // A replica starting right after sees the rotation done: nothing rotates twice.
        var after = StoredSigningKeyRotation.Decide(keys, later.AddSeconds(5), Period, () => throw new InvalidOperationException("must not generate"));
        Assert.Equal(rotated.Active.KeyId, after.Active.KeyId);
        Assert.Null(after.Promoted);
    }

    [Fact]
    public void Before_the_period_nothing_rotates()
    {
        var keys = new List<StoredServerKey>();
        var first = StoredSigningKeyRotation.Decide(keys, Start, Period, Generator(Start));

        var early = StoredSigningKeyRotation.Decide(keys, Start + Period - TimeSpan.FromMinutes(1), Period, Generator(Start));

        Assert.Equal(first.Active.KeyId, early.Active.KeyId);
        Assert.Null(early.Promoted);
    }
}
