import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';

/**
 * Security policy shared by the Electron window and the browser preview, kept free
 * of `electron` imports so it is tested in plain Node.
 */

/** Styles may be inline (antd and AG Grid inject theirs); scripts only from our own files. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The development server, by origin (a prefix match would trust http://localhost:5173.evil.example). */
export function isDevServerUrl(url: string, devUrl: string | undefined): boolean {
  if (!devUrl) return false;
  try {
    return new URL(url).origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}

/** Only our own pages may be shown or send IPC. */
export function isTrustedUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export function mimeType(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot >= 0 && MIME[path.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or null when it would leave it
 * (`..`, encoded separators, absolute paths, NUL).
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = normalize(decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, ''));
  const full = resolve(root, rel);
  const back = relative(resolve(root), full);
  if (back === '' || back.startsWith(`..${sep}`) || back === '..' || isAbsolute(back)) return null;
  return full;
}

/** BrowserWindow web preferences: the renderer gets no Node, no remote content, an isolated preload. */
export function secureWebPreferences(preloadPath: string, opts: { devTools: boolean } = { devTools: false }) {
  return {
    preload: preloadPath,
    // A packaged build has no developer tools: nobody at a county desk needs a console into the registers.
    devTools: opts.devTools,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}
