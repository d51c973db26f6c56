import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session } from 'electron';
import { pathToFileURL } from 'node:url';
import type { Result } from '../../shared/contract';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contract/ipc';
import { createDispatcher } from '../ipc/dispatch';
import { handlers } from '../ipc/handlers';
import { ElectronPrintEngine } from './print';
import { fileTypeLabel } from '../services/files/kinds';
import { AppContext, type DialogPort } from '../services/app/context';
import { backupOnExit, startBackupSchedule } from '../services/backup/schedule';
import {
  APP_ENTRY,
  APP_HOST,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isTrustedUrl,
  mimeType,
  resolveStaticPath,
  secureWebPreferences,
} from '../security/policy';
import { APP_VERSION } from '../version';

// Registered before `ready`, so app:// pages get a secure, standard origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = join(__dirname, '../renderer');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trusted = (url: string) => isTrustedUrl(url) || (devUrl !== undefined && url.startsWith(devUrl));

let mainWindow: BrowserWindow | null = null;

function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!res || !res.ok) return new Response('not found', { status: 404 });
    return new Response(res.body, {
      headers: {
        'Content-Type': mimeType(file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

function lockDownWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (e, url) => {
      if (!trusted(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!trusted(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
}

const log = (message: string, error?: unknown) => console.error(`[welfare-desk] ${message}`, error ?? '');

function createWindow(ctx: AppContext): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '民政补贴台账',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  const wcKey = `wc:${mainWindow.webContents.id}`;
  // Back up while the session (and so the database) is still open.
  mainWindow.on('close', () => backupOnExit(ctx, log));
  mainWindow.on('closed', () => {
    ctx.closeSession(wcKey);
    mainWindow = null;
  });
  void mainWindow.loadURL(devUrl ?? APP_ENTRY);
}

/** Folder choices come only from the native dialog: the renderer never names a path. */
const dialogs: DialogPort = {
  async chooseFolder(title) {
    if (!mainWindow) return null;
    const r = await dialog.showOpenDialog(mainWindow, { title, properties: ['openDirectory', 'createDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  async chooseSaveFile(title, suggestedName, extension) {
    if (!mainWindow) return null;
    const r = await dialog.showSaveDialog(mainWindow, {
      title,
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: [{ name: fileTypeLabel(extension), extensions: [extension] }],
      // The dialog asks before replacing a file (Windows and macOS always; Linux with this flag).
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    return r.canceled || !r.filePath ? null : { path: r.filePath, overwrite: true };
  },
};

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const ctx = new AppContext({
    dataDir: join(app.getPath('userData'), 'data'),
    version: APP_VERSION,
    dialogs,
    printing: new ElectronPrintEngine(),
  });
  const dispatch = createDispatcher(ctx, handlers);

  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    // Only our own top-level page may talk to main.
    const frame = event.senderFrame;
    if (
      !mainWindow ||
      event.sender !== mainWindow.webContents ||
      !frame ||
      frame !== event.sender.mainFrame ||
      !trusted(frame.url)
    ) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };
    }
    return dispatch({ key: `wc:${event.sender.id}` }, channel, input);
  });
  ctx.onEvent((e) => mainWindow?.webContents.send(IPC_EVENT, e));

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => ctx.close());

  void app.whenReady().then(() => {
    Menu.setApplicationMenu(null);
    lockDownWebContents();
    serveAppProtocol();
    createWindow(ctx);
    startBackupSchedule(ctx, log);
  });
}

main();
