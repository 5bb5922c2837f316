using System.Xml.Linq;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// The <c>ContainerRepository</c> a project file states, so that the chart runs the image that
/// <c>dotnet publish -t:PublishContainer</c> builds from it.
/// </summary>
internal static class ProjectContainerRepository
{
    /// <summary>The literal value in <paramref name="projectPath"/>; null when it is absent, computed by MSBuild, or the file is unreadable.</summary>
    public static string? Read(string projectPath)
    {
        if (!File.Exists(projectPath))
        {
            return null;
        }
        try
        {
            var value = XDocument.Load(projectPath).Descendants()
                .LastOrDefault(e => e.Name.LocalName == "ContainerRepository" && e.Parent?.Name.LocalName == "PropertyGroup")
                ?.Value.Trim();
            // "$(...)" needs MSBuild to evaluate; the default name is then the honest guess.
            return string.IsNullOrEmpty(value) || value.Contains("$(", StringComparison.Ordinal) ? null : value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
