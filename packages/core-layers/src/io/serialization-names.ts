/** tfjs-layers activation name in Keras' JSON spelling: 'hardSigmoid' -> 'hard_sigmoid'. */
export const kerasActivation = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
