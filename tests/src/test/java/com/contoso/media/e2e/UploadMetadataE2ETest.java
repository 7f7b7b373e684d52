package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The tenant's own fields on an upload (title, tags, metadata, externalId) through the local runtime's HTTP API:
 * stored and returned, refused clearly when over a limit (nothing stored), edited with an ETag so that a stale
 * edit is a 412, filtered on across pages, and carried in the webhook of a later event.
 */
class UploadMetadataE2ETest {

    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "meta-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @Test
    void theFieldsAreStoredReturnedAndEditedOnlyFromTheRevisionRead() {
        JsonNode created = created(Map.of("title", "Launch video", "tags", List.of("launch", "q4"),
                "metadata", Map.of("crm.id", "42", "owner", "ana"), "externalId", "ext-77"));
        String id = created.get("uploadId").asText();

        HttpResponse<String> read = api.get(token, "/api/uploads/" + id);
        JsonNode upload = ApiClient.json(read);
        assertThat(upload.get("title").asText()).isEqualTo("Launch video");
        assertThat(upload.get("tags")).extracting(JsonNode::asText).containsExactly("launch", "q4");
        assertThat(upload.at("/metadata/crm.id").asText()).isEqualTo("42");
        assertThat(upload.get("externalId").asText()).isEqualTo("ext-77");
        String etag = read.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> edited = patch(id, etag, "{\"title\":\"Launch video (final)\",\"metadata\":{\"owner\":null}}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(edited.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        HttpResponse<String> stale = patch(id, etag, "{\"title\":\"Overwrite\"}");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(ApiClient.json(stale).get("code").asText()).isEqualTo("precondition_failed");

        JsonNode after = ApiClient.json(api.get(token, "/api/uploads/" + id));
        assertThat(after.get("title").asText()).isEqualTo("Launch video (final)");
        assertThat(after.get("metadata").size()).isEqualTo(1);
        assertThat(after.get("tags")).hasSize(2);
    }

    @Test
    void fieldsOverTheirLimitsAreRefusedWithASentenceAndNothingIsStored() {
        List<Map<String, Object>> bad = List.of(
                Map.of("title", "x".repeat(201)),
                Map.of("tags", IntStream.range(0, 21).mapToObj(i -> "t" + i).toList()),
                Map.of("metadata", Map.of("no spaces", "v")),
                Map.of("metadata", Map.of("k", 5)),
                Map.of("externalId", ""));
        for (Map<String, Object> fields : bad) {
            HttpResponse<String> refused = api.createUpload(token, body(fields));
            assertThat(refused.statusCode()).as(fields.toString()).isEqualTo(400);
            JsonNode problem = ApiClient.json(refused);
            assertThat(problem.get("code").asText()).isEqualTo("invalid_metadata");
            assertThat(problem.get("detail").asText()).doesNotContain("Exception");
        }
        assertThat(ApiClient.json(api.get(token, "/api/uploads")).get("items")).isEmpty();

        String id = created(Map.of()).get("uploadId").asText();
        HttpResponse<String> readOnly = patch(id, "*", "{\"status\":\"Succeeded\"}");
        assertThat(readOnly.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(api.get(token, "/api/uploads/" + id)).get("status").asText())
                .isEqualTo("AwaitingUpload");
    }

    @Test
    void aFilteredListPagesThroughEveryMatchAndOnlyThem() {
        List<String> tagged = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            JsonNode created = created(i % 11 == 10 ? Map.of("tags", List.of("other"))
                    : Map.of("tags", List.of("batch", "n" + i), "externalId", "row-" + i));
            if (i % 11 != 10) {
                tagged.add(created.get("uploadId").asText());
            }
        }

        List<String> seen = new ArrayList<>();
        String next = "";
        int pages = 0;
        do {
            JsonNode page = ApiClient.json(api.get(token, "/api/uploads?tag=batch&limit=7"
                    + (next.isEmpty() ? "" : "&continuationToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8))));
            page.get("items").forEach(item -> seen.add(item.get("uploadId").asText()));
            next = page.path("continuationToken").asText("");
            pages++;
        } while (!next.isEmpty() && pages < 20);

        assertThat(tagged).hasSize(30);
        assertThat(seen).hasSize(30).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(tagged);
        assertThat(pages).isEqualTo(5);
        JsonNode byExternalId = ApiClient.json(api.get(token, "/api/uploads?externalId=row-3"));
        assertThat(byExternalId.get("items")).hasSize(1);
        assertThat(byExternalId.at("/items/0/tags")).extracting(JsonNode::asText).containsExactly("batch", "n3");
        assertThat(ApiClient.json(api.get(token, "/api/uploads?tag=batch&status=Succeeded")).get("items")).isEmpty();
    }

    @Test
    void aLaterEventAndItsWebhookCarryTheFieldsAsEdited() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = ApiClient.json(api.call("POST", token, "/api/webhooks", Json.write(Map.of(
                    "url", receiver.url(), "events", List.of("media.upload.accepted")))));
            receiver.trust(endpoint.get("secret").asText());
            byte[] pdf = TestMedia.pdf(2048);
            JsonNode created = ApiClient.json(api.createUpload(token, body(Map.of("fileName", "brief.pdf",
                    "contentType", "application/pdf", "sizeBytes", pdf.length, "title", "Brief",
                    "tags", List.of("docs"), "externalId", "doc-9"))));
            String id = created.get("uploadId").asText();
            assertThat(patch(id, "\"0\"", "{\"metadata\":{\"project\":\"apollo\"}}").statusCode()).isEqualTo(200);
            assertThat(api.putBlob(created, pdf).statusCode()).isEqualTo(201);
            assertThat(api.awaitTerminal(token, created.get("statusUrl").asText(), Duration.ofSeconds(60))
                    .get("status").asText()).isEqualTo("Succeeded");

            Instant deadline = Instant.now().plusSeconds(60);
            while (receiver.received().isEmpty() && Instant.now().isBefore(deadline)) {
                ApiClient.sleep(100);
            }
            assertThat(receiver.received()).isNotEmpty();
            JsonNode data = Json.read(receiver.received().get(0).body(), JsonNode.class).get("data");
            assertThat(data.get("title").asText()).isEqualTo("Brief");
            assertThat(data.get("tags")).extracting(JsonNode::asText).containsExactly("docs");
            assertThat(data.at("/metadata/project").asText()).isEqualTo("apollo");
            assertThat(data.get("externalId").asText()).isEqualTo("doc-9");
        }
    }

    private JsonNode created(Map<String, Object> fields) {
        HttpResponse<String> response = api.createUpload(token, body(fields));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ApiClient.json(response);
    }

    private static String body(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("fileName", "f.pdf", "contentType", "application/pdf",
                "sizeBytes", 1000));
        body.putAll(fields);
        return Json.write(body);
    }

    private HttpResponse<String> patch(String id, String ifMatch, String body) {
        return api.send(HttpRequest.newBuilder(URI.create(host.baseUrl() + "/api/uploads/" + id))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/merge-patch+json")
                .header("If-Match", ifMatch).method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
