using k8s.Models;
using McpSecure.AppHost.Publishing;

namespace McpSecure.UnitTests.AppHost.Publishing;

public sealed class HelmManifestWriterTests
{
    private static readonly V1Deployment Deployment = new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = "{{ .Release.Name }}-x" },
        Spec = new V1DeploymentSpec { Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "x" }] } } },
    };

    [Fact]
    public void A_patched_field_is_the_helm_expression_unquoted_at_its_place()
    {
        var yaml = HelmManifestWriter.Write(new HelmManifest("d.yaml", Deployment,
            [new HelmPatch("spec.template.spec.containers[0].resources", "{{ toJson .Values.r }}")]));

        Assert.Contains("\n      - name: x\n        resources: {{ toJson .Values.r }}\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("HELMEXPRESSION", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conditional_field_and_a_conditional_file_are_wrapped_in_if()
    {
        var yaml = HelmManifestWriter.Write(new HelmManifest("d.yaml", Deployment,
            [new HelmPatch("spec.replicas", "{{ .Values.replicas }}", "not .Values.hpa")], ".Values.enabled"));

        Assert.StartsWith("{{- if .Values.enabled }}\napiVersion: apps/v1\n", yaml, StringComparison.Ordinal);
        Assert.EndsWith("{{- end }}\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  {{- if not .Values.hpa }}\n  replicas: {{ .Values.replicas }}\n  {{- end }}\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_stay_numbers_and_strings_that_look_like_them_stay_strings()
    {
        var configMap = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Data = new Dictionary<string, string> { ["PORT"] = "8080", ["ON"] = "true" } };
        var service = new V1Service { ApiVersion = "v1", Kind = "Service", Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 8080 }] } };

        Assert.Contains("PORT: \"8080\"", HelmManifestWriter.Write(new HelmManifest("c.yaml", configMap, [])), StringComparison.Ordinal);
        Assert.Contains("ON: \"true\"", HelmManifestWriter.Write(new HelmManifest("c.yaml", configMap, [])), StringComparison.Ordinal);
        Assert.Contains("- port: 8080\n", HelmManifestWriter.Write(new HelmManifest("s.yaml", service, [])), StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_into_a_list_the_object_does_not_have_names_the_field()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HelmManifestWriter.Write(new HelmManifest("d.yaml", Deployment,
            [new HelmPatch("spec.template.spec.volumes[0].name", "{{ .Values.v }}")])));

        Assert.Contains("spec.template.spec.volumes[0].name", error.Message, StringComparison.Ordinal);
        Assert.Contains("'volumes' is not a list", error.Message, StringComparison.Ordinal);
    }
}
