using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpSecure.Tests.Infrastructure;

/// <summary>How the tests build the real AppHost, and read its app model without starting it.</summary>
public static class TestAppHost
{
    /// <summary>
    /// The AppHost in Embedded mode with its own data folder (the tests read the dev signing key there) and no wait
    /// for resource clean-up at disposal; <paramref name="extraArguments"/> add or override settings.
    /// </summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateEmbeddedAsync(string dataPath,
        IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default,
        Action<DistributedApplicationOptions, HostApplicationBuilderSettings>? configure = null)
    {
        string[] arguments =
        [
            "--McpSecure:Mode=Embedded",
            $"--McpSecure:DataPath={dataPath}",
            "--DcpPublisher:WaitForResourceCleanup=false",
            .. extraArguments ?? [],
        ];
        var builder = configure is null
            ? await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpSecure_AppHost>(arguments, cancellationToken)
            : await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpSecure_AppHost>(arguments, configure, cancellationToken);
        builder.Services.AddLogging(logging => logging.AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));
        return builder;
    }

    /// <summary>Sets an environment variable of one resource, as an operator's configuration would.</summary>
    public static IDistributedApplicationTestingBuilder WithResourceEnvironment(this IDistributedApplicationTestingBuilder builder,
        string resourceName, string name, string value)
    {
        var resource = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == resourceName);
        builder.CreateResourceBuilder(resource).WithEnvironment(name, value);
        return builder;
    }

    /// <summary>
    /// Development settings of McpSecure.Identity for the tests' Client ID Metadata Documents: on loopback, under the
    /// certificate <paramref name="documents"/> made for the tests.
    /// </summary>
    public static IDistributedApplicationTestingBuilder WithLoopbackClientDocuments(this IDistributedApplicationTestingBuilder builder,
        ClientMetadataDocumentHost documents) =>
        builder.WithResourceEnvironment("identity", "Identity__ClientMetadataDocuments__AllowLoopback", "true")
            .WithResourceEnvironment("identity", "Identity__ClientMetadataDocuments__TrustedDevelopmentCertificatePath", documents.CertificatePath);
}
