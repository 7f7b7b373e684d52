package com.contoso.media.captions;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ProblemException;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code POST /api/uploads/{id}/captions} asks for, from its query: {@code language} (a BCP 47 tag, required),
 * {@code label} (what players list the track as; the language's English name when absent) and {@code default}
 * ({@code true} makes it the track players show unasked). The body is the file itself, WebVTT or SRT, sent as
 * {@code text/vtt}, {@code application/x-subrip} or plain text, in UTF-8.
 */
public record NewCaptionTrack(String language, String label, boolean defaultTrack) {

    private static final int MAX_LABEL = 64;
    private static final Pattern LANGUAGE_SHAPE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,6}");

    public static NewCaptionTrack parse(ApiRequest request) {
        checkMediaType(request.header("Content-Type"));
        String language = language(request.queryParam("language").orElseThrow(() -> ProblemException.badRequest(
                "invalid_caption_language", "Say the track's language as a BCP 47 tag: ?language=en (or en-GB,"
                        + " pt-BR, ...).")));
        String label = request.queryParam("label").map(String::strip)
                .orElseGet(() -> Locale.forLanguageTag(language).getDisplayName(Locale.ENGLISH));
        if (label.isEmpty() || label.length() > MAX_LABEL
                || label.chars().anyMatch(c -> c == '"' || Character.isISOControl(c))) {
            throw ProblemException.badRequest("invalid_caption_label", "The label must be 1 to " + MAX_LABEL
                    + " characters, with no double quote or control character.");
        }
        return new NewCaptionTrack(language, label, flag(request.queryParam("default")));
    }

    private static String language(String given) {
        String tag = given.strip();
        try {
            if (LANGUAGE_SHAPE.matcher(tag).matches()) {
                String normalised = new Locale.Builder().setLanguageTag(tag).build().toLanguageTag();
                if (!normalised.equals("und")) {
                    return normalised;
                }
            }
        } catch (IllformedLocaleException e) {
            // Falls through to the refusal below.
        }
        throw ProblemException.badRequest("invalid_caption_language", "'" + (tag.length() > 40
                ? tag.substring(0, 40) + "..." : tag) + "' is not a BCP 47 language tag such as en, en-GB or pt-BR.");
    }

    private static boolean flag(Optional<String> given) {
        if (given.isEmpty() || given.get().equals("false")) {
            return false;
        }
        if (given.get().equals("true")) {
            return true;
        }
        throw ProblemException.badRequest("invalid_caption_default", "default is true or false.");
    }

    /** The body is the caption file; a form or JSON wrapper is refused rather than stored as caption text. */
    private static void checkMediaType(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return;
        }
        String[] parts = contentType.get().toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].strip();
        if (!type.equals("text/vtt") && !type.equals("application/x-subrip") && !type.equals("text/srt")
                && !type.equals("application/x-srt") && !type.equals("text/plain")
                && !type.equals("application/octet-stream")) {
            throw new ProblemException(415, "unsupported_caption_type", "Send the caption file itself as the body,"
                    + " with Content-Type text/vtt (WebVTT) or application/x-subrip (SRT); not " + type + ".");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")
                    && !parameter.equals("charset=\"utf-8\"")) {
                throw ProblemException.badRequest("invalid_caption_encoding", "Caption files are UTF-8; this one"
                        + " says " + parameter + ". Save it as UTF-8 and send it again.");
            }
        }
    }
}
