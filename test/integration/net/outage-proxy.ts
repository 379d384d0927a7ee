/**
 * A loopback TCP proxy between the studio and the simulator that can take the network away: 'pass'
 * forwards, 'refuse' closes the port (connect ECONNREFUSED, like a dropped interface), 'blackhole'
 * accepts connections and never answers (like a dead Wi-Fi or a silent firewall: requests time out).
 *
 * When an outage starts, idle connections are cut at once; a connection whose request is already with
 * the simulator is cut right after its answer has gone back. The cut never splits an exchange: a submit
 * cut between the simulator accepting it and its answer arriving is an ambiguous submit (it may have
 * been charged), which is a different case with tests of its own; here the outage tests count second
 * submits, and every one of them must be the engine's doing.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'blackhole';

export interface OutageProxy {
  /** `http://127.0.0.1:PORT`: put `/v1` after it for a client's base URL. */
  url: string;
  mode(): ProxyMode;
  set(mode: ProxyMode): Promise<void>;
  /** Connections accepted in each mode (refused ones never reach the proxy). */
  accepted: Record<Exclude<ProxyMode, 'refuse'>, number>;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket | null;
  /** The client sent bytes the simulator has not answered yet. */
  awaiting: boolean;
  /** Cut once the answer has gone back (the outage began mid-exchange). */
  cutAfterAnswer: boolean;
  quiet: NodeJS.Timeout | null;
}

/** Starts a proxy to `upstream` (`http://host:port`) in 'pass' mode. */
export async function startOutageProxy(upstream: string): Promise<OutageProxy> {
  const target = new URL(upstream);
  let mode: ProxyMode = 'pass';
  let server: Server | null = null;
  let port = 0;
  const pairs = new Set<Pair>();
  const holes = new Set<Socket>();
  const accepted = { pass: 0, blackhole: 0 };

  const cut = (pair: Pair) => {
    if (pair.quiet) clearTimeout(pair.quiet);
    pair.client.destroy();
    pair.upstream?.destroy();
    pairs.delete(pair);
  };

  const onConnection = (client: Socket) => {
    client.on('error', () => {});
    if (mode === 'blackhole') {
      accepted.blackhole++;
      holes.add(client);
      client.on('data', () => {}); // swallowed: nothing reaches the simulator, nothing comes back
      client.on('close', () => holes.delete(client));
      return;
    }
    accepted.pass++;
    const pair: Pair = { client, upstream: null, awaiting: false, cutAfterAnswer: false, quiet: null };
    pairs.add(pair);
    const up = connect(Number(target.port), target.hostname);
    pair.upstream = up;
    up.on('error', () => cut(pair));
    client.on('data', (chunk: Buffer) => {
      // Once the outage has begun this is only the rest of the request already on its way (a client
      // sends the next request on a connection only after the answer, and the line dies then).
      pair.awaiting = true;
      up.write(chunk);
    });
    up.on('data', (chunk: Buffer) => {
      pair.awaiting = false;
      client.write(chunk);
      if (pair.cutAfterAnswer) {
        // The rest of this answer follows within a few ms on loopback; then the line goes dead.
        if (pair.quiet) clearTimeout(pair.quiet);
        pair.quiet = setTimeout(() => cut(pair), 40);
      }
    });
    client.on('close', () => cut(pair));
    up.on('close', () => cut(pair));
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer(onConnection);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const unlisten = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const s = server;
      server = null;
      s.close(() => resolve());
    });

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    mode: () => mode,
    accepted,
    async set(next) {
      if (next === mode) return;
      const previous = mode;
      mode = next;
      if (next !== 'pass') {
        for (const pair of pairs) {
          if (pair.awaiting) pair.cutAfterAnswer = true;
          else cut(pair);
        }
      }
      if (previous === 'blackhole') for (const hole of holes) hole.destroy();
      if (next === 'refuse') await unlisten();
      else if (!server) await listen();
    },
    async close() {
      for (const pair of pairs) cut(pair);
      for (const hole of holes) hole.destroy();
      await unlisten();
    },
  };
}
