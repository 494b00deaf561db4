// Copies Apache ECharts, pinned in package-lock.json, into ../static/vendor/echarts/ as one ES
// module with its LICENSE and NOTICE (Apache-2.0 asks for both) and the licence of the d3 code it
// includes. The page's CSP forbids eval: the build's one `new Function` parses a GeoJSON map given
// as a string where JSON.parse is missing, which the dashboard never does. Run after changing the
// version:
//   npm ci && node vendor-echarts.mjs
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const to = path.join(here, '..', 'static', 'vendor', 'echarts');
const pkg = path.join(here, 'node_modules', 'echarts');
const version = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
const build = readFileSync(path.join(pkg, 'dist', 'echarts.esm.min.mjs'), 'utf8');
const evals = build.match(/new Function\(/g) || [];
if (evals.length > 1) throw new Error(`the build has ${evals.length} uses of new Function: check them against the CSP`);

mkdirSync(to, { recursive: true });
writeFileSync(path.join(to, 'echarts.mjs'), build.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'));
for (const name of ['LICENSE', 'NOTICE']) copyFileSync(path.join(pkg, name), path.join(to, name));
copyFileSync(path.join(pkg, 'licenses', 'LICENSE-d3'), path.join(to, 'LICENSE-d3'));
writeFileSync(path.join(to, 'VERSION'), `echarts ${version} (npm, dist/echarts.esm.min.mjs), Apache-2.0, see LICENSE and NOTICE\n`);
console.log(`vendored echarts ${version}`);
