namespace McpSecure.Identity.Keys;

/// <summary>
/// The rotation rule of <see cref="SigningKeyRotation"/> over the rows of the shared database, decided by whichever
/// replica starts (under a lock, so replicas never generate divergent keys):
/// <list type="number">
/// <item>No key: the first key is generated and activated at once (nothing was ever signed).</item>
/// <item>The active key (activated last) is older than the rotation period and a next key exists (published by an
/// earlier start): the oldest next key is activated.</item>
/// <item>No next key: one is generated; only a later start can activate it.</item>
/// <item>The key activated before the active one stays published; older ones are not.</item>
/// </list>
/// A replica started before a rotation keeps its set until it restarts: its JWKS already holds the newly active key
/// (as its next key), and the newer replicas publish its active key (as their previous key).
/// </summary>
internal static class StoredSigningKeyRotation
{
    /// <param name="signingKeys">Every stored signing key; keys added by the rule are appended to it.</param>
    /// <param name="generate">A new key (<see cref="StoredServerKey.ActivatedAt"/> unset).</param>
    public static StoredSigningKeyDecision Decide(List<StoredServerKey> signingKeys, DateTimeOffset now, TimeSpan rotationPeriod,
        Func<StoredServerKey> generate)
    {
        StoredServerKey? generatedFirst = null;
        StoredServerKey? promoted = null;
        StoredServerKey? generatedNext = null;

        var activated = ActivatedNewestFirst(signingKeys);
        if (activated.Count == 0)
        {
            generatedFirst = generate();
            generatedFirst.ActivatedAt = now;
            signingKeys.Add(generatedFirst);
            activated = ActivatedNewestFirst(signingKeys);
        }

        var waiting = WaitingOldestFirst(signingKeys);
        if (waiting.Count > 0 && now - activated[0].ActivatedAt!.Value >= rotationPeriod)
        {
            promoted = waiting[0];
            promoted.ActivatedAt = now;
            activated = ActivatedNewestFirst(signingKeys);
            waiting = WaitingOldestFirst(signingKeys);
        }

        if (waiting.Count == 0)
        {
            generatedNext = generate();
            signingKeys.Add(generatedNext);
            waiting = [generatedNext];
        }

        return new StoredSigningKeyDecision(
            Active: activated[0],
            Next: waiting[0],
            Previous: activated.Count > 1 ? activated[1] : null,
            GeneratedFirst: generatedFirst,
            Promoted: promoted,
            GeneratedNext: generatedNext);
    }

    private static List<StoredServerKey> ActivatedNewestFirst(List<StoredServerKey> keys) =>
        keys.Where(key => key.ActivatedAt is not null)
            .OrderByDescending(key => key.ActivatedAt)
            .ThenByDescending(key => key.KeyId, StringComparer.Ordinal)
            .ToList();

    private static List<StoredServerKey> WaitingOldestFirst(List<StoredServerKey> keys) =>
        keys.Where(key => key.ActivatedAt is null)
            .OrderBy(key => key.CreatedAt)
            .ThenBy(key => key.KeyId, StringComparer.Ordinal)
            .ToList();
}
