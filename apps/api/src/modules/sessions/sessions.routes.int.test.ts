import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import {
  bearer,
  createUser,
  names,
  SAME_ORIGIN,
  signInWithBody,
  signInWithCookies,
} from '../auth/auth.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const list = (token: string) =>
  t.app.inject({ method: 'GET', url: '/v1/me/sessions', headers: bearer(token) });
const del = (token: string, id: string) =>
  t.app.inject({ method: 'DELETE', url: `/v1/me/sessions/${id}`, headers: bearer(token) });

describe('/v1/me/sessions', () => {
  it('lists only your live sessions with device, ip and the current marker', async () => {
    const user = await createUser(t);
    const stranger = await createUser(t);
    await signInWithCookies(t, user.email, { ip: '10.9.8.7' });
    const api = await signInWithBody(t, user.email);
    await signInWithBody(t, stranger.email);
    const ended = await signInWithBody(t, user.email);
    await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: bearer(ended.tokens.accessToken),
    });

    const res = await list(api.tokens.accessToken);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const { sessions } = res.json() as {
      sessions: { device: string | null; ip: string; current: boolean }[];
    };
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions).toContainEqual(
      expect.objectContaining({ device: 'Chrome on Mac OS', ip: '10.9.8.7', current: false }),
    );
  });

  it('revokes one of your sessions (audited), answers 404 for anyone else’s and 400 for a malformed id', async () => {
    const user = await createUser(t);
    const stranger = await createUser(t);
    const mine = await signInWithBody(t, user.email);
    const other = await signInWithBody(t, user.email);
    const theirs = await signInWithBody(t, stranger.email);
    const [otherId, theirId] = await Promise.all([
      t.deps.db.session.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: 'desc' } }),
      t.deps.db.session.findFirstOrThrow({ where: { userId: stranger.id } }),
    ]).then((s) => s.map((x) => x.id) as [string, string]);

    const foreign = await del(mine.tokens.accessToken, theirId);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'not_found' });
    expect((await list(theirs.tokens.accessToken)).statusCode).toBe(200);

    expect((await del(mine.tokens.accessToken, 'not-a-uuid')).statusCode).toBe(400);
    expect((await del(mine.tokens.accessToken, otherId)).statusCode).toBe(204);
    expect((await del(mine.tokens.accessToken, otherId)).statusCode).toBe(404);
    expect((await list(other.tokens.accessToken)).statusCode).toBe(401);
    const audit = await t.deps.db.auditLog.findMany({
      where: { actorId: user.id, action: 'session.revoked' },
    });
    expect(audit).toMatchObject([{ targetType: 'session', targetId: otherId }]);
  });

  it('revoking the current session clears the cookies', async () => {
    const user = await createUser(t);
    const { jar } = await signInWithCookies(t, user.email);
    const n = names(t);
    const session = await t.deps.db.session.findFirstOrThrow({ where: { userId: user.id } });
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/v1/me/sessions/${session.id}`,
      headers: SAME_ORIGIN,
      cookies: { [n.access]: jar[n.access] ?? '' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === n.access)?.value).toBe('');
  });

  it('revoke-others keeps only the current session', async () => {
    const user = await createUser(t);
    const keep = await signInWithBody(t, user.email);
    const others = await Promise.all([signInWithBody(t, user.email), signInWithBody(t, user.email)]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/sessions/revoke-others',
      headers: bearer(keep.tokens.accessToken),
    });
    expect(res.json()).toEqual({ revoked: 2 });
    expect((await list(keep.tokens.accessToken)).json().sessions).toHaveLength(1);
    for (const o of others) expect((await list(o.tokens.accessToken)).statusCode).toBe(401);
  });
});
