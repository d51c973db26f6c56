import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { App, Button, Card, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Standard } from '../../../../shared/contract/standards';
import { standardCategories, standardCategoryLabel } from '../../../../shared/domain/entitlement/categories';
import { formatFen, parseYuan } from '../../../../shared/domain/money';
import { programLabels, programs, type Program } from '../../../../shared/domain/programs';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';
import { PolicyPanel } from './PolicyPanel';

interface StandardForm {
  program: Program;
  category: string;
  fromMonth: Dayjs;
  amountYuan: string;
}

const columns: ColDef<Standard>[] = [
  {
    field: 'program',
    headerName: '项目',
    width: 240,
    valueFormatter: (p) => (p.data ? programLabels[p.data.program] : ''),
  },
  {
    field: 'category',
    headerName: '类别',
    width: 170,
    valueFormatter: (p) => (p.data ? standardCategoryLabel(p.data.program, p.data.category) : ''),
  },
  { field: 'fromMonth', headerName: '执行起始月份', width: 140 },
  {
    field: 'amountFen',
    headerName: '标准（元/月）',
    width: 140,
    type: 'rightAligned',
    comparator: (a: number, b: number) => a - b,
    valueFormatter: (p) => formatFen(Number(p.value ?? 0)),
  },
  { field: 'createdBy', headerName: '设置人', width: 110 },
  {
    field: 'createdAt',
    headerName: '设置时间',
    flex: 1,
    valueFormatter: (p) => new Date(String(p.value)).toLocaleString('zh-CN', { hour12: false }),
  },
];

const programOptions = programs.map((p) => ({ value: p, label: programLabels[p] }));

/** The county's rate table with its history, a form to add a rate from a month, and the policy settings. */
export function StandardsPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const rows = useQuery({ queryKey: ['standard.list'], queryFn: () => call('standard.list', {}) });
  const [form] = Form.useForm<StandardForm>();
  const program = Form.useWatch('program', form);
  const fromMonth = Form.useWatch('fromMonth', form);
  // Elder tiers follow the policy in force from the chosen month.
  const policyMonth = (fromMonth ?? dayjs()).format('YYYY-MM');
  const policy = useQuery({
    queryKey: ['policy.get', policyMonth],
    queryFn: () => call('policy.get', { month: policyMonth }),
  });
  const categoryOptions =
    program && policy.data
      ? standardCategories(program, policy.data.policy).map((c) => ({
          value: c,
          label: standardCategoryLabel(program, c),
        }))
      : [];
  const save = useMutation({
    mutationFn: (v: StandardForm) =>
      call('standard.set', {
        program: v.program,
        category: v.category,
        fromMonth: v.fromMonth.format('YYYY-MM'),
        amountFen: parseYuan(v.amountYuan) ?? -1,
      }),
    onSuccess: (s) => {
      const what = `${programLabels[s.program]}（${standardCategoryLabel(s.program, s.category)}）自 ${s.fromMonth} 起 ${formatFen(s.amountFen)} 元/月`;
      if (s.retroactive) {
        modal.info({ title: '已保存追溯调整的标准', content: `${what}。该标准早于本月生效，已发放月份的差额应补发。` });
      } else {
        void message.success(`已保存：${what}`);
      }
      form.resetFields(['amountYuan']);
      void queryClient.invalidateQueries({ queryKey: ['standard.list'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  return (
    <div className="page">
      <Card size="small" title="新增补贴标准">
        <Form
          form={form}
          layout="inline"
          style={{ rowGap: 8 }}
          initialValues={{ fromMonth: dayjs() }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item label="项目" name="program" rules={[{ required: true, message: '请选择项目' }]}>
            <Select options={programOptions} style={{ width: 260 }} onChange={() => form.resetFields(['category'])} />
          </Form.Item>
          <Form.Item label="类别" name="category" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={categoryOptions} style={{ width: 180 }} disabled={!program} loading={policy.isPending} />
          </Form.Item>
          <Form.Item label="自" name="fromMonth" rules={[{ required: true, message: '请选择执行起始月份' }]}>
            <DatePicker picker="month" allowClear={false} />
          </Form.Item>
          <Form.Item
            label="标准"
            name="amountYuan"
            rules={[
              { required: true, message: '请填写金额' },
              {
                validator: (_r, v: string | undefined) =>
                  !v || (parseYuan(v) ?? -1) >= 0
                    ? Promise.resolve()
                    : Promise.reject(new Error('应为金额（元），最多两位小数')),
              },
            ]}
          >
            <Input addonAfter="元/月" style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存标准
          </Button>
        </Form>
      </Card>
      <div className="grid-box" style={{ minHeight: 280 }}>
        <AgGridReact<Standard>
          {...baseGridOptions}
          rowData={rows.data ?? []}
          columnDefs={columns}
          loading={rows.isPending}
          getRowId={(p) => String(p.data.id)}
        />
      </div>
      <PolicyPanel />
    </div>
  );
}
