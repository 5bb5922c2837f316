using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>
/// A folder of RSA private keys, one PKCS#8 PEM file per key named <c>&lt;kid&gt;.pem</c> (top level only).
/// A file's write time is when its key took its place in the folder (created or adopted), by
/// <paramref name="timeProvider"/>'s clock.
/// </summary>
/// <param name="keySizeInBits">The size of the keys <see cref="Create"/> generates.</param>
internal sealed class RsaPemKeyDirectory(string directory, TimeProvider timeProvider, int keySizeInBits = RsaPemKeyDirectory.DefaultKeySizeInBits)
{
    /// <summary>RS256 and RSA-OAEP keys of 2048 bits, the size RFC 7518 requires at least.</summary>
    public const int DefaultKeySizeInBits = 2048;

    private const string Extension = ".pem";

    public string FolderPath { get; } = directory;

    /// <summary>The key files, newest first (by write time, then by name).</summary>
    public IReadOnlyList<FileInfo> FilesNewestFirst()
    {
        Directory.CreateDirectory(FolderPath);
        return new DirectoryInfo(FolderPath)
            .EnumerateFiles("*" + Extension, SearchOption.TopDirectoryOnly)
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .ThenByDescending(file => file.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The newest key, generated when the folder has none.</summary>
    public RsaSecurityKey LoadNewestOrCreate() =>
        FilesNewestFirst().FirstOrDefault() is { } newest ? Load(newest) : Create();

    public static RsaSecurityKey Load(FileInfo file)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(file.FullName));
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"The key file '{file.FullName}' is not an RSA private key in PEM format.", exception);
        }

        return new RsaSecurityKey(rsa) { KeyId = Path.GetFileNameWithoutExtension(file.Name) };
    }

    public RsaSecurityKey Create()
    {
        Directory.CreateDirectory(FolderPath);
        var rsa = RSA.Create(keySizeInBits);
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
        File.SetLastWriteTimeUtc(path, timeProvider.GetUtcNow().UtcDateTime);
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    /// <summary>
    /// Moves a key file from another folder into this one and stamps it with the current time, so that it
    /// becomes this folder's newest file.
    /// </summary>
    public FileInfo Adopt(FileInfo file)
    {
        Directory.CreateDirectory(FolderPath);
        var target = Path.Combine(FolderPath, file.Name);
        File.Move(file.FullName, target);
        File.SetLastWriteTimeUtc(target, timeProvider.GetUtcNow().UtcDateTime);
        return new FileInfo(target);
    }

    /// <summary>Sortable and unique: <c>20260514T101530Z-3f9a1c2b</c>.</summary>
    private string NewKeyId() =>
        $"{timeProvider.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
