/**
 * Organization mails end to end: the API writes the outbox event, a real worker process relays
 * it and sends over SMTP, and the test reads the mail from the devstack catcher and follows its
 * link (the token comes from the mail, not from the database).
 */
import { mailbox, startWorkerProcess, uniqueEmail, type WorkerProcess } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { post } from '../accounts/accounts.test-support';
import { addMember, createOrgUser, createOrgWorld, type OrgWorld } from '../orgs/orgs.test-support';

let api: TestApp;
let worker: WorkerProcess;
let w: OrgWorld;

async function mailTo(to: string, subject: RegExp) {
  try {
    return await mailbox.waitForMail({ to, subject }, 20_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- worker output ---\n${worker.output.join('')}`);
  }
}

beforeAll(async () => {
  worker = await startWorkerProcess();
  api = await buildTestApp();
  w = await createOrgWorld(api);
}, 60_000);

afterAll(async () => {
  await worker?.stop('SIGTERM');
  await api?.close();
});

describe('organization mails', () => {
  it('an invitation is mailed in the requested locale with a working /invitation link', async () => {
    const email = uniqueEmail('mail-invite');
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/orgs/${w.org.id}/invitations`,
      headers: { authorization: w.owner.auth },
      payload: { email, role: 'admin', locale: 'fr' },
    });
    expect(res.statusCode, res.body).toBe(201);

    const mail = await mailTo(email, /^Vous êtes invité·e à rejoindre Acme sur Groundwork$/);
    expect(mail.text).toContain(`${w.owner.name} vous invite à rejoindre l'organisation Acme`);
    expect(mail.text).toContain('Votre rôle : administrateur·rice.');
    const url = mail.text.match(/https?:\/\/\S+\/fr\/invitation\?token=[A-Za-z0-9_-]+/)?.[0];
    expect(url, mail.text).toBeDefined();
    const token = new URL(url ?? 'http://x').searchParams.get('token');

    const preview = await post(api, '/v1/invitations/preview', { token });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ email, role: 'admin', organization: { id: w.org.id } });
  }, 60_000);

  it('a role change is mailed to the member', async () => {
    const member = await createOrgUser(api, { prefix: 'mail-role' });
    await addMember(api, w.org.id, member.id, 'member');
    const res = await api.app.inject({
      method: 'PATCH',
      url: `/v1/orgs/${w.org.id}/members/${member.id}`,
      headers: { authorization: w.owner.auth },
      payload: { role: 'admin' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const mail = await mailTo(member.email, /^Your role in Acme changed$/);
    expect(mail.text).toContain(`${w.owner.name} changed your role in Acme from member to admin.`);
  }, 60_000);
});
