// Reads `sinmun export --format warc` with an independent WARC parser (node-warc, pinned
// in package-lock.json) and checks it against what was fetched and what `sinmun get --json`
// says. CTest runs it: node check_warc.js SINMUN_BINARY EXAMPLES_DIR. Exit 77 (skipped)
// when node-warc is not installed (scripts/install-deps installs it).
//
// node-warc 3.3.1 is line-based: its response content keeps the record's trailing CRLF,
// so the payload is cut at the HTTP Content-Length and the rest must be exactly "\r\n".
// Its stream transform also calls the flush callback twice on Node >= 14
// (ERR_MULTIPLE_CALLBACK): _flush is replaced below by the same logic, called once.
'use strict'
const assert = require('assert')
const childProcess = require('child_process')
const crypto = require('crypto')
const fs = require('fs')
const os = require('os')
const path = require('path')

let WARCStreamTransform
try {
  ({ WARCStreamTransform } = require(path.join(__dirname, 'node_modules', 'node-warc')))
} catch (e) {
  console.log('SKIP: node-warc is not installed (run scripts/install-deps)')
  process.exit(77)
}
WARCStreamTransform.prototype._flush = function (done) {
  if (this.buffered && this.buffered.length) {
    this._consumeChunk(this.buffered, done, true)
    return
  }
  const record = this.builder.buildRecord()
  if (record) this.push(record)
  done()
}

const [sinmun, examples] = process.argv.slice(2)
const url = 'https://v.daum.net/v/20261102093000123'
const id = 'daum:20261102093000123'
const fetches = [
  { file: 'daum_v1.html', at: '2026-11-02T09:35:00+09:00', utc: '2026-11-02T00:35:00Z' },
  { file: 'daum_v2.html', at: '2026-11-02T10:35:00+09:00', utc: '2026-11-02T01:35:00Z' },
  { file: 'daum_v3.html', at: '2026-11-02T11:35:00+09:00', utc: '2026-11-02T02:35:00Z' }
]
const contentType = 'text/html; charset=utf-8'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sinmun-warc-'))
const archive = path.join(tmp, 'archive')
function run (args) {
  return childProcess.execFileSync(sinmun, [...args, '--archive', archive], { maxBuffer: 1 << 28 })
}

function base32 (buf) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0; let value = 0; let out = ''
  for (const byte of buf) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31]
  while (out.length % 8) out += '='
  return out
}

function parse (file) {
  return new Promise((resolve, reject) => {
    const records = []
    fs.createReadStream(file).pipe(new WARCStreamTransform())
      .on('data', r => records.push(r)).on('end', () => resolve(records)).on('error', reject)
  })
}

async function main () {
  for (const f of fetches) {
    run(['ingest', path.join(examples, f.file), '--url', url, '--fetched-at', f.at, '--content-type', contentType])
  }
  run(['ingest', '-', '--url', url, '--fetched-at', '2026-11-02T12:35:00+09:00', '--status', '404'])
  const out = path.join(tmp, 'export.warc')
  run(['export', '--format', 'warc', '--all-versions', '-o', out])
  const records = await parse(out)

  const types = records.map(r => r.warcType)
  assert.deepStrictEqual(types, ['warcinfo', 'response', 'metadata', 'response', 'metadata',
    'response', 'metadata', 'metadata'])
  const ids = records.map(r => r.warcRecordID)
  assert.strictEqual(new Set(ids).size, ids.length, 'record ids are unique')
  for (const rid of ids) assert.match(rid, /^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}>$/)
  assert.match(records[0].warcHeader['Content-Type'], /^application\/warc-fields/)
  assert.match(records[0].content.toString(), /software: sinmun/)

  for (let v = 1; v <= 4; ++v) {
    const expected = JSON.parse(run(['get', id, '--version', String(v), '--json']).toString())
    const meta = records[v <= 3 ? 2 * v : 7]
    assert.strictEqual(meta.warcTargetURI, url)
    assert.strictEqual(meta.warcHeader['Content-Type'], 'application/json')
    assert.strictEqual(meta.warcWarcinfoID, ids[0])
    const json = JSON.parse(meta.content.toString('utf8'))
    assert.deepStrictEqual(json, expected, `metadata of v${v} is get --json`)
    if (v === 4) {
      assert.strictEqual(json.change_class, 'deleted')
      assert.strictEqual(meta.warcDate, '2026-11-02T03:35:00Z')
      assert.strictEqual(meta.warcConcurrentTo, undefined)
      continue
    }
    const f = fetches[v - 1]
    const response = records[2 * v - 1]
    const html = fs.readFileSync(path.join(examples, f.file))
    assert.strictEqual(response.warcTargetURI, url)
    assert.strictEqual(response.warcDate, f.utc)
    assert.strictEqual(meta.warcDate, f.utc)
    assert.strictEqual(meta.warcConcurrentTo, response.warcRecordID)
    assert.strictEqual(response.warcHeader['Content-Type'], 'application/http;msgtype=response')
    assert.strictEqual(response.httpInfo.statusCode, '200')
    assert.strictEqual(response.httpInfo.headers['Content-Type'], contentType)
    const length = Number(response.httpInfo.headers['Content-Length'])
    assert.strictEqual(length, html.length)
    assert.ok(Buffer.compare(response.content.subarray(0, length), html) === 0, `v${v}'s page is byte-identical`)
    assert.strictEqual(response.content.subarray(length).toString(), '\r\n')
    assert.strictEqual(response.warcPayloadDigest, 'sha256:' + base32(crypto.createHash('sha256').update(html).digest()))
    assert.strictEqual(json.title, JSON.parse(run(['get', id, '--version', String(v), '--json'])).title)
  }
  // Korean text survives as UTF-8.
  assert.match(records[6].content.toString('utf8'), /국회, 677조 내년도 예산안 본회의 통과/)
  console.log(`ok: ${records.length} records read back with node-warc`)
}

main().then(() => fs.rmSync(tmp, { recursive: true, force: true }), e => {
  console.error(e)
  fs.rmSync(tmp, { recursive: true, force: true })
  process.exit(1)
})
