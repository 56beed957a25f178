/** Polls `check` every 50 ms until it is true or `ms` pass; returns the last answer (bounded). */
export async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise<void>((r) => setTimeout(r, 50));
  }
  return check();
}
