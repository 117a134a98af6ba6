/**
 * A series' colour follows its name, never its rank: "eu-west" keeps its colour after every
 * refresh, whatever its place in the top N, and in every panel that shows the same names. The
 * name is hashed (FNV-1a, 32 bit) into a palette slot; the palette comes from the theme, so
 * both colour schemes give a name the same slot. "Other" (key null) is always the theme's grey.
 *
 * A palette has 10 colours, so two names of one chart often hash to the same slot (six
 * locations gave three pairs), and two lines in one colour cannot be told apart. So within a
 * chart a name keeps its hashed slot unless an alphabetically earlier name of the chart hashes
 * to the same one (alphabetical, not by rank, which moves); such a name takes a slot no name of
 * the chart hashes to. The price: it can change colour when a filter adds or removes the name
 * it collided with. Re-ranking and refreshes never change a colour.
 */
export type Palette = { palette: string[]; other: string };

export function paletteSlot(name: string, size: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % size;
}

/** The colour of each series of one chart, by key (null = "Other"). */
export function assignColors(theme: Palette, keys: (string | null)[]): Map<string | null, string> {
  const size = theme.palette.length;
  const names = [...new Set(keys.filter((k): k is string => k !== null))].sort();
  const colors = new Map<string | null, string>([[null, theme.other]]);
  const owner = new Map<number, string>();
  const moved: string[] = [];
  // First every name that is the first (alphabetically) to hash to its slot: these keep their
  // own colour whatever else the chart shows.
  for (const name of names) {
    const slot = paletteSlot(name, size);
    if (owner.has(slot)) moved.push(name);
    else owner.set(slot, name);
  }
  // Then the others, into slots no name of the chart hashes to (more names than colours: shared).
  const free = Array.from({ length: size }, (_, i) => i).filter((i) => !owner.has(i));
  for (const [slot, name] of owner) colors.set(name, theme.palette[slot]!);
  moved.forEach((name, i) => colors.set(name, theme.palette[free[i] ?? paletteSlot(name, size)]!));
  return colors;
}
