import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { ChromiumPrintEngine } from '../services/print/chromium';
import type { PrintReply, PrintRequest } from './print-thread';

/** The preview's print thread: headless Chromium through playwright-core, off the HTTP thread. */
const port = parentPort;
if (!port) throw new Error('electron/web/print-worker.ts runs only as a worker thread');
// Layout is background work, as the app's hidden print window is to Chromium, which
// runs hidden renderers at a lower priority. On Linux a nice value is per thread and
// is inherited by what the thread spawns, so this lowers only this thread and the
// browser it launches, never the thread that serves the window. (Elsewhere it would
// lower the whole process, so it is left alone.)
if (process.platform === 'linux') setPriority(10);
const engine = new ChromiumPrintEngine();
const reply = (r: PrintReply, transfer: ArrayBuffer[] = []) => port.postMessage(r, transfer);

port.on('message', (m: PrintRequest) => {
  void (async () => {
    try {
      if (m.method === 'close') {
        await engine.close();
        return reply({ id: m.id, ok: true });
      }
      const pdf = await engine.pdf(m.html, m.opts);
      // A fresh copy owns its whole buffer, so it can be moved rather than cloned.
      const bytes = new Uint8Array(pdf);
      reply({ id: m.id, ok: true, pdf: bytes }, [bytes.buffer]);
    } catch (e) {
      reply({ id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  })();
});
