// What `changeset version` would release from the pending changesets. Changesets bumps a package to the next major
// when one of its peer dependencies gets a minor release, unless the new version stays inside the peer range and
// onlyUpdatePeerDependentsWhenOutOfRange is on (.changeset/config.json): data-pipeline's optional peer on backend
// (a `workspace:^` range) once planned data-pipeline 1.0.0 for a release where every package goes 0.1 -> 0.2.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Release { name: string; type: string; oldVersion: string; newVersion: string }

describe('the pending release plan', () => {
  it('releases no 0.x package as a major version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-release-plan-'));
    try {
      const output = join(dir, 'status.json');
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'pnpm.mjs'), 'exec', 'changeset', 'status', `--output=${output}`], { cwd: ROOT, stdio: 'pipe' });
      const { releases } = JSON.parse(readFileSync(output, 'utf8')) as { releases: Release[] };
      const majors = releases.filter((r) => r.oldVersion.startsWith('0.') && r.type === 'major').map((r) => `${r.name} ${r.oldVersion} -> ${r.newVersion}`);
      expect(majors).toEqual([]);
      expect(releases.find((r) => r.name === '@rnnkit/data-pipeline')?.type ?? 'none').not.toBe('major');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
