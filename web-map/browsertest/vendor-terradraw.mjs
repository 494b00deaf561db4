// Copies terra-draw and its MapLibre adapter, pinned in package-lock.json, into
// ../static/vendor/terra-draw/ as two ES modules with their licence. The adapter imports "terra-draw"
// by its package name, which a page without a build step cannot resolve: the import is rewritten to
// the file beside it. The npm packages carry no licence file, so the MIT notice of their repository
// (JamesLMilner/terra-draw, the same for both) is written out. Run after changing either version:
//   npm ci && node vendor-terradraw.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const to = path.join(here, '..', 'static', 'vendor', 'terra-draw');
const pkg = (name) => path.join(here, 'node_modules', name);
const version = (name) => JSON.parse(readFileSync(path.join(pkg(name), 'package.json'), 'utf8')).version;
const strip = (text) => text.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');

mkdirSync(to, { recursive: true });
writeFileSync(path.join(to, 'terra-draw.mjs'), strip(readFileSync(path.join(pkg('terra-draw'), 'dist/terra-draw.module.js'), 'utf8')));
const adapter = strip(readFileSync(path.join(pkg('terra-draw-maplibre-gl-adapter'), 'dist/terra-draw-maplibre-gl-adapter.module.js'), 'utf8'));
const relinked = adapter.replaceAll('from"terra-draw"', 'from"./terra-draw.mjs"');
if (relinked === adapter || /from\s*"(?!\.\/)/.test(relinked)) throw new Error('the adapter no longer imports "terra-draw" as expected: check its imports');
writeFileSync(path.join(to, 'terra-draw-maplibre-gl-adapter.mjs'), relinked);
writeFileSync(path.join(to, 'LICENSE'), `Copyright 2022 James Milner

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`);
writeFileSync(path.join(to, 'VERSION'), `terra-draw ${version('terra-draw')}, terra-draw-maplibre-gl-adapter ${version('terra-draw-maplibre-gl-adapter')} (npm), MIT, see LICENSE\n`);
console.log(`vendored terra-draw ${version('terra-draw')} and its adapter ${version('terra-draw-maplibre-gl-adapter')}`);
