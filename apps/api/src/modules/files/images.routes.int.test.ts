import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { addMember, createOrg, createOrgUser, createOrgWorld } from '../orgs/orgs.test-support';
import { call, MiB, markReady, postToBucket, readyFile } from './files.test-support';
import { IMAGE_SIGNING_WINDOW_SECONDS } from './images.service';

const app = useTestApps(() => ({ REDIS_PREFIX: `av${randomUUID().slice(0, 8)}` }));

/** What the worker does once an avatar is ready: the user's pointer moves to it. */
async function makeAvatar(t: TestApp, userId: string) {
  const file = await readyFile(t, {
    organizationId: null,
    ownerUserId: userId,
    purpose: 'avatar',
    name: 'me.png',
    type: 'image/png',
    body: 'png',
    variants: ['64', '128', '256'],
  });
  await t.deps.db.user.update({ where: { id: userId }, data: { avatarFileId: file.id } });
  return file;
}

describe('avatar uploads', () => {
  it('presigns a POST under the user’s prefix, completes it, and hands it to the worker', async () => {
    const t = await app();
    const user = await createOrgUser(t, { prefix: 'avatar' });
    const bytes = randomBytes(1500);
    const res = await call(t, 'POST', '/v1/me/avatar/uploads', user.auth, {
      name: 'me.png',
      size: 1500,
      type: 'image/png',
    });
    expect(res.statusCode, res.body).toBe(201);
    const started = res.json();
    expect(started).toMatchObject({
      method: 'post',
      file: { purpose: 'avatar', organizationId: null, status: 'pending' },
    });
    expect(started.fields.key).toBe(`u/${user.id}/${started.file.id}`);
    await postToBucket(started.url, started.fields, bytes, 'image/png');
    const done = await call(t, 'POST', `/v1/me/avatar/uploads/${started.file.id}/complete`, user.auth, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().file.status).toBe('uploaded');
    expect(
      await t.deps.db.outboxEvent.count({
        where: { type: 'file.uploaded_pending_check', payload: { equals: { fileId: started.file.id } } },
      }),
    ).toBe(1);
    const polled = await call(t, 'GET', `/v1/me/avatar/uploads/${started.file.id}`, user.auth);
    expect(polled.json().file.status).toBe('uploaded');
    // Someone else's avatar upload is 404 to them.
    const other = await createOrgUser(t, { prefix: 'other' });
    expect((await call(t, 'GET', `/v1/me/avatar/uploads/${started.file.id}`, other.auth)).statusCode).toBe(
      404,
    );
    expect(
      (await call(t, 'POST', `/v1/me/avatar/uploads/${started.file.id}/complete`, other.auth, {})).statusCode,
    ).toBe(404);
  });

  it('accepts only raster images within FILES_AVATAR_MAX_BYTES', async () => {
    const t = await app();
    const user = await createOrgUser(t, { prefix: 'avatar' });
    const svg = await call(t, 'POST', '/v1/me/avatar/uploads', user.auth, {
      name: 'me.svg',
      size: 100,
      type: 'image/svg+xml',
    });
    expect(svg.statusCode).toBe(415);
    expect(svg.json().code).toBe('file_type_not_allowed');
    const big = await call(t, 'POST', '/v1/me/avatar/uploads', user.auth, {
      name: 'me.png',
      size: 5 * MiB + 1,
      type: 'image/png',
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('file_too_large');
    // Avatars are never multipart, whatever their size within the limit.
    expect(await t.deps.db.file.count({ where: { ownerUserId: user.id } })).toBe(0);
  });

  it('removes the avatar: /me shows none, the file is deleted, audited', async () => {
    const t = await app();
    const user = await createOrgUser(t, { prefix: 'avatar' });
    const file = await makeAvatar(t, user.id);
    const me = await call(t, 'GET', '/v1/me', user.auth);
    expect(me.json().avatarUrl).toBe(`/v1/avatars/${file.id}`);
    expect((await call(t, 'DELETE', '/v1/me/avatar', user.auth)).statusCode).toBe(204);
    expect((await call(t, 'GET', '/v1/me', user.auth)).json().avatarUrl).toBeNull();
    expect((await t.deps.db.file.findUniqueOrThrow({ where: { id: file.id } })).status).toBe('deleted');
    expect(await t.deps.db.auditLog.count({ where: { action: 'avatar.removed', actorId: user.id } })).toBe(1);
    // Removing again is fine.
    expect((await call(t, 'DELETE', '/v1/me/avatar', user.auth)).statusCode).toBe(204);
  });
});

describe('serving avatars and logos', () => {
  it('redirects to a signed WebP URL that stays the same within a window, with caching headers', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const file = await makeAvatar(t, w.member.id);
    const first = await call(t, 'GET', `/v1/avatars/${file.id}?size=64`, w.owner.auth);
    expect(first.statusCode).toBe(302);
    const location = String(first.headers.location);
    const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: file.id } });
    expect(location).toContain(encodeURIComponent(`${row.key}.64.webp`).replaceAll('%2F', '/'));
    const cache = String(first.headers['cache-control']);
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(cache)?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(0);
    expect(maxAge).toBeLessThanOrEqual(IMAGE_SIGNING_WINDOW_SECONDS);
    const again = await call(t, 'GET', `/v1/avatars/${file.id}?size=64`, w.admin.auth);
    expect(again.headers.location).toBe(location);
    const image = await fetch(location);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(image.headers.get('cache-control')).toMatch(/^private, max-age=\d+, immutable$/);
    expect(await image.text()).toBe('webp 64');
    // Another size is another variant; the default is 128.
    const def = await call(t, 'GET', `/v1/avatars/${file.id}`, w.owner.auth);
    expect(String(def.headers.location)).toContain('.128.webp');
  });

  it('shows an avatar to its owner, people sharing an organization and admins; 404 to others', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const file = await makeAvatar(t, w.member.id);
    const globalAdmin = await createOrgUser(t, { prefix: 'root', globalRole: 'admin' });
    const stranger = await createOrgUser(t, { prefix: 'stranger' });
    const url = `/v1/avatars/${file.id}?size=128`;
    expect((await call(t, 'GET', url, w.member.auth)).statusCode).toBe(302);
    expect((await call(t, 'GET', url, w.owner.auth)).statusCode).toBe(302);
    expect((await call(t, 'GET', url, globalAdmin.auth)).statusCode).toBe(302);
    expect((await call(t, 'GET', url, w.otherOwner.auth)).statusCode).toBe(404);
    expect((await call(t, 'GET', url, stranger.auth)).statusCode).toBe(404);
    // Anonymous: 401, not the image.
    const anonymous = await t.app.inject({ url });
    expect(anonymous.statusCode).toBe(401);
    // A made-up id, a deleted avatar, a library file: 404 alike.
    expect((await call(t, 'GET', `/v1/avatars/${randomUUID()}`, w.member.auth)).statusCode).toBe(404);
    const libraryFile = await readyFile(t, { organizationId: w.org.id, ownerUserId: w.member.id });
    expect((await call(t, 'GET', `/v1/avatars/${libraryFile.id}`, w.member.auth)).statusCode).toBe(404);
    await call(t, 'DELETE', '/v1/me/avatar', w.member.auth);
    expect((await call(t, 'GET', url, w.owner.auth)).statusCode).toBe(404);
  });

  it('shows a logo to the organization’s members only, and removes it', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const logo = await readyFile(t, {
      organizationId: w.org.id,
      ownerUserId: w.owner.id,
      purpose: 'org_logo',
      name: 'logo.png',
      type: 'image/png',
      variants: ['64', '128', '256'],
    });
    await t.deps.db.organization.update({ where: { id: w.org.id }, data: { logoFileId: logo.id } });
    expect((await call(t, 'GET', `/v1/avatars/${logo.id}`, w.member.auth)).statusCode).toBe(302);
    expect((await call(t, 'GET', `/v1/avatars/${logo.id}`, w.otherOwner.auth)).statusCode).toBe(404);
    // The switcher list and the organization carry the logo URL.
    const mine = await call(t, 'GET', '/v1/orgs', w.member.auth);
    const listed = mine.json().organizations.find((o: { id: string }) => o.id === w.org.id);
    expect(listed.logoUrl).toBe(`/v1/avatars/${logo.id}`);
    const one = await call(t, 'GET', `/v1/orgs/${w.org.id}`, w.member.auth);
    expect(one.json().logoUrl).toBe(`/v1/avatars/${logo.id}`);
    // Members may not remove it; admins may.
    expect((await call(t, 'DELETE', `/v1/orgs/${w.org.id}/logo`, w.member.auth)).statusCode).toBe(403);
    expect((await call(t, 'DELETE', `/v1/orgs/${w.org.id}/logo`, w.admin.auth)).statusCode).toBe(204);
    expect((await call(t, 'GET', `/v1/orgs/${w.org.id}`, w.member.auth)).json().logoUrl).toBeNull();
    expect((await call(t, 'GET', `/v1/avatars/${logo.id}`, w.member.auth)).statusCode).toBe(404);
    expect(
      await t.deps.db.auditLog.count({ where: { action: 'org.logo_removed', organizationId: w.org.id } }),
    ).toBe(1);
  });

  it('puts avatarUrl on member lists and the admin user list', async () => {
    const t = await app();
    const org = await createOrg(t, 'Avatars');
    const [withAvatar, without, root] = await Promise.all([
      createOrgUser(t, { prefix: 'with', name: 'Ava Tar' }),
      createOrgUser(t, { prefix: 'without', name: 'No Avatar' }),
      createOrgUser(t, { prefix: 'root', globalRole: 'admin' }),
    ]);
    await addMember(t, org.id, withAvatar.id, 'owner');
    await addMember(t, org.id, without.id, 'member');
    const file = await makeAvatar(t, withAvatar.id);
    const members = await call(t, 'GET', `/v1/orgs/${org.id}/members`, without.auth);
    const byId = Object.fromEntries(
      members
        .json()
        .members.map((m: { userId: string; avatarUrl: string | null }) => [m.userId, m.avatarUrl]),
    );
    expect(byId).toEqual({ [withAvatar.id]: `/v1/avatars/${file.id}`, [without.id]: null });
    const admin = await call(
      t,
      'GET',
      `/v1/admin/users?q=${encodeURIComponent(withAvatar.email)}`,
      root.auth,
    );
    expect(admin.statusCode, admin.body).toBe(200);
    const item = admin.json().users.find((u: { id: string }) => u.id === withAvatar.id);
    expect(item.avatarUrl).toBe(`/v1/avatars/${file.id}`);
  });

  it('a pending or rejected avatar is never served', async () => {
    const t = await app();
    const user = await createOrgUser(t, { prefix: 'avatar' });
    const started = (
      await call(t, 'POST', '/v1/me/avatar/uploads', user.auth, { name: 'a.png', size: 3, type: 'image/png' })
    ).json();
    expect((await call(t, 'GET', `/v1/avatars/${started.file.id}`, user.auth)).statusCode).toBe(404);
    await postToBucket(started.url, started.fields, Buffer.from('png'), 'image/png');
    await call(t, 'POST', `/v1/me/avatar/uploads/${started.file.id}/complete`, user.auth, {});
    expect((await call(t, 'GET', `/v1/avatars/${started.file.id}`, user.auth)).statusCode).toBe(404);
    await markReady(t, started.file.id, { variants: ['128'] });
    expect((await call(t, 'GET', `/v1/avatars/${started.file.id}`, user.auth)).statusCode).toBe(302);
  });
});
