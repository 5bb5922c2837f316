using System.Text.Json;
using System.Text.RegularExpressions;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Template;

/// <summary>
/// One solution made by <c>dotnet new mcpsecure</c>: its name, the <c>--server</c> choice, the hive it came from, and
/// what creating and building it did (the fixture records the build instead of throwing, so each test fails on its own).
/// </summary>
public sealed partial class GeneratedApp(string name, string server, string hive, string folder, bool skipRestore)
{
    public string Name { get; } = name;
    /// <summary>prometheus, blank or external.</summary>
    public string Server { get; } = server;
    /// <summary>"package" (installed from the packed .nupkg) or "folder" (installed from the repository).</summary>
    public string Hive { get; } = hive;
    public string Folder { get; } = folder;
    public bool SkipRestore { get; } = skipRestore;

    public DotNetCli.Run Creation { get; internal set; } = null!;
    /// <summary>The <c>obj/</c> folders that existed right after <c>dotnet new</c>, before any build.</summary>
    public IReadOnlyList<string> ObjFoldersAfterCreation { get; internal set; } = [];
    public DotNetCli.Run? Build { get; internal set; }

    /// <summary>The lower-case data name the template derives (<c>contoso-weather</c>): the AppHost's data folder is <c>.{it}</c>.</summary>
    public string KebabName => NonAlphanumeric().Replace(Name, "-").ToLowerInvariant();

    public string Project(string suffix) => Path.Combine(Folder, $"{Name}.{suffix}");

    public string Solution => Path.Combine(Folder, $"{Name}.slnx");

    /// <summary>The projects the solution lists (their folder names), from the .slnx.</summary>
    public IReadOnlyList<string> SolutionProjects =>
        [.. SolutionProject().Matches(File.ReadAllText(Solution)).Select(m => m.Groups["name"].Value).Order(StringComparer.Ordinal)];

    /// <summary>The AppHost's appsettings.json, where the template renamed the section <c>McpSecure</c> to <see cref="Name"/>.</summary>
    public JsonElement AppHostSection =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Project("AppHost"), "appsettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }).RootElement.GetProperty(Name);

    public int GatewayPort => AppHostSection.GetProperty("GatewayPort").GetInt32();
    public int IdentityPort => AppHostSection.GetProperty("IdentityPort").GetInt32();

    /// <summary>Every port in the AppHost's launchSettings.json (dashboard, OTLP, resource service; http and https).</summary>
    public IReadOnlyList<int> LaunchSettingsPorts =>
        [.. LocalhostPort().Matches(File.ReadAllText(Path.Combine(Project("AppHost"), "Properties", "launchSettings.json")))
            .Select(m => int.Parse(m.Groups["port"].Value)).Distinct().Order()];

    /// <summary>Every port the template generates for this app.</summary>
    public IReadOnlyList<int> GeneratedPorts => [GatewayPort, IdentityPort, .. LaunchSettingsPorts];

    /// <summary>The files of the generated app (relative paths), without build output and the AppHost's run-time data.</summary>
    public IReadOnlyList<string> SourceFiles =>
        [.. Directory.EnumerateFiles(Folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(Folder, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" || part == $".{KebabName}"))
            .Order(StringComparer.Ordinal)];

    public override string ToString() => $"{Name} --server {Server} ({Hive} hive)";

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonAlphanumeric();

    [GeneratedRegex(@"<Project Path=""(?:[^""/]*/)?(?<name>[^""/]+)\.csproj""")]
    private static partial Regex SolutionProject();

    [GeneratedRegex(@"localhost:(?<port>\d+)")]
    private static partial Regex LocalhostPort();
}
