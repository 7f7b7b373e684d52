package com.contoso.media.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.http.ProblemException;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TenantMetadataTest {

    private static JsonNode json(String text) {
        return Json.read(text, JsonNode.class);
    }

    private static TenantMetadata created(String body) {
        return TenantMetadata.fromCreate(json(body));
    }

    @Test
    void aCreateBodyGivesEachFieldNormalisedAndDistinctTagsInOrder() {
        TenantMetadata fields = created("{\"fileName\":\"a.pdf\",\"title\":\"  Cafe\\u0301 launch \","
                + "\"tags\":[\"b\",\"a\",\"b\"],\"metadata\":{\"crm.id\":\"42\"},\"externalId\":\"ext-1\"}");

        assertThat(fields.title()).contains("Café launch");
        assertThat(fields.tags()).containsExactly("b", "a");
        assertThat(fields.metadata()).containsExactly(Map.entry("crm.id", "42"));
        assertThat(fields.externalId()).contains("ext-1");
        assertThat(fields.revision()).isZero();
        assertThat(fields.etag()).isEqualTo("\"0\"");
        assertThat(created("{}")).isEqualTo(TenantMetadata.NONE);
    }

    @Test
    void aPatchMergesReplacesAndClearsAndCountsARevision() {
        TenantMetadata before = created("{\"title\":\"t\",\"tags\":[\"x\"],\"metadata\":{\"a\":\"1\",\"b\":\"2\"},"
                + "\"externalId\":\"e\"}");

        TenantMetadata after = before.patched(json("{\"title\":null,\"tags\":[\"y\"],\"metadata\":{\"a\":null,"
                + "\"c\":\"3\"}}"));

        assertThat(after.title()).isEmpty();
        assertThat(after.tags()).containsExactly("y");
        assertThat(after.metadata()).isEqualTo(Map.of("b", "2", "c", "3"));
        assertThat(after.externalId()).as("untouched").contains("e");
        assertThat(after.revision()).isEqualTo(1);
        assertThat(after.patched(json("{\"metadata\":null}")).metadata()).isEmpty();
    }

    @Test
    void everyLimitAndMalformedFieldIsAClearBadRequest() {
        String tooManyTags = IntStream.range(0, 21).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
        String tooManyKeys = IntStream.range(0, 33).mapToObj(i -> "\"k" + i + "\":\"v\"")
                .collect(Collectors.joining(","));
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("{\"title\":\"" + "x".repeat(201) + "\"}", "title must be at most 200 characters"),
                Map.entry("{\"title\":\"  \"}", "title must not be blank"),
                Map.entry("{\"title\":\"a\\u202eb\"}", "control or invisible"),
                Map.entry("{\"title\":5}", "title must be a string"),
                Map.entry("{\"tags\":[" + tooManyTags + "]}", "At most 20 tags"),
                Map.entry("{\"tags\":\"x\"}", "tags must be an array"),
                Map.entry("{\"tags\":[\"" + "t".repeat(65) + "\"]}", "a tag must be at most 64"),
                Map.entry("{\"metadata\":{\"bad key\":\"v\"}}", "metadata key 'bad key'"),
                Map.entry("{\"metadata\":{\"k\":1}}", "metadata.k must be a string"),
                Map.entry("{\"metadata\":[]}", "metadata must be an object"),
                Map.entry("{\"metadata\":{" + tooManyKeys + "}}", "at most 32 keys"),
                Map.entry("{\"externalId\":\"" + "e".repeat(129) + "\"}", "externalId must be at most 128"));
        bodies.forEach((body, message) -> assertThatThrownBy(() -> created(body)).as(body)
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_metadata");
                    assertThat(e.getMessage()).contains(message);
                }));
        String big = IntStream.range(0, 20).mapToObj(i -> "\"k" + i + "\":\"" + "v".repeat(500) + "\"")
                .collect(Collectors.joining(","));
        assertThatThrownBy(() -> created("{\"metadata\":{" + big + "}}")).hasMessageContaining("8192 bytes");
    }

    @Test
    void aPatchMayNotTouchAnythingElse() {
        assertThatThrownBy(() -> TenantMetadata.NONE.patched(json("{\"status\":\"Succeeded\"}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("invalid_metadata"))
                .hasMessageContaining("'status' cannot be changed");
        assertThatThrownBy(() -> com.contoso.media.http.JsonBody.object("[1]")).hasMessageContaining("JSON object");
    }

    @Test
    void theFilterMatchesStatusTagAndExternalIdTogether() {
        Upload upload = Upload.awaitingUpload("u", "t", "f.pdf", "application/pdf", 1,
                new BlobRef("uploads", "t/u/f.pdf"), "c", Instant.EPOCH,
                Instant.EPOCH).withTenantMetadata(created("{\"tags\":[\"a\"],\"externalId\":\"x\"}"));

        assertThat(UploadFilter.ALL.matches(upload)).isTrue();
        assertThat(new UploadFilter(Optional.of(UploadStatus.AwaitingUpload), Optional.of("a"), Optional.of("x"))
                .matches(upload)).isTrue();
        assertThat(new UploadFilter(Optional.empty(), Optional.of("b"), Optional.empty()).matches(upload)).isFalse();
        assertThat(new UploadFilter(Optional.empty(), Optional.empty(), Optional.of("y")).matches(upload)).isFalse();
        assertThat(UploadFilter.byStatus(Optional.of(UploadStatus.Succeeded)).matches(upload)).isFalse();
    }
}
