/** The explorer grid's keyboard model: every key it handles, at the ends of the list, on open and closed rows. */
import { describe, expect, it } from 'vitest';
import { treegridKeyEffect, type TreegridKeyTarget } from '../../src/islands/payments/treegrid-keys.ts';

const ROWS = ['ch_first', 'ch_middle', 'ch_last'];

function on(row: string, options: { open?: string[]; inDetail?: boolean; rows?: string[] } = {}): TreegridKeyTarget {
  return { rows: options.rows ?? ROWS, row, inDetail: options.inDetail ?? false, expanded: new Set(options.open ?? []) };
}

describe('treegridKeyEffect on a row', () => {
  it('ArrowDown and ArrowUp move to the next and previous row', () => {
    expect(treegridKeyEffect(on('ch_middle'), 'ArrowDown')).toEqual({ consumed: true, focus: 'ch_last' });
    expect(treegridKeyEffect(on('ch_middle'), 'ArrowUp')).toEqual({ consumed: true, focus: 'ch_first' });
  });

  it('stops at the ends, still keeping the arrow from scrolling the page', () => {
    expect(treegridKeyEffect(on('ch_last'), 'ArrowDown')).toEqual({ consumed: true });
    expect(treegridKeyEffect(on('ch_first'), 'ArrowUp')).toEqual({ consumed: true });
    expect(treegridKeyEffect(on('ch_only', { rows: ['ch_only'] }), 'ArrowDown')).toEqual({ consumed: true });
  });

  it('moves past an open row to the next row, not into its detail', () => {
    expect(treegridKeyEffect(on('ch_first', { open: ['ch_first'] }), 'ArrowDown')).toEqual({ consumed: true, focus: 'ch_middle' });
  });

  it('Home and End go to the first and last row, wherever the focus is', () => {
    expect(treegridKeyEffect(on('ch_middle'), 'Home')).toEqual({ consumed: true, focus: 'ch_first' });
    expect(treegridKeyEffect(on('ch_middle'), 'End')).toEqual({ consumed: true, focus: 'ch_last' });
    expect(treegridKeyEffect(on('ch_first'), 'Home')).toEqual({ consumed: true, focus: 'ch_first' });
    expect(treegridKeyEffect(on('ch_last'), 'End')).toEqual({ consumed: true, focus: 'ch_last' });
  });

  it('Enter and Space open a closed row and close an open one', () => {
    for (const key of ['Enter', ' ']) {
      expect(treegridKeyEffect(on('ch_middle'), key)).toEqual({ consumed: true, expand: 'ch_middle' });
      expect(treegridKeyEffect(on('ch_middle', { open: ['ch_middle'] }), key)).toEqual({ consumed: true, collapse: 'ch_middle' });
    }
  });

  it('only the row the key is on opens or closes, whatever else is open', () => {
    expect(treegridKeyEffect(on('ch_middle', { open: ['ch_first', 'ch_last'] }), 'Enter')).toEqual({ consumed: true, expand: 'ch_middle' });
  });

  it('ArrowRight opens a closed row and leaves an open one open', () => {
    expect(treegridKeyEffect(on('ch_first'), 'ArrowRight')).toEqual({ consumed: true, expand: 'ch_first' });
    expect(treegridKeyEffect(on('ch_first', { open: ['ch_first'] }), 'ArrowRight')).toEqual({ consumed: true });
  });

  it('ArrowLeft closes an open row and leaves a closed one closed', () => {
    expect(treegridKeyEffect(on('ch_last', { open: ['ch_last'] }), 'ArrowLeft')).toEqual({ consumed: true, collapse: 'ch_last' });
    expect(treegridKeyEffect(on('ch_last'), 'ArrowLeft')).toEqual({ consumed: true });
  });

  it('leaves every other key to the browser (Tab out of the grid, Escape, letters)', () => {
    for (const key of ['Tab', 'Escape', 'a', 'PageDown']) expect(treegridKeyEffect(on('ch_middle', { open: ['ch_middle'] }), key)).toEqual({ consumed: false });
  });

  it('ignores a row that is not among the rows on screen', () => {
    expect(treegridKeyEffect(on('ch_gone'), 'ArrowDown')).toEqual({ consumed: false });
    expect(treegridKeyEffect(on('ch_gone'), 'Enter')).toEqual({ consumed: false });
  });
});

describe('treegridKeyEffect inside an open detail', () => {
  const inDetail = on('ch_middle', { open: ['ch_middle'], inDetail: true });

  it('Escape closes the detail and puts the focus back on its row', () => {
    expect(treegridKeyEffect(inDetail, 'Escape')).toEqual({ consumed: false, collapse: 'ch_middle', focus: 'ch_middle' });
  });

  it('leaves arrows, Enter and Space to the detail\'s own buttons and links', () => {
    for (const key of ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'Enter', ' ']) {
      expect(treegridKeyEffect(inDetail, key)).toEqual({ consumed: false });
    }
  });
});
