import { EC2Client } from '@aws-sdk/client-ec2';

/**
 * One EC2 client per region, made on first use. Credentials and endpoints come from the
 * environment the SDK reads (aws-actions/configure-aws-credentials, `AWS_ENDPOINT_URL_EC2`).
 * Built by the entry points and passed down, never on import.
 */
export function ec2Clients(): {
  readonly get: (region: string) => EC2Client;
  readonly destroy: () => void;
} {
  const clients = new Map<string, EC2Client>();
  return {
    get: (region) => {
      let c = clients.get(region);
      if (!c) {
        // The SDK's own retries absorb short throttling bursts; the launcher backs off beyond that.
        c = new EC2Client({ region, maxAttempts: 5, retryMode: 'adaptive' });
        clients.set(region, c);
      }
      return c;
    },
    destroy: () => {
      for (const c of clients.values()) c.destroy();
      clients.clear();
    },
  };
}
