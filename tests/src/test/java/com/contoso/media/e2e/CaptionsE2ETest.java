package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Caption tracks through the API as a tenant's back-end adds them: an SRT file becomes WebVTT, the master playlist
 * lists it as a subtitles rendition cut on the video's segments, ffmpeg reads it from there, the storage report
 * counts its bytes from when it was added, and bad files get clear errors that change nothing.
 */
class CaptionsE2ETest {

    private static final String SRT = """
            1
            00:00:00,500 --> 00:00:02,000
            Hello <font color="red">there</font> & welcome

            2
            00:00:03,000 --> 00:00:05,000
            {\\an8}This one crosses a segment boundary

            3
            00:00:05,200 --> 00:00:05,900
            <i>Goodbye</i>
            """.replace("\n", "\r\n");
    private static final String VTT = """
            WEBVTT

            NOTE made by hand

            intro
            00:01.000 --> 00:02.500 align:start
            Bonjour

            00:04.000 --> 00:05.500
            Au revoir
            """;

    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "captions-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @Test
    void anSrtTrackIsListedInTheMasterPlaylistAndFfmpegReadsIt() {
        String id = transcoded();
        HttpResponse<String> added = add(id, "language=en&default=true", "application/x-subrip", SRT);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode track = ApiClient.json(added);
        assertThat(track.get("language").asText()).isEqualTo("en");
        assertThat(track.get("label").asText()).isEqualTo("English");
        assertThat(track.get("default").asBoolean()).isTrue();
        assertThat(track.get("cues").asInt()).isEqualTo(3);

        HttpResponse<byte[]> file = api.download(track.get("url").asText());
        assertThat(file.headers().firstValue("Content-Disposition")).get().asString().contains("talk.en.vtt");
        assertThat(new String(file.body(), StandardCharsets.UTF_8)).startsWith("WEBVTT\n")
                .contains("00:00:00.500 --> 00:00:02.000\nHello there &amp; welcome")
                .contains("\nThis one crosses a segment boundary\n").contains("<i>Goodbye</i>")
                .doesNotContain("font").doesNotContain("\\an8");

        String masterUrl = ApiClient.output(ApiClient.json(api.get(token, "/api/uploads/" + id)), "hls")
                .get("url").asText();
        String master = text(masterUrl);
        assertThat(master).contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\","
                + "DEFAULT=YES,AUTOSELECT=YES,FORCED=NO,URI=\"captions/" + track.get("id").asText() + "/index.m3u8?");
        assertThat(master.lines().filter(line -> line.startsWith("#EXT-X-STREAM-INF:")))
                .allMatch(line -> line.endsWith(",SUBTITLES=\"subs\""));

