import { describe, expect, it } from 'vitest';
import { visiblePages } from '../../../renderer/src/shell/menu';

const keys = (...args: Parameters<typeof visiblePages>) => visiblePages(...args).map((p) => p.key);

describe('the menu follows role and office level', () => {
  it('a county head sees the registers, payouts, reports and 数据上报, and no city page', () => {
    const k = keys(['head'], 'county');
    expect(k).toEqual(expect.arrayContaining(['disability', 'payout', 'reports', 'package', 'system.standards']));
    expect(k.filter((x) => x.startsWith('city.'))).toEqual([]);
  });

  it('a city head sees the consolidation pages and none of a county register’s pages', () => {
    const k = keys(['head'], 'city');
    expect(k).toEqual(expect.arrayContaining(['city.import', 'city.status', 'city.counties', 'system.audit']));
    for (const county of [
      'disability',
      'children',
      'elderly',
      'checks',
      'imports',
      'payout',
      'reports',
      'package',
      'system.standards',
      'system.bankTemplates',
      'system.documentSettings',
      'system.regions',
    ])
      expect(k).not.toContain(county);
  });

  it('a city administrator manages users and backups beside the city pages', () => {
    expect(keys(['admin'], 'city')).toEqual(
      expect.arrayContaining(['city.import', 'city.counties', 'system.users', 'system.backup']),
    );
    expect(keys(['admin'], 'city')).not.toContain('system.regions');
  });
});
