import { describe, expect, it } from 'vitest';
import { KPI_SPECS, describeKpiChange, formatKpiValue } from '../../src/islands/overview/kpi-format.ts';

const spec = (name: string) => KPI_SPECS.find((s) => s.name === name)!;

describe('KPI formatting', () => {
  it('formats each KPI in its unit and the currency’s digits', () => {
    expect(formatKpiValue(spec('grossRevenue'), 71249155, 'usd', 'en-US')).toBe('$712,491.55');
    expect(formatKpiValue(spec('grossRevenue'), 624170, 'jpy', 'en-US')).toBe('¥624,170');
    expect(formatKpiValue(spec('successRate'), 0.896809, 'usd', 'en-US')).toBe('89.7%');
    expect(formatKpiValue(spec('attempts'), 5646, 'usd', 'en-US')).toBe('5,646');
    expect(formatKpiValue(spec('attempts'), null, 'usd', 'en-US')).toBe('—');
  });

  it('says which way a change went and whether that is good', () => {
    expect(describeKpiChange(spec('grossRevenue'), { value: 2, previous: 1, change: 0.093675 }, 'en-US')).toEqual({ text: '+9.4%', direction: 'up', sentiment: 'good', verdict: 'better' });
    expect(describeKpiChange(spec('failedRevenue'), { value: 2, previous: 1, change: 0.690779 }, 'en-US')).toEqual({ text: '+69.1%', direction: 'up', sentiment: 'bad', verdict: 'worse' });
    expect(describeKpiChange(spec('successRate'), { value: 0.89, previous: 0.92, change: -0.02911 }, 'en-US')).toEqual({ text: '-2.9 pts', direction: 'down', sentiment: 'bad', verdict: 'worse' });
    expect(describeKpiChange(spec('attempts'), { value: 2, previous: 1, change: 0.022641 }, 'en-US')).toEqual({ text: '+2.3%', direction: 'up', sentiment: 'neutral', verdict: '' });
    expect(describeKpiChange(spec('grossRevenue'), { value: 1, previous: 0, change: null }, 'en-US')).toBeNull();
  });
});
