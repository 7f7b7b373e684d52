package com.contoso.media.imports;

import java.io.Closeable;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Port: one GET of an import's source. The adapter connects only to addresses the outbound guard allows, follows
 * at most {@value #MAX_REDIRECTS} redirects (each one checked again), uses no proxy, and gives up when the source
 * sends nothing for the stall window.
 */
public interface SourceClient {

    int MAX_REDIRECTS = 5;

    /**
     * Opens the source from {@code offset}: a {@code Range} request past the start, with {@code If-Range} when a
     * validator is known, so a changed file answers whole. Any HTTP answer is returned, errors included.
     *
     * @throws SourceFetchException when no answer came (refused by the guard, unreachable, too many redirects)
     */
    Answer open(URI url, long offset, Optional<String> validator);

    /**
     * What the source answered. {@code startOffset} is where the body starts in the file (the range's first byte
     * for a 206, else 0); {@code totalBytes} the file's length when the source says it.
     */
    interface Answer extends Closeable {
        int status();

        long startOffset();

        Optional<Long> totalBytes();

        /** Whether the source said it takes byte ranges ({@code Accept-Ranges: bytes}, or a 206). */
        boolean acceptsRanges();

        /** The source's ETag (strong only), else its Last-Modified: what {@code If-Range} may carry. */
        Optional<String> validator();

        InputStream body();

        @Override
        void close();
    }
}
