// Runs a tracker built on the reference JavaScript tracker's Server class (npm package
// bittorrent-tracker, or a fork of it with the same server such as @peertube/bittorrent-tracker-server)
// on loopback for bt-tracker's interoperability tests: HTTP, UDP and WebSocket announces plus
// /stats.json and /swarm.json, all on one port number.
//
// Each package directory has a server.mjs that imports its own package's Server class (imports
// resolve from the importing file's node_modules) and hands it to serve() here.
//
// Usage: node server.mjs --port N [--host 127.0.0.1] [--host6 ::1] [--interval SECONDS]
// Each option falls back to an environment variable (JS_TRACKER_PORT, JS_TRACKER_HOST,
// JS_TRACKER_HOST6, JS_TRACKER_INTERVAL), then to the default shown above (interval: 600).
// The port is required: given 0, the library would bind HTTP, udp4 and udp6 to three different
// ports, and the caller could not learn the UDP ones.
// Once every socket is bound it prints exactly one line, "listening <port>", on stdout.
import http from 'node:http'
import process from 'node:process'
import { parseArgs } from 'node:util'

/** How long a SIGTERM may take to close the sockets before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 2000

/** The path of the swarm listing this script adds; everything else goes to the library. */
const SWARM_PATH = '/swarm.json'

/**
 * Starts the tracker and returns at once; the process then runs until SIGTERM or SIGINT.
 *
 * @param Server the package's tracker server class
 */
export function serve (Server) {
  const args = parseOptions()

  const port = toPort(args.port ?? process.env.JS_TRACKER_PORT)
  const host = args.host ?? process.env.JS_TRACKER_HOST ?? '127.0.0.1'
  const host6 = args.host6 ?? process.env.JS_TRACKER_HOST6 ?? '::1'
  const intervalSeconds = toPositive('interval', args.interval ?? process.env.JS_TRACKER_INTERVAL ?? '600')

  const server = new Server({
    http: true,
    udp: true,
    ws: true,
    stats: true,
    // announces must be keyed by the socket's real address, never by a header the client chose
    trustProxy: false,
    interval: intervalSeconds * 1000
  })

  addSwarmListing(server)

  // The library binds its one HTTP server to a single host, so IPv6 HTTP gets a second listener on
  // host6 that hands every request and upgrade to the library's own server: same handlers, same
  // swarms, and the peer's address is still read from the accepted socket.
  const http6 = http.createServer()
  http6.on('request', (req, res) => server.http.emit('request', req, res))
  http6.on('upgrade', (req, socket, head) => server.http.emit('upgrade', req, socket, head))

  server.on('error', fail)
  http6.on('error', fail)
  // warnings are bad requests from clients; the server keeps running, the test log shows them
  server.on('warning', err => console.error(`warning: ${err.message}`))

  server.on('listening', () => {
    const bound = server.http.address().port
    http6.listen(bound, host6, () => {
      // udp4 and udp6 were given the same port, so one number describes every socket
      console.log(`listening ${bound}`)
    })
  })

  // HTTP on host, UDP on host (udp4) and host6 (udp6); no socket is bound to a wildcard address
  server.listen(port, { http: host, udp: host, udp6: host6 })

  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => shutDown(signal, server, http6))
  }
}

/**
 * GET /swarm.json?info_hash=<40 hex digits> answers with the library's own record of that swarm:
 * {"complete": n, "incomplete": n, "peers": [{"type", "peerId" (hex), "ip", "port", "complete"}]},
 * or 404 when the tracker has no such swarm. The library's stats handler answers every other path
 * too, so its request listeners only see what is not this path.
 */
function addSwarmListing (server) {
  const library = server.http.listeners('request')
  server.http.removeAllListeners('request')
  server.http.on('request', (req, res) => {
    const url = new URL(req.url, 'http://tracker')
    if (req.method === 'GET' && url.pathname === SWARM_PATH) {
      listSwarm(server, url.searchParams.get('info_hash'), res)
    } else {
      library.forEach(listener => listener.call(server.http, req, res))
    }
  })
}

function listSwarm (server, infoHash, res) {
  const swarm = infoHash && server.torrents[infoHash.toLowerCase()]
  if (!swarm) {
    res.writeHead(404, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ error: `no swarm ${infoHash}` }))
    return
  }
  const peers = swarm.peers.keys
    // peek, as the stats do: it does not make the peer the most recently used one
    .map(key => swarm.peers.peek(key))
    .filter(peer => peer != null)
    .map(peer => ({ type: peer.type, peerId: peer.peerId, ip: peer.ip, port: peer.port, complete: peer.complete }))
  res.writeHead(200, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify({ complete: swarm.complete, incomplete: swarm.incomplete, peers }))
}

function shutDown (signal, server, http6) {
  console.error(`${signal}: closing`)
  // open WebSocket and keep-alive connections would otherwise hold the HTTP servers open
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref()
  server.http.closeAllConnections()
  http6.closeAllConnections()
  http6.close()
  server.close(() => process.exit(0))
}

function fail (err) {
  console.error(`error: ${err.stack || err}`)
  process.exit(1)
}

function parseOptions () {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        host6: { type: 'string' },
        interval: { type: 'string' }
      },
      strict: true
    }).values
  } catch (err) {
    usage(err.message)
  }
}

function usage (message) {
  console.error(`error: ${message}`)
  console.error('usage: node server.mjs --port N [--host 127.0.0.1] [--host6 ::1] [--interval SECONDS]')
  process.exit(2)
}

function toPort (text) {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > 65535) usage(`--port (or JS_TRACKER_PORT) must be 1 to 65535, not ${text}`)
  return n
}

function toPositive (name, text) {
  const n = Number(text)
  if (!Number.isInteger(n) || n <= 0) usage(`--${name} must be a positive whole number, not ${text}`)
  return n
}
