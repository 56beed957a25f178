/**
 * The launch options of the instances: the root volume (`root-volume-size`, `-type`, `-iops`,
 * `-throughput`, `kms-key-id`), `instance-profile` and `cpu-credits`. EBS's own limits are checked
 * here, before any call; the one limit that needs the image (a size at least its root snapshot's)
 * is `rootVolumeProblem` with the image's size, at launch-template time.
 */
import { InputError } from '../errors.js';
import * as p from './primitives.js';
import type { InputName } from './types.js';

/** st1, sc1 and magnetic `standard` cannot boot an instance: only these are offered. */
export const ROOT_VOLUME_TYPES = ['gp3', 'gp2', 'io1', 'io2'] as const;
export type RootVolumeType = (typeof ROOT_VOLUME_TYPES)[number];
export type CpuCredits = 'standard' | 'unlimited';

export interface RootVolume {
  readonly type: RootVolumeType;
  /** GiB; undefined: the image's own size. */
  readonly sizeGiB: number | undefined;
  readonly iops: number | undefined;
  /** MiB/s, gp3 only. */
  readonly throughputMiBs: number | undefined;
  /** Undefined: the account's default EBS key (aws/ebs unless changed); the volume is encrypted either way. */
  readonly kmsKeyId: string | undefined;
}

/** The launch template's IamInstanceProfile: one of the two forms EC2 accepts. */
export type InstanceProfile = { readonly name: string } | { readonly arn: string };

interface Limits {
  readonly size: readonly [number, number];
  readonly iops?: readonly [number, number];
  /** Provisioned IOPS per GiB of volume at most. */
  readonly iopsPerGiB?: number;
  readonly throughput?: readonly [number, number];
  readonly iopsRequired?: boolean;
}

/**
 * EBS's limits per type (Amazon EBS volume types, EC2 User Guide; gp3 raised to 64 TiB,
 * 80,000 IOPS and 2,000 MiB/s in September 2025). gp3's first 3,000 IOPS come with any size;
 * its throughput is at most 0.25 MiB/s per IOPS (so 750 MiB/s at the 3,000 baseline).
 */
export const VOLUME_LIMITS: Readonly<Record<RootVolumeType, Limits>> = {
  gp3: { size: [1, 65536], iops: [3000, 80000], iopsPerGiB: 500, throughput: [125, 2000] },
  gp2: { size: [1, 16384] },
  io1: { size: [4, 16384], iops: [100, 64000], iopsPerGiB: 50, iopsRequired: true },
  io2: { size: [4, 65536], iops: [100, 256000], iopsPerGiB: 1000, iopsRequired: true },
};
const GP3_BASELINE_IOPS = 3000;

export function parseVolumeType(raw: string, input: InputName): RootVolumeType {
  if (['st1', 'sc1', 'standard'].includes(raw))
    throw new InputError(
      input,
      `${raw} volumes cannot be a boot (root) volume; use one of ${ROOT_VOLUME_TYPES.join(', ')}.`,
    );
  return p.parseEnum(input, raw, ROOT_VOLUME_TYPES);
}

/** `type` is undefined when `root-volume-type` itself was refused: only that error is shown. */
export function parseVolumeSize(raw: string, input: InputName, type: RootVolumeType | undefined) {
  if (type === undefined) return p.parseIntIn(input, raw, 1, 65536);
  const [min, max] = VOLUME_LIMITS[type].size;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new InputError(
      input,
      `a ${type} root volume is ${min} to ${max} GiB (a whole number), got '${p.printable(raw)}'.`,
    );
  return Number(raw);
}

export function parseIops(raw: string, input: InputName, type: RootVolumeType | undefined) {
  if (type === undefined) return undefined;
  const range = VOLUME_LIMITS[type].iops;
  if (raw === '') {
    if (VOLUME_LIMITS[type].iopsRequired)
      throw new InputError(input, `a ${type} root volume needs its provisioned IOPS; set it.`);
    return undefined;
  }
  if (range === undefined)
    throw new InputError(
      input,
      `${type} volumes take no provisioned IOPS; use root-volume-type gp3, io1 or io2, or leave it empty.`,
    );
  return p.parseIntIn(input, raw, range[0], range[1]);
}

