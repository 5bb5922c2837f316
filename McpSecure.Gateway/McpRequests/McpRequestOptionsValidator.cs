using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.McpRequests;

internal sealed class McpRequestOptionsValidator : IValidateOptions<McpRequestOptions>
{
    private const int Max = 64 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, McpRequestOptions options) =>
        options.MaxBodyBytes is < 1024 or > Max
            ? ValidateOptionsResult.Fail($"{McpRequestOptions.SectionName}:MaxBodyBytes must be between 1024 and {Max} (got {options.MaxBodyBytes}).")
            : ValidateOptionsResult.Success;
}
