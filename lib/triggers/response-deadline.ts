// A webhook node's responseDeadlineMs bounds how long the caller waits, counted from when the
// request arrived (body reading and auth included). The run itself is not cut short: it
// keeps going and records its result, which the status URL then reports.
export async function withinDeadline<T>(work: Promise<T>, deadlineAt: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, deadlineAt - performance.now()));
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
