export { type AddressVerdict, type Cidr, judgeAddress, parseCidrs } from './address';
export {
  checkUrl,
  checkUrlShape,
  type GuardPolicy,
  guardedAgent,
  guardPolicy,
  type RefusalReason,
  resolveAllowed,
  UrlRefusedError,
} from './guard';
export {
  type AttemptOutcome,
  classifyResponse,
  DEFAULT_RETRY_SCHEDULE_MS,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  retryDelay,
} from './schedule';
export { openEndpointSecret, sealEndpointSecret } from './secrets';
export {
  generateSecret,
  isSecret,
  type SignedMessage,
  sign,
  signatureHeaders,
  verifySignature,
} from './signature';
