// Copies the MapLibre GL JS build pinned in package-lock.json into ../static/vendor/maplibre-gl/:
// the ES module, its worker, the stylesheet and the licence. The trailing sourceMappingURL comments
// are dropped because the source maps are not vendored. Run after changing the maplibre-gl version:
//   npm ci && node vendor-maplibre.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const from = path.join(here, 'node_modules', 'maplibre-gl');
const to = path.join(here, '..', 'static', 'vendor', 'maplibre-gl');
const version = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8')).version;

mkdirSync(to, { recursive: true });
const files = [
  ['dist/maplibre-gl.mjs', 'maplibre-gl.mjs'],
  ['dist/maplibre-gl-worker.mjs', 'maplibre-gl-worker.mjs'],
  ['dist/maplibre-gl.css', 'maplibre-gl.css'],
  ['LICENSE.txt', 'LICENSE.txt'],
];
for (const [src, dst] of files) {
  let text = readFileSync(path.join(from, src), 'utf8');
  if (dst.endsWith('.mjs')) text = text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  writeFileSync(path.join(to, dst), text);
}
writeFileSync(path.join(to, 'VERSION'), `maplibre-gl ${version} (npm), BSD-3-Clause, see LICENSE.txt\n`);
console.log(`vendored maplibre-gl ${version} into ${path.relative(process.cwd(), to) || '.'}`);
