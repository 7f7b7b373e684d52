package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.transcoding.ClipCutter;
import com.contoso.media.transcoding.RenditionPackager;
import com.contoso.media.transcoding.TranscodeActivities;
import com.contoso.media.transcoding.TranscodeActivityCatalog;
import com.contoso.media.transcoding.TranscodeVideoOrchestration;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.Mockito;

/** The packaged Function App exposes the contract of docs/design.md and every activity the orchestration calls. */
class FunctionContractTest {

    private final Map<String, JsonNode> functions = PackagedFunctions.byName();

    @ParameterizedTest(name = "{0}: {1} /api/{2}")
    @CsvSource({
        "CreateUpload, post,   uploads",
        "ListUploads,  get,    uploads",
        "GetUpload,    get,    uploads/{id}",
        "DeleteUpload, delete, uploads/{id}",
        "Playback,     get,    playback/{tenant}/{id}/{*path}",
        "Health,       get,    health",
    })
    void httpRoutesMatchTheContract(String name, String method, String route) {
        JsonNode trigger = PackagedFunctions.trigger(functions.get(name));

        assertThat(trigger.path("type").asText()).isEqualTo("httpTrigger");
        assertThat(trigger.path("route").asText()).isEqualTo(route);
        List<String> methods = new ArrayList<>();
        trigger.path("methods").forEach(m -> methods.add(m.asText().toLowerCase()));
        assertThat(methods).containsExactly(method);
        // The app authenticates callers itself (bearer JWT); function keys would only get in the way.
        assertThat(trigger.path("authLevel").asText()).isEqualToIgnoringCase("anonymous");
    }

    @Test
    void intakeIsAnEventGridTriggerAndTheOrchestratorIsRegistered() {
        assertThat(PackagedFunctions.trigger(functions.get("UploadIntake")).path("type").asText())
                .isEqualTo("eventGridTrigger");
        assertThat(PackagedFunctions.trigger(functions.get(TranscodeVideoOrchestration.NAME)).path("type").asText())
                .isEqualTo("orchestrationTrigger");
    }

    @Test
    void everyActivityTheOrchestrationCallsIsAnActivityFunction() {
        var activityNames = TranscodeActivityCatalog.of(Mockito.mock(TranscodeActivities.class),
                Mockito.mock(ClipCutter.class), Mockito.mock(RenditionPackager.class), id -> { }).keySet();

        for (String activity : activityNames) {
            assertThat(functions).as("function for activity %s", activity).containsKey(activity);
            JsonNode trigger = PackagedFunctions.trigger(functions.get(activity));
            assertThat(trigger.path("type").asText()).isEqualTo("activityTrigger");
            assertThat(trigger.path("dataType").asText()).as("raw JSON input for %s", activity).isEqualTo("string");
        }
    }
}
