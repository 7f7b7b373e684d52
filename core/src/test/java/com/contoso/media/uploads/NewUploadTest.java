package com.contoso.media.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.config.Settings;
import com.contoso.media.http.ProblemException;
import com.contoso.media.json.Json;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NewUploadTest {

    private final UploadPolicy policy = UploadPolicy.from(new Settings(Map.of("UPLOAD_MAX_BYTES", "1000")));

    @Test
    void acceptsAWellFormedRequest() {
        NewUpload upload = NewUpload.parse("{\"fileName\":\"clip one.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":1000}", policy);

        assertThat(upload).isEqualTo(new NewUpload("clip one.mp4", "video/mp4", 1000));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{not json                                                              | malformed_json",
        "[1,2]                                                                  | malformed_json",
        "{\"contentType\":\"video/mp4\",\"sizeBytes\":1}                        | missing_field",
        "{\"fileName\":\"a.mp4\",\"contentType\":\"video/mp4\"}                 | missing_field",
        "{\"fileName\":7,\"contentType\":\"video/mp4\",\"sizeBytes\":1}         | invalid_field",
        "{\"fileName\":\"../a.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":1}  | invalid_file_name",
        "{\"fileName\":\"a\\\\b.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":1} | invalid_file_name",
        "{\"fileName\":\"..\",\"contentType\":\"video/mp4\",\"sizeBytes\":1}    | invalid_file_name",
        "{\"fileName\":\"a\\u0007.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":1} | invalid_file_name",
        "{\"fileName\":\"  \",\"contentType\":\"video/mp4\",\"sizeBytes\":1}    | invalid_file_name",
        "{\"fileName\":\"a.exe\",\"contentType\":\"application/x-msdownload\",\"sizeBytes\":1} | unsupported_content_type",
        "{\"fileName\":\"a.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":0} | invalid_size",
        "{\"fileName\":\"a.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":-5} | invalid_size",
        "{\"fileName\":\"a.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":1.5} | invalid_size",
        "{\"fileName\":\"a.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":\"9\"} | invalid_size",
        "{\"fileName\":\"a.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":1001} | file_too_large",
        "{\"sourceUrl\":\"https://x.example/a.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":0} | invalid_size",
        "{\"sourceUrl\":\"https://x.example/a.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":1001} | file_too_large",
        "{\"sourceUrl\":7,\"contentType\":\"video/mp4\"}                   | invalid_field",
        "{\"sourceUrl\":\"https://x.example/a.mp4\"}                         | missing_field",
        "{\"sourceUrl\":\"https://x.example/a%0A.mp4\",\"contentType\":\"video/mp4\"} | invalid_file_name",
    })
    void refusesBadRequestsWithASpecificCode(String body, String code) {
        assertThatThrownBy(() -> NewUpload.parse(body, policy))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.code()).isEqualTo(code);
                    assertThat(problem.getMessage()).isNotBlank();
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "https://files.example.com/media/talk%20one.mp4?sig=secret | talk one.mp4",
        "https://files.example.com/                                | imported",
        "https://files.example.com                                 | imported",
        "https://files.example.com/a/..                            | imported",
    })
    void anImportNamesItsFileAfterTheUrlPathUnlessTheTenantNamesIt(String url, String fileName) {
        NewUpload upload = NewUpload.parse(Json.write(Map.of("sourceUrl", url, "contentType", "video/mp4")), policy);

        assertThat(upload.fileName()).isEqualTo(fileName);
        assertThat(upload.declaredBytes()).isEmpty();
        assertThat(upload.sourceUrl()).contains(url);
        assertThat(NewUpload.parse(Json.write(Map.of("sourceUrl", url, "contentType", "video/mp4",
                "fileName", "mine.mp4", "sizeBytes", 900)), policy))
                .extracting(NewUpload::fileName, NewUpload::declaredBytes)
                .containsExactly("mine.mp4", java.util.Optional.of(900L));
    }

    @Test
    void refusesNamesLongerThan255Characters() {
        String body = "{\"fileName\":\"" + "a".repeat(256) + "\",\"contentType\":\"video/mp4\",\"sizeBytes\":1}";

        assertThatThrownBy(() -> NewUpload.parse(body, policy)).hasMessageContaining("at most 255");
        assertThat(NewUpload.parse(body.replace("a".repeat(256), "a".repeat(255)), policy).fileName()).hasSize(255);
    }

    @Test
    void theAllowListIsConfigurable() {
        UploadPolicy pdfOnly = UploadPolicy.from(new Settings(Map.of("UPLOAD_ALLOWED_CONTENT_TYPES", "application/pdf")));

        assertThatThrownBy(() -> NewUpload.parse("{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"sizeBytes\":1}", pdfOnly))
                .hasMessageContaining("allowed: application/pdf");
    }

    @Test
    void aVideoMayCarryTranscodeOptionsAndAnythingElseMayNot() {
        UploadPolicy policy = UploadPolicy.from(new com.contoso.media.config.Settings(Map.of()));

        NewUpload video = NewUpload.parse("{\"fileName\":\"v.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":9,"
                + "\"transcode\":{\"chunkSeconds\":8}}", policy);

        assertThat(video.transcode()).hasValueSatisfying(options -> assertThat(options.chunkSeconds()).isEqualTo(8));
        assertThatThrownBy(() -> NewUpload.parse("{\"fileName\":\"a.pdf\",\"contentType\":\"application/pdf\","
                + "\"sizeBytes\":9,\"transcode\":{}}", policy)).hasMessageContaining("videos only");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "cod\u202Egpj.exe | bidirectional text controls (U+202E)",
        "a\u2066b.mp4     | bidirectional text controls (U+2066)",
        "a\u200Bb.mp4     | invisible characters (U+200B)",
        "\uFEFFa.mp4      | invisible characters (U+FEFF)",
        "a\u2028b.mp4     | invisible characters (U+2028)",
        "a\u0085b.mp4     | control characters (U+0085)",
        "a\u009Fb.mp4     | control characters (U+009F)",
        "a\u007Fb.mp4     | control characters (U+007F)",
        "clip.mp4.         | must not end with a dot or a space",
        "'clip.mp4 '       | must not end with a dot or a space"})
    void namesThatShowOneThingAndAreAnotherAreRefusedNamingTheCharacter(String name, String why) {
        String body = Json.write(Map.of("fileName", name, "contentType", "video/mp4", "sizeBytes", 1));

        assertThatThrownBy(() -> NewUpload.parse(body, policy)).isInstanceOfSatisfying(ProblemException.class,
                problem -> {
                    assertThat(problem.code()).isEqualTo("invalid_file_name");
                    assertThat(problem.getMessage()).contains(why);
                });
    }

    @Test
    void aNameIsKeptInItsComposedForm() {
        String body = Json.write(Map.of("fileName", "Cafe\u0301.mp4", "contentType", "video/mp4",
                "sizeBytes", 1));

        assertThat(NewUpload.parse(body, policy).fileName()).isEqualTo("Caf\u00e9.mp4").hasSize(8);
    }
}
