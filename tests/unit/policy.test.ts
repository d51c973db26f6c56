import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isTrustedUrl,
  resolveStaticPath,
  secureWebPreferences,
  APP_ENTRY,
} from '../../electron/security/policy';

describe('window security policy', () => {
  it('allows scripts only from our own origin and nothing remote', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('runs the renderer sandboxed and isolated, without Node', () => {
    const p = secureWebPreferences('/x/preload.js');
    expect(p).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('trusts only app://renderer', () => {
    expect(isTrustedUrl(APP_ENTRY)).toBe(true);
    expect(isTrustedUrl('app://renderer/assets/x.js')).toBe(true);
    for (const u of [
      'https://example.com',
      'app://other/index.html',
      'file:///etc/passwd',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isTrustedUrl(u)).toBe(false);
    }
  });

  it('never resolves a static path outside the renderer folder', () => {
    const root = resolve('/srv/renderer');
    expect(resolveStaticPath(root, '/')).toBe(resolve(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index.js')).toBe(resolve(root, 'assets/index.js'));
    for (const p of [
      '/../secret',
      '/..%2fsecret',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/a/../../b',
      '/x%00.js',
      '/..\\..\\win.ini',
      '/%E0%A4%A',
    ]) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
  });
});
