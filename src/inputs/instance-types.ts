export type Architecture = 'x86_64' | 'arm64';

/**
 * Image aliases resolved per region (owner account and name pattern for DescribeImages); the
 * newest available build wins. Owners are account ids, not aliases such as `amazon`: an alias
 * covers every image its owner publishes (and moto gives it to every catalogue image).
 */
export const AMI_ALIASES: Readonly<
  Record<
    string,
    {
      owner: string;
      name: Record<Architecture, string>;
      /** The package manager cloud-init's `packages` drives there (apt or dnf). */
      packageManager: 'apt' | 'dnf';
    }
  >
> = {
  'ubuntu-24.04': {
    owner: '099720109477',
    packageManager: 'apt',
    name: {
      x86_64: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*',
      arm64: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*',
    },
  },
  'ubuntu-22.04': {
    owner: '099720109477',
    packageManager: 'apt',
    name: {
      x86_64: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*',
      arm64: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-*',
    },
  },
  'debian-12': {
    owner: '136693071363',
    packageManager: 'apt',
    name: { x86_64: 'debian-12-amd64-*', arm64: 'debian-12-arm64-*' },
  },
  // Amazon's own builds (account 137112412989 in the commercial regions), e.g.
  // al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64; `al2023-ami-2023.` leaves out the minimal
  // (`al2023-ami-minimal-…`, a smaller package set) and the ECS-optimised images.
  'amazon-linux-2023': {
    owner: '137112412989',
    packageManager: 'dnf',
    name: {
      x86_64: 'al2023-ami-2023.*-kernel-*-x86_64',
      arm64: 'al2023-ami-2023.*-kernel-*-arm64',
    },
  },
};

/**
 * The CPU architecture of an instance type, from its family name: Graviton families carry a
 * `g` right after the generation digit (m7g, c6gn, r6gd, t4g, g5g, is4gen), plus a1. Other
 * families with a g elsewhere (g4dn, g6) are x86_64.
 */
export function architectureOf(instanceType: string): Architecture {
  const family = instanceType.split('.')[0] ?? '';
  if (family === 'a1' || /^[a-z]+\d+g[a-z]*(-[a-z0-9]+)?$/.test(family)) return 'arm64';
  return 'x86_64';
}
