package com.contoso.media.transcoding;

/**
 * The audio encoded beside one chunk of video: {@code durationSeconds} from {@code startSeconds} (to the end of the
 * source when {@code last}), as HLS segments numbered from {@code firstSegment}. See {@link AudioPlanner}.
 */
public record AudioStretch(int chunk, double startSeconds, double durationSeconds, int firstSegment, boolean last) {
}
