// Runs the reference JavaScript tracker (npm package bittorrent-tracker) on loopback for
// bt-tracker's interoperability tests; serve.mjs does the work and documents the options.
//
// Usage: node server.mjs --port N [--host 127.0.0.1] [--host6 ::1] [--interval SECONDS]
//
// Only the server entry point is imported: the package's main entry and its CLI also load the
// WebRTC client module, whose native build is not installed under `npm ci --ignore-scripts`.
import Server from 'bittorrent-tracker/server'
import { serve } from './serve.mjs'

serve(Server)
