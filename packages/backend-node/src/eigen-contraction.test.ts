import { describe, expect, it } from 'vitest';
import { CONTRACTION_VARIABLE, contractionKernelIsEigens, loadWithEigenContractions } from './eigen-contraction.js';

describe('Eigen contraction kernel choice', () => {
  it('reads TensorFlow\'s own spellings of "off"', () => {
    expect(CONTRACTION_VARIABLE).toBe('TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL');
    expect(contractionKernelIsEigens({})).toBe(false);
    expect(contractionKernelIsEigens({ [CONTRACTION_VARIABLE]: 'false' })).toBe(true);
    expect(contractionKernelIsEigens({ [CONTRACTION_VARIABLE]: '0' })).toBe(true);
    expect(contractionKernelIsEigens({ [CONTRACTION_VARIABLE]: 'true' })).toBe(false);
    expect(contractionKernelIsEigens({ [CONTRACTION_VARIABLE]: 'FALSE' })).toBe(false);
  });

  it('sets the variable only while loading, when the user has not set it, and restores the environment', async () => {
    const env: NodeJS.ProcessEnv = {};
    let seen: string | undefined;
    expect(await loadWithEigenContractions(async () => { seen = env[CONTRACTION_VARIABLE]; return true; }, env)).toBe(true);
    expect(seen).toBe('false');
    expect(env).toEqual({});
  });

  it('keeps a user\'s own setting, either way', async () => {
    const on: NodeJS.ProcessEnv = { [CONTRACTION_VARIABLE]: 'true' };
    expect(await loadWithEigenContractions(async () => true, on)).toBe(false);
    expect(on).toEqual({ [CONTRACTION_VARIABLE]: 'true' });
    const off: NodeJS.ProcessEnv = { [CONTRACTION_VARIABLE]: '0' };
    expect(await loadWithEigenContractions(async () => true, off)).toBe(true);
    expect(off).toEqual({ [CONTRACTION_VARIABLE]: '0' });
  });

  it('sets it with TF_ENABLE_ONEDNN_OPTS=0 too, where every MatMul is an Eigen contraction', async () => {
    const env: NodeJS.ProcessEnv = { TF_ENABLE_ONEDNN_OPTS: '0' };
    let seen: string | undefined;
    expect(await loadWithEigenContractions(async () => { seen = env[CONTRACTION_VARIABLE]; return true; }, env)).toBe(true);
    expect(seen).toBe('false');
    expect(env).toEqual({ TF_ENABLE_ONEDNN_OPTS: '0' });
  });

  it('restores the environment when loading fails', async () => {
    const env: NodeJS.ProcessEnv = {};
    await expect(loadWithEigenContractions(async () => { throw new Error('no libtensorflow'); }, env)).rejects.toThrow('no libtensorflow');
    expect(env).toEqual({});
  });

  it('claims nothing when the first contraction never ran (a later one would read the restored environment)', async () => {
    const env: NodeJS.ProcessEnv = {};
    expect(await loadWithEigenContractions(async () => false, env)).toBe(false);
    expect(env).toEqual({});
    // The user's own setting holds whenever TensorFlow gets to read it.
    expect(await loadWithEigenContractions(async () => false, { [CONTRACTION_VARIABLE]: 'false' })).toBe(true);
  });
});
