import { app, BrowserWindow, dialog, Menu, type WebContents } from 'electron';
import type { Logger } from '../services/log/logger';
import { logEntry } from '../services/log/logger';

/**
 * The main window always becomes visible: a page that fails to load, a renderer
 * that dies or a `ready-to-show` that never comes shows the window with a Chinese
 * explanation and a way to retry or quit. An invisible process would otherwise
 * hold the single-instance lock, and every relaunch would only focus nothing.
 */
export const READY_TIMEOUT_MS = 8_000;

export interface WindowOptions {
  url: string;
  webPreferences: Electron.WebPreferences;
  logger: Logger;
}

async function offerRetry(win: BrowserWindow, url: string, message: string, detail: string): Promise<void> {
  if (win.isDestroyed()) return;
  if (!win.isVisible()) win.show();
  const r = await dialog.showMessageBox(win, {
    type: 'error',
    title: '民政补贴台账',
    message,
    detail,
    buttons: ['重试', '退出'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (r.response === 0 && !win.isDestroyed()) void win.loadURL(url);
  else app.quit();
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '民政补贴台账',
    show: false,
    webPreferences: opts.webPreferences,
  });
  let shown = false;
  const show = () => {
    if (shown || win.isDestroyed()) return;
    shown = true;
    win.show();
  };
  win.once('ready-to-show', show);
  const timer = setTimeout(() => {
    if (shown || win.isDestroyed()) return;
    opts.logger.write(logEntry('window.failed', 'ready-to-show did not arrive in time', { level: 'warn' }));
    show();
  }, READY_TIMEOUT_MS);
  win.once('closed', () => clearTimeout(timer));

  win.webContents.on('did-fail-load', (_e, code, description, _url, isMainFrame) => {
    // -3 is an aborted load (a navigation replaced it), not a failure.
    if (!isMainFrame || code === -3) return;
    opts.logger.write(
      logEntry('window.failed', `did-fail-load ${String(code)} ${description}`, { code: String(code) }),
    );
    show();
    void offerRetry(
      win,
      opts.url,
      '界面加载失败',
      `错误代码 ${String(code)}（${description}）。可以重试，或退出后重新打开本程序。`,
    );
  });
  win.webContents.on('render-process-gone', (_e, details) => {
    opts.logger.write(logEntry('window.failed', `render-process-gone ${details.reason}`, { code: details.reason }));
    show();
    void offerRetry(
      win,
      opts.url,
      '界面意外退出',
      `原因：${details.reason}。已保存的数据不受影响；未保存的输入需要重新填写。`,
    );
  });
  attachEditMenu(win.webContents);
  void win.loadURL(opts.url);
  return win;
}

/** 剪切 / 复制 / 粘贴 / 全选 where text is edited; 复制 where text is selected. */
export function attachEditMenu(contents: WebContents): void {
  contents.on('context-menu', (_e, params) => {
    const template: Electron.MenuItemConstructorOptions[] = params.isEditable
      ? [
          { role: 'cut', label: '剪切', enabled: params.editFlags.canCut },
          { role: 'copy', label: '复制', enabled: params.editFlags.canCopy },
          { role: 'paste', label: '粘贴', enabled: params.editFlags.canPaste },
          { type: 'separator' },
          { role: 'selectAll', label: '全选', enabled: params.editFlags.canSelectAll },
        ]
      : params.selectionText
        ? [{ role: 'copy', label: '复制' }]
        : [];
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
}
