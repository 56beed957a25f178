import { fileURLToPath } from 'node:url';

/**
 * The action's own checkout: action.yml, cloud-init/ and bundle/ live there. Both `src/*.ts`
 * (tests) and `dist/index.js` (the built action) sit one directory below it.
 */
export function actionRoot(moduleUrl: string = import.meta.url): string {
  return fileURLToPath(new URL('..', moduleUrl));
}
