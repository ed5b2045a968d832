/**
 * The baseline of bench/realtime.ts: a bare `ws` relay in its own process. Visitors send
 * `{"id":…,"conversation":…}`; the relay forwards it to every teammate socket (`/?role=teammate`),
 * as Frontdesk forwards a visitor's message to every Inbox following the workspace. No database.
 * Prints its port on stdout.
 */
import { WebSocketServer, type WebSocket } from 'ws';

const teammates = new Set<WebSocket>();
const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
server.on('connection', (socket, request) => {
  if (request.url?.includes('role=teammate')) {
    teammates.add(socket);
    socket.on('close', () => teammates.delete(socket));
    return;
  }
  socket.on('message', (data) => {
    const text = String(data);
    for (const teammate of teammates) teammate.send(text);
  });
});
server.on('listening', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
