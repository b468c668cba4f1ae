// @vitest-environment node
import { createHash, createHmac } from "node:crypto";
import { request } from "node:http";
import Pusher from "pusher";
import PusherJs from "pusher-js";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { signChannelAuth } from "../sign-channel";
import { startEmbeddedPusherServer, type EmbeddedPusherServer } from "./index";

const APP = { appId: "hookflow-test", key: "test-key", secret: "test-secret" };
// Generous: these wait on real sockets on a shared 2-core machine, they measure nothing.
const WAIT_MS = 10_000;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(port = 0) {
  const logs: string[] = [];
  const server = await startEmbeddedPusherServer({ ...APP, port, log: (msg) => logs.push(msg) });
  cleanups.push(() => server.close());
  return { server, logs };
}

function serverSdk(server: EmbeddedPusherServer, secret = APP.secret): Pusher {
  return new Pusher({ ...APP, secret, host: server.host, port: String(server.port), useTLS: false });
}

/** A pusher-js client as the browser uses it; `channelData` makes it a presence member. */
function connectClient(server: EmbeddedPusherServer, auth: { secret?: string; channelData?: object } = {}) {
  const channelData = auth.channelData && JSON.stringify(auth.channelData);
  const client = new PusherJs(APP.key, {
    // pusher-js refuses to start without a cluster even when wsHost overrides it.
    cluster: "mt1",
    wsHost: server.host,
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) =>
        callback(null, {
          auth: signChannelAuth(APP.key, auth.secret ?? APP.secret, socketId, channelName, channelData),
          channel_data: channelData,
        }),
    },
  });
  cleanups.push(() => client.disconnect());
  return client;
}

function withTimeout<T>(promise: Promise<T>, label: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${label}`)), WAIT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

type Bindable = { bind(event: string, callback: (data: unknown) => void): unknown };

function nextEvent(target: Bindable, event: string): Promise<unknown> {
  return withTimeout(new Promise((resolve) => target.bind(event, resolve)), event);
}

async function subscribed(client: PusherJs, channelName: string) {
  const channel = client.subscribe(channelName);
  await nextEvent(channel, "pusher:subscription_succeeded");
  return channel;
}

/** Signs a REST call by hand, so each check can be broken on purpose. */
function signedUrl(
  server: EmbeddedPusherServer,
  path: string,
  body: string,
  overrides: { timestamp?: number; bodyMd5?: string; secret?: string } = {},
): string {
  const params: Record<string, string> = {
    auth_key: APP.key,
    auth_timestamp: String(overrides.timestamp ?? Math.floor(Date.now() / 1000)),
    auth_version: "1.0",
    body_md5: overrides.bodyMd5 ?? createHash("md5").update(body).digest("hex"),
  };
  const query = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("&");
  const signature = createHmac("sha256", overrides.secret ?? APP.secret)
    .update(`POST\n${path}\n${query}`)
    .digest("hex");
  return `http://${server.host}:${server.port}${path}?${query}&auth_signature=${signature}`;
}

