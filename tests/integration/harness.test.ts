import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARNESS_HOST, startHarness, TOKEN_HEADER, type Harness } from '../../electron/web/server';
import { ADMIN, initialisedDir } from '../support/fixtures';
import { RENDERER_DIR } from '../support/paths';
import { tempDir } from '../support/tmp';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function httpRequest(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser preview harness', () => {
  const tmp = tempDir();
  let h: Harness;
  beforeAll(async () => {
    initialisedDir(join(tmp.dir, 'data'));
    h = await startHarness({ testHooks: true, dataDir: join(tmp.dir, 'data'), rendererDir: RENDERER_DIR });
  });
  afterAll(async () => {
    await h.close();
    tmp.cleanup();
  });

  const rpc = (channel: string, input: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: h.token }) =>
    httpRequest(h.port, '/rpc', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ channel, input }),
    });

  it('listens on the loopback address only', () => {
    expect(HARNESS_HOST).toBe('127.0.0.1');
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/`);
  });

  it('serves the renderer with the token and a strict CSP', async () => {
    const r = await httpRequest(h.port, '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain(`content="${h.token}"`);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it('refuses calls without the right token', async () => {
    expect((await rpc('app.info', {}, {})).status).toBe(403);
    expect((await rpc('app.info', {}, { [TOKEN_HEADER]: 'f'.repeat(64) })).status).toBe(403);
    const ok = await rpc('app.info', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({
      ok: true,
      value: { initialized: true, session: null, profile: { countyName: '江岸区' } },
    });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await httpRequest(h.port, '/', { headers: { host: `evil.example:${h.port}` } });
    expect(r.status).toBe(421);
    const rpcReply = await httpRequest(h.port, '/rpc', {
      method: 'POST',
      headers: { host: 'evil.example', [TOKEN_HEADER]: h.token },
      body: '{}',
    });
    expect(rpcReply.status).toBe(421);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const p of [
      '/../package.json',
      '/..%2fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%5c..%5cpackage.json',
    ]) {
      const r = await httpRequest(h.port, p);
      expect(r.body).not.toContain('"name": "welfare-desk"');
      expect(r.body).not.toContain('root:');
    }
  });

  it('answers bad JSON with an envelope error', async () => {
    const r = await httpRequest(h.port, '/rpc', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: h.token },
      body: '{not json',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('carries events to the browser over server-sent events', async () => {
    expect(
      JSON.parse((await rpc('session.login', { username: ADMIN.username, password: ADMIN.password })).body),
    ).toMatchObject({ ok: true });
    let locking: Promise<unknown> = Promise.resolve();
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: h.port, path: `/events?token=${h.token}` }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          // The event may arrive before the answer (the services run in a worker): both are awaited.
          if (chunk.startsWith(': connected')) locking = rpc('session.lock', { reason: 'user' });
          if (chunk.startsWith('data:')) {
            resolve(chunk);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(received.slice(5))).toEqual({ type: 'session.locked', reason: 'user' });
    await locking;
    expect((await httpRequest(h.port, `/events?token=nope`)).status).toBe(403);
  });
});
