const http = require('http');
const os = require('os');
const fs = require('fs');
const port = parseInt(process.env.PORT, 10);
const store = process.env.DATA_DIR + '/count';
http.createServer((req, res) => {
  let n = 0;
  try { n = parseInt(fs.readFileSync(store, 'utf8'), 10) || 0; } catch (e) {}
  n += 1;
  fs.writeFileSync(store, String(n));
  res.end(JSON.stringify({ service: process.env.SERVICE, user: os.userInfo().username, hits: n, pid: process.pid }) + '\n');
}).listen(port, '127.0.0.1');
