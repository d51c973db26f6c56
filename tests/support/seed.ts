import { checkCharacter } from '../../shared/domain/id-number';
import { ADMIN, invoke, newApp, PASSWORD, signIn } from './fixtures';

export const withCheck = (first17: string) => first17 + checkCharacter(first17);

export const SEED_REGIONS = [
  ['420102001000', '花桥街道'],
  ['420102001001', '花桥社区'],
  ['420102001002', '永清社区'],
  ['420102002000', '谌家矶街道'],
  ['420102002003', '光华村'],
] as const;

export const SEED_ELDERS = [
  { idNumber: withCheck('42010219400315001'), name: '张三', village: '420102001001' },
  { idNumber: withCheck('42010219350620002'), name: '李秀英', village: '420102001002' },
  { idNumber: withCheck('42010219251108003'), name: '王建国', village: '420102002003' },
  { idNumber: withCheck('42010219420101004'), name: '赵桂兰', village: '420102002003' },
] as const;

/**
 * A small county through the real channels: regions by the administrator, four
 * elders entered by the clerk `li` (who must exist with PASSWORD).
 */
export async function seedCounty(dir: string): Promise<void> {
  const t = newApp(dir);
  try {
    await signIn(t, 'admin', ADMIN.username, ADMIN.password);
    for (const [code, name] of SEED_REGIONS) {
      const r = await invoke(t, 'admin', 'region.save', { code, name });
      if (!r.ok) throw new Error(r.error.message);
    }
    await signIn(t, 'li', 'li', PASSWORD);
    for (const e of SEED_ELDERS) {
      const p = await invoke(t, 'li', 'person.save', { idNumber: e.idNumber, name: e.name, villageCode: e.village });
      if (!p.ok) throw new Error(p.error.message);
      const r = await invoke(t, 'li', 'enrolment.save', {
        personId: p.value.id,
        program: 'elderly',
        appliedOn: '2024-06-01',
      });
      if (!r.ok) throw new Error(r.error.message);
    }
  } finally {
    t.app.close();
  }
}
