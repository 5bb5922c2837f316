using System.Globalization;
using System.Security.Cryptography;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL 15 from Debian's packages (<c>/usr/lib/postgresql/15/bin</c>) in a temp folder on a free loopback
/// port: <c>initdb</c> with a generated password (scram-sha-256), <c>pg_ctl start</c>, one database; stopped with
/// <c>pg_ctl stop -m immediate</c> and the folder removed on dispose. PostgreSQL refuses to run as root: as root, every
/// command runs as the unprivileged user <c>nobody</c> (<c>runuser</c>), who owns the folder.
/// </summary>
public sealed class PostgresProcess : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    public const string UserName = "identity";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _folder;
    private bool _started;

    private PostgresProcess(string folder, int port, string password)
    {
        _folder = folder;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    /// <summary>The generated password of <see cref="UserName"/>, for the test that no log line holds it.</summary>
    public string Password { get; }

    private string DataDirectory => Path.Combine(_folder, "data");

    /// <summary>An Npgsql connection string for <paramref name="database"/>.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Database={database};Username={UserName};Password={Password}";

    public static bool IsInstalled => File.Exists(Path.Combine(BinDirectory, "postgres"));

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Creates the cluster, starts it and creates <paramref name="databases"/>.</summary>
    public static async Task<PostgresProcess> StartAsync(IEnumerable<string> databases)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed in {BinDirectory} (apt-get install postgresql; .ci/run does).");
        }

        var folder = Directory.CreateTempSubdirectory("mcpsecure-postgres-").FullName;
        var postgres = new PostgresProcess(folder, Loopback.FreeTcpPort(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        try
        {
            var passwordFile = Path.Combine(folder, "password");
            await File.WriteAllTextAsync(passwordFile, postgres.Password);
            if (IsRoot)
            {
                await CheckedAsync("chown", ["-R", "nobody", folder], null);
            }

            await postgres.RunAsync("initdb", ["-D", postgres.DataDirectory, "-U", UserName, $"--pwfile={passwordFile}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--no-sync"]);
            File.Delete(passwordFile);

            var serverOptions = $"-p {postgres.Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200";
            await postgres.RunAsync("pg_ctl", ["-D", postgres.DataDirectory, "-l", Path.Combine(folder, "postgres.log"), "-o", serverOptions, "-w", "-t", "60", "start"]);
            postgres._started = true;

            foreach (var database in databases)
            {
                await postgres.RunAsync("createdb", ["-h", "127.0.0.1", "-p", postgres.Port.ToString(CultureInfo.InvariantCulture), "-U", UserName, database],
                    new Dictionary<string, string?> { ["PGPASSWORD"] = postgres.Password });
            }
            return postgres;
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server's log (for failure messages).</summary>
    public string Log() => File.Exists(Path.Combine(_folder, "postgres.log")) ? File.ReadAllText(Path.Combine(_folder, "postgres.log")) : "";

    private Task RunAsync(string tool, string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var executable = Path.Combine(BinDirectory, tool);
        return IsRoot
            ? CheckedAsync("runuser", ["-u", "nobody", "--", executable, .. arguments], environment)
            : CheckedAsync(executable, arguments, environment);
    }

    private static async Task CheckedAsync(string fileName, string[] arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var result = await ExternalProcess.RunAsync(fileName, arguments, environment, Path.GetTempPath(), CommandTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments.Take(3))} failed: {result}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            try
            {
                await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"]);
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                // Already stopped, or it did not answer: the folder goes anyway.
            }
        }
        TempFolder.TryDelete(_folder);
    }
}
