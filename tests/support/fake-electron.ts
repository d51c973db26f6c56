import { EventEmitter } from 'node:events';
import Module from 'node:module';

/**
 * The smallest stand-in for the `electron` module that lets the built main bundle
 * (out/main/index.js) run in plain Node: the edge of Electron, and only that, is
 * faked. Everything behind it — the services worker, the database, the print
 * flow — is the real thing. Each fake records what the bundle asked of it.
 */
export interface FakeElectronOptions {
  isPackaged: boolean;
  paths: Record<string, string>;
  /** What the next print dialog does. */
  printResult?: { success: boolean; failureReason: string };
  /** The button index message boxes answer with. */
  messageBoxResponse?: number;
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame = { url: 'app://renderer/index.html' };
  readonly sent: unknown[] = [];
  loaded: string[] = [];
  constructor(private readonly fake: FakeElectron) {
    super();
  }
  send(_channel: string, payload: unknown) {
    this.sent.push(payload);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  print(_opts: unknown, cb: (success: boolean, reason: string) => void) {
    const r = this.fake.opts.printResult ?? { success: true, failureReason: '' };
    setImmediate(() => cb(r.success, r.failureReason));
  }
  printToPDF() {
    return Promise.resolve(Buffer.from('%PDF-1.4 fake'));
  }
  getPrintersAsync() {
    return Promise.resolve([{ name: '办公室打印机', options: { 'printer-is-default': 'true' } }]);
  }
  setWindowOpenHandler() {}
}

export class FakeElectron {
  readonly windows: FakeBrowserWindow[] = [];
  readonly messageBoxes: Array<{ message: string; detail?: string; buttons?: string[] }> = [];
  readonly errorBoxes: string[] = [];
  readonly setPaths: Record<string, string> = {};
  appUserModelId: string | null = null;
  readonly handlers = new Map<string, (...args: unknown[]) => unknown>();
  quitCalls = 0;
  readonly app: EventEmitter & { quit(): void } & Record<string, unknown>;

  constructor(readonly opts: FakeElectronOptions) {
    const fake = this.recorder();
    const app = new EventEmitter() as EventEmitter & { quit(): void } & Record<string, unknown>;
    Object.assign(app, {
      isPackaged: opts.isPackaged,
      getPath: (name: string) => fake.setPaths[name] ?? opts.paths[name] ?? `/nonexistent/${name}`,
      setPath: (name: string, value: string) => void (fake.setPaths[name] = value),
      setAppLogsPath: (value: string) => void (fake.setPaths.logs = value),
      setAppUserModelId: (id: string) => void (fake.appUserModelId = id),
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      quit: () => {
        fake.quitCalls++;
        let prevented = false;
        app.emit('before-quit', { preventDefault: () => (prevented = true) });
        if (!prevented) app.emit('will-quit');
      },
    });
    this.app = app;
  }

  /** The fakes record into this object; a named reference keeps the closures below readable. */
  private recorder(): FakeElectron {
    return this;
  }

  module(): Record<string, unknown> {
    const fake = this.recorder();
    class BrowserWindow extends FakeBrowserWindow {
      constructor(options: Record<string, unknown>) {
        super(fake, options);
        fake.windows.push(this);
      }
    }
    const protocolHandle = () => undefined;
    return {
      app: this.app,
      BrowserWindow,
      dialog: {
        showMessageBox: (_w: unknown, o: { message: string; detail?: string; buttons?: string[] }) => {
          fake.messageBoxes.push(o);
          return Promise.resolve({ response: fake.opts.messageBoxResponse ?? 1 });
        },
        showErrorBox: (title: string, text: string) => void fake.errorBoxes.push(`${title}\n${text}`),
        showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
        showSaveDialog: () => Promise.resolve({ canceled: true }),
      },
      ipcMain: { handle: (channel: string, fn: (...a: unknown[]) => unknown) => void fake.handlers.set(channel, fn) },
      Menu: { setApplicationMenu: () => undefined, buildFromTemplate: () => ({ popup: () => undefined }) },
      net: { fetch: () => Promise.resolve(new Response('')) },
      protocol: { registerSchemesAsPrivileged: () => undefined, handle: protocolHandle },
      session: {
        defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
        fromPartition: () => ({ protocol: { handle: protocolHandle }, setPermissionRequestHandler: () => undefined }),
      },
    };
  }

  /** Loads `bundle` with this fake answering `require('electron')`; returns an unhook function. */
  load(bundle: string): () => void {
    const mod = this.module();
    const original = (Module as unknown as { _load: (...a: unknown[]) => unknown })._load;
    (Module as unknown as { _load: (...a: unknown[]) => unknown })._load = function (
      request: unknown,
      ...rest: unknown[]
    ) {
      if (request === 'electron') return mod;
      return original.call(this, request, ...rest);
    };
    const req = Module.createRequire(bundle);
    delete req.cache[bundle];
    req(bundle);
    return () => {
      (Module as unknown as { _load: typeof original })._load = original;
    };
  }

  /** The renderer's invoke, as the preload would send it from the main window. */
  invoke(channel: string, input: unknown): Promise<unknown> {
    const win = this.windows.find((w) => !w.options.show && w.isMain);
    const handler = this.handlers.get('welfare:invoke');
    if (!win || !handler) throw new Error('no main window or no invoke handler');
    // Main answers with JSON text, as the preload receives it.
    return Promise.resolve(
      handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, channel, input),
    ).then((text) => JSON.parse(String(text)) as unknown);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  visible = false;
  destroyed = false;
  constructor(
    fake: FakeElectron,
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.webContents = new FakeWebContents(fake);
  }
  get isMain(): boolean {
    return this.options.title === '民政补贴台账';
  }
  loadURL(url: string) {
    return this.webContents.loadURL(url);
  }
  show() {
    this.visible = true;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}
