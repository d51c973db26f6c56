import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow } from 'electron';
import { app, dialog, ipcMain, Menu, net, protocol, session } from 'electron';
import type { AppEvent } from '../../shared/contract';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contract/ipc';
import {
  appRoot,
  assertLocalFolder,
  defaultDataDir,
  pointerFile,
  readDataDir,
  type LocationFacts,
} from '../services/app/location';
import type { DialogPort } from '../services/app/context';
import { fileTypeLabel } from '../services/files/kinds';
import { FileLogger, logEntry } from '../services/log/logger';
import {
  APP_ENTRY,
  APP_HOST,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isDevServerUrl,
  isTrustedUrl,
  mimeType,
  resolveStaticPath,
  secureWebPreferences,
} from '../security/policy';
import { APP_VERSION } from '../version';
import { ServiceHost } from '../worker/host';
import { ElectronPrintEngine, PRINT_SCHEME, removePrintLeftovers } from './print';
import { createMainWindow } from './window';

/**
 * The only code that touches Electron: windows, dialogs, printing and the IPC
 * relay. The database and every service run in a worker thread (ServiceHost),
 * so a 50,000-row import or scrypt at sign-in never freezes the window.
 */

/** The installer's appId: Windows groups the taskbar icon and notifications by it. */
export const APP_USER_MODEL_ID = 'cn.gov.mca.welfaredesk';

// Registered before `ready`, so app:// pages get a secure, standard origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: PRINT_SCHEME, privileges: { standard: true, secure: true } },
]);

const rendererDir = join(__dirname, '../renderer');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trusted = (url: string) => isTrustedUrl(url) || isDevServerUrl(url, devUrl);

const facts: LocationFacts = {
  platform: process.platform,
  env: process.env,
  home: app.getPath('home'),
  packaged: app.isPackaged,
};
// Chromium's own profile (caches, session storage) stays local too, never in the roaming profile.
app.setPath('userData', join(appRoot(facts), 'electron'));
// Named outright: Electron's default would follow userData into Chromium's profile folder.
app.setAppLogsPath(join(appRoot(facts), 'logs'));
app.setAppUserModelId(APP_USER_MODEL_ID);
const logger = new FileLogger(app.getPath('logs'));

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
    contents.on('will-navigate', (e) => {
      if (!trusted(e.url)) e.preventDefault();
    });
    contents.on('will-redirect', (e) => {
      if (!trusted(e.url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
}

/** Folder and file choices come only from the native dialog: the renderer never names a path. */
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

/** At setup: a local folder (a D: drive is common), empty or already ours, remembered beside the default. */
async function chooseDataLocation(): Promise<string | null> {
  if (!mainWindow) return null;
  const r = await dialog.showOpenDialog(mainWindow, {
    title: '选择数据保存位置（建议选择本机的非系统盘，如 D:\\民政数据）',
    properties: ['openDirectory', 'createDirectory'],
  });
  const dir = r.canceled ? null : (r.filePaths[0] ?? null);
  if (!dir) return null;
  try {
    assertLocalFolder(dir);
  } catch (e) {
    await dialog.showMessageBox(mainWindow, { type: 'error', message: e instanceof Error ? e.message : String(e) });
    return null;
  }
  const target = readdirSync(dir).length === 0 ? dir : join(dir, '民政补贴台账数据');
  mkdirSync(target, { recursive: true });
  mkdirSync(appRoot(facts), { recursive: true });
  writeFileSync(pointerFile(facts), `${JSON.stringify({ dataDir: target }, null, 2)}\n`, { mode: 0o600 });
  return target;
}

function relay(e: AppEvent): void {
  mainWindow?.webContents.send(IPC_EVENT, e);
  if (e.type === 'service.failed' && mainWindow) {
    void dialog
      .showMessageBox(mainWindow, {
        type: 'error',
        message: '后台服务多次意外退出',
        detail: '已保存的数据不受影响。请退出后重新打开本程序；如仍出现，请在系统管理中导出运行日志交给技术支持。',
        buttons: ['退出'],
      })
      .then(() => app.quit());
  }
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  removePrintLeftovers();
  const host = new ServiceHost({
    dataDir: readDataDir(facts),
    version: APP_VERSION,
    dialogs,
    printing: new ElectronPrintEngine(),
    logger,
    logDir: app.getPath('logs'),
    autoBackup: true,
    onEvent: relay,
    location: { defaultDir: defaultDataDir(facts), choose: chooseDataLocation },
  });

  // The envelope crosses as JSON text (the preload parses it): this thread never walks a large result.
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown): Promise<string> => {
    // Only our own top-level page may talk to main.
    const frame = event.senderFrame;
    if (
      !mainWindow ||
      event.sender !== mainWindow.webContents ||
      !frame ||
      frame !== event.sender.mainFrame ||
      !trusted(frame.url)
    ) {
      return JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } });
    }
    return host.invokeJson(`wc:${String(event.sender.id)}`, channel, input);
  });

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    if (!mainWindow.isVisible()) mainWindow.show();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // The worker backs up and closes the database before the process ends.
  let closed = false;
  app.on('before-quit', (e) => {
    if (closed) return;
    e.preventDefault();
    void host.close().finally(() => {
      closed = true;
      app.quit();
    });
  });

  void app
    .whenReady()
    .then(() => host.start())
    .then(() => {
      Menu.setApplicationMenu(null);
      lockDownWebContents();
      serveAppProtocol();
      mainWindow = createMainWindow({
        url: devUrl ?? APP_ENTRY,
        logger,
        webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js'), { devTools: !app.isPackaged }),
      });
      // Windows ends the session without before-quit: close the database while there is still time.
      mainWindow.on('session-end', () => {
        closed = true;
        host.closeSync(4_000);
      });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
    })
    .catch((e: unknown) => {
      logger.write(logEntry('window.failed', e instanceof Error ? e.message : String(e)));
      dialog.showErrorBox(
        '民政补贴台账无法启动',
        `${e instanceof Error ? e.message : String(e)}\n请将运行日志交给技术支持。`,
      );
      app.quit();
    });
}

main();
