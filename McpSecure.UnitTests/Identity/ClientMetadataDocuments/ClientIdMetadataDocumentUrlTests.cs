using McpSecure.Identity.ClientMetadataDocuments;

namespace McpSecure.UnitTests.Identity.ClientMetadataDocuments;

public sealed class ClientIdMetadataDocumentUrlTests
{
    [Theory]
    [InlineData("https://app.example.com/oauth/client.json", true)]
    [InlineData("HTTPS://app.example.com/c", true)]
    [InlineData("http://app.example.com/oauth/client.json", false)]
    [InlineData("mcp-client", false)]
    [InlineData(null, false)]
    public void Only_https_client_ids_name_a_metadata_document(string? clientId, bool expected)
    {
        Assert.Equal(expected, ClientIdMetadataDocumentUrl.IsCandidate(clientId));
    }

    [Theory]
    [InlineData("https://app.example.com/", "must have a path")]
    [InlineData("https://app.example.com", "must have a path")]
    [InlineData("https://user:pw@app.example.com/c.json", "user information or a fragment")]
    [InlineData("https://app.example.com/c.json#x", "user information or a fragment")]
    [InlineData("https://app.example.com/a/../c.json", "'..' path segments")]
    [InlineData("https://app.example.com/./c.json", "'..' path segments")]
    [InlineData("https://exa mple.com/c.json", "not a valid https URL")]
    public void Invalid_document_urls_are_refused_with_the_reason(string clientId, string reason)
    {
        var exception = Assert.Throws<ClientMetadataDocumentException>(() => ClientIdMetadataDocumentUrl.Parse(clientId));
        Assert.Contains(reason, exception.Message);
    }

    [Fact]
    public void A_url_longer_than_the_store_keeps_is_refused()
    {
        var clientId = "https://app.example.com/" + new string('a', ClientIdMetadataDocumentUrl.MaxLength);
        var exception = Assert.Throws<ClientMetadataDocumentException>(() => ClientIdMetadataDocumentUrl.Parse(clientId));
        Assert.Contains($"at most {ClientIdMetadataDocumentUrl.MaxLength}", exception.Message);
    }
}
