/**
 * Numeric and boolean settings can be overridden from the page's query string (`?hideEdgesOnMoveAbove=1e9`), for
 * benchmarks and for trying a tuning without a rebuild. Unknown names and values of the wrong type are ignored.
 */
import { DEFAULT_SETTINGS, type ViewerSettings } from '../settings.js';

export function settingsFromQuery(search: string): Partial<ViewerSettings> {
  const out: Record<string, number | boolean> = {};
  for (const [name, raw] of new URLSearchParams(search)) {
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_SETTINGS, name)) continue;
    const current = DEFAULT_SETTINGS[name as keyof ViewerSettings];
    if (typeof current === 'number') {
      const value = Number(raw);
      if (raw.trim() !== '' && Number.isFinite(value)) out[name] = value;
    } else if (typeof current === 'boolean' && (raw === 'true' || raw === 'false')) {
      out[name] = raw === 'true';
    }
  }
  return out as Partial<ViewerSettings>;
}
