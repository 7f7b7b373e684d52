package com.contoso.media.captions;

import com.contoso.media.http.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caption file a tenant sent, read and checked: WebVTT (W3C WebVTT) or SubRip (SRT), told apart by WebVTT's
 * mandatory {@code WEBVTT} first line. Either way the result is a list of cues in start order, whose text is valid
 * WebVTT cue text, so the service only ever stores and serves WebVTT.
 *
 * <p>What is refused, each with a {@code 400} that names the line: a file that is not UTF-8 text, one that is
 * neither format, a timing line that does not parse, a cue that ends before it starts, a file without cues. What is
 * dropped: WebVTT {@code NOTE}, {@code STYLE} and {@code REGION} blocks and cue identifiers; SRT's position
 * coordinates, {@code {\an8}}-style override tags and {@code <font>} tags (WebVTT has none of them).
 */
public final class CaptionFile {

    /** The formats a caption file may come in. */
    public enum Format { WEBVTT, SRT }

    private static final String VTT_TIME = "(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})";
    private static final Pattern VTT_TIMING = Pattern.compile(
            "^" + VTT_TIME + "[ \\t]+-->[ \\t]+" + VTT_TIME + "(?:[ \\t]+(.*))?$");
    private static final String SRT_TIME = "(\\d{1,3}):([0-5]?\\d):([0-5]?\\d)[,.](\\d{1,3})";
    private static final Pattern SRT_TIMING = Pattern.compile(
            "^\\s*" + SRT_TIME + "\\s*-->\\s*" + SRT_TIME + "(?:\\s+[Xx]1:.*)?\\s*$");
    private static final Pattern SRT_INDEX = Pattern.compile("^\\s*\\d+\\s*$");
    private static final Pattern CUE_SETTING = Pattern.compile("(vertical|line|position|size|align):\\S+");
    /** SRT markup WebVTT lacks: override blocks such as {@code {\an8}} and {@code <font ...>} tags. */
    private static final Pattern SRT_ONLY_MARKUP = Pattern.compile("\\{\\\\[^}]*}|</?font(?:\\s[^>]*)?>",
            Pattern.CASE_INSENSITIVE);
    /** Tags both formats share; anything else that looks like a tag is shown as text. */
    private static final Pattern SHARED_TAG = Pattern.compile("</?[ibu]>", Pattern.CASE_INSENSITIVE);

    private final Format format;
    private final List<Cue> cues;

    private CaptionFile(Format format, List<Cue> cues) {
        this.format = format;
        this.cues = List.copyOf(cues);
    }

    public Format format() {
        return format;
    }

    /** The cues in start order (ties keep the file's order). */
    public List<Cue> cues() {
        return cues;
    }

    /** The end of the last cue to end. */
    public long endMillis() {
        return cues.stream().mapToLong(Cue::endMillis).max().orElse(0);
    }

