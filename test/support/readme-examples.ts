/**
 * The README's examples, as a reader would copy them: every fenced ```graphql block and every
 * `curl` command of the ```bash blocks, in the order they appear, with the bold lead of the
 * paragraph they belong to ("**Editor**", "**Reviewer and auditor**"), which says who runs them.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

export interface ReadmeBlock {
  lang: 'graphql' | 'bash';
  /** The bold lead of the section the block belongs to, e.g. "Editor"; '' before the first. */
  lead: string;
  /** 1-based line of the block's opening fence, for messages. */
  line: number;
  text: string;
}

export const README = join(__dirname, '..', '..', 'README.md');

export function readmeBlocks(file = README): ReadmeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: ReadmeBlock[] = [];
  let lead = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6}\s/.test(lines[i]);
    const bold = /^\*\*([^*]+)\*\*/.exec(lines[i]);
    if (heading) lead = '';
    if (bold) lead = bold[1];
    const fence = /^```(\w+)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (fence[1] === 'graphql' || fence[1] === 'bash')
      out.push({ lang: fence[1], lead, line: start + 1, text: body.join('\n') });
  }
  return out;
}

/** Splits a shell command line into words: single and double quotes, backslash escapes. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]))
        word += command[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && command[i + 1] === '\n') {
      i++;
    } else if (c === '\\') {
      word = (word ?? '') + (command[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${command}`);
  if (word !== null) words.push(word);
  return words;
}

/** The `curl` commands of a bash block (continuation lines joined). */
export function curlCommands(block: ReadmeBlock): string[][] {
  return block.text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('curl '))
    .map(shellWords);
}
