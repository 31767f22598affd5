/** What the HTTP server needs from the rest of Driftline: identity and access reviews, readiness, use cases. */
// The review shapes are the Kubernetes API's own (authentication/authorization.k8s.io/v1), defined
// once in the kube adapter; only types are imported, so the server loads no adapter code.
import type { AccessAttributes, ReviewedUser } from '../adapters/kube/reviews.js';

/** A user as the management cluster's authenticator knows it (a TokenReview's UserInfo). */
export type User = ReviewedUser;

/** Answers "who holds this bearer token?" (a TokenReview); `authenticated: false` for an invalid one. */
export interface TokenReviewer {
  reviewToken(token: string): Promise<{ authenticated: boolean; user?: User; error?: string }>;
}

/** The attributes of one access check, as a SubjectAccessReview carries them. */
export type { AccessAttributes };

/** Answers "may this user do this?" (a SubjectAccessReview). */
export interface AccessReviewer {
  reviewAccess(
    user: User,
    attributes: AccessAttributes,
  ): Promise<{ allowed: boolean; reason?: string; evaluationError?: string }>;
}

/** Whether the process is ready for traffic; `reasons` says what is still missing when not. */
export interface Readiness {
  ready: boolean;
  reasons: string[];
}

/** A correction asked for over the API: which profile on which cluster, and by whom. */
export interface CorrectRequest {
  cluster: string;
  profile: string;
  /** The authenticated user, for the use case's own records (events, journal). */
  requestedBy: string;
}

/** The use cases the `/api/v1` routes call; the application layer provides them. */
export interface ApiPorts {
  /** The running Driftline's version. */
  version: string;
  /** Corrects the drift of one profile on one cluster; resolves to a JSON-serialisable result. */
  correct(request: CorrectRequest): Promise<unknown>;
}
