import { describe, expect, it } from 'vitest';
import { simulatorSettingsSource, sourceLocation } from '../../../main/settings/settings-source.js';

describe('where the settings come from, as the log and the view show it', () => {
  it('keeps a URL’s credentials out', () => {
    expect(sourceLocation({ kind: 'url', url: 'https://desk:s3cret@settings.example.org/desk.json' })).toBe('https://***@settings.example.org/desk.json');
    expect(sourceLocation({ kind: 'url', url: 'https://settings.example.org/desk.json' })).toBe('https://settings.example.org/desk.json');
  });

  it('names files and the built-in simulator as they are', () => {
    expect(sourceLocation({ kind: 'file', path: '/srv/desk.json' })).toBe('/srv/desk.json');
    expect(sourceLocation(simulatorSettingsSource('http://127.0.0.1:4100/'))).toBe('http://127.0.0.1:4100/desktop-settings');
    expect(sourceLocation({ kind: 'none' })).toBe('none configured');
  });
});
