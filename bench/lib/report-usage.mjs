// @ts-check
/**
 * Loaded with `node --import` into a child process a bench times: at exit, writes the process's CPU seconds (user +
 * system, every thread) and peak RSS to the file NEWSGRAPH_BENCH_USAGE names. On a shared machine wall time includes
 * waiting for a core; CPU time is what the work itself cost.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.NEWSGRAPH_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6, peakRssMb: u.maxRSS / 1024 }));
  });
}
