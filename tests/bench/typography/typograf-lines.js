// typograf-lines.js: runs Typograf (locale fr) on FILE line by line and
// writes the result to stdout.  Usage: node typograf-lines.js MODULE_DIR FILE
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';
const fs = require('fs');
const path = require('path');
const Typograf = require(path.join(process.argv[2], 'node_modules', 'typograf'));
const tp = new Typograf({ locale: ['fr'] });
const lines = fs.readFileSync(process.argv[3], 'utf8').split('\n');
const out = [];
for (const line of lines)
  out.push(tp.execute(line));
fs.writeFileSync(1, out.join('\n'));
