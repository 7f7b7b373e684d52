package com.contoso.media.fairuse;

/**
 * What a video's transcode learns when it asks for its encoding slot: granted (encode now), still waiting at
 * {@code position}, or {@code gone} (the upload was deleted or ended meanwhile: stop, and encode nothing).
 */
public record SlotClaim(State state, int position) {

    public enum State { GRANTED, WAITING, GONE }

    public static SlotClaim granted() {
        return new SlotClaim(State.GRANTED, 0);
    }

    public static SlotClaim waiting(int position) {
        return new SlotClaim(State.WAITING, position);
    }

    public static SlotClaim gone() {
        return new SlotClaim(State.GONE, 0);
    }
}
