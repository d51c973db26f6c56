import { AppError } from '../../errors';
import type { CallContext, HandlerMap } from '../../ipc/types';
import { chooseTarget, safeFileName, saveUserFile } from '../files/save';
import { cityCounties, consolidatedTitle, exportConsolidated, registerCountyChecked } from './city';
import { actorOf, requireStore } from '../../ipc/types';
import { exportPackage } from './export';
import { fingerprint } from './format';
import { importPackage } from './import';
import {
  cityRecipient,
  cityOwnRecipient,
  countySigner,
  levelOf,
  requireLevel,
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
        ...(input.plain ? { plain: { engine: cx.app.printing ?? null } } : {}),
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
  'package.exportConsolidated': async (input, cx) => {
    const store = requireStore(cx);
    requireLevel(store, 'city');
    const target = await chooseSaveTarget(
      cx,
      `${safeFileName(consolidatedTitle(store, input.period))}.${input.format}`,
    );
    return exportConsolidated(
      store,
      actorOf(cx),
      input,
      cx.app.printing ?? null,
      (content) => saveUserFile(cx.app, target, content, { checkCancelled: () => cx.job.throwIfCancelled() }),
      cx.job,
    );
  },
  'city.counties': (_input, cx) => ({ counties: cityCounties(requireStore(cx)) }),
  'city.registerCounty': (input, cx) =>
    registerCountyChecked(requireStore(cx), actorOf(cx), { ...input, now: cx.app.clock().toISOString() }),
} satisfies HandlerMap<
  | 'keys.show'
  | 'keys.setRecipient'
  | 'package.export'
  | 'package.import'
  | 'package.status'
  | 'package.exportConsolidated'
  | 'city.counties'
  | 'city.registerCounty'
>;

const chooseSaveTarget = (cx: CallContext, name: string) =>
  chooseTarget(cx.app, '导出上报汇总表', name, name.slice(name.lastIndexOf('.') + 1));
