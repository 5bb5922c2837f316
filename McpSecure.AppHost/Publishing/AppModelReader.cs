namespace McpSecure.AppHost.Publishing;

/// <summary>
/// Walks the app model for the chart: the gateway, the MCP server it protects (whichever the app has, or none for an
/// upstream outside the app), their environment classified by where its values come from in the cluster.
/// </summary>
internal static class AppModelReader
{
    /// <summary>Infrastructure of the development app: in the cluster, the organisation's own services (their URLs are values).</summary>
    private static readonly HashSet<string> Infrastructure =
    [
        AppModelNames.Resources.Identity,
        AppModelNames.Resources.AppInfo,
        // Not a workload like the others: the chart runs it as Redis.RedisManifests says (ReadAsync's ChartRedis).
        AppModelNames.Resources.Redis,
#if (!ExcludePrometheusServer)
        AppModelNames.Resources.Prometheus,
#endif
    ];

    /// <summary>Variables the chart sets itself (ports) or that mean something only on a developer's machine.</summary>
    private static readonly string[] DroppedPrefixes = ["ASPNETCORE_URLS", "HTTP_PORTS", "ASPNETCORE_HTTP_PORTS", "OTEL_", "ASPIRE_", "DOTNET_"];

    public static async Task<ChartApplication> ReadAsync(DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var candidates = model.Resources
            .Where(r => r is ProjectResource or ContainerResource or ExecutableResource && !Infrastructure.Contains(r.Name))
            .ToList();
        var gateway = candidates.OfType<ProjectResource>().SingleOrDefault(r => r.Name == AppModelNames.Resources.Gateway)
            ?? throw new InvalidOperationException($"The app model has no project resource named '{AppModelNames.Resources.Gateway}': there is nothing to publish.");

        foreach (var executable in candidates.OfType<ExecutableResource>())
        {
            notes.Add($"'{executable.Name}' is a local command ({executable.Command}): a cluster cannot run it, so the chart " +
                      "proxies to the MCP endpoint given by the value upstream.url.");
        }
        var deployed = candidates.Where(r => r is not ExecutableResource).Select(r => r.Name).ToHashSet();

        var secrets = new Dictionary<string, ChartSecret>();
        var external = new SortedSet<string>(StringComparer.Ordinal);
        var workloads = new List<ChartWorkload>();
        string? upstreamUrl = null;
        Redis.ChartRedis? redis = null;
        foreach (var resource in candidates.Where(r => deployed.Contains(r.Name)).OrderBy(r => r != gateway))
        {
            var environment = await EnvironmentAsync(resource, executionContext);
            var settings = new List<ChartSetting>();
            foreach (var (key, value) in environment)
            {
                if (value is ConnectionStringReference { Resource: { Name: AppModelNames.Resources.Redis } redisResource })
                {
                    // The chart's Redis (or redis.externalConnectionSecret): built in the pod from a Secret, never a ConfigMap value.
                    redis = Redis.ChartRedis.From(key, redisResource);
                    continue;
                }
                var setting = await ClassifyAsync(resource, key, value, deployed, cancellationToken);
                switch (setting)
                {
                    case null:
                        continue;
                    case { Kind: ChartSettingKind.Secret, Secret: { } secret }:
                        secrets.TryAdd(secret.Name, secret);
                        break;
                    case { Kind: ChartSettingKind.ExternalServiceUrl, Target: { } service }:
                        external.Add(service);
                        break;
                    case { Kind: ChartSettingKind.Upstream, Target: null }:
                        upstreamUrl = setting.Value;
                        break;
                }
                if (setting.Kind == ChartSettingKind.Config && IsLoopbackUrl(setting.Value))
                {
                    notes.Add($"{resource.Name}: {key} = {setting.Value} is a development URL on this machine; the chart leaves it out.");
                    continue;
                }
                settings.Add(setting);
            }
            var (repository, tag) = Image(resource);
            workloads.Add(new ChartWorkload(resource.Name, repository, tag, Port(resource), resource is ProjectResource,
                resource == gateway, settings, await ArgumentsAsync(resource, executionContext)));
        }
        var demoProviders = await DemoProvidersAsync(model, executionContext, notes, cancellationToken);
        return new ChartApplication(workloads, [.. secrets.Values], [.. external], upstreamUrl, notes, demoProviders, redis);
    }

