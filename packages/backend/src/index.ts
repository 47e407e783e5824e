export { tf } from './tfjs.js';
