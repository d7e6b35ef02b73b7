/** Turns a self-contained HTML document into PDF bytes. Throws `Unavailable` when the renderer cannot run. */
export interface PdfRenderer {
  render(html: string): Promise<Uint8Array>;
}
