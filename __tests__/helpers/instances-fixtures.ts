import { EC2ServiceException, type Instance, type Tag } from '@aws-sdk/client-ec2';

/** An SDK error as EC2 returns it (the code in `name`). */
export function ec2Error(code: string, message = code): EC2ServiceException {
  return new EC2ServiceException({ name: code, $fault: 'client', $metadata: {}, message });
}

/** A clock that only moves when the code under test sleeps. */
export function fakeClock(start = 0) {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

export function inst(id: string, state: string, extra: Partial<Instance> = {}): Instance {
  return {
    InstanceId: id,
    InstanceType: 't3.micro',
    State: { Name: state as NonNullable<Instance['State']>['Name'] },
    ...extra,
  };
}

/** A DescribeInstances answer holding `instances` in one reservation. */
export function reservations(...instances: Instance[]) {
  return { Reservations: [{ Instances: instances }] };
}

/** EC2 tags by key (a tag without a key is dropped), for assertions on single tags. */
export function tagsOf(tags: readonly Tag[] | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value;
  return out;
}
