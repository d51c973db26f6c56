import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ColumnMappingInput, ImportReport } from '../../../../shared/contract';

type ImportMode = ImportReport['mode'];
import { registerFieldLabels, registerFields, type RegisterField } from '../../../../shared/domain/import/fields';
import { programLabels, programs, type Program } from '../../../../shared/domain/programs';
import { ApiError, call, errorText } from '../../api/client';
import { useJob } from '../../jobs/JobsProvider';
import { discardUpload, uploadFile } from '../../api/uploads';
import type { SampleRow } from '../../../../shared/domain/import/header';
import { HeaderPick, headerProblem, type HeaderLayout } from './HeaderPick';
import { ReportGrid } from './ReportGrid';

/** The picked file as main holds it: sent once in chunks, then named by its upload id. */
interface Picked {
  fileName: string;
  uploadId: string;
  /** The header row the clerk pointed at when none was recognised. */
  headerRow?: number;
}

/** Files this large show a progress bar while they are sent (smaller ones go in one chunk). */
const SHOW_PROGRESS_BYTES = 4 * 1024 * 1024;

const fieldOptions = [
  { value: '', label: '（不导入此列）' },
  ...registerFields.map((f) => ({ value: f, label: registerFieldLabels[f] })),
];

/**
 * 数据导入: choose a roster → check and correct which column is which (and save
 * that for next time) → the validation report (rejected rows with their row
 * numbers, warnings, updates to accept or skip) → import everything accepted in
 * one transaction. Nothing is written before the last step.
 */
