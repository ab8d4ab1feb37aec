import net from 'node:net';

export interface FakeSmtpServer {
  port: number;
  /** The messages received (the DATA of each). */
  received: string[];
  /** Resolves once `count` clients have connected in all. */
  connected(count?: number): Promise<void>;
  /** Greets the clients held so far and every later one (for a server started with `hold`). */
  release(): void;
  close(): Promise<void>;
}

/**
 * A minimal SMTP server that accepts everything and keeps what it received. With `hold` it accepts
 * connections but stays silent until `release()`: a mail server that does not answer yet.
 */
export function fakeSmtpServer(opts: { hold?: boolean } = {}): Promise<FakeSmtpServer> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  let held = Boolean(opts.hold);
  const waiting: net.Socket[] = [];
  let connections = 0;
  const watchers: { count: number; resolve: () => void }[] = [];
  const greet = (socket: net.Socket) => socket.write('220 fake.example ESMTP\r\n');

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let data = '';
    if (held) waiting.push(socket);
    else greet(socket);
    connections += 1;
    for (const w of watchers.filter((x) => connections >= x.count)) w.resolve();
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(data);
            data = '';
            socket.write('250 2.0.0 queued\r\n');
          } else data += `${line}\r\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake.example\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO') socket.write('250 fake.example\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        received,
        connected: (count = 1) =>
          connections >= count ? Promise.resolve() : new Promise((r) => watchers.push({ count, resolve: r })),
        release() {
          held = false;
          for (const socket of waiting.splice(0)) greet(socket);
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}
