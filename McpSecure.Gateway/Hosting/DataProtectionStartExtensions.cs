namespace McpSecure.Gateway.Hosting;

internal static class DataProtectionStartExtensions
{
    internal const string DataProtectionHostedService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>
    /// Authentication and YARP register ASP.NET Core Data Protection, whose hosted service reads (or creates) a key ring
    /// at start-up. The gateway protects nothing with it (bearer tokens, no cookies, no session affinity): without the
    /// eager start the XML stack is never loaded (about 4 MB less resident memory, less start-up work, no key files
    /// written). Anything that does protect data still gets its key ring, on first use. Call after every other
    /// registration, since a later <c>AddDataProtection</c> would add the service again.
    /// </summary>
    public static IServiceCollection WithoutDataProtectionKeyRingAtStart(this IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == DataProtectionHostedService)
            {
                services.RemoveAt(i);
            }
        }
        return services;
    }
}
