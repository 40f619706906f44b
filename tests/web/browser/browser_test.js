// Browser tests of the reading room: Debian's headless Chromium, driven by playwright-core
// (pinned in package-lock.json), against a running `sinmun serve` over an archive built here
// with `sinmun ingest` from the bundled example (three versions: a vote count edited, then
// the headline changed and a correction appended), pages full of hostile text written
// here, and the saved real portal pages when they are present.
//
//   node browser_test.js SINMUN_BINARY EXAMPLES_DIR REAL_PAGES_DIR OUT_DIR
//
// Checks: every page loads with no console error and no page error; the diff page marks
// exactly the changed words; hostile text runs no script (no dialog, no marker set) and the
// browser makes no request off the loopback address; no page scrolls sideways at 375 px.
// Screenshots at desktop (1280 px) and phone (375 px) widths go to OUT_DIR. Fails — never
// skips — when Chromium or playwright-core is missing. Prints "N passed, N failed".
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { spawn, execFileSync } = require('child_process');

const [sinmun, examples, realPages, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node browser_test.js SINMUN EXAMPLES REAL_PAGES OUT_DIR');
  process.exit(2);
}
const CHROMIUM = process.env.SINMUN_CHROMIUM || '/usr/bin/chromium';
const HOSTILE = '<script>window.__pwned=1;alert(1)</script><img src="https://evil.example/x.png" onerror="window.__pwned=2">';

let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

function loadPlaywright() {
  try {
    return require('playwright-core');
  } catch (e) {
    console.error('playwright-core is not installed in tests/web/browser (scripts/install-deps runs npm ci there)');
    process.exit(1);
  }
}

