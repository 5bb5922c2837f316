using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace McpSecure.PrometheusMcp;

/// <summary>
/// Registers <see cref="PrometheusClient"/>: base address, the configured credentials and headers (and nothing from
/// the inbound MCP request), TLS, and the standard resilience handler with timeouts derived from the query timeout.
/// </summary>
public static class PrometheusHttpClientSetup
{
    /// <summary>Margin over the query timeout for Prometheus to answer "query timed out" before the client gives up.</summary>
    public static readonly TimeSpan ResponseMargin = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddPrometheusClient(this IServiceCollection services)
    {
        services.AddOptions<PrometheusOptions>()
            .BindConfiguration(PrometheusOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrometheusOptions>, PrometheusOptionsValidator>();

        var client = services.AddHttpClient<PrometheusClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<PrometheusOptions>>().Value;
            // A trailing slash keeps a path prefix when relative API paths are appended.
            http.BaseAddress = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
            // The resilience handler enforces the real timeouts; this one only has to be longer.
            http.Timeout = TotalTimeout(options) + ResponseMargin;
            ApplyHeaders(http.DefaultRequestHeaders, options);
        });
        client.ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<IOptions<PrometheusOptions>>().Value));

        // The defaults (10 s per attempt, 30 s in all) would cut a long query short: replace them with timeouts that
        // follow Prometheus:QueryTimeout.
#pragma warning disable EXTEXP0001 // The documented way to replace the handler that ConfigureHttpClientDefaults added.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        client.AddStandardResilienceHandler()
            .Configure((resilience, sp) => ConfigureTimeouts(resilience, sp.GetRequiredService<IOptions<PrometheusOptions>>().Value));
        return services;
    }

    public static TimeSpan AttemptTimeout(PrometheusOptions options) => options.QueryTimeout + ResponseMargin;

    public static TimeSpan TotalTimeout(PrometheusOptions options) => AttemptTimeout(options) * 2 + ResponseMargin;

    private static void ConfigureTimeouts(HttpStandardResilienceOptions resilience, PrometheusOptions options)
    {
        resilience.AttemptTimeout.Timeout = AttemptTimeout(options);
        // One retry at most: a query that timed out once will time out again, and the caller is a model waiting.
        resilience.Retry.MaxRetryAttempts = 1;
        resilience.TotalRequestTimeout.Timeout = TotalTimeout(options);
        // The circuit breaker requires a sampling window of at least twice the attempt timeout.
        resilience.CircuitBreaker.SamplingDuration = AttemptTimeout(options) * 2;
    }

    private static void ApplyHeaders(HttpRequestHeaders headers, PrometheusOptions options)
    {
        if (!string.IsNullOrEmpty(options.BearerToken))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
        if (!string.IsNullOrEmpty(options.TenantId))
        {
            headers.Add("X-Scope-OrgID", options.TenantId);
        }
        foreach (var (name, value) in options.Headers)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }

    private static SocketsHttpHandler CreateHandler(PrometheusOptions options)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var tls = options.Tls;
        if (!string.IsNullOrEmpty(tls.ClientCertificatePath))
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(tls.ClientCertificatePath, tls.ClientKeyPath)];
        }
        if (tls.InsecureSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (!string.IsNullOrEmpty(tls.CaCertificatePath))
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(tls.CaCertificatePath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null)
                {
                    return false;
                }
                if (errors == System.Net.Security.SslPolicyErrors.None)
                {
                    return true;
                }
                // Only chain errors may be overridden, and only when the chain ends at the configured CA.
                if (errors != System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors)
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }
        return handler;
    }
}
