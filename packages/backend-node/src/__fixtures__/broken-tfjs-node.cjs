// Stands in for a tfjs-node whose native addon was never built (its real message when lib/napi-v8 is missing).
throw new Error('The Node.js native addon module (tfjs_binding.node) can not be found at path: /nowhere/lib/napi-v8/tfjs_binding.node.');
