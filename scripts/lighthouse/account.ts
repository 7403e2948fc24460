import { randomUUID } from 'node:crypto';

/**
 * A verified account for the signed-in page, made the way a person makes one: sign-up through
 * the API, the real verification mail from the stack's mail catcher, then sign-in. Returns the
 * `Cookie` header the browser would send afterwards.
 */
export async function signedInCookie(webUrl: string, mailInboxUrl: string): Promise<string> {
  const email = `lighthouse-${randomUUID()}@example.com`;
  const password = `Mosaic-${randomUUID().slice(0, 8)}-lantern-${randomUUID().slice(0, 4)}`;
  const json = { 'content-type': 'application/json' };

  const signUp = await fetch(`${webUrl}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password, name: 'Lighthouse Runner', locale: 'en' }),
  });
  if (signUp.status !== 202) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);

  const token = await verificationToken(mailInboxUrl, email);
  const verify = await fetch(`${webUrl}/api/v1/auth/verify-email`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ token }),
  });
  if (verify.status !== 200)
    throw new Error(`verify-email answered ${verify.status}: ${await verify.text()}`);

  const signIn = await fetch(`${webUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookies = signIn.headers.getSetCookie().map((line) => line.split(';')[0]);
  if (cookies.length === 0) throw new Error('sign-in set no cookie');
  return cookies.join('; ');
}

async function verificationToken(mailInboxUrl: string, to: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${mailInboxUrl}/api/messages?to=${encodeURIComponent(to)}`);
    const mails = res.ok ? ((await res.json()) as { text: string }[]) : [];
    for (const mail of mails) {
      for (const match of mail.text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
        const url = new URL(match[0]);
        const token = url.searchParams.get('token');
        if (url.pathname.endsWith('/verify-email') && token) return token;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no verification mail to ${to} within 30 s`);
}
