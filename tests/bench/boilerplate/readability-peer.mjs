// readability-peer.mjs: Mozilla Readability, the closest peer, on the same
// articles as bench-boilerplate and on the labelled corpus.
//
//   node readability-peer.mjs speed ARTICLES_FILE   (form-feed separated)
//   node readability-peer.mjs corpus CORPUS_DIR
//
// Readability needs HTML: each non-blank line becomes a <p>, the way a
// plain-text article would be pasted into a page.  A line is "removed"
// when its text is missing from Readability's article.
//
// SPDX-License-Identifier: GPL-3.0-or-later
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toHtml (text) {
  const paragraphs = text.split('\n').filter((l) => l.trim() !== '').map((l) => `<p>${escape(l)}</p>`);
  return `<!DOCTYPE html><html><head><title>Article</title></head><body><article>${paragraphs.join('')}</article></body></html>`;
}

function extract (text) {
  const { document } = parseHTML(toHtml(text));
  const article = new Readability(document).parse();
  return article ? article.textContent.replace(/\s+/g, ' ') : '';
}

const [mode, path] = process.argv.slice(2);

if (mode === 'speed') {
  const articles = readFileSync(path, 'utf8').split('\f').filter((a) => a.length > 0);
  const bytes = Buffer.byteLength(articles.join(''), 'utf8');
  const t0 = process.hrtime.bigint();
  for (const a of articles) extract(a);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`readability: ${articles.length} articles, ${seconds.toFixed(3)} s, ` +
              `${(articles.length / seconds).toFixed(0)} articles/s, ` +
              `${(bytes / 1048576 / seconds).toFixed(2)} MiB/s`);
} else if (mode === 'corpus') {
  let tp = 0, fp = 0, fn = 0, cleanFlagged = 0;
  for (const name of readdirSync(path).filter((n) => n.endsWith('.txt')).sort()) {
    const text = readFileSync(join(path, name), 'utf8');
    const labels = new Set();
    for (const line of readFileSync(join(path, name.replace(/\.txt$/, '.labels')), 'utf8').split('\n')) {
      const m = line.match(/^(\d+)(?:-(\d+))?\s+\S+/);
      if (!m) continue;
      for (let l = +m[1]; l <= +(m[2] ?? m[1]); l++) labels.add(l);
    }
    const kept = extract(text);
    text.split('\n').forEach((line, i) => {
      const body = line.replace(/\s+/g, ' ').trim();
      if (body === '') return;
      const removed = !kept.includes(body);
      const labelled = labels.has(i + 1);
      if (removed && labelled) tp++;
      else if (removed) { fp++; if (labels.size === 0) cleanFlagged++; }
      else if (labelled) fn++;
    });
  }
  const p = tp + fp ? tp / (tp + fp) : 1, r = tp + fn ? tp / (tp + fn) : 1;
  console.log(`readability on the corpus: ${tp} boilerplate lines removed, ${fp} article lines removed ` +
              `(${cleanFlagged} in clean documents), ${fn} boilerplate lines kept: ` +
              `precision ${p.toFixed(3)}, recall ${r.toFixed(3)}`);
} else {
  console.error('usage: readability-peer.mjs speed FILE | corpus DIR');
  process.exit(2);
}
