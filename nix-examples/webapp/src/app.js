#!/usr/bin/env node
// A small foreground web application: listens on PORT (default 5000) and answers every request
// with its instance name (INSTANCE_NAME, default "webapp") and port. LISTEN_ADDRESS (default
// 127.0.0.1) opens it to other machines, as a proxy elsewhere in a network needs.
const http = require('http');
const port = parseInt(process.env.PORT || '5000', 10);
const name = process.env.INSTANCE_NAME || 'webapp';
const address = process.env.LISTEN_ADDRESS || '127.0.0.1';
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(`Hello from ${name} on port ${port}\n`);
}).listen(port, address, () => console.log(`${name} listening on ${address} port ${port}`));
process.on('SIGTERM', () => process.exit(0));
