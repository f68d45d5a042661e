/* A small ZIP reader and writer for DOCX files, with the browser's own decompression stream.
   Reads the central directory, inflates only the parts asked for, and writes a new archive in which untouched
   parts keep their compressed bytes and changed parts are stored, laid out as Python's zipfile writes them. No ZIP64, no encryption: a DOCX template never needs them. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function throughStream(bytes, stream) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function inflate(bytes) {
  return throughStream(bytes, new DecompressionStream("deflate-raw"));
}

/* The entries of an archive: name, method, crc, sizes, DOS time and date, and the compressed bytes. */
export function read(buffer) {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("Geen geldig Word-bestand (zip zonder inhoudsopgave)");
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder("utf-8");
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("Beschadigd Word-bestand");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const nameBytes = bytes.slice(at + 46, at + 46 + nameLength);
    const csize = view.getUint32(at + 20, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({
      name: decoder.decode(nameBytes),
      nameBytes: nameBytes,
      flags: view.getUint16(at + 8, true) & 0x0800, // keep only "name is UTF-8"
      method: view.getUint16(at + 10, true),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      crc: view.getUint32(at + 16, true),
      csize: csize,
      usize: view.getUint32(at + 24, true),
      external: view.getUint32(at + 38, true),
      data: bytes.subarray(start, start + csize),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/* The uncompressed bytes of one entry. */
export function content(entry) {
  if (entry.method === 0) return Promise.resolve(entry.data);
  if (entry.method === 8) return inflate(entry.data);
  return Promise.reject(new Error("Onbekende compressie in het Word-bestand: " + entry.method));
}

/* A copy of `entry` holding `bytes`, stored (as Python's zipfile stores them), with a fresh CRC. */
export function stored(entry, bytes) {
  return Object.assign({}, entry, {
    method: 0,
    crc: crc32(bytes),
    csize: bytes.length,
    usize: bytes.length,
    data: bytes,
  });
}

/* A new, empty entry called `name`, dated now; give it bytes with `stored` (a ZIP of DOCX files). */
export function named(name) {
  const now = new Date();
  return {
    name: name,
    nameBytes: new TextEncoder().encode(name),
    flags: 0x0800,
    time: (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1),
    date: ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate(),
    external: 0,
  };
}

/* The fields a local header and its central directory record share, in the same order: flags, method, DOS time
   and date, CRC, compressed and uncompressed size. */
function sharedFields(view, at, e) {
  view.setUint16(at, e.flags, true);
  view.setUint16(at + 2, e.method, true);
  view.setUint16(at + 4, e.time, true);
  view.setUint16(at + 6, e.date, true);
  view.setUint32(at + 8, e.crc, true);
  view.setUint32(at + 12, e.csize, true);
  view.setUint32(at + 16, e.usize, true);
}

export function write(entries) {
  const size = entries.reduce((sum, e) => sum + 30 + e.nameBytes.length + e.data.length + 46 + e.nameBytes.length, 22);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets = [];
  for (const e of entries) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    sharedFields(view, at + 6, e);
    view.setUint16(at + 26, e.nameBytes.length, true);
    view.setUint16(at + 28, 0, true);
    out.set(e.nameBytes, at + 30);
    out.set(e.data, at + 30 + e.nameBytes.length);
    at += 30 + e.nameBytes.length + e.data.length;
  }
  const directory = at;
  entries.forEach((e, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    sharedFields(view, at + 8, e);
    view.setUint16(at + 28, e.nameBytes.length, true);
    // extra, comment, disk and internal attributes: all zero; external attributes as read
    view.setUint32(at + 38, e.external, true);
    view.setUint32(at + 42, offsets[i], true);
    out.set(e.nameBytes, at + 46);
    at += 46 + e.nameBytes.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}
