/** A binary max-heap of integer items keyed by numbers; O(log n) push and pop. */
export class MaxHeap {
  private readonly keys: number[] = [];
  private readonly items: number[] = [];

  /** Items held. */
  get size(): number {
    return this.items.length;
  }

  /** Adds `item` with priority `key`. */
  push(item: number, key: number): void {
    this.keys.push(key);
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  /** The largest key, or -Infinity when empty. */
  peekKey(): number {
    return this.keys[0] ?? Number.NEGATIVE_INFINITY;
  }

  /** Removes and returns the item with the largest key; undefined when empty. */
  pop(): number | undefined {
    const top = this.items[0];
    if (top === undefined) return undefined;
    const lastKey = this.keys.pop()!;
    const lastItem = this.items.pop()!;
    if (this.items.length > 0) {
      this.keys[0] = lastKey;
      this.items[0] = lastItem;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(start: number): void {
    let child = start;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.keys[parent]! >= this.keys[child]!) return;
      this.swap(parent, child);
      child = parent;
    }
  }

  private siftDown(start: number): void {
    let parent = start;
    const length = this.items.length;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let largest = parent;
      if (left < length && this.keys[left]! > this.keys[largest]!) largest = left;
      if (right < length && this.keys[right]! > this.keys[largest]!) largest = right;
      if (largest === parent) return;
      this.swap(parent, largest);
      parent = largest;
    }
  }

  private swap(left: number, right: number): void {
    [this.keys[left], this.keys[right]] = [this.keys[right]!, this.keys[left]!];
    [this.items[left], this.items[right]] = [this.items[right]!, this.items[left]!];
  }
}
