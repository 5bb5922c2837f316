using System.Text.RegularExpressions;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Template;

/// <summary>
/// What <c>dotnet new mcpsecure</c> generates, for each <c>--server</c> choice and hive: it builds with warnings as
/// errors, its fast tests pass, it carries none of the template's own names, exactly the projects of its choice, its
/// own ports, and it restores only when asked to.
/// </summary>
[Collection(TemplateCollection.Name)]
[Trait("Category", "Template")]
public sealed partial class TemplateGenerationTests(TemplateFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// Files of a generated app allowed to contain the template's name (McpSecure, mcpsecure, MCPSECURE), as
    /// "relative path: line". None today: every name, header, metric, environment variable, realm and data folder is
    /// renamed after the app. Add an entry only with the reason beside it.
    /// </summary>
    private static readonly string[] AllowedTemplateNameOccurrences = [];

    private static readonly string[] CommonProjects = ["AppHost", "Gateway", "GatewayIdentity", "Identity", "ServiceDefaults", "UnitTests"];

    public static TheoryData<string> Apps => ["prometheus", "blank", "external", "digits"];

    [Theory]
    [MemberData(nameof(Apps))]
    public void The_generated_solution_builds_with_warnings_as_errors(string key)
    {
        var app = fixture.App(key);
        var build = Assert.IsType<DotNetCli.Run>(app.Build);
        output.WriteLine(string.Join(Environment.NewLine, fixture.Timings));
        Assert.True(build.Succeeded, $"{app} does not build: {build}");
        Assert.Matches(@"\b0 Warning\(s\)", build.Result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task Its_fast_tests_pass(string key)
    {
        var app = fixture.App(key);
        Assert.True(app.Build?.Succeeded, $"{app} did not build: {app.Build}");

        var run = await DotNetCli.RunAsync(app.Folder, TimeSpan.FromMinutes(5), "test", app.Project("UnitTests"), "--no-build");
        output.WriteLine($"{app}: {run.Elapsed.TotalSeconds:0.0} s");
        var summary = TestSummary().Match(run.Result.StandardOutput);
        Assert.True(summary.Success, $"No test summary in the output of {run}");
        output.WriteLine(summary.Value);
        Assert.True(summary.Groups["failed"].Value == "0", $"{app}: {summary.Value}\n{FailedTests(run.Result.StandardOutput)}");
        Assert.True(int.Parse(summary.Groups["passed"].Value) > 0, $"No test passed: {summary.Value}");
        Assert.True(run.Succeeded, run.ToString());
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void No_file_or_file_name_carries_the_template_name(string key)
    {
        var app = fixture.App(key);
        var found = new List<string>();
        foreach (var file in app.SourceFiles)
        {
            if (TemplateName().IsMatch(file))
            {
                found.Add($"{file}: (file name)");
            }
            var lines = File.ReadAllLines(Path.Combine(app.Folder, file));
            for (var i = 0; i < lines.Length; i++)
            {
                if (TemplateName().IsMatch(lines[i]))
                {
                    found.Add($"{file}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        Assert.True(app.SourceFiles.Count > 100, $"Expected a whole solution in {app.Folder}, found {app.SourceFiles.Count} files.");
        var stray = found.Where(f => !AllowedTemplateNameOccurrences.Any(allowed => f.StartsWith(allowed, StringComparison.Ordinal))).ToList();
        Assert.True(stray.Count == 0, $"{app} still says McpSecure:\n{string.Join('\n', stray)}");
    }

    [Theory]
    [InlineData("prometheus", "PrometheusMcp")]
    [InlineData("blank", "McpServer")]
    [InlineData("external", null)]
    [InlineData("digits", "McpServer")]
    public void It_has_exactly_the_projects_of_its_server_choice(string key, string? serverProject)
    {
        var app = fixture.App(key);
        string[] expected = [.. CommonProjects.Concat(serverProject is null ? [] : [serverProject]).Select(p => $"{app.Name}.{p}").Order(StringComparer.Ordinal)];

        Assert.Equal(expected, app.SolutionProjects);
        Assert.Equal(expected, app.SourceFiles.Where(f => f.EndsWith(".csproj", StringComparison.Ordinal))
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal));
        // The unit tests of a server that is not there go with it.
        Assert.Equal(serverProject == "PrometheusMcp", Directory.Exists(Path.Combine(app.Project("UnitTests"), "PrometheusMcp")));
        Assert.Equal(serverProject == "McpServer", Directory.Exists(Path.Combine(app.Project("UnitTests"), "McpServer")));
    }

    [Fact]
    public void The_external_app_points_at_the_upstream_url_it_was_given()
    {
        var upstream = fixture.External.AppHostSection.GetProperty("Upstream");
        Assert.Equal(fixture.UpstreamUrl, upstream.GetProperty("Url").GetString());
        Assert.False(fixture.Blank.AppHostSection.TryGetProperty("Upstream", out _), "Only --server external has an Upstream section.");
    }

    [Fact]
    public void Its_ports_are_its_own()
    {
        var repository = TemplateFixture.Repository.GeneratedPorts;
        Assert.Equal(8, repository.Count); // gateway, identity, and six in launchSettings.json
        foreach (var app in fixture.All)
        {
            output.WriteLine($"{app}: {string.Join(", ", app.GeneratedPorts)}");
            Assert.Equal(repository.Count, app.GeneratedPorts.Count);
            Assert.Empty(app.GeneratedPorts.Intersect(repository));
            var mentions = app.SourceFiles
                .SelectMany(file => repository.Where(port => Regex.IsMatch(File.ReadAllText(Path.Combine(app.Folder, file)), $@":{port}\b"))
                    .Select(port => $"{file} mentions :{port}"))
                .ToList();
            Assert.True(mentions.Count == 0, string.Join('\n', mentions));
        }
        // Each instantiation draws its own ports (the same eight twice would be the template's fallback or a fixed value).
        var portSets = fixture.All.Select(app => string.Join(',', app.GeneratedPorts)).ToList();
        Assert.Equal(portSets.Count, portSets.Distinct().Count());
    }

    [Fact]
    public void Skip_restore_leaves_no_obj_folder_and_the_default_restores_every_project()
    {
        foreach (var app in fixture.All.Where(a => a.SkipRestore))
        {
            Assert.True(app.ObjFoldersAfterCreation.Count == 0, $"{app} with --skip-restore: {string.Join(", ", app.ObjFoldersAfterCreation)}");
        }
        var restored = fixture.Prometheus;
        Assert.False(restored.SkipRestore);
        Assert.Equal(restored.SolutionProjects.Select(p => Path.Combine(p, "obj")), restored.ObjFoldersAfterCreation);
        Assert.Contains("Restore succeeded", restored.Creation.Result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>The lines of <c>dotnet test</c>'s output that name a failed test and say why.</summary>
    private static string FailedTests(string testOutput)
    {
        var lines = testOutput.Split('\n');
        return string.Join('\n', lines.Select((line, i) => (line, i))
            .Where(l => l.line.TrimStart().StartsWith("Failed ", StringComparison.Ordinal))
            .SelectMany(l => lines.Skip(l.i).Take(12)));
    }

    [GeneratedRegex(@"Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+),\s+Skipped:\s+\d+,\s+Total:\s+\d+")]
    private static partial Regex TestSummary();

    [GeneratedRegex("mcpsecure", RegexOptions.IgnoreCase)]
    private static partial Regex TemplateName();
}
