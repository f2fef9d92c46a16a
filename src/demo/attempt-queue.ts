import type { ChargeRow } from '../marts/charge-row.ts';

/**
 * A time-ordered queue (binary heap) of attempts that are decided but not yet due; ties keep
 * insertion order. It holds only the retries still "in flight", a few days' worth, so the
 * generator streams in constant memory.
 */
export class AttemptQueue {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly rows: ChargeRow[] = [];
  private seq = 0;

  get size(): number {
    return this.rows.length;
  }

  peekTime(): number {
    return this.times[0] ?? Infinity;
  }

  private less(i: number, j: number): boolean {
    const ti = this.times[i]!;
    const tj = this.times[j]!;
    return ti < tj || (ti === tj && this.seqs[i]! < this.seqs[j]!);
  }

  private swap(i: number, j: number): void {
    [this.times[i], this.times[j]] = [this.times[j]!, this.times[i]!];
    [this.seqs[i], this.seqs[j]] = [this.seqs[j]!, this.seqs[i]!];
    [this.rows[i], this.rows[j]] = [this.rows[j]!, this.rows[i]!];
  }

  push(time: number, row: ChargeRow): void {
    this.times.push(time);
    this.seqs.push(this.seq++);
    this.rows.push(row);
    let i = this.rows.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): ChargeRow {
    const top = this.rows[0]!;
    const last = this.rows.length - 1;
    this.swap(0, last);
    this.times.pop();
    this.seqs.pop();
    this.rows.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < last && this.less(left, smallest)) smallest = left;
      if (right < last && this.less(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
    return top;
  }
}
