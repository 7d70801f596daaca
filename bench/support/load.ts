/**
 * HTTP load with autocannon. Runs are by request count, not by time, so every request sent is
 * answered and counted (a timed run abandons the requests in flight at the end, which the
 * server still processes), and latency percentiles are exact: autocannon's own summary skips
 * p95, so every response time (high-resolution, in ms) is collected and sorted here.
 */
import autocannon from 'autocannon';

export interface Request {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Per-connection headers/body (connection i uses entry i mod length), e.g. one session each. */
  perConnection?: Array<{ headers?: Record<string, string>; body?: string }>;
}

export interface LoadResult {
  requests: number;
  /** Answered requests per second of wall time, from the start to the last answer. */
  perSecond: number;
  /** Wall time of the run. */
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers outside 2xx, connection errors and timeouts: all must be 0 for a valid run. */
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
}

/** The value below which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank];
}

/** Seconds without a single answer after which a run is abandoned as failed. */
const STALL_SECONDS = 30;

interface AutocannonClient {
  setHeaders(headers: Record<string, string>): void;
  setBody(body: string): void;
}

/** Sends `amount` requests over `connections` keep-alive connections, as fast as the server answers. */
export async function runLoad(request: Request, connections: number, amount: number): Promise<LoadResult> {
  const times: number[] = [];
  let nextConnection = 0;
  const perConnection = request.perConnection;
  const instance = autocannon({
    url: request.url,
    connections,
    amount: Math.max(amount, connections),
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body,
    timeout: 30,
    setupClient: perConnection
      ? (client: AutocannonClient) => {
          const own = perConnection[nextConnection++ % perConnection.length];
          client.setHeaders({ ...request.headers, ...own.headers });
          if (own.body !== undefined) client.setBody(own.body);
        }
      : undefined,
  });
  let lastAnswer = performance.now();
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    lastAnswer = performance.now();
  });
  // A server that stops answering must fail the benchmark, not hang it.
  let stalled = false;
  const watchdog = setInterval(() => {
    if (performance.now() - lastAnswer > STALL_SECONDS * 1000) {
      stalled = true;
      instance.stop();
    }
  }, 1000);
  const started = performance.now();
  const result = await instance.then((value) => value, (error: unknown) => {
    clearInterval(watchdog);
    throw error;
  });
  clearInterval(watchdog);
  if (stalled) throw new Error(`no answer from ${request.url} for ${STALL_SECONDS} s (after ${times.length} answers)`);
  // Up to the last answer: autocannon notices it is done only at its next one-second tick.
  const seconds = (lastAnswer - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    perSecond: times.length / seconds,
    seconds,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
  };
}

/** Throws unless every answer was 2xx with no errors: a figure from a failing run would be meaningless. */
export function assertClean(label: string, result: LoadResult): void {
  if (result.non2xx > 0 || result.errors > 0 || result.requests === 0) {
    throw new Error(`${label}: ${result.requests} answers, ${result.non2xx} not 2xx (${JSON.stringify(result.statuses)}), ${result.errors} errors/timeouts`);
  }
}

export interface Measured {
  result: LoadResult;
  /** Every request answered, warm-up included (e.g. to compare with audit rows). */
  totalRequests: number;
}

/**
 * Warms up for about `warmupSeconds`, then measures about `loadSeconds`: a short probe gives
 * the rate, from which the request counts of the warm-up and the measured run are chosen.
 */
export async function measure(
  label: string,
  request: Request,
  connections: number,
  seconds: { warmup: number; load: number },
  /** Called just before the measured run (e.g. to read a process's CPU time). */
  beforeMeasuredRun?: () => void,
): Promise<Measured> {
  // The probe grows until it runs half a second: a short run is mostly connection set-up and
  // would understate the rate of a fast endpoint by a factor of five or more.
  let amount = connections * 10;
  let probe: LoadResult;
  let probes = 0;
  for (;;) {
    probe = await runLoad(request, connections, amount);
    assertClean(`${label} (probe)`, probe);
    probes += probe.requests;
    if (probe.seconds >= 0.5 || amount >= 1_000_000) break;
    amount *= 4;
  }
  const warm = await runLoad(request, connections, Math.round(probe.perSecond * seconds.warmup));
  assertClean(`${label} (warm-up)`, warm);
  beforeMeasuredRun?.();
  const result = await runLoad(request, connections, Math.round(warm.perSecond * seconds.load));
  assertClean(label, result);
  return { result, totalRequests: probes + warm.requests + result.requests };
}
