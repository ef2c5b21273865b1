/** The two calls of Prometheus' HTTP API a static dashboard rendering makes. */

export interface Series {
  metric: Record<string, string>;
  /** [unix seconds, value as text] */
  values: [number, string][];
}

export interface PrometheusApi {
  labelValues(label: string, selector?: string): Promise<string[]>;
  range(expr: string, start: number, end: number, stepSeconds: number): Promise<Series[]>;
}

export function prometheusApi(url: string): PrometheusApi {
  async function get<T>(path: string, params: Record<string, string>): Promise<T> {
    const response = await fetch(`${url}${path}?${new URLSearchParams(params)}`);
    const body = (await response.json()) as { status: string; error?: string; data: T };
    if (body.status !== 'success') {
      throw new Error(`${path} ${JSON.stringify(params)}: ${body.error ?? response.statusText}`);
    }
    return body.data;
  }
  return {
    labelValues: (label, selector) =>
      get<string[]>(
        `/api/v1/label/${encodeURIComponent(label)}/values`,
        selector ? { 'match[]': selector } : {},
      ),
    range: async (expr, start, end, step) =>
      (
        await get<{ result: Series[] }>('/api/v1/query_range', {
          query: expr,
          start: String(start),
          end: String(end),
          step: String(step),
        })
      ).result,
  };
}
