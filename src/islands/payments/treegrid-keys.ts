/**
 * The explorer grid's keyboard model as a pure function: for a key pressed on a row (or inside
 * its opened detail), which row takes the focus and which row opens or closes. The grid is a
 * treegrid whose rows are the focusable items (one tab stop, roving tabindex) and whose rows each
 * have one child, their detail; the keys are the WAI-ARIA treegrid pattern's for rows:
 *
 * - ArrowDown / ArrowUp: the next / previous row; nothing past the last / first.
 * - Home / End: the first / last row.
 * - Enter / Space: open a closed row, close an open one.
 * - ArrowRight: open a closed row (an open one stays open). ArrowLeft: close an open row.
 * - Escape inside an open detail: close it, the focus back on its row.
 */

export interface TreegridKeyTarget {
  /** The charge ids of the rows on screen, top to bottom. */
  rows: readonly string[];
  /** The row the key was pressed on, or inside whose detail. */
  row: string;
  /** Pressed inside the row's detail (a Copy button, a link), not on the row itself. */
  inDetail: boolean;
  /** The rows whose detail is open. */
  expanded: ReadonlySet<string>;
}

export interface TreegridKeyEffect {
  /** The grid acted on the key: the browser must not too (scroll the page, press a button). */
  consumed: boolean;
  /** The row to move the focus to. */
  focus?: string;
  expand?: string;
  collapse?: string;
}

const IGNORED: TreegridKeyEffect = { consumed: false };
const CONSUMED: TreegridKeyEffect = { consumed: true };

function moveTo(row: string | undefined): TreegridKeyEffect {
  return row === undefined ? CONSUMED : { consumed: true, focus: row };
}

/** `key` is KeyboardEvent.key. */
export function treegridKeyEffect(target: TreegridKeyTarget, key: string): TreegridKeyEffect {
  const { rows, row } = target;
  // Keys inside the detail belong to its buttons and links, except Escape, which leaves it (and
  // has no default action on the page to prevent).
  if (target.inDetail) return key === 'Escape' ? { consumed: false, collapse: row, focus: row } : IGNORED;
  const index = rows.indexOf(row);
  if (index < 0) return IGNORED;
  const open = target.expanded.has(row);
  switch (key) {
    case 'ArrowDown': return moveTo(rows[index + 1]);
    case 'ArrowUp': return moveTo(rows[index - 1]);
    case 'Home': return moveTo(rows[0]);
    case 'End': return moveTo(rows.at(-1));
    case 'Enter':
    case ' ': return open ? { consumed: true, collapse: row } : { consumed: true, expand: row };
    case 'ArrowRight': return open ? CONSUMED : { consumed: true, expand: row };
    case 'ArrowLeft': return open ? { consumed: true, collapse: row } : CONSUMED;
    default: return IGNORED;
  }
}
