namespace McpSecure.PrometheusMcp.Tenancy;

/// <summary>
/// Data per tenant at the MCP level: while tenancy is on, <c>tools/list</c> leaves out the tools that read across
/// tenants (<see cref="TenancyOptions.HiddenTools"/>) and <c>tools/call</c> of one is refused. The data itself is confined
/// in <see cref="PrometheusClient"/>, which every tool calls.
/// </summary>
internal static partial class TenancyFilters
{
    public static IMcpServerBuilder WithTenancy(this IMcpServerBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<TenancyOptions>().BindConfiguration(TenancyOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TenancyOptions>, TenancyOptionsValidator>();
        builder.Services.AddSingleton<CallerTenantResolver>();
        return builder.WithRequestFilters(filters => filters
            .AddListToolsFilter(next => async (context, cancellationToken) =>
            {
                var result = await next(context, cancellationToken);
                var tenancy = context.Services!.GetRequiredService<CallerTenantResolver>();
                result.Tools = result.Tools.Where(tool => !tenancy.Hides(tool.Name)).ToList();
                return result;
            })
            .AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                var tenancy = context.Services!.GetRequiredService<CallerTenantResolver>();
                var tool = context.Params?.Name ?? "";
                if (tenancy.Hides(tool))
                {
                    LogHiddenTool(context.Services!.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TenancyFilters)), tool);
                    throw new McpProtocolException(
                        $"Access denied: the tool '{tool}' reads across tenants and is not available while tenancy is on (Tenancy:HiddenTools).",
                        McpErrorCode.InvalidRequest);
                }
                return await next(context, cancellationToken);
            }));
    }

    [LoggerMessage(EventId = 2310, Level = LogLevel.Warning, Message = "Refused a call of {Tool}: it reads across tenants and tenancy is on")]
    private static partial void LogHiddenTool(ILogger logger, string tool);
}
