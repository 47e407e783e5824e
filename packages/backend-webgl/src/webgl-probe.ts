import { detectEnvironment } from '@rnnkit/backend';
import type { Availability } from '@rnnkit/backend';

type GlContext = WebGLRenderingContext | WebGL2RenderingContext;

/** A throwaway canvas context, or null: the same question tfjs asks before it can use WebGL. */
function createContext(): { gl: GlContext; version: 1 | 2 } | null {
  const canvas: HTMLCanvasElement | OffscreenCanvas | null =
    typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1)
      : typeof document !== 'undefined' ? document.createElement('canvas') : null;
  if (!canvas) return null;
  const gl2 = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
  if (gl2) return { gl: gl2, version: 2 };
  const gl1 = canvas.getContext('webgl') as WebGLRenderingContext | null;
  return gl1 ? { gl: gl1, version: 1 } : null;
}

export function probeWebgl(): Availability {
  if (detectEnvironment() === 'node') {
    return {
      available: false,
      reason: "WebGL needs a browser (a canvas with a GPU context); in Node use 'tensorflow' (npm i @rnnkit/backend-node) or 'wasm' (npm i @rnnkit/backend-wasm)",
    };
  }
  const ctx = createContext();
  if (!ctx) {
    return { available: false, reason: 'this browser gives no WebGL context (hardware acceleration is off, blocked, or unsupported)' };
  }
  ctx.gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { available: true };
}

/** What the GPU driver says it is ("ANGLE (Google, Vulkan 1.3.0 (SwiftShader ...))"), when the browser tells. */
export function rendererName(gl: GlContext | undefined): string | undefined {
  if (!gl) return undefined;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return typeof name === 'string' ? name : undefined;
}
