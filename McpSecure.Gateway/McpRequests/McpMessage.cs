namespace McpSecure.Gateway.McpRequests;

/// <summary>One JSON-RPC message of a POST body, as far as the gateway needs to know it.</summary>
/// <param name="Method">The method (requests and notifications), or null for a response the client sends back.</param>
/// <param name="Name">What <c>Mcp-Name</c> mirrors: <c>params.name</c> of <c>tools/call</c> and <c>prompts/get</c>,
/// <c>params.uri</c> of <c>resources/read</c>; null for other methods.</param>
/// <param name="IsNotification">A method without an <c>id</c>: the server answers nothing.</param>
/// <param name="IdJson">The message's <c>id</c> as raw JSON (<c>1</c>, <c>"a"</c>), echoed in a JSON-RPC error; null without one.</param>
internal sealed record McpMessage(string? Method, string? Name, bool IsNotification, string? IdJson = null)
{
    public const string ToolsCall = "tools/call";
    public const string PromptsGet = "prompts/get";
    public const string ResourcesRead = "resources/read";

    public bool IsToolCall => Method == ToolsCall;
}
