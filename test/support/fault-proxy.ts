import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 between a client and a real server, to inject network faults the server
 * itself cannot be asked for: cut every connection (RST or FIN), refuse new ones (down), and hold
 * back the bytes the server sends (a broker slow to confirm). It passes traffic untouched otherwise.
 */
export class FaultProxy {
  readonly #target: { host: string; port: number };
  readonly #pairs = new Set<Pair>();
  #server: net.Server | undefined;
  #port = 0;
  #delayMs = 0;
  /** Connections accepted so far, for tests that count reconnects. */
  accepted = 0;

  private constructor(targetPort: number) {
    this.#target = { host: '127.0.0.1', port: targetPort };
  }

  /** Listens on a port the OS picks, passing traffic to `targetPort` on 127.0.0.1. */
  static async start(targetPort: number): Promise<FaultProxy> {
    const proxy = new FaultProxy(targetPort);
    await proxy.up();
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  /** `url` with its port replaced by the proxy's. */
  via(url: string): string {
    const parsed = new URL(url);
    parsed.port = String(this.#port);
    return parsed.toString();
  }

  /** Holds each chunk from the server for `ms` before the client gets it (0: pass at once). */
  delayFromServer(ms: number): void {
    this.#delayMs = ms;
  }

  /** Ends every open connection, both ways: `reset` sends RST (a crash), `close` sends FIN (a clean close). */
  cut(how: 'reset' | 'close'): void {
    for (const pair of this.#pairs) pair.end(how);
    this.#pairs.clear();
  }

  /** Cuts every connection and stops listening: new connections are refused, as by a host whose broker is down. */
  async down(how: 'reset' | 'close' = 'reset'): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.cut(how);
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again (on the same port once it has one). */
  async up(): Promise<void> {
    if (this.#server) return;
    const server = net.createServer((client) => this.#accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#port = (server.address() as net.AddressInfo).port;
    this.#server = server;
  }

  async close(): Promise<void> {
    await this.down('reset');
  }

  #accept(client: net.Socket): void {
    this.accepted += 1;
    const server = net.connect(this.#target);
    const pair = new Pair(client, server, () => this.#delayMs);
    this.#pairs.add(pair);
    const forget = (): void => {
      this.#pairs.delete(pair);
      pair.end('close');
    };
    client.once('close', forget);
    server.once('close', forget);
  }
}

/** One proxied connection: client → server at once, server → client after the current delay, in order. */
class Pair {
  #toClient: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(
    private readonly client: net.Socket,
    private readonly server: net.Socket,
    delayMs: () => number,
  ) {
    client.setNoDelay(true);
    server.setNoDelay(true);
    // A fault proxy must never crash the test process: socket errors just end the pair.
    client.on('error', () => this.end('reset'));
    server.on('error', () => this.end('reset'));
    client.on('data', (chunk: Buffer) => server.write(chunk));
    server.on('data', (chunk: Buffer) => {
      const due = Date.now() + delayMs();
      this.#toClient = this.#toClient.then(async () => {
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!this.#ended) client.write(chunk);
      });
    });
    client.on('end', () => server.end());
    server.on('end', () => void this.#toClient.then(() => client.end()));
  }

  end(how: 'reset' | 'close'): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const socket of [this.client, this.server]) {
      if (how === 'reset') socket.resetAndDestroy();
      else socket.end();
    }
  }
}
