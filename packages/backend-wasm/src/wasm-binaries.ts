// Where tfjs-backend-wasm finds its .wasm binaries, so that no user calls setWasmPaths.
// Node: tfjs's own Node build reads them next to itself (dist/), which always holds in node_modules.
// Browsers: the binary tfjs will pick is embedded as a JS chunk (wasm/<variant>.js, generated at build),
// decoded into a Blob URL. Bundlers handle a dynamic import of JS everywhere; a bare .wasm file they do not.

export type WasmVariant = 'plain' | 'simd' | 'threaded-simd';

export const WASM_FILES: Record<WasmVariant, string> = {
  plain: 'tfjs-backend-wasm.wasm',
  simd: 'tfjs-backend-wasm-simd.wasm',
  'threaded-simd': 'tfjs-backend-wasm-threaded-simd.wasm',
};

export function pickVariant(simd: boolean, threads: boolean): WasmVariant {
  if (simd && threads) return 'threaded-simd';
  return simd ? 'simd' : 'plain';
}

async function loadEmbedded(variant: WasmVariant): Promise<string> {
  switch (variant) {
    case 'plain': return (await import('../wasm/plain.js')).default;
    case 'simd': return (await import('../wasm/simd.js')).default;
    case 'threaded-simd': return (await import('../wasm/threaded-simd.js')).default;
  }
}

/** A file map for setWasmPaths: the chosen variant as a Blob URL (tfjs wants an entry for each name). */
export async function browserWasmFileMap(variant: WasmVariant): Promise<Record<string, string>> {
  const base64 = await loadEmbedded(variant);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/wasm' }));
  return Object.fromEntries(Object.values(WASM_FILES).map((name) => [name, url]));
}
