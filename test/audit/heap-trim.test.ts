// The heap trim of `doa audit --jobs`: the thread that starts the workers collects at once what is
// no longer reachable (the policy's model, once let go), and any thread collects again when its heap
// has grown by the slack, with plain `node` (no --expose-gc).
import { describe, expect, it } from 'vitest';
import { HeapTrim } from '../../language/src/node/heap-trim.ts';

/** A WeakRef to an object that nothing else holds, made in a job of its own (a WeakRef's target is kept until its job ends). */
async function unreachable(): Promise<WeakRef<object>> {
  const ref = await new Promise<WeakRef<object>>((resolve) => setImmediate(() => resolve(new WeakRef({ payload: new Array(1000).fill(0) }))));
  await new Promise((resolve) => setImmediate(resolve));
  return ref;
}

describe('HeapTrim', () => {
  it('collects at once on the thread that starts the workers', async () => {
    const ref = await unreachable();
    new HeapTrim(64 << 20, true);
    expect(ref.deref()).toBeUndefined();
  });

  it('collects again when the heap in use has grown by the slack', async () => {
    const trim = new HeapTrim(1 << 20, true);
    const ref = await unreachable();
    // More than the slack, held while it is checked.
    const grown = Array.from({ length: 4 }, () => new Array(100_000).fill(1.5));
    trim.check();
    expect(grown.length).toBe(4);
    expect(ref.deref()).toBeUndefined();
  });
});
