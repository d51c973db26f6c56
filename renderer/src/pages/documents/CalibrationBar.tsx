import { useMutation, useQuery } from '@tanstack/react-query';
import { App, AutoComplete, Button, Checkbox, InputNumber, Modal, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call, errorText } from '../../api/client';

/**
 * 套打 for the certificate: the printer whose offsets apply on this workstation,
 * the X/Y offsets in millimetres (saved per printer), the calibration page with its
 * ruler grid, and printing the fields alone onto pre-printed cards.
 */
export function CalibrationBar(props: {
  printer: string | undefined;
  preprinted: boolean;
  onChange: (v: { printer: string | undefined; preprinted: boolean }) => void;
}) {
  const { message } = App.useApp();
  const printers = useQuery({ queryKey: ['print.printers'], queryFn: () => call('print.printers', {}) });
  const [name, setName] = useState(props.printer ?? '');
  const [dx, setDx] = useState(0);
  const [dy, setDy] = useState(0);
  const [page, setPage] = useState<string | null>(null);
  const current = useQuery({
    queryKey: ['document.calibration', props.printer],
    queryFn: () => call('document.calibration', { template: 'certificate', printer: props.printer ?? '' }),
    enabled: Boolean(props.printer),
  });
  useEffect(() => {
    if (current.data) {
      setDx(current.data.dxMm);
      setDy(current.data.dyMm);
    }
  }, [current.data]);
  const save = useMutation({
    mutationFn: () => call('document.saveCalibration', { template: 'certificate', printer: name, dxMm: dx, dyMm: dy }),
    onSuccess: () => {
      void message.success(`已保存打印机 ${name} 的套打偏移`);
      props.onChange({ printer: name, preprinted: props.preprinted });
      void current.refetch();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const calibration = useMutation({
    mutationFn: () => call('document.calibrationPage', { template: 'certificate', printer: name }),
    onSuccess: (r) => setPage(r.html),
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Space wrap style={{ marginBottom: 8 }} aria-label="套打校准">
      <AutoComplete
        aria-label="打印机"
        style={{ width: 200 }}
        placeholder="打印机（套打校准）"
        value={name}
        options={(printers.data ?? []).map((p) => ({ value: p.name }))}
        onChange={(v: string) => setName(v)}
        onBlur={() => props.onChange({ printer: name || undefined, preprinted: props.preprinted })}
      />
      X 偏移
      <InputNumber
        aria-label="X 偏移（毫米）"
        min={-30}
        max={30}
        step={0.5}
        value={dx}
        onChange={(v) => setDx(v ?? 0)}
      />
      Y 偏移
      <InputNumber
        aria-label="Y 偏移（毫米）"
        min={-30}
        max={30}
        step={0.5}
        value={dy}
        onChange={(v) => setDy(v ?? 0)}
      />
      <Button disabled={!name} loading={save.isPending} onClick={() => save.mutate()}>
        保存偏移
      </Button>
      <Button disabled={!name} onClick={() => calibration.mutate()}>
        校准页
      </Button>
      <Checkbox
        checked={props.preprinted}
        onChange={(e) => props.onChange({ printer: props.printer, preprinted: e.target.checked })}
      >
        套打（只印填写内容）
      </Checkbox>
      {page ? (
        <Modal open width={900} title="套打校准页" footer={null} onCancel={() => setPage(null)} destroyOnHidden>
          <iframe
            title="套打校准页"
            sandbox=""
            srcDoc={page}
            style={{ width: '100%', height: '70vh', border: '1px solid #d9d9d9' }}
          />
        </Modal>
      ) : null}
    </Space>
  );
}
