using k8s.Models;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// One Secret per secret parameter of the app model (the identity-forwarding key that the gateway and the MCP server
/// share is one Secret). Its value comes from <c>secrets.&lt;name&gt;.value</c>, or from the Secret the release
/// already has, or, for a generated parameter, is generated at install; <c>existingSecret</c> names a Secret
/// managed elsewhere instead. It is referenced by the Deployments, never inlined in a ConfigMap or a pod spec.
/// </summary>
internal static class SecretManifests
{
    /// <summary>The key of the value in each Secret (also expected in an <c>existingSecret</c>).</summary>
    public const string Key = "value";

    /// <summary>The Secret's name: the existing one given in values, else the chart's own.</summary>
    public static string SecretName(ChartSecret secret) =>
        "{{ " + HelmValuePaths.Secret(secret) + ".existingSecret | default (printf \"%s-" + secret.Name + "\" .Release.Name) }}";

    public static HelmManifest Build(ChartSecret secret)
    {
        var s = HelmValuePaths.Secret(secret);
        var resource = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta
            {
                Name = HelmNames.Object(secret.Name),
                Labels = new Dictionary<string, string>
                {
                    [HelmNames.InstanceLabel] = "{{ .Release.Name }}",
                    [HelmNames.PartOfLabel] = HelmNames.ChartName,
                    [HelmNames.ManagedByLabel] = "{{ .Release.Service }}",
                },
            },
            Data = new Dictionary<string, byte[]>(),
        };
        var helper = "{{ include \"mcpsecure.secretValue\" (dict \"root\" $ \"name\" (printf \"%s-" + secret.Name + "\" .Release.Name) " +
                     $"\"value\" {s}.value \"key\" \"secrets.{secret.ValuesKey}.value\" \"length\" {secret.GeneratedLength ?? 0}) }}}}";
        return new HelmManifest($"templates/secrets/{secret.Name}.yaml", resource,
            [new HelmPatch($"data.{Key}", helper)], $"not {s}.existingSecret");
    }
}
