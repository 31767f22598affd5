/** The one gate every non-public request passes: bearer token → TokenReview → user; user + route → SubjectAccessReview. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../common/logger.js';
import { describeAccess } from './access.js';
import { HttpError } from './errors.js';
import { checkLocalRequest } from './local-only.js';
import type { AccessAttributes, AccessReviewer, TokenReviewer, User } from './ports.js';
import { ReviewCache } from './review-cache.js';

/** How callers are authenticated and authorized: by the management cluster, or (loopback only) not at all. */
export type AuthMode =
  | {
      mode: 'kube';
      tokens: TokenReviewer;
      access: AccessReviewer;
      /** How long a TokenReview or SubjectAccessReview answer is reused (default 10 s; 0 turns caching off). */
      cacheTtlMs?: number;
    }
  | { mode: 'none' };

type Review = { authenticated: true; user: User } | { authenticated: false };

/** Authenticates and authorizes requests; never keeps, logs or echoes a token. */
export class AuthGate {
  private readonly cache: ReviewCache<Review>;
  // A role change reaches the API within the TTL, as with kube-apiserver's webhook authorizer cache.
  private readonly decisions: ReviewCache<boolean>;

  constructor(
    private readonly auth: AuthMode,
    private readonly log: Logger,
  ) {
    const ttlMs = auth.mode === 'kube' ? auth.cacheTtlMs : 0;
    this.cache = new ReviewCache({ ttlMs });
    this.decisions = new ReviewCache({ ttlMs });
  }

  /**
   * The caller's user; undefined with `--no-auth` (then only local, same-origin requests pass).
   * Throws 401 without a valid token, 503 when reviews fail.
   */
  async authenticate(headers: IncomingHttpHeaders): Promise<User | undefined> {
    if (this.auth.mode === 'none') {
      checkLocalRequest(headers);
      return undefined;
    }
    const token = bearerToken(headers.authorization);
    if (!token)
      throw new HttpError('auth.unauthenticated', 'no bearer token: send "Authorization: Bearer <token>"');
    const review = this.cache.get(token) ?? (await this.review(this.auth.tokens, token));
    if (!review.authenticated) throw new HttpError('auth.unauthenticated', 'the bearer token is not valid');
    return review.user;
  }

  /** Throws 403 unless `user` may do what `attributes` describe (a no-op with `--no-auth`). */
  async authorize(user: User | undefined, attributes: AccessAttributes): Promise<void> {
    if (this.auth.mode === 'none' || !user) return;
    const question = JSON.stringify([user.username, user.uid, user.groups, user.extra, attributes]);
    let allowed = this.decisions.get(question);
    if (allowed === undefined) {
      allowed = await this.reviewAccess(this.auth.access, user, attributes);
      this.decisions.set(question, allowed);
    }
    if (allowed) return;
    throw new HttpError('auth.forbidden', `user "${user.username}" may not ${describeAccess(attributes)}`);
  }

  private async reviewAccess(
    access: AccessReviewer,
    user: User,
    attributes: AccessAttributes,
  ): Promise<boolean> {
    try {
      return (await access.reviewAccess(user, attributes)).allowed;
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'SubjectAccessReview failed');
      throw new HttpError('auth.unavailable', 'cannot check access: the management cluster did not answer');
    }
  }

  private async review(tokens: TokenReviewer, token: string): Promise<Review> {
    let answer: Awaited<ReturnType<TokenReviewer['reviewToken']>>;
    try {
      answer = await tokens.reviewToken(token);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'TokenReview failed');
      throw new HttpError(
        'auth.unavailable',
        'cannot verify the token: the management cluster did not answer',
      );
    }
    // Invalid tokens are cached too, so a client retrying a bad token does not load the API server.
    const review: Review =
      answer.authenticated && answer.user?.username
        ? { authenticated: true, user: answer.user }
        : { authenticated: false };
    this.cache.set(token, review);
    return review;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
