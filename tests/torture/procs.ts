import { readdirSync, readFileSync } from 'node:fs';

/**
 * What a killed child leaves running. The child leads its own process group, so
 * one group kill takes it and everything that stayed in the group; but
 * playwright starts Chromium as the leader of a group of its own (so that it
 * can kill the whole browser), which a kill of the child's group does not reach.
 * Every process started from a torture child inherits its marker variable, which
 * is how the survivors are found.
 */
export function marked(marker: string): number[] {
  const needle = Buffer.from(`WD_T_MARK=${marker}\0`);
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`).includes(needle)) found.push(Number(name));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

function groupOf(pid: number): number | null {
  try {
    // Fields after the parenthesised command: state, ppid, pgrp.
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'latin1');
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    return Number.isInteger(pgrp) && pgrp > 1 ? pgrp : null;
  } catch {
    return null;
  }
}

function killGroup(pgrp: number): void {
  try {
    process.kill(-pgrp, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

const zombie = (pid: number) => {
  try {
    return /^\S+ \(.*\) Z/.test(readFileSync(`/proc/${String(pid)}/stat`, 'latin1'));
  } catch {
    return true;
  }
};

/**
 * SIGKILLs the child's group and, once the child is gone, every group a marked
 * survivor leads; returns how many there were.
 */
export async function killAll(childPid: number, marker: string, exited: Promise<unknown>): Promise<number> {
  killGroup(childPid);
  await exited;
  return sweep(marker);
}

/** SIGKILLs every group a live marked process leads; returns how many there were. */
export function sweep(marker: string): number {
  const survivors = marked(marker).filter((pid) => !zombie(pid));
  const own = groupOf(process.pid);
  for (const pid of survivors) {
    const g = groupOf(pid);
    if (g !== null && g !== own) killGroup(g);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return survivors.length;
}

/** Waits until no marked process is left (zombies reaped by init count as gone); the pids still there after `ms`. */
export async function settle(marker: string, ms = 3000): Promise<number[]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = marked(marker).filter((pid) => !zombie(pid));
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 50));
  }
}
