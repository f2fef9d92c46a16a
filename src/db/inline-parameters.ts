/**
 * COPY takes no bound parameters, so a query run as COPY gets its values written into its text.
 * The values are quoted by the server (quote_nullable: '…' with quotes doubled, E'…' when
 * backslashes need it, NULL for null), never by string building here; this only puts those
 * literals where the query's $n placeholders are. The query text is ours (no value ever reaches
 * it any other way), so a placeholder is a `$` and digits outside '…' literals and "…" names.
 */

/** `select quote_nullable($1::text), …`: the server's own literal for each of `count` values. */
export function quoteParametersSql(count: number): string {
  return `select ${Array.from({ length: count }, (_, i) => `quote_nullable($${i + 1}::text)`).join(', ')}`;
}

/** `text` with each $n replaced by `literals[n - 1]`; a placeholder without a literal is an error. */
export function inlineParameters(text: string, literals: readonly string[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === "'" || char === '"') {
      // Copied as they are; a doubled quote inside is two quotes in a row, which this also copies.
      const end = text.indexOf(char, i + 1);
      if (end < 0) throw new Error('unterminated quote in query text');
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const placeholder = char === '$' && !/[\w$]/.test(text[i - 1] ?? '') ? /^\$(\d+)/.exec(text.slice(i, i + 12)) : null;
    if (placeholder) {
      const literal = literals[Number(placeholder[1]) - 1];
      if (literal === undefined) throw new Error(`query text has ${placeholder[0]} but only ${literals.length} values`);
      out += literal;
      i += placeholder[0].length;
      continue;
    }
    out += char;
    i++;
  }
  return out;
}
