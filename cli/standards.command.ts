import type { ClassKind, SchemeId, StandardsCatalog } from '../core/ports/standards.ts';
import { loadStandardsCatalog } from '../standards/catalog.ts';

const usage = 'usage: citycase standards check [--overlay FILE] | standards export [--scheme gbt47678|legacy] [--kind component|event] [--overlay FILE]';
const schemes: readonly SchemeId[] = ['gbt47678', 'legacy'];
const kinds: readonly ClassKind[] = ['component', 'event'];

interface Options {
  overlay?: string;
  scheme?: string;
  kind?: string;
}

function parseOptions(subcommand: string, args: readonly string[], allowed: readonly (keyof Options)[]): Options {
  const options: Options = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const name = flag.slice(2) as keyof Options;
    if (!flag.startsWith('--') || !allowed.includes(name)) throw new Error(`standards ${subcommand}: unknown argument "${arg}"; ${usage}`);
    const value = inline ?? args[(i += 1)];
    if (value === undefined || value === '') throw new Error(`standards ${subcommand}: ${flag} needs a value`);
    options[name] = value;
  }
  return options;
}

function oneOf<T extends string>(subcommand: string, flag: string, value: string | undefined, allowed: readonly T[]): readonly T[] {
  if (value === undefined) return allowed;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`standards ${subcommand}: --${flag} must be ${allowed.join(' or ')}, got "${value}"`);
  }
  return [value as T];
}

function summary(catalog: StandardsCatalog): string {
  const origins = { documented: 0, overlay: 0, default: 0 };
  const counts = schemes.map((scheme) => {
    const perKind = kinds.map((kind) => {
      const classes = catalog.classes(scheme, kind);
      for (const entry of classes) origins[catalog.caseRules(scheme, kind, entry.code).origin] += 1;
      return `${kind} ${classes.length}`;
    });
    return `${scheme} ${perKind.join(', ')}`;
  });
  const crosswalk = catalog.crosswalk('legacy', 'gbt47678').length;
  const overlay = catalog.overlay;
  const overlayPart = overlay
    ? `; overlay ${overlay.city} (${overlay.file}): ${overlay.extensions} extensions, ${overlay.renames} renamed, ${overlay.disabled} disabled, ${overlay.ruleOverrides} rule overrides`
    : '';
  return `standards ok: ${counts.join('; ')}; case rules: ${origins.documented} documented, ${origins.overlay} from the overlay, ${origins.default} default; cross-walk legacy→gbt47678 ${crosswalk} entries${overlayPart}`;
}

function exportClasses(catalog: StandardsCatalog, options: Options): unknown[] {
  return oneOf('export', 'scheme', options.scheme, schemes).flatMap((scheme) =>
    oneOf('export', 'kind', options.kind, kinds).flatMap((kind) =>
      catalog.classes(scheme, kind).map((entry) => ({
        scheme,
        kind,
        code: entry.code,
        majorCode: entry.majorCode,
        nameZh: entry.nameZh,
        ...(entry.nameEn === undefined ? {} : { nameEn: entry.nameEn }),
        ...(entry.officialNameZh === undefined ? {} : { officialNameZh: entry.officialNameZh }),
        codeStatus: entry.codeStatus,
        origin: entry.origin,
        ...(entry.relatedComponentCode === undefined ? {} : { relatedComponentCode: entry.relatedComponentCode }),
      })),
    ),
  );
}

/** `citycase standards …`: `args` start after the word "standards". Throws on bad arguments or bad data. */
export async function standardsCommand(args: string[], out: NodeJS.WritableStream): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'check') {
    const options = parseOptions('check', rest, ['overlay']);
    out.write(`${summary(loadStandardsCatalog({ overlayFile: options.overlay }))}\n`);
    return;
  }
  if (subcommand === 'export') {
    const options = parseOptions('export', rest, ['overlay', 'scheme', 'kind']);
    // Arguments are checked before the files are read so a typo is reported as such.
    oneOf('export', 'scheme', options.scheme, schemes);
    oneOf('export', 'kind', options.kind, kinds);
    const catalog = loadStandardsCatalog({ overlayFile: options.overlay });
    out.write(`${JSON.stringify(exportClasses(catalog, options), null, 2)}\n`);
    return;
  }
  throw new Error(subcommand === undefined ? `standards: missing subcommand; ${usage}` : `standards: unknown subcommand "${subcommand}"; ${usage}`);
}
