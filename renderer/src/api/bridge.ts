import {
  appEventSchema,
  type AppEvent,
  type ChannelName,
  type Input,
  type Output,
  type Result,
  type WelfareApi,
} from '../../../shared/contract';

const TOKEN_META = 'welfare-bridge-token';
const TOKEN_HEADER = 'x-welfare-token';

/**
 * The browser-preview twin of the preload: the same `WelfareApi`, carried over
 * HTTP to the harness on 127.0.0.1 with the token the harness put in the page.
 */
export function createHttpBridge(token: string, base = ''): WelfareApi {
  return {
    async invoke<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
      try {
        const res = await fetch(`${base}/rpc`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify({ channel, input }),
        });
        return (await res.json()) as Result<Output<C>>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: '无法连接到后台服务，请确认预览程序仍在运行' } };
      }
    },
    onEvent(listener: (e: AppEvent) => void): () => void {
      const source = new EventSource(`${base}/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (m: MessageEvent<string>) => {
        const parsed = appEventSchema.safeParse(JSON.parse(m.data));
        if (parsed.success) listener(parsed.data);
      };
      return () => source.close();
    },
  };
}

export function bridgeToken(doc: Document): string | null {
  return doc.querySelector(`meta[name="${TOKEN_META}"]`)?.getAttribute('content') ?? null;
}
