package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.http.ProblemException;
import com.contoso.media.json.Json;
import com.contoso.media.transcoding.TranscodeOptions.RungChoice;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscodeOptionsParserTest {

    private static final TranscodeLimits LIMITS = new TranscodeLimits(1080, 8000);

    @Test
    void everyFieldIsOptionalAndTheLadderComesBackHighestFirst() {
        TranscodeOptions options = parse("""
                {"ladder":[{"height":360,"videoKbps":700},{"height":720,"videoKbps":2400}],
                 "thumbnails":{"intervalSeconds":12.5},"chunkSeconds":10}""");

        assertThat(options.ladder()).containsExactly(new RungChoice(720, 2400), new RungChoice(360, 700));
        assertThat(options.thumbnails().intervalSeconds()).isEqualTo(12.5);
        assertThat(options.thumbnails().count()).isNull();
        assertThat(options.chunkSeconds()).isEqualTo(10);
        assertThat(parse("{}")).isEqualTo(new TranscodeOptions(null, null, null));
        assertThat(parse("{\"mp4\":true,\"audioOnly\":false}")).isEqualTo(
                new TranscodeOptions(null, null, null, true, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]                                                           | transcode must be an object",
        "{\"chunkSeconds\":7}                                         | transcode.chunkSeconds must be a whole number from 8 to 120",
        "{\"chunkSeconds\":10.5}                                      | transcode.chunkSeconds must be a whole number",
        "{\"ladder\":{}}                                              | transcode.ladder must be an array of 1 to 6 rungs",
        "{\"ladder\":[{\"height\":1440,\"videoKbps\":9000}]}          | transcode.ladder[0].height must be a whole number from 144 to 1080",
        "{\"ladder\":[{\"height\":481,\"videoKbps\":900}]}            | transcode.ladder[0].height must be even",
        "{\"ladder\":[{\"height\":480}]}                              | transcode.ladder[0].videoKbps must be a whole number from 100 to 8000",
        "{\"ladder\":[{\"height\":480,\"videoKbps\":900,\"crf\":20}]} | transcode.ladder[0] has an unknown field",
        "{\"thumbnails\":{}}                                          | transcode.thumbnails needs exactly one of count or intervalSeconds",
        "{\"thumbnails\":{\"count\":21}}                              | transcode.thumbnails.count must be a whole number from 1 to 20",
        "{\"thumbnails\":{\"intervalSeconds\":\"5\"}}                 | transcode.thumbnails.intervalSeconds must be a number of at least 1",
        "{\"mp4\":\"yes\"}                                            | transcode.mp4 must be true or false",
        "{\"audioOnly\":1}                                            | transcode.audioOnly must be true or false",
        "{\"preset\":\"slow\"}                                        | transcode has an unknown field"})
    void anythingOutOfBoundsIsA400NamingTheField(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.code()).isEqualTo("invalid_transcode_options");
        }).hasMessageContaining(message);
    }

    private static TranscodeOptions parse(String json) {
        return TranscodeOptionsParser.parse(Json.read(json, JsonNode.class), LIMITS);
    }
}
