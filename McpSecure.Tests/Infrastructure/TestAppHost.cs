using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpSecure.Tests.Infrastructure;

/// <summary>How the tests build the real AppHost, and read its app model without starting it.</summary>
public static class TestAppHost
{
    /// <summary>
    /// The AppHost in Embedded mode with its own data folder (the tests read the dev signing key there) and no wait
    /// for resource clean-up at disposal; <paramref name="extraArguments"/> add or override settings.
    /// </summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateEmbeddedAsync(string dataPath,
        IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default,
        Action<DistributedApplicationOptions, HostApplicationBuilderSettings>? configure = null)
    {
        string[] arguments =
        [
            "--McpSecure:Mode=Embedded",
            $"--McpSecure:DataPath={dataPath}",
            "--DcpPublisher:WaitForResourceCleanup=false",
            .. extraArguments ?? [],
        ];
        var builder = configure is null
            ? await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpSecure_AppHost>(arguments, cancellationToken)
            : await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpSecure_AppHost>(arguments, configure, cancellationToken);
        builder.Services.AddLogging(logging => logging.AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));
        return builder;
    }

    /// <summary>Sets an environment variable of one resource, as an operator's configuration would.</summary>
    public static IDistributedApplicationTestingBuilder WithResourceEnvironment(this IDistributedApplicationTestingBuilder builder,
        string resourceName, string name, string value)
    {
        var resource = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == resourceName);
        builder.CreateResourceBuilder(resource).WithEnvironment(name, value);
        return builder;
    }

    /// <summary>A resource's environment as the app model declares it (values not resolved: strings, references, parameters).</summary>
    public static async Task<Dictionary<string, object>> EnvironmentAsync(IResource resource)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return context.EnvironmentVariables;
    }

    /// <summary>A resource's command-line arguments as the app model declares them.</summary>
    public static async Task<List<object>> ArgumentsAsync(IResource resource)
    {
        var context = new CommandLineArgsCallbackContext([], resource);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return context.Args.ToList();
    }
}
