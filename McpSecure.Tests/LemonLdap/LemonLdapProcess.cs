using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.LemonLdap;

/// <summary>
/// LemonLDAP::NG 2.16 (Debian's packages) as a real OpenID Connect provider in a child process: its portal under
/// <c>plackup</c> on a free loopback port, configured from the templates in tools/lemonldap (File configuration backend,
/// the Demo user database: dwho, rtyler, msmith, password = login; dwho is in the group <c>timelords</c>), a fresh RSA
/// signing key, no dynamic registration, the given clients, everything in a temporary folder deleted on dispose.
/// </summary>
public sealed class LemonLdapProcess : IAsyncDisposable
{
    private const string Plackup = "/usr/bin/plackup";
    private const int MaxOutputLines = 200;

    private readonly Process _process;
    private readonly string _folder;
    private readonly Queue<string> _output = new();

    private LemonLdapProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Issuer = $"http://localhost:{port}";
    }

    /// <summary>The issuer exactly as in its tokens and discovery document (no trailing slash).</summary>
    public string Issuer { get; }

    /// <summary>The provider's last output lines (its log: warnings and errors, never credentials), for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the provider on a free port with <paramref name="clients"/> and waits until its discovery document answers.</summary>
    public static Task<LemonLdapProcess> StartAsync(IReadOnlyList<LemonLdapRelyingParty> clients, CancellationToken cancellationToken) =>
        StartAsync(Loopback.FreeTcpPort(), clients, cancellationToken);

    /// <summary>Starts the provider on <paramref name="port"/> (an issuer chosen before the provider runs) and waits until it answers.</summary>
    public static async Task<LemonLdapProcess> StartAsync(int port, IReadOnlyList<LemonLdapRelyingParty> clients, CancellationToken cancellationToken)
    {
        if (!File.Exists(Plackup) || !Directory.Exists("/usr/share/lemonldap-ng/portal"))
        {
            throw new InvalidOperationException("LemonLDAP::NG is not installed: apt-get install the packages .ci/run lists " +
                "(liblemonldap-ng-portal-perl, lemonldap-ng-fastcgi-server, libimage-magick-perl, …).");
        }
        var folder = Directory.CreateTempSubdirectory("mcpsecure-lemonldap-").FullName;
        var templates = Path.Combine(RepositoryTools.Root, "tools", "lemonldap");
        foreach (var sub in new[] { "conf", "cache", "sessions/lock", "psessions/lock" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }
        var iniPath = Path.Combine(folder, "lemonldap-ng.ini");
        await File.WriteAllTextAsync(iniPath,
            (await File.ReadAllTextAsync(Path.Combine(templates, "lemonldap-ng.ini"), cancellationToken)).Replace("@DIR@", folder, StringComparison.Ordinal),
            cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "conf", "lmConf-1.json"),
            await ConfigurationAsync(templates, folder, port, clients, cancellationToken), cancellationToken);

        var startInfo = new ProcessStartInfo(Plackup,
            ["-s", "HTTP::Server::PSGI", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-E", "deployment", Path.Combine(templates, "portal.psgi")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["LLNG_DEFAULTCONFFILE"] = iniPath;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("plackup did not start.");
        var provider = new LemonLdapProcess(process, folder, port);
        process.OutputDataReceived += (_, e) => provider.Record(e.Data);
        process.ErrorDataReceived += (_, e) => provider.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await provider.WaitUntilDiscoveryAnswersAsync(cancellationToken);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return provider;
    }

    private static async Task<string> ConfigurationAsync(string templates, string folder, int port,
        IReadOnlyList<LemonLdapRelyingParty> clients, CancellationToken cancellationToken)
    {
        using var key = RSA.Create(2048);
        string Json(string value) => JsonEncodedText.Encode(value).ToString();
        var template = await File.ReadAllTextAsync(Path.Combine(templates, "lmConf-1.json"), cancellationToken);
        var configuration = JsonNode.Parse(template
            .Replace("@PORTAL@", $"http://localhost:{port}/", StringComparison.Ordinal)
            .Replace("@ISSUER@", $"http://localhost:{port}", StringComparison.Ordinal)
            .Replace("@DIR@", Json(folder), StringComparison.Ordinal)
            .Replace("@KEY_ID@", Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), StringComparison.Ordinal)
            // LemonLDAP::NG wants the private key as PKCS#1 ("BEGIN RSA PRIVATE KEY").
            .Replace("@PRIVATE_KEY@", Json(key.ExportRSAPrivateKeyPem()), StringComparison.Ordinal)
            .Replace("@PUBLIC_KEY@", Json(key.ExportSubjectPublicKeyInfoPem()), StringComparison.Ordinal))!.AsObject();

        var options = new JsonObject();
        var exportedVars = new JsonObject();
        var extraClaims = new JsonObject();
        var scopeRules = new JsonObject();
        for (var i = 0; i < clients.Count; i++)
        {
            var client = clients[i];
            var confKey = $"rp{i}";
            var rp = new JsonObject
            {
                ["oidcRPMetaDataOptionsClientID"] = client.ClientId,
                ["oidcRPMetaDataOptionsDisplayName"] = client.ClientId,
                ["oidcRPMetaDataOptionsPublic"] = client.ClientSecret is null ? 1 : 0,
                ["oidcRPMetaDataOptionsRequirePKCE"] = 1,
                ["oidcRPMetaDataOptionsRedirectUris"] = string.Join(' ', client.RedirectUris),
                ["oidcRPMetaDataOptionsAccessTokenJWT"] = 1,
                ["oidcRPMetaDataOptionsAccessTokenSignAlg"] = "RS256",
                ["oidcRPMetaDataOptionsIDTokenSignAlg"] = "RS256",
                ["oidcRPMetaDataOptionsBypassConsent"] = 1,
                ["oidcRPMetaDataOptionsIDTokenForceClaims"] = 1,
            };
            if (client.ClientSecret is { } secret)
            {
                rp["oidcRPMetaDataOptionsClientSecret"] = secret;
            }
            if (client.AdditionalAudiences is { Count: > 0 } audiences)
            {
                rp["oidcRPMetaDataOptionsAdditionalAudiences"] = string.Join(' ', audiences);
            }
            options[confKey] = rp;
            exportedVars[confKey] = new JsonObject
            {
                ["name"] = "cn",
                ["email"] = "mail",
                ["preferred_username"] = "uid",
                ["groups"] = "groups;string;always",
            };
            extraClaims[confKey] = new JsonObject { ["groups"] = "groups" };
            if (client.ScopeRules is { Count: > 0 } rules)
            {
                scopeRules[confKey] = new JsonObject(rules.Select(rule => KeyValuePair.Create(rule.Key, (JsonNode?)rule.Value)));
            }
        }
        configuration["oidcRPMetaDataOptions"] = options;
        configuration["oidcRPMetaDataExportedVars"] = exportedVars;
        configuration["oidcRPMetaDataOptionsExtraClaims"] = extraClaims;
        configuration["oidcRPMetaDataScopeRules"] = scopeRules;
        return configuration.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private async Task WaitUntilDiscoveryAnswersAsync(CancellationToken cancellationToken)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"LemonLDAP::NG exited with code {_process.ExitCode}:\n{RecentOutput}");
            }
            try
            {
                using var discovery = await http.GetAsync($"{Issuer}/.well-known/openid-configuration", cancellationToken);
                if (discovery.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > MaxOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            _process.Dispose();
            TempFolder.TryDelete(_folder);
        }
    }
}
