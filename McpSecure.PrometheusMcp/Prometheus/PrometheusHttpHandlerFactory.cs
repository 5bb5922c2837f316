using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>The primary handler of <see cref="PrometheusClient"/>: pooled connections and the TLS of <see cref="PrometheusTlsOptions"/>.</summary>
internal static class PrometheusHttpHandlerFactory
{
    public static SocketsHttpHandler Create(PrometheusTlsOptions tls)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
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
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }
                // Only chain errors may be overridden, and only when the chain ends at the configured CA.
                if (errors != SslPolicyErrors.RemoteCertificateChainErrors)
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
