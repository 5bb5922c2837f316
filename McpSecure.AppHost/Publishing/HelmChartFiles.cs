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

    public const string Notes = """
        McpSecure is installed as {{ .Release.Name }}.

        MCP endpoint: {{ .Values.gateway.publicBaseUrl }}/mcp
        Issuer the gateway trusts: {{ .Values.authorizationServer.issuer }}
        {{- if eq .Values.exposure.type "none" }}
        The gateway is not exposed (exposure.type=none): port-forward to service {{ .Release.Name }}-gateway.
        {{- end }}

        Your provider must issue JWT access tokens whose aud is {{ .Values.gateway.publicBaseUrl }}/mcp
        {{- if .Values.authorizationServer.audience }} (or {{ .Values.authorizationServer.audience }}){{ end }}.

        """;
}
