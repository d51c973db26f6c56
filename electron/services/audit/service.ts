import type { AuditRow, AuditVerifyResult, Role } from '../../../shared/contract';
import { listsShowFullIds, maskIdsInText, seesPersonalData } from '../../../shared/domain/mask';
import { chainHash, GENESIS_HASH, type ChainFields } from '../../db/audit';
import { readTrail, trailDigest, type ImportTrailClaim } from '../../db/import-trail';
import type { AuditLogTable } from '../../db/schema';
import type { ReadableStore, Store } from '../../db/store';

export interface AuditFilter {
  username?: string;
  entity?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export function listAudit(store: ReadableStore, f: AuditFilter): { rows: AuditRow[]; total: number } {
  let q = store.kysely.selectFrom('audit_log');
  if (f.username) q = q.where('username', '=', f.username);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.from) q = q.where('at', '>=', f.from);
  // `to` is a date: include the whole day.
  if (f.to) q = q.where('at', '<', `${f.to}T99`);
  const total = Number(store.first(q.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
  const rows = store.all(q.selectAll().orderBy('seq', 'desc').limit(f.limit).offset(f.offset));
  return {
    total,
    rows: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      username: r.username,
      channel: r.channel,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before_json,
      after: r.after_json,
      hash: r.hash,
    })),
  };
}

/** Every kind of record that has rows, so the filter offers exactly those. */
export function auditEntities(store: ReadableStore): Array<{ entity: string; count: number }> {
  return store.all(
    store.kysely
      .selectFrom('audit_log')
      .select((eb) => ['entity', eb.fn.countAll<number>().as('count')])
      .groupBy('entity')
      .orderBy('entity'),
  );
}

/**
 * Recomputes the chain from the first row. Names the first row whose content,
 * link or number does not fit: an edit, a deletion or a row inserted out of order.
 */
export function verifyAudit(store: Store): AuditVerifyResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let head: AuditVerifyResult['head'] = null;
  const trails: Array<{ seq: number; claim: ImportTrailClaim }> = [];
  // Iterated, not loaded: the log grows by thousands of rows a month.
  const rows = store.raw.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditLogTable>;
  for (const r of rows) {
    const claim = r.action === 'import.commit' ? trailClaim(r.after_json) : null;
    if (claim) trails.push({ seq: r.seq, claim });
    count++;
    if (r.seq !== expectedSeq)
      return {
        ok: false,
        count,
        head,
        firstBroken: { seq: r.seq, reason: `序号不连续：应为 ${expectedSeq}，实为 ${r.seq}（有记录被删除或插入）` },
      };
    if (r.prev_hash !== prev)
      return { ok: false, count, head, firstBroken: { seq: r.seq, reason: '与上一条记录的链接不符' } };
    const fields: ChainFields = r;
    if (chainHash(prev, fields) !== r.hash)
      return { ok: false, count, head, firstBroken: { seq: r.seq, reason: '记录内容被改动，校验值不符' } };
    prev = r.hash;
    head = { seq: r.seq, hash: r.hash };
    expectedSeq++;
  }
  // The chain proves each import's claim; the claim proves its trail (checked once the iteration is done).
  const broken = brokenTrail(store, trails);
  if (broken) return { ok: false, count, head, firstBroken: broken };
  return { ok: true, count, head, firstBroken: null };
}

function trailClaim(afterJson: string | null): ImportTrailClaim | null {
  const after = afterJson ? (JSON.parse(afterJson) as { createdRows?: ImportTrailClaim }) : null;
  return after?.createdRows ?? null;
}

/** The first import whose trail (`audit_import_rows`) does not give the digest its audit row holds. */
function brokenTrail(
  store: Store,
  trails: ReadonlyArray<{ seq: number; claim: ImportTrailClaim }>,
): AuditVerifyResult['firstBroken'] {
  for (const { seq, claim } of trails) {
    const found = trailDigest(readTrail(store.raw, seq));
    if (found.count !== claim.count)
      return {
        seq,
        reason: `导入新增人员记录不符：日志记为 ${claim.count} 人，记录表中为 ${found.count} 人（有记录被删除或插入）`,
      };
    if (found.sha256 !== claim.sha256) return { seq, reason: '导入新增人员记录被改动，校验值不符' };
  }
  const stored = Number(store.raw.prepare('SELECT count(*) FROM audit_import_rows').pluck().get());
  const claimed = trails.reduce((n, t) => n + t.claim.count, 0);
  if (stored !== claimed) {
    const stray = store.raw
      .prepare(
        `SELECT min(audit_seq) FROM audit_import_rows
          WHERE audit_seq NOT IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .get(JSON.stringify(trails.map((t) => t.seq))) as number | null;
    return { seq: stray ?? 0, reason: '导入新增人员记录表中有日志未记载的记录' };
  }
  return null;
}

export function auditHead(store: ReadableStore): { seq: number; hash: string } {
  const last = store.first(
    store.kysely.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1),
  );
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

const personal = new Set(['person', 'enrolment']);

/**
 * The log stores what happened in full (the hashes cover it); what a reader sees
 * follows the masking policy: IDs masked for the head, and no personal payload at
 * all for an administrator without another role.
 */
export function redactAudit(
  result: { rows: AuditRow[]; total: number },
  roles: readonly Role[],
): { rows: AuditRow[]; total: number } {
  if (listsShowFullIds(roles)) return result;
  const hide = !seesPersonalData(roles);
  const redact = (row: AuditRow, text: string | null) =>
    text === null ? null : hide && personal.has(row.entity) ? '（个人信息，仅业务人员可见）' : maskIdsInText(text);
  return {
    ...result,
    rows: result.rows.map((r) => ({
      ...r,
      entityId: r.entityId === null ? null : maskIdsInText(r.entityId),
      before: redact(r, r.before),
      after: redact(r, r.after),
    })),
  };
}
