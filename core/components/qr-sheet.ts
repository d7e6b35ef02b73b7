import { componentReportUrl, qrSvg } from './component-qr.ts';
import type { StaffComponent } from './component-view.ts';

/** Component names and addresses come from imported files: nothing in them may become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Where the sticker goes: the surveyed address, else the community and grid it stands in. */
function placeOf(component: StaffComponent): string {
  if (component.address) return component.address;
  return [component.community?.nameZh, component.grid?.nameZh ?? component.grid?.code].filter(Boolean).join(' ');
}

async function label(origin: string, component: StaffComponent): Promise<string> {
  const svg = await qrSvg(componentReportUrl(origin, component.code), 2);
  const name = component.name && component.name !== component.class.nameZh ? ` · ${escapeHtml(component.name)}` : '';
  return `<figure class="label">
  <div class="qr">${svg}</div>
  <figcaption>
    <strong>${escapeHtml(component.class.nameZh)}</strong>${name}
    <span class="code">${escapeHtml(component.code)}</span>
    <span class="place">${escapeHtml(placeOf(component))}</span>
    <span class="hint">扫码上报问题</span>
  </figcaption>
</figure>`;
}

export interface QrSheet {
  street: { id: string; nameZh: string };
  components: readonly StaffComponent[];
  /** The platform's public address the codes point to. */
  origin: string;
  generatedAt: Date;
}

/**
 * The printable sheet of one street's component QR codes: A4, 3 × 7 labels a page (about 63 × 38 mm, the size of
 * common sticker paper), labels never split across pages.
 */
export async function renderQrSheet(sheet: QrSheet): Promise<string> {
  const title = `${sheet.street.nameZh} 部件二维码`;
  const labels = await Promise.all(sheet.components.map((component) => label(sheet.origin, component)));
  const body = labels.length > 0 ? `<main class="sheet">\n${labels.join('\n')}\n</main>` : '<p class="empty">该街道暂无部件。</p>';
  const generated = sheet.generatedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 12mm 7mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #000; }
  header { display: flex; justify-content: space-between; align-items: baseline; margin: 0 0 4mm; font-size: 10pt; }
  header h1 { font-size: 14pt; margin: 0; }
  .sheet { display: grid; grid-template-columns: repeat(3, 63.5mm); grid-auto-rows: 38.1mm; gap: 0 2.5mm; }
  .label { margin: 0; padding: 2mm; display: flex; gap: 2mm; align-items: center; border: 0.2mm dashed #999;
           break-inside: avoid; page-break-inside: avoid; overflow: hidden; }
  .qr { flex: 0 0 30mm; }
  .qr svg { display: block; width: 30mm; height: 30mm; }
  figcaption { display: grid; gap: 1mm; font-size: 8pt; line-height: 1.2; min-width: 0; overflow-wrap: anywhere; }
  figcaption strong { font-size: 9pt; }
  .code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 7.5pt; }
  .hint { font-weight: bold; }
  @media screen { body { padding: 8mm; background: #eee; } .sheet { background: #fff; padding: 4mm; width: max-content; } }
  @media print { header { display: none; } .label { border-color: #ccc; } }
</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><span>共 ${sheet.components.length} 个 · 生成于 ${escapeHtml(generated)}</span></header>
${body}
</body>
</html>
`;
}
