import type { HandlerMap } from '../../ipc/types';
import { requireSession, requireStore } from '../../ipc/types';
import { auditHead, listAudit, redactAudit, verifyAudit } from './service';

export const auditHandlers = {
  'audit.list': (input, cx) => redactAudit(listAudit(requireStore(cx), input), requireSession(cx).user.roles),
  'audit.verify': (_input, cx) => verifyAudit(requireStore(cx)),
  'audit.head': (_input, cx) => auditHead(requireStore(cx)),
} satisfies HandlerMap<'audit.list' | 'audit.verify' | 'audit.head'>;
