using k8s.Models;
using McpSecure.AppHost.Publishing.GatewayApi;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// How the gateway, and only the gateway, is reached from outside: an Ingress or a Gateway API HTTPRoute, chosen by
/// <c>exposure.type</c>; the host is the one of <c>gateway.publicBaseUrl</c>. A demo identity provider, when values
/// switch one on, is exposed the same way on the host of its own public URL.
/// </summary>
internal static class ExposureManifests
{
    public static IEnumerable<HelmManifest> Build(ChartWorkload gateway) =>
        Build(gateway.Name, gateway.Port, HelmValuePaths.PublicHost, HelmValuePaths.TlsSecretName, condition: null);

    /// <param name="name">The workload (its Service is <c>&lt;release&gt;-&lt;name&gt;</c>).</param>
    /// <param name="port">Its Service port.</param>
    /// <param name="hostExpression">The public host, a Helm expression.</param>
    /// <param name="tlsSecretPath">The values path of the Ingress's TLS Secret name.</param>
    /// <param name="condition">When set, the objects exist only when it holds too.</param>
    public static IEnumerable<HelmManifest> Build(string name, int port, string hostExpression, string tlsSecretPath, string? condition)
    {
        var labels = HelmNames.Labels(name);
        var host = $"{{{{ {hostExpression} | quote }}}}";
        var ingress = new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta { Name = HelmNames.Object(name), Labels = labels },
            Spec = new V1IngressSpec
            {
                Rules =
                [
                    new V1IngressRule
                    {
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend
                                        {
                                            Name = HelmNames.Object(name),
                                            Port = new V1ServiceBackendPort { Number = port },
                                        },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
        yield return new HelmManifest($"templates/{name}/ingress.yaml", ingress,
        [
            new HelmPatch("metadata.annotations", $"{{{{ toJson {HelmValuePaths.IngressAnnotations} }}}}", HelmValuePaths.IngressAnnotations),
            new HelmPatch("spec.ingressClassName", $"{{{{ {HelmValuePaths.IngressClassName} | quote }}}}", HelmValuePaths.IngressClassName),
            new HelmPatch("spec.rules[0].host", host),
            new HelmPatch("spec.tls", $"{{{{ list (dict \"hosts\" (list {hostExpression}) \"secretName\" {tlsSecretPath}) | toJson }}}}",
                tlsSecretPath),
        ], PodLayout.And(condition, $"eq {HelmValuePaths.ExposureType} \"ingress\""));

        var route = new HttpRoute
        {
            Metadata = new V1ObjectMeta { Name = HelmNames.Object(name), Labels = labels },
            Spec = new HttpRouteSpec
            {
                Hostnames = [""],
                Rules = [new HttpRouteRule { BackendRefs = [new HttpRouteBackendReference { Name = HelmNames.Object(name), Port = port }] }],
            },
        };
        yield return new HelmManifest($"templates/{name}/httproute.yaml", route,
        [
            new HelmPatch("spec.parentRefs", $"{{{{ {HelmValuePaths.Required(HelmValuePaths.HttpRouteParentRefs, "exposure.httpRoute.parentRefs", "the Gateway (and listener) the route attaches to")} | toJson }}}}"),
            new HelmPatch("spec.hostnames[0]", host),
        ], PodLayout.And(condition, $"eq {HelmValuePaths.ExposureType} \"httpRoute\""));
    }
}
