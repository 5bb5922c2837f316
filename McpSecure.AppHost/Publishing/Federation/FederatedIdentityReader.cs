namespace McpSecure.AppHost.Publishing.Federation;

/// <summary>
/// Reads McpSecure.Identity's federation settings from the app model (the <c>Identity__Federation__*</c> environment
/// the AppHost gives it), or null when the app does not run it in federation mode.
/// </summary>
internal static class FederatedIdentityReader
{
    private const string Prefix = "Identity__Federation__";

    public static async Task<FederatedIdentity?> ReadAsync(DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        if (model.Resources.SingleOrDefault(r => r.Name == FederatedIdentity.Name) is not ProjectResource identity)
        {
            return null;
        }
        var environment = await AppModelReader.EnvironmentAsync(identity, executionContext);
        if (Literal(environment, Prefix + "Issuer") is not { Length: > 0 } issuer)
        {
            return null;
        }
        var realmFile = Literal(environment, "Identity__RealmFile") is { } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{identity.Name}: federation mode without a realm file (Identity__RealmFile): the chart has no clients, scopes or roles to give it.");
        var image = identity.TryGetLastAnnotation<IProjectMetadata>(out var metadata)
            ? ProjectContainerRepository.Read(metadata.ProjectPath) ?? Path.GetFileNameWithoutExtension(metadata.ProjectPath).ToLowerInvariant()
            : "mcpsecure-identity";
        return new FederatedIdentity(
            issuer,
            Literal(environment, Prefix + "ClientId") ?? "",
            environment.ContainsKey(Prefix + "ClientSecret"),
            List(environment, Prefix + "Scopes__"),
            List(environment, Prefix + "Claims__Roles__"),
            Map(environment, Prefix + "RoleMap__"),
            List(environment, Prefix + "DefaultRoles__"),
            Map(environment, Prefix + "Claims__", except: "Roles"),
            string.Equals(Literal(environment, Prefix + "UpstreamTokens__Keep"), "true", StringComparison.OrdinalIgnoreCase),
            List(environment, Prefix + "UpstreamTokens__ExchangeClients__"),
            List(environment, Prefix + "UpstreamTokens__Audiences__"),
            string.Equals(Literal(environment, "Identity__Storage__Provider"), FederatedIdentity.PostgreSql, StringComparison.OrdinalIgnoreCase)
                ? FederatedIdentity.PostgreSql : FederatedIdentity.Sqlite,
            identity.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1,
            image,
            Path.GetFileName(realmFile),
            ProductionRealm(await File.ReadAllTextAsync(realmFile, cancellationToken)));
    }

    /// <summary>
    /// The realm without what is known to everyone who has the repository: its users (federation seeds none anyway)
    /// and its confidential clients, whose secrets are development values. Public clients, scopes and roles stay.
    /// </summary>
    internal static string ProductionRealm(string json)
    {
        var realm = System.Text.Json.Nodes.JsonNode.Parse(json)?.AsObject()
            ?? throw new InvalidOperationException("The realm file is not a JSON object.");
        realm.Remove("users");
        if (realm["clients"] is System.Text.Json.Nodes.JsonArray clients)
        {
            foreach (var client in clients.Where(c => c?["publicClient"]?.GetValue<bool>() != true).ToList())
            {
                clients.Remove(client);
            }
        }
        return realm.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static string? Literal(Dictionary<string, object> environment, string key) =>
        environment.TryGetValue(key, out var value) ? value as string : null;

    /// <summary><c>{prefix}0</c>, <c>{prefix}1</c>… in order.</summary>
    private static List<string> List(Dictionary<string, object> environment, string prefix) =>
    [
        .. environment
            .Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(e.Key[prefix.Length..], out _) && e.Value is string)
            .OrderBy(e => int.Parse(e.Key[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => (string)e.Value),
    ];

    /// <summary><c>{prefix}{name}</c> → name and value (names with no further <c>__</c>).</summary>
    private static SortedDictionary<string, string> Map(Dictionary<string, object> environment, string prefix, string? except = null) =>
        new(environment
            .Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) && e.Value is string && !e.Key[prefix.Length..].Contains("__", StringComparison.Ordinal))
            .Select(e => (Name: e.Key[prefix.Length..], Value: (string)e.Value))
            .Where(e => e.Name != except)
            .ToDictionary(e => e.Name, e => e.Value), StringComparer.Ordinal);
}
