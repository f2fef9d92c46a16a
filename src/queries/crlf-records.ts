const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * COPY ends each CSV record with LF; RFC 4180 (and the export's other path) ends it with CRLF.
 * A line feed inside a quoted cell is data and stays as it is, so quotes are counted on the way
 * (a doubled quote inside a cell toggles twice). `records` is how many records `bytes` holds:
 * the output is exactly that many bytes longer. Both searches run in native indexOf, and the
 * next quote is remembered, so a batch without quotes is one pass.
 */
export function crlfRecords(bytes: Uint8Array<ArrayBuffer>, records: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length + records);
  let read = 0;
  let written = 0;
  let inQuotes = false;
  let ended = 0;
  let nextQuote = bytes.indexOf(QUOTE);
  let lineFeed = bytes.indexOf(LF);
  while (lineFeed !== -1) {
    while (nextQuote !== -1 && nextQuote < lineFeed) {
      inQuotes = !inQuotes;
      nextQuote = bytes.indexOf(QUOTE, nextQuote + 1);
    }
    if (!inQuotes) {
      if (ended++ === records) throw new Error(`more than the ${records} records expected`);
      out.set(bytes.subarray(read, lineFeed), written);
      written += lineFeed - read;
      out[written++] = CR;
      out[written++] = LF;
      read = lineFeed + 1;
    }
    lineFeed = bytes.indexOf(LF, lineFeed + 1);
  }
  out.set(bytes.subarray(read), written);
  if (ended !== records) throw new Error(`expected ${records} records, found ${ended}`);
  return out;
}
