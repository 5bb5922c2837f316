namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>TLS to Prometheus. Section <c>Prometheus:Tls</c>.</summary>
internal sealed class PrometheusTlsOptions
{
    /// <summary>PEM file of the CA that signed Prometheus's certificate (private PKI).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>PEM client certificate for mutual TLS; requires <see cref="ClientKeyPath"/>.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM private key of the client certificate.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Accept any server certificate. For development only; refused when a CA file is also set.</summary>
    public bool InsecureSkipVerify { get; set; }
}
