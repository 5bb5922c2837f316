namespace McpSecure.AppHost.Publishing;

/// <summary>The chart's files that are not Kubernetes objects: Chart.yaml, the helpers, the notes.</summary>
internal static class HelmChartFiles
{
    public const string ChartVersion = "0.1.0";

    public static string ChartYaml(string appVersion) => $"""
        apiVersion: v2
        name: {HelmNames.ChartName}
        description: McpSecure - an OAuth gateway in front of an MCP server, next to your organisation's identity provider.
        type: application
        version: {ChartVersion}
        appVersion: "{appVersion}"

        """;

    /// <summary>
    /// <c>mcpsecure.secretValue</c>: the value given, else the one the release's Secret already holds (so upgrades keep
    /// it), else a generated one where the app model generates it, else a clear failure naming the key.
    /// </summary>
    public const string Helpers = """
        {{/*
        A Secret's base64 value: the one given in values, else the one the release already has (kept on upgrade),
        else generated (when "length" > 0), else fail naming the value to set.
        Arguments: root, name (the Secret), value, key (for the message), length.
        */}}
        {{- define "mcpsecure.secretValue" -}}
        {{- $existing := lookup "v1" "Secret" .root.Release.Namespace .name -}}
        {{- if .value -}}
        {{- .value | b64enc -}}
        {{- else if and $existing $existing.data (hasKey $existing.data "value") -}}
        {{- index $existing.data "value" -}}
        {{- else if gt (int .length) 0 -}}
        {{- randAlphaNum (int .length) | b64enc -}}
        {{- else -}}
        {{- fail (printf "%s is required (or set existingSecret)" .key) -}}
        {{- end -}}
        {{- end }}

        """;

    /// <summary>
    /// <c>mcpsecure.issuer</c>: the issuer the gateway trusts, <c>authorizationServer.issuer</c>, else the demo
    /// provider's when one is on, else a clear failure. <c>mcpsecure.demoUrl</c>: a demo provider's public URL.
    /// <c>mcpsecure.egressToUrl</c>: a NetworkPolicy egress rule to the host of a URL.
    /// </summary>
    public static string IssuerHelpers(ChartApplication app)
    {
        var keycloak = app.DemoProviders.Any(d => d.IsKeycloak);
        var identity = app.DemoProviders.Any(d => !d.IsKeycloak);
        var atMostOne = keycloak && identity
            ? """
              {{- if and (.Values.keycloak | default dict).enabled (.Values.identity | default dict).enabled -}}
              {{- fail "keycloak.enabled and identity.enabled are both true: switch on at most one demo identity provider" -}}
              {{- end -}}

              """
            : "";
        var text = new System.Text.StringBuilder();
        text.Append("""
            {{/*
            A demo identity provider's public URL (no trailing slash). Arguments: root, name (keycloak or identity).
            */}}
            {{- define "mcpsecure.demoUrl" -}}

            """)
            .Append(atMostOne.Replace(".Values.", ".root.Values.", StringComparison.Ordinal))
            .Append("""
            {{- $demo := index .root.Values .name -}}
            {{- required (printf "%s.publicBaseUrl is required when %s.enabled: the https origin of the demo provider (its Ingress/HTTPRoute host), e.g. https://login.mcp.example.com" .name .name) $demo.publicBaseUrl | trimSuffix "/" -}}
            {{- end }}

            {{/*
            The issuer the gateway trusts, exactly as in the tokens' iss.
            */}}
            {{- define "mcpsecure.issuer" -}}

            """)
            .Append(atMostOne);
        if (app.Federation is not null)
        {
            // Federation mode: the gateway trusts McpSecure.Identity, which the chart runs.
            text.Append(Federation.FederatedIdentityTemplates.IssuerBody).Append("{{- end }}\n\n");
            return text.Append(EgressToUrlHelper).ToString();
        }
        text.Append("{{- if .Values.authorizationServer.issuer -}}\n{{- .Values.authorizationServer.issuer -}}\n");
        if (keycloak)
        {
            text.Append("{{- else if (.Values.keycloak | default dict).enabled -}}\n")
                .Append($"{{{{- printf \"%s/realms/{IdentityProviderExtensions.RealmName}\" (include \"mcpsecure.demoUrl\" (dict \"root\" . \"name\" \"keycloak\")) -}}}}\n");
        }
        if (identity)
        {
            // OpenIddict's issuer ends with a slash; its tokens carry it so.
            text.Append("{{- else if (.Values.identity | default dict).enabled -}}\n")
                .Append("{{- printf \"%s/\" (include \"mcpsecure.demoUrl\" (dict \"root\" . \"name\" \"identity\")) -}}\n");
        }
        var demo = app.DemoProviders.Count > 0 ? " (or switch on a demo provider: keycloak.enabled or identity.enabled)" : "";
        text.Append("{{- else -}}\n{{- required \"authorizationServer.issuer is required: the issuer of your organisation's OIDC provider, exactly as in its tokens' iss")
            .Append(demo).Append("\" \"\" -}}\n{{- end -}}\n{{- end }}\n\n");
        text.Append(EgressToUrlHelper);
        return text.ToString();
    }

    /// <summary><c>mcpsecure.egressToUrl</c>: a NetworkPolicy egress rule to the host of a URL.</summary>
    private const string EgressToUrlHelper = """
        {{/*
        A NetworkPolicy egress rule (JSON) to the host of a URL, on its port. Arguments: url; key (the values path
        for messages); to and ports (given in values, may be empty); derive: true, a Service URL
        (http://<service>[.<namespace>[.svc...]]:<port>) gives the peers and any other URL needs them in values;
        false, no peers means any destination on that port.
        */}}
        {{- define "mcpsecure.egressToUrl" -}}
        {{- $u := urlParse .url -}}
        {{- $port := ternary 443 80 (eq $u.scheme "https") -}}
        {{- if contains ":" $u.host }}{{ $port = splitList ":" $u.host | last | int }}{{ end -}}
        {{- $rule := dict "ports" (.ports | default (list (dict "port" $port "protocol" "TCP"))) -}}
        {{- $labels := splitList "." $u.hostname -}}
        {{- if .to -}}
        {{- $_ := set $rule "to" .to -}}
        {{- else if not .derive -}}
        {{- else if eq (len $labels) 1 -}}
        {{- $_ := set $rule "to" (list (dict "podSelector" dict)) -}}
        {{- else if or (eq (len $labels) 2) (eq (index $labels 2) "svc") -}}
        {{- $_ := set $rule "to" (list (dict "namespaceSelector" (dict "matchLabels" (dict "kubernetes.io/metadata.name" (index $labels 1))))) -}}
        {{- else -}}
        {{- fail (printf "%s.to is required: the chart cannot tell where %s is (it can for a Service URL, http://<service>.<namespace>.svc:<port>); give its NetworkPolicy peers, e.g. an ipBlock" .key .url) -}}
        {{- end -}}
        {{- toJson $rule -}}
        {{- end }}

        """;

    public const string Notes = """
        McpSecure is installed as {{ .Release.Name }}.

        MCP endpoint: {{ .Values.gateway.publicBaseUrl }}/mcp
        Issuer the gateway trusts: {{ include "mcpsecure.issuer" . }}
        {{- if eq .Values.exposure.type "none" }}
        The gateway is not exposed (exposure.type=none): port-forward to service {{ .Release.Name }}-gateway.
        {{- end }}

        Your provider must issue JWT access tokens whose aud is {{ .Values.gateway.publicBaseUrl }}/mcp
        {{- if .Values.authorizationServer.audience }} (or {{ .Values.authorizationServer.audience }}){{ end }}.

        """;
}
