// The namespaces that nearly every tool and formatter uses, stated once for the project.
global using System.ComponentModel;
global using System.Globalization;
global using System.Text;
global using System.Text.Json;
global using McpSecure.PrometheusMcp.Formatting;
global using McpSecure.PrometheusMcp.Prometheus;
global using McpSecure.PrometheusMcp.Results;
global using McpSecure.PrometheusMcp.Time;
global using Microsoft.Extensions.Options;
global using ModelContextProtocol;
global using ModelContextProtocol.Protocol;
global using ModelContextProtocol.Server;