    /// <summary>
    /// The demo providers the chart offers: Keycloak and McpSecure.Identity, with the realm the app model's provider
    /// imports (Keycloak's realm mount, or McpSecure.Identity's realm file). An app that trusts an external issuer
    /// has no realm: then none.
    /// </summary>
    private static async Task<IReadOnlyList<DemoIdentityProvider>> DemoProvidersAsync(DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext, List<string> notes, CancellationToken cancellationToken)
    {
        var identity = model.Resources.SingleOrDefault(r => r.Name == AppModelNames.Resources.Identity);
        var realmFile = identity is null ? null : await RealmFileAsync(identity, executionContext);
        if (realmFile is null)
        {
            notes.Add("The app trusts an external issuer and imports no realm: the chart offers no demo identity provider.");
            return [];
        }
        var realm = await File.ReadAllTextAsync(realmFile, cancellationToken);
        var name = Path.GetFileName(realmFile);
        var (keycloakImage, keycloakTag) = identity!.TryGetLastAnnotation<ContainerImageAnnotation>(out var image) && image.Image.Contains("keycloak", StringComparison.Ordinal)
            ? (image.Registry is { Length: > 0 } registry ? $"{registry}/{image.Image}" : image.Image, image.Tag ?? Hosting.Keycloak.KeycloakContainerImageTags.Tag)
            : (Hosting.Keycloak.KeycloakContainerImageTags.Image, Hosting.Keycloak.KeycloakContainerImageTags.Tag);
        var identityImage = ProjectContainerRepository.Read(new Projects.McpSecure_Identity().ProjectPath) ?? "mcpsecure-identity";
        return
        [
            new DemoIdentityProvider(DemoIdentityProvider.KeycloakName, keycloakImage, keycloakTag, DemoIdentityProvider.KeycloakUid, name, realm),
            new DemoIdentityProvider(DemoIdentityProvider.IdentityName, identityImage, "latest", HelmNames.NonRootUid, name, realm),
        ];
    }

    /// <summary>Keycloak's realm import (a mounted file, or the realm file in a mounted folder); McpSecure.Identity's <c>Identity__RealmFile</c>.</summary>
    private static async Task<string?> RealmFileAsync(IResource identity, DistributedApplicationExecutionContext executionContext)
    {
        foreach (var source in identity.Annotations.OfType<ContainerMountAnnotation>().Select(m => m.Source).OfType<string>())
        {
            if (File.Exists(source))
            {
                return source;
            }
            if (Directory.Exists(source))
            {
                return Directory.GetFiles(source, "*.json").Order(StringComparer.Ordinal).FirstOrDefault();
            }
        }
        if (identity is not ProjectResource)
        {
            return null;
        }
        var environment = await EnvironmentAsync(identity, executionContext);
        return environment.TryGetValue("Identity__RealmFile", out var value) && value is string path && File.Exists(path) ? path : null;
    }

