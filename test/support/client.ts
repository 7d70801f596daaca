/**
 * A small browser-like client over Fastify's inject: it keeps cookies, sends the tenant's Host
 * header, and can log in through the API or through the HTML forms (reading CSRF tokens from
 * the pages like a browser would).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { currentTotp } from '../../src/platform/auth/totp.js';
import type { TestTenant, TestUser } from './factories.js';

export type Response = LightMyRequestResponse;

const lastStepUsed = new Map<string, number>();

/**
 * A TOTP code the server has not seen yet for this user: codes are single-use per 30-second
 * step, so a second login in the same step uses the next step's code (accepted: window ±1).
 */
export function freshTotp(user: TestUser): string {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, (lastStepUsed.get(user.id) ?? -1) + 1);
  if (step > now + 1) throw new Error('freshTotp: more than two logins of one user within 30 seconds');
  lastStepUsed.set(user.id, step);
  return currentTotp(user.totpSecret!, step * 30_000 + 1000);
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;
  bearer: string | null = null;
  /** The client's IP address as the server sees it (inject's default is 127.0.0.1). */
  remoteAddress: string | undefined;

  constructor(
    readonly app: FastifyInstance,
    readonly host: string,
  ) {}

  static for(app: FastifyInstance, tenant: TestTenant): TestClient {
    return new TestClient(app, tenant.host);
  }

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: Response): void {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  async request(options: {
    method: string;
    url: string;
    json?: unknown;
    form?: Record<string, string | string[]>;
    body?: string | Buffer;
    headers?: Record<string, string>;
  }): Promise<Response> {
    const headers: Record<string, string> = { host: this.host, ...options.headers };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let payload: string | Buffer | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = JSON.stringify(options.json);
      if (this.csrfToken && options.method !== 'GET') headers['x-csrf-token'] ??= this.csrfToken;
    }
    if (options.form) {
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(options.form)) {
        for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
      }
      payload = params.toString();
    }
    const response = await this.app.inject({ method: options.method as 'GET', url: options.url, headers, payload, remoteAddress: this.remoteAddress });
    this.remember(response);
    return response;
  }

  get(url: string, headers?: Record<string, string>): Promise<Response> {
    return this.request({ method: 'GET', url, headers });
  }

  /** Posts a form, adding the CSRF token found on `fromPage` (or the last known one). */
  async postForm(url: string, form: Record<string, string | string[]>, options: { csrf?: string | null } = {}): Promise<Response> {
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    return this.request({ method: 'POST', url, form: csrf ? { _csrf: csrf, ...form } : form });
  }

  /** Loads a page and remembers the CSRF token in its first form (as a browser would submit it). */
  async getPage(url: string): Promise<Response> {
    const response = await this.get(url);
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.csrfToken = match[1];
    return response;
  }

  api(method: string, url: string, json?: unknown, headers?: Record<string, string>): Promise<Response> {
    // A DELETE has no body but still needs the session's CSRF header.
    const csrf: Record<string, string> = this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {};
    return this.request({ method, url, json: json ?? (method === 'GET' || method === 'DELETE' ? undefined : {}), headers: { ...csrf, ...headers } });
  }

  /** Logs in through the JSON API (password + current TOTP code) and keeps the CSRF token. */
  async loginApi(user: TestUser): Promise<Response> {
    const response = await this.api('POST', '/api/v1/auth/login', {
      username: user.username,
      password: user.password,
      ...(user.totpSecret ? { totp: freshTotp(user) } : {}),
    });
    if (response.statusCode === 200) this.csrfToken = response.json().csrfToken;
    return response;
  }

  /** Logs in through the HTML forms, including the second-factor page. */
  async loginForm(user: TestUser): Promise<Response> {
    await this.getPage('/login');
    let response = await this.postForm('/login', { username: user.username, password: user.password });
    if (response.statusCode === 303 && String(response.headers.location).startsWith('/login/code')) {
      await this.getPage('/login/code');
      response = await this.postForm('/login/code', { code: freshTotp(user) });
    }
    if (response.statusCode === 303) await this.getPage('/');
    return response;
  }
}
