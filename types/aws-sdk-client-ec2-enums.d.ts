// The EC2 client's enums module on its own (src/inputs/known-names.ts): the SDK ships its types
// only for the package's entry, whose `_InstanceType` this module defines.
declare module '@aws-sdk/client-ec2/dist-es/models/enums.js' {
  export { _InstanceType } from '@aws-sdk/client-ec2';
}
