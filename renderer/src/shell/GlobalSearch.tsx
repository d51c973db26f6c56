import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input, Space, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { PersonHit, Role } from '../../../shared/contract';
import { statusLabels } from '../../../shared/contract';
import { programShortLabels, registers, type Register } from '../../../shared/domain/programs';
import { call } from '../api/client';
import { PersonDrawer } from '../pages/registers/PersonDrawer';

const MATCHED: Record<PersonHit['matched'], string> = {
  name: '姓名',
  initials: '拼音',
  idNumber: '身份证号',
  account: '银行账号',
};

function registerOf(hit: PersonHit): Register {
  const first = hit.enrolments[0]?.program;
  const found = (Object.keys(registers) as Register[]).find((r) =>
    (registers[r].programs as readonly string[]).includes(first ?? ''),
  );
  return found ?? 'elderly';
}

/** Debounced: a query per pause in typing, not per key. */
function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * One search for a person across every program, in the frame: by name, pinyin
 * initials, ID number or bank account; Ctrl+K puts the cursor here from anywhere.
 */
export function GlobalSearch({ roles }: { roles: readonly Role[] }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState<PersonHit | null>(null);
  const input = useRef<InputRef>(null);
  const q = useDebounced(text.trim(), 200);
  const hits = useQuery({
    queryKey: ['person.search', q],
    queryFn: () => call('person.search', { q }),
    enabled: q.length > 0,
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const options = (hits.data?.hits ?? []).map((h) => ({
    value: String(h.id),
    label: (
      <Space size={6} wrap>
        <Typography.Text strong>{h.name}</Typography.Text>
        <Typography.Text type="secondary">{h.idNumber}</Typography.Text>
        <Typography.Text type="secondary">
          {[h.townshipName, h.villageName].filter(Boolean).join(' ') || '未填村（社区）'}
        </Typography.Text>
        {h.enrolments.map((e) => (
          <Tag key={`${e.program}-${e.status}`} color={e.status === 'active' ? 'green' : 'default'}>
            {programShortLabels[e.program]}·{statusLabels[e.status]}
          </Tag>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按{MATCHED[h.matched]}
        </Typography.Text>
      </Space>
    ),
  }));
  return (
    <>
      <AutoComplete
        style={{ width: 420 }}
        value={text}
        options={options}
        onChange={setText}
        onSelect={(id: string) => {
          setOpen(hits.data?.hits.find((h) => String(h.id) === id) ?? null);
          setText('');
        }}
        notFoundContent={q && hits.data && hits.data.hits.length === 0 ? '没有找到该人员' : null}
        popupMatchSelectWidth={560}
      >
        <Input
          ref={input}
          prefix={<SearchOutlined />}
          placeholder="查找人员：姓名、拼音首字母、身份证号或银行账号（Ctrl+K）"
          aria-label="查找人员"
          allowClear
        />
      </AutoComplete>
      {open ? (
        <PersonDrawer
          personId={open.id}
          register={registerOf(open)}
          allPrograms
          canEdit={roles.includes('clerk')}
          roles={roles}
          onClose={() => setOpen(null)}
          onSaved={() => undefined}
        />
      ) : null}
    </>
  );
}
