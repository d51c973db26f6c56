import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PrintEngine, PrintOptions } from '../services/print/engine';
import { sourceWorker, workerEnv } from '../worker/host';

/**
 * The preview's stand-in for the app's print window, on a thread of its own.
 * In the desktop app Chromium's printing is native and costs the main thread
 * almost nothing; driven through playwright-core it would load a 500 ms module
 * and speak its JSON protocol on the thread that serves the window, which is
 * what issue 19 measures. So the preview's HTTP thread only passes HTML in and
 * PDF bytes (transferred, not copied) out.
 */
export type PrintRequest =
  { id: number; method: 'pdf'; html: string; opts: PrintOptions } | { id: number; method: 'close' };
export type PrintReply = { id: number; ok: true; pdf?: Uint8Array } | { id: number; ok: false; message: string };

/** A request before it is numbered (Omit over each member of the union). */
type PrintAsk = PrintRequest extends infer R ? (R extends PrintRequest ? Omit<R, 'id'> : never) : never;

export class ThreadPrintEngine implements PrintEngine {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { ok: (r: PrintReply) => void; fail: (e: Error) => void }>();

  private thread(): Worker {
    if (this.worker) return this.worker;
    // The preview runs only from source (npm run web, the tests), so its print worker does too.
    const spec = sourceWorker(resolve(__dirname, 'print-worker.ts'));
    const w = new Worker(spec.path, { execArgv: spec.execArgv, env: workerEnv() });
    w.on('message', (r: PrintReply) => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      p?.ok(r);
    });
    // A print thread that dies fails what it was doing; the next print starts a new one.
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
      for (const [id, p] of [...this.pending.entries()]) {
        this.pending.delete(id);
        p.fail(new Error('打印组件意外退出，请重试'));
      }
    });
    this.worker = w;
    return w;
  }

  private ask(w: Worker, req: PrintAsk): Promise<PrintReply> {
    const id = this.nextId++;
    return new Promise<PrintReply>((ok, fail) => {
      this.pending.set(id, { ok, fail });
      w.postMessage({ ...req, id });
    });
  }

  async pdf(html: string, opts: PrintOptions): Promise<Buffer> {
    const r = await this.ask(this.thread(), { method: 'pdf', html, opts });
    if (!r.ok) throw new Error(r.message);
    if (!r.pdf) throw new Error('打印组件没有返回 PDF');
    return Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength);
  }

  async close(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    // The browser is closed by the thread that launched it, then the thread ends.
    await this.ask(w, { method: 'close' }).catch(() => undefined);
    this.worker = null;
    await w.terminate();
  }
}
