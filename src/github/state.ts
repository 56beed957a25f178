import * as runner from './runner.js';
import type { StateStore } from '../modes/state.js';

/** The runner's step state: what main saves, post reads (modes/state.ts is the codec over it). */
export const actionsState: StateStore = {
  save: (k, v) => runner.saveState(k, v),
  get: (k) => runner.getState(k),
};
