// A small BYOC middleware for trying the outreach example against a real
// server: CXone (here: studio-script run --allow-network) posts each outbound
// message to /channels/{channelId}/outbound; this one prints it and plays
// the customer, announcing the reply in its answer (docs/digital.md). Stop it
// with Ctrl-C. Usage: node scripts-examples/outreach/middleware.mjs [port]
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 8787);

/** What the customers answer: Ada says yes an hour later, then picks Friday the next day. */
function repliesTo(to, text) {
  if (to === '+13035550101' && text.includes('Reply YES')) return [{ afterSeconds: 3600, text: 'YES' }];
  if (to === '+13035550101' && text.includes('Which day')) return [{ afterSeconds: 86400, text: 'Friday' }];
  return [];
}

createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const match = /^\/channels\/([^/]+)\/outbound$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    let message;
    try {
      message = JSON.parse(body);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"not JSON"}');
      return;
    }
    const to = message.thread?.idOnExternalPlatform ?? '';
    const text = message.messageContent?.payload?.text ?? '';
    const replies = repliesTo(to, text);
    process.stdout.write(`${decodeURIComponent(match[1])} → ${to}: ${text}${replies.length ? `  (will answer "${replies.map((r) => r.text).join('", "')}")` : ''}\n`);
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ idOnExternalPlatform: `msg-${Date.now()}`, replies }));
  });
}).listen(port, '127.0.0.1', () => process.stdout.write(`BYOC middleware listening on http://localhost:${port}\n`));