        String subtitles = text(resolve(masterUrl, uri(master, "captions/")));
        String rung = text(resolve(masterUrl, master.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).findFirst().orElseThrow()));
        assertThat(durations(subtitles)).as("one subtitle segment per video segment, on the same boundaries")
                .isEqualTo(durations(rung));
        List<String> segments = subtitles.lines().filter(line -> line.startsWith("http")).toList();
        String second = new String(api.download(segments.get(1)).body(), StandardCharsets.UTF_8);
        assertThat(second).startsWith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS=").contains("LOCAL=00:00:00.000")
                .contains("00:00:03.000 --> 00:00:05.000");
        long ticks = Long.parseLong(second.replaceAll("(?s).*MPEGTS=(\\d+),.*", "$1"));
        assertThat(ticks).as("the cues' 0 is the first fragment's decode time (tfdt), which players take as the"
                + " stream's start; the transcoder's 10 s offset is in the init segment's edit list").isZero();

        String read = TestMedia.subtitles(masterUrl);
        assertThat(read).as("ffmpeg found the track through the master playlist and decoded every segment's cues")
                .contains("Hello there & welcome").contains("This one crosses a segment boundary").contains("Goodbye");
        assertThat(TestMedia.decodeErrors(masterUrl)).isEmpty();
    }

    @Test
    void tracksAreListedDeletedAndCountedInTheStorageReport() {
        String id = transcoded();
        JsonNode english = ApiClient.json(add(id, "language=en", "text/vtt", VTT.replace("Bonjour", "Hi")
                .replace("Au revoir", "Bye")));
        HttpResponse<String> frenchAdded = add(id, "language=fr-fr&label=Fran%C3%A7ais&default=true",
                "text/vtt; charset=utf-8", VTT);
        assertThat(frenchAdded.statusCode()).as(frenchAdded.body()).isEqualTo(201);
        JsonNode french = ApiClient.json(frenchAdded);
        assertThat(french.get("language").asText()).isEqualTo("fr-FR");
        assertThat(french.get("label").asText()).isEqualTo("Français");
        assertThat(french.get("cues").asInt()).isEqualTo(2);
        assertThat(new String(api.download(french.get("url").asText()).body(), StandardCharsets.UTF_8))
                .contains("00:00:01.000 --> 00:00:02.500 align:start\nBonjour").doesNotContain("NOTE")
                .doesNotContain("intro");

        JsonNode list = ApiClient.json(api.get(token, "/api/uploads/" + id + "/captions"));
        assertThat(list.get("items").findValuesAsText("label")).containsExactly("English", "Français");
        assertThat(list.get("items").findValuesAsText("default")).containsExactly("false", "true");
        long both = english.get("sizeBytes").asLong() + french.get("sizeBytes").asLong();
        assertThat(awaitStorage(current -> current.at("/bytes/captions").asLong() == both)
                .at("/bytes/captions").asLong()).isEqualTo(both);

        HttpResponse<String> deleted = api.delete(token, "/api/uploads/" + id + "/captions/"
                + french.get("id").asText());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(api.delete(token, "/api/uploads/" + id + "/captions/" + french.get("id").asText()).statusCode())
                .isEqualTo(404);
        assertThat(ApiClient.json(api.get(token, "/api/uploads/" + id + "/captions")).get("items")
                .findValuesAsText("label")).containsExactly("English");
        String masterUrl = ApiClient.output(ApiClient.json(api.get(token, "/api/uploads/" + id)), "hls")
                .get("url").asText();
        assertThat(text(masterUrl)).contains("NAME=\"English\"").doesNotContain("Français");
        assertThat(api.download(french.get("url").asText()).statusCode()).as("its files are gone").isEqualTo(404);
        long one = english.get("sizeBytes").asLong();
        assertThat(awaitStorage(current -> current.at("/bytes/captions").asLong() == one)
                .at("/bytes/captions").asLong()).isEqualTo(one);

        assertThat(api.delete(token, "/api/uploads/" + id).statusCode()).isEqualTo(204);
        assertThat(api.download(english.get("url").asText()).statusCode())
                .as("deleting the upload deletes its tracks").isEqualTo(404);
        assertThat(awaitStorage(current -> current.at("/bytes/total").asLong() == 0)
                .at("/bytes/captions").asLong()).isZero();
    }

    @Test
    void badCaptionFilesGetClearErrorsAndChangeNothing() {
        String id = transcoded();
        JsonNode kept = ApiClient.json(add(id, "language=en", "text/vtt", VTT));
        String before = text(ApiClient.output(ApiClient.json(api.get(token, "/api/uploads/" + id)), "hls")
                .get("url").asText()).replaceAll("\\?[^\"\\n]*", "");

        byte[] latin1 = "1\n00:00:01,000 --> 00:00:02,000\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(api.postFile(token, path(id, "language=fr"), "application/x-subrip", latin1), 400,
                "invalid_caption_encoding", "UTF-8");
        assertProblem(add(id, "language=en", "text/plain", "just some words\nand more"), 400,
                "invalid_caption_file", "neither WebVTT");
        assertProblem(add(id, "language=en", "application/x-subrip",
                "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:04,000 --> 00:00:03,000\nbackwards\n"), 400,
                "invalid_caption_file", "Line 6");
        assertProblem(add(id, "language=en", "text/vtt", "WEBVTT\n\n00:01.000 -> 00:02.000\nbroken arrow\n"), 400,
                "invalid_caption_file", "Line 3");
        assertProblem(add(id, "language=en", "text/vtt", "WEBVTT\n\nNOTE nothing else\n"), 400,
                "invalid_caption_file", "no cues");
        assertProblem(add(id, "language=en", "text/vtt", "WEBVTT\n\n00:05.000 --> 00:09.000\ntoo late\n"), 400,
                "caption_past_end", "past the end of the video");
        assertProblem(add(id, "language=klingon-language-tag", "text/vtt", VTT), 400, "invalid_caption_language",
                "BCP 47");
        assertProblem(add(id, "language=en&label=%22quoted%22", "text/vtt", VTT), 400, "invalid_caption_label",
                "double quote");
        assertProblem(add(id, "language=en&default=yes", "text/vtt", VTT), 400, "invalid_caption_default",
                "true or false");
        assertProblem(add(id, "language=en", "application/json", "{\"content\":\"WEBVTT\"}"), 415,
                "unsupported_caption_type", "text/vtt");
        assertProblem(add(id, "language=de", "text/vtt", "WEBVTT\n\n" + "00:01.000 --> 00:02.000\n"
                + "x".repeat(1024 * 1024) + "\n"), 413, "caption_too_large", "1048576");
        assertProblem(add(id, "language=en", "text/vtt", VTT), 409, "duplicate_caption_label", "English");
        assertProblem(add(UUID.randomUUID().toString(), "language=en", "text/vtt", VTT), 404, "not_found", "");
        String stranger = host.tokens().mint("captions-stranger-" + tenant, Duration.ofMinutes(5));
        HttpResponse<String> foreign = api.postFile(stranger, path(id, "language=en&label=Other"), "text/vtt",
                VTT.getBytes(StandardCharsets.UTF_8));
        assertThat(foreign.statusCode()).as("another tenant's upload is not found").isEqualTo(404);

        JsonNode list = ApiClient.json(api.get(token, "/api/uploads/" + id + "/captions"));
        assertThat(list.get("items").findValuesAsText("id")).containsExactly(kept.get("id").asText());
        String after = text(ApiClient.output(ApiClient.json(api.get(token, "/api/uploads/" + id)), "hls")
                .get("url").asText()).replaceAll("\\?[^\"\\n]*", "");
        assertThat(after).as("the master playlist is unchanged").isEqualTo(before);
    }

    @Test
    void tracksAddedAtTheSameTimeAreAllRecordedAndAllListedInTheMasterPlaylist() {
        String id = transcoded();
        List<CompletableFuture<HttpResponse<String>>> posts = Stream.of("One", "Two", "Three", "Four")
                .map(label -> CompletableFuture.supplyAsync(() -> add(id, "language=en&label=" + label, "text/vtt",
                        VTT))).toList();
        List<HttpResponse<String>> answers = posts.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201));
        JsonNode list = ApiClient.json(api.get(token, "/api/uploads/" + id + "/captions"));
        assertThat(list.get("items").findValuesAsText("label")).containsExactlyInAnyOrder("One", "Two", "Three",
                "Four");
        String master = text(ApiClient.output(ApiClient.json(api.get(token, "/api/uploads/" + id)), "hls")
                .get("url").asText());
        assertThat(master.lines().filter(line -> line.startsWith("#EXT-X-MEDIA:TYPE=SUBTITLES"))).hasSize(4);
        long total = list.get("items").findValues("sizeBytes").stream().mapToLong(JsonNode::asLong).sum();
        assertThat(awaitStorage(current -> current.at("/bytes/captions").asLong() == total)
                .at("/bytes/captions").asLong()).isEqualTo(total);
    }

    @Test
    void onlyTranscodedVideosTakeCaptions() {
        byte[] pdf = TestMedia.pdf(2048);
        JsonNode created = ApiClient.json(api.createUpload(token, "notes.pdf", "application/pdf", pdf.length));
        api.putBlob(created, pdf);
        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), Duration.ofMinutes(1));
        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        assertProblem(add(done.get("uploadId").asText(), "language=en", "text/vtt", VTT), 409, "captions_need_video",
                "application/pdf");
    }

    private String transcoded() {
        byte[] video = TestMedia.mp4(6, "640x360");
        HttpResponse<String> created = api.createUpload(token, Json.write(Map.of("fileName", "talk.mp4",
                "contentType", "video/mp4", "sizeBytes", video.length)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode upload = ApiClient.json(created);
        api.putBlob(upload, video);
        JsonNode done = api.awaitTerminal(token, upload.get("statusUrl").asText(), Duration.ofMinutes(3));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");
        return upload.get("uploadId").asText();
    }

    private HttpResponse<String> add(String id, String query, String contentType, String file) {
        return api.postFile(token, path(id, query), contentType, file.getBytes(StandardCharsets.UTF_8));
    }

    private static String path(String id, String query) {
        return "/api/uploads/" + id + "/captions?" + query;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = ApiClient.json(response);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("detail").asText()).contains(says).doesNotContain("Exception")
                .doesNotContain("sig=");
    }

    private String text(String url) {
        HttpResponse<byte[]> response = api.download(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String uri(String playlist, String startingWith) {
        int at = playlist.indexOf("URI=\"" + startingWith);
        return playlist.substring(at + 5, playlist.indexOf('"', at + 5));
    }

    private static String resolve(String base, String relative) {
        return URI.create(base).resolve(relative).toString();
    }

    private static List<String> durations(String playlist) {
        return playlist.lines().filter(line -> line.startsWith("#EXTINF:"))
                .map(line -> String.format("%.3f", Double.parseDouble(line.substring(8, line.indexOf(',')))))
                .toList();
    }

    private JsonNode awaitStorage(Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode current = ApiClient.json(api.get(token, "/api/reports/storage/current"));
        while (!done.test(current) && Instant.now().isBefore(deadline)) {
            ApiClient.sleep(250);
            current = ApiClient.json(api.get(token, "/api/reports/storage/current"));
        }
        return current;
    }
}
