namespace McpSecure.AppHost.Publishing;

/// <summary>How the chart names things: objects, labels, values keys.</summary>
internal static class HelmNames
{
    public const string ChartName = "mcpsecure";

    /// <summary>The fixed non-root uid and gid of the .NET container images (<c>APP_UID</c> of the chiseled images).</summary>
    public const long NonRootUid = 1654;

    /// <summary>The port every .NET workload listens on in the cluster (ASP.NET Core images' default).</summary>
    public const int ProjectPort = 8080;

    public const string ServiceDefaultsLiveness = "/alive";

    public const string NameLabel = "app.kubernetes.io/name";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string PartOfLabel = "app.kubernetes.io/part-of";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>An object of the release: <c>&lt;release&gt;-&lt;resource&gt;</c>.</summary>
    public static string Object(string resource) => "{{ .Release.Name }}-" + resource;

    /// <summary>A resource name as a values key (Go templates cannot use <c>-</c> in a field name).</summary>
    public static string ValuesKey(string name) => name.Replace('-', '_');

    /// <summary>The labels that select a workload's pods.</summary>
    public static Dictionary<string, string> Selector(string resource) => new()
    {
        [NameLabel] = resource,
        [InstanceLabel] = "{{ .Release.Name }}",
    };

    /// <summary>The labels every object carries.</summary>
    public static Dictionary<string, string> Labels(string resource) => new(Selector(resource))
    {
        [PartOfLabel] = ChartName,
        [ManagedByLabel] = "{{ .Release.Service }}",
    };
}
