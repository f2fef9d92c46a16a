import { createConnection } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local stand-in for Neon's WebSocket proxy: each WebSocket to /v1?address=host:port becomes a
 * TCP connection to that PostgreSQL, bytes piped both ways. It lets the real
 * @neondatabase/serverless driver run against the machine's PostgreSQL.
 */
export interface NeonProxy {
  port: number;
  close(): Promise<void>;
}

export function startNeonProxy(): Promise<NeonProxy> {
  return new Promise((resolve) => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    const sockets = new Set<WebSocket>();
    server.on('connection', (ws, request) => {
      sockets.add(ws);
      const address = new URL(request.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
      const [host, port] = address.split(':');
      const tcp = createConnection({ host: host ?? '127.0.0.1', port: Number(port) });
      tcp.on('data', (data) => ws.send(data));
      tcp.on('close', () => ws.close());
      tcp.on('error', () => ws.close());
      ws.on('message', (data) => tcp.write(data as Buffer));
      ws.on('close', () => {
        sockets.delete(ws);
        tcp.destroy();
      });
    });
    server.on('listening', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        close: () => new Promise<void>((done) => {
          for (const ws of sockets) ws.terminate();
          server.close(() => done());
        }),
      });
    });
  });
}
