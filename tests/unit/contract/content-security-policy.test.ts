import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CONTENT_SECURITY_POLICY } from '../../../contract/index.js';

describe('renderer Content-Security-Policy', () => {
  it('is the same in renderer/index.html as in the contract both shells send', () => {
    const html = readFileSync(path.resolve(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    // frame-ancestors only works as a header; browsers ignore (and warn about) it in <meta>.
    const headerOnly = RENDERER_CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", '');
    expect(meta?.[1]).toBe(headerOnly);
  });

  it('allows no inline or evaluated script and no remote origin', () => {
    expect(RENDERER_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(RENDERER_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });
});
