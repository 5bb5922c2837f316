// A second, independent OIDC provider for McpSecure's interoperability tests: the certified npm `oidc-provider`,
// configured the way an organisation's provider would be for an MCP server — a public native client with PKCE,
// resource indicators (RFC 8707) issuing JWT access tokens for the gateway's resource, no dynamic registration.
// Dev/test only: its built-in development login accepts any user name and password.
//
// Usage: node server.mjs <port> <resource> [jwt|opaque]
//   jwt (default): access tokens for <resource> are JWTs; opaque: they are opaque, for RFC 7662 introspection by
//   the gateway's confidential client `mcp-gateway` (secret `gateway-dev-secret`, dev-only).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';

const [port, resource, tokenFormat = 'jwt'] = process.argv.slice(2);
if (!port || !resource || !['jwt', 'opaque'].includes(tokenFormat)) {
  console.error('usage: node server.mjs <port> <resource> [jwt|opaque]');
  process.exit(2);
}
const issuer = `http://localhost:${port}`;

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'mcp-client',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // Native clients: the loopback port is ignored when matching (RFC 8252 section 7.3).
    redirect_uris: ['http://127.0.0.1/callback', 'http://127.0.0.1/oauth/callback'],
  }, {
    // The gateway's own confidential client, for introspection only.
    client_id: 'mcp-gateway',
    client_secret: 'gateway-dev-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: [],
    response_types: [],
    redirect_uris: [],
  }],
  jwks: { keys: [{ ...signingKey, kid: randomUUID(), use: 'sig', alg: 'RS256' }] },
  cookies: { keys: ['interop-dev-only-cookie-key'] },
  scopes: ['openid', 'profile', 'email', 'offline_access', 'mcp:tools', 'prometheus:read'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    registration: { enabled: false },
    introspection: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator !== resource) {
          throw new errors.InvalidTarget();
        }
        return {
          scope: 'mcp:tools prometheus:read',
          audience: resource,
          accessTokenTTL: 3600,
          accessTokenFormat: tokenFormat,
          ...(tokenFormat === 'jwt' ? { jwt: { sign: { alg: 'RS256' } } } : {}),
        };
      },
    },
  },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: id, preferred_username: id, email: `${id}@example.com` };
      },
    };
  },
});

provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening at ${issuer}`));
