// A stack is shown to the user for their own code (a code node's sandbox frames), never the
// server's: frames that name an absolute file path or Node internals would leak how and where
// Hookflow runs. What is left of a server-only stack is usually nothing, and then none is shown.
const SERVER_FRAME = /(?:\(|\s)(?:file:\/\/)?(?:\/|[A-Za-z]:\\)[^\s)]*|node:internal|node_modules/;

export function visibleStack(stack: string | undefined | null): string | null {
  if (!stack) return null;
  const lines = stack.split("\n");
  const kept = lines.filter((line, i) => i === 0 || !(/^\s*at\s/.test(line) && SERVER_FRAME.test(line)));
  const frames = kept.slice(1).filter((line) => line.trim() !== "");
  return frames.length === 0 ? null : kept.join("\n");
}
