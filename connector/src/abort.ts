// Waiting on work that a signal may interrupt: the caller stops waiting at once (with its own error), while the work
// itself goes on unobserved — a request in flight is not cancelled, its answer is ignored. Used by the rotation
// workflow (its `signal` option) and by the `keyring` command (SIGINT / SIGTERM).

/** Settles as `work` does, or rejects with `interrupted()` as soon as `signal` is aborted (at once if it already is). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, interrupted: () => Error): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(interrupted());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
