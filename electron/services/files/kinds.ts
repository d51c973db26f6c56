/** The save dialog names each type as Windows users know it. */
const LABELS: Record<string, string> = {
  pdf: 'PDF 文件',
  xlsx: 'Excel 工作簿',
  xls: 'Excel 97-2003 工作簿',
  csv: 'CSV 文件',
  txt: '文本文件',
  docx: 'Word 文档',
  wdpkg: '上报数据包',
  png: 'PNG 图片',
  log: '日志文件',
  json: 'JSON 文件',
};

export function fileTypeLabel(extension: string): string {
  return LABELS[extension.toLowerCase()] ?? `${extension.toUpperCase()} 文件`;
}
