/** `--name value` options and positional words; a flag given without a value is an error, not `true`. */
export function parseOptions(args: string[], known: readonly string[]): { options: Record<string, string>; words: string[] } {
  const options: Record<string, string> = {};
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (!known.includes(name)) throw new Error(`unknown option --${name} (known: ${known.map((k) => '--' + k).join(', ') || 'none'})`);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`option --${name} needs a value`);
    options[name] = value;
  }
  return { options, words };
}
