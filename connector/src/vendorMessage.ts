// Pulls a human message out of any of the error body shapes the three vendors use (see VENDOR-NOTES.md):
// {message}, {message: [..]}, {error: "…"}, {statusCode, error, message}, {success:false, error:{code,message}},
// {error:{code,message,details}}, {errors:[…]}, or a plain-text body.

const MAX_MESSAGE = 300;

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A message-like string from a value that may be a string, a {message} object or a list of them. */
function textOf(value: Json): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(textOf);
  if (isRecord(value)) {
    const field = typeof value.field === 'string' ? value.field : typeof value.path === 'string' ? value.path : '';
    const message = textOf(value.message ?? value.msg ?? value.detail ?? value.description);
    if (message.length > 0) return message.map((m) => (field && !m.includes(field) ? `${field}: ${m}` : m));
    // {fieldName: "message"} or {fieldName: ["message"]}
    return Object.entries(value).flatMap(([key, inner]) => textOf(inner).map((m) => `${key}: ${m}`));
  }
  return [];
}

export interface ExtractedMessage {
  message?: string;
  fieldErrors: string[];
}

/** The vendor's message and per-field messages from a parsed JSON error body. */
export function extractVendorMessage(body: Json): ExtractedMessage {
  if (typeof body === 'string') return { message: clip(body), fieldErrors: [] };
  if (!isRecord(body)) return { fieldErrors: [] };

  const fieldErrors: string[] = [];
  const nestedError = isRecord(body.error) ? body.error : undefined;
  const details = nestedError?.details ?? body.errors ?? body.details;
  if (details !== undefined) fieldErrors.push(...textOf(details));
  // NestJS-style {message: ["displayName should not be empty", …]}
  if (Array.isArray(body.message)) fieldErrors.push(...textOf(body.message));

  const candidates: Json[] = [
    typeof body.message === 'string' ? body.message : undefined,
    nestedError?.message,
    typeof body.error === 'string' ? body.error : undefined,
    body.detail,
    body.msg,
  ];
  const first = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  const message = first ?? (fieldErrors.length > 0 ? fieldErrors.join('; ') : undefined);
  return { message: message === undefined ? undefined : clip(message), fieldErrors: fieldErrors.map(clip) };
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.max(1, Math.ceil(Number(trimmed)));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(1, Math.ceil((date - now) / 1000));
}
