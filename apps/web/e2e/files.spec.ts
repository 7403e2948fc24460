import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessibleInBothThemes, expectNoViolations } from './support/a11y';
import { baseURL } from './support/env';
import { dropFiles, fillerBytes, pdfDocument, pngImage } from './support/files';
import { createVerifiedUser, signInContext, type TestUser } from './support/identity';
import { messages } from './support/messages';
import { createTeamOrg, DESKTOP, expectNoHorizontalOverflow, PHONE } from './support/shell';

/**
 * Files in the browser (docs/files.md): the organization's library (drop, progress, preview,
 * download, delete), the avatar in the header, and a multipart upload that a reload interrupts
 * and the same file resumes. One account and organization serve the whole file; each test signs
 * its own page in with one API call.
 */

const en = messages.en.Files;
const MiB = 1024 * 1024;
const shots = process.env.E2E_SCREENSHOTS_DIR;

let user: TestUser;

// One account per worker (sign-up and its verification mail are the slow part); each test signs
// its own page in and works in an organization of its own.
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ baseURL });
  user = await createVerifiedUser(page.request, 'files');
  await page.close();
});

async function openLibrary(page: Page, orgName: string): Promise<void> {
  await signInContext(page, user);
  await createTeamOrg(page, orgName);
  await page.goto('/en/org/files');
  await expect(page.getByRole('heading', { level: 1, name: en.title })).toBeVisible();
}

/** Screenshots for people to look at (E2E_SCREENSHOTS_DIR), not assertions. */
async function shoot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

