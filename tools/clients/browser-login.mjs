// A person at a browser, for clients that open "$BROWSER <authorization url>" (mcp-remote, MCP Inspector).
// Drives Debian's Chromium through playwright-core: sign in on McpSecure's login page, approve the consent page
// if one is shown, and let the browser follow the redirect to the client's loopback callback. In federation mode
// McpSecure.Identity sends the browser to the organisation's provider: with MCPSECURE_LOGIN_UPSTREAM_ORIGIN set, the
// login and consent pages there are answered too (logged as 'upstream login' / 'upstream consent'), whatever the
// provider calls its user name field (username, login, user).
//
// Environment: MCPSECURE_LOGIN_USERNAME, MCPSECURE_LOGIN_PASSWORD (required); MCPSECURE_LOGIN_UPSTREAM_ORIGIN
// (optional); MCPSECURE_LOGIN_LOG (optional file: one JSON line per login, without codes or tokens); CHROMIUM_PATH
// (default /usr/bin/chromium).
import { appendFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const authorizationUrl = process.argv[2];
const username = process.env.MCPSECURE_LOGIN_USERNAME;
const password = process.env.MCPSECURE_LOGIN_PASSWORD;
const log = process.env.MCPSECURE_LOGIN_LOG;

function record(entry) {
  const line = JSON.stringify({ at: new Date().toISOString(), ...entry });
  if (log) appendFileSync(log, line + '\n');
  else console.error(line);
}

if (!authorizationUrl || !username || !password) {
  record({ outcome: 'error', message: 'usage: browser-login.mjs <url> with MCPSECURE_LOGIN_USERNAME and MCPSECURE_LOGIN_PASSWORD set' });
  process.exit(2);
}

const providerOrigin = new URL(authorizationUrl).origin;
const upstreamOrigin = process.env.MCPSECURE_LOGIN_UPSTREAM_ORIGIN ? new URL(process.env.MCPSECURE_LOGIN_UPSTREAM_ORIGIN).origin : null;
const atProvider = (url) => [providerOrigin, upstreamOrigin].includes(new URL(url).origin);
const pageName = (url, kind) => (new URL(url).origin === providerOrigin ? kind : `upstream ${kind}`);
const pages = [];
let browser;
try {
  // Playwright gives the browser a fresh temporary profile of its own.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(authorizationUrl);
  // Until the browser has left the provider(s) for the client's callback: sign in, then approve any consent page.
  for (let step = 0; step < 8 && atProvider(page.url()); step++) {
    if (await page.locator('input[name="password"]').count() > 0) {
      pages.push(pageName(page.url(), 'login'));
      await page.locator('input[name="username"], input[name="login"], input[name="user"]').first().fill(username);
      await page.fill('input[name="password"]', password);
      await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"]')]);
      // McpSecure.Identity's login page names a refusal in an alert (other providers use role="alert" for notices).
      if (new URL(page.url()).origin === providerOrigin && await page.locator('[role="alert"]').count() > 0) {
        throw new Error(`login rejected: ${(await page.locator('[role="alert"]').first().innerText()).trim()}`);
      }
      continue;
    }
    const approve = page.locator('form button, form input[type="submit"]').filter({ hasText: /allow|approve|accept|authori[sz]e|grant|continue|yes/i });
    if (await approve.count() > 0) {
      pages.push(pageName(page.url(), 'consent'));
      await Promise.all([page.waitForNavigation(), approve.first().click()]);
      continue;
    }
    throw new Error(`unexpected page at ${page.url().split('?')[0]}: ${(await page.locator('body').innerText()).slice(0, 300)}`);
  }
  const landed = new URL(page.url());
  if (atProvider(landed.href)) throw new Error('the provider never redirected to the client');
  record({ outcome: 'ok', pages, callback: `${landed.origin}${landed.pathname}`, hasCode: landed.searchParams.has('code') });
} catch (error) {
  record({ outcome: 'error', pages, message: String(error?.message ?? error) });
  process.exitCode = 1;
} finally {
  await browser?.close();
}
