// Reads a Zapier error the way a Zap builder sees it: core's AppError and ThrottledError carry JSON in their message.

export interface ZapierErrorShape {
  name: string;
  message: string;
  code?: string;
  status?: number;
  delay?: number;
}

/** Awaits a promise that must reject with a Zapier error, and returns its readable parts. */
export async function zapierError(promise: Promise<unknown>): Promise<ZapierErrorShape> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof Error)) throw new Error(`expected a rejection, got ${caught === undefined ? 'a result' : String(caught)}`);
  if (caught.name === 'AppError' || caught.name === 'ThrottledError') {
    const parsed = JSON.parse(caught.message) as { message: string; code?: string; status?: number; delay?: number };
    return { name: caught.name, ...parsed };
  }
  // core appends "What happened: …" (the bundle and steps) to errors it contextifies; keep the user's message.
  return { name: caught.name, message: caught.message.split('\nWhat happened:')[0] };
}
