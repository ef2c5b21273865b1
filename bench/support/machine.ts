import os from 'node:os';

/** Where figures were taken: without it, a table of milliseconds means little. */
export interface MachineInfo {
  date: string;
  node: string;
  v8: string;
  platform: string;
  cpuModel: string;
  cpuCount: number;
  memoryBytes: number;
  /** 1-minute load average when the run started: how much else was competing for the cores. */
  loadAverage: number;
}

export function describeMachine(now = new Date()): MachineInfo {
  const cpus = os.cpus();
  return {
    date: now.toISOString().slice(0, 10),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    memoryBytes: os.totalmem(),
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

export function machineSummary(machine: MachineInfo): string {
  const gib = (machine.memoryBytes / 1024 ** 3).toFixed(0);
  return (
    `${machine.date}, Node ${machine.node} (V8 ${machine.v8}), ${machine.platform}, ` +
    `${machine.cpuCount} × ${machine.cpuModel}, ${gib} GiB RAM, load average ${machine.loadAverage.toFixed(1)} at the start`
  );
}
