import { describe, expect, it } from 'vitest';
import { copyLine } from '../../src/demo/copy-format.ts';
import { charge } from '../helpers/charge-fixture.ts';

describe('copyLine', () => {
  it('writes COPY text format: tabs between columns, \\N for null, backslash escapes', () => {
    const line = copyLine(charge({
      charge_id: 'ch_1', created_at: '2026-01-10T10:00:00Z', failure_message: 'a\tb\nc\rd\\e "f"', payment_intent_id: null,
    }));
    expect(line.endsWith('\n')).toBe(true);
    const cells = line.slice(0, -1).split('\t');
    expect(cells).toHaveLength(19);
    expect(cells[18]).toBe('\\N'); // advice_code, optional: absent is null
    expect(cells[0]).toBe('ch_1');
    expect(cells[1]).toBe('\\N');
    expect(cells[5]).toBe('1000');
    expect(cells[10]).toBe('a\\tb\\nc\\rd\\\\e "f"');
  });
});
