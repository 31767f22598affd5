/** TokenReview and SubjectAccessReview: asking the API server who a bearer token is and what it may do. */
import type { KubeTransport } from './transport.js';

/** The user a TokenReview or a SubjectAccessReview names (authentication.k8s.io/v1 UserInfo). */
export interface ReviewedUser {
  username: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** The answer of a TokenReview; `error` is the server's reason when the token is not valid. */
export interface TokenReviewResult {
  authenticated: boolean;
  user?: ReviewedUser;
  audiences?: string[];
  error?: string;
}

/** What is asked of a SubjectAccessReview: an action on a resource, or on a non-resource URL. */
export type AccessAttributes =
  | {
      resource: {
        group: string;
        resource: string;
        verb: string;
        subresource?: string;
        name?: string;
        namespace?: string;
      };
    }
  | { nonResource: { path: string; verb: string } };

/** The answer of a SubjectAccessReview. */
export interface AccessReviewResult {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

// Reviews are cluster-scoped, created and answered in one call, never stored.
const TOKEN_REVIEWS = '/apis/authentication.k8s.io/v1/tokenreviews';
const ACCESS_REVIEWS = '/apis/authorization.k8s.io/v1/subjectaccessreviews';

/**
 * Posts reviews to one API server. The caller's own credentials need `create` on
 * `tokenreviews` and `subjectaccessreviews` (ClusterRole `system:auth-delegator`).
 */
export class KubeReviews {
  constructor(private readonly transport: KubeTransport) {}

  /** Asks who `token` belongs to; the token travels only in the request body, never in `what`. */
  async reviewToken(token: string, audiences?: string[]): Promise<TokenReviewResult> {
    const review = await this.transport.request<{ status?: TokenReviewResult }>({
      method: 'POST',
      path: TOKEN_REVIEWS,
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenReview',
        spec: { token, ...(audiences && { audiences }) },
      },
      // A review changes nothing: repeating it after a transient failure is safe.
      retry: true,
      what: 'review a bearer token',
    });
    const status = review.status ?? { authenticated: false };
    return { ...status, authenticated: status.authenticated === true };
  }

  /** Asks whether `user` may do what `attributes` describe. */
  async reviewAccess(user: ReviewedUser, attributes: AccessAttributes): Promise<AccessReviewResult> {
    const review = await this.transport.request<{ status?: AccessReviewResult }>({
      method: 'POST',
      path: ACCESS_REVIEWS,
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          user: user.username,
          uid: user.uid,
          groups: user.groups,
          extra: user.extra,
          ...('resource' in attributes
            ? { resourceAttributes: attributes.resource }
            : { nonResourceAttributes: attributes.nonResource }),
        },
      },
      retry: true,
      what: `review access of ${user.username}`,
    });
    const status = review.status ?? { allowed: false };
    return { ...status, allowed: status.allowed === true };
  }
}
