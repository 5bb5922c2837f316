namespace McpSecure.Bench;

/// <summary>
/// The nginx design (shared/NGINX-DESIGN.md) as its users configure it: every request to <c>/</c> makes an
/// <c>auth_request</c> to the provider's userinfo endpoint with the caller's <c>Authorization</c> header and no body;
/// a 401 becomes the design's JSON answer; otherwise HTTP/1.1 to the MCP server, unbuffered, with X-Forwarded-*.
/// The MCP server of this benchmark requires a signed identity in every path, so nginx adds a fixed one
/// (signed once by the benchmark): the MCP server does the same work behind every path.
/// </summary>
internal static class NginxDesign
{
    public static string WriteConfig(string prefix, int port, int upstreamPort, int providerPort, string identityHeader)
    {
        foreach (var dir in new[] { "logs", "temp/client", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi", "well-known" })
        {
            Directory.CreateDirectory(Path.Combine(prefix, dir));
        }
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, $$"""
            worker_processes 1;
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/logs/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{prefix}}/temp/client;
              proxy_temp_path {{prefix}}/temp/proxy;
              fastcgi_temp_path {{prefix}}/temp/fastcgi;
              uwsgi_temp_path {{prefix}}/temp/uwsgi;
              scgi_temp_path {{prefix}}/temp/scgi;
              upstream mcp { server 127.0.0.1:{{upstreamPort}}; keepalive 64; }
              upstream provider { server 127.0.0.1:{{providerPort}}; keepalive 64; }
              server {
                listen 127.0.0.1:{{port}};
                location /.well-known/ {
                  root {{prefix}}/well-known;
                  default_type application/json;
                  add_header Cache-Control "no-cache, no-store, must-revalidate";
                }
                location = /auth-validate {
                  internal;
                  proxy_pass http://provider/connect/userinfo;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_pass_request_body off;
                  proxy_set_header Content-Length "";
                  proxy_set_header Authorization $http_authorization;
                  proxy_method GET;
                }
                location @unauthorized {
                  default_type application/json;
                  add_header WWW-Authenticate 'Bearer realm="mcp"' always;
                  return 401 '{"error":"unauthorized","error_description":"Bearer token required"}';
                }
                location / {
                  auth_request /auth-validate;
                  error_page 401 = @unauthorized;
                  proxy_pass http://mcp;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_set_header X-Forwarded-Host $host;
                  proxy_set_header X-McpSecure-Identity "{{identityHeader}}";
                  proxy_buffering off;
                  proxy_cache off;
                }
              }
            }
            """);
        return config;
    }
}
