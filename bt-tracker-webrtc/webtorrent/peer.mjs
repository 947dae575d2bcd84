// Runs one WebTorrent peer (npm package webtorrent) in Node.js for bt-tracker-webrtc's tests: a
// seeder or a leecher that finds its peers only through the given WebSocket trackers and talks to
// them only over WebRTC. The Java side is io.github.bttracker.webrtc.node.WebTorrentNode.
//
// Usage:
//   node peer.mjs seed  --announce ws://HOST:PORT [--announce ...] --data PATH [--piece-length BYTES] --torrent-out FILE
//   node peer.mjs seed  --announce ws://HOST:PORT [--announce ...] --torrent FILE --dir DIR
//   node peer.mjs leech --announce ws://HOST:PORT [--announce ...] (--torrent FILE | --magnet URI) --dir DIR [--exit-on-done]
//
// seed --data creates the torrent of a file or directory (its announce list exactly the given URLs)
// and writes its .torrent to --torrent-out; seed --torrent seeds a torrent made elsewhere whose
// content is already in DIR (DIR/<name>), checking every piece first. leech downloads into DIR and
// then seeds, or exits with 0 after "done" when given --exit-on-done. Either way the peer announces
// only to the --announce URLs (ws:// or wss://), whatever the torrent or magnet URI lists.
//
// It prints one JSON object per line on stdout, nothing else:
//   {"event":"ready","peerId":HEX,"infoHash":HEX,"magnetURI":URI,"torrentFile":PATH or null,"name":NAME,"length":N}
//   {"event":"announced"}                        each answer of a tracker to an announce
//   {"event":"wire","peer":HEX PEER ID,"type":"webrtc"}   a peer completed the BitTorrent handshake
//   {"event":"upload","bytes":N}                 the total uploaded, at most every 250 ms while it grows
//   {"event":"progress","downloaded":N,"length":N}  at most every 250 ms while it grows
//   {"event":"done","path":PATH}                 every piece is here and verified (PATH: DIR/<name>)
//   {"event":"warning","message":TEXT}           e.g. a tracker that cannot be reached; the peer goes on
//   {"event":"error","message":TEXT}             then it exits with 1
// Debug output (DEBUG=webtorrent*,bittorrent-protocol, say) goes to stderr. On SIGTERM or SIGINT it
// destroys the client (announcing "stopped") and exits with 0 within SHUTDOWN_GRACE_MS.
import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import parseTorrent from 'parse-torrent'
import WebTorrent from 'webtorrent'

/** How long a SIGTERM may take to destroy the client before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 2000

/** The least time between two "upload" or two "progress" lines. */
const REPORT_INTERVAL_MS = 250

const args = parseOptions()
const client = new WebTorrent({
  // peers come only from the WebSocket trackers: no DHT, no local service discovery, no peer
  // exchange, no web seeds, no uTP, and no port mapping on a router
  dht: false,
  lsd: false,
  utPex: false,
  webSeeds: false,
  utp: false,
  natUpnp: false,
  natPmp: false,
  tracker: {
    // no STUN servers (simple-peer's default lists two public ones): host candidates only, which
    // is all a test's network namespace has
    rtcConfig: { iceServers: [] }
  }
})
// The client still listens on TCP (its connection pool always does), on an ephemeral port; with
// only WebSocket trackers, no DHT, LSD or PEX, nothing ever learns that port or connects out.

client.on('error', fail)
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, shutDown)
}

if (args.mode === 'seed' && args.data) {
  createAndSeed()
} else {
  addTorrent()
}

function createAndSeed () {
  const opts = { announce: args.announce, path: path.dirname(path.resolve(args.data)) }
  if (args.pieceLength) opts.pieceLength = args.pieceLength
  client.seed(path.resolve(args.data), opts, torrent => {
    const torrentOut = path.resolve(args.torrentOut)
    fs.writeFileSync(torrentOut, torrent.torrentFile)
    report(torrent, torrentOut)
  })
}

async function addTorrent () {
  const source = args.torrent ? fs.readFileSync(args.torrent) : args.magnet
  const parsed = await parseTorrent(source)
  // the torrent's own trackers are replaced, not added to: only the given ones are ever asked
  parsed.announce = args.announce
  client.add(parsed, { path: path.resolve(args.dir) }, torrent => {
    report(torrent, args.torrent ? path.resolve(args.torrent) : null)
  })
}

