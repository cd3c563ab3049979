import { describe, it, expect } from 'vitest';
describe('smoke', () => { it('runs', () => { expect(indexedDB).toBeDefined(); }); });
