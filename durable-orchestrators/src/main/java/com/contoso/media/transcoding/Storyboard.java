package com.contoso.media.transcoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of a video's storyboard: one small tile every {@code intervalSeconds}, laid out row by row in sprite
 * sheets of {@value #COLUMNS} × {@value #ROWS} tiles, and the WebVTT file whose cues point into them
 * ({@code sprite-001.jpg#xywh=x,y,w,h}), the form players read for previews while seeking. The interval grows with
 * the length so that a video has about {@value #TARGET_TILES} tiles at most: every second up to two minutes, then
 * longer (a two-hour film gets one every minute, 120 tiles in two sheets). Tiles are {@value #TILE_WIDTH} pixels
 * wide, as tall as the picture's aspect ratio makes them (even).
 *
 * <p>Once a tile is due less often than a segment starts, the interval is rounded up to whole segments and
 * {@code fromSegmentStarts} is set: every tile is then the first frame of the segment that starts at its time (a
 * keyframe), so the storyboard reads one segment and decodes one frame per tile, and costs the same for a 10-minute
 * and a 2-hour video. Below that, the whole (short) rendition is decoded once.
 */
public record Storyboard(double durationSeconds, int intervalSeconds, int tileWidth, int tileHeight,
                         boolean fromSegmentStarts) {

    static final int COLUMNS = 10;
    static final int ROWS = 10;
    static final int TILE_WIDTH = 160;
    static final int TARGET_TILES = 120;

    public static Storyboard of(double durationSeconds, int width, int height, int segmentSeconds) {
        int interval = (int) Math.max(1, Math.ceil(durationSeconds / TARGET_TILES));
        boolean fromSegmentStarts = interval >= segmentSeconds;
        if (fromSegmentStarts) {
            interval = (interval + segmentSeconds - 1) / segmentSeconds * segmentSeconds;
        }
        int tileHeight = Math.max(2, (int) Math.round((double) TILE_WIDTH * height / width / 2) * 2);
        return new Storyboard(durationSeconds, interval, TILE_WIDTH, tileHeight, fromSegmentStarts);
    }

    /** Tiles at 0, interval, 2 × interval … before the end. */
    public int tiles() {
        return Math.max(1, (int) Math.ceil(durationSeconds / intervalSeconds - 1e-9));
    }

    public int sheets() {
        return (tiles() + COLUMNS * ROWS - 1) / (COLUMNS * ROWS);
    }

    public static String sheetName(int sheet) {
        return String.format(Locale.ROOT, "sprite-%03d.jpg", sheet + 1);
    }

    /**
     * The ffmpeg filter that turns the decoded video into the sheets, tile by tile in time order. Each tile is the
     * picture at its cue's start: the fps filter keeps the last frame that rounds to each tick, and rounding up makes
     * that the frame at (or just before) the tick, where rounding down would make it the one before the next tick.
     */
    public String filter() {
        return "fps=1/" + intervalSeconds + ":round=up," + tileScale() + "," + sheetFilter();
    }

    /** One frame to one tile. */
    public String tileScale() {
        return "scale=" + tileWidth + ":" + tileHeight;
    }

    /** Tiles, in time order, into the sheets. */
    public String sheetFilter() {
        return "tile=" + COLUMNS + "x" + ROWS;
    }

    /** The WebVTT file: one cue per tile, from its time to the next tile's (the last to the end of the video). */
    public String vtt() {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        for (Cue cue : cues()) {
            vtt.append('\n').append(timestamp(cue.start())).append(" --> ").append(timestamp(cue.end())).append('\n')
                    .append(cue.sheet()).append("#xywh=").append(cue.x()).append(',').append(cue.y()).append(',')
                    .append(tileWidth).append(',').append(tileHeight).append('\n');
        }
        return vtt.toString();
    }

    /** One tile's cue: its span and where it lies in which sheet. */
    public record Cue(double start, double end, String sheet, int x, int y) {
    }

    public List<Cue> cues() {
        List<Cue> cues = new ArrayList<>();
        for (int tile = 0; tile < tiles(); tile++) {
            int inSheet = tile % (COLUMNS * ROWS);
            cues.add(new Cue(tile * (double) intervalSeconds, Math.min((tile + 1) * (double) intervalSeconds,
                    durationSeconds), sheetName(tile / (COLUMNS * ROWS)), inSheet % COLUMNS * tileWidth,
                    inSheet / COLUMNS * tileHeight));
        }
        return cues;
    }

    static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
