import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  /** The status line and header lines, as sent. */
  head: string;
  /** Header fields by lower-cased name. */
  headers: Record<string, string>;
  body: string;
}

/** Sends a request byte for byte over a socket, so no HTTP client normalises the target first. */
export function rawRequest(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), head, headers, body: rest.join('\r\n\r\n') });
    });
  });
}

/** A GET (or another method without a body) for exactly this target. */
export function rawGet(port: number, target: string, method = 'GET'): Promise<RawResponse> {
  return rawRequest(port, `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
}
