import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Messages between the scrape bench and its long-lived children, over Node's IPC channel. */
export type ChildMessage =
  | { type: 'progress'; line: string }
  | { type: 'listening'; url: string }
  | { type: 'result'; result: unknown };

export type ParentMessage = { type: 'go' };

/**
 * A child that stays up while the parent works with it (a simulator to poll, an exporter to scrape),
 * unlike runBenchChild's run-to-completion children. Its stderr is kept for the error message.
 */
export class BenchChild {
  readonly #child: ChildProcess;
  readonly #exited: Promise<number | null>;
  #stderr = '';
  #waiters: ((message: ChildMessage) => boolean)[] = [];

  constructor(
    readonly script: string,
    args: readonly string[],
    onProgress: (line: string) => void,
  ) {
    this.#child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
      cwd: REPOSITORY,
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.#child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.#stderr += chunk));
    this.#child.on('message', (message: ChildMessage) => {
      if (message.type === 'progress') onProgress(message.line);
      this.#waiters = this.#waiters.filter((waiter) => !waiter(message));
    });
    this.#exited = new Promise((resolve, reject) => {
      this.#child.on('error', reject);
      this.#child.on('exit', resolve);
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** The next message of a type; rejects if the child exits first. */
  async next<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>> {
    const message = new Promise<Extract<ChildMessage, { type: T }>>((resolve) =>
      this.#waiters.push((m) => {
        if (m.type !== type) return false;
        resolve(m as Extract<ChildMessage, { type: T }>);
        return true;
      }),
    );
    const exit = this.#exited.then((code) => {
      throw new Error(
        `${path.relative(REPOSITORY, this.script)} exited with ${code} before sending ${type}:\n${this.#stderr}`,
      );
    });
    return Promise.race([message, exit]);
  }

  send(message: ParentMessage): void {
    this.#child.send(message);
  }

  /** Stops the child (SIGTERM) and waits for it to go. */
  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM');
    await this.#exited.catch(() => undefined);
  }

  async exited(): Promise<number | null> {
    return this.#exited;
  }
}

/** Inside a child: one message to the parent. */
export function tellParent(message: ChildMessage): void {
  if (!process.send) throw new Error('not started by the scrape bench (no IPC channel)');
  process.send(message);
}

/** Inside a child: resolves at the parent's next message of this type. */
export function fromParent(type: ParentMessage['type']): Promise<ParentMessage> {
  return new Promise((resolve) => {
    const listener = (message: ParentMessage): void => {
      if (message.type !== type) return;
      process.off('message', listener);
      resolve(message);
    };
    process.on('message', listener);
  });
}
