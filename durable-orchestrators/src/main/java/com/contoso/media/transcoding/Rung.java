package com.contoso.media.transcoding;

/**
 * One rendition of the HLS ladder: output size, H.264 level and bitrates (kbit/s). {@code maxrate} and
 * {@code bufsize} cap the peaks so the advertised BANDWIDTH holds.
 */
public record Rung(String name, int width, int height, int videoKbps, int maxrateKbps, int bufsizeKbps,
                   int audioKbps, String h264Level) {

    /** RFC 8216 CODECS value: H.264 Main profile at this rung's level, plus AAC-LC when there is audio. */
    public String codecs(boolean withAudio) {
        String level = switch (h264Level) {
            case "4.0" -> "28";
            case "3.1" -> "1f";
            default -> "1e";
        };
        return "avc1.4d40" + level + (withAudio ? ",mp4a.40.2" : "");
    }
}
