package com.contoso.media.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Magic bytes per accepted content type: a renamed text file cannot pass for a video. */
final class FileSignature {

    /** Enough bytes to see every signature below. */
    static final int HEAD_LENGTH = 16;

    /** ISO base media (mp4, mov) starts with a box whose type sits at offset 4. */
    private static final Set<String> QUICKTIME_BOXES = Set.of("ftyp", "moov", "mdat", "wide", "free", "skip", "pnot");

    private static final Map<String, Predicate<byte[]>> SIGNATURES = Map.of(
            "video/mp4", head -> boxTypeAt4(head).equals("ftyp"),
            "video/quicktime", head -> QUICKTIME_BOXES.contains(boxTypeAt4(head)),
            "video/webm", head -> startsWith(head, 0x1A, 0x45, 0xDF, 0xA3),
            "image/jpeg", head -> startsWith(head, 0xFF, 0xD8, 0xFF),
            "image/png", head -> startsWith(head, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A),
            "application/pdf", head -> startsWith(head, '%', 'P', 'D', 'F', '-'));

    private FileSignature() {
    }

    /** True when the head matches the type; types without a known signature pass (nothing to check against). */
    static boolean matches(String contentType, byte[] head) {
        return SIGNATURES.getOrDefault(contentType, h -> true).test(head);
    }

    private static String boxTypeAt4(byte[] head) {
        return head.length < 8 ? "" : new String(Arrays.copyOfRange(head, 4, 8), StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] head, int... expected) {
        if (head.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
