using k8s.Models;
using McpSecure.AppHost.Publishing.GatewayApi;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// How the gateway, and only the gateway, is reached from outside: an Ingress or a Gateway API HTTPRoute, chosen by
/// <c>exposure.type</c>; the host is the one of <c>gateway.publicBaseUrl</c>.
/// </summary>
internal static class ExposureManifests
{
    public static IEnumerable<HelmManifest> Build(ChartWorkload gateway)
    {
        var labels = HelmNames.Labels(gateway.Name);
        var host = $"{{{{ {HelmValuePaths.PublicHost} | quote }}}}";
        var ingress = new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta { Name = HelmNames.Object(gateway.Name), Labels = labels },
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
                                            Name = HelmNames.Object(gateway.Name),
                                            Port = new V1ServiceBackendPort { Number = gateway.Port },
                                        },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
        yield return new HelmManifest($"templates/{gateway.Name}/ingress.yaml", ingress,
        [
            new HelmPatch("metadata.annotations", $"{{{{ toJson {HelmValuePaths.IngressAnnotations} }}}}", HelmValuePaths.IngressAnnotations),
            new HelmPatch("spec.ingressClassName", $"{{{{ {HelmValuePaths.IngressClassName} | quote }}}}", HelmValuePaths.IngressClassName),
            new HelmPatch("spec.rules[0].host", host),
            new HelmPatch("spec.tls", $"{{{{ list (dict \"hosts\" (list {HelmValuePaths.PublicHost}) \"secretName\" {HelmValuePaths.TlsSecretName}) | toJson }}}}",
                HelmValuePaths.TlsSecretName),
        ], $"eq {HelmValuePaths.ExposureType} \"ingress\"");

        var route = new HttpRoute
        {
            Metadata = new V1ObjectMeta { Name = HelmNames.Object(gateway.Name), Labels = labels },
            Spec = new HttpRouteSpec
            {
                Hostnames = [""],
                Rules = [new HttpRouteRule { BackendRefs = [new HttpRouteBackendReference { Name = HelmNames.Object(gateway.Name), Port = gateway.Port }] }],
            },
        };
        yield return new HelmManifest($"templates/{gateway.Name}/httproute.yaml", route,
        [
            new HelmPatch("spec.parentRefs", $"{{{{ {HelmValuePaths.Required(HelmValuePaths.HttpRouteParentRefs, "exposure.httpRoute.parentRefs", "the Gateway (and listener) the route attaches to")} | toJson }}}}"),
            new HelmPatch("spec.hostnames[0]", host),
        ], $"eq {HelmValuePaths.ExposureType} \"httpRoute\"");
    }
}
