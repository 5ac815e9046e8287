// Lists a zip's entries from its central directory (no unzip binary needed): name and sizes.

import { readFileSync } from 'node:fs';

export interface ZipEntry {
  name: string;
  compressedBytes: number;
  bytes: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;

export function listZip(path: string): ZipEntry[] {
  const data = readFileSync(path);
  // The end-of-central-directory record is in the last 22 + 65 535 (comment) bytes.
  let end = -1;
  for (let offset = data.length - 22; offset >= Math.max(0, data.length - 22 - 0xffff); offset -= 1) {
    if (data.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new Error(`${path} is not a zip file (no end of central directory)`);
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (data.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new Error(`${path}: bad central directory entry ${index}`);
    const compressedBytes = data.readUInt32LE(offset + 20);
    const bytes = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, compressedBytes, bytes });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** `node_modules/@scope/name/…` → `@scope/name`; app files → undefined. Uses the last node_modules segment. */
export function packageOf(entryName: string): string | undefined {
  const index = entryName.lastIndexOf('node_modules/');
  if (index < 0) return undefined;
  const parts = entryName.slice(index + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}
