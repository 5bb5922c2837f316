namespace McpSecure.PrometheusMcp.Prompts;

/// <summary>Prompts that start common investigations with the tools of this server.</summary>
[McpServerPromptType]
internal sealed class InvestigationPrompts
{
    [McpServerPrompt(Name = "why_is_target_down", Title = "Why is this target down?")]
    [Description("Investigates why a scrape job (or one of its targets) is down or missing data.")]
    public static string WhyIsTargetDown(
        [Description("The job (scrape pool), e.g. `api`.")] string job,
        [Description("One instance of the job, e.g. `api-1:8080`. Optional.")] string? instance = null)
    {
        var selector = Selector(job, instance);
        return $"""
            Find out why the Prometheus scrape job `{job}`{(instance is null ? "" : $" (instance `{instance}`)")} is down or missing data.
            1. Call get_targets with scrape_pool="{job}" and read each target's health, last scrape and error.
            2. Call execute_range_query with query `up{selector}` over the last 6 hours (start="now-6h") to see when it went down.
            3. Call get_alerts to see which alerts fire for it.
            4. If no target exists, call get_config to check the job's scrape configuration.
            Conclude with the most likely cause and the evidence for it.
            """;
    }

    [McpServerPrompt(Name = "job_error_rate", Title = "What is the error rate of a job?")]
    [Description("Computes the share of failing requests (5xx) of a job and how it changed.")]
    public static string JobErrorRate(
        [Description("The job, e.g. `api`.")] string job,
        [Description("Rate window, e.g. `5m`. Default 5m.")] string? window = null)
    {
        var range = TimeFormatter.FormatDuration(TimeParser.ParseDuration(window ?? "5m", nameof(window)));
        if (string.IsNullOrWhiteSpace(job) || job.Contains('"'))
        {
            throw new McpException("`job` must be a job name without double quotes, e.g. `api`.");
        }
        return $$"""
            What is the error rate of the job `{{job}}`?
            1. Call list_metrics with filter_pattern="request" and get_metric_metadata to find its request counter (e.g. http_server_request_duration_seconds_count or *_requests_total) and its status label (code, status or http_response_status_code).
            2. Call get_label_values for that status label with match=["<counter>{job="{{job}}"}"] to see which codes exist.
            3. Call execute_query with: sum(rate(<counter>{job="{{job}}",<status label>=~"5.."}[{{range}}])) / sum(rate(<counter>{job="{{job}}"}[{{range}}]))
            4. Call execute_range_query with the same expression over the last 24 hours (start="now-24h") to show the trend.
            Answer with the current error rate as a percentage, the trend, and the requests that fail most.
            """;
    }

    private static string Selector(string job, string? instance) =>
        instance is null ? $"{{job=\"{PromText.Escape(job)}\"}}" : $"{{job=\"{PromText.Escape(job)}\",instance=\"{PromText.Escape(instance)}\"}}";
}
