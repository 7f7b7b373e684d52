// A tenant's session in a real browser (Debian's chromium driven by playwright-core) against the local runtime:
// sign in, upload a video, an image and a file the server rejects, watch them finish, import a picture from a URL, see the library's posters, play the video and scrub it with the storyboard, add captions and turn them on, open the
// usage view, give a file a title and tags and filter by one, delete a file, cut a clip. Screenshots of each screen go to SCREENSHOTS. Exits non-zero on the first failure.
//   BASE_URL=http://127.0.0.1:7071 MEDIA_DIR=/tmp/media SCREENSHOTS=/tmp/shots node e2e/browser.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:7071';
const media = process.env.MEDIA_DIR;
const shots = process.env.SCREENSHOTS ?? 'target/screenshots';
const tenant = process.env.TENANT ?? `web-${Date.now()}`;
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
const step = (text) => console.log(`- ${text}`);
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
// Any error the page throws or logs fails the suite: a broken pattern attribute, an uncaught promise, a failed fetch.
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
page.on('console', (message) => {
  if (message.type() === 'error') pageErrors.push(`console error: ${message.text()}`);
});

try {
  await page.goto(base);
  step('sign in as a dev tenant');
  await page.getByLabel('Tenant').fill(tenant);
  await shot('01-sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in to ${tenant}`).waitFor();

  step('upload a video, an image and a file that is not what it claims');
  await page.getByLabel('Choose files').setInputFiles([join(media, 'clip.mp4'), join(media, 'photo.png'),
    join(media, 'fake.png')]);
  const transfer = (name) => page.locator('li.transfer', { hasText: name });
  await transfer('photo.png').getByText('Succeeded').waitFor({ timeout: 60_000 });
  await transfer('fake.png').getByText('Rejected').waitFor({ timeout: 60_000 });
  await transfer('fake.png').getByText(/is not image\/png/).waitFor();
  await transfer('clip.mp4').getByText(/Processing|Succeeded/).waitFor({ timeout: 60_000 });
  await shot('02-uploading');
  await transfer('clip.mp4').getByText('Succeeded').waitFor({ timeout: 180_000 });
  const progress = await transfer('clip.mp4').getByRole('progressbar').getAttribute('value');
  if (progress !== '100') throw new Error(`the video's progress bar ends at ${progress}`);
  await shot('03-uploaded');

  step('import a picture from a URL: the service fetches it and it goes the way of an upload');
  await page.getByLabel('Or import a file from a URL').fill(process.env.IMPORT_URL);
  await page.getByLabel('Type of the file at the URL').selectOption('image/png');
  await page.getByRole('button', { name: 'Import' }).click();
  await transfer('imported.png').getByText('Succeeded').waitFor({ timeout: 60_000 });
  await shot('03a-imported');

  step('the library shows the video by its poster and the other files by a badge of their kind');
  await page.getByRole('button', { name: 'Library' }).click();
  await page.waitForFunction(() => {
    const poster = document.querySelector('img.poster[alt="Poster of clip.mp4"]');
    return poster && poster.complete && poster.naturalWidth > 0;
  }, null, { timeout: 30_000 });
  const badge = await page.getByRole('row', { name: /photo\.png/ }).locator('.type-icon').textContent();
  if (badge !== 'IMAGE') throw new Error(`photo.png shows the badge ${badge}`);
  await shot('03b-library-posters');

  step('play the video from the library');
  await page.getByRole('button', { name: 'Play clip.mp4' }).click();
  await page.waitForFunction(() => document.getElementById('player').currentTime > 0.5, null, { timeout: 60_000 });
  await shot('04-playing');

  step('drag the seek bar: the storyboard shows the tile of the time under the thumb, and letting go seeks there');
  await page.locator('#scrub').waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('#scrubber').evaluate((range) => {
    range.focus();
    range.value = '1.5';
    range.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => {
    const preview = document.getElementById('scrub-preview');
    return !preview.hidden && preview.style.backgroundImage.includes('sprite-001.jpg');
  }, null, { timeout: 10_000 });
  const tileLoads = await page.locator('#scrub-preview').evaluate((preview) => new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image.naturalWidth);
    image.onerror = () => resolve(0);
    image.src = preview.style.backgroundImage.slice(5, -2);
  }));
  if (tileLoads !== 1600) throw new Error(`the sprite sheet is ${tileLoads} pixels wide, not 10 tiles of 160`);
  await shot('04b-scrub-preview');
  await page.locator('#scrubber').evaluate((range) => range.dispatchEvent(new Event('change', { bubbles: true })));
  await page.waitForFunction(() => Math.abs(document.getElementById('player').currentTime - 1.5) < 0.6);

  step('add an SRT caption track from the player, turn captions on: the cue shows over the video at its time');
  await page.getByLabel('Caption file').setInputFiles(join(media, 'captions.srt'));
  await page.getByRole('button', { name: 'Add captions' }).click();
  await page.waitForFunction(() => [...document.getElementById('caption-menu').options]
    .some((option) => option.text === 'English'), null, { timeout: 30_000 });
  await page.locator('#caption-menu').selectOption({ label: 'English' });
  await page.locator('#player').evaluate((video) => { video.pause(); video.currentTime = 1.2; });
  await page.waitForFunction(() => {
    const track = [...document.getElementById('player').textTracks].find((t) => t.mode === 'showing');
    return track && [...(track.activeCues ?? [])].some((cue) => cue.text.includes('Hello from the captions'));
  }, null, { timeout: 30_000 });
  await shot('04c-captions-on');

  step('preview the image');
  await page.getByRole('button', { name: 'Preview photo.png' }).click();
  await page.waitForFunction(() => {
    const img = document.getElementById('picture');
    return !img.hidden && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 30_000 });
  await shot('05-preview');

  step('the usage view shows the two accepted uploads and the rejection');
  await page.getByRole('button', { name: 'Usage' }).click();
  await page.waitForFunction(() => {
    const row = [...document.querySelectorAll('#totals tr')].find((r) => r.firstChild.textContent === 'Uploads');
    return row && row.lastChild.textContent === '4';
  }, null, { timeout: 60_000 });
  const rejected = await page.getByRole('row', { name: /^Rejected\s/ }).locator('td').textContent();
  if (rejected !== '1') throw new Error(`usage shows ${rejected} rejected`);
  const chartWidth = await page.getByRole('img', { name: /Uploads and uploaded megabytes per day/ })
    .evaluate((canvas) => canvas.width);
  if (!chartWidth) throw new Error('the usage chart was not drawn');
  await page.getByText(/Includes everything up to/).waitFor();
  await page.getByText(/Transcoding today: [0-9.]+ of 600 minutes · [0-9] of 3 encoding/).waitFor();
  step('the storage report beside it shows what the library holds now');
  await page.waitForFunction(() => {
    const row = [...document.querySelectorAll('#storage-totals tr')].find((r) => r.firstChild.textContent === 'Stored now');
    return row && row.lastChild.textContent !== '0 B';
  }, null, { timeout: 60_000 });
  const storageChart = await page.getByRole('img', { name: /Stored megabytes at the end of each day/ })
    .evaluate((canvas) => canvas.width);
  if (!storageChart) throw new Error('the storage chart was not drawn');
  await shot('06-usage');

  step('give the image a title and tags, then filter the library by a tag');
  await page.getByRole('button', { name: 'Library' }).click();
  await page.getByRole('button', { name: 'Edit details of photo.png' }).click();
  await page.getByLabel('Title').fill('Team photo');
  await page.getByLabel('Tags, separated by commas').fill('team, q4');
  await shot('07-edit-details');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('row', { name: /photo\.png/ }).getByText('Team photo').waitFor();
  await page.getByLabel('Tag', { exact: true }).fill('team');
  await page.getByLabel('Tag', { exact: true }).press('Tab');
  await page.waitForFunction(() => document.querySelectorAll('#uploads tr').length === 1);
  await page.getByRole('row', { name: /photo\.png/ }).getByText('q4').waitFor();
  await shot('08-filtered-by-tag');
  await page.getByLabel('Tag', { exact: true }).fill('');
  await page.getByLabel('Tag', { exact: true }).press('Tab');
  await page.waitForFunction(() => document.querySelectorAll('#uploads tr').length > 1);

  step('delete the image');
  await page.getByRole('button', { name: 'Delete photo.png' }).click();
  await page.getByRole('row', { name: /photo\.png/ }).getByText('Deleted').waitFor();
  await shot('09-deleted');

  step('cut an instant clip of the video: a new upload appears in the library');
  await page.getByRole('button', { name: 'Clip clip.mp4' }).click();
  await page.getByLabel('From (seconds)').fill('1');
  await page.getByLabel('To (seconds)').fill('3');
  await shot('09b-clip-dialog');
  await page.getByRole('button', { name: 'Make clip' }).click();
  await page.getByRole('row', { name: /clip-clip-1-3\.mp4/ }).getByText('Succeeded').waitFor({ timeout: 60_000 });
  await shot('09c-clipped');

  step('a phone-sized screen');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot('10-phone');
  if (pageErrors.length > 0) throw new Error(`the page reported errors:\n${pageErrors.join('\n')}`);
  console.log('browser suite passed');
} catch (error) {
  await shot('failure').catch(() => {});
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
