/** The threaded-simd tfjs wasm binary, base64-encoded (generated at build). */
declare const wasmBase64: string;
export default wasmBase64;
