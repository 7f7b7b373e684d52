package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The azd hooks as azd runs them, with stand-in {@code azd} and {@code az} commands on the PATH: the deploy order in
 * azure.yaml, the web-config hook refusing an empty environment, and the postdeploy hook retrying only the one error
 * that a lag explains, in azd's subscription.
 */
class AzdHooksTest {

    private static final Path ROOT = PackagedFunctions.ROOT;

    @TempDir
    Path work;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void upProvisionsBeforeItPackagesAndDeploys() throws IOException {
        String yaml = Files.readString(ROOT.resolve("azure.yaml"));
        String workflow = yaml.substring(yaml.indexOf("workflows:"), yaml.indexOf("services:"));

        assertThat(workflow).containsSubsequence("up:", "- azd: provision", "- azd: package --all",
                "- azd: deploy --all");
    }

    @Test
    void theWebConfigHookStopsOnAnEmptyEnvironmentAndWritesNothing() throws Exception {
        stub("azd", "exit 1");

        Run run = run(List.of("sh", ROOT.resolve("scripts/azd/web-config.sh").toString()), Map.of());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("API_BASE_URL is empty");
        assertThat(work.resolve(".env.production")).doesNotExist();
    }

    @Test
    void theWebConfigHookRefusesHalfAnEntraConfigurationAndWritesAWholeOne() throws Exception {
        stub("azd", "case \"$3\" in API_BASE_URL) echo https://func.example/api;; ENTRA_CLIENT_ID) echo client-1;;"
                + " *) exit 1;; esac");
        Run half = run(List.of("sh", ROOT.resolve("scripts/azd/web-config.sh").toString()), Map.of());
        assertThat(half.exitCode()).isNotZero();
        assertThat(half.stderr()).contains("ENTRA_CLIENT_ID, ENTRA_AUTHORITY and API_SCOPE");

        stub("azd", "case \"$3\" in API_BASE_URL) echo https://func.example/api;; *) exit 1;; esac");
        Run apiOnly = run(List.of("sh", ROOT.resolve("scripts/azd/web-config.sh").toString()), Map.of());
        assertThat(apiOnly.exitCode()).as(apiOnly.stderr()).isZero();
        assertThat(Files.readString(work.resolve(".env.production")))
                .contains("VITE_API_BASE_URL=https://func.example/api");
    }

    @Test
    void thePostdeployHookRetriesOnlyAnUnlistedFunctionInAzdsSubscription() throws Exception {
        Path calls = work.resolve("az-calls");
        stub("az", "echo \"$@\" >> " + calls + "; n=$(wc -l < " + calls + ");"
                + " if [ \"$n\" -lt 3 ]; then echo 'ERROR: Endpoint validation: Destination endpoint not found.' >&2;"
                + " exit 1; fi");

        Run run = run(List.of("sh", ROOT.resolve("scripts/azd/subscribe-upload-events.sh").toString()), deployed());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> made = Files.readAllLines(calls);
        assertThat(made).hasSize(3).allSatisfy(call -> assertThat(call).contains("--subscription sub-of-azd"));
        assertThat(run.stdout()).contains("not listed yet (attempt 1)", "is in place");
    }

    @Test
    void thePostdeployHookStopsAtOnceOnAnyOtherError() throws Exception {
        Path calls = work.resolve("az-calls");
        stub("az", "echo \"$@\" >> " + calls + "; echo \"ERROR: (AuthorizationFailed) The client does not have"
                + " authorization\" >&2; exit 1");

        Run run = run(List.of("sh", ROOT.resolve("scripts/azd/subscribe-upload-events.sh").toString()), deployed());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("AuthorizationFailed");
        assertThat(Files.readAllLines(calls)).hasSize(1);
    }

    @Test
    void thePostdeployHookNamesAMissingValue() throws Exception {
        stub("az", "exit 0");
        Map<String, String> environment = new HashMap<>(deployed());
        environment.remove("AZURE_SUBSCRIPTION_ID");

        Run run = run(List.of("sh", ROOT.resolve("scripts/azd/subscribe-upload-events.sh").toString()), environment);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("AZURE_SUBSCRIPTION_ID is empty");
    }

    private static Map<String, String> deployed() {
        return Map.of("AZURE_SUBSCRIPTION_ID", "sub-of-azd", "AZURE_RESOURCE_GROUP", "rg-media",
                "AZURE_LOCATION", "westeurope", "AZURE_STORAGE_ACCOUNT_NAME", "stmedia",
                "AZURE_FUNCTION_APP_NAME", "func-media", "EVENTGRID_TOPIC_NAME", "evgt-media",
                "SUBSCRIBE_RETRY_DELAY_SECONDS", "0");
    }

    private void stub(String command, String body) throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path script = bin.resolve(command);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", work.resolve("bin") + ":/usr/bin:/bin");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 60 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
