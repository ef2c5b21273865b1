const CENSOR = '***';

/** The URL with its password replaced, for logs and error messages. Unparseable input is cut to its scheme. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = CENSOR;
    return parsed.toString();
  } catch {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
    return `${scheme}<unparseable URL>`;
  }
}

/** The password of a URL, raw and percent-decoded (both may appear in messages); empty when none. */
export function urlSecrets(url: string): string[] {
  try {
    const { password } = new URL(url);
    if (!password) return [];
    const decoded = safeDecode(password);
    return decoded === password ? [password] : [password, decoded];
  } catch {
    // A URL we cannot parse: hide whatever sits between "user:" and "@".
    const match = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@/]+)@/i.exec(url);
    return match?.[1] ? [match[1]] : [];
  }
}

/** `text` with every occurrence of the secrets replaced. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join(CENSOR);
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