export function parseThroughput(
  raw: string,
  input: InputName,
  type: RootVolumeType | undefined,
  iops: number | undefined,
) {
  if (type === undefined) return undefined;
  const range = VOLUME_LIMITS[type].throughput;
  if (range === undefined)
    throw new InputError(
      input,
      `only gp3 volumes take a provisioned throughput, root-volume-type is ${type}.`,
    );
  const mibs = p.parseIntIn(input, raw, range[0], range[1]);
  const ceiling = Math.floor((iops ?? GP3_BASELINE_IOPS) / 4);
  if (mibs > ceiling)
    throw new InputError(
      input,
      `gp3 allows at most 0.25 MiB/s per IOPS: ${mibs} MiB/s needs root-volume-iops ${mibs * 4} or more (it is ${iops ?? `${GP3_BASELINE_IOPS}, the baseline`}).`,
    );
  return mibs;
}

/**
 * What EBS would refuse about a root volume of `sizeGiB` (the input's, or the image's when the
 * input is empty): smaller than the image's root snapshot, or more IOPS than its size allows.
 */
export function rootVolumeProblem(
  rv: RootVolume,
  sizeGiB: number | undefined,
  snapshotGiB: number | undefined,
): InputError | undefined {
  if (rv.sizeGiB !== undefined && snapshotGiB !== undefined && rv.sizeGiB < snapshotGiB)
    return new InputError(
      'root-volume-size',
      `${rv.sizeGiB} GiB is smaller than the image's root snapshot (${snapshotGiB} GiB), which EC2 refuses; give ${snapshotGiB} or more, or leave it empty for the image's size.`,
    );
  const per = VOLUME_LIMITS[rv.type].iopsPerGiB;
  if (rv.iops === undefined || per === undefined || sizeGiB === undefined) return undefined;
  if (rv.type === 'gp3' && rv.iops <= GP3_BASELINE_IOPS) return undefined;
  if (rv.iops > sizeGiB * per)
    return new InputError(
      'root-volume-iops',
      `a ${sizeGiB} GiB ${rv.type} volume allows at most ${sizeGiB * per} IOPS (${per} per GiB); raise root-volume-size to ${Math.ceil(rv.iops / per)} or lower the IOPS.`,
    );
  return undefined;
}

const KEY_ID = /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
const KMS_ARN =
  /^arn:aws[a-z-]*:kms:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}):\d{12}:(key\/(.+)|alias\/[A-Za-z0-9/_-]{1,250})$/;

/**
 * A KMS key as EBS takes it: key id, `alias/…`, key ARN or alias ARN. KMS keys are regional: an
 * ARN names its region, and a plain key id exists in one region only (a multi-region `mrk-` id or
 * an alias can be the same name in several), so those are refused for a region they cannot be in.
 */
export function parseKmsKeyId(raw: string, regions: readonly string[]): string {
  const input = 'kms-key-id';
  const arn = KMS_ARN.exec(raw);
  if (arn) {
    const keyId = arn[3];
    if (keyId !== undefined && !KEY_ID.test(keyId))
      throw new InputError(input, `'${p.printable(raw)}' is not a key ARN (…:key/<key id>).`);
    const others = regions.filter((r) => r !== arn[1]);
    if (others.length > 0)
      throw new InputError(
        input,
        `the key is in ${arn[1]} but instances launch in ${others.join(', ')} too; an instance's volume needs a key of its own region (give a multi-region key id or an alias that exists in each region, or deploy one region per step).`,
      );
    return raw;
  }
  if (ALIAS.test(raw) || /^mrk-[0-9a-f]{32}$/.test(raw)) return raw;
  if (KEY_ID.test(raw)) {
    if (regions.length > 1)
      throw new InputError(
        input,
        `a key id belongs to one region but ${regions.length} regions are given; give a multi-region key (mrk-…) or an alias present in each region.`,
      );
    return raw;
  }
  throw new InputError(
    input,
    `'${p.printable(raw)}' is not a KMS key id, alias/… name, key ARN or alias ARN.`,
  );
}

const PROFILE_NAME = /^[\w+=,.@-]{1,128}$/;
const PROFILE_ARN =
  /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/([\w+=,.@/-]*\/)?[\w+=,.@-]{1,128}$/;

/** An instance profile's name, or its ARN (the form EC2 needs for a profile with a path). */
export function parseInstanceProfile(raw: string): InstanceProfile {
  if (raw.startsWith('arn:')) {
    if (PROFILE_ARN.test(raw)) return { arn: raw };
    throw new InputError(
      'instance-profile',
      `'${p.printable(raw)}' is not an instance profile ARN (arn:aws:iam::<account>:instance-profile/<name>); a role ARN is not one: give the profile that holds the role.`,
    );
  }
  if (PROFILE_NAME.test(raw)) return { name: raw };
  throw new InputError(
    'instance-profile',
    `'${p.printable(raw)}' is not an instance profile name (1-128 letters, digits and +=,.@_-) nor ARN.`,
  );
}
