/**
 * Least-recently-used cache of rendered documents, bounded by total characters: a 1,000-LPAR phyp file
 * is megabytes, and an estate keeps hundreds of instants, most of which nobody will fetch twice.
 */
export class TextCache {
  private readonly entries = new Map<string, string>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  getOrRender(key: string, render: () => string): string {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const text = render();
    this.entries.set(key, text);
    this.size += text.length;
    for (const [oldKey, oldText] of this.entries) {
      if (this.size <= this.maxChars || oldKey === key) break;
      this.entries.delete(oldKey);
      this.size -= oldText.length;
    }
    return text;
  }
}
