namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>
/// Runs one Prometheus API call for a tool and turns every failure into a tool error (<c>isError</c>) that a model can
/// act on: Prometheus's own message and the query, or a clear "unreachable" message.
/// </summary>
internal static class PrometheusCall
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string? query = null)
    {
        var about = query is null ? "" : $" (query: `{query}`)";
        try
        {
            return await call();
        }
        catch (McpSecure.PrometheusMcp.PromQL.PromQlSyntaxException ex)
        {
            throw new McpException($"{ex.Message}{about}");
        }
        catch (McpSecure.PrometheusMcp.Tenancy.TenantViolationException ex)
        {
            throw new McpException($"{ex.Message}{about}");
        }
        catch (PrometheusApiException ex)
        {
            throw new McpException($"{ex.Message}{about}");
        }
        catch (PrometheusUnreachableException ex)
        {
            throw new McpException($"{ex.Message}{about}. Check that Prometheus runs and that Prometheus:BaseUrl points at it.");
        }
        catch (HttpRequestException ex)
        {
            throw new McpException($"Prometheus is unreachable: {ex.Message}{about}. Check that Prometheus runs and that Prometheus:BaseUrl points at it.");
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            throw TimedOut(about);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            throw TimedOut(about);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new McpException($"Prometheus is unreachable: too many recent failures, calls are paused for a few seconds{about}.");
        }
    }

    private static McpException TimedOut(string about) =>
        new($"Prometheus did not answer in time{about}: narrow the query (shorter range, larger step, fewer series) or raise Prometheus:QueryTimeout.");
}
