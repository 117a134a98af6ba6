import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { RANKS, SAME_RANK, libImports } from './layers.mjs';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** The boundary errors ESLint reports for `code` as if it were the file at `path`. */
async function boundaryErrors(path, code) {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('the layer table', () => {
  it('gives every lib/ folder a rank (ui is the client side, testing holds test helpers)', () => {
    const folders = readdirSync(new URL('../lib', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory());
    for (const { name } of folders) if (name !== 'ui' && name !== 'testing') expect(RANKS).toHaveProperty(name);
  });

  it('has no cycle between folders: ranks only go down and same-rank imports run one way without a loop', () => {
    for (const [from, to] of SAME_RANK) expect(RANKS[from]).toBe(RANKS[to]);
    const reaches = (from, to, seen = new Set()) =>
      SAME_RANK.some(([a, b]) => a === from && !seen.has(b) && (b === to || reaches(b, to, seen.add(b))));
    for (const folder of Object.keys(RANKS)) expect(reaches(folder, folder)).toBe(false);
    for (const folder of Object.keys(RANKS)) {
      for (const to of libImports(folder)) expect(RANKS[to] < RANKS[folder] || SAME_RANK.some(([a, b]) => a === folder && b === to)).toBe(true);
    }
  });
});

describe('the import-boundary rule', () => {
  it('refuses an import from a higher layer, by alias or relative path, static, re-exported or dynamic', async () => {
    expect(await boundaryErrors('lib/service/probe.ts', "import { getRuntime } from '@/lib/runtime/runtime';\nexport const x = getRuntime;")).toHaveLength(1);
    expect(await boundaryErrors('lib/cache/probe.ts', "import { answerPanel } from '../service/service';\nexport const x = answerPanel;")).toHaveLength(1);
    expect(await boundaryErrors('lib/engines/probe.ts', "export { answerPanel } from '@/lib/service/service';")).toHaveLength(1);
    expect(await boundaryErrors('lib/query/probe.ts', "export const x = () => import('@/lib/engines/engine');")).toHaveLength(1);
    expect(await boundaryErrors('lib/view/probe.ts', "import { AppError } from '@/lib/errors/app-error';\nexport const x = AppError;")).toHaveLength(1);
  });

  it('allows imports from lower layers and the listed same-rank ones, one way only', async () => {
    expect(await boundaryErrors('lib/engines/probe.ts', "import { quoteIdent } from '@/lib/sql/query';\nimport { metrics } from '@/lib/metrics/registry';\nexport const x = [quoteIdent, metrics];")).toEqual([]);
    expect(await boundaryErrors('lib/alerts/probe.ts', "import { toAppError } from '@/lib/service/service';\nexport const x = toAppError;")).toEqual([]);
    expect(await boundaryErrors('lib/service/probe.ts', "import { recentAlerts } from '@/lib/alerts/recent';\nexport const x = recentAlerts;")).toHaveLength(1);
  });

  it('keeps the composition root and the test helpers out of production code', async () => {
    expect(await boundaryErrors('lib/api/probe.ts', "import { getRuntime } from '@/lib/runtime/runtime';\nexport const x = getRuntime;")).toHaveLength(1);
    expect(await boundaryErrors('app/api/probe/route.ts', "import { getRuntime } from '@/lib/runtime/runtime';\nexport const x = getRuntime;")).toEqual([]);
    expect(await boundaryErrors('lib/query/probe.ts', "import { valueArb } from '@/lib/testing/arbitraries';\nexport const x = valueArb;")).toHaveLength(1);
    expect(await boundaryErrors('lib/query/probe.test.ts', "import { valueArb } from '@/lib/testing/arbitraries';\nexport const x = valueArb;")).toEqual([]);
  });

  it('keeps components/ off app/ and server code, and lib/ off components/ and app/', async () => {
    expect(await boundaryErrors('components/probe.tsx', "import styles from '@/app/globals.css';\nexport const x = styles;")).toHaveLength(1);
    expect(await boundaryErrors('components/probe.tsx', "import { authenticate } from '@/lib/auth/users';\nexport const x = authenticate;")).toHaveLength(1);
    expect(await boundaryErrors('components/probe.tsx', "import type { User } from '@/lib/auth/users';\nexport type X = User;")).toEqual([]);
    expect(await boundaryErrors('lib/ui/probe.ts', "import { answerPanel } from '@/lib/service/service';\nexport const x = answerPanel;")).toHaveLength(1);
    expect(await boundaryErrors('lib/api/probe.ts', "import { Popover } from '@/components/popover';\nexport const x = Popover;")).toHaveLength(1);
  });
});
