package com.contoso.media.transcoding;

/**
 * A clip of another upload's video: the part from {@code startSeconds} to {@code endSeconds} of the parent's
 * timeline. Instant clips cut at the parent's segment boundaries (the segments that hold the two points, whole);
 * frame-accurate ones re-encode the first and last of those segments so the clip starts and ends on the frames
 * asked for.
 */
public record ClipSpec(String parentUploadId, double startSeconds, double endSeconds, boolean frameAccurate) {
}
