// The command examples of a Markdown page, and the output the page shows for
// them. A command is a `$ …` line of any code block, or a line of a `sh`
// block; its shown output is what follows a `$` line up to the next one, or
// the plain code block right after a `sh` block holding one command.
import { readFileSync } from 'node:fs';

export interface CodeBlock {
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  lines: string[];
}

export interface CommandExample {
  page: string;
  /** 1-based line of the command. */
  line: number;
  /** As written, without the prompt, `npx ` and a trailing `# comment`. */
  command: string;
  /** The output the page shows for it, when it shows any. */
  shown?: string[];
}

const SHELL_LANGS = new Set(['sh', 'shell', 'bash', 'console']);

export function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: CodeBlock | undefined;
  text.split('\n').forEach((l, i) => {
    if (/^```/.test(l)) {
      if (open) blocks.push(open), (open = undefined);
      else open = { lang: l.slice(3).trim(), line: i + 1, lines: [] };
    } else open?.lines.push(l);
  });
  return blocks;
}

/** `npx studio-script run x  # why` → `studio-script run x`; undefined for other commands. */
function studioCommand(raw: string): string | undefined {
  const cmd = raw
    .replace(/^npm install && /, '')
    .replace(/\s+#\s.*$/, '')
    .replace(/^npx /, '')
    .trim();
  return /^studio-script\s/.test(cmd) ? cmd : undefined;
}

const trimBlank = (lines: string[]): string[] => {
  const out = [...lines];
  while (out.length && out[out.length - 1]!.trim() === '') out.pop();
  return out;
};

export function commandExamples(page: string, text = readFileSync(page, 'utf8')): CommandExample[] {
  const blocks = codeBlocks(text);
  const out: CommandExample[] = [];
  blocks.forEach((b, bi) => {
    if (b.lines.some((l) => l.startsWith('$ '))) {
      let current: { line: number; command: string; shown: string[] } | undefined;
      b.lines.forEach((l, i) => {
        if (l.startsWith('$ ')) {
          const command = studioCommand(l.slice(2));
          current = command ? { line: b.line + 1 + i, command, shown: [] } : undefined;
          if (current) out.push(Object.assign(current, { page }));
        } else current?.shown.push(l);
      });
      for (const e of out) if (e.shown && trimBlank(e.shown).length === 0) delete e.shown;
      for (const e of out) if (e.shown) e.shown = trimBlank(e.shown);
      return;
    }
    if (!SHELL_LANGS.has(b.lang)) return;
    // Join continued lines (`\` at the end) into one command.
    const logical: { line: number; text: string }[] = [];
    b.lines.forEach((l, i) => {
      const prev = logical[logical.length - 1];
      if (prev && prev.text.endsWith('\\')) prev.text = `${prev.text.slice(0, -1).trimEnd()} ${l.trim()}`;
      else logical.push({ line: b.line + 1 + i, text: l });
    });
    const found = logical.flatMap((l) => {
      const command = studioCommand(l.text);
      return command ? [{ page, line: l.line, command } as CommandExample] : [];
    });
    const next = blocks[bi + 1];
    const between = next ? text.split('\n').slice(b.line + b.lines.length + 1, next.line - 1) : [];
    if (found.length === 1 && next && (next.lang === '' || next.lang === 'text') && between.every((l) => l.trim() === '')) {
      found[0]!.shown = trimBlank(next.lines);
    }
    out.push(...found);
  });
  return out;
}

/** Shell words: spaces split, single and double quotes group. */
export function shellWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/**
 * Where the shown output differs from the real one, or undefined when it
 * matches. The shown lines must appear in the output, in order and one after
 * the other; a line `…` stands for any number of lines (an excerpt may start
 * and end anywhere), and a line ending in `…` for a line that starts like it.
 * Durations (`12 ms`) and `# notes` after two spaces are not compared.
 */
export function outputMismatch(shown: readonly string[], actual: string): string | undefined {
  const norm = (l: string): string =>
    l
      .replace(/\s{2,}#\s.*$/, '')
      .replace(/\b\d+ ms\b/g, '<n> ms')
      .trimEnd();
  const real = actual.split('\n').map(norm);
  const same = (shownLine: string, realLine: string): boolean =>
    shownLine.endsWith('…') && shownLine.trim() !== '…' ? realLine.startsWith(shownLine.slice(0, -1)) : realLine === shownLine;
  const segments: string[][] = [[]];
  for (const l of shown) {
    if (l.trim() === '…') segments.push([]);
    else segments[segments.length - 1]!.push(norm(l));
  }
  let from = 0;
  for (const seg of segments) {
    if (seg.length === 0) continue;
    let at = -1;
    for (let i = from; i + seg.length <= real.length && at < 0; i++) if (seg.every((l, k) => same(l, real[i + k]!))) at = i;
    if (at < 0) {
      // Name the first shown line that cannot be found after the previous match.
      const rest = real.slice(from);
      const missing = seg.find((l) => !rest.some((r) => same(l, r)));
      return `the page shows\n${seg.join('\n')}\nbut the output ${missing === undefined ? 'has these lines in another order or apart' : `has no line\n${missing}`}`;
    }
    from = at + seg.length;
  }
  return undefined;
}