    /**
     * Reads {@code text}, the request body as the host decoded it. Hosts decode bodies as UTF-8 and put U+FFFD where
     * bytes were not, so that character (or a NUL) means the file was not UTF-8 text.
     */
    public static CaptionFile parse(String text) {
        if (text.indexOf('\uFFFD') >= 0 || text.indexOf('\0') >= 0) {
            throw ProblemException.badRequest("invalid_caption_encoding", "The caption file is not UTF-8 text (it"
                    + " holds bytes that are not UTF-8, or NUL characters); save it as UTF-8 and send it again.");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = body.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        if (lines.isEmpty() || lines.stream().allMatch(String::isBlank)) {
            throw invalid("The caption file is empty.");
        }
        String first = lines.get(0);
        boolean webVtt = first.equals("WEBVTT") || first.startsWith("WEBVTT ") || first.startsWith("WEBVTT\t");
        List<Cue> cues = webVtt ? readWebVtt(blocks(lines)) : readSrt(blocks(lines));
        if (cues.isEmpty()) {
            throw invalid("The caption file holds no cues.");
        }
        List<Cue> ordered = new ArrayList<>(cues);
        ordered.sort(Comparator.comparingLong(Cue::startMillis));
        return new CaptionFile(webVtt ? Format.WEBVTT : Format.SRT, ordered);
    }

    /** Runs of non-blank lines, each with the 1-based number of its first line. */
    private record Block(int firstLine, List<String> lines) {
    }

    private static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            boolean blank = i == lines.size() || lines.get(i).isBlank();
            if (blank && !current.isEmpty()) {
                blocks.add(new Block(start + 1, List.copyOf(current)));
                current.clear();
            } else if (!blank) {
                if (current.isEmpty()) {
                    start = i;
                }
                current.add(lines.get(i));
            }
        }
        return blocks;
    }

    private static List<Cue> readWebVtt(List<Block> blocks) {
        List<Cue> cues = new ArrayList<>();
        // The first block is the header: WEBVTT and any header lines.
        for (Block block : blocks.subList(1, blocks.size())) {
            String head = block.lines().get(0);
            if (head.startsWith("NOTE") || head.equals("STYLE") || head.equals("REGION")) {
                continue;
            }
            int timingAt = head.contains("-->") ? 0 : 1;
            if (timingAt >= block.lines().size() || !block.lines().get(timingAt).contains("-->")) {
                throw invalid("Line " + block.firstLine() + ": '" + shown(head) + "' starts a cue without a timing"
                        + " line such as '00:00:01.000 --> 00:00:04.000'.");
            }
            int line = block.firstLine() + timingAt;
            String timingLine = block.lines().get(timingAt);
            Matcher timing = VTT_TIMING.matcher(timingLine.strip());
            if (!timing.matches()) {
                throw invalid("Line " + line + ": '" + shown(timingLine) + "' is not a WebVTT cue timing"
                        + " ([hh:]mm:ss.ttt --> [hh:]mm:ss.ttt).");
            }
            long start = millis(timing.group(1), timing.group(2), timing.group(3), timing.group(4));
            long end = millis(timing.group(5), timing.group(6), timing.group(7), timing.group(8));
            String text = String.join("\n", block.lines().subList(timingAt + 1, block.lines().size()));
            cues.add(cue(line, start, end, settings(timing.group(9)), text));
        }
        return cues;
    }

    private static List<Cue> readSrt(List<Block> blocks) {
        List<Cue> cues = new ArrayList<>();
        for (Block block : blocks) {
            int timingAt = SRT_INDEX.matcher(block.lines().get(0)).matches() ? 1 : 0;
            int line = block.firstLine() + timingAt;
            if (timingAt >= block.lines().size()) {
                throw invalid("Line " + block.firstLine() + ": the cue numbered " + block.lines().get(0).strip()
                        + " has no timing line.");
            }
            String timingLine = block.lines().get(timingAt);
            Matcher timing = SRT_TIMING.matcher(timingLine);
            if (!timing.matches()) {
                throw invalid(cues.isEmpty() && timingAt == 0
                        ? "The file is neither WebVTT (whose first line is WEBVTT) nor SRT (numbered cues with"
                                + " hh:mm:ss,mmm --> hh:mm:ss,mmm timings)."
                        : "Line " + line + ": '" + shown(timingLine) + "' is not an SRT cue timing"
                                + " (hh:mm:ss,mmm --> hh:mm:ss,mmm).");
            }
            long start = millis(timing.group(1), timing.group(2), timing.group(3), pad(timing.group(4)));
            long end = millis(timing.group(5), timing.group(6), timing.group(7), pad(timing.group(8)));
            List<String> text = block.lines().subList(timingAt + 1, block.lines().size());
            cues.add(cue(line, start, end, "", srtText(String.join("\n", text))));
        }
        return cues;
    }

    private static Cue cue(int line, long start, long end, String settings, String text) {
        if (end <= start) {
            throw invalid("Line " + line + ": the cue ends (" + WebVtt.timestamp(end) + ") at or before it starts ("
                    + WebVtt.timestamp(start) + ").");
        }
        return new Cue(start, end, settings, text);
    }

    /** The cue settings players understand; region references go with the regions. */
    private static String settings(String given) {
        if (given == null) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String setting : given.strip().split("[ \\t]+")) {
            if (CUE_SETTING.matcher(setting).matches()) {
                kept.add(setting);
            }
        }
        return String.join(" ", kept);
    }

    /**
     * SRT text as WebVTT cue text: markup WebVTT lacks removed, {@code <i>}, {@code <b>} and {@code <u>} kept, and
     * every other {@code &}, {@code <} and {@code >} escaped (WebVTT reads them as markup), which also keeps the
     * text from containing {@code -->}.
     */
    private static String srtText(String text) {
        String plain = SRT_ONLY_MARKUP.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder();
        Matcher tag = SHARED_TAG.matcher(plain);
        int at = 0;
        while (tag.find()) {
            out.append(escape(plain.substring(at, tag.start()))).append(tag.group().toLowerCase(Locale.ROOT));
            at = tag.end();
        }
        return out.append(escape(plain.substring(at))).toString().strip();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String pad(String fraction) {
        return (fraction + "00").substring(0, 3);
    }

    private static long millis(String hours, String minutes, String seconds, String fraction) {
        long h = hours == null ? 0 : Long.parseLong(hours);
        return ((h * 60 + Long.parseLong(minutes)) * 60 + Long.parseLong(seconds)) * 1000 + Long.parseLong(fraction);
    }

    /** A line quoted back in an error, cut short: it is the tenant's own text. */
    private static String shown(String line) {
        String stripped = line.strip();
        return stripped.length() <= 60 ? stripped : stripped.substring(0, 57) + "...";
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid_caption_file", detail);
    }
}
