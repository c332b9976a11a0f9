import type { LoadRequest } from '../support/http-load-generator.js';
import { seededRandom } from '../support/seeded-random.js';
import { BIG_USER_ID, type CorpusShape, type CorpusUser, corpusUsers, profileOf } from './corpus-shape.js';
import type { UserProfile } from './synthetic-profile.js';
import { syntheticQuestion } from './synthetic-queries.js';

/** Which requests a workload sends. */
export type FetchAudience = 'typical' | 'big' | 'cold';

/** Fetch mode of the Synap protocol. */
export type FetchMode = 'fast' | 'accurate';

/**
 * Builds pools of user-fetch requests over a corpus: `typical` draws a
 * random typical user and a question about that user's life, `big` asks the
 * big user, `cold` asks customers that were never ingested, without client
 * context (one empty partition: the HTTP, auth, validation and embedding floor). Deterministic in the shape's seed.
 */
export class FetchWorkloads {
  private readonly typical: CorpusUser[];
  private readonly big: CorpusUser | undefined;
  private readonly profiles = new Map<string, UserProfile>();

  constructor(
    private readonly shape: CorpusShape,
    private readonly maxResults: number,
  ) {
    const users = corpusUsers(shape);
    this.typical = users.filter((user) => user.userId !== BIG_USER_ID);
    this.big = users.find((user) => user.userId === BIG_USER_ID);
  }

  /** Request number `sequence` of a workload. */
  request(audience: FetchAudience, mode: FetchMode, sequence: number): LoadRequest {
    const random = seededRandom(
      this.shape.seed * 1_000_003 + sequence * 7 + (audience.length + mode.length * 3) * 92_821,
    );
    const user = audience === 'big' ? this.big : random.pick(this.typical);
    if (user === undefined) throw new Error('the corpus has no big user (--big-user 0)');
    const question = syntheticQuestion(random, this.profile(user));
    if (audience === 'cold') {
      // A customer fetch without client context reads one partition, never written.
      return {
        method: 'POST',
        path: '/v1/context/customer/fetch',
        body: JSON.stringify({
          customer_id: `cold-customer-${sequence}`,
          include_client_context: false,
          search_query: question,
          mode,
          max_results: this.maxResults,
        }),
      };
    }
    return {
      method: 'POST',
      path: '/v1/context/user/fetch',
      body: JSON.stringify({
        user_id: user.userId,
        search_query: question,
        mode,
        max_results: this.maxResults,
      }),
    };
  }

  private profile(user: CorpusUser): UserProfile {
    let profile = this.profiles.get(user.userId);
    if (profile === undefined) {
      profile = profileOf(user);
      this.profiles.set(user.userId, profile);
    }
    return profile;
  }
}