function sinmunRun(archive, args) {
  return execFileSync(sinmun, [...args, '--archive', archive], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// An outlet page the generic extractor reads, with hostile text in every field a page has.
function hostilePage(variant) {
  const t = `속보 ${variant} ${HOSTILE}`;
  return `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=https://evil.example/refresh">
<link rel="stylesheet" href="https://evil.example/style.css">
<link rel="prefetch" href="https://evil.example/prefetch">
<title>${t}</title><meta property="og:title" content="${t.replace(/"/g, '&quot;')}">
<meta property="og:type" content="article"><meta property="og:site_name" content="악성&lt;b&gt;일보<script>window.__pwned=3</script>">
<meta property="article:published_time" content="2026-11-02T08:00:00+09:00">
<meta name="author" content="기자 &lt;img src=x onerror=alert(4)&gt;">
<script src="https://evil.example/tracker.js"></script>
<script>window.__pwned = 4; fetch('https://evil.example/beacon');</script>
</head><body onload="window.__pwned=5">
<h1>${t}</h1><div class="article-body">
<p>첫 문단 ${variant === 1 ? '원래 내용' : '고친 내용'} <a href="javascript:window.__pwned=6">javascript 링크</a> <b onclick="window.__pwned=7">굵게</b></p>
<p>둘째 문단: ${HOSTILE} <iframe src="https://evil.example/frame"></iframe> <svg onload="window.__pwned=8"></svg></p>
<p>셋째 문단: 닫히지 않은 <div><span>태그 <p>와 &lt;/title&gt; &amp;amp; "따옴표" '작은따옴표'
<img src="https://evil.example/photo.jpg" alt="사진 대신 글">
</div></body></html>`;
}

function buildArchive(dir) {
  const archive = path.join(dir, 'archive');
  const ex = (n) => path.join(examples, n);
  const daumUrl = 'https://v.daum.net/v/20261102093000123';
  sinmunRun(archive, ['ingest', ex('daum_v1.html'), '--url', daumUrl, '--fetched-at', '2026-11-02T09:35:00+09:00']);
  sinmunRun(archive, ['ingest', ex('daum_v2.html'), '--url', daumUrl, '--fetched-at', '2026-11-02T10:10:00+09:00']);
  sinmunRun(archive, ['ingest', ex('daum_v3.html'), '--url', daumUrl, '--fetched-at', '2026-11-02T11:25:00+09:00']);
  for (const v of [1, 2]) {
    const f = path.join(dir, `hostile${v}.html`);
    fs.writeFileSync(f, hostilePage(v));
    sinmunRun(archive, ['ingest', f, '--url', 'https://evil.example/news/1?x="><script>alert(1)</script>',
                        '--fetched-at', `2026-11-02T1${v}:00:00+09:00`]);
  }
  const real = [
    ['naver_article_437_0000483987.html', 'https://n.news.naver.com/article/437/0000483987', '2026-03-21T21:55:00+09:00'],
    ['daum_article_20260321214325415.html', 'https://v.daum.net/v/20260321214325415', '2026-03-21T21:50:00+09:00'],
    ['naver_article_003_0012577249.html', 'https://n.news.naver.com/mnews/article/003/0012577249', '2024-05-30T11:45:00+09:00'],
  ];
  let realCount = 0;
  for (const [file, url, at] of real) {
    const p = path.join(realPages, file);
    if (!fs.existsSync(p)) continue;
    sinmunRun(archive, ['ingest', p, '--url', url, '--fetched-at', at]);
    realCount++;
  }
  // A scripted edit of a real page: its second paragraph reworded an hour later.
  const naver = path.join(realPages, real[0][0]);
  if (fs.existsSync(naver)) {
    const html = fs.readFileSync(naver, 'utf8');
    const edited = html.replace('</title>', ' (수정)</title>').replace(/(<meta property="og:title" content=")/, '$1[수정] ');
    const f = path.join(dir, 'naver_edited.html');
    fs.writeFileSync(f, edited);
    sinmunRun(archive, ['ingest', f, '--url', real[0][1], '--fetched-at', '2026-03-21T22:55:00+09:00']);
  }
  console.log(`archive: example (3 versions), hostile page (2 versions), ${realCount} real pages` +
              (realCount === 0 ? ` (real pages folder ${realPages} absent)` : ''));
  return archive;
}

function startServer(archive) {
  return new Promise((resolve, reject) => {
    const child = spawn(sinmun, ['serve', '--listen', '127.0.0.1:0', '--archive', archive], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error('sinmun serve did not start: ' + err)), 20000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve({ child, archive, base: `http://127.0.0.1:${m[1]}` }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`sinmun serve exited ${code}: ${err}`)); });
  });
}

// Chromium's own services (updates, sign-in, autofill), which it calls whatever page is
// open; the flags below turn most of them off. Never hosts a news page refers to.
const BROWSER_SERVICES = /^(CONNECT )?(https?:\/\/)?(update\.googleapis\.com|accounts\.google\.com|content-autofill\.googleapis\.com|optimizationguide-pa\.googleapis\.com|clients[0-9]*\.google\.com|safebrowsing[a-z-]*\.googleapis\.com|[a-z0-9-]+\.gvt1\.com)[:/]/;

// Every request off the loopback address goes to this proxy (Chromium sends loopback
// requests direct): what it sees is what the browser really tried to fetch from elsewhere.
function startRecordingProxy() {
  const seen = [], services = [];
  const record = (what) => (BROWSER_SERVICES.test(what) ? services : seen).push(what);
  const proxy = http.createServer((req, res) => {
    record(req.url);
    res.writeHead(403);
    res.end();
  });
  proxy.on('connect', (req, socket) => {
    record('CONNECT ' + req.url);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve({ proxy, seen, services, port: proxy.address().port })));
}

async function visit(context, base, url, name, proxied) {
  const page = await context.newPage();
  const consoleErrors = [], requests = [], dialogs = [], blocked = new Set();
  const proxiedBefore = proxied.length;
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push('pageerror: ' + e.message));
  page.on('request', (r) => requests.push(r.url()));
  // Refused by the browser itself (our Content-Security-Policy) before any connection.
  page.on('requestfailed', (r) => { if ((r.failure() || {}).errorText === 'csp') blocked.add(r.url()); });
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const response = await page.goto(base + url, { waitUntil: 'load' });
  await page.waitForTimeout(300);  // let a late script or refresh show itself
  const status = response ? response.status() : 0;
  check(`${name}: HTTP 200`, status === 200, `got ${status}`);
  // Violations of our own CSP by the archived page (in its frame) are reported on the console
  // as the browser refusing them: those are the protection working, not page errors.
  const own = consoleErrors.filter((e) => !/Content Security Policy|sandboxed|Blocked script execution/.test(e));
  check(`${name}: no console error`, own.length === 0, own.join(' | '));
  const off = requests.filter((u) => !u.startsWith(base + '/') && !u.startsWith('data:') &&
                                     !u.startsWith('about:') && !blocked.has(u));
  check(`${name}: no request off loopback`, off.length === 0 && proxied.length === proxiedBefore,
        off.concat(proxied.slice(proxiedBefore)).join(' '));
  check(`${name}: no dialog`, dialogs.length === 0, dialogs.join(' | '));
  const pwned = await page.evaluate(() => window.__pwned);
  check(`${name}: no script ran`, pwned === undefined, `window.__pwned = ${pwned}`);
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const framePwned = await frame.evaluate(() => window.__pwned).catch(() => undefined);
    check(`${name}: no script ran in the archived page's frame`, framePwned === undefined, `= ${framePwned}`);
    check(`${name}: the frame stayed on loopback`, frame.url().startsWith(base + '/'), frame.url());
  }
  return page;
}

