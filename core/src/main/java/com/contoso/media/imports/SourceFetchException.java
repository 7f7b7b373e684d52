package com.contoso.media.imports;

/**
 * A fetch that got no usable answer. {@code failure} decides what the tenant is told; the message is for the logs.
 */
public final class SourceFetchException extends RuntimeException {

    /** Why, as the import's error code says it. */
    public enum Failure {
        /** The guard refused the URL or a redirect: a private address, a refused port or scheme. */
        REFUSED(false),
        /** No connection: DNS, refused, reset, TLS. Tried again with backoff before the import gives up. */
        UNREACHABLE(true),
        /** The source sent less than the minimum throughput over the stall window: a slow drip is not waited out. */
        STALLED(false),
        /** More than {@link SourceClient#MAX_REDIRECTS} redirects. */
        TOO_MANY_REDIRECTS(false);

        private final boolean transientFault;

        Failure(boolean transientFault) {
            this.transientFault = transientFault;
        }

        public boolean isTransient() {
            return transientFault;
        }
    }

    private final Failure failure;

    public SourceFetchException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public SourceFetchException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
