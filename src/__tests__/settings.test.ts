/** The settings store: takes valid values from the registry, ignores bad ones, signals changes. */
import { DEFAULT_SETTINGS, SettingsStore } from '../settings';
import * as fs from 'fs';
import * as path from 'path';

describe('SettingsStore', () => {
  it('starts from the schema defaults', () => {
    const schema = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../schema/settings/plugin.json'), 'utf-8')
    );
    const store = new SettingsStore();
    for (const [key, value] of Object.entries(store.current)) {
      expect({ key, value: schema.properties[key].default }).toEqual({ key, value });
    }
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('takes new values, signals once per real change, and ignores bad ones', () => {
    const store = new SettingsStore();
    const seen: number[] = [];
    store.changed.connect((_, s) => seen.push(s.maxUnits));
    store.update({ maxUnits: 8, defaultRng: 'numpy' });
    store.update({ maxUnits: 8 });
    store.update({
      maxUnits: -1,
      gridResolution: 'fine',
      defaultRng: 'mersenne',
      defaultViews: [3]
    });
    expect(seen).toEqual([8]);
    expect(store.current.defaultRng).toBe('numpy');
    expect(store.current.gridResolution).toBe(DEFAULT_SETTINGS.gridResolution);
  });

  it('hands out copies', () => {
    const store = new SettingsStore();
    store.current.defaultViews.push('weights');
    expect(store.current.defaultViews).toEqual(DEFAULT_SETTINGS.defaultViews);
  });
});
