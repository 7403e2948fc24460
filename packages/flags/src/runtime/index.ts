export { dbFlagLoader, flagsChannel, publishFlagChange, redisFlagSubscription } from './redis';
export {
  createFlagRuntime,
  environmentOf,
  type FlagLogger,
  type FlagRuntime,
  type FlagRuntimeOptions,
  type FlagSubscription,
} from './runtime';
