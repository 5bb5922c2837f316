using Aspire.Hosting.Pipelines;
using McpSecure.AppHost.Publishing;
using Microsoft.Extensions.DependencyInjection;

// In the AppHost's namespace, like the other wiring AppHost.cs calls.
namespace McpSecure.AppHost;

/// <summary>
/// <c>aspire publish -o &lt;dir&gt;</c> writes a hardened Helm chart for the app model into &lt;dir&gt; (the official
/// Aspire.Hosting.Kubernetes is not on our feed; the chart is shaped like its output).
/// </summary>
internal static class HelmChartPublishingExtensions
{
    public const string StepName = "publish-helm-chart";

    public static IDistributedApplicationBuilder AddHelmChartPublishing(this IDistributedApplicationBuilder builder)
    {
        builder.Pipeline.AddStep(StepName, PublishAsync, dependsOn: WellKnownPipelineSteps.PublishPrereq, requiredBy: WellKnownPipelineSteps.Publish);
        return builder;
    }

    private static async Task PublishAsync(PipelineStepContext context)
    {
        var cancellationToken = context.CancellationToken;
        var directory = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();

        var read = await context.ReportingStep.CreateTaskAsync("Reading the app model", cancellationToken);
        var app = await AppModelReader.ReadAsync(context.Model, context.ExecutionContext, cancellationToken);
        if (PodLayout.Conflict(app) is { } conflict)
        {
            context.ReportingStep.Log(Microsoft.Extensions.Logging.LogLevel.Warning, conflict);
        }
        foreach (var note in app.Notes)
        {
            context.ReportingStep.Log(Microsoft.Extensions.Logging.LogLevel.Warning, note);
        }
        await read.CompleteAsync(
            $"Workloads: {string.Join(", ", app.Workloads.Select(w => w.Name))}; secrets: {app.Secrets.Count}; services outside the chart: {(app.ExternalServices.Count == 0 ? "none" : string.Join(", ", app.ExternalServices))}",
            app.Notes.Count == 0 ? CompletionState.Completed : CompletionState.CompletedWithWarning, cancellationToken);

        var write = await context.ReportingStep.CreateTaskAsync($"Writing the Helm chart to {directory}", cancellationToken);
        var version = typeof(HelmChartPublishingExtensions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
        var files = HelmChartBuilder.Build(app, version);
        await HelmChartBuilder.WriteAsync(files, directory, cancellationToken);
        await write.CompleteAsync($"Helm chart written: {files.Count} files in {directory}", CompletionState.Completed, cancellationToken);
    }
}
