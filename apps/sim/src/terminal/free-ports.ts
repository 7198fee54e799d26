// Where to put a simulated serial server in TCP-server mode, whose port N listens at base + N − 1: a base
// with `count` free ports after it, probed by listening, below Linux's ephemeral range (32768 and up) where
// outgoing connections take their ports. Tests running side by side and the demo use it.
import { createServer, type Server } from 'node:net';

export async function freeBasePort(count: number, host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const servers: Server[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const server = createServer();
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(base + i, host, () => resolve());
        });
        servers.push(server);
      }
      return base;
    } catch {
      // Taken: try another range.
    } finally {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    }
  }
  throw new Error(`no ${count} free ports in a row`);
}
