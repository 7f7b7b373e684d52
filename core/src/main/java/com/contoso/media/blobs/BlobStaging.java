package com.contoso.media.blobs;

import java.util.Map;

/**
 * Port: a block blob written by the service itself, block by block, that appears only when it is whole. Staged
 * blocks are invisible (storage keeps uncommitted blocks for a week, then drops them), so a writer that dies
 * resumes from what it staged and nothing reads a partial file. Blocks are numbered within a {@code generation}:
 * a writer that starts over takes the next one, and blocks of an abandoned attempt are never counted.
 */
public interface BlobStaging {

    /** The sizes of the blocks staged, uncommitted, under {@code generation}, by their index. */
    Map<Integer, Long> stagedBlocks(BlobRef blob, int generation);

    /** Stages {@code length} bytes of {@code bytes} as block {@code index} (restaging an index replaces it). */
    void stageBlock(BlobRef blob, int generation, int index, byte[] bytes, int length);

    /**
     * Commits blocks {@code 0..count-1} of {@code generation}, in order, as the blob's whole content, with its
     * content type and metadata: the blob appears at once (and its blob-created event fires) or not at all.
     */
    void commitBlocks(BlobRef blob, int generation, int count, String contentType, Map<String, String> metadata);
}