test('a member drops two files, watches them upload, previews the image, downloads and deletes', async ({
  page,
}) => {
  // One journey through every action of the library, at two sizes and in two languages.
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await openLibrary(page, 'Atelier Library');
  await expect(page.getByTestId('files-empty')).toHaveText(en.list.empty);
  await expectNoViolations(page);

  await dropFiles(page, page.getByTestId('upload-dropzone'), [
    { name: 'team-photo.png', mimeType: 'image/png', buffer: pngImage(480, 320) },
    { name: 'brief.pdf', mimeType: 'application/pdf', buffer: pdfDocument('Groundwork brief') },
  ]);

  // Each file gets its row and progress bar, and the total bar covers both.
  const rows = page.getByTestId('upload-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('progressbar', { name: en.upload.totalProgress })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Upload of team-photo.png' })).toBeVisible();
  // The worker checks each file; then it is ready and joins the library.
  for (const row of await rows.all())
    await expect(row).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 });
  await expect(page.getByRole('progressbar', { name: en.upload.totalProgress })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  const library = page.getByTestId('files-list');
  await expect(library.getByTestId('file-row')).toHaveCount(2);
  const photo = library.getByTestId('file-row').filter({ hasText: 'team-photo.png' });
  const brief = library.getByTestId('file-row').filter({ hasText: 'brief.pdf' });
  // The image shows its thumbnail, the PDF its type icon.
  await expect(photo.getByTestId('file-thumb')).toBeVisible({ timeout: 15_000 });
  await expect(brief.getByTestId('file-icon')).toHaveAttribute('data-kind', 'pdf');
  // The usage bar counts them.
  await expect(page.getByRole('meter', { name: en.usage.label })).not.toHaveAttribute(
    'aria-valuetext',
    /^0 byte/,
  );
  await shoot(page, 'library-1280-en-light');
  await expectAccessibleInBothThemes(page);

  // Preview: the image itself, on an inline signed URL.
  await photo.getByRole('button', { name: 'Preview team-photo.png' }).click();
  const dialog = page.getByTestId('preview-dialog');
  const image = dialog.getByTestId('preview-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await expectNoViolations(page);
  await dialog.getByRole('button', { name: en.preview.close }).click();
  await expect(dialog).toBeHidden();

  // Download: the signed URL answers as an attachment with the file's name.
  const downloading = page.waitForEvent('download');
  await brief.getByRole('button', { name: 'Download brief.pdf' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('brief.pdf');

  // Delete, after the confirmation.
  await brief.getByRole('button', { name: 'More actions for brief.pdf' }).click();
  await page.getByRole('menuitem', { name: en.actions.delete }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Delete brief.pdf?');
  await confirm.getByRole('button', { name: en.delete.confirm }).click();
  await expect(library.getByTestId('file-row')).toHaveCount(1);
  await expect(page.getByText('brief.pdf deleted')).toBeVisible();
  // Gone on the server too.
  await page.reload();
  await expect(page.getByTestId('files-list').getByTestId('file-row')).toHaveCount(1);

  // Rename, from the row's menu.
  const kept = page.getByTestId('files-list').getByTestId('file-row');
  await kept.getByRole('button', { name: 'More actions for team-photo.png' }).click();
  await page.getByRole('menuitem', { name: en.actions.rename }).click();
  const rename = page.getByTestId('rename-dialog');
  await rename.getByLabel(en.rename.label).fill('cover.png');
  await rename.getByRole('button', { name: en.rename.save }).click();
  await expect(kept.getByTestId('file-name')).toHaveText('cover.png');

  // Bad files get a clear sentence: the API refuses an empty file at once; the worker rejects an
  // HTML page dressed as a PNG once it has read its first bytes.
  await page.getByTestId('upload-input').setInputFiles([
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    {
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    },
  ]);
  const empty = page.getByTestId('upload-row').filter({ hasText: 'empty.txt' });
  await expect(empty.getByTestId('upload-status')).toContainText(`Failed: ${en.errors.empty_file}`);
  await expect(page.getByText(`empty.txt could not be uploaded: ${en.errors.empty_file}`)).toBeVisible();
  // Trying again would fail the same way: no retry button, only cancel.
  await expect(empty.getByTestId('upload-resume')).toHaveCount(0);
  const fake = page.getByTestId('upload-row').filter({ hasText: 'fake.png' });
  await expect(fake).toHaveAttribute('data-phase', 'rejected', { timeout: 30_000 });
  await expect(fake.getByTestId('upload-status')).toContainText(en.rejected.type_mismatch);
  await expect(page.getByTestId('upload-queue')).toContainText('0 of 2 uploaded');
  await expect(kept).toHaveCount(1);

  // The phone: no sideways scrolling, and axe again.
  await page.setViewportSize(PHONE);
  await expectNoHorizontalOverflow(page, 'files at 390 px');
  await expectNoViolations(page);
  await shoot(page, 'library-390-en-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'library-390-en-dark');
  await page.goto('/ar/org/files');
  await expect(page.getByRole('heading', { level: 1, name: messages.ar.Files.title })).toBeVisible();
  await expectNoHorizontalOverflow(page, 'files at 390 px in Arabic');
  await shoot(page, 'library-390-ar-dark');
  await page.setViewportSize(DESKTOP);
  await shoot(page, 'library-1280-ar-dark');
  await expectNoViolations(page, 'dark');
});

test('a reload in the middle of a large upload resumes it with the parts already sent', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await openLibrary(page, 'Atelier Resume');
  const big = { name: 'recording.bin', mimeType: 'application/octet-stream', buffer: fillerBytes(12 * MiB) };
  const partOf = (url: string) => new URL(url).searchParams.get('partNumber');

  // Part 1 goes through; part 2 is held at the network until the page goes away: the reload
  // happens with exactly one part in the store, whatever the machine's speed.
  let holdPart2: () => void = () => undefined;
  const part2Held = new Promise<void>((resolve) => {
    holdPart2 = resolve;
  });
  await page.route(
    (url) => partOf(url.toString()) === '2',
    () => holdPart2(),
  );
  const part1 = page.waitForResponse((res) => partOf(res.url()) === '1' && res.request().method() === 'PUT');
  await page.getByTestId('upload-input').setInputFiles(big);
  expect((await part1).ok()).toBe(true);
  await part2Held;
  await expect(page.getByTestId('upload-row')).toHaveAttribute('data-status', 'uploading');

  await page.reload();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  // The library remembers the unfinished upload and says how to continue it.
  const interrupted = page.getByTestId('interrupted-uploads');
  await expect(interrupted).toContainText('recording.bin');
  await expect(interrupted).toContainText(en.interrupted.body);
  await shoot(page, 'resume-1280-en-light');

  const sent: string[] = [];
  page.on('request', (req) => {
    const part = partOf(req.url());
    if (req.method() === 'PUT' && part) sent.push(part);
  });
  await page.getByTestId('upload-input').setInputFiles(big);
  const row = page.getByTestId('upload-row');
  await expect(row.getByTestId('upload-status')).toContainText(en.upload.resumed);
  await expect(row).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  // Only the missing parts went again.
  expect(sent.sort()).toEqual(['2', '3']);
  await expect(interrupted).toBeHidden();
  const file = page.getByTestId('files-list').getByTestId('file-row').filter({ hasText: 'recording.bin' });
  await expect(file).toContainText('12 MB');
});

test('a user uploads an avatar and sees it in the header and the member list', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInContext(page, user);
  await page.goto('/en/settings/profile');
  const header = page.getByTestId('user-menu');
  await expect(header.getByTestId('user-menu-avatar-initials')).toBeVisible();
  const section = page.getByTestId('avatar-section');
  await expect(section).toContainText(messages.en.Images.avatar.hint);

  await section.getByTestId('avatar-input').setInputFiles({
    name: 'me.png',
    mimeType: 'image/png',
    buffer: pngImage(400, 300, [200, 80, 60]),
  });
  // The chosen picture shows at once, then the worker's centered square replaces the initials.
  await expect(page.getByText(messages.en.Images.avatar.saved)).toBeVisible({ timeout: 30_000 });
  const avatar = header.getByTestId('user-menu-avatar');
  await expect(avatar).toHaveAttribute('src', /^\/api\/v1\/avatars\/[0-9a-f-]+\?size=64$/);
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await expect(section.getByTestId('avatar-image')).toHaveAttribute('src', /size=256/);
  await expectAccessibleInBothThemes(page);
  // Member lists show it too.
  await page.goto('/en/org/settings/members');
  await expect(page.getByTestId('member-avatar')).toHaveAttribute('src', /^\/api\/v1\/avatars\//);
  await page.goto('/en/settings/profile');
  await shoot(page, 'avatar-1280-en-light');
  await page.setViewportSize(PHONE);
  await expectNoHorizontalOverflow(page, 'profile at 390 px');
  await shoot(page, 'avatar-390-en-light');
});

test('an owner uploads the organization logo, sees it in the switcher, and removes it', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInContext(page, user);
  await createTeamOrg(page, 'Atelier Logo');
  await page.goto('/en/org/settings/general');
  const section = page.getByTestId('org-logo-section');
  await expect(section).toContainText(messages.en.Images.logo.hint);
  await expect(page.getByTestId('org-switcher-logo')).toHaveCount(0);

  await section.getByTestId('logo-input').setInputFiles({
    name: 'logo.png',
    mimeType: 'image/png',
    buffer: pngImage(300, 300, [20, 140, 90]),
  });
  await expect(page.getByText(messages.en.Images.logo.saved)).toBeVisible({ timeout: 30_000 });
  const logo = page.getByTestId('shell-sidebar').getByTestId('org-switcher-logo');
  await expect(logo).toHaveAttribute('src', /^\/api\/v1\/avatars\/[0-9a-f-]+\?size=64$/);
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await expectNoViolations(page);
  await shoot(page, 'logo-1280-en-light');

  // Removing it brings the icon back, after the confirmation.
  await section.getByTestId('logo-remove').click();
  await page.getByRole('alertdialog').getByRole('button', { name: messages.en.Images.logo.remove }).click();
  await expect(page.getByText(messages.en.Images.logo.removed)).toBeVisible();
  await expect(page.getByTestId('org-switcher-logo')).toHaveCount(0);
});

test.describe('on a touch screen', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test('the drop zone asks to add files rather than drag them', async ({ page }) => {
    await openLibrary(page, `Touch Library ${Date.now().toString(36)}`);
    await expect(page.getByText(en.upload.zoneTitleTouch)).toBeVisible();
    await expect(page.getByText(en.upload.zoneTitle)).toBeHidden();
    await expectNoHorizontalOverflow(page, 'files on a touch phone');
    await shoot(page, 'library-touch-390');
  });
});
