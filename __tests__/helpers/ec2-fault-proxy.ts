/**
 * A loopback HTTP proxy between product code and moto's EC2 endpoint that can answer chosen EC2
 * Query API calls itself: moto launches whatever CreateFleet asks for and never throttles, so the
 * fault matrix (e2e/fault-matrix.test.ts) makes capacity errors and throttling here. Point the
 * action at `proxy.endpoint` (AWS_ENDPOINT_URL_EC2); the test's own assertions keep talking to
 * moto directly. Listens on 127.0.0.1 only and forwards only to the (loopback) moto endpoint.
 *
 * The answers follow the EC2 Query protocol as the SDK parses it:
 * - a CreateFleet "no capacity" answer is a normal 200 CreateFleetResponse with an `errorSet` item
 *   per pool (launchTemplateAndOverrides/overrides with the pool's instanceType and subnetId,
 *   lifecycle, errorCode, errorMessage) and an empty `fleetInstanceSet`, which is what an instant
 *   fleet returns when no pool has capacity;
 * - throttling is HTTP 503 with `<Response><Errors><Error><Code>RequestLimitExceeded</Code>…`;
 * - EC2's eventual consistency (`notVisibleAfterCreate`): for a while after the proxy forwarded
 *   CreateSecurityGroup / CreateLaunchTemplate(Version), AuthorizeSecurityGroupIngress on that group
 *   answers HTTP 400 InvalidGroup.NotFound and CreateFleet on that template answers
 *   InvalidLaunchTemplateId.NotFound, thrown (HTTP 400) or as one `errorSet` item per pool.
 * - TerminateInstances' NotFound (EC2's eventual consistency for an id launched seconds ago) and
 *   an expired session (`ExpiredToken`) are HTTP 400 with the same `<Response><Errors>` body.
 * - quotas are per region (`quota`): CreateFleet (and RunInstances) in a chosen region answer HTTP
 *   400 VcpuLimitExceeded / InstanceLimitExceeded, thrown, for either lifecycle. The region of a
 *   request is the one its SigV4 credential scope names (`Credential=AKID/date/REGION/ec2/…`).
 * - an instance that dies on launch (`dieOnLaunch`), as with an EBS KMS key EC2 may not use:
 *   moto launches it, the proxy terminates it in moto before CreateFleet's answer goes back, and
 *   every DescribeInstances answer shows it `terminated` with the given state reason
 *   (`Client.InternalError: Client error on launch` is what EC2 says for the KMS case).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One override (pool) of a CreateFleet request, read from its form parameters. */
export interface FleetPool {
  readonly launchTemplateId?: string | undefined;
  readonly launchTemplateName?: string | undefined;
  readonly version?: string | undefined;
  readonly instanceType?: string | undefined;
  readonly subnetId?: string | undefined;
  /** Where the request had it: LaunchTemplateConfigs.[0].Overrides.[1]. */
  readonly at?: readonly [number, number];
}

/** One EC2 call as the proxy saw it. */
export interface Ec2Call {
  readonly action: string;
  /** 0-based count of this action so far. */
  readonly index: number;
  readonly params: URLSearchParams;
  /** The region the request is signed for (its SigV4 credential scope), if it says. */
  readonly region: string | undefined;
  /** When the proxy received it (Date.now()), for timelines. */
  readonly at: number;
  /**
   * What the proxy did: forwarded to moto, answered 503 RequestLimitExceeded, answered "no capacity
   * in any pool", forwarded the pools with capacity and added errors for the others ('partial').
   */
  outcome:
    | 'forwarded'
    | 'throttled'
    | 'capacity'
    | 'partial'
    | 'error'
    /** Answered 400 Invalid*.NotFound for a resource created moments ago (notVisibleAfterCreate). */
    | 'not-visible'
    /** Answered 400 InvalidInstanceID.NotFound for instances moto has (terminateNotFound). */
    | 'terminate-not-found'
    /** Answered 400 ExpiredToken (expiredCredentials). */
    | 'expired'
    /** Answered 400 VcpuLimitExceeded / InstanceLimitExceeded for its region (quota). */
    | 'quota'
    /** Forwarded; what it launched was terminated in moto at once (dieOnLaunch). */
    | 'died-on-launch'
    /** Forwarded; moto's answer rewritten to show instances that died on launch (dieOnLaunch). */
    | 'death-reported';
  /** moto's answer (forwarded calls), for comparison with the proxy's own. */
  responseBody?: string;
}

