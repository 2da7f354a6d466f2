import { describe, expect, it, vi } from 'vitest';
import { allItems } from '../src/api/pages';

describe('allItems', () => {
  it('follows next until the last page', async () => {
    const page = vi.fn(async (cursor?: string) =>
      cursor === undefined ? { items: [1, 2], next: 'c2' } : cursor === 'c2' ? { items: [3], next: 'c3' } : { items: [4], next: null });
    expect(await allItems(page)).toEqual([1, 2, 3, 4]);
    expect(page.mock.calls.map(([c]) => c)).toEqual([undefined, 'c2', 'c3']);
  });

  it('refuses a cursor that never ends rather than looping', async () => {
    await expect(allItems(async () => ({ items: [1], next: 'again' }), 3)).rejects.toThrow('More than 3 pages');
  });
});
