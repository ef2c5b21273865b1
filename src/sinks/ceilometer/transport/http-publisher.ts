import { redactText, redactUrl, urlSecrets } from './redact.js';
import { asSampleDict } from './sample-dict.js';
import { PublishError, type SamplePublisher, type WireSample } from './types.js';
import { chunks } from './notification.js';

export interface HttpPublisherOptions {
  /** `http(s)://[user:pass@]host:port/path`; userinfo becomes Basic auth and never appears in errors. */
  url: string;
  /** Samples per POST. Default 50 (one polling batch, as Ceilometer posts one list per notification). */
  batchSize?: number;
  timeoutMs?: number;
  headers?: Readonly<Record<string, string>>;
}

/**
 * POSTs batches in the body format of Ceilometer's `http://` publisher: a JSON list of
 * `Sample.as_dict()` objects (unsigned), `Content-Type: application/json`. 2xx is success; 4xx
 * other than 408/429 is a permanent rejection (dropped and counted); anything else is retried.
 */
export class HttpPublisher implements SamplePublisher {
  readonly name = 'http';
  readonly #url: string;
  readonly #safeUrl: string;
  readonly #secrets: string[];
  readonly #headers: Record<string, string>;
  readonly #batchSize: number;
  readonly #timeoutMs: number;

  constructor(options: HttpPublisherOptions) {
    const url = new URL(options.url);
    this.#secrets = urlSecrets(options.url);
    this.#safeUrl = redactUrl(options.url);
    this.#headers = { 'content-type': 'application/json', ...options.headers };
    if (url.username || url.password) {
      const user = decodeURIComponent(url.username);
      const pass = decodeURIComponent(url.password);
      this.#headers['authorization'] = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
      url.username = '';
      url.password = '';
    }
    this.#url = url.toString();
    this.#batchSize = options.batchSize ?? 50;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
  }

  async publish(samples: readonly WireSample[]): Promise<void> {
    for (const batch of chunks(samples, this.#batchSize)) {
      let response: Response;
      try {
        response = await fetch(this.#url, {
          method: 'POST',
          headers: this.#headers,
          body: JSON.stringify(batch.map(asSampleDict)),
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
        await response.arrayBuffer();
      } catch (error) {
        const text = error instanceof Error ? `${error.message}${causeText(error)}` : String(error);
        throw new PublishError(`POST ${this.#safeUrl} failed: ${redactText(text, this.#secrets)}`);
      }
      if (!response.ok) {
        const permanent =
          response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
        throw new PublishError(`POST ${this.#safeUrl} answered ${response.status}`, { permanent });
      }
    }
  }

  async close(): Promise<void> {}
}

function causeText(error: Error): string {
  return error.cause instanceof Error ? ` (${error.cause.message})` : '';
}
