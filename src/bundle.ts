// The script-tag build: everything the package exports, with every element registered.
export * from './index.js';
import './define.js';
