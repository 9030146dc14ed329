/**
 * The docs page in a real headless browser: Chromium loads /docs from the run's local stack, Swagger UI
 * fetches /openapi.json and renders it, and the rendered DOM must hold every tag and every operation of
 * the document. Skips (saying why) when no Chromium is installed; set CHROMIUM_BIN to pick a binary.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { http } from '../support/http.ts';

const CANDIDATES = [process.env.CHROMIUM_BIN, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const chromium = CANDIDATES.find((p): p is string => !!p && existsSync(p));

async function renderedDom(url: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'omnistrate-chromium-'));
  try {
    const { stdout } = await promisify(execFile)(
      chromium!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=15000',
        '--dump-dom',
        url,
      ],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('docs page in a headless browser', () => {
  it('renders every tag of /openapi.json with Swagger UI, and every operation of a tag opened by deep link', { timeout: 90_000 }, async (ctx) => {
    if (!chromium) return ctx.skip(`no Chromium binary found (looked for ${CANDIDATES.filter(Boolean).join(', ')}); apt-get install chromium, or set CHROMIUM_BIN`);
    const doc = (await http('GET', '/openapi.json')).json;
    const tags: string[] = doc.tags.map((t: { name: string }) => t.name);
    expect(tags.length).toBeGreaterThan(5);

    const dom = await renderedDom(`${inject('baseUrl')}/docs`);
    expect(dom).toContain('class="swagger-ui');
    expect(dom, 'the info section shows the document title').toContain(doc.info.title);
    const missingTags = tags.filter((t) => !dom.includes(`data-tag="${attr(t)}"`));
    expect(missingTags, 'tags missing from the rendered page').toEqual([]);
    // Try-it-out goes to the stack that served the page.
    expect(dom).toContain(`<option value="${attr(inject('baseUrl'))}"`);

    // Tags start collapsed; a deep link opens one. The largest tag, and one whose operationIds repeat elsewhere.
    const opsOf = (tag: string) =>
      Object.values(doc.paths).flatMap((item: any) => Object.values(item).filter((op: any) => op.tags?.includes(tag)).map((op: any) => op.operationId as string));
    const largest = [...tags].sort((a, b) => opsOf(b).length - opsOf(a).length)[0];
    for (const tag of [largest, 'consumption-user-api']) {
      const opened = await renderedDom(`${inject('baseUrl')}/docs#/${tag}`);
      // Swagger UI CSS-escapes the id it derives from an operationId (`service-api#DescribeService` → `service-api\#DescribeService`).
      const missing = opsOf(tag).filter((id) => !opened.includes(`-${id.replace(/#/g, '\\#')}"`));
      expect(opsOf(tag).length, tag).toBeGreaterThan(0);
      expect(missing, `operations of ${tag} missing from the rendered page`).toEqual([]);
    }
  });
});
