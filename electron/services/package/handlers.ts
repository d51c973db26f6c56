import { AppError } from '../../errors';
import type { HandlerMap } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { exportPackage } from './export';
import { fingerprint } from './format';
import { importPackage } from './import';
import {
  cityRecipient,
  cityOwnRecipient,
  countySigner,
  levelOf,
  parseRecipient,
  setCityRecipient,
  signingPublicKey,
} from './keys';
import { cityStatus } from './status';

export const packageHandlers = {
  'keys.show': (_input, cx) => {
    const store = requireStore(cx);
    const level = levelOf(store);
    const signingKey = signingPublicKey(cx.app);
    const city = cityRecipient(store);
    const own = level === 'city' ? cityOwnRecipient(store) : null;
    return {
      level,
      signingKey,
      signingFingerprint: signingKey ? fingerprint(signingKey) : null,
      cityRecipient: city,
      cityRecipientFingerprint: city ? fingerprint(city) : null,
      recipient: own,
      recipientFingerprint: own ? fingerprint(own) : null,
    };
  },
  'keys.setRecipient': (input, cx) => {
    const recipient = parseRecipient(input.recipient);
    return { recipient, ...setCityRecipient(requireStore(cx), actorOf(cx), recipient) };
  },
  'package.export': async (input, cx) => {
    const store = requireStore(cx);
    const folder = await cx.app.dialogs?.chooseFolder('选择 U 盘或保存上报数据包的文件夹');
    if (!folder) throw new AppError('CANCELLED');
    const r = await exportPackage(
      store,
      cx.app.paths,
      actorOf(cx),
      {
        period: input.period,
        roster: input.roster,
        folder,
        appVersion: cx.app.version,
        now: cx.app.clock().toISOString(),
      },
      countySigner(cx.app),
      cx.job,
    );
    return { ...r, parts: [...r.parts] };
  },
  'package.import': (input, cx) =>
    importPackage(
      requireStore(cx),
      actorOf(cx),
      Buffer.from(input.contentBase64, 'base64'),
      {
        ...(input.trustFingerprint ? { trustFingerprint: input.trustFingerprint } : {}),
        now: cx.app.clock().toISOString(),
      },
      cx.job,
    ),
  'package.status': (input, cx) => cityStatus(requireStore(cx), input.period),
} satisfies HandlerMap<'keys.show' | 'keys.setRecipient' | 'package.export' | 'package.import' | 'package.status'>;