async function postSigned(
  server: EmbeddedPusherServer,
  body: string,
  overrides: Parameters<typeof signedUrl>[3] & { path?: string } = {},
) {
  const path = overrides.path ?? `/apps/${APP.appId}/events`;
  const res = await fetch(signedUrl(server, path, body, overrides), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** A raw protocol-level socket, for what pusher-js would never send. */
async function rawSocket(server: EmbeddedPusherServer, key = APP.key) {
  const ws = new WebSocket(`ws://${server.host}:${server.port}/app/${key}?protocol=7&client=test`);
  cleanups.push(() => ws.terminate());
  const messages: { event: string; channel?: string; data: string }[] = [];
  const waiters: (() => void)[] = [];
  ws.on("message", (raw) => {
    messages.push(JSON.parse(String(raw)));
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  async function waitFor(event: string) {
    while (!messages.some((m) => m.event === event)) {
      await withTimeout(new Promise<void>((resolve) => waiters.push(resolve)), event);
    }
    return messages.find((m) => m.event === event)!;
  }
  return { ws, messages, waitFor, closed };
}

describe("embedded Pusher server with the real SDKs", { timeout: 30_000 }, () => {
  it("delivers a public-channel event from the server SDK to pusher-js", async () => {
    const { server } = await startServer();
    const client = connectClient(server);
    const channel = await subscribed(client, "public-updates");

    const received = nextEvent(channel, "ping");
    await serverSdk(server).trigger("public-updates", "ping", { n: 1 });

    expect(await received).toEqual({ n: 1 });
    expect(server.stats()).toEqual({ connections: 1, eventsReceived: 1 });
  });

  it("subscribes to a private channel with a good signature and delivers trigger and triggerBatch", async () => {
    const { server } = await startServer();
    const client = connectClient(server);
    const channel = await subscribed(client, "private-user-1");
    const sdk = serverSdk(server);

    const single = nextEvent(channel, "executionStarted");
    await sdk.trigger("private-user-1", "executionStarted", { executionId: "e1" });
    expect(await single).toEqual({ executionId: "e1" });

    const first = nextEvent(channel, "nodeExecuted");
    const second = nextEvent(channel, "executionCompleted");
    await sdk.triggerBatch([
      { channel: "private-user-1", name: "nodeExecuted", data: { nodeId: "n1" } },
      { channel: "private-user-1", name: "executionCompleted", data: { status: "SUCCESS" } },
    ]);
    expect(await first).toEqual({ nodeId: "n1" });
    expect(await second).toEqual({ status: "SUCCESS" });
  });

  it("answers a badly signed private subscription with a 401 subscription error and no events", async () => {
    const { server } = await startServer();
    const client = connectClient(server, { secret: "not-the-secret" });
    const channel = client.subscribe("private-user-2");

    const error = await nextEvent(channel, "pusher:subscription_error");
    expect(error).toMatchObject({ type: "AuthError", status: 401 });

    // The rejected socket must not be on the channel: a good client gets the event, the bad one not.
    const good = await subscribed(connectClient(server), "private-user-2");
    const seenByBad: unknown[] = [];
    channel.bind("secret-event", (data: unknown) => seenByBad.push(data));
    const seenByGood = nextEvent(good, "secret-event");
    await serverSdk(server).trigger("private-user-2", "secret-event", { leaked: false });
    await seenByGood;
    expect(seenByBad).toEqual([]);
  });

  it("does not echo an event to the socket_id given by the publisher", async () => {
    const { server } = await startServer();
    const sender = connectClient(server);
    const senderChannel = await subscribed(sender, "room");
    const other = await subscribed(connectClient(server), "room");
    const senderSaw: unknown[] = [];
    senderChannel.bind("said", (data: unknown) => senderSaw.push(data));

    const otherGot = nextEvent(other, "said");
    await serverSdk(server).trigger("room", "said", { by: "sender" }, { socket_id: sender.connection.socket_id });
    expect(await otherGot).toEqual({ by: "sender" });

    // Same socket, same order: once the follow-up arrives, the excluded event would have too.
    const followUp = nextEvent(senderChannel, "said-again");
    await serverSdk(server).trigger("room", "said-again", {});
    await followUp;
    expect(senderSaw).toEqual([]);
  });

  it("tracks presence members per user", async () => {
    const { server } = await startServer();
    const member = (userId: string) => ({ channelData: { user_id: userId, user_info: { name: userId } } });
    const alice = connectClient(server, member("alice"));
    const bob = connectClient(server, member("bob"));

    const aliceChannel = alice.subscribe("presence-room");
    await nextEvent(aliceChannel, "pusher:subscription_succeeded");
    const bobJoined = nextEvent(aliceChannel, "pusher:member_added");
    const bobChannel = bob.subscribe("presence-room");
    const bobMembers = (await nextEvent(bobChannel, "pusher:subscription_succeeded")) as { count: number };

    expect(bobMembers.count).toBe(2);
    expect(await bobJoined).toMatchObject({ id: "bob", info: { name: "bob" } });
  });

  it("rejects REST calls with a wrong secret, a stale timestamp or a wrong body_md5", async () => {
    const { server } = await startServer();
    const body = JSON.stringify({ name: "e", data: "{}", channels: ["c"] });

    // Positive control: the hand-signing below is right, so each 401 is the check under test.
    expect(await postSigned(server, body)).toEqual({ status: 200, text: "{}" });

    await expect(serverSdk(server, "wrong-secret").trigger("c", "e", {})).rejects.toMatchObject({ status: 401 });
    expect((await postSigned(server, body, { secret: "wrong-secret" })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 601;
    expect(await postSigned(server, body, { timestamp: stale })).toMatchObject({
      status: 401,
      text: expect.stringMatching(/timestamp/i),
    });
    expect((await postSigned(server, body, { bodyMd5: createHash("md5").update("other").digest("hex") })).status).toBe(
      401,
    );
    expect(server.stats().eventsReceived).toBe(1);
  });

  it("maps other bad REST calls to Pusher's status codes", async () => {
    const { server } = await startServer();
    const event = (extra: object) => JSON.stringify({ name: "e", data: "{}", channels: ["c"], ...extra });

    expect((await postSigned(server, event({}), { path: "/apps/other-app/events" })).status).toBe(404);
    expect((await postSigned(server, "{not json")).status).toBe(400);
    expect((await postSigned(server, JSON.stringify({ name: "e", data: { not: "a string" }, channel: "c" }))).status).toBe(
      400,
    );
    const manyChannels = Array.from({ length: 101 }, (_, i) => `c${i}`);
    expect((await postSigned(server, event({ channels: manyChannels }))).status).toBe(413);
    expect((await postSigned(server, event({ data: "x".repeat(10 * 1024 + 1) }))).status).toBe(413);
    const batch = JSON.stringify({ batch: Array.from({ length: 11 }, () => ({ name: "e", data: "{}", channel: "c" })) });
    expect((await postSigned(server, batch, { path: `/apps/${APP.appId}/batch_events` })).status).toBe(413);
    expect(server.stats().eventsReceived).toBe(0);

    const health = await fetch(`http://${server.host}:${server.port}/health`);
    expect([health.status, await health.text()]).toEqual([200, "ok"]);
  });

  it("refuses an unknown app key with pusher:error 4001 and closes the socket", async () => {
    const { server } = await startServer();
    const raw = await rawSocket(server, "wrong-key");

    const error = await raw.waitFor("pusher:error");
    expect(JSON.parse(error.data)).toMatchObject({ code: 4001 });
    expect(await withTimeout(raw.closed, "close")).toBe(4001);
  });

  it("survives garbage frames and keeps serving the same and other sockets", async () => {
    const { server, logs } = await startServer();
    const raw = await rawSocket(server);
    const established = await raw.waitFor("pusher:connection_established");
    expect(JSON.parse(established.data)).toMatchObject({ socket_id: expect.stringMatching(/^\d+\.\d+$/), activity_timeout: 120 });

    for (const frame of ["not json", "null", "[]", '{"event":42}', '{"event":"pusher:subscribe","data":"garbage"}', '{"event":"no-such-event"}']) {
      raw.ws.send(frame);
    }
    raw.ws.send(Buffer.from([0xff, 0x00, 0xfe]), { binary: true });
    raw.ws.send(JSON.stringify({ event: "pusher:ping", data: {} }));
    await raw.waitFor("pusher:pong");
    expect(logs.some((line) => line.includes("unparseable"))).toBe(true);

    raw.ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "after-garbage" } }));
    await raw.waitFor("pusher_internal:subscription_succeeded");
    const client = connectClient(server);
    const channel = await subscribed(client, "after-garbage");
    const received = nextEvent(channel, "still-alive");
    await serverSdk(server).trigger("after-garbage", "still-alive", { ok: true });

    expect(await received).toEqual({ ok: true });
    expect(JSON.parse((await raw.waitFor("still-alive")).data)).toEqual({ ok: true });
  });

  it("closes promptly and starts again on the same port, where a live client reconnects", async () => {
    const { server: first } = await startServer();
    const port = first.port;
    const client = connectClient(first);
    const channel = await subscribed(client, "private-user-3");
    // A publisher stalled mid-body must not hold close() open.
    const stalled = request(`http://${first.host}:${port}/apps/${APP.appId}/events`, { method: "POST" });
    stalled.on("error", () => {});
    stalled.write('{"name":');
    await withTimeout(new Promise((resolve) => stalled.on("socket", (s) => s.on("connect", resolve))), "connect");

    // pusher-js reconnects on its own and re-authorizes the private channel with its new socket id.
    const resubscribed = nextEvent(channel, "pusher:subscription_succeeded");
    await withTimeout(first.close(), "close()");
    const { server: second } = await startServer(port);
    expect(second.port).toBe(port);
    await resubscribed;
    const received = nextEvent(channel, "after-restart");
    await serverSdk(second).trigger("private-user-3", "after-restart", { restarted: true });
    expect(await received).toEqual({ restarted: true });
  });
});
