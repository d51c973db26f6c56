import type { HandlerMap } from '../../ipc/types';
import { requireStore } from '../../ipc/types';
import { auditHead, listAudit, verifyAudit } from './service';

export const auditHandlers = {
  'audit.list': (input, cx) => listAudit(requireStore(cx), input),
  'audit.verify': (_input, cx) => verifyAudit(requireStore(cx)),
  'audit.head': (_input, cx) => auditHead(requireStore(cx)),
} satisfies HandlerMap<'audit.list' | 'audit.verify' | 'audit.head'>;
