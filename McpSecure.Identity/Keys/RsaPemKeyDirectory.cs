using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>
/// A folder of RSA private keys, one PKCS#8 PEM file per key named <c>&lt;kid&gt;.pem</c>. The newest file
/// (by write time, then by name) is the active key; a 2048-bit key is generated when the folder is empty.
/// </summary>
public sealed class RsaPemKeyDirectory(string directory, ILogger logger)
{
    private const string Extension = ".pem";
    private const int KeySizeInBits = 2048;

    public string FolderPath { get; } = directory;

    public RsaSecurityKey LoadNewestOrCreate(string purpose)
    {
        Directory.CreateDirectory(FolderPath);

        var newest = new DirectoryInfo(FolderPath)
            .EnumerateFiles("*" + Extension)
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .ThenByDescending(file => file.Name, StringComparer.Ordinal)
            .FirstOrDefault();

        if (newest is not null)
        {
            var key = Load(newest.FullName);
            logger.LogInformation("Using {Purpose} key {KeyId} from {Directory}", purpose, key.KeyId, FolderPath);
            return key;
        }

        var created = Create();
        logger.LogInformation("Generated a new {Purpose} key {KeyId} in {Directory}", purpose, created.KeyId, FolderPath);
        return created;
    }

    private static RsaSecurityKey Load(string path)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"The key file '{path}' is not an RSA private key in PEM format.", exception);
        }

        return new RsaSecurityKey(rsa) { KeyId = Path.GetFileNameWithoutExtension(path) };
    }

    private RsaSecurityKey Create()
    {
        var rsa = RSA.Create(KeySizeInBits);
        var keyId = NewKeyId();
        var path = Path.Combine(FolderPath, keyId + Extension);

        // Write beside the target, then rename: a reader never sees a half-written key file.
        var temporaryPath = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporaryPath, fileOptions))
        {
            writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        }

        File.Move(temporaryPath, path);
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    /// <summary>Sortable and unique: <c>20260514T101530Z-3f9a1c2b</c>.</summary>
    private static string NewKeyId() =>
        $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
