import { useState } from 'preact/hooks';

/** A stateful island: its button only counts once Astro's hydration scripts have run. */
export default function Counter({ label }: { label: string }) {
  const [count, setCount] = useState(0);
  return (
    <button type="button" class="counter" data-counter={label} onClick={() => setCount(count + 1)}>
      {label}: {count}
    </button>
  );
}
