namespace McpSecure.AppHost.Publishing.Federation;

/// <summary>
/// The Helm helpers of the federated McpSecure.Identity: its public URL (the gateway's issuer), its settings as one
/// map (the ConfigMap's data), its egress rule to PostgreSQL, and the checks that stop a render that cannot work.
/// </summary>
internal static class FederatedIdentityTemplates
{
    public const string Values = ".Values.identity";
    public const string Provider = ".Values.identity.storage.provider";
    public const string IsPostgreSql = $"eq ({Provider} | toString) \"{FederatedIdentity.PostgreSql}\"";
    public const string IsPersistentSqlite = $"and (eq ({Provider} | toString) \"{FederatedIdentity.Sqlite}\") .Values.identity.storage.sqlite.persistence.enabled";
    public const string ClientSecret = ".Values.identity.federation.clientSecret";

    /// <summary>The client secret's env entry exists: a Secret is given, a value is given, or the app model's client is confidential.</summary>
    public const string HasClientSecret = $"or {ClientSecret}.existingSecret {ClientSecret}.value .Values.identity.federation.confidential";

    /// <summary>The chart makes the client secret's Secret (no existing one named).</summary>
    public const string MakesClientSecret = $"and (not {ClientSecret}.existingSecret) ({ClientSecret}.value | default .Values.identity.federation.confidential)";

    public static readonly ChartSecret UpstreamClientSecret = new(AppModelNames.Resources.UpstreamClientSecret, null);

    /// <summary>The public host of McpSecure.Identity, for its Ingress or HTTPRoute.</summary>
    public const string PublicHost = "(urlParse (include \"mcpsecure.identityUrl\" $)).hostname";

    /// <summary><c>mcpsecure.issuer</c>'s body in federation mode: McpSecure.Identity's public URL with OpenIddict's trailing slash.</summary>
    public const string IssuerBody = "{{- printf \"%s/\" (include \"mcpsecure.identityUrl\" .) -}}\n";

