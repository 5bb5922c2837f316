namespace McpSecure.AppHost.Publishing;

/// <summary>The Helm expressions that read values.yaml, one place for every path the templates use.</summary>
internal static class HelmValuePaths
{
    public const string PublicBaseUrl = ".Values.gateway.publicBaseUrl";
    public const string Issuer = ".Values.authorizationServer.issuer";
    public const string Audience = ".Values.authorizationServer.audience";
    public const string MetadataAddress = ".Values.authorizationServer.metadataAddress";
    public const string UpstreamUrl = ".Values.upstream.url";
    public const string ExposureType = ".Values.exposure.type";
    public const string TlsSecretName = ".Values.exposure.tls.secretName";
    public const string IngressClassName = ".Values.exposure.ingress.className";
    public const string IngressAnnotations = ".Values.exposure.ingress.annotations";
    public const string HttpRouteParentRefs = ".Values.exposure.httpRoute.parentRefs";
    public const string NetworkPolicyEnabled = ".Values.networkPolicy.enabled";

    /// <summary>The public host, from the public URL (no second value to keep in step).</summary>
    public const string PublicHost = "(urlParse " + PublicBaseUrl + ").hostname";

    /// <summary><c>parameters.&lt;workload&gt;</c>: image, replicas, resources, autoscaling, disruption budget, uid.</summary>
    public static string Parameters(ChartWorkload workload) => $"(index .Values.parameters \"{workload.ValuesKey}\")";

    public static string Config(ChartWorkload workload, string key) => $"(index .Values.config \"{workload.ValuesKey}\" \"{key}\")";

    public static string Secret(ChartSecret secret) => $"(index .Values.secrets \"{secret.ValuesKey}\")";

    public static string Service(string name) => $"(index .Values.services \"{HelmNames.ValuesKey(name)}\" \"url\")";

    /// <summary>A value that must be given: Helm stops with this message naming the key.</summary>
    public static string Required(string valuePath, string key, string why) =>
        $"required \"{key} is required: {why}\" {valuePath}";
}
