/**
 * The one way the application talks to the server: JSON over fetch, the session cookie sent by the
 * browser, the CSRF token on every unsafe request, and the user's language so that the server words its
 * errors in it. Failures become `ApiError` with the server's stable code; pages compare codes.
 */
import type { ErrorBody, ErrorCode } from '@openami/contract';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }
}

/** The request never reached the server, or its answer was not ours (a proxy's error page). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  /** The HTTP status of an answer that was not ours (a gateway's 502); undefined when nothing came back. */
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export interface RequestOptions {
  readonly query?: Query;
  readonly json?: unknown;
  /** A raw body (an uploaded file) and its content type. */
  readonly body?: Blob;
  readonly contentType?: string;
}

export interface UploadOptions {
  readonly contentType: string;
  readonly query?: Query;
  readonly onProgress?: (fraction: number) => void;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function withQuery(path: string, query: Query | undefined): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export class ApiClient {
  #csrfToken: string | undefined;
  #language: string;
  readonly #fetch: typeof fetch;
  /** Called when the server says the session is gone, so the application can show the sign-in page. */
  onSignedOut: () => void = () => {};

  constructor(language: string, fetcher: typeof fetch = (...args) => fetch(...args)) {
    this.#language = language;
    this.#fetch = fetcher;
  }

  set csrfToken(token: string | undefined) {
    this.#csrfToken = token;
  }

  set language(language: string) {
    this.#language = language;
  }

  async #send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { 'accept-language': this.#language };
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
      body = options.body;
    }
    if (unsafeMethods.has(method) && this.#csrfToken !== undefined) headers['x-csrf-token'] = this.#csrfToken;
    let response: Response;
    try {
      response = await this.#fetch(withQuery(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body }),
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error));
    }
    if (response.ok) return response;
    const parsed: unknown = await response.json().catch(() => undefined);
    if (!isErrorBody(parsed)) throw new NetworkError(`HTTP ${response.status}`, response.status);
    const error = new ApiError(response.status, parsed);
    if (error.code === 'UNAUTHENTICATED') this.onSignedOut();
    throw error;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.#send(method, path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, query === undefined ? {} : { query });
  }
  post<T>(path: string, json?: unknown): Promise<T> {
    return this.request<T>('POST', path, json === undefined ? {} : { json });
  }
  patch<T>(path: string, json: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { json });
  }
  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /**
   * Sends a file as the raw request body and reports how much has gone (0..1). XMLHttpRequest, because
   * fetch cannot report upload progress.
   */
  upload<T>(path: string, file: Blob, options: UploadOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', withQuery(path, options.query));
      xhr.setRequestHeader('content-type', options.contentType);
      xhr.setRequestHeader('accept-language', this.#language);
      if (this.#csrfToken !== undefined) xhr.setRequestHeader('x-csrf-token', this.#csrfToken);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
      };
      xhr.onerror = () => reject(new NetworkError('upload failed'));
      xhr.onload = () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(xhr.responseText);
        } catch {
          reject(new NetworkError(`HTTP ${xhr.status}`, xhr.status));
          return;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
        else if (isErrorBody(parsed)) {
          const error = new ApiError(xhr.status, parsed);
          if (error.code === 'UNAUTHENTICATED') this.onSignedOut();
          reject(error);
        } else reject(new NetworkError(`HTTP ${xhr.status}`, xhr.status));
      };
      xhr.send(file);
    });
  }

  /**
   * A file the server sends as an attachment (export, template), with the name it gives; `POST` for a file
   * that is made by an action (a receipt's reprint).
   */
  async download(
    path: string,
    query?: Query,
    method: 'GET' | 'POST' = 'GET',
  ): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.#send(method, path, query === undefined ? {} : { query });
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download';
    return { blob: await response.blob(), fileName };
  }
}
