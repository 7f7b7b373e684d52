package com.contoso.media.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DevTokenEndpointTest {

    private final DevTokenEndpoint endpoint = new DevTokenEndpoint(DevTokenIssuer.generate(), Clock.systemUTC());

    @ParameterizedTest(name = "Host: {0} → {1}")
    @CsvSource({
        "localhost:7071, true", "LOCALHOST, true", "127.0.0.1:7071, true", "127.3.2.1, true", "'[::1]:7071', true",
        "attacker.example:7071, false", "localhost.attacker.example, false", "127.0.0.1.nip.io, false",
        "'[::ffff:7f00:1]', false", "10.0.0.5:7071, false", "'', false"})
    void onlyRequestsAddressedToThisMachineByNameOrLoopbackLiteralGetATokenBack(String host, boolean minted) {
        ApiResponse response = endpoint.mint(new ApiRequest("POST", "http://x", Map.of("Host", host), Map.of(),
                "{\"tenantId\":\"tenant-a\"}"));

        assertThat(response.status()).isEqualTo(minted ? 200 : 403);
        if (!minted) {
            assertThat(response.body()).contains("dev_token_refused").doesNotContain("token\":\"ey");
        }
    }

    @Test
    void theSigningKeyIsWrittenReadableByItsOwnerAlone(@TempDir Path dir) throws IOException {
        Path key = dir.resolve("keys/dev-signing-key.json");

        DevTokenIssuer.loadOrCreate(key);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(DevTokenIssuer.loadOrCreate(key).publicJwks()).as("read back as written").contains("\"kty\"");
    }
}
