// The MCP TypeScript SDK client given only a URL: StreamableHTTPClientTransport with an OAuthClientProvider.
// It discovers the authorization server from the gateway's challenge, registers itself (RFC 7591) unless a
// client id is given, sends the user through the login (Chromium, via browser-login.mjs) and calls execute_query.
// With --client-metadata-url it uses that URL as its client id (Client ID Metadata Document, the document listing
// --redirect-uri, which it then listens on) when the authorization server advertises support.
// With MCPSECURE_EXPIRED_TOKEN set it then swaps its access token for that expired one and calls again: the SDK
// must refresh without a new login.
//
// With --tool whoami it calls whoami (no arguments) instead of execute_query.
//
// Usage: node sdk-client.mjs <mcp url> [--client-id <id> | --client-metadata-url <https url> --redirect-uri <loopback url>] [--tool whoami]
// Environment: MCPSECURE_LOGIN_USERNAME/PASSWORD (for the browser), MCPSECURE_EXPIRED_TOKEN (a real, expired token).
// Prints one JSON summary on stdout (never tokens; the access token's client_id and sub claims only); exits non-zero on failure.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const [serverUrl, ...rest] = process.argv.slice(2);
const option = (name) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
const staticClientId = option('--client-id');
const clientMetadataUrl = option('--client-metadata-url');
const fixedRedirectUri = option('--redirect-uri');
const tool = option('--tool') ?? 'execute_query';
if (!['execute_query', 'whoami'].includes(tool)) {
  console.error(`--tool must be execute_query or whoami, not ${tool}`);
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));

// The native client's loopback listener (RFC 8252): one port for the whole run.
let codeArrived;
const callback = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname !== '/callback') { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': 'text/plain' }).end('Signed in. You can close this window.');
  codeArrived?.(url.searchParams);
});
await new Promise((resolve) => callback.listen(fixedRedirectUri ? Number(new URL(fixedRedirectUri).port) : 0, '127.0.0.1', resolve));
const redirectUrl = fixedRedirectUri ?? `http://127.0.0.1:${callback.address().port}/callback`;

const summary = { registeredClientId: null, tokenClientId: null, tokenSubject: null, logins: 0, tokenSaves: 0, scopesRequested: null, refreshTokenIssued: false, exchanges: [], results: [] };

// Every HTTP exchange of the SDK (MCP and OAuth), recorded without headers or bodies (no tokens, no codes).
async function recordingFetch(input, init) {
  const response = await fetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  const grant = init?.body instanceof URLSearchParams ? init.body.get('grant_type') : null;
  summary.exchanges.push(`${init?.method ?? 'GET'} ${url.pathname} ${response.status}${grant ? ` ${grant}` : ''}`);
  return response;
}
let clientInformation = staticClientId ? { client_id: staticClientId } : undefined;
let tokens;
let verifier;
const provider = {
  get redirectUrl() { return redirectUrl; },
  clientMetadataUrl,
  get clientMetadata() {
    return {
      client_name: 'McpSecure tests (MCP TypeScript SDK)',
      redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  },
  clientInformation: () => clientInformation,
  saveClientInformation: (info) => {
    clientInformation = info;
    if (info.client_id !== staticClientId && info.client_id !== clientMetadataUrl) summary.registeredClientId = info.client_id;
  },
  tokens: () => tokens,
  saveTokens: (t) => {
    tokens = t; summary.tokenSaves++;
    summary.refreshTokenIssued ||= Boolean(t.refresh_token);
    try {
      const claims = JSON.parse(Buffer.from(t.access_token.split('.')[1], 'base64url'));
      summary.tokenClientId = claims.client_id ?? null;
      summary.tokenSubject = claims.sub ?? null;
    } catch { /* not a JWT */ }
  },
  saveCodeVerifier: (v) => { verifier = v; },
  codeVerifier: () => verifier,
  redirectToAuthorization: async (authorizationUrl) => {
    summary.logins++;
    summary.scopesRequested = authorizationUrl.searchParams.get('scope');
    const login = spawn(process.execPath, [join(here, 'browser-login.mjs'), authorizationUrl.href], { stdio: ['ignore', 'inherit', 'inherit'] });
    login.on('exit', (code) => { if (code !== 0) codeArrived?.(null); });
  },
};

async function connect() {
  const client = new Client({ name: 'mcpsecure-sdk-client', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider: provider, fetch: recordingFetch });
  try {
    await client.connect(transport);
    return client;
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
  }
  // The SDK has sent the user to the browser: wait for the code at the loopback listener, then redeem it.
  const params = await new Promise((resolve) => { codeArrived = resolve; });
  if (!params?.get('code')) throw new Error(`no authorization code came back (error: ${params?.get('error') ?? 'the browser login failed'})`);
  await transport.finishAuth(params.get('code'));
  const authorized = new Client({ name: 'mcpsecure-sdk-client', version: '1.0.0' });
  await authorized.connect(new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider: provider, fetch: recordingFetch }));
  return authorized;
}

async function callUp(client) {
  const result = tool === 'whoami'
    ? await client.callTool({ name: 'whoami', arguments: {} })
    : await client.callTool({ name: 'execute_query', arguments: { query: 'up' } });
  summary.results.push({ isError: result.isError ?? false, text: result.content.map((c) => c.text).join('\n') });
}

try {
  const client = await connect();
  summary.serverName = client.getServerVersion()?.name;
  await callUp(client);
  if (process.env.MCPSECURE_EXPIRED_TOKEN) {
    tokens = { ...tokens, access_token: process.env.MCPSECURE_EXPIRED_TOKEN };
    await callUp(client);
  }
  await client.close();
  console.log(JSON.stringify(summary));
} catch (error) {
  console.log(JSON.stringify({ ...summary, error: String(error?.message ?? error) }));
  process.exitCode = 1;
} finally {
  callback.close();
}