    public static string Helpers(FederatedIdentity identity) => $$$"""
        {{/*
        McpSecure.Identity's public URL (no trailing slash): browsers sign in there, the gateway fetches its discovery there.
        */}}
        {{- define "mcpsecure.identityUrl" -}}
        {{- required "identity.publicUrl is required: the https origin of McpSecure.Identity (federation mode), e.g. https://login.mcp.example.com; the gateway's issuer is <identity.publicUrl>/" .Values.identity.publicUrl | trimSuffix "/" -}}
        {{- end }}

        {{/*
        McpSecure.Identity's settings in federation mode (the ConfigMap's data, JSON): no secret here, the client secret
        and the connection string are env entries from Secrets.
        */}}
        {{- define "mcpsecure.identityConfig" -}}
        {{- $i := .Values.identity -}}
        {{- $f := $i.federation -}}
        {{- $c := dict "ASPNETCORE_FORWARDEDHEADERS_ENABLED" "true" "Identity__DataPath" "{{{FederatedIdentityManifests.DataDirectory}}}" "Identity__RealmFile" "{{{FederatedIdentityManifests.RealmDirectory}}}/{{{identity.RealmFileName}}}" -}}
        {{- $_ := set $c "Identity__Issuer" (include "mcpsecure.issuer" .) -}}
        {{- $_ := set $c "Identity__Resources__0" (printf "%s{{{AppModelNames.Paths.Mcp}}}" ({{{HelmValuePaths.Required(HelmValuePaths.PublicBaseUrl, "gateway.publicBaseUrl", "the https origin MCP clients use, e.g. https://mcp.example.com")}}} | trimSuffix "/")) -}}
        {{- $_ := set $c "Identity__Storage__Provider" ($i.storage.provider | toString) -}}
        {{- $_ := set $c "Identity__Federation__Issuer" (required "identity.federation.upstreamIssuer is required: the issuer of your organisation's OIDC provider, where users sign in" $f.upstreamIssuer) -}}
        {{- $_ := set $c "Identity__Federation__ClientId" (required "identity.federation.clientId is required: the client registered for McpSecure.Identity at the upstream provider (redirect URI <identity.publicUrl>/federation/callback)" $f.clientId) -}}
        {{- range $n, $v := $f.scopes }}{{ $_ := set $c (printf "Identity__Federation__Scopes__%d" $n) ($v | toString) }}{{ end -}}
        {{- range $n, $v := $f.roleClaims }}{{ $_ := set $c (printf "Identity__Federation__Claims__Roles__%d" $n) ($v | toString) }}{{ end -}}
        {{- range $n, $v := $f.defaultRoles }}{{ $_ := set $c (printf "Identity__Federation__DefaultRoles__%d" $n) ($v | toString) }}{{ end -}}
        {{- range $k, $v := $f.roleMap }}{{ $_ := set $c (printf "Identity__Federation__RoleMap__%s" $k) ($v | toString) }}{{ end -}}
        {{- range $k, $v := $f.claims }}{{ if $v }}{{ $_ := set $c (printf "Identity__Federation__Claims__%s" $k) ($v | toString) }}{{ end }}{{ end -}}
        {{- if $f.upstreamTokens.keep }}{{ $_ := set $c "Identity__Federation__UpstreamTokens__Keep" "true" }}{{ end -}}
        {{- range $n, $v := $f.upstreamTokens.exchangeClients }}{{ $_ := set $c (printf "Identity__Federation__UpstreamTokens__ExchangeClients__%d" $n) ($v | toString) }}{{ end -}}
        {{- range $n, $v := $f.upstreamTokens.audiences }}{{ $_ := set $c (printf "Identity__Federation__UpstreamTokens__Audiences__%d" $n) ($v | toString) }}{{ end -}}
        {{- toJson $c -}}
        {{- end }}

        {{/*
        McpSecure.Identity's egress to PostgreSQL (JSON): networkPolicy.egress.postgres.to (any address when empty) on its
        ports (5432 when empty).
        */}}
        {{- define "mcpsecure.identityPostgresEgress" -}}
        {{- $given := .Values.networkPolicy.egress.postgres | default dict -}}
        {{- $rule := dict "ports" ($given.ports | default (list (dict "port" 5432 "protocol" "TCP"))) -}}
        {{- if $given.to }}{{ $_ := set $rule "to" $given.to }}{{ end -}}
        {{- toJson $rule -}}
        {{- end }}

        """;

    /// <summary>templates/identity/checks.yaml: what cannot work stops the render, naming the values to change.</summary>
    public const string Checks = """
        {{- $i := .Values.identity -}}
        {{- $p := $i.storage.provider | toString -}}
        {{- if not (has $p (list "Sqlite" "PostgreSql")) -}}
        {{- fail (printf "identity.storage.provider is %q: Sqlite (one replica, its database on a volume) or PostgreSql (replicas share one database)" $p) -}}
        {{- end -}}
        {{- if lt (int $i.replicas) 1 -}}
        {{- fail (printf "identity.replicas is %d: at least 1" (int $i.replicas)) -}}
        {{- end -}}
        {{- if and (eq $p "Sqlite") (gt (int $i.replicas) 1) -}}
        {{- fail (printf "identity.replicas is %d but identity.storage.provider is Sqlite: a SQLite file belongs to one pod; set identity.storage.provider=PostgreSql with identity.storage.postgres.existingSecret, or identity.replicas=1" (int $i.replicas)) -}}
        {{- end -}}
        {{- if and (eq $p "PostgreSql") (not $i.storage.postgres.existingSecret) -}}
        {{- fail "identity.storage.postgres.existingSecret is required when identity.storage.provider is PostgreSql: a Secret whose key identity.storage.postgres.key holds the Npgsql connection string (Host=...;Database=...;Username=...;Password=...)" -}}
        {{- end -}}

        """;
}
