/**
 * deploy/docker/Dockerfile, linted by dockerfile-utils (the Dockerfile language server's
 * validator) and read with dockerfile-ast: there is no Docker engine here, so what the image would
 * run is run instead — its ENTRYPOINT and CMD through the real CLI with --check-config — and every
 * file it copies is checked against the build context that .dockerignore leaves.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DockerfileParser,
  type Copy,
  type Env,
  type Instruction,
  type JSONInstruction,
} from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEXT = readFileSync(path.join(ROOT, 'deploy/docker/Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(TEXT);
const instructions = dockerfile.getInstructions();
const froms = dockerfile.getFROMs();
const lastFromLine = froms.at(-1)!.getRange().start.line;
/** The runtime image: instructions from the last FROM on. */
const runtime = instructions.filter((i) => i.getRange().start.line >= lastFromLine);
const all = (keyword: string, among: Instruction[] = runtime) =>
  among.filter((i) => i.getKeyword() === keyword);
const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
const json = (i: Instruction) =>
  (i as JSONInstruction).getJSONStrings().map((s) => JSON.parse(s.getValue()) as string);

/** The Dockerfile's ENV settings of the runtime image. */
const environment = Object.fromEntries(
  all('ENV').flatMap((env) => (env as Env).getProperties().map((p) => [p.getName(), p.getValue() ?? ''])),
);

describe('the Dockerfile', () => {
  it('has no problem dockerfile-utils finds, every check raised to an error', () => {
    const strict = ValidationSeverity.ERROR;
    const problems = validate(TEXT, {
      deprecatedMaintainer: strict,
      directiveCasing: strict,
      emptyContinuationLine: strict,
      instructionCasing: strict,
      instructionCmdMultiple: strict,
      instructionEntrypointMultiple: strict,
      instructionHealthcheckMultiple: strict,
      instructionJSONInSingleQuotes: strict,
      instructionWorkdirRelative: strict,
    });
    expect(problems.map((p) => `line ${p.range.start.line + 1}: ${p.message}`)).toEqual([]);
  });

  it('builds in one stage and runs from a small Node 20 image as a user other than root', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from.getImage()).toMatch(/^node:20-(bookworm-slim|slim|alpine)$/);
    const users = all('USER').map((u) => args(u)[0]);
    expect(users.length).toBe(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    // Production dependencies only in the runtime image.
    const installs = all('RUN').map((r) => r.getArgumentsContent() ?? '');
    expect(installs.some((r) => /npm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(installs.some((r) => /npm (run build|install(?!.*--omit=dev))/.test(r))).toBe(false);
  });

  it('exposes 9859, listens on every interface, and checks /-/healthy', () => {
    expect(all('EXPOSE').flatMap(args)).toEqual(['9859']);
    expect(environment['POWERVM_LISTEN']).toBe(':9859');
    const [healthcheck] = all('HEALTHCHECK');
    expect(healthcheck?.getArgumentsContent()).toContain('http://127.0.0.1:9859/-/healthy');
  });

  it('copies only files the build context has once .dockerignore is applied', () => {
    const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    // An allow-list: `*`, then `!name` per top-level entry let in (the matcher below knows only that).
    expect(ignore[0]).toBe('*');
    const allowed = ignore.slice(1).map((line) => /^!([\w.-]+)$/.exec(line)?.[1]);
    expect(allowed).not.toContain(undefined);
    const fromContext = all('COPY', instructions).filter((c) => !(c as Copy).getFromFlag());
    for (const copy of fromContext) {
      for (const source of args(copy).slice(0, -1) as string[]) {
        expect(allowed, `COPY ${source}`).toContain(source.split('/')[0]);
        expect(existsSync(path.join(ROOT, source)), `COPY ${source}`).toBe(true);
      }
    }
  });

  it('ENTRYPOINT and CMD form a command line the CLI accepts, serving :9859', async () => {
    const entrypoint = json(all('ENTRYPOINT')[0]!);
    const cmd = json(all('CMD')[0]!);
    expect(entrypoint[0]).toBe('node');
    // The script is what `npm run build` makes of src/cli/main.ts, and the package's bin.
    const bin = (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    ).bin;
    expect(Object.values(bin)).toContain(entrypoint[1]);
    const result = await runCli([...cmd, '--check-config'], environment);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      listen: '0.0.0.0:9859',
      consoles: 'none: the built-in simulator is served',
    });
  }, 60_000);
});