/**
 * The capacity error code of one pool of a CreateFleet request, or undefined when that pool has
 * capacity. Pools with capacity are forwarded to moto (the failing overrides removed from the
 * request) and the failing ones are added to moto's answer as `errorSet` items, as EC2 answers a
 * fleet in which some pools had capacity; when every pool fails, moto is not asked at all.
 */
export type CapacityRule = (pool: FleetPool, call: Ec2Call) => string | undefined;

/** The launch quotas EC2 counts per region (vCPUs per instance family, instances). */
export type QuotaCode = 'VcpuLimitExceeded' | 'InstanceLimitExceeded';

/** EC2's words for each quota (the limits in them are made up: a quota of 0 refuses everything). */
export const QUOTA_MESSAGES: Readonly<Record<QuotaCode, string>> = {
  VcpuLimitExceeded:
    'You have requested more vCPU capacity than your current vCPU limit of 0 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.',
  InstanceLimitExceeded:
    'You have requested more instances (1) than your current instance limit of 0 allows for the specified instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.',
};

/** An instance's `StateReason` (DescribeInstances). */
export interface StateReason {
  readonly code: string;
  readonly message: string;
}

/**
 * What EC2 shows for an instance whose encrypted root volume's KMS key it may not use (disabled,
 * pending deletion, or no grant for the launching principal or the spot service-linked role): it
 * goes pending → terminated with this reason, which names no cause.
 */
export const KMS_LAUNCH_FAILURE: StateReason = {
  code: 'Client.InternalError',
  message: 'Client.InternalError: Client error on launch',
};

/** What EC2 shows for a spot instance whose capacity it reclaimed (after the 2-minute notice). */
export const SPOT_RECLAIMED: StateReason = {
  code: 'Server.SpotInstanceTermination',
  message: 'Server.SpotInstanceTermination: Spot instance termination',
};

