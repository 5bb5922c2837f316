using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>Registers the connection to Prometheus: options, their validation, and the typed <see cref="PrometheusClient"/>.</summary>
internal static class PrometheusServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="PrometheusOptions"/> (at start-up) and registers <see cref="PrometheusClient"/>:
    /// base address, the configured credentials and headers (and nothing from the inbound MCP request), TLS, and the
    /// standard resilience handler with timeouts derived from the query timeout. Also registers
    /// <see cref="TimeProvider.System"/> unless a clock is registered already.
    /// </summary>
    public static IServiceCollection AddPrometheusClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PrometheusOptions>()
            .BindConfiguration(PrometheusOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusOptions>, PrometheusOptionsValidator>());

        var client = services.AddHttpClient<PrometheusClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<PrometheusOptions>>().Value;
            // A trailing slash keeps a path prefix when relative API paths are appended.
            http.BaseAddress = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
            PrometheusRequestHeaders.Apply(http.DefaultRequestHeaders, options);
        });
        client.ConfigurePrimaryHttpMessageHandler(sp => PrometheusHttpHandlerFactory.Create(sp.GetRequiredService<IOptions<PrometheusOptions>>().Value.Tls));

        // The defaults (10 s per attempt, 30 s in all) would cut a long query short: replace them with timeouts that
        // follow Prometheus:QueryTimeout. The resilience handler also sets HttpClient.Timeout to infinite, so these are
        // the only timeouts.
#pragma warning disable EXTEXP0001 // The documented way to replace the handler that ConfigureHttpClientDefaults added.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // Outside the resilience handler: a Prometheus that accepts connections but never answers is reported after
        // about 2 x Prometheus:ReachabilityTimeout, not after the query timeouts and a retry.
        client.AddHttpMessageHandler(sp => new PrometheusReachabilityHandler(
            sp.GetRequiredService<IOptions<PrometheusOptions>>(), sp.GetRequiredService<TimeProvider>()));
        client.AddStandardResilienceHandler()
            .Configure((resilience, sp) => PrometheusTimeouts.Configure(resilience, sp.GetRequiredService<IOptions<PrometheusOptions>>().Value));
        return services;
    }
}
