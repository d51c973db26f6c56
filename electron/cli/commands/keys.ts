import { readFileSync } from 'node:fs';
import { failed, signInOptions, withSignedIn } from '../session';
import { usageError, type Command } from '../types';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export const keysShowCommand: Command = {
  name: 'keys show',
  summary: '显示本单位的上报签名公钥（市级还显示 age1… 接收方公钥）及指纹',
  usage: 'keys show --data DIR --user U [--json]',
  options: { ...signInOptions },
  run(env) {
    return withSignedIn(env, async (client) => {
      const r = await client.call('keys.show', {});
      if (!r.ok) return failed(r);
      const v = r.value;
      return {
        ok: true,
        value: v,
        text: [
          v.signingKey ? `签名公钥：${v.signingKey}\n  指纹：${v.signingFingerprint ?? ''}` : '签名公钥：尚未生成',
          v.level === 'city'
            ? `接收方公钥（交给各县）：${v.recipient ?? ''}\n  指纹：${v.recipientFingerprint ?? ''}`
            : '',
          v.level === 'county'
            ? `市级接收方公钥：${v.cityRecipient ? `${v.cityRecipient}\n  指纹：${v.cityRecipientFingerprint ?? ''}` : '尚未设置'}`
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
      };
    });
  },
};

export const keysSetRecipientCommand: Command = {
  name: 'keys set-recipient',
  summary: '县级：设置市民政局的接收方公钥（age1…），须负责人',
  usage: 'keys set-recipient --data DIR --user U (--file F | --recipient age1…)',
  options: { ...signInOptions, file: { type: 'string' }, recipient: { type: 'string' } },
  run(env) {
    const file = str(env.values.file);
    let recipient = str(env.values.recipient);
    if (!file === !recipient) return Promise.resolve(usageError('请给出 --file 或 --recipient 其中之一'));
    if (file) {
      try {
        recipient = readFileSync(file, 'utf8');
      } catch {
        return Promise.resolve({
          ok: false,
          error: { code: 'INVALID_INPUT', message: `文件：找不到或无法读取 ${file}` },
        });
      }
    }
    return withSignedIn(env, async (client) => {
      const r = await client.call('keys.setRecipient', { recipient: recipient ?? '' });
      if (!r.ok) return failed(r);
      return {
        ok: true,
        value: r.value,
        text: `已设置市级接收方公钥：${r.value.recipient}\n指纹（请与市民政局电话核对）：${r.value.fingerprint}`,
      };
    });
  },
};

export const keysCommands: readonly Command[] = [keysShowCommand, keysSetRecipientCommand];
