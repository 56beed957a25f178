/** README.md's generated tables (scripts/gen-docs.mjs), as the docs tests read them. */

/** The first column of a generated table: the names it lists, in order. */
export function tableNames(readme: string, section: string): string[] {
  const body = readme.split(`<!-- ${section}:start -->`)[1]?.split(`<!-- ${section}:end -->`)[0];
  return (body ?? '')
    .split('\n')
    .map((line) => /^\| `([^`]+)` \|/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}
