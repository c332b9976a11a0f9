import { NetworkTimeoutError, SynapError, SynapPermanentError, SynapTransientError } from './synap-error.js';

/** Python SDK alias of {@link SynapError}. */
export const SDKError = SynapError;
/** Python SDK alias of {@link SynapError}. */
export type SDKError = SynapError;
/** Python SDK alias of {@link SynapTransientError}. */
export const TransientError = SynapTransientError;
/** Python SDK alias of {@link SynapTransientError}. */
export type TransientError = SynapTransientError;
/** Python SDK alias of {@link SynapPermanentError}. */
export const PermanentError = SynapPermanentError;
/** Python SDK alias of {@link SynapPermanentError}. */
export type PermanentError = SynapPermanentError;
/** Python SDK alias of {@link NetworkTimeoutError}. */
export const ConnectionError = NetworkTimeoutError;
/** Python SDK alias of {@link NetworkTimeoutError}. */
export type ConnectionError = NetworkTimeoutError;
