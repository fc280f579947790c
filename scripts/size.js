// The one size budget (design.md): each bundle at most 24,576 bytes as `gzip -9 < file | wc -c` counts them.
// GNU gzip itself counts, fed on standard input so no file name goes into the header: zlib's level 9, which
// size-limit uses, compresses differently and counts about 40 B more.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const BUDGET = 24_576;
let over = false;
for (const file of ['dist/coin-ticker.min.js', 'dist/coin-ticker.iife.min.js']) {
  const size = execFileSync('gzip', ['-9'], { input: readFileSync(file) }).length;
  over ||= size > BUDGET;
  console.log(
    `${file}: ${size.toLocaleString('en')} B gzip -9 (budget ${BUDGET.toLocaleString('en')} B, ${size > BUDGET ? 'OVER' : 'within'})`,
  );
}
process.exitCode = over ? 1 : 0;
