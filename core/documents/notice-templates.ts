import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

export const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'forms', 'templates');

export type NoticeTemplate = (view: object) => string;

/** Where a template writes a value without escaping it ({{{x}}} or {{&x}}), as "line:column". */
export function rawOutputs(source: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const statement = node as { type?: string; escaped?: boolean; loc?: { start: { line: number; column: number } } };
    if (statement.type === 'MustacheStatement' && statement.escaped === false) {
      found.push(`${statement.loc?.start.line}:${statement.loc?.start.column}`);
    }
    Object.values(node).forEach(visit);
  };
  visit(Handlebars.parse(source));
  return found;
}

function readChecked(file: string): string {
  const source = readFileSync(file, 'utf8');
  const raw = rawOutputs(source);
  // Notices print what citizens typed; a template that skips escaping would let a description inject markup.
  if (raw.length > 0) throw new Error(`${file}: unescaped output ({{{…}}} or {{&…}}) at ${raw.join(', ')}; notices escape everything`);
  return source;
}

/**
 * The notice templates of forms/templates (partials from its partials/ folder), compiled once. Strict mode makes
 * a misspelt field an error instead of a silently empty cell.
 */
export function loadNoticeTemplates(dir = templatesDir): Map<string, NoticeTemplate> {
  const handlebars = Handlebars.create();
  const partialsDir = path.join(dir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    handlebars.registerPartial(file.slice(0, -'.hbs'.length), readChecked(path.join(partialsDir, file)));
  }
  const templates = new Map<string, NoticeTemplate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    const compiled = handlebars.compile(readChecked(path.join(dir, file)), { strict: true });
    templates.set(file.slice(0, -'.hbs'.length), (view) => compiled(view));
  }
  return templates;
}
