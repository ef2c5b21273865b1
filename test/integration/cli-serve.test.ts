/** `powervm-exporter serve` as a process: embedded default, endpoints, config check, SIGTERM. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.js';
import { runCli } from '../support/run-cli.js';
import { serveProcess as serve } from '../support/serve-process.js';

describe('serve', () => {
  it('with no console: says so first, serves the simulator on /metrics, and stops on SIGTERM within 5 s', async () => {
    const port = await freePort();
    const run = serve(['--listen', `127.0.0.1:${port}`]);
    await run.logged((l) => l['msg'] === 'serving metrics');
    expect(run.lines[0]!['msg']).toBe(
      'no console configured: collecting from the built-in PowerVM simulator',
    );
    const url = `http://127.0.0.1:${port}`;
    let body = '';
    for (let i = 0; i < 100 && !body.includes('powervm_lpar_cpu_seconds_total'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      body = await (await fetch(`${url}/metrics`)).text();
    }
    expect(body).toMatch(/^powervm_up\{hmc="simulator"\} 1$/m);
    expect(body).toContain('powervm_lpar_cpu_seconds_total{hmc="simulator",system="');
    expect((await fetch(`${url}/-/healthy`)).status).toBe(200);
    expect((await fetch(`${url}/-/ready`)).status).toBe(200);
    const stopping = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(run.lines.map((l) => l['msg'])).toContain('shutting down: logging off every console');
  });

  it('--check-config validates and prints the configuration without secrets', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'serve-'));
    const secret = path.join(dir, 'pw');
    writeFileSync(secret, 'Top-Secret-1\n');
    const config = path.join(dir, 'c.yaml');
    writeFileSync(config, `consoles:\n  - { name: h1, url: "https://h1:12443", password_file: ${secret} }\n`);
    const hash = '$2b$04$' + 'a'.repeat(53);
    const web = path.join(dir, 'web.yml');
    writeFileSync(web, `basic_auth_users: { prometheus: "${hash}" }\nbearer_token_file: ${secret}\n`);
    const ok = await runCli(['serve', '--config', config, '--web.config.file', web, '--check-config'], {
      POWERVM_PASSWORD: 'Env-Secret-2',
    });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      listen: '127.0.0.1:9859',
      web_config_file: {
        file: web,
        tls: 'off',
        basic_auth_users: ['prometheus'],
        bearer_token: 'configured',
      },
      consoles: [{ name: 'h1', url: 'https://h1:12443' }],
    });
    expect(ok.stdout + ok.stderr).not.toMatch(/Top-Secret-1|Env-Secret-2/);
    expect(ok.stdout).not.toContain(hash);

    writeFileSync(config, `consoles:\n  - { url: "https://h1:12443", pasword_file: x }\n`);
    const bad = await runCli(['serve', '--config', config, '--check-config']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('consoles[0].pasword_file: unknown key (did you mean password_file?)');
  });
});
