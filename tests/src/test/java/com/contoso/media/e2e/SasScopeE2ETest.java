package com.contoso.media.e2e;

import com.contoso.media.app.AzureClients;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.contoso.media.devhost.DevHost;
import com.contoso.media.blobs.AccountKeySasSigner;
import com.contoso.media.blobs.BlobMediaStore;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.UploadTarget;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The upload SAS grants create on one blob for minutes, and nothing else. */
class SasScopeE2ETest {

    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String token = host.tokens().mint("sas-" + UUID.randomUUID().toString().substring(0, 8),
            Duration.ofMinutes(15));

    @Test
    void theUploadSasCannotReadListOrWriteElsewhereAndATamperedOneIsRefused() {
        byte[] png = TestMedia.png();
        JsonNode created = ApiClient.json(api.createUpload(token, "scoped.png", "image/png", png.length));
        String url = created.get("uploadUrl").asText();
        assertThat(api.putBlob(created, png).statusCode()).isEqualTo(201);

        assertThat(api.download(url).statusCode()).as("GET with the upload SAS").isEqualTo(403);
        assertThat(put(url.replace("scoped.png?", "other.png?"), png)).as("PUT to another blob").isEqualTo(403);
        String container = url.substring(0, url.indexOf("/uploads/") + "/uploads".length());
        assertThat(api.download(container + "?restype=container&comp=list&" + url.substring(url.indexOf('?') + 1))
                .statusCode()).as("list the container").isEqualTo(403);
        assertThat(put(tamper(url), png)).as("tampered signature").isEqualTo(403);

        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), Duration.ofSeconds(30));
        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        assertThat(api.download(done.at("/outputs/0/url").asText()).body()).isEqualTo(png);
    }

    @Test
    void anExpiredUploadSasIsRefused() {
        BlobMediaStore store = new BlobMediaStore(new BlobServiceClientBuilder()
                .connectionString(AzureClients.AZURITE_LOCALHOST).buildClient(), new AccountKeySasSigner(), Clock.systemUTC());
        UploadTarget expired = store.issueUploadTarget(new BlobRef("uploads", "sas-expiry/" + UUID.randomUUID() + "/x.png"),
                "image/png", Map.of(), Instant.now().minusSeconds(1));

        assertThat(put(expired.url(), TestMedia.png())).isEqualTo(403);
    }

    private int put(String url, byte[] bytes) {
        return api.send(HttpRequest.newBuilder(URI.create(url)).header("x-ms-blob-type", "BlockBlob")
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build())
                .statusCode();
    }

    private static String tamper(String url) {
        int sig = url.indexOf("sig=") + 4;
        char first = url.charAt(sig);
        return url.substring(0, sig) + (first == 'A' ? 'B' : 'A') + url.substring(sig + 1);
    }
}