export interface Ec2FaultProxy {
  readonly endpoint: string;
  readonly calls: readonly Ec2Call[];
  /** The first `n` calls of `action` from now on answer 503 RequestLimitExceeded. */
  throttle(action: string, n: number): void;
  /** CreateFleet requests for which `rule` returns a code are answered with that error per pool. */
  capacity(rule: CapacityRule | undefined): void;
  /**
   * Groups and templates created through the proxy from now on stay unknown to
   * AuthorizeSecurityGroupIngress and CreateFleet for `windowMs` after their create call returned;
   * CreateFleet says so thrown (HTTP 400) or per pool in its errorSet (`fleet`). `undefined` ends it.
   */
  notVisibleAfterCreate(
    opts: { readonly windowMs: number; readonly fleet: 'thrown' | 'errorSet' } | undefined,
  ): void;
  /**
   * The next `n` TerminateInstances calls answer 400 InvalidInstanceID.NotFound naming their ids,
   * without asking moto: EC2's eventual consistency right after a launch (the instances keep
   * running in moto).
   */
  terminateNotFound(n: number): void;
  /**
   * While on, every call answers 400 ExpiredToken without asking moto: an assumed-role session
   * that ended before the post step.
   */
  expiredCredentials(on: boolean): void;
  /**
   * CreateFleet and RunInstances signed for a region in `byRegion` answer 400 with that region's
   * quota code (thrown, whatever the lifecycle), without asking moto. `undefined` ends it.
   */
  quota(byRegion: Readonly<Record<string, QuotaCode>> | undefined): void;
  /**
   * While set, what CreateFleet (or RunInstances) launches from now on dies at once: terminated in
   * moto before the answer goes back, and shown `terminated` with `reason` by every
   * DescribeInstances answer from then on (also after `dieOnLaunch(undefined)`, until reset).
   */
  dieOnLaunch(reason: StateReason | undefined): void;
  /**
   * From now on (until reset) every DescribeInstances answer shows `ids` `terminated` with
   * `reason`: moto's TerminateInstances always records a user-initiated shutdown, so a test that
   * terminates instances in moto says here why EC2 would have (e.g. SPOT_RECLAIMED).
   */
  showTerminated(ids: readonly string[], reason: StateReason): void;
  /**
   * While on, every DescribeInstances answer shows each instance's private address as its public
   * one (`ipAddress`): the fake instances listen on loopback private addresses, so a run with
   * `ssh-address: public-ip` reaches them. Off after reset.
   */
  publicIpIsPrivate(on: boolean): void;
  /** Forgets every fault and the call log. */
  reset(): void;
  count(action: string, outcome?: Ec2Call['outcome']): number;
  stop(): Promise<void>;
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The overrides of every LaunchTemplateConfigs.N, in order (spot-deploy sends one config per
 * launch template version: two when a type list mixes T and other types, see creditVersions).
 */
export function fleetPools(params: URLSearchParams): FleetPool[] {
  const pools: FleetPool[] = [];
  for (let c = 1; c <= 50; c++) {
    const lt = `LaunchTemplateConfigs.${c}.LaunchTemplateSpecification`;
    const base = {
      launchTemplateId: params.get(`${lt}.LaunchTemplateId`) ?? undefined,
      launchTemplateName: params.get(`${lt}.LaunchTemplateName`) ?? undefined,
      version: params.get(`${lt}.Version`) ?? undefined,
    };
    if (Object.values(base).every((v) => v === undefined)) break;
    for (let i = 1; i <= 1000; i++) {
      const p = `LaunchTemplateConfigs.${c}.Overrides.${i}`;
      const instanceType = params.get(`${p}.InstanceType`) ?? undefined;
      const subnetId = params.get(`${p}.SubnetId`) ?? undefined;
      if (instanceType === undefined && subnetId === undefined) break;
      pools.push({ ...base, instanceType, subnetId, at: [c, i] });
    }
  }
  return pools;
}

/** `errorSet` items (EC2 Query XML) for pools that failed, each with its code. */
export function fleetErrorItems(
  failures: readonly { pool: FleetPool; code: string }[],
  lifecycle: string,
): string {
  const tag = (name: string, v: string | undefined) =>
    v === undefined ? '' : `<${name}>${xmlEscape(v)}</${name}>`;
  return failures
    .map(
      ({ pool: p, code }) =>
        '<item><launchTemplateAndOverrides><launchTemplateSpecification>' +
        tag('launchTemplateId', p.launchTemplateId) +
        tag('launchTemplateName', p.launchTemplateName) +
        tag('version', p.version) +
        '</launchTemplateSpecification><overrides>' +
        tag('instanceType', p.instanceType) +
        tag('subnetId', p.subnetId) +
        '</overrides></launchTemplateAndOverrides>' +
        tag('lifecycle', lifecycle) +
        tag('errorCode', code) +
        tag(
          'errorMessage',
          `There is no ${lifecycle} capacity available that matches your request.`,
        ) +
        '</item>',
    )
    .join('');
}

/** A CreateFleetResponse (EC2 Query XML) in which every pool failed and nothing launched. */
export function capacityErrorXml(
  failures: readonly { pool: FleetPool; code: string }[],
  lifecycle: string,
): string {
  const items = fleetErrorItems(failures, lifecycle);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<CreateFleetResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
    `<requestId>${randomUUID()}</requestId>` +
    `<fleetId>fleet-${randomUUID()}</fleetId>` +
    `<errorSet>${items}</errorSet>` +
    '<fleetInstanceSet/>' +
    '</CreateFleetResponse>'
  );
}

