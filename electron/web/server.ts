import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AppEvent, Result } from '../../shared/contract';
import { defaultLogDir } from '../services/log/location';
import { FileLogger, NO_LOG } from '../services/log/logger';
import { ServiceHost } from '../worker/host';
import { CONTENT_SECURITY_POLICY, mimeType, resolveStaticPath } from '../security/policy';
import { APP_VERSION } from '../version';
import { ThreadPrintEngine } from './print-thread';

/**
 * Browser preview: the same services and dispatcher as the desktop app, the
 * built renderer served on 127.0.0.1 only, and `invoke`/events carried over
 * HTTP guarded by a per-run random token. Used by `npm run web` and the e2e tests.
 */
export interface HarnessOptions {
  dataDir: string;
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  token?: string;
  /**
   * Where "choose a folder" lands in the preview, which has no native dialog
   * (manual backups, exports). Without it such actions report 操作已取消.
   */
  exportDir?: string;
  /** Daily and exit backups as in the desktop app (`npm run web`); off for tests. */
  autoBackup?: boolean;
  /** Lets tests read the open database through the worker (`inspect`). */
  testHooks?: boolean;
  /** The support log's folder; default beside the data directory (`DATA/../logs`), null for none. */
  logDir?: string | null;
}

export interface Harness {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly host: ServiceHost;
  readonly logDir: string | null;
  /** Test hook: a read-only query on the open database in the worker (null when none is open). */
  inspect<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[] | null>;
  state(): Promise<{ initialized: boolean; storeOpen: boolean; sessions: number }>;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-welfare-token';
export const TOKEN_META = 'welfare-bridge-token';
const MAX_BODY = 32 * 1024 * 1024;
/** The only address the preview ever listens on. */
export const HARNESS_HOST = '127.0.0.1';

/** `name.ext`, else `name (1).ext`, `name (2).ext` … in `dir`. */
export function freeName(dir: string, name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let i = 0; ; i++) {
    const p = join(dir, i === 0 ? name : `${stem} (${String(i)})${ext}`);
    if (!existsSync(p)) return p;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolveBody(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const indexPath = join(opts.rendererDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`找不到已构建的界面 ${indexPath}，请先运行 npm run build`);
  const token = opts.token ?? randomBytes(32).toString('hex');
  const exportDir = opts.exportDir;
  // Headless Chromium, on its own thread, stands in for the app's hidden print window; it starts on the first PDF.
  const printing = new ThreadPrintEngine();
  const listeners = new Set<(e: AppEvent) => void>();
  const logDir = opts.logDir === undefined ? defaultLogDir(opts.dataDir) : opts.logDir;
  const logger = logDir ? new FileLogger(logDir) : NO_LOG;
  // The same split as the desktop app: this thread serves HTTP; the services run in a worker.
  const services = new ServiceHost({
    dataDir: opts.dataDir,
    version: APP_VERSION,
    printing,
    logger,
    logDir,
    autoBackup: opts.autoBackup ?? false,
    testHooks: opts.testHooks ?? false,
    onEvent: (e) => {
      for (const l of listeners) l(e);
    },
    dialogs: {
      chooseFolder: async () => {
        if (!exportDir) return null;
        mkdirSync(exportDir, { recursive: true });
        return exportDir;
      },
      chooseSaveFile: async (_title, suggestedName) => {
        if (!exportDir) return null;
        mkdirSync(exportDir, { recursive: true });
        // As a browser does with downloads: a name already taken gets a number, nothing is replaced.
        return { path: freeName(exportDir, suggestedName), overwrite: false };
      },
    },
  });
  await services.start();
  const caller = 'web';
  const indexHtml = readFileSync(indexPath, 'utf8').replace(
    '<head>',
    `<head>\n    <meta name="${TOKEN_META}" content="${token}">`,
  );
  let port = 0;

  const server = createServer((req, res) => {
    void (async () => {
      // A foreign Host header means DNS rebinding or a proxy: refuse before anything else.
      const host = req.headers.host ?? '';
      if (host !== `${HARNESS_HOST}:${port}` && host !== `localhost:${port}`) {
        send(res, 421, 'misdirected', 'text/plain; charset=utf-8');
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname === '/rpc') {
        if (req.method !== 'POST') return send(res, 405, 'method not allowed', 'text/plain; charset=utf-8');
        const given = req.headers[TOKEN_HEADER];
        if (typeof given !== 'string' || !sameToken(given, token)) {
          return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '预览通道口令不正确' } });
        }
        const body = await readBody(req);
        if (body === null)
          return sendJson(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大' } });
        let message: unknown;
        try {
          message = JSON.parse(body.toString('utf8'));
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求不是有效的 JSON' } });
        }
        const channel =
          typeof message === 'object' && message !== null && 'channel' in message ? message.channel : undefined;
        const input = typeof message === 'object' && message !== null && 'input' in message ? message.input : undefined;
        return send(res, 200, await services.invokeJson(caller, channel, input), 'application/json; charset=utf-8');
      }
      if (url.pathname === '/events') {
        const given = url.searchParams.get('token');
        if (!given || !sameToken(given, token)) return send(res, 403, 'forbidden', 'text/plain; charset=utf-8');
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
        res.write(': connected\n\n');
        const listener = (e: AppEvent) => res.write(`data: ${JSON.stringify(e)}\n\n`);
        listeners.add(listener);
        req.on('close', () => listeners.delete(listener));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'method not allowed', 'text/plain; charset=utf-8');
      const file = resolveStaticPath(opts.rendererDir, url.pathname);
      if (file && file !== indexPath && existsSync(file) && statSync(file).isFile()) {
        return send(res, 200, readFileSync(file), mimeType(file));
      }
      if (file === null) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
      return send(res, 200, indexHtml, 'text/html; charset=utf-8');
    })().catch((e: unknown) => {
      console.error('[harness]', e);
      if (!res.headersSent) send(res, 500, 'internal error', 'text/plain; charset=utf-8');
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, HARNESS_HOST, () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HARNESS_HOST}:${port}/`,
    port,
    token,
    host: services,
    logDir,
    inspect: (sql, ...params) => services.inspect(sql, ...params),
    state: () => services.state(),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          // The worker backs up (when scheduled) and closes the database before it stops.
          void services
            .close()
            .then(() => printing.close())
            .then(ok, ok);
        });
      }),
  };
}
