import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function listen(app: Express, port: number, host = '0.0.0.0'): Promise<RunningServer> {
  let closing = false;
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) return reject(error);
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        // Requests in flight finish before the caller closes the database behind them; idle keep-alive
        // connections go at once, and anything still open after the grace period is cut.
        close: () =>
          new Promise<void>((done) => {
            closing = true;
            const force = setTimeout(() => server.closeAllConnections(), 5000);
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
    server.on('error', reject);
    // Once closing, every answer closes its connection: under constant load a keep-alive connection is never idle,
    // so it would be cut when the grace period runs out, whatever it was doing.
    server.prependListener('request', (_req, res) => {
      if (closing && !res.headersSent) res.setHeader('connection', 'close');
    });
  });
}
