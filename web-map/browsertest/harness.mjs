// What the browser test modules share: how Debian's chromium is started, waiting for a condition,
// and signing in as a person in a browser context of one's own.
import assert from 'node:assert/strict';
import { signInOn } from './signin.mjs';

/** Chromium's flags: headless with SwiftShader, nothing fetched from outside. */
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Options for chromium.launch and launchPersistentContext. */
export function launchOptions(executablePath) {
  return { executablePath, headless: true, args: CHROMIUM_ARGS };
}

/** Waits until check() is true, asking every 250 ms, for at most ms; check may return why not. */
export async function eventually(check, ms, what) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await check();
    if (last === true) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`${what} did not happen within ${ms / 1000} s${last && last !== false ? `: ${last}` : ''}`);
}

/**
 * Records page p's errors and console errors in problems. Before signing in the session is refused
 * (401), as it must be, and so is a sign-in with a wrong or disabled account: those are not
 * problems; nor is a console error for which one of expected(text, url) is true.
 */
export function watchErrors(p, label, problems, expected = []) {
  p.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
  p.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location()?.url || '';
    if (/status of 401/.test(msg.text()) && /\/api\/v1\/session\b/.test(url)) return;
    if (expected.some((ok) => ok(msg.text(), url))) return;
    problems.push(`${label}: console error: ${msg.text()} ${url}`);
  });
}

/**
 * A page in a new context of browser (its own cookies), signed in as account through the sign-in
 * page that opening path leads to, and back on that page.
 */
export async function signedInPage(browser, { baseURL, path = '/', account, timeout, label, problems, expected = [] }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  watchErrors(page, label, problems, expected);
  await page.goto(`${baseURL}${path}`);
  await page.waitForURL((u) => u.pathname.endsWith('/signin.html'), { timeout });
  await signInOn(page, account.name, account.password, timeout);
  return { context, page };
}

/** Waits for the map page's start (window.landwatch.ready). */
export async function mapReady(p, timeout) {
  await p.waitForFunction(() => window.landwatch && window.landwatch.ready, null, { timeout });
  await p.evaluate(() => window.landwatch.ready);
}