function report (torrent, torrentFile) {
  torrent.on('warning', err => print({ event: 'warning', message: String(err.message || err) }))
  torrent.on('error', fail)
  torrent.on('trackerAnnounce', () => print({ event: 'announced' }))
  torrent.on('wire', wire => print({ event: 'wire', peer: wire.peerId, type: wire.type }))
  torrent.on('upload', throttled(() => print({ event: 'upload', bytes: torrent.uploaded })))
  torrent.on('download', throttled(() => print({ event: 'progress', downloaded: torrent.downloaded, length: torrent.length })))
  print({
    event: 'ready',
    peerId: client.peerId,
    infoHash: torrent.infoHash,
    magnetURI: torrent.magnetURI,
    torrentFile,
    name: torrent.name,
    length: torrent.length
  })
  if (torrent.done) {
    onDone(torrent)
  } else {
    torrent.once('done', () => onDone(torrent))
  }
}

function onDone (torrent) {
  print({ event: 'progress', downloaded: torrent.downloaded, length: torrent.length })
  print({ event: 'done', path: path.join(torrent.path, torrent.name) })
  if (args.exitOnDone) shutDown()
}

/** @return a function that calls fn at most once per REPORT_INTERVAL_MS, and once more after the last call */
function throttled (fn) {
  let timer = null
  return () => {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      fn()
    }, REPORT_INTERVAL_MS)
  }
}

function print (event) {
  process.stdout.write(JSON.stringify(event) + '\n')
}

function shutDown () {
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref()
  client.destroy(() => process.exit(0))
}

function fail (err) {
  print({ event: 'error', message: String(err && err.message ? err.message : err) })
  console.error(err && err.stack ? err.stack : err)
  process.exit(1)
}

function parseOptions () {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        announce: { type: 'string', multiple: true },
        data: { type: 'string' },
        'piece-length': { type: 'string' },
        'torrent-out': { type: 'string' },
        torrent: { type: 'string' },
        magnet: { type: 'string' },
        dir: { type: 'string' },
        'exit-on-done': { type: 'boolean' }
      },
      strict: true
    })
  } catch (err) {
    usage(err.message)
  }
  const values = parsed.values
  const mode = parsed.positionals[0]
  if (parsed.positionals.length !== 1 || (mode !== 'seed' && mode !== 'leech')) usage('the first argument must be seed or leech')
  const announce = values.announce ?? []
  if (announce.length === 0) usage('at least one --announce URL is needed')
  for (const url of announce) {
    if (!/^wss?:\/\//.test(url)) usage(`--announce takes ws:// and wss:// URLs only, not ${url}`)
  }
  const options = {
    mode,
    announce,
    data: values.data,
    pieceLength: values['piece-length'] === undefined ? undefined : toPieceLength(values['piece-length']),
    torrentOut: values['torrent-out'],
    torrent: values.torrent,
    magnet: values.magnet,
    dir: values.dir,
    exitOnDone: values['exit-on-done'] === true
  }
  if (mode === 'seed' && options.data) {
    if (!options.torrentOut) usage('seed --data needs --torrent-out')
    if (options.torrent || options.magnet || options.dir) usage('seed --data takes no --torrent, --magnet or --dir')
  } else if (mode === 'seed') {
    if (!options.torrent || !options.dir) usage('seed needs --data, or --torrent and --dir')
    if (options.magnet) usage('seed takes no --magnet')
  } else {
    if (!options.torrent === !options.magnet) usage('leech needs one of --torrent and --magnet')
    if (!options.dir) usage('leech needs --dir')
    if (options.data || options.torrentOut || options.pieceLength) usage('leech takes no --data, --torrent-out or --piece-length')
  }
  if (options.exitOnDone && mode !== 'leech') usage('--exit-on-done is for leech')
  return options
}

function toPieceLength (text) {
  const n = Number(text)
  // BEP 3: a power of two; 16 KiB, a block, is the least that makes sense
  if (!Number.isInteger(n) || n < 16384 || (n & (n - 1)) !== 0) usage(`--piece-length must be a power of two of at least 16384, not ${text}`)
  return n
}

function usage (message) {
  console.error(`error: ${message}`)
  console.error('usage: node peer.mjs seed --announce URL... (--data PATH [--piece-length N] --torrent-out FILE | --torrent FILE --dir DIR)')
  console.error('       node peer.mjs leech --announce URL... (--torrent FILE | --magnet URI) --dir DIR [--exit-on-done]')
  process.exit(2)
}
