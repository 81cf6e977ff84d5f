// CPU and memory of processes as the kernel counts them (/proc), so the
// simulator's cost and Tandem's are measured apart and from outside.
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on Linux.

const stat = (pid: number): string[] | null => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ", fields start at state (field 3).
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
};

const children = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

// The process and all its descendants.
export const processTree = (pid: number): number[] => [pid, ...children(pid).flatMap(processTree)];

// utime + stime (fields 14, 15) of the process and its live descendants, in ms.
export const cpuMs = (pids: readonly number[]): number =>
  pids.reduce((sum, pid) => {
    const f = stat(pid);
    return f ? sum + (Number(f[11]) + Number(f[12])) * TICK_MS : sum;
  }, 0);

export const rssBytes = (pid: number): number => {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

// Sets the nice value of every thread of these processes (Linux's nice is a
// thread's, not a process's: setpriority on the pid alone leaves V8's GC and
// compiler threads where they were). Threads that ended meanwhile are skipped.
export const renice = (pids: readonly number[], nice: number): void => {
  for (const pid of pids) {
    let tids: number[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`).map(Number);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        setPriority(tid, nice);
      } catch {
        // gone, or not ours
      }
    }
  }
};
