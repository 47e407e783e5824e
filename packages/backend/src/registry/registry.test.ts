import { afterEach, describe, expect, it } from 'vitest';
import { fakeAdapter } from './__fixtures__/fake-adapters.js';
import { getAdapter, registerAdapter, registeredAdapters, resetRegistryForTests } from './registry.js';

afterEach(() => resetRegistryForTests());

describe('registerAdapter', () => {
  it('has the built-in cpu adapter registered from the start', () => {
    expect(registeredAdapters().map((a) => a.name)).toEqual(['cpu']);
    expect(getAdapter('cpu')?.packageName).toBe('@rnnkit/backend');
  });

  it('adds an adapter by name', () => {
    const wasm = fakeAdapter({ name: 'wasm' });
    registerAdapter(wasm);
    expect(getAdapter('wasm')).toBe(wasm);
    expect(registeredAdapters().map((a) => a.name)).toEqual(['cpu', 'wasm']);
  });

  it('replaces an adapter re-registered by the same package', () => {
    const first = fakeAdapter({ name: 'wasm' });
    const second = fakeAdapter({ name: 'wasm' });
    registerAdapter(first);
    registerAdapter(second);
    expect(getAdapter('wasm')).toBe(second);
    expect(registeredAdapters()).toHaveLength(2);
  });

  it('refuses a name already taken by another package', () => {
    registerAdapter(fakeAdapter({ name: 'wasm' }));
    expect(() => registerAdapter(fakeAdapter({ name: 'wasm', packageName: 'other-wasm' }))).toThrow(
      "registerAdapter: backend 'wasm' is already registered by @rnnkit/backend-wasm; other-wasm cannot register the same name",
    );
    expect(() => registerAdapter(fakeAdapter({ name: 'cpu', packageName: 'my-cpu' }))).toThrow(
      "registerAdapter: backend 'cpu' is already registered by @rnnkit/backend; my-cpu cannot register the same name",
    );
  });

  it("refuses an empty name and 'auto'", () => {
    expect(() => registerAdapter(fakeAdapter({ name: '' }))).toThrow(
      "registerAdapter: adapter.name must be a non-empty string other than 'auto', got \"\"",
    );
    expect(() => registerAdapter(fakeAdapter({ name: 'auto' }))).toThrow("other than 'auto', got \"auto\"");
  });
});
