using System.IO.Compression;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Template;

/// <summary>
/// The template leaves out what a working copy accumulates (build output, .git, node_modules, test results, the
/// AppHost's run-time data): in the packed .nupkg, and when installed from a folder that has all of them.
/// </summary>
[Collection(TemplateCollection.Name)]
[Trait("Category", "Template")]
public sealed class TemplateExclusionTests(TemplateFixture fixture)
{
    /// <summary>Folder names that never belong in the template or in an app made from it.</summary>
    private static readonly string[] Excluded = ["bin", "obj", ".git", "node_modules", "TestResults", "artifacts", ".mcpsecure"];

    [Fact]
    public void The_package_holds_no_build_output_git_node_modules_test_results_or_run_time_data()
    {
        using var package = ZipFile.OpenRead(fixture.Package);
        var content = package.Entries.Select(e => e.FullName).Where(name => name.StartsWith("content/", StringComparison.Ordinal)).ToList();

        Assert.Contains("content/McpSecure/.template.config/template.json", content);
        Assert.Contains("content/McpSecure/McpSecure.Templates/app/README.md", content);
        var unwanted = content.Where(name => name.Split('/').Any(part => Excluded.Contains(part))).ToList();
        Assert.True(unwanted.Count == 0, $"The package holds:\n{string.Join('\n', unwanted.Take(20))}");
        // The working copy the package was made from does have some of them (this test runs from a build).
        Assert.True(Directory.Exists(Path.Combine(RepositoryTools.Root, "McpSecure.AppHost", "bin")));
    }

    [Fact]
    public async Task An_app_made_from_a_folder_with_build_output_git_node_modules_test_results_and_run_time_data_has_none_of_them()
    {
        var source = Path.Combine(fixture.WorkPath, "exclusions", "source");
        CopySources(RepositoryTools.Root, source);
        string[] planted =
        [
            ".git/HEAD",
            "McpSecure.Gateway/bin/Debug/net10.0/planted.dll",
            "McpSecure.Gateway/obj/planted.json",
            "node_modules/planted/index.js",
            "McpSecure.Identity/node_modules/planted/index.js",
            "TestResults/planted.trx",
            "McpSecure.UnitTests/TestResults/planted.trx",
            "McpSecure.AppHost/.mcpsecure/identity/planted.db",
            "artifacts/planted.txt",
        ];
        foreach (var file in planted)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(source, file))!);
            File.WriteAllText(Path.Combine(source, file), "planted");
        }

        var hive = Path.Combine(fixture.WorkPath, "exclusions", "hive");
        var app = Path.Combine(fixture.WorkPath, "exclusions", "app");
        await DotNetCli.RunCheckedAsync(fixture.WorkPath, TimeSpan.FromMinutes(3), "new", "install", source, "--debug:custom-hive", hive);
        await DotNetCli.RunCheckedAsync(fixture.WorkPath, TimeSpan.FromMinutes(3),
            "new", "mcpsecure", "-n", TemplateFixture.AppName, "-o", app, "--skip-restore", "--debug:custom-hive", hive);

        var files = Directory.GetFiles(app, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(app, f)).ToList();
        Assert.Contains(files, f => f.EndsWith(".AppHost.csproj", StringComparison.Ordinal));
        var unwanted = files.Where(f => f.Contains("planted", StringComparison.Ordinal)
            || f.Split(Path.DirectorySeparatorChar).Any(part => Excluded.Contains(part) || part == ".contoso-weather")).ToList();
        Assert.True(unwanted.Count == 0, $"The generated app holds:\n{string.Join('\n', unwanted)}");
    }

    /// <summary>The repository's own files, as a fresh clone has them (without what the planted files stand for).</summary>
    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (Path.GetFileName(file) != ".git") // a worktree's .git is a file
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            if (!Excluded.Contains(Path.GetFileName(directory)))
            {
                CopySources(directory, Path.Combine(to, Path.GetFileName(directory)));
            }
        }
    }
}
