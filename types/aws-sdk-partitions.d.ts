// The SDK's partition table on its own (tsconfig.json `paths`: #aws-partitions), as read by
// src/inputs/known-names.ts; the SDK ships types only for its `@aws-sdk/core/client` entry.
declare module '#aws-partitions' {
  export const partitionsInfo: {
    readonly partitions: ReadonlyArray<{
      readonly id: string;
      readonly regions: Readonly<Record<string, { readonly description?: string }>>;
    }>;
  };
}
