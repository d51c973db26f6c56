import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { App, Button, Checkbox, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { roleLabels, roles, type Role, type UserRow } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';
import { NewPasswordFields } from '../auth/NewPasswordFields';
import { usernameRules } from '../auth/rules';

const roleOptions = roles.map((r) => ({ label: roleLabels[r], value: r }));

interface UserForm {
  username: string;
  displayName: string;
  roles: Role[];
  password?: string;
  confirm?: string;
}

type Editing = { mode: 'add' } | { mode: 'edit'; user: UserRow } | { mode: 'password'; user: UserRow } | null;

function RoleTags({ value }: { value: Role[] }) {
  return (
    <Space size={4}>
      {value.map((r) => (
        <Tag key={r} color={r === 'admin' ? 'red' : r === 'head' ? 'gold' : r === 'reviewer' ? 'blue' : 'green'}>
          {roleLabels[r]}
        </Tag>
      ))}
    </Space>
  );
}

export function UsersPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['user.list'], queryFn: () => call('user.list', {}) });
  const [editing, setEditing] = useState<Editing>(null);
  const [selected, setSelected] = useState<UserRow | null>(null);
  const [form] = Form.useForm<UserForm>();
  const done = (text: string) => {
    void message.success(text);
    setEditing(null);
    form.resetFields();
    void queryClient.invalidateQueries({ queryKey: ['user.list'] });
  };
  const save = useMutation({
    mutationFn: async (v: UserForm) => {
      if (editing?.mode === 'add')
        await call('user.add', {
          username: v.username,
          displayName: v.displayName,
          roles: v.roles,
          password: v.password ?? '',
        });
      else if (editing?.mode === 'edit')
        await call('user.update', { username: editing.user.username, displayName: v.displayName, roles: v.roles });
      else if (editing?.mode === 'password')
        await call('user.resetPassword', { username: editing.user.username, newPassword: v.password ?? '' });
    },
    onSuccess: () => done('已保存'),
  });
  const disable = useMutation({
    mutationFn: (u: UserRow) => call('user.disable', { username: u.username }),
    onSuccess: () => done('已停用'),
    onError: (e) => void message.error(errorText(e)),
  });

  const columns: ColDef<UserRow>[] = [
    { field: 'username', headerName: '用户名', width: 140 },
    { field: 'displayName', headerName: '姓名', width: 140 },
    {
      field: 'roles',
      headerName: '角色',
      flex: 1,
      cellRenderer: (p: { value: Role[] }) => <RoleTags value={p.value} />,
      comparator: undefined,
      filter: false,
    },
    // A text column: a boolean field would be drawn as AG Grid's empty checkbox.
    { colId: 'status', headerName: '状态', width: 100, valueGetter: (p) => (p.data?.disabled ? '已停用' : '正常') },
    {
      field: 'createdAt',
      headerName: '创建时间',
      width: 180,
      valueFormatter: (p) =>
        String(p.value ?? '')
          .slice(0, 19)
          .replace('T', ' '),
    },
    {
      field: 'passwordChangedAt',
      headerName: '密码修改时间',
      width: 180,
      valueFormatter: (p) =>
        String(p.value ?? '')
          .slice(0, 19)
          .replace('T', ' '),
    },
  ];

  const open = (e: Editing) => {
    form.resetFields();
    if (e?.mode === 'edit')
      form.setFieldsValue({ username: e.user.username, displayName: e.user.displayName, roles: e.user.roles });
    setEditing(e);
  };
  const title = editing?.mode === 'add' ? '新增用户' : editing?.mode === 'edit' ? '修改用户' : '重设密码';

  return (
    <div className="page">
      <Space>
        <Button type="primary" onClick={() => open({ mode: 'add' })}>
          新增用户
        </Button>
        <Button
          disabled={!selected || selected.disabled}
          onClick={() => selected && open({ mode: 'edit', user: selected })}
        >
          修改
        </Button>
        <Button
          disabled={!selected || selected.disabled}
          onClick={() => selected && open({ mode: 'password', user: selected })}
        >
          重设密码
        </Button>
        <Button
          danger
          disabled={!selected || selected.disabled}
          onClick={() =>
            selected &&
            modal.confirm({
              title: `停用用户「${selected.displayName}」？`,
              content:
                '停用后其密码立即失效，数据和操作记录保留。停用前的旧备份仍可用其旧密码打开：如需彻底防止，请随后在“数据备份”中更换数据库密钥。',
              okText: '停用',
              cancelText: '取消',
              onOk: () => disable.mutateAsync(selected),
            })
          }
        >
          停用
        </Button>
      </Space>
      <div className="grid-box">
        <AgGridReact<UserRow>
          {...baseGridOptions}
          rowData={users.data ?? []}
          columnDefs={columns}
          loading={users.isPending}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
          getRowId={(p) => p.data.username}
        />
      </div>
      <Modal
        open={editing !== null}
        title={title}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        {save.isError ? (
          <div className="ant-form-item-explain-error" style={{ marginBottom: 12 }}>
            {errorText(save.error)}
          </div>
        ) : null}
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {editing?.mode !== 'password' ? (
            <>
              <Form.Item label="用户名" name="username" rules={usernameRules}>
                <Input disabled={editing?.mode === 'edit'} maxLength={32} />
              </Form.Item>
              <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item label="角色" name="roles" rules={[{ required: true, message: '至少选择一个角色' }]}>
                <Checkbox.Group options={roleOptions} />
              </Form.Item>
            </>
          ) : null}
          {editing?.mode !== 'edit' ? (
            <NewPasswordFields
              name="password"
              label={editing?.mode === 'password' ? '新密码' : '初始密码'}
              confirmLabel="确认密码"
            />
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
