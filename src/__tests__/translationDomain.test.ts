/**
 * Every user-facing string is translated in one domain: each translation bundle of the
 * source is loaded with the shared TRANSLATION_DOMAIN constant, never a spelled-out name.
 */
import * as fs from 'fs';
import * as path from 'path';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__tests__' ? [] : sources(full);
    }
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('the translation domain', () => {
  it('is loaded through TRANSLATION_DOMAIN wherever a translator is loaded', () => {
    const loads: string[] = [];
    for (const file of sources(path.join(__dirname, '..'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/[Tt]ranslator\)?\s*\.load\(([^)]*)\)/g)) {
        loads.push(`${path.basename(file)}: ${match[1]}`);
      }
    }
    expect(loads.length).toBeGreaterThanOrEqual(3);
    for (const load of loads) {
      expect(load).toMatch(/: TRANSLATION_DOMAIN$/);
    }
  });
});
