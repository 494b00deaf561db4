// Signing in through the sign-in page, as a person would; and the bearer header for the test's own
// API calls (an admin token from the Go side, in TOKEN).
export const TOKEN = process.env.TOKEN || '';

/** Headers with the test's bearer token added. */
export function withToken(headers = {}) {
  return TOKEN ? { ...headers, Authorization: `Bearer ${TOKEN}` } : headers;
}

/** Fills the sign-in form on page p (which shows /signin.html) and waits to leave it. */
export async function signInOn(p, name, password, timeout) {
  await p.waitForSelector('#signin-form', { timeout });
  await p.fill('#signin-name', name);
  await p.fill('#signin-password', password);
  await Promise.all([
    p.waitForURL((u) => !u.pathname.endsWith('/signin.html'), { timeout }),
    p.click('#signin-submit'),
  ]);
}
