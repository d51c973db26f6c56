import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  auditActionLabels,
  auditChanges,
  auditChangeText,
  auditEntityLabels,
  loginAuditActions,
} from '../../shared/contract/audit-labels';
import { transitions } from '../../shared/domain/lifecycle';
import { REPO_ROOT } from '../support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every `.audit({ … })` call in the code, with the action and entity expressions it writes. */
function auditCalls(): Array<{ file: string; action: string; entity: string }> {
  const out: Array<{ file: string; action: string; entity: string }> = [];
  for (const file of sources(join(REPO_ROOT, 'electron'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.audit\(\{([\s\S]{0,400}?)\}\)/g)) {
      const body = m[1] ?? '';
      const action = /action:\s*([^,\n]+)/.exec(body)?.[1]?.trim() ?? '';
      const entity = /entity:\s*([^,\n]+)/.exec(body)?.[1]?.trim() ?? '';
      out.push({ file: file.slice(REPO_ROOT.length + 1), action, entity });
    }
  }
  return out;
}

/** The actions a template literal can produce, from the enumerations the code builds it from. */
const TEMPLATE_EXPANSIONS: Record<string, readonly string[]> = {
  'enrolment.': Object.keys(transitions),
  'recovery.': ['recovered', 'waived'],
};

describe('操作日志 labels', () => {
  const labels = auditActionLabels as Record<string, string>;

  it('has a Chinese label for every action and entity the code writes', () => {
    const calls = auditCalls();
    expect(calls.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const c of calls) {
      const quoted = [...c.action.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
      const template = /^`([a-z]+\.)\$\{/.exec(c.action)?.[1];
      if (template) {
        const expansions = TEMPLATE_EXPANSIONS[template];
        if (!expansions) missing.push(`${c.file}: no expansion known for ${c.action}`);
        for (const x of expansions ?? []) if (!labels[`${template}${x}`]) missing.push(`${c.file}: ${template}${x}`);
      } else if (quoted.length > 0) {
        for (const q of quoted) if (!labels[q]) missing.push(`${c.file}: ${q}`);
      } else if (!/^(channel|p\.action|e\.action|action)$/.test(c.action)) {
        missing.push(`${c.file}: unrecognised action expression ${c.action}`);
      }
      const entity = /^'([^']+)'/.exec(c.entity)?.[1];
      if (entity && !(entity in auditEntityLabels)) missing.push(`${c.file}: entity ${entity}`);
    }
    expect(missing).toEqual([]);
    for (const a of loginAuditActions) expect(labels[a]).toBeTruthy();
  });

  it('labels are Chinese, never the code itself', () => {
    for (const [k, v] of Object.entries(auditActionLabels)) {
      expect(v, k).not.toBe(k);
      expect(/[\u4e00-\u9fff]/.test(v), k).toBe(true);
    }
    for (const [k, v] of Object.entries(auditEntityLabels)) expect(/[\u4e00-\u9fff]/.test(v), k).toBe(true);
  });

  it('renders a change as 字段：旧值 → 新值 with Chinese field names and values', () => {
    const changes = auditChanges(
      JSON.stringify({ bank_account: '6217000010000000001', status: 'active', tekun: 'none' }),
      JSON.stringify({ bank_account: '6217000010000000002', status: 'stopped', tekun: 'centralized' }),
    ).map(auditChangeText);
    expect(changes).toEqual([
      '银行账号：6217000010000000001 → 6217000010000000002',
      '状态：在册 → 终止',
      '特困供养：无 → 集中供养',
    ]);
    expect(auditChanges(null, JSON.stringify({ totalFen: 123456, program: 'elderly' })).map(auditChangeText)).toEqual([
      '金额合计：1,234.56 元',
      '项目：高龄津贴',
    ]);
  });
});
