import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { SecureVersion, TLSSocket } from 'node:tls';
import bcrypt from 'bcryptjs';

/** exporter-toolkit's client_auth_type values, with Go's crypto/tls meanings. */
export const CLIENT_AUTH_TYPES = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
] as const;
export type ClientAuthType = (typeof CLIENT_AUTH_TYPES)[number];

/**
 * Who may talk to the exporter's HTTP endpoint, and over what: the web configuration file
 * (exporter-toolkit's web-config.yml format, plus a bearer token).
 */
export interface WebSecurity {
  tls?: {
    cert: string;
    key: string;
    clientCa?: string | undefined;
    clientAuth: ClientAuthType;
    minVersion?: SecureVersion | undefined;
    maxVersion?: SecureVersion | undefined;
  };
  /** User name → bcrypt hash of the password. */
  basicAuthUsers?: ReadonlyMap<string, string>;
  bearerToken?: string | undefined;
}

const REALM = 'powervm-exporter';

/**
 * The HTTP(S) server for `listener`, answering 401 (with WWW-Authenticate) to requests without valid
 * credentials. Every path is protected, the probes included, as exporter-toolkit does: a
 * half-protected endpoint is one more thing to reason about, and a probe can send a header.
 */
export function createWebServer(security: WebSecurity | undefined, listener: RequestListener): Server {
  const guarded = guard(security, listener);
  const tls = security?.tls;
  if (!tls) return createHttpServer(guarded);
  const server = createHttpsServer(
    {
      cert: tls.cert,
      key: tls.key,
      ca: tls.clientCa,
      minVersion: tls.minVersion,
      maxVersion: tls.maxVersion,
      requestCert: tls.clientAuth !== 'NoClientCert',
      rejectUnauthorized: tls.clientAuth === 'RequireAndVerifyClientCert',
    },
    guarded,
  );
  // Node's handshake either verifies a client certificate and requires it, or does neither; the
  // two modes in between are checked once the handshake is done, before any request is read.
  server.on('secureConnection', (socket: TLSSocket) => {
    const given = Object.keys(socket.getPeerCertificate()).length > 0;
    if (tls.clientAuth === 'RequireAnyClientCert' && !given) socket.destroy();
    if (tls.clientAuth === 'VerifyClientCertIfGiven' && given && !socket.authorized) socket.destroy();
  });
  return server;
}

function guard(security: WebSecurity | undefined, listener: RequestListener): RequestListener {
  const users = security?.basicAuthUsers;
  const token = security?.bearerToken;
  if (!users?.size && token === undefined) return listener;
  const basic = users?.size ? new BasicAuth(users) : undefined;
  const challenges = [
    ...(basic ? [`Basic realm="${REALM}", charset="UTF-8"`] : []),
    ...(token !== undefined ? [`Bearer realm="${REALM}"`] : []),
  ];
  return (request, response) => {
    authorized(request, basic, token).then(
      (ok) => {
        if (ok) return listener(request, response);
        const body = 'Unauthorized\n';
        response
          .writeHead(401, {
            'Content-Type': 'text/plain; charset=utf-8',
            'Content-Length': Buffer.byteLength(body),
            'WWW-Authenticate': challenges,
          })
          .end(body);
      },
      () => response.writeHead(500).end(),
    );
  };
}

async function authorized(
  request: IncomingMessage,
  basic: BasicAuth | undefined,
  token: string | undefined,
): Promise<boolean> {
  const [scheme, value = ''] = (request.headers.authorization ?? '').split(/\s+/, 2);
  switch (scheme?.toLowerCase()) {
    case 'basic':
      return basic !== undefined && basic.check(Buffer.from(value, 'base64').toString('utf8'));
    case 'bearer':
      return token !== undefined && sameSecret(value, token);
    default:
      return false;
  }
}

/** Compares digests, so neither the length nor the content of the secret shows in the timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * HTTP basic authentication against bcrypt hashes. bcrypt costs tens of milliseconds on purpose, and
 * Prometheus sends the same credentials every scrape, so verified pairs are remembered (by a digest,
 * never in clear), as exporter-toolkit does.
 */
class BasicAuth {
  static readonly #REMEMBERED = 64;
  readonly #verified = new Set<string>();
  /** Compared against for unknown users, so a wrong user name costs as long as a wrong password. */
  readonly #decoy = bcrypt.hashSync('decoy', 10);

  constructor(private readonly users: ReadonlyMap<string, string>) {}

  async check(credentials: string): Promise<boolean> {
    const colon = credentials.indexOf(':');
    if (colon < 0) return false;
    const user = credentials.slice(0, colon);
    const password = credentials.slice(colon + 1);
    const hash = this.users.get(user);
    const key = createHash('sha256')
      .update(`${user}\0${password}\0${hash ?? ''}`)
      .digest('base64');
    if (hash !== undefined && this.#verified.has(key)) return true;
    const ok = (await bcrypt.compare(password, hash ?? this.#decoy)) && hash !== undefined;
    if (ok) {
      if (this.#verified.size >= BasicAuth.#REMEMBERED) this.#verified.clear();
      this.#verified.add(key);
    }
    return ok;
  }
}
