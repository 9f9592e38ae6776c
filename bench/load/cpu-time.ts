import { readFileSync } from 'node:fs';

/** Linux counts CPU time in clock ticks of 10 ms (`getconf CLK_TCK` = 100). */
const MS_PER_TICK = 10;

/**
 * CPU time (user + system, all threads) process `pid` has used so far, in milliseconds, from
 * `/proc/<pid>/stat`; undefined where there is no `/proc`. Unlike req/s, CPU time per request
 * hardly moves when other processes compete for the cores.
 */
export function cpuTimeMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The fields after the command name, which is in parentheses and may hold spaces: utime and
  // stime are fields 14 and 15 of the line, so 12th and 13th after the name.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}
