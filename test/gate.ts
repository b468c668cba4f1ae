import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A loopback HTTP target that holds every request until the test opens it. A run whose
// httpRequest node calls it stays RUNNING for exactly as long as the test needs: a state, where a
// wait node gives a duration that a loaded machine may outlast before the test looks. (The server
// must allow private network targets: HOOKFLOW_ALLOW_PRIVATE_NETWORK=true.)
export type Gate = {
  url: string;
  /** Resolves when the first request is being held (the run reached the gated node). */
  reached: Promise<void>;
  /** Answers every held request, and every later one at once. */
  open: () => void;
  close: () => Promise<void>;
};

export async function startGate(): Promise<Gate> {
  const held: ServerResponse[] = [];
  let opened = false;
  let markReached: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (markReached = resolve));
  const answer = (res: ServerResponse) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ released: true }));
  const server = createServer((req, res) => {
    req.resume();
    markReached();
    if (opened) answer(res);
    else held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/gate`,
    reached,
    open: () => {
      opened = true;
      held.splice(0).forEach(answer);
    },
    close: () => {
      opened = true;
      held.splice(0).forEach(answer);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
