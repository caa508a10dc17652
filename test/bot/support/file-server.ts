import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local stand-in for OneDrive's download links: each path answers with its file's text. */
export interface FileServer {
  /** e.g. `http://127.0.0.1:51234`. */
  url: string;
  /** Paths asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

/** Serves `files` (path → text) on 127.0.0.1, port 0; anything else is a 404. */
export async function startFileServer(files: Record<string, string>): Promise<FileServer> {
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requested.push(path);
    const text = files[path];
    if (text === undefined) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/csv' });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A file attachment as Teams posts it with a message in a personal chat. */
export function fileAttachment(name: string, downloadUrl: string) {
  return {
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    contentUrl: downloadUrl,
    name,
    content: { downloadUrl, uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C', fileType: 'csv' },
  };
}