async function noSidewaysScroll(page, name) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(`${name}: no horizontal scrolling at ${widths[1]} px`, widths[0] <= widths[1], `scrollWidth ${widths[0]}`);
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM} (Debian package chromium; scripts/install-deps installs it)`);
    process.exit(1);
  }
  const { chromium } = loadPlaywright();
  fs.mkdirSync(outDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sinmun-browser-'));
  let server, browser, recorder;
  try {
    const archive = buildArchive(work);
    sinmunRun(archive, ['reindex', '--jobs', '1']);
    server = await startServer(archive);
    const base = server.base;
    recorder = await startRecordingProxy();
    // launch() gives Chromium a fresh profile directory of its own, removed on close.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync',
             '--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter',
             `--proxy-server=http://127.0.0.1:${recorder.port}`],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
    const daum = encodeURIComponent('daum:20261102093000123');
    const evil = encodeURIComponent('https://evil.example/news/1?x="><script>alert(1)</script>');
    const pages = [
      ['edits', '/edits'],
      ['edits-headline', '/edits?class=headline&class=correction'],
      ['article', `/article?id=${daum}`],
      ['diff', `/diff?id=${daum}&from=1&to=2`],
      ['diff-side', `/diff?id=${daum}&from=2&to=3&view=side`],
      ['search', `/search?q=${encodeURIComponent('예산안')}`],
      ['stats', '/stats?since=2020-01-01&until=2026-12-31'],
      ['sources', '/sources'],
      ['hostile-edits', `/edits?press=${encodeURIComponent('악성<b>일보')}`],
      ['hostile-article', `/article?id=${evil}&v=1`],
      ['hostile-diff', `/diff?id=${evil}&view=side`],
      ['hostile-search', `/search?q=${encodeURIComponent('<script>alert(1)</script> 문단')}`],
    ];
    for (const [name, url] of pages) {
      const page = await visit(context, base, url, name, recorder.seen);
      await page.screenshot({ path: path.join(outDir, `${name}-desktop.png`), fullPage: true });
      await page.setViewportSize({ width: 375, height: 812 });
      await page.waitForTimeout(100);
      await noSidewaysScroll(page, name);
      await page.screenshot({ path: path.join(outDir, `${name}-phone.png`), fullPage: true });
      await page.close();
    }

    // The diff marks exactly the changed words: v1 → v2 changed two vote counts.
    const diff = await context.newPage();
    await diff.goto(`${base}/diff?id=${daum}&from=1&to=2`);
    const marks = await diff.evaluate(() => ({
      del: [...document.querySelectorAll('.diff del')].map((e) => e.textContent),
      ins: [...document.querySelectorAll('.diff ins')].map((e) => e.textContent),
      strike: getComputedStyle(document.querySelector('.diff del')).textDecorationLine,
      underline: getComputedStyle(document.querySelector('.diff ins')).textDecorationLine,
    }));
    check('diff marks the deleted words', JSON.stringify(marks.del) === JSON.stringify(['250명', '180명으로']), JSON.stringify(marks.del));
    check('diff marks the inserted words', JSON.stringify(marks.ins) === JSON.stringify(['252명', '181명으로']), JSON.stringify(marks.ins));
    check('deletions are struck through, not only coloured', marks.strike.includes('line-through'), marks.strike);
    check('insertions are underlined, not only coloured', marks.underline.includes('underline'), marks.underline);
    // v2 → v3: the headline change is shown first.
    await diff.goto(`${base}/diff?id=${daum}&from=2&to=3`);
    const first = await diff.evaluate(() => document.querySelector('main section.change, main .diff').className);
    check('the headline change stands first', first.includes('headline'), first);
    const headlineIns = await diff.evaluate(() => [...document.querySelectorAll('.change.headline ins')].map((e) => e.textContent).join('|'));
    check('the headline diff marks its inserted words', headlineIns.includes('677조') && headlineIns.includes('통과'), headlineIns);
    await diff.close();

    // The JSON forms are the commands' objects, and the statistics page's numbers are
    // `sinmun stats --edits`'s.
    const getJson = async (url) => JSON.parse(await (await fetch(base + url)).text());
    const cli = (args) => JSON.parse(sinmunRun(server.archive, [...args, '--json']));
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    // A bare-date --until includes its day: the CLI's 2026-12-31 is the page's 2027-01-01T00:00.
    const period = ['--since', '2020-01-01', '--until', '2026-12-31'];
    check('/stats?format=json is sinmun stats --edits --json',
          same(await getJson('/stats?since=2020-01-01&until=2027-01-01T00:00:00%2B09:00&format=json'), cli(['stats', '--edits', ...period])));
    check('/stats?by=source&format=json is the same computation',
          same((await getJson('/stats?since=2020-01-01&until=2027-01-01T00:00:00%2B09:00&by=source&format=json')).by_source,
               cli(['stats', '--edits', ...period, '--by', 'source']).by_source));
    check('/diff?format=json is sinmun diff --json',
          same(await getJson(`/diff?id=${daum}&from=1&to=2&format=json`), cli(['diff', 'daum:20261102093000123', '1', '2'])));
    const article = await getJson(`/article?id=${daum}&v=2&format=json`);
    const got = cli(['get', 'daum:20261102093000123', '--version', '2']);
    check('/article?format=json holds sinmun get --json', Object.keys(got).every((k) => same(article[k], got[k])));
    check('/article?format=json holds sinmun history --json',
          same(article.history, cli(['history', 'daum:20261102093000123']).versions));
    const edits = (await getJson('/edits?format=json')).edits;
    const changes = cli(['changes']);
    check('/edits?format=json lists sinmun changes --json',
          edits.length === changes.length && changes.every((c, i) => Object.keys(c).every((k) => same(edits[i][k], c[k]))),
          `${edits.length} vs ${changes.length}`);

    // The stored page is shown, inert, in its frame.
    const framed = await context.newPage();
    await framed.goto(`${base}/article?id=${daum}&v=1`);
    const frame = framed.frames().find((f) => f !== framed.mainFrame());
    const stored = frame ? await frame.content() : '';
    check('the stored page is shown in its frame', stored.includes('예산안은 재석 의원 250명'), stored.slice(0, 200));
    await framed.goto(`${base}/article?id=${evil}&v=1`);
    const evilFrame = framed.frames().find((f) => f !== framed.mainFrame());
    const evilStored = evilFrame ? await evilFrame.content() : '';
    check('the hostile stored page is shown without scripts, frames or sources',
          evilStored.includes('셋째 문단') && !/<script|<iframe|evil\.example|onerror|onload/i.test(evilStored),
          evilStored.slice(0, 300));
    await framed.close();

    // English when the browser asks for it.
    const english = await browser.newContext({ locale: 'en-US' });
    const en = await english.newPage();
    await en.goto(`${base}/edits`);
    const lang = await en.evaluate(() => [document.documentElement.lang, document.querySelector('h1').textContent]);
    check('English interface on request', lang[0] === 'en' && lang[1] === 'Latest edits', JSON.stringify(lang));
    await english.close();
    check('the proxy saw no request from any page', recorder.seen.length === 0, recorder.seen.join(' '));
    if (recorder.services.length) console.log(`(Chromium's own services, not counted: ${recorder.services.length} requests)`);
  } finally {
    if (browser) await browser.close();
    if (server) server.child.kill('SIGTERM');
    if (recorder) recorder.proxy.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`screenshots in ${outDir}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
