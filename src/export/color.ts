/** CSS colours as the red/green/blue channels GEXF and GraphML readers want (networkx cannot read GEXF `hex`). */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0–1; absent when opaque. */
  a?: number;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const RGB = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*(\d*\.?\d+)\s*)?\)$/i;

/** `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()` and `rgba()`; anything else gives undefined. */
export function parseColor(color: string | undefined): Rgba | undefined {
  if (!color) return undefined;
  const value = color.trim();
  const hex = HEX.exec(value);
  if (hex) {
    let digits = hex[1]!;
    if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
    const channel = (i: number) => parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    const rgba: Rgba = { r: channel(0), g: channel(1), b: channel(2) };
    if (digits.length === 8) rgba.a = Math.round((channel(3) / 255) * 1000) / 1000;
    return rgba;
  }
  const rgb = RGB.exec(value);
  if (rgb) {
    const [r, g, b] = [rgb[1], rgb[2], rgb[3]].map(Number) as [number, number, number];
    if (r > 255 || g > 255 || b > 255) return undefined;
    const rgba: Rgba = { r, g, b };
    if (rgb[4] !== undefined) rgba.a = Math.min(1, Number(rgb[4]));
    return rgba;
  }
  return undefined;
}
