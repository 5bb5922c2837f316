using System.Text;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>One request of the fuzz run, as bytes on the wire, and whether it carries the one valid token unaltered.</summary>
internal sealed record FuzzCase(int Number, byte[] Bytes, bool CarriesValidToken, bool BrokenFraming, string Summary)
{
    public override string ToString() => $"case {Number}: {Summary}";

    public string Head => Encoding.ASCII.GetString(Bytes, 0, Math.Min(Bytes.Length, 300));
}
