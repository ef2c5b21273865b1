import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Session {
  user: string;
  role: 'viewer' | 'admin';
  lastUsed: number;
  file: string | undefined;
}

/**
 * Logon tokens. Real tokens are ~230 characters of URL-safe base64; clients must treat them as opaque.
 * File-based logon (NovaLink, local clients) writes the token to a file and hands out its path instead.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly tokenDir: string;
  private readonly ownsTokenDir: boolean;

  constructor(
    private readonly clock: () => number,
    private readonly ttlMs: number,
    tokenDir: string | undefined,
  ) {
    this.ownsTokenDir = tokenDir === undefined;
    this.tokenDir = tokenDir ?? mkdtempSync(path.join(tmpdir(), 'powervm-sim-'));
    mkdirSync(this.tokenDir, { recursive: true });
  }

  open(user: string, toFile: boolean, role: Session['role']): { token: string; file: string | undefined } {
    const token = randomBytes(174).toString('base64url');
    const file = toFile ? path.join(this.tokenDir, `token_${randomBytes(8).toString('hex')}`) : undefined;
    if (file) writeFileSync(file, token, { mode: 0o600 });
    this.sessions.set(token, { user, role, lastUsed: this.clock(), file });
    return { token, file };
  }

  /** True for a live token, which also counts as activity; idle tokens past the TTL are dropped. */
  touch(token: string | undefined): boolean {
    const session = token === undefined ? undefined : this.sessions.get(token);
    if (!token || !session) return false;
    const now = this.clock();
    if (this.ttlMs > 0 && now - session.lastUsed > this.ttlMs) {
      this.close(token);
      return false;
    }
    session.lastUsed = now;
    return true;
  }

  /** The role of a live token's user (call after `touch`). */
  role(token: string): Session['role'] | undefined {
    return this.sessions.get(token)?.role;
  }

  close(token: string): boolean {
    const session = this.sessions.get(token);
    if (!session) return false;
    this.sessions.delete(token);
    if (session.file) rmSync(session.file, { force: true });
    return true;
  }

  closeAll(): void {
    for (const token of [...this.sessions.keys()]) this.close(token);
  }

  /** Removes token files, and the directory when the store created it. */
  dispose(): void {
    this.closeAll();
    if (this.ownsTokenDir) rmSync(this.tokenDir, { recursive: true, force: true });
  }
}
