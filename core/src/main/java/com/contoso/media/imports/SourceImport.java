package com.contoso.media.imports;

import java.time.Instant;
import java.util.Optional;

/**
 * An import's state on its upload record: where the file comes from, how far the fetch got, and who is fetching.
 * {@code bytesReceived} counts what is staged in the inbox blob's uncommitted blocks of this {@code generation};
 * a source that ignores ranges makes the fetch start over under the next generation, so blocks of an abandoned
 * attempt are never mistaken for the file's start. {@code validator} (the source's ETag, or its Last-Modified) goes
 * into {@code If-Range} when a fetch resumes, so a file that changed at the source is fetched anew, never spliced.
 * {@code leaseUntil} keeps a second delivery of the work from fetching alongside the first.
 */
public record SourceImport(String url, Optional<Long> declaredBytes, long bytesReceived, Optional<Long> bytesTotal,
                           Optional<String> validator, int generation, int failures, Instant deadline,
                           Optional<String> leaseHolder, Optional<Instant> leaseUntil) {

    public SourceImport {
        validator = validator == null ? Optional.empty() : validator;
        leaseHolder = leaseHolder == null ? Optional.empty() : leaseHolder;
        leaseUntil = leaseUntil == null ? Optional.empty() : leaseUntil;
    }

    public static SourceImport of(String url, Optional<Long> declaredBytes, Instant deadline) {
        return new SourceImport(url, declaredBytes, 0, declaredBytes, Optional.empty(), 0, 0, deadline,
                Optional.empty(), Optional.empty());
    }

    /** The source's URL as a tenant may see it: without its query, which may carry the source's own credentials. */
    public String displayUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    public boolean leasedToAnotherAt(String holder, Instant now) {
        return leaseHolder.filter(h -> !h.equals(holder)).isPresent()
                && leaseUntil.filter(until -> until.isAfter(now)).isPresent();
    }

    public SourceImport leasedTo(String holder, Instant until) {
        return new SourceImport(url, declaredBytes, bytesReceived, bytesTotal, validator, generation, failures,
                deadline, Optional.of(holder), Optional.of(until));
    }

    public SourceImport released() {
        return new SourceImport(url, declaredBytes, bytesReceived, bytesTotal, validator, generation, failures,
                deadline, Optional.empty(), Optional.empty());
    }

    public SourceImport progressed(long received, Optional<Long> total, Optional<String> sourceValidator,
                                   int atGeneration) {
        return new SourceImport(url, declaredBytes, received, total.or(() -> bytesTotal), sourceValidator,
                atGeneration, failures, deadline, leaseHolder, leaseUntil);
    }

    public SourceImport failedOnce() {
        return new SourceImport(url, declaredBytes, bytesReceived, bytesTotal, validator, generation, failures + 1,
                deadline, Optional.empty(), Optional.empty());
    }
}