    private static async Task<ChartSetting?> ClassifyAsync(IResource resource, string key, object value, HashSet<string> deployed,
        CancellationToken cancellationToken)
    {
        if (DroppedPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
        {
            return null;
        }
        switch (key)
        {
            case "Gateway__PublicBaseUrl":
                return new ChartSetting(key, ChartSettingKind.PublicBaseUrl);
            case "Gateway__AuthorizationServer__Issuer":
                return new ChartSetting(key, ChartSettingKind.Issuer);
            case "Gateway__UpstreamUrl":
                return Upstream(key, value, deployed);
        }
        if (key.StartsWith("services__", StringComparison.Ordinal) && key.Split("__") is [_, var service, ..])
        {
            // Service discovery (WithReference): a Service of the chart, or a URL the organisation gives.
            if (!key.EndsWith("__0", StringComparison.Ordinal))
            {
                return null;
            }
            return new ChartSetting(key, deployed.Contains(service) ? ChartSettingKind.ServiceUrl : ChartSettingKind.ExternalServiceUrl, Target: service);
        }
        return value switch
        {
            string literal => new ChartSetting(key, ChartSettingKind.Config, literal),
            ParameterResource { Secret: true } parameter => new ChartSetting(key, ChartSettingKind.Secret,
                Secret: new ChartSecret(parameter.Name, (parameter.Default as GenerateParameterDefault)?.MinLength)),
            ParameterResource parameter => new ChartSetting(key, ChartSettingKind.Config, await parameter.GetValueAsync(cancellationToken) ?? ""),
            // A port the app model allocates: in the cluster, the workload's fixed container port.
            EndpointReferenceExpression { Property: EndpointProperty.TargetPort or EndpointProperty.Port } port when port.Endpoint.Resource == resource =>
                new ChartSetting(key, ChartSettingKind.Config, Port(resource).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            EndpointReference endpoint when deployed.Contains(endpoint.Resource.Name) && endpoint.Resource != resource =>
                new ChartSetting(key, ChartSettingKind.ServiceUrl, Target: endpoint.Resource.Name),
            EndpointReference endpoint => new ChartSetting(key, ChartSettingKind.ExternalServiceUrl, Target: endpoint.Resource.Name),
            _ => throw new InvalidOperationException(
                $"{resource.Name}: the chart cannot carry {key} (a {value.GetType().Name}); map it in {nameof(AppModelReader)}."),
        };
    }

    /// <summary>The gateway's upstream: the MCP server's Service (the path kept), or a URL outside the app.</summary>
    private static ChartSetting Upstream(string key, object value, HashSet<string> deployed)
    {
        if (value is ReferenceExpression expression)
        {
            var endpoint = expression.ValueProviders.OfType<EndpointReference>().FirstOrDefault();
            if (endpoint is not null && deployed.Contains(endpoint.Resource.Name))
            {
                // "{endpoint}{path}": keep the path after the endpoint.
                var path = expression.Format.Replace("{0}", "", StringComparison.Ordinal);
                return new ChartSetting(key, ChartSettingKind.Upstream, path, endpoint.Resource.Name);
            }
            if (expression.ValueProviders.Count == 0)
            {
                var format = expression.Format;
                // "http://{service}" (service discovery by name) or a literal URL.
                var host = Uri.TryCreate(format, UriKind.Absolute, out var uri) ? uri.Host : "";
                return deployed.Contains(host)
                    ? new ChartSetting(key, ChartSettingKind.Upstream, uri!.AbsolutePath.TrimEnd('/'), host)
                    : new ChartSetting(key, ChartSettingKind.Upstream, format);
            }
        }
        if (value is string literal)
        {
            return new ChartSetting(key, ChartSettingKind.Upstream, literal);
        }
        throw new InvalidOperationException($"gateway: {key} is a {value.GetType().Name}, which the chart cannot carry.");
    }

    private static bool IsLoopbackUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.IsLoopback;

    private static (string Repository, string Tag) Image(IResource resource)
    {
        if (resource is ProjectResource project && project.TryGetLastAnnotation<IProjectMetadata>(out var metadata))
        {
            // What `dotnet publish -t:PublishContainer` names the image: the project's ContainerRepository, or by
            // default its assembly name in lower case.
            var name = ProjectContainerRepository.Read(metadata.ProjectPath)
                ?? Path.GetFileNameWithoutExtension(metadata.ProjectPath).ToLowerInvariant();
            return (name, "latest");
        }
        if (resource.TryGetLastAnnotation<ContainerImageAnnotation>(out var image))
        {
            var repository = image.Registry is { Length: > 0 } registry ? $"{registry}/{image.Image}" : image.Image;
            return (repository, image.Tag ?? "latest");
        }
        throw new InvalidOperationException($"{resource.Name}: neither a project nor a container image; the chart cannot run it.");
    }

    private static int Port(IResource resource)
    {
        if (resource is ProjectResource)
        {
            return HelmNames.ProjectPort;
        }
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == AppModelNames.Endpoints.Http)
            ?? throw new InvalidOperationException($"{resource.Name} has no '{AppModelNames.Endpoints.Http}' endpoint: the chart cannot route to it.");
        return endpoint.TargetPort ?? throw new InvalidOperationException($"{resource.Name}: its '{AppModelNames.Endpoints.Http}' endpoint has no target port.");
    }

    private static async Task<Dictionary<string, object>> EnvironmentAsync(IResource resource, DistributedApplicationExecutionContext executionContext)
    {
        var context = new EnvironmentCallbackContext(executionContext, resource);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return context.EnvironmentVariables;
    }

    private static async Task<IReadOnlyList<string>> ArgumentsAsync(IResource resource, DistributedApplicationExecutionContext executionContext)
    {
        var context = new CommandLineArgsCallbackContext([], resource) { ExecutionContext = executionContext };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return [.. context.Args.Select(a => a as string ?? throw new InvalidOperationException(
            $"{resource.Name}: the argument {a} is not a literal; the chart cannot carry it."))];
    }
}
