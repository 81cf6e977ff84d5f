import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { attachRealtime, getIo } from '@/lib/realtime/attach-realtime';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('realtime path', () => {
  it('greets every socket.io-client connection with hello', async () => {
    const http = createServer();
    const server = attachRealtime(http, '9.9.9');
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const addr = http.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    let client: Socket | undefined;
    cleanup = async () => {
      client?.close();
      await server.close();
    };
    expect(getIo()).toBe(server);
    client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, timeout: 5000 });
    const hello = await new Promise<unknown>((resolve, reject) => {
      client?.on('hello', resolve);
      client?.on('connect_error', reject);
    });
    expect(hello).toMatchObject({ server: 'tandem', version: '9.9.9' });
  });
});
