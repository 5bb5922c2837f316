using k8s.Models;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// The hardening every pod of the chart gets (the nginx design's pod and more): non-root with a fixed uid from
/// values, a read-only root file system with an <c>emptyDir</c> for what must be written, no capabilities, no
/// privilege escalation, <c>RuntimeDefault</c> seccomp, no service account token, spread over nodes and zones.
/// </summary>
internal static class PodHardening
{
    public static V1PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1SecurityContext Container() => new()
    {
        RunAsNonRoot = true,
        AllowPrivilegeEscalation = false,
        Privileged = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>The pod's uid, gid and fsGroup from <paramref name="uidExpression"/> (a values path).</summary>
    public static IEnumerable<HelmPatch> PodUid(string uidExpression, string pod = "spec.template.spec") =>
    [
        new HelmPatch($"{pod}.securityContext.runAsUser", $"{{{{ {uidExpression} | int64 }}}}"),
        new HelmPatch($"{pod}.securityContext.runAsGroup", $"{{{{ {uidExpression} | int64 }}}}"),
        new HelmPatch($"{pod}.securityContext.fsGroup", $"{{{{ {uidExpression} | int64 }}}}"),
    ];

    /// <summary>A container's uid and gid from <paramref name="uidExpression"/>.</summary>
    public static IEnumerable<HelmPatch> ContainerUid(string container, string uidExpression) =>
    [
        new HelmPatch($"{container}.securityContext.runAsUser", $"{{{{ {uidExpression} | int64 }}}}"),
        new HelmPatch($"{container}.securityContext.runAsGroup", $"{{{{ {uidExpression} | int64 }}}}"),
    ];

    public static V1Volume EmptyDirectory(string name, string sizeLimit = "64Mi") =>
        new() { Name = name, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity(sizeLimit) } };

    /// <summary>Spread over nodes and zones, as far as the cluster allows.</summary>
    public static List<V1TopologySpreadConstraint> Spread(Dictionary<string, string> selector) =>
    [
        Spread(selector, "kubernetes.io/hostname"),
        Spread(selector, "topology.kubernetes.io/zone"),
    ];

    private static V1TopologySpreadConstraint Spread(Dictionary<string, string> selector, string topologyKey) => new()
    {
        MaxSkew = 1,
        TopologyKey = topologyKey,
        WhenUnsatisfiable = "ScheduleAnyway",
        LabelSelector = new V1LabelSelector { MatchLabels = selector },
    };
}
