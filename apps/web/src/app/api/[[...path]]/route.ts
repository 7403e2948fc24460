import 'server-only';
import { serverEnv } from '@/env';
import { forwardToApi } from '@/lib/api/forward';

// Same-origin gateway to the API (see ADR 0006). The env is read per request, so one build
// serves any API address given when the server starts.
export const dynamic = 'force-dynamic';

function handler(request: Request): Promise<Response> {
  const env = serverEnv();
  return forwardToApi(request, {
    apiUrl: env.API_URL,
    trustProxy: env.WEB_TRUST_PROXY,
    bodyLimit: env.BODY_LIMIT_BYTES,
  });
}

export {
  handler as DELETE,
  handler as GET,
  handler as HEAD,
  handler as OPTIONS,
  handler as PATCH,
  handler as POST,
  handler as PUT,
};
