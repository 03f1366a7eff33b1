/** A promise and the function that resolves it, for "tell me when it has happened" between two places. */
export function milestone(): { readonly promise: Promise<void>; readonly resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
