import type { HandlerMap } from '../../ipc/types';
import { requireSession, requireStore } from '../../ipc/types';
import { verifyAuditWithAnchor } from './anchor-verify';
import { auditEntities, auditHead, listAudit, redactAudit } from './service';

export const auditHandlers = {
  'audit.list': (input, cx) => redactAudit(listAudit(requireStore(cx), input), requireSession(cx).user.roles),
  'audit.entities': (_input, cx) => auditEntities(requireStore(cx)),
  'audit.verify': (_input, cx) => verifyAuditWithAnchor(cx.app, requireStore(cx)),
  'audit.head': (_input, cx) => auditHead(requireStore(cx)),
} satisfies HandlerMap<'audit.list' | 'audit.entities' | 'audit.verify' | 'audit.head'>;
