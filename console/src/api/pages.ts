// API-4: lists come in pages (`items`, `next`). A view that needs the whole list (the environment
// tree) follows `next` up to a bound, so a runaway cursor cannot loop.
export interface Page<T> {
  items?: T[];
  next?: string | null;
}

export const MAX_PAGES = 20;

export async function allItems<T>(page: (cursor?: string) => Promise<Page<T>>, maxPages = MAX_PAGES): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const current = await page(cursor);
    items.push(...(current.items ?? []));
    if (!current.next) return items;
    cursor = current.next;
  }
  throw new Error(`More than ${maxPages} pages of results; not shown rather than shown incomplete.`);
}
