import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionUrl } from '../../../../../src/sinks/ceilometer/transport/amqp-publisher.js';
import { FilePublisher } from '../../../../../src/sinks/ceilometer/transport/file-publisher.js';
import { HttpPublisher } from '../../../../../src/sinks/ceilometer/transport/http-publisher.js';
import {
  notificationBody,
  osloTimestamp,
} from '../../../../../src/sinks/ceilometer/transport/notification.js';
import { redactText, redactUrl, urlSecrets } from '../../../../../src/sinks/ceilometer/transport/redact.js';
import { PublishError } from '../../../../../src/sinks/ceilometer/transport/types.js';

const wire = {
  source: 'openstack',
  counter_name: 'cpu',
  counter_type: 'cumulative',
  counter_unit: 'ns',
  counter_volume: 1500000000,
  user_id: 'u1',
  project_id: 'p1',
  resource_id: 'inst-1',
  timestamp: '2026-01-01T00:00:00.000000',
  resource_metadata: { cpu_number: 2 },
  message_id: '00000000-0000-0000-0000-000000000001',
  monotonic_time: null,
  message_signature: 'ab'.repeat(32),
};

describe('notification body', () => {
  it('is the oslo v2.0 envelope around a telemetry.polling sample notification', () => {
    const body = notificationBody([wire], {
      now: new Date('2026-11-25T03:41:09.968Z'),
      ids: { messageId: 'm-1', uniqueId: 'u'.repeat(32) },
    });
    const envelope = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(envelope).sort()).toEqual(['oslo.message', 'oslo.version']);
    expect(envelope['oslo.version']).toBe('2.0');
    expect(typeof envelope['oslo.message']).toBe('string');
    expect(JSON.parse(envelope['oslo.message'] as string)).toEqual({
      message_id: 'm-1',
      publisher_id: 'ceilometer.polling',
      event_type: 'telemetry.polling',
      priority: 'SAMPLE',
      payload: { samples: [wire] },
      timestamp: '2026-11-25 03:41:09.968000',
      _unique_id: 'u'.repeat(32),
    });
  });

  it('stamps times as str(datetime.utcnow()) does', () => {
    expect(osloTimestamp(new Date('2026-01-02T03:04:05.006Z'))).toBe('2026-01-02 03:04:05.006000');
  });
});

describe('URL redaction', () => {
  it('hides the password in URLs and in any text that repeats it', () => {
    expect(redactUrl('amqp://guest:s3cr%2Fet@10.0.0.1:5672/nova')).toBe(
      'amqp://guest:***@10.0.0.1:5672/nova',
    );
    expect(redactUrl('amqp://10.0.0.1/')).toBe('amqp://10.0.0.1/');
    expect(redactUrl('amqp://u:p@[bad')).toBe('amqp://<unparseable URL>');
    const secrets = urlSecrets('amqp://guest:s3cr%2Fet@h/');
    expect(redactText('login s3cr/et and s3cr%2Fet refused', secrets)).toBe('login *** and *** refused');
  });

  it("maps oslo's rabbit:// to amqp:// and adds a heartbeat", () => {
    expect(connectionUrl('rabbit://u:p@h:5672/', 30)).toBe('amqp://u:p@h:5672/?heartbeat=30');
    expect(connectionUrl('amqp://h/v?frameMax=0', 10)).toBe('amqp://h/v?frameMax=0&heartbeat=10');
    expect(connectionUrl('amqp://h/?heartbeat=5', 10)).toBe('amqp://h/?heartbeat=5');
  });
});

describe('HttpPublisher', () => {
  async function withServer(
    status: number,
    run: (url: string, requests: { headers: Record<string, unknown>; body: string }[]) => Promise<void>,
  ): Promise<void> {
    const requests: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        requests.push({ headers: req.headers, body });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await run(`http://user:pw@127.0.0.1:${port}/ingest`, requests);
    } finally {
      server.close();
    }
  }

  it("POSTs JSON lists of Sample.as_dict() like Ceilometer's http publisher, with Basic auth", async () => {
    await withServer(200, async (url, requests) => {
      const publisher = new HttpPublisher({ url, batchSize: 2 });
      await publisher.publish([wire, wire, wire]);
      expect(requests).toHaveLength(2);
      expect(requests[0]?.headers['content-type']).toBe('application/json');
      expect(requests[0]?.headers['authorization']).toBe(
        `Basic ${Buffer.from('user:pw').toString('base64')}`,
      );
      const body = JSON.parse(requests[0]?.body ?? '') as unknown[];
      expect(body).toEqual([
        {
          id: wire.message_id,
          monotonic_time: null,
          name: 'cpu',
          project_id: 'p1',
          resource_id: 'inst-1',
          resource_metadata: { cpu_number: 2 },
          source: 'openstack',
          timestamp: wire.timestamp,
          type: 'cumulative',
          unit: 'ns',
          user_id: 'u1',
          volume: 1500000000,
        },
        expect.anything(),
      ]);
    });
  });

  it('treats 4xx as a permanent rejection and 5xx as retryable, never showing the password', async () => {
    await withServer(400, async (url) => {
      const error = await new HttpPublisher({ url }).publish([wire]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).permanent).toBe(true);
      expect((error as Error).message).not.toContain('pw');
    });
    await withServer(503, async (url) => {
      const error = (await new HttpPublisher({ url })
        .publish([wire])
        .catch((e: unknown) => e)) as PublishError;
      expect(error.permanent).toBe(false);
    });
    const refused = (await new HttpPublisher({ url: 'http://user:pw@127.0.0.1:1/x' })
      .publish([wire])
      .catch((e: unknown) => e)) as PublishError;
    expect(refused.permanent).toBe(false);
    expect(refused.message).toContain('user:***@');
  });
});

describe('FilePublisher', () => {
  it('appends one JSON line per sample, as wire dicts or as Ceilometer sample dicts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ceilo-file-'));
    const wirePath = path.join(dir, 'sub', 'wire.jsonl');
    const samplePath = path.join(dir, 'samples.jsonl');
    await new FilePublisher({ path: wirePath }).publish([wire, wire]);
    await new FilePublisher({ path: wirePath }).publish([wire]);
    await new FilePublisher({ path: samplePath, form: 'sample' }).publish([wire]);
    const wireLines = readFileSync(wirePath, 'utf8').trimEnd().split('\n');
    expect(wireLines.map((line) => JSON.parse(line) as unknown)).toEqual([wire, wire, wire]);
    const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as Record<string, unknown>;
    expect(sample).toMatchObject({ name: 'cpu', volume: 1500000000, id: wire.message_id });
    expect(sample).not.toHaveProperty('message_signature');
  });
});
