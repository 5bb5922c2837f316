// An organisation's OIDC provider as McpSecure.Identity's federation mode meets it: the certified npm `oidc-provider`
// with NO dynamic registration and exactly one pre-registered, confidential web client (PKCE required) whose only
// redirect URI is McpSecure.Identity's /federation/callback. RFC 9207 `iss` in authorization responses.
// Dev/test only: its built-in development login accepts any user name with any password. The user `bob` is in the
// group `mcp-admins`; everyone is in `staff`. Every bearer token and query value presented to it is printed as a
// SHA-256 (`presented-sha256 <hex>`, never the value), so that a test can prove a token never reached this provider.
//
// Usage: node upstream.mjs <port> <redirect-uri> <client-id> <client-secret>
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);
if (!port || !redirectUri || !clientId || !clientSecret) {
  console.error('usage: node upstream.mjs <port> <redirect-uri> <client-id> <client-secret>');
  process.exit(2);
}
const issuer = `http://localhost:${port}`;
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    application_type: 'web',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [redirectUri],
  }],
  jwks: { keys: [{ ...signingKey, kid: randomUUID(), use: 'sig', alg: 'RS256' }] },
  cookies: { keys: ['upstream-dev-only-cookie-key'] },
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
  // The claims are in the ID token too, as most providers put them (no userinfo round trip needed).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    registration: { enabled: false },
  },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          name: `${id[0].toUpperCase()}${id.slice(1)} Upstream`,
          preferred_username: id,
          email: `${id}@upstream.example`,
          groups: id === 'bob' ? ['staff', 'mcp-admins'] : ['staff'],
        };
      },
    };
  },
});

const sha256 = (value) => createHash('sha256').update(value).digest('hex');
provider.use(async (ctx, next) => {
  const authorization = ctx.get('authorization');
  if (authorization.toLowerCase().startsWith('bearer ')) {
    console.log(`presented-sha256 ${sha256(authorization.slice(7).trim())}`);
  }
  for (const value of Object.values(ctx.query ?? {})) {
    for (const one of [value].flat()) {
      console.log(`presented-sha256 ${sha256(String(one))}`);
    }
  }
  await next();
});

provider.listen(Number(port), '127.0.0.1', () => console.log(`upstream oidc-provider listening at ${issuer}`));
