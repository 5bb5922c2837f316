using McpSecure.PrometheusMcp.Prometheus;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class PrometheusOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(Action<PrometheusOptions> configure)
    {
        var options = new PrometheusOptions();
        configure(options);
        var result = new PrometheusOptionsValidator().Validate(null, options);
        return result.Failed ? result.Failures!.ToList() : [];
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(Failures(_ => { }));

    public static TheoryData<string, string> Cases => new()
    {
        { "base-url-scheme", "Prometheus:BaseUrl must be an http or https URL (got 'ftp')." },
        { "base-url-relative", "Prometheus:BaseUrl = 'prometheus/api' must be an absolute http or https URL." },
        { "base-url-credentials", "Prometheus:BaseUrl must not contain credentials: use Prometheus:Username and Prometheus:Password." },
        { "query-timeout", "Prometheus:QueryTimeout = 00:30:00 is out of range: use 00:00:01 to 00:10:00." },
        { "max-series", "Prometheus:MaxSeries = 0 is out of range: use 1 to 100000." },
        { "max-points", "Prometheus:MaxPointsPerSeries = 11001 is out of range: use 10 to 11000." },
        { "max-output", "Prometheus:MaxOutputCharacters = 999 is out of range: use 1000 to 10000000." },
        { "username-alone", "Prometheus:Username and Prometheus:Password go together: set both for basic authentication, or neither." },
        { "bearer-and-basic", "Prometheus:BearerToken and Prometheus:Username/Prometheus:Password are exclusive: Prometheus takes one Authorization header." },
        { "tenant", "Prometheus:TenantId must be a non-empty value without control characters." },
        { "reserved-header", "Prometheus:Headers:x-scope-orgid is not allowed: use Prometheus:BearerToken, Prometheus:Username/Password or Prometheus:TenantId." },
        { "header-name", "Prometheus:Headers:Bad Name is not a valid header name." },
        { "ca-missing", "Prometheus:Tls:CaCertificatePath = '/nonexistent/ca.pem' does not exist." },
        { "insecure-and-ca", "Prometheus:Tls:InsecureSkipVerify and Prometheus:Tls:CaCertificatePath contradict each other: choose one." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_wrong_setting_fails_with_a_message_naming_its_key(string setting, string expected)
    {
        Action<PrometheusOptions> configure = setting switch
        {
            "base-url-scheme" => o => o.BaseUrl = new Uri("ftp://prometheus"),
            "base-url-relative" => o => o.BaseUrl = new Uri("prometheus/api", UriKind.Relative),
            "base-url-credentials" => o => o.BaseUrl = new Uri("http://user:secret@prometheus"),
            "query-timeout" => o => o.QueryTimeout = TimeSpan.FromMinutes(30),
            "max-series" => o => o.MaxSeries = 0,
            "max-points" => o => o.MaxPointsPerSeries = 11_001,
            "max-output" => o => o.MaxOutputCharacters = 999,
            "username-alone" => o => o.Username = "reader",
            "bearer-and-basic" => o => (o.Username, o.Password, o.BearerToken) = ("a", "b", "c"),
            "tenant" => o => o.TenantId = "a\nb",
            "reserved-header" => o => o.Headers["x-scope-orgid"] = "t",
            "header-name" => o => o.Headers["Bad Name"] = "v",
            "ca-missing" => o => o.Tls.CaCertificatePath = "/nonexistent/ca.pem",
            "insecure-and-ca" => o => (o.Tls.InsecureSkipVerify, o.Tls.CaCertificatePath) = (true, typeof(PrometheusOptionsValidatorTests).Assembly.Location),
            _ => throw new ArgumentOutOfRangeException(nameof(setting)),
        };

        var failures = Failures(configure);

        Assert.Contains(expected, failures);
        Assert.All(failures, f => Assert.StartsWith("Prometheus:", f));
    }
}
