using McpSecure.Identity.ClientMetadataDocuments;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.Identity.ClientMetadataDocuments;

/// <summary>The fetcher against a real HTTPS listener on loopback (allowed here by the development setting).</summary>
public sealed class ClientMetadataDocumentFetcherTests : IAsyncLifetime
{
    private const string Document = """{"client_id":"x","redirect_uris":["http://127.0.0.1:3000/callback"]}""";
    private MetadataDocumentServer server = null!;

    public async Task InitializeAsync() => server = await MetadataDocumentServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private ClientMetadataDocumentFetcher Fetcher(Action<ClientMetadataDocumentOptions>? configure = null)
    {
        var options = new ClientMetadataDocumentOptions { AllowLoopback = true, TrustedDevelopmentCertificatePath = server.CertificatePath };
        configure?.Invoke(options);
        return new ClientMetadataDocumentFetcher(Options.Create(options), TimeProvider.System, NullLogger<ClientMetadataDocumentFetcher>.Instance);
    }

    private async Task<string> RefusalAsync(Uri url, Action<ClientMetadataDocumentOptions>? configure = null)
    {
        using var fetcher = Fetcher(configure);
        var exception = await Assert.ThrowsAsync<ClientMetadataDocumentException>(() => fetcher.FetchAsync(url, CancellationToken.None));
        Assert.Contains(url.AbsoluteUri, exception.Message);
        return exception.Message;
    }

    [Fact]
    public async Task A_document_is_fetched_and_cached_for_its_max_age()
    {
        server.ServeJson("/client.json", Document, "public, max-age=600");
        using var fetcher = Fetcher();

        var fetched = await fetcher.FetchAsync(server.Url("/client.json"), CancellationToken.None);

        Assert.Equal("x", fetched.Document.GetProperty("client_id").GetString());
        Assert.Equal(TimeSpan.FromSeconds(600), fetched.CacheFor);
    }

    [Theory]
    [InlineData(null, 300)] // no header: the configured default (5 min)
    [InlineData("no-store", 0)]
    [InlineData("no-cache", 0)]
    [InlineData("max-age=0", 0)]
    [InlineData("max-age=999999999", 86400)] // clamped to MaxCacheDuration (24 h)
    public async Task Cache_headers_decide_how_long_the_document_is_reused(string? cacheControl, int expectedSeconds)
    {
        server.ServeJson("/client.json", Document, cacheControl);
        using var fetcher = Fetcher();

        var fetched = await fetcher.FetchAsync(server.Url("/client.json"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), fetched.CacheFor);
    }

    [Fact]
    public async Task Loopback_is_refused_without_the_development_setting_before_any_request()
    {
        server.ServeJson("/client.json", Document);

        var message = await RefusalAsync(server.Url("/client.json"), options => { options.AllowLoopback = false; options.TrustedDevelopmentCertificatePath = null; });

        Assert.Contains("127.0.0.1, a loopback address", message);
        Assert.Contains("AllowLoopback", message);
        Assert.Equal(0, server.Requests);
    }

    [Theory]
    [InlineData("https://10.0.0.1/client.json", "10.0.0.1, a private address")]
    [InlineData("https://192.168.0.1/client.json", "192.168.0.1, a private address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "169.254.169.254, a link-local address")]
    [InlineData("https://[fd00::1]/client.json", "fd00::1, a private address")]
    [InlineData("https://[::ffff:10.0.0.1]/client.json", "a private address")]
    [InlineData("https://0.0.0.0/client.json", "an unspecified address")]
    public async Task Non_public_addresses_are_refused_even_with_loopback_allowed(string url, string reason)
    {
        var message = await RefusalAsync(new Uri(url));
        Assert.Contains(reason, message);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_judged_by_its_address_not_its_name()
    {
        server.ServeJson("/client.json", Document);
        var byName = new Uri($"https://localhost:{server.BaseUrl.Port}/client.json");

        var message = await RefusalAsync(byName, options => { options.AllowLoopback = false; options.TrustedDevelopmentCertificatePath = null; });

        Assert.Contains("'localhost' resolves to", message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        server.ServeJson("/target.json", Document);
        server.Serve("/client.json", context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = server.Url("/target.json").AbsoluteUri;
            return Task.CompletedTask;
        });

        var message = await RefusalAsync(server.Url("/client.json"));

        Assert.Contains("302", message);
        Assert.Contains("redirects are not followed", message);
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // chunked, no Content-Length: the limit holds while reading
    public async Task An_oversized_document_is_refused(bool announceLength)
    {
        var big = "{\"client_id\":\"x\",\"padding\":\"" + new string('a', 10_000) + "\"}";
        server.Serve("/client.json", async context =>
        {
            context.Response.ContentType = "application/json";
            if (announceLength)
            {
                context.Response.ContentLength = big.Length;
            }
            await context.Response.WriteAsync(big);
        });

        var message = await RefusalAsync(server.Url("/client.json"));

        Assert.Contains("larger than 5120 bytes", message);
    }

    [Fact]
    public async Task A_slow_document_is_abandoned_at_the_fetch_timeout()
    {
        var released = new TaskCompletionSource();
        server.Serve("/client.json", async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"client_id\":");
            await context.Response.Body.FlushAsync();
            await Task.WhenAny(released.Task, Task.Delay(TimeSpan.FromMinutes(1), context.RequestAborted));
        });

        try
        {
            var message = await RefusalAsync(server.Url("/client.json"), options => options.FetchTimeout = TimeSpan.FromSeconds(1))
                .WaitAsync(TimeSpan.FromSeconds(30)); // against a hang only
            Assert.Contains("did not arrive within 1 s", message);
        }
        finally
        {
            released.TrySetResult();
        }
    }

    [Theory]
    [InlineData(404, "text/plain", "answered 404, not 200")]
    [InlineData(200, "text/html", "Content-Type is 'text/html")]
    public async Task Other_answers_are_refused_naming_what_was_wrong(int status, string contentType, string reason)
    {
        server.Serve("/client.json", async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync("{}");
        });

        Assert.Contains(reason, await RefusalAsync(server.Url("/client.json")));
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_refused_not_thrown()
    {
        server.Serve("/client.json", async context =>
        {
            context.Response.ContentType = "application/json";
            // Well-formed JSON structure; the client name holds a byte that is no UTF-8 (the parser reads strings lazily).
            await context.Response.Body.WriteAsync(System.Text.Encoding.Latin1.GetBytes("{\"client_id\":\"x\",\"client_name\":\"caf\xE9\"}"));
        });

        Assert.Contains("it is not UTF-8 encoded JSON", await RefusalAsync(server.Url("/client.json")));
    }

    [Theory]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"client_id\":", "not valid JSON")]
    public async Task A_body_that_is_not_a_json_object_is_refused(string body, string reason)
    {
        server.ServeJson("/client.json", body);
        Assert.Contains(reason, await RefusalAsync(server.Url("/client.json")));
    }

    [Fact]
    public async Task A_certificate_nobody_trusts_is_refused()
    {
        server.ServeJson("/client.json", Document);

        var message = await RefusalAsync(server.Url("/client.json"), options => options.TrustedDevelopmentCertificatePath = null);

        Assert.Contains("the request failed", message);
    }

    [Fact]
    public async Task Plain_http_is_refused()
    {
        var message = await RefusalAsync(new Uri($"http://127.0.0.1:{server.BaseUrl.Port}/client.json"));
        Assert.Contains("must be fetched over https", message);
        Assert.Equal(0, server.Requests);
    }
}
