// How fast the machine runs at the moment, measured the same way in every benchmark run.
//
// The machine the goals are judged on does not run at one speed: a fixed loop of integer additions
// has taken 2.7 s in some hours and 4.2–4.8 s in others, for the same binary, with nothing else
// running. A goal stated in milliseconds then holds in one hour and not in another. The benchmarks
// therefore time this probe before and after their measurements and report it beside them, so that
// two runs can be compared and a verdict read with the speed it was measured at.
import { spawnSync } from 'node:child_process';

/** The probe: 3 × 10⁸ additions in a loop V8 compiles once, in a fresh process, timed inside it. */
const PROBE = 'let s=0;const t=process.hrtime.bigint();for(let i=0;i<3e8;i++)s+=i;process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6)+" "+(s>0))';

/** Milliseconds the probe took, best of `runs` fresh processes (the least disturbed run). */
export function probeMachineSpeed(runs = 2): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, ['-e', PROBE], { encoding: 'utf8' });
    const ms = Number.parseFloat(out.stdout ?? '');
    if (out.status === 0 && Number.isFinite(ms)) best = Math.min(best, ms);
  }
  if (!Number.isFinite(best)) throw new Error('the machine-speed probe did not run');
  return Math.round(best);
}

/** One line for a benchmark's report. */
export function describeMachineSpeed(before: number, after: number): string {
  return `machine-speed probe (3×10⁸ additions, lower is faster): ${before} ms before, ${after} ms after the measurements`;
}
