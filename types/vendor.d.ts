// Typings for packages whose published entry points carry none.

declare module 'bpmn-moddle' {
  export interface ParseWarning {
    message: string;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, object>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: ParseWarning[] }>;
  }
}