/** An EC2 Query API error body (HTTP 400 for client errors). */
export function errorXml(code: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${xmlEscape(code)}</Code>` +
    `<Message>${xmlEscape(message)}</Message></Error></Errors>` +
    `<RequestID>${randomUUID()}</RequestID></Response>`
  );
}

/** TerminateInstances' InvalidInstanceID.NotFound for the ids of the request, as EC2 words it. */
export function terminateNotFoundXml(params: URLSearchParams): string {
  const ids = [...params].filter(([k]) => /^InstanceId\.\d+$/.test(k)).map(([, v]) => v);
  const which =
    ids.length === 1
      ? `The instance ID '${ids[0]}' does not exist`
      : `The instance IDs '${ids.join(', ')}' do not exist`;
  return errorXml('InvalidInstanceID.NotFound', which);
}

export function throttleXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Response><Errors><Error><Code>RequestLimitExceeded</Code>' +
    '<Message>Request limit exceeded.</Message></Error></Errors>' +
    `<RequestID>${randomUUID()}</RequestID></Response>`
  );
}

/** The region of a SigV4-signed EC2 request: `Credential=AKID/20261202/eu-west-1/ec2/aws4_request`. */
export function signedRegion(authorization: string | undefined): string | undefined {
  return /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/ec2\/aws4_request/.exec(authorization ?? '')?.[1];
}

/** The instance ids a CreateFleet (`fleetInstanceSet`) or RunInstances (`instancesSet`) answer names. */
export function launchedIds(action: string, xml: string): string[] {
  if (action === 'RunInstances')
    return [...xml.matchAll(/<instanceId>(i-[0-9a-f]+)<\/instanceId>/g)].map((m) => m[1] ?? '');
  const ids: string[] = [];
  for (const set of xml.matchAll(/<instanceIds>([\s\S]*?)<\/instanceIds>/g))
    for (const m of (set[1] ?? '').matchAll(/<item>(i-[0-9a-f]+)<\/item>/g)) ids.push(m[1] ?? '');
  return ids;
}

/** The outermost `<item>…</item>` ranges of `xml` (nested items belong to them). */
function outerItems(xml: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let start = 0;
  for (const m of xml.matchAll(/<item\/>|<item>|<\/item>/g)) {
    if (m[0] === '<item/>') continue;
    if (m[0] === '<item>') {
      if (depth++ === 0) start = m.index;
    } else if (--depth === 0) out.push({ start, end: m.index + m[0].length });
  }
  return out;
}

/** The instance id of one instance `<item>`: its own `instanceId`, not one of a nested item's. */
function ownInstanceId(item: string): string | undefined {
  let inner = item.slice('<item>'.length, -'</item>'.length);
  for (const r of outerItems(inner).reverse()) inner = inner.slice(0, r.start) + inner.slice(r.end);
  return /<instanceId>([^<]+)<\/instanceId>/.exec(inner)?.[1];
}

/**
 * A DescribeInstances answer with each instance rewritten by `f`: the instances are the outermost
 * items of each `instancesSet` (their block devices, interfaces and tags are nested items).
 */
function mapInstanceItems(xml: string, f: (item: string) => string): string {
  return xml.replace(/<instancesSet>([\s\S]*?)<\/instancesSet>/g, (_all, body: string) => {
    let out = '';
    let at = 0;
    for (const r of outerItems(body)) {
      out += body.slice(at, r.start) + f(body.slice(r.start, r.end));
      at = r.end;
    }
    return `<instancesSet>${out}${body.slice(at)}</instancesSet>`;
  });
}

/**
 * A DescribeInstances answer in which every instance of `dead` is `terminated` with its state
 * reason, as EC2 shows an instance that died on launch. Their block devices, interfaces and tags
 * are left as moto wrote them.
 */
export function withDeathReported(xml: string, dead: ReadonlyMap<string, StateReason>): string {
  return mapInstanceItems(xml, (item) => {
    const reason = dead.get(ownInstanceId(item) ?? '');
    if (reason === undefined) return item;
    const stateReason =
      `<stateReason><code>${xmlEscape(reason.code)}</code>` +
      `<message>${xmlEscape(reason.message)}</message></stateReason>`;
    const rewritten = item.replace(
      /<instanceState>[\s\S]*?<\/instanceState>/,
      '<instanceState><code>48</code><name>terminated</name></instanceState>',
    );
    return /<stateReason>[\s\S]*?<\/stateReason>/.test(rewritten)
      ? rewritten.replace(/<stateReason>[\s\S]*?<\/stateReason>/, stateReason)
      : `${rewritten.slice(0, -'</item>'.length)}${stateReason}</item>`;
  });
}

/**
 * A DescribeInstances answer in which every instance's `ipAddress` (its public IPv4) is its
 * `privateIpAddress` (publicIpIsPrivate).
 */
export function withPrivateAsPublic(xml: string): string {
  return mapInstanceItems(xml, ownLevelRewrite);
}

/** One instance item with its own `ipAddress` set to its own `privateIpAddress` (nested items untouched). */
function ownLevelRewrite(item: string): string {
  const inner = item.slice('<item>'.length, -'</item>'.length);
  const nested = outerItems(inner);
  // The instance's own fields: the text between its nested items (interfaces, tags, …).
  const pieces: Array<{ own: boolean; text: string }> = [];
  let at = 0;
  for (const r of nested) {
    pieces.push({ own: true, text: inner.slice(at, r.start) });
    pieces.push({ own: false, text: inner.slice(r.start, r.end) });
    at = r.end;
  }
  pieces.push({ own: true, text: inner.slice(at) });
  const own = pieces
    .filter((p) => p.own)
    .map((p) => p.text)
    .join('');
  const priv = /<privateIpAddress>([^<]+)<\/privateIpAddress>/.exec(own)?.[1];
  if (priv === undefined) return item;
  const rewritten = pieces
    .map((p) => (p.own ? p.text.replace(/<ipAddress>[^<]*<\/ipAddress>/g, '') : p.text))
    .join('');
  return `<item><ipAddress>${priv}</ipAddress>${rewritten}</item>`;
}

/**
 * The request with the failing overrides removed, the rest renumbered from 1 (a config left with
 * no override is removed, and the configs renumbered too).
 */
export function withoutOverrides(
  params: URLSearchParams,
  verdicts: readonly { pool: FleetPool; code: string | undefined }[],
): URLSearchParams {
  const kept = verdicts.filter((v) => v.code === undefined && v.pool.at).map((v) => v.pool.at!);
  const configs = new Map<number, number>();
  const overrides = new Map<string, number>();
  for (const [c, o] of kept) {
    if (!configs.has(c)) configs.set(c, configs.size + 1);
    const n = [...overrides.keys()].filter((k) => k.startsWith(`${c}.`)).length + 1;
    overrides.set(`${c}.${o}`, n);
  }
  const out = new URLSearchParams();
  for (const [k, v] of params) {
    const m = /^LaunchTemplateConfigs\.(\d+)\.(.*)$/.exec(k);
    if (!m) {
      out.append(k, v);
      continue;
    }
    const c = Number(m[1]);
    const to = configs.get(c);
    if (to === undefined) continue;
    const o = /^Overrides\.(\d+)(\..*)$/.exec(m[2] ?? '');
    if (!o) {
      out.append(`LaunchTemplateConfigs.${to}.${m[2]}`, v);
      continue;
    }
    const n = overrides.get(`${c}.${o[1]}`);
    if (n !== undefined) out.append(`LaunchTemplateConfigs.${to}.Overrides.${n}${o[2]}`, v);
  }
  return out;
}

/** moto's CreateFleetResponse with `items` added to its errorSet. */
function withErrorItems(xml: string, items: string): string {
  if (/<errorSet\s*\/>/.test(xml))
    return xml.replace(/<errorSet\s*\/>/, `<errorSet>${items}</errorSet>`);
  if (xml.includes('<errorSet>')) return xml.replace('<errorSet>', `<errorSet>${items}`);
  return xml.replace(
    '</CreateFleetResponse>',
    `<errorSet>${items}</errorSet></CreateFleetResponse>`,
  );
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the proxy on a free 127.0.0.1 port in front of `target` (moto's loopback endpoint). */
export async function startEc2FaultProxy(target: string): Promise<Ec2FaultProxy> {
  const upstream = new URL(target);
  if (!['127.0.0.1', 'localhost'].includes(upstream.hostname))
    throw new Error(`the EC2 fault proxy forwards to loopback only, not ${target}`);
  const calls: Ec2Call[] = [];
  const perAction = new Map<string, number>();
  const throttles = new Map<string, number>();
  let capacity: CapacityRule | undefined;
  let notVisible: { windowMs: number; fleet: 'thrown' | 'errorSet' } | undefined;
  /** Resource id → when its create call returned (only while notVisible is set). */
  const createdAt = new Map<string, number>();
  const fresh = (id: string | null) =>
    notVisible !== undefined &&
    id !== null &&
    Date.now() - (createdAt.get(id) ?? -Infinity) < notVisible.windowMs;
  let terminateNotFound = 0;
  let expired = false;
  let quotas: Readonly<Record<string, QuotaCode>> | undefined;
  let dying: StateReason | undefined;
  let publicIsPrivate = false;
  /** Instance id → the state reason DescribeInstances shows for it (dieOnLaunch). */
  const dead = new Map<string, StateReason>();

  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, {
      'content-type': 'text/xml;charset=UTF-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const params = new URLSearchParams(
      req.method === 'POST' ? body.toString('utf8') : (req.url ?? '').split('?')[1],
    );
    const action = params.get('Action') ?? '';
    const index = perAction.get(action) ?? 0;
    perAction.set(action, index + 1);
    const region = signedRegion(req.headers.authorization);
    const call: Ec2Call = { action, index, params, region, at: Date.now(), outcome: 'forwarded' };
    calls.push(call);

    if (expired) {
      call.outcome = 'expired';
      send(
        res,
        400,
        errorXml('ExpiredToken', 'The security token included in the request is expired'),
      );
      return;
    }
    if (action === 'TerminateInstances' && terminateNotFound > 0) {
      terminateNotFound--;
      call.outcome = 'terminate-not-found';
      send(res, 400, terminateNotFoundXml(params));
      return;
    }
    const left = throttles.get(action) ?? 0;
    if (left > 0) {
      throttles.set(action, left - 1);
      call.outcome = 'throttled';
      send(res, 503, throttleXml());
      return;
    }
    const quota = region === undefined ? undefined : quotas?.[region];
    if ((action === 'CreateFleet' || action === 'RunInstances') && quota !== undefined) {
      call.outcome = 'quota';
      send(res, 400, errorXml(quota, QUOTA_MESSAGES[quota]));
      return;
    }
    if (action === 'AuthorizeSecurityGroupIngress' && fresh(params.get('GroupId'))) {
      call.outcome = 'not-visible';
      const id = params.get('GroupId') ?? '';
      send(
        res,
        400,
        errorXml('InvalidGroup.NotFound', `The security group '${id}' does not exist`),
      );
      return;
    }
    const fleetTemplate = params.get(
      'LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateId',
    );
    if (action === 'CreateFleet' && notVisible && fresh(fleetTemplate)) {
      call.outcome = 'not-visible';
      const code = 'InvalidLaunchTemplateId.NotFound';
      const message = `The specified launch template, with template ID ${fleetTemplate}, does not exist.`;
      if (notVisible.fleet === 'thrown') send(res, 400, errorXml(code, message));
      else {
        const lifecycle =
          params.get('TargetCapacitySpecification.DefaultTargetCapacityType') ?? 'spot';
        const failures = fleetPools(params).map((pool) => ({ pool, code }));
        send(
          res,
          200,
          capacityErrorXml(failures, lifecycle).replace(/There is no [^<]*/g, message),
        );
      }
      return;
    }
    let forwardBody = body;
    let injected = '';
    if (action === 'CreateFleet' && capacity) {
      const rule = capacity;
      const pools = fleetPools(params);
      const lifecycle =
        params.get('TargetCapacitySpecification.DefaultTargetCapacityType') ?? 'spot';
      const verdicts = pools.map((pool) => ({ pool, code: rule(pool, call) }));
      const failures = verdicts.flatMap((v) =>
        v.code === undefined ? [] : [{ pool: v.pool, code: v.code }],
      );
      if (failures.length > 0 && failures.length === pools.length) {
        call.outcome = 'capacity';
        send(res, 200, capacityErrorXml(failures, lifecycle));
        return;
      }
      if (failures.length > 0) {
        call.outcome = 'partial';
        injected = fleetErrorItems(failures, lifecycle);
        forwardBody = Buffer.from(withoutOverrides(params, verdicts).toString(), 'utf8');
      }
    }

    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || ['host', 'connection', 'content-length'].includes(k)) continue;
      headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    headers.set('host', upstream.host);
    const r = await fetch(new URL(req.url ?? '/', upstream), {
      method: req.method ?? 'GET',
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: forwardBody }),
      signal: AbortSignal.timeout(60_000),
    });
    let text = await r.text();
    call.responseBody = text;
    if (notVisible && r.ok) {
      const made =
        action === 'CreateSecurityGroup'
          ? /<groupId>([^<]+)<\/groupId>/.exec(text)
          : action === 'CreateLaunchTemplate' || action === 'CreateLaunchTemplateVersion'
            ? /<launchTemplateId>([^<]+)<\/launchTemplateId>/.exec(text)
            : null;
      if (made?.[1] !== undefined) createdAt.set(made[1], Date.now());
    }
    if (injected !== '' && r.ok) text = withErrorItems(text, injected);
    if (dying && r.ok && (action === 'CreateFleet' || action === 'RunInstances')) {
      const ids = launchedIds(action, text);
      if (ids.length > 0) {
        // Gone before the caller hears of them, as on EC2: moto's own state agrees, so nothing
        // launched here is left running whatever the code under test does.
        const kill = new URLSearchParams({ Action: 'TerminateInstances', Version: '2016-11-15' });
        ids.forEach((id, k) => kill.append(`InstanceId.${k + 1}`, id));
        const killed = await fetch(new URL(req.url ?? '/', upstream), {
          method: 'POST',
          // moto reads the region from the credential scope; it checks no signature.
          headers: {
            host: upstream.host,
            authorization: req.headers.authorization ?? '',
            'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          },
          body: kill.toString(),
          signal: AbortSignal.timeout(60_000),
        });
        if (!killed.ok)
          throw new Error(
            `moto refused TerminateInstances ${ids.join(', ')}: ${await killed.text()}`,
          );
        for (const id of ids) dead.set(id, dying);
        call.outcome = 'died-on-launch';
      }
    }
    if (action === 'DescribeInstances' && dead.size > 0 && r.ok) {
      const shown = withDeathReported(text, dead);
      if (shown !== text) call.outcome = 'death-reported';
      text = shown;
    }
    if (action === 'DescribeInstances' && publicIsPrivate && r.ok) text = withPrivateAsPublic(text);
    res.writeHead(r.status, {
      'content-type': r.headers.get('content-type') ?? 'text/xml',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const last = calls.at(-1);
      if (last) last.outcome = 'error';
      if (!res.headersSent)
        send(
          res,
          500,
          `<Response><Errors><Error><Code>InternalError</Code><Message>${xmlEscape(
            e instanceof Error ? e.message : String(e),
          )}</Message></Error></Errors></Response>`,
        );
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    throttle(action, n) {
      throttles.set(action, n);
    },
    capacity(rule) {
      capacity = rule;
    },
    notVisibleAfterCreate(opts) {
      notVisible = opts === undefined ? undefined : { ...opts };
      if (opts === undefined) createdAt.clear();
    },
    terminateNotFound(n) {
      terminateNotFound = n;
    },
    expiredCredentials(on) {
      expired = on;
    },
    quota(byRegion) {
      quotas = byRegion === undefined ? undefined : { ...byRegion };
    },
    dieOnLaunch(reason) {
      dying = reason;
    },
    showTerminated(ids, reason) {
      for (const id of ids) dead.set(id, reason);
    },
    publicIpIsPrivate(on) {
      publicIsPrivate = on;
    },
    reset() {
      publicIsPrivate = false;
      throttles.clear();
      capacity = undefined;
      notVisible = undefined;
      createdAt.clear();
      terminateNotFound = 0;
      expired = false;
      quotas = undefined;
      dying = undefined;
      dead.clear();
      calls.length = 0;
      perAction.clear();
    },
    count: (action, outcome) =>
      calls.filter((c) => c.action === action && (outcome === undefined || c.outcome === outcome))
        .length,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