export function ImportPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const runJob = useJob();
  const [program, setProgram] = useState<Program>('elderly');
  const [file, setFile] = useState<Picked | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingInput>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const [step, setStep] = useState(0);
  // Off by default: an import changes people already registered only when asked to.
  const [acceptUpdates, setAcceptUpdates] = useState(false);
  const [mode, setMode] = useState<ImportMode>('register');
  const [skipRows, setSkipRows] = useState<Set<number>>(new Set());
  const [confirmRows, setConfirmRows] = useState<Set<number>>(new Set());
  const [done, setDone] = useState<ImportReport | null>(null);
  // No header recognised: the sheet's first rows, for the clerk to point at the header.
  const [sample, setSample] = useState<{ rows: SampleRow[]; message: string } | null>(null);
  // The columns of the mapping step, from the last report or from a refusal naming unmapped columns.
  const [layout, setLayout] = useState<HeaderLayout | null>(null);
  const [layoutProblem, setLayoutProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  // The upload main holds for this page; freed when another file is picked or the page closes.
  const held = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (held.current) void discardUpload(held.current);
    },
    [],
  );

  const preview = useMutation({
    mutationFn: (v: { file: Picked; mapping: ColumnMappingInput }) =>
      call('import.preview', { ...v.file, program, mapping: v.mapping, mode }),
    onSuccess: (r) => {
      setReport(r);
      setLayout(r);
      setLayoutProblem(null);
      setSkipRows(new Set());
      setConfirmRows(new Set());
      setStep((s) => Math.max(s, 1));
    },
    onError: (e) => {
      const problem = headerProblem(e);
      if (problem?.sample) {
        setReport(null);
        setSample({ rows: problem.sample, message: errorText(e) });
        setStep(0);
      } else if (problem?.layout) {
        // The header is known but a required column is not: the clerk maps it in the next step.
        setReport(null);
        setLayout(problem.layout);
        setLayoutProblem(errorText(e));
        setStep(1);
      } else void message.error(errorText(e));
    },
  });
  const pick = useMutation({
    mutationFn: async (f: File) => {
      if (held.current) void discardUpload(held.current);
      held.current = null;
      setSent(f.size > SHOW_PROGRESS_BYTES ? 0 : null);
      const uploadId = await uploadFile(f, (n, total) =>
        total > SHOW_PROGRESS_BYTES ? setSent(Math.floor((n / total) * 100)) : undefined,
      );
      held.current = uploadId;
      const saved = (await call('import.mapping', {})).mapping;
      return { picked: { fileName: f.name, uploadId }, saved };
    },
    onSuccess: ({ picked, saved }) => {
      setFile(picked);
      setMapping(saved);
      setDone(null);
      // A new file starts the wizard over, also after an import has finished.
      setStep(0);
      setSample(null);
      setLayout(null);
      preview.mutate({ file: picked, mapping: saved });
    },
    onError: (e) => {
      // The previous file's upload is already freed: nothing of it may be previewed or imported.
      setFile(null);
      setReport(null);
      setSample(null);
      setLayout(null);
      setStep(0);
      void message.error(errorText(e));
    },
    onSettled: () => setSent(null),
  });
  const pickHeader = (row: number) => {
    if (!file) return;
    const picked = { ...file, headerRow: row };
    setFile(picked);
    preview.mutate({ file: picked, mapping });
  };
  const save = useMutation({
    mutationFn: () => call('import.saveMapping', { mapping }),
    onSuccess: () => void message.success('列对应已保存，下次导入同样表头的表格时自动使用'),
    onError: (e) => void message.error(errorText(e)),
  });
  const download = useMutation({
    mutationFn: () => call('import.exportReport', { ...file!, program, mapping, mode }),
    onSuccess: (r) => void message.success(`校验报告已保存：${r.fileName}`),
    onError: (e) => void message.error(errorText(e)),
  });
  const commit = useMutation({
    // A job: progress in the shared window, and 取消 there rolls the whole import back.
    mutationFn: () =>
      runJob('import.commit', {
        ...file!,
        program,
        mapping,
        mode,
        updates: acceptUpdates ? 'accept' : 'skip',
        skipRows: [...skipRows],
        confirmRows: [...confirmRows],
      }),
    onSuccess: (r) => {
      setDone(r);
      setStep(3);
      void queryClient.invalidateQueries();
    },
    // A cancelled job has told the user already that nothing was written.
    onError: (e) => {
      if (!(e instanceof ApiError && e.code === 'CANCELLED')) void message.error(errorText(e));
    },
  });

  const setColumn = (header: string, field: string) =>
    setMapping((m) => ({ ...m, [header]: field === '' ? null : (field as RegisterField) }));
  const confirmCommit = () =>
    modal.confirm({
      title: '确认导入',
      content: `将导入 ${report ? report.accepted - (acceptUpdates || mode === 'details' ? 0 : report.updates) - skipRows.size + confirmRows.size : 0} 行（${programLabels[program]}${mode === 'details' ? '，只更新人员信息' : ''}），被拒绝的 ${report?.rejected ?? 0} 行不导入。全部写入或全部不写入。`,
      okText: '导入',
      cancelText: '取消',
      onOk: () => commit.mutate(),
    });

  return (
    <div className="page" aria-label="数据导入">
      <Typography.Title level={4}>数据导入</Typography.Title>
      <Steps
        current={step}
        items={[{ title: '选择文件' }, { title: '核对列对应' }, { title: '校验结果' }, { title: '完成' }]}
        style={{ marginBottom: 16 }}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<Program>
          aria-label="项目"
          value={program}
          style={{ width: 260 }}
          onChange={(p) => (setProgram(p), setReport(null), setStep(0))}
          options={programs.map((p) => ({ value: p, label: programLabels[p] }))}
        />
        <Radio.Group
          aria-label="导入方式"
          value={mode}
          onChange={(e) => (setMode(e.target.value as ImportMode), setReport(null), setStep(0))}
          optionType="button"
          options={[
            { value: 'register', label: '登记台账' },
            { value: 'details', label: '只更新人员信息' },
          ]}
        />
        <Upload accept=".xlsx,.xls,.csv,.txt" showUploadList={false} beforeUpload={(f) => (pick.mutate(f), false)}>
          <Button icon={<UploadOutlined />} loading={pick.isPending || preview.isPending}>
            选择花名册文件
          </Button>
        </Upload>
        {sent !== null ? (
          <Space>
            <Typography.Text type="secondary">正在上传</Typography.Text>
            <Progress aria-label="上传进度" percent={sent} size="small" style={{ width: 160 }} />
          </Space>
        ) : null}
        {file ? (
          <Typography.Text>{file.fileName}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">支持 .xlsx、.xls、.csv（UTF-8 或 GBK）</Typography.Text>
        )}
      </Space>

      {sample && step === 0 ? (
        <HeaderPick sample={sample.rows} message={sample.message} loading={preview.isPending} onPick={pickHeader} />
      ) : null}

      {layout && step === 1 ? (
        <div aria-label="列对应">
          <Alert
            type={layoutProblem ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            title={`工作表“${layout.sheetName}”，表头在第 ${layout.headerRows.join('、')} 行；请核对每一列对应的内容，改正后点“重新校验”。`}
            description={layoutProblem ?? undefined}
          />
          <Table
            size="small"
            rowKey="index"
            pagination={false}
            dataSource={layout.columns}
            columns={[
              {
                title: '表格中的列',
                dataIndex: 'header',
                render: (h: string, c) => h || `（第 ${c.index + 1} 列，无表头）`,
              },
              {
                title: '对应内容',
                render: (_: unknown, c) => (
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    aria-label={`列“${c.header}”对应`}
                    style={{ width: 220 }}
                    value={(c.header in mapping ? mapping[c.header] : c.field) ?? ''}
                    options={fieldOptions}
                    onChange={(v) => setColumn(c.header, v)}
                  />
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => file && preview.mutate({ file, mapping })} loading={preview.isPending}>
              重新校验
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={Object.keys(mapping).length === 0}>
              保存列对应
            </Button>
            {sample ? <Button onClick={() => setStep(0)}>重新指定表头行</Button> : null}
            <Button type="primary" onClick={() => setStep(2)} disabled={!report}>
              下一步：查看校验结果
            </Button>
          </Space>
        </div>
      ) : null}

      {report && step === 2 ? (
        <div aria-label="校验结果">
          <Alert
            type={report.rejected ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={`共 ${report.total} 行：可导入 ${report.accepted} 行（新增 ${report.created}，更新已登记人员 ${report.updates}），拒绝 ${report.rejected} 行，有提示 ${report.warnings} 行；已跳过空行 ${report.skippedRows.blank}、合计行 ${report.skippedRows.total}。`}
          />
          <ReportGrid
            report={report}
            skipRows={skipRows}
            onToggleSkip={(row) =>
              setSkipRows((s) => (s.has(row) ? new Set([...s].filter((r) => r !== row)) : new Set([...s, row])))
            }
            confirmRows={confirmRows}
            onToggleConfirm={(row) =>
              setConfirmRows((s) => (s.has(row) ? new Set([...s].filter((r) => r !== row)) : new Set([...s, row])))
            }
          />
          <Space style={{ marginTop: 12 }} wrap>
            <Button onClick={() => setStep(1)}>返回列对应</Button>
            {mode === 'register' ? (
              <Checkbox
                checked={acceptUpdates}
                onChange={(e) => setAcceptUpdates(e.target.checked)}
                disabled={report.updates === 0}
              >
                同时更新已登记人员（{report.updates} 人）
              </Checkbox>
            ) : null}
            <Button icon={<DownloadOutlined />} onClick={() => download.mutate()} loading={download.isPending}>
              下载校验报告（xlsx）
            </Button>
            <Button type="primary" onClick={confirmCommit} disabled={report.accepted === 0} loading={commit.isPending}>
              确认导入
            </Button>
          </Space>
        </div>
      ) : null}

      {done && step === 3 ? (
        <Result
          status="success"
          title={`已导入 ${done.accepted} 行`}
          subTitle={`新增 ${done.created} 人，更新 ${done.updates} 人；拒绝 ${done.rejected} 行未导入。导入记录已写入操作日志（文件 SHA-256 ${done.sha256.slice(0, 16)}…）。${done.rowsOmitted ? `此处只列出前 ${done.rows.length} 行有问题的记录，另有 ${done.rowsOmitted} 行请下载校验报告查看。` : ''}`}
        />
      ) : null}
    </div>
  );
}
