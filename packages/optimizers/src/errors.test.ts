// Bad input: the exact message, naming the argument, what was expected and what came.
import { ShapeError, tf, ValueError } from '@rnnkit/backend';
import { describe, expect, it } from 'vitest';
import { adadelta } from './adadelta.js';
import { adam } from './adam.js';
import { getOptimizer, optimizerFromConfig } from './get-optimizer.js';
import { nadam } from './nadam.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';

describe('hyper-parameter errors', () => {
  it('learning rate: negative, NaN, not a number', () => {
    expect(() => adam({ learningRate: -0.1 })).toThrow(new ValueError({ op: 'adam', argument: 'learningRate', expected: 'a finite number >= 0 or a learning-rate schedule', got: '-0.1' }));
    expect(() => sgd({ learningRate: NaN })).toThrow('sgd: learningRate must be a finite number >= 0 or a learning-rate schedule, got NaN');
    expect(() => sgd({ learningRate: '0.1' as unknown as number })).toThrow("sgd: learningRate must be a finite number >= 0 or a learning-rate schedule, got '0.1'");
    const opt = sgd();
    expect(() => opt.setLearningRate(-1)).toThrow('sgd.setLearningRate: learningRate must be a finite number >= 0 or a learning-rate schedule, got -1');
  });

  it('betas, rho and momentum outside [0, 1)', () => {
    expect(() => adam({ beta1: 1 })).toThrow('adam: beta1 must be a number in [0, 1), got 1');
    expect(() => adam({ beta2: -0.1 })).toThrow('adam: beta2 must be a number in [0, 1), got -0.1');
    expect(() => nadam({ beta1: NaN })).toThrow('nadam: beta1 must be a number in [0, 1), got NaN');
    expect(() => rmsprop({ rho: 1.5 })).toThrow('rmsprop: rho must be a number in [0, 1), got 1.5');
    expect(() => sgd({ momentum: 1 })).toThrow('sgd: momentum must be a number in [0, 1), got 1');
    expect(() => adadelta({ epsilon: -1 })).toThrow('adadelta: epsilon must be a finite number >= 0, got -1');
  });

  it('clipping: <= 0, and more than one kind at once', () => {
    expect(() => adam({ clipnorm: 0 })).toThrow('adam: clipnorm must be a finite number > 0, got 0');
    expect(() => adam({ clipnorm: -1 })).toThrow('adam: clipnorm must be a finite number > 0, got -1');
    expect(() => sgd({ globalClipnorm: NaN })).toThrow('sgd: globalClipnorm must be a finite number > 0, got NaN');
    expect(() => sgd({ clipvalue: 0 })).toThrow('sgd: clipvalue must be a finite number > 0, got 0');
    expect(() => adam({ clipnorm: 1, globalClipnorm: 1 })).toThrow('adam: clipnorm and globalClipnorm must be at most one of clipnorm, clipvalue and globalClipnorm, got 2 of them');
  });

  it('unknown options are refused, not ignored', () => {
    expect(() => adam({ learning_rate: 0.1 } as never)).toThrow('adam: config.learning_rate must be one of the known options (learningRate, clipnorm, clipvalue, globalClipnorm, weightDecay, reportNorms, beta1, beta2, epsilon, amsgrad), got an unknown option');
    expect(() => getOptimizer('adamm')).toThrow("getOptimizer: identifier must be one of 'sgd', 'adam', 'adamw', 'nadam', 'rmsprop', 'adagrad', 'adadelta', 'adamax' (any case), got 'adamm'");
    expect(() => optimizerFromConfig({ className: 'Ftrl', config: {} })).toThrow("optimizerFromConfig: className must be one of 'sgd', 'adam', 'adamw', 'nadam', 'rmsprop', 'adagrad', 'adadelta', 'adamax' (any case), got 'Ftrl'");
  });
});

describe('gradient errors', () => {
  it('a gradient whose shape differs from its variable: ShapeError, nothing updated', () => {
    const w = tf.tidy(() => tf.variable(tf.zeros([2, 3]), true, 'err-shape-w'));
    const g = tf.ones([3, 2]);
    const opt = adam();
    const before = tf.memory().numTensors;
    let caught: unknown;
    try { opt.applyGradients({ 'err-shape-w': g }); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(ShapeError);
    expect((caught as Error).message).toBe("adam.applyGradients: gradient of 'err-shape-w' must be shape [2,3] (the variable's shape), got shape [3,2]");
    expect(opt.iterations).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(w.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    tf.dispose([w, g]);
  });

  it('a gradient for no registered variable', () => {
    const g = tf.ones([1]);
    expect(() => sgd().applyGradients([{ name: 'no-such-var', tensor: g }])).toThrow("sgd.applyGradients: variableGradients['no-such-var'] must be the name of a registered tf.Variable, got no variable of that name");
    g.dispose();
  });
});
