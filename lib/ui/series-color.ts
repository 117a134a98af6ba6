/**
 * A series' colour follows its name, never its rank: "eu-west" is the same colour in every
 * panel, after every refresh, under any filter and whatever its place in the top N. The name
 * is hashed (FNV-1a, 32 bit) into the palette's slots; the palette itself comes from the
 * theme, so both colour schemes give a name the same slot. "Other" (key null) is always the
 * theme's grey. Two names can share a slot (a palette has 10 colours); stability wins over
 * uniqueness, and the legend, tooltip and table still name every series.
 */
export function paletteSlot(name: string, size: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % size;
}

export function colorFor(theme: { palette: string[]; other: string }, key: string | null): string {
  return key === null ? theme.other : theme.palette[paletteSlot(key, theme.palette.length)]!;
}
