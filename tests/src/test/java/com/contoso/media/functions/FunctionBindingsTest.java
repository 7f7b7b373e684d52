package com.contoso.media.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.infra.PackagedFunctions;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The host's side of each entry point, read from the {@code function.json} files the Maven plugin generated: every
 * binding reaches a parameter of the entry point by name and every parameter is a binding (or the execution
 * context), and each trigger's Java type and data type are ones the Java worker passes for that trigger. A mistake
 * here would otherwise show only in Azure. Routes against the OpenAPI document: {@code OpenApiRoutesTest}; settings
 * and connections against Bicep: {@code BicepSettingsTest}.
 */
class FunctionBindingsTest {

    private static final Type TEXT = String.class;
    /** What a Service Bus trigger with cardinality MANY receives: the batch's bodies as text. */
    private static final String TEXT_BATCH = "java.util.List<java.lang.String>";
    private final Map<String, JsonNode> functions = PackagedFunctions.byName();

    @Test
    void everyBindingReachesAParameterByNameAndEveryParameterIsABinding() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            Method entryPoint = entryPoint(function.getKey(), function.getValue());
            Set<String> bindings = new HashSet<>();
            function.getValue().path("bindings").forEach(binding -> {
                if (binding.path("direction").asText().equals("in")) {
                    bindings.add(binding.path("name").asText());
                }
            });
            Set<String> parameters = new HashSet<>();
            for (Parameter parameter : entryPoint.getParameters()) {
                String name = Worker.bindingName(parameter);
                if (name == null && parameter.getType() != ExecutionContext.class) {
                    problems.add(function.getKey() + ": parameter " + parameter + " is no binding");
                } else if (name != null && !isRouteValue(function.getValue(), name)) {
                    parameters.add(name);
                }
            }
            if (!parameters.equals(bindings)) {
                problems.add(function.getKey() + ": bindings " + bindings + " but parameters " + parameters);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void eachTriggerTakesWhatTheJavaWorkerPassesForIt() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            Method entryPoint = entryPoint(function.getKey(), function.getValue());
            for (JsonNode binding : function.getValue().path("bindings")) {
                if (!binding.path("direction").asText().equals("in")) {
                    continue;
                }
                Type declared = parameter(entryPoint, binding.path("name").asText()).getParameterizedType();
                Optional<String> wrong = expected(binding, entryPoint, declared);
                wrong.ifPresent(problem -> problems.add(function.getKey() + " (" + binding.path("type").asText()
                        + "): " + problem));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void anHttpFunctionAnswersThroughItsReturnValue() throws Exception {
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            if (PackagedFunctions.trigger(function.getValue()).path("type").asText().equals("httpTrigger")) {
                assertThat(entryPoint(function.getKey(), function.getValue()).getReturnType()).as(function.getKey())
                        .isEqualTo(HttpResponseMessage.class);
                assertThat(function.getValue().path("bindings").findValuesAsText("name")).as(function.getKey())
                        .contains("$return");
            }
        }
    }

    /** Why the declared type is not what the worker passes for the binding, if it is not. */
    private static Optional<String> expected(JsonNode binding, Method entryPoint, Type declared) {
        String dataType = binding.path("dataType").asText("");
        return switch (binding.path("type").asText()) {
            case "httpTrigger" -> declared instanceof ParameterizedType request
                    && request.getRawType() == HttpRequestMessage.class
                    && request.getActualTypeArguments()[0].getTypeName().equals("java.util.Optional<java.lang.String>")
                    ? Optional.empty() : Optional.of(declared + ", not HttpRequestMessage<Optional<String>>");
            case "eventGridTrigger", "queueTrigger", "timerTrigger" -> declared.equals(TEXT) ? Optional.empty()
                    : Optional.of(declared + ", not String");
            case "activityTrigger" -> declared.equals(TEXT) && dataType.equals("string") ? Optional.empty()
                    : Optional.of(declared + " with dataType '" + dataType + "', not raw JSON text");
            case "cosmosDBTrigger" -> declared.equals(TEXT) && dataType.equals("string") ? Optional.empty()
                    : Optional.of(declared + " with dataType '" + dataType + "', not the batch as JSON text");
            case "serviceBusTrigger" -> binding.path("cardinality").asText("ONE").equalsIgnoreCase("MANY")
                    ? textBatch(declared, dataType) : declared.equals(TEXT) && dataType.equals("string")
                    ? Optional.empty() : Optional.of(declared + " with dataType '" + dataType + "', not text");
            case "orchestrationTrigger" -> declared.equals(TaskOrchestrationContext.class) ? Optional.empty()
                    : Optional.of(declared + ", not TaskOrchestrationContext");
            case "durableClient" -> declared.equals(DurableClientContext.class) ? Optional.empty()
                    : Optional.of(declared + ", not DurableClientContext");
            default -> Optional.of("a binding type this app does not expect (" + entryPoint + ")");
        };
    }

    private static Optional<String> textBatch(Type declared, String dataType) {
        return declared.getTypeName().equals(TEXT_BATCH) && dataType.equals("string")
                ? Optional.empty() : Optional.of(declared + " with dataType '" + dataType + "', not List<String>");
    }

    private static boolean isRouteValue(JsonNode function, String name) {
        String route = PackagedFunctions.trigger(function).path("route").asText("");
        return route.contains("{" + name + "}") || route.contains("{*" + name + "}");
    }

    private static Parameter parameter(Method entryPoint, String binding) {
        for (Parameter parameter : entryPoint.getParameters()) {
            if (binding.equals(Worker.bindingName(parameter))) {
                return parameter;
            }
        }
        throw new AssertionError(entryPoint + " has no parameter for binding " + binding);
    }

    private static Method entryPoint(String name, JsonNode function) throws ClassNotFoundException {
        String entryPoint = function.path("entryPoint").asText();
        Class<?> type = Class.forName(entryPoint.substring(0, entryPoint.lastIndexOf('.')));
        return Worker.entryPoint(type, entryPoint.substring(entryPoint.lastIndexOf('.') + 1), name);
    }
}
