import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Upload } from 'antd';
import { call, errorText } from '../../api/client';
import { fileToBase64 } from '../../api/files';

/** 导入死亡名单: the monthly list from 殡葬/公安, matched by ID number; the result in a dialog. */
export function DeathImportButton({ onDone }: { onDone: () => void }) {
  const { modal, message } = App.useApp();
  const run = useMutation({
    mutationFn: async (file: File) =>
      call('deaths.import', { fileName: file.name, contentBase64: await fileToBase64(file) }),
    onSuccess: (r) => {
      onDone();
      modal.info({
        title: '死亡名单导入结果',
        width: 560,
        content: (
          <div>
            <p>
              匹配并登记 {r.matched.length} 人，其待遇自死亡次月起停发；人员库中找不到 {r.unmatched.length} 人；
              {r.rejected.length} 行无法识别。
            </p>
            {r.unmatched.length ? (
              <p>
                未匹配：
                {r.unmatched
                  .slice(0, 10)
                  .map((u) => `第 ${u.row} 行 ${u.name}`)
                  .join('、')}
              </p>
            ) : null}
            {r.rejected.length ? (
              <p>
                无法识别：
                {r.rejected
                  .slice(0, 10)
                  .map((x) => `第 ${x.row} 行：${x.message}`)
                  .join('；')}
              </p>
            ) : null}
          </div>
        ),
      });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => (run.mutate(file), false)}>
      <Button icon={<UploadOutlined />} loading={run.isPending}>
        导入死亡名单
      </Button>
    </Upload>
  );
}
