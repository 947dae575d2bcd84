// Runs PeerTube's fork of the JavaScript tracker (npm package @peertube/bittorrent-tracker-server)
// on loopback for bt-tracker's interoperability tests. The fork has the reference tracker's server
// only, so the reference's harness, ../js-tracker/serve.mjs, runs it and documents the options.
//
// Usage: node server.mjs --port N [--host 127.0.0.1] [--host6 ::1] [--interval SECONDS]
import Server from '@peertube/bittorrent-tracker-server'
import { serve } from '../js-tracker/serve.mjs'

serve(Server)
