using McpSecure.AppHost.Publishing;

namespace McpSecure.UnitTests.AppHost.Publishing;

public sealed class ProjectContainerRepositoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("container-repository-").FullName;

    [Fact]
    public void A_literal_container_repository_is_read_from_the_project_file()
    {
        var project = Write("""<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><ContainerRepository> contoso-weather-gateway </ContainerRepository></PropertyGroup></Project>""");

        Assert.Equal("contoso-weather-gateway", ProjectContainerRepository.Read(project));
    }

    [Theory]
    [InlineData("""<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>""")]
    [InlineData("""<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><ContainerRepository>$(AssemblyName)-x</ContainerRepository></PropertyGroup></Project>""")]
    [InlineData("""<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><ContainerRepository>""")]
    public void Absent_computed_or_unreadable_values_give_no_answer(string text) =>
        Assert.Null(ProjectContainerRepository.Read(Write(text)));

    [Fact]
    public void The_shipped_service_projects_name_their_images()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root.GetFiles("*.slnx").Length == 0)
        {
            root = root.Parent ?? throw new InvalidOperationException($"no solution above {AppContext.BaseDirectory}");
        }
        var projects = Directory.GetFiles(root.FullName, "*.csproj", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal) && !p.Contains("Tests", StringComparison.Ordinal) && !p.Contains("Templates", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.StartsWith("mcpsecure-", ProjectContainerRepository.Read(p)));
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csproj");
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
