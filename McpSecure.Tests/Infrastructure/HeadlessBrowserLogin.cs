using System.Text.Json;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// The environment for a client that opens the system browser for its login (mcp-remote, MCP Inspector): npm
/// <c>open</c> runs <c>$BROWSER &lt;url&gt;</c> when no desktop is set, and our $BROWSER signs in with Chromium.
/// Each login appends one line to a log (never codes or tokens), so a test can count the logins.
/// </summary>
public sealed class HeadlessBrowserLogin : IDisposable
{
    public sealed record Entry(string Outcome, string[]? Pages, string? Callback, bool? HasCode, string? Message);

    private readonly string _folder = Directory.CreateTempSubdirectory("mcpsecure-client-").FullName;

    public HeadlessBrowserLogin(string username, string password)
    {
        Environment = new Dictionary<string, string?>
        {
            ["BROWSER"] = ClientTools.RequireBrowserLoginScript(),
            ["DISPLAY"] = null,
            ["WAYLAND_DISPLAY"] = null,
            ["XDG_CURRENT_DESKTOP"] = null,
            ["MCPSECURE_LOGIN_USERNAME"] = username,
            ["MCPSECURE_LOGIN_PASSWORD"] = password,
            ["MCPSECURE_LOGIN_LOG"] = LogPath,
            ["CHROMIUM_PATH"] = ClientTools.ChromiumPath,
        };
    }

    /// <summary>A scratch folder for the client's own state (token store, home directory).</summary>
    public string Folder => _folder;

    public string LogPath => Path.Combine(_folder, "logins.jsonl");

    public Dictionary<string, string?> Environment { get; }

    public IReadOnlyList<Entry> Logins() =>
        File.Exists(LogPath)
            ? File.ReadAllLines(LogPath).Where(l => l.Length > 0)
                .Select(l => JsonSerializer.Deserialize<Entry>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToList()
            : [];

    /// <summary>Waits for the browser script to log its n-th login (it runs detached from the client).</summary>
    public async Task<IReadOnlyList<Entry>> WaitForLoginsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Logins().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        return Logins();
    }

    public void Dispose() => TempFolder.TryDelete(_folder);
}
