import QRCode from 'qrcode';

/**
 * 部件二维码. The code holds the address of the citizen report page with the component named, so any phone camera
 * opens the page with the class and place filled in. Level M survives a scuffed sticker and keeps the URL's QR
 * small enough to print 3 cm wide.
 */
const errorCorrectionLevel = 'M';

/** The report page for a component: `origin` is the platform's public address, e.g. https://cg.example.gov.cn. */
export function componentReportUrl(origin: string, code: string): string {
  const url = new URL('/report', origin);
  url.searchParams.set('component', code);
  return url.href;
}

/** A standalone SVG; `margin` is the quiet zone in modules (4 by the QR standard). */
export function qrSvg(text: string, margin = 4): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel, margin });
}

export function qrPng(text: string, widthPixels: number): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel, margin: 4, width: widthPixels });
}
