// The connector's README cannot rot: every JavaScript or TypeScript block in it is, byte for byte, a file under
// connector/examples/ (named in the line just above the block), and every example file is in the README once. The
// examples themselves run against the sandbox from the packed package (test/package/package.test.ts).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONNECTOR } from '../support/package';

const README = readFileSync(path.join(CONNECTOR, 'README.md'), 'utf8');
const EXAMPLES_DIR = path.join(CONNECTOR, 'examples');

interface Block {
  language: string;
  code: string;
  /** The example file the line above names, as [`examples/NAME`](examples/NAME). */
  file: string | undefined;
}

function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const pattern = /(?:^|\n)([^\n]*)\n+```([a-z]*)\n([\s\S]*?)\n```(?=\n|$)/g;
  for (const match of markdown.matchAll(pattern)) {
    const caption = /^\[`examples\/([^`]+)`\]\(examples\/\1\):?$/.exec(match[1]?.trim() ?? '');
    blocks.push({ language: match[2] ?? '', code: `${match[3]}\n`, file: caption?.[1] });
  }
  return blocks;
}

const blocks = codeBlocks(README);
const codeBlocksOnly = blocks.filter((block) => ['js', 'javascript', 'ts', 'typescript'].includes(block.language));

it('names an example file above every JavaScript and TypeScript block', () => {
  expect(codeBlocksOnly.length).toBeGreaterThan(0);
  expect(codeBlocksOnly.filter((block) => block.file === undefined).map((block) => block.code.split('\n')[0])).toEqual([]);
});

it('shows each example file exactly as it is (byte for byte)', () => {
  for (const block of codeBlocksOnly) {
    const file = readFileSync(path.join(EXAMPLES_DIR, block.file ?? ''), 'utf8');
    expect({ file: block.file, code: block.code }).toEqual({ file: block.file, code: file });
  }
});

it('shows every example file once, in a block of its language', () => {
  const files = readdirSync(EXAMPLES_DIR).sort();
  expect(codeBlocksOnly.map((block) => block.file).sort()).toEqual(files);
  for (const block of codeBlocksOnly)
    expect({ file: block.file, language: block.language }).toEqual({
      file: block.file,
      language: /\.[cm]?ts$/.test(block.file ?? '') ? 'ts' : 'js',
    });
});
