import { Alert, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { previewOf, type DraftTemplate } from './templatePreview';

const mono: CSSProperties = {
  fontFamily: "'Noto Sans Mono CJK SC', 'Sarasa Mono SC', 'Consolas', monospace",
  fontSize: 13,
  margin: 0,
  padding: 8,
  background: '#fafafa',
  border: '1px solid #f0f0f0',
  borderRadius: 4,
  overflowX: 'auto',
  whiteSpace: 'pre',
};
// Alternating shades show where each fixed-width column starts and ends, padding included.
const shades = ['#e6f4ff', '#fff7e6'];
const cellBorder: CSSProperties = { border: '1px solid #d9d9d9', padding: '2px 8px', whiteSpace: 'nowrap' };

/** What the first lines of the bank file would look like for one made-up payee. */
export function TemplatePreview({ draft }: { draft: DraftTemplate }) {
  const p = previewOf(draft);
  const empty = p.rows.every((r) => r.length === 0);
  return (
    <section aria-label="文件预览" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Typography.Text>
        文件名示例：<Typography.Text code>{p.fileName}</Typography.Text>
      </Typography.Text>
      {empty ? (
        <Typography.Text type="secondary">添加列后在此预览文件内容。</Typography.Text>
      ) : p.format === 'xlsx' ? (
        <div style={{ overflowX: 'auto' }}>
          <table aria-label="预览内容" style={{ borderCollapse: 'collapse', fontSize: 13 }}>
            <tbody>
              {p.rows.map((r, i) => (
                <tr key={i} style={draft.headerRow && i === 0 ? { fontWeight: 600, background: '#fafafa' } : undefined}>
                  {r.map((c, j) => (
                    <td key={j} style={cellBorder}>
                      {c.text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <pre aria-label="预览内容" style={mono}>
          {p.rows.map((r, i) => (
            <div key={i}>
              {p.format === 'txt'
                ? r.map((c, j) => (
                    <span
                      key={j}
                      title={`${c.header || `第 ${j + 1} 列`}：${c.width ?? '未填'} 字节`}
                      style={{ background: shades[j % 2] }}
                    >
                      {c.text}
                    </span>
                  ))
                : p.lines[i]}
            </div>
          ))}
        </pre>
      )}
      {p.format === 'txt' && !empty ? (
        <Typography.Text role="note" aria-label="行长度">
          {p.bytes.length > 0 && p.bytes.every((b) => b === p.bytes[0])
            ? `每行 ${p.bytes[0]} 字节`
            : `各行字节数：${p.bytes.join('、')}`}
          （不含行尾回车换行）
        </Typography.Text>
      ) : null}
      {p.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} />
      ))}
      {p.notes.map((n) => (
        <Typography.Text key={n} type="secondary">
          {n}
        </Typography.Text>
      ))}
    </section>
  );
}
