/** Runs a child process to its end and times it whole, from spawn to exit: what a user waits for. */
import { spawn, type SpawnOptions } from 'node:child_process';

export interface ProcessRun { seconds: number; code: number | null; stdout: string; stderr: string }

export function timeProcess(command: string, args: string[], options: Pick<SpawnOptions, 'cwd' | 'env'> = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => { stdout += d; });
    child.stderr!.on('data', (d: Buffer) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: (performance.now() - started) / 1000, code, stdout, stderr }));
  });
}
