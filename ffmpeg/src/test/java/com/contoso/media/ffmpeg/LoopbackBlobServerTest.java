package com.contoso.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.ffmpeg.LoopbackBlobServer.ServedBlob;
import com.contoso.media.blobs.BlobRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP ranges ffmpeg relies on, asked for directly; {@link FfmpegOverLoopbackTest} has ffmpeg ask. */
class LoopbackBlobServerTest {

    private static final BlobRef BLOB = new BlobRef("media", "t1/u1/original/clip.mp4");
    private static final byte[] BYTES = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    private static final LoopbackBlobServer SERVER = LoopbackBlobServer.start();
    private final BytesMediaStore store = new BytesMediaStore();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @ParameterizedTest(name = "{0} of 20 bytes → {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "none        | whole",
        "bytes=0-    | 0-19",
        "bytes=5-9   | 5-9",
        "bytes=15-99 | 15-19",
        "bytes=-5    | 15-19",
        "bytes=-50   | 0-19",
        "bytes=19-   | 19-19",
        "bytes=20-   | unsatisfiable",
        "bytes=99-   | unsatisfiable",
        "bytes=-0    | unsatisfiable",
        "bytes=9-5   | whole",
        "items=0-5   | whole",
        "bytes=0-1,4-5 | whole",
        "bytes=99999999999999999999- | unsatisfiable"})
    void rangesAreReadTheWayRfc9110Says(String header, String expected) {
        Optional<long[]> range = LoopbackBlobServer.range(header, 20);

        String actual = range.map(r -> r.length == 0 ? "unsatisfiable" : r[0] + "-" + r[1]).orElse("whole");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void servesOnLoopbackWithNoHostNameAndNoSignature() {
        store.put(BLOB, BYTES);
        try (ServedBlob served = SERVER.serve(store, BLOB)) {
            // The pattern leaves room for a random token and the file name only: no blob path, no signature.
            // (A check that the token lacks "u1" would fail whenever the random token happened to spell it.)
            assertThat(served.url()).matches("http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]{22}/source\\.mp4");
        }
    }

    @Test
    void aWholeReadAndARangeAnswerWithTheirLengthsAndSayRangesAreTaken() throws Exception {
        store.put(BLOB, BYTES);
        try (ServedBlob served = SERVER.serve(store, BLOB)) {
            HttpResponse<String> whole = get(served, null);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo("0123456789abcdefghij");
            assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");

            HttpResponse<String> part = get(served, "bytes=5-9");
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo("56789");
            assertThat(part.headers().firstValue("Content-Range")).contains("bytes 5-9/20");
            assertThat(part.headers().firstValue("Content-Length")).contains("5");
        }
    }

    @Test
    void seekingToTheEndReadsTheLastBytesAndPastItAnswers416WithTheSize() throws Exception {
        store.put(BLOB, BYTES);
        try (ServedBlob served = SERVER.serve(store, BLOB)) {
            HttpResponse<String> tail = get(served, "bytes=-4");
            assertThat(tail.statusCode()).isEqualTo(206);
            assertThat(tail.body()).isEqualTo("ghij");
            assertThat(tail.headers().firstValue("Content-Range")).contains("bytes 16-19/20");

            HttpResponse<String> past = get(served, "bytes=20-");
            assertThat(past.statusCode()).isEqualTo(416);
            assertThat(past.headers().firstValue("Content-Range")).contains("bytes */20");
            assertThat(past.body()).isEmpty();
        }
    }

    @Test
    void headAnswersTheLengthWithoutReadingTheBlob() throws Exception {
        store.put(BLOB, BYTES);
        try (ServedBlob served = SERVER.serve(store, BLOB)) {
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(served.url()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).contains("20");
            assertThat(store.rangeReads).hasValue(0);
        }
    }

    @Test
    void anUnknownPathAnotherMethodAndAWithdrawnBlobAreRefused() throws Exception {
        store.put(BLOB, BYTES);
        ServedBlob served = SERVER.serve(store, BLOB);
        String guessed = served.url().replaceAll("/[A-Za-z0-9_-]{22}/", "/AAAAAAAAAAAAAAAAAAAAAA/");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(guessed)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        HttpResponse<Void> post = http.send(HttpRequest.newBuilder(URI.create(served.url()))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");

        served.close();

        assertThat(get(served, null).statusCode()).as("a finished run's URL answers nothing").isEqualTo(404);
        assertThat(store.rangeReads).hasValue(0);
    }

    @Test
    void anEmptyBlobIsServedAsEmptyAndAnAbsentOneIsNotServedAtAll() throws Exception {
        store.put(BLOB, new byte[0]);
        try (ServedBlob served = SERVER.serve(store, BLOB)) {
            HttpResponse<String> whole = get(served, null);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEmpty();
            assertThat(get(served, "bytes=0-").statusCode()).isEqualTo(416);
        }
        assertThatThrownBy(() -> SERVER.serve(store, new BlobRef("media", "nothing")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReadStorageRefusesIsAnswered503AndReportedToTheCallerRedacted() throws Exception {
        BytesMediaStore refusing = new BytesMediaStore() {
            @Override
            public void readRange(BlobRef blob, String etag, long offset, long count, java.io.OutputStream out) {
                throw new IllegalStateException("403 on https://acct.blob.core.windows.net/m/x?sp=r&sig=S3cr3t");
            }
        };
        refusing.put(BLOB, BYTES);
        try (ServedBlob served = SERVER.serve(refusing, BLOB)) {
            served.requireReadable();

            assertThat(get(served, "bytes=0-4").statusCode()).isEqualTo(503);

            assertThatThrownBy(served::requireReadable)
                    .isInstanceOf(LoopbackBlobServer.SourceUnavailableException.class)
                    .hasMessageContaining("sig=REDACTED").satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("S3cr3t"));
        }
    }

    private HttpResponse<String> get(ServedBlob served, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(served.url()));
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
