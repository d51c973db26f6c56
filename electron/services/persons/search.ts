import type { PersonHit } from '../../../shared/contract';
import { normalizeIdInput } from '../../../shared/domain/id-number';
import { maskIdNumber } from '../../../shared/domain/mask';
import type { Program } from '../../../shared/domain/programs';
import { rawQuery } from '../../db/raw';
import type { ReadableStore } from '../../db/store';

type Matched = PersonHit['matched'];

/**
 * The frame's one search: a name (or part of it), pinyin initials (zs, wjg), an ID
 * number (whole, or its last digits) or a bank account. Exact and leading matches
 * come first; every program of each person is listed.
 */
export function searchPersons(
  store: ReadableStore,
  raw: string,
  limit: number,
  maskIds: boolean,
): { hits: PersonHit[]; more: boolean } {
  const q = raw.trim();
  const digits = normalizeIdInput(q);
  let where: string;
  let params: unknown[];
  let matched: (r: { id_number: string; bank_account: string | null; name_initials: string }) => Matched;
  if (/^[0-9X]{4,}$/.test(digits)) {
    // Digits: an ID number or an account, whole or a tail of it.
    where = `p.id_number = ? OR p.id_number LIKE ? OR p.bank_account = ? OR p.bank_account LIKE ?`;
    params = [digits, `%${digits}`, digits, `%${digits}`];
    matched = (r) => (r.id_number.endsWith(digits) ? 'idNumber' : 'account');
  } else if (/^[a-zA-Z]+$/.test(q)) {
    where = `p.name_initials LIKE ? OR p.name_pinyin LIKE ?`;
    params = [`${q.toLowerCase()}%`, `${q.toLowerCase()}%`];
    matched = () => 'initials';
  } else {
    where = `p.name LIKE ?`;
    params = [`%${q.replace(/[%_]/g, '')}%`];
    matched = () => 'name';
  }
  type Row = {
    id: number;
    name: string;
    id_number: string;
    bank_account: string | null;
    name_initials: string;
    township: string | null;
    village: string | null;
  };
  const rows = store.all(
    rawQuery<Row>(
      `SELECT p.id, p.name, p.id_number, p.bank_account, p.name_initials, t.name AS township, v.name AS village
         FROM persons p
         LEFT JOIN regions v ON v.code = p.village_code
         LEFT JOIN regions t ON t.code = v.parent_code
        WHERE ${where}
        ORDER BY (p.name = ?) DESC, length(p.name), p.name_pinyin, p.id
        LIMIT ?`,
      ...params,
      q,
      limit + 1,
    ),
  );
  const shown = rows.slice(0, limit);
  const enrolments = new Map<number, Array<{ program: Program; status: PersonHit['enrolments'][number]['status'] }>>();
  if (shown.length > 0) {
    const list = store.all(
      rawQuery<{ person_id: number; program: Program; status: PersonHit['enrolments'][number]['status'] }>(
        `SELECT person_id, program, status FROM enrolments WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
        JSON.stringify(shown.map((r) => r.id)),
      ),
    );
    for (const e of list) {
      const l = enrolments.get(e.person_id) ?? [];
      l.push({ program: e.program, status: e.status });
      enrolments.set(e.person_id, l);
    }
  }
  return {
    hits: shown.map((r) => ({
      id: r.id,
      name: r.name,
      idNumber: maskIds ? maskIdNumber(r.id_number) : r.id_number,
      townshipName: r.township,
      villageName: r.village,
      matched: matched(r),
      enrolments: enrolments.get(r.id) ?? [],
    })),
    more: rows.length > limit,
  };
}
