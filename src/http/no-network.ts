// The default HTTP client: every request is refused with a message naming it,
// so a run never reaches the network unless the caller allows it.
import { HttpError, type HttpClient, type HttpRequest } from '../contract/http.js';
import { describeRequest } from './policy.js';

/** The default client: no network unless the caller allows it. */
export const noNetwork: HttpClient = {
  request(req) {
    return Promise.reject(refusal(req));
  },
  requestSync(req) {
    throw refusal(req);
  },
};

function refusal(req: HttpRequest): HttpError {
  // describeRequest masks keys and passwords in the URL: _err, traces and effects show them as ***.
  return new HttpError(`Network access is not allowed: ${describeRequest(req)} (stub it, or run with --allow-network)`, 'refused');
}
