// An integrity check of an XLSX file's ZIP archive before exceljs streams it.
// exceljs' streaming reader waits forever when an entry's compressed data is
// damaged (its unzipper reports the inflate error where nothing listens), so
// a damaged upload would hang instead of being refused. This walks the
// archive's central directory and inflates every entry once, in constant
// memory, checking each against its recorded size and CRC-32; only an archive
// that passes goes to the library. It reads no spreadsheet content; it hands
// back the parts its caller asks to keep (xlsx.ts: the workbook's sheet list).
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw, crc32 } from 'node:zlib';

/** Refused before reading: an archive unpacking to more than this is not a spreadsheet upload (a "zip bomb"). */
export const MAX_UNPACKED_BYTES = 4 * 1024 ** 3;

interface Entry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * Throws an Error naming the damage; returns when every entry inflates to its
 * recorded size and CRC, with the unpacked contents of the parts named in
 * `keep` that the archive has (small parts: they are held whole).
 */
export async function checkZipArchive(file: string, keep: readonly string[] = []): Promise<Map<string, Buffer>> {
  const fd = openSync(file, 'r');
  let entries: { entry: Entry; dataStart: number }[];
  try {
    entries = readDirectory(fd);
  } finally {
    closeSync(fd);
  }
  const kept = new Map<string, Buffer>();
  for (const { entry, dataStart } of entries) {
    const chunks = keep.includes(entry.name) ? [] : undefined;
    await checkEntry(file, entry, dataStart, chunks);
    if (chunks) kept.set(entry.name, Buffer.concat(chunks));
  }
  return kept;
}

function readDirectory(fd: number): { entry: Entry; dataStart: number }[] {
  const size = fstatSync(fd).size;
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535.
  const tailLength = Math.min(size, 22 + 65_535);
  const tail = Buffer.alloc(tailLength);
  readSync(fd, tail, 0, tailLength, size - tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > tailLength) throw new Error('no end of central directory (the archive is cut short or damaged)');
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new Error('a ZIP64 archive (over 4 GB or 65,535 parts) is too large for an upload');
  if (dirOffset + dirSize > size) throw new Error('the central directory points past the end of the file');
  const dir = Buffer.alloc(dirSize);
  readSync(fd, dir, 0, dirSize, dirOffset);
  const out: { entry: Entry; dataStart: number }[] = [];
  let unpacked = 0;
  for (let p = 0, i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw new Error(`central directory entry ${i + 1} is damaged`);
    const nameLength = dir.readUInt16LE(p + 28);
    const entry: Entry = {
      method: dir.readUInt16LE(p + 10),
      crc: dir.readUInt32LE(p + 16),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localOffset: dir.readUInt32LE(p + 42),
      name: dir.toString('utf8', p + 46, Math.min(dir.length, p + 46 + nameLength)),
    };
    p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    if (entry.method !== 0 && entry.method !== 8) throw new Error(`part ${entry.name} uses compression method ${entry.method} (only stored and deflated parts are read)`);
    unpacked += entry.size;
    if (unpacked > MAX_UNPACKED_BYTES) throw new Error(`the archive unpacks to more than ${MAX_UNPACKED_BYTES / 1024 ** 3} GB`);
    const local = Buffer.alloc(30);
    if (readSync(fd, local, 0, 30, entry.localOffset) < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new Error(`part ${entry.name}: its local header is damaged`);
    const flags = local.readUInt16LE(6);
    if (local.readUInt16LE(8) !== entry.method) throw new Error(`part ${entry.name}: its local header and the directory disagree`);
    // Without a data descriptor (flag bit 3) the local header repeats the sizes, and streaming readers trust them.
    if ((flags & 8) === 0 && (local.readUInt32LE(18) !== entry.compressedSize || local.readUInt32LE(22) !== entry.size))
      throw new Error(`part ${entry.name}: its local header and the directory disagree on its size`);
    const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataStart + entry.compressedSize > size) throw new Error(`part ${entry.name} runs past the end of the file`);
    out.push({ entry, dataStart });
  }
  return out;
}

function checkEntry(file: string, entry: Entry, dataStart: number, chunks?: Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let crc = 0;
    let size = 0;
    const fail = (why: string) => reject(new Error(`part ${entry.name} ${why}`));
    if (entry.compressedSize === 0) {
      if (entry.size !== 0) fail('is empty but should not be');
      else resolve();
      return;
    }
    const raw = createReadStream(file, { start: dataStart, end: dataStart + entry.compressedSize - 1 });
    const data = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    raw.on('error', (err) => fail(`cannot be read (${err.message})`));
    data.on('error', () => fail('is damaged (its compressed data does not inflate)'));
    data.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > entry.size) {
        raw.destroy();
        fail('unpacks to more than its recorded size');
        return;
      }
      crc = crc32(chunk, crc);
      chunks?.push(chunk);
    });
    data.on('end', () => {
      if (size !== entry.size) fail('unpacks to less than its recorded size');
      else if (crc >>> 0 !== entry.crc) fail('is damaged (its checksum does not match)');
      else resolve();
    });
  });
}
