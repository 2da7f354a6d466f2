import { describe, expect, it, vi } from 'vitest';
import { newIdempotencyKey } from '../src/api/idempotency';

describe('newIdempotencyKey', () => {
  it('makes a version 4 UUID without randomUUID too (plain http is no secure context)', () => {
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a.fill(0xff) });
    expect(newIdempotencyKey()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('differs from call to call', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
