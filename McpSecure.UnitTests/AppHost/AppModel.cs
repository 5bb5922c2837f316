using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace McpSecure.UnitTests.AppHost;

/// <summary>An app model built in memory (never run) and what its resources declare.</summary>
internal static class AppModel
{
    /// <summary>A builder for a run (default) or, with <c>--operation publish</c>, a publish.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true });

    /// <summary>A resource's environment as declared: strings, endpoint references, parameters, expressions.</summary>
    public static async Task<Dictionary<string, object>> EnvironmentAsync(IResource resource,
        DistributedApplicationOperation operation = DistributedApplicationOperation.Run)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(operation), resource);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return context.EnvironmentVariables;
    }

    /// <summary>A resource's command-line arguments as declared.</summary>
    public static async Task<List<object>> ArgumentsAsync(IResource resource)
    {
        var context = new CommandLineArgsCallbackContext([], resource);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return [.. context.Args];
    }
}
