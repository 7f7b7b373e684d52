package com.contoso.media.functions;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.contoso.media.devhost.LocalOrchestrations;
import com.contoso.media.infra.PackagedFunctions;
import com.contoso.media.transcoding.InstanceState;
import com.contoso.media.transcoding.TranscodeActivityCatalog;
import com.contoso.media.transcoding.TranscodeRequest;
import com.contoso.media.transcoding.TranscodeVideoOrchestration;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.Gson;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.TraceContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Java worker does for the Function App, in a test: it reads the packaged {@code function.json} files,
 * finds each entry point the way the worker does (the {@code entryPoint} class and method), and calls it with binding
 * values in the worker's shapes: an {@link WorkerHttp.Request} for HTTP, text for Event Grid, queue, Service Bus and
 * activity inputs, a {@code List<String>} for batches, timer info as JSON, an {@link ExecutionContext}, and a
 * {@link DurableClientContext}. The Durable host is the local runtime's driver, running the Function App's own
 * orchestrator and activity functions through this worker, so a transcode also goes through the entry points.
 */
final class Worker implements AutoCloseable {

    /** The timer info the worker hands a timer-triggered function. */
    static final String TIMER = "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}";
    private static final Gson WORKER_JSON = new Gson();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\*?([^}]+)}");

    private final Map<String, JsonNode> functions = PackagedFunctions.byName();
    private final Set<String> invoked = ConcurrentHashMap.newKeySet();
    private final LocalOrchestrations durable;
    private final DurableClientContext durableContext;

    Worker(Path durableHistories) {
        Map<String, UnaryOperator<String>> activities = new HashMap<>();
        Map<String, TaskOrchestration> orchestrations = new HashMap<>();
        functions.forEach((name, function) -> {
            JsonNode trigger = PackagedFunctions.trigger(function);
            String binding = trigger.path("name").asText();
            switch (trigger.path("type").asText()) {
                case "activityTrigger" -> activities.put(name, input -> {
                    Object output = invoke(name, Map.of(binding, input));
                    return output == null ? null : WORKER_JSON.toJson(output);
                });
                case "orchestrationTrigger" -> orchestrations.put(name,
                        ctx -> ctx.complete(invoke(name, Map.of(binding, ctx))));
                default -> { }
            }
        });
        durable = new LocalOrchestrations(TranscodeVideoOrchestration.NAME, orchestrations, activities,
                TranscodeActivityCatalog.ENCODES, 2, Clock.systemUTC(), durableHistories);
        DurableTaskClient client = durableClient();
        durableContext = new DurableClientContext() {
            @Override
            public String getTaskHubName() {
                return "EntryPoints";
            }

            @Override
            public DurableTaskClient getClient() {
                return client;
            }
        };
    }

    /** The function names the packaged app declares. */
    Set<String> declared() {
        return functions.keySet();
    }

    /** The functions this worker has called so far. */
    Set<String> invoked() {
        return Set.copyOf(invoked);
    }

    JsonNode function(String name) {
        return functions.get(name);
    }

    /**
     * Routes a request as the host does (method and route template of each HTTP trigger), then calls the function
     * with the request and its route values.
     */
    WorkerHttp.Response http(String method, String pathAndQuery, Map<String, String> headers, String body) {
        URI uri = URI.create("http://localhost:7071" + pathAndQuery);
        String path = uri.getRawPath().substring("/api/".length());
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            JsonNode trigger = PackagedFunctions.trigger(function.getValue());
            if (!trigger.path("type").asText().equals("httpTrigger") || !methods(trigger).contains(method)) {
                continue;
            }
            Map<String, Object> values = routeValues(trigger.path("route").asText(), path);
            if (values != null) {
                values.put(trigger.path("name").asText(), new WorkerHttp.Request(uri, HttpMethod.valueOf(method),
                        new LinkedHashMap<>(headers), body));
                return (WorkerHttp.Response) invoke(function.getKey(), values);
            }
        }
        throw new AssertionError("no function serves " + method + " " + pathAndQuery);
    }

    /** Calls a function with its binding values by binding name, as the worker does. */
    Object invoke(String name, Map<String, Object> bindings) {
        JsonNode function = functions.get(name);
        if (function == null) {
            throw new AssertionError("the packaged app has no function " + name);
        }
        String entryPoint = function.path("entryPoint").asText();
        try {
            Class<?> type = Class.forName(entryPoint.substring(0, entryPoint.lastIndexOf('.')));
            Method method = entryPoint(type, entryPoint.substring(entryPoint.lastIndexOf('.') + 1), name);
            List<Object> arguments = new ArrayList<>();
            for (Parameter parameter : method.getParameters()) {
                arguments.add(argument(name, parameter, bindings));
            }
            invoked.add(name);
            return method.invoke(type.getDeclaredConstructor().newInstance(), arguments.toArray());
        } catch (InvocationTargetException e) {
            // As the worker reports it: the function's own exception (an orchestrator's "blocked" signal included).
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call " + entryPoint + " as the worker would", e);
        }
    }

    Optional<InstanceState> orchestration(String instanceId) {
        return durable.state(instanceId);
    }

    private Object argument(String function, Parameter parameter, Map<String, Object> bindings) {
        if (parameter.getType() == ExecutionContext.class) {
            return context(function);
        }
        String binding = bindingName(parameter);
        if (parameter.getType() == DurableClientContext.class) {
            return durableContext;
        }
        if (!bindings.containsKey(binding)) {
            throw new AssertionError(function + " needs a value for its binding " + binding);
        }
        return bindings.get(binding);
    }

    /** The binding a parameter receives: its trigger or input annotation's name, or its route value's. */
    static String bindingName(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation instanceof BindingName route) {
                return route.value();
            }
            try {
                return (String) annotation.annotationType().getMethod("name").invoke(annotation);
            } catch (ReflectiveOperationException notABinding) {
                // An annotation without a name (a retry policy, say) is not a binding.
            }
        }
        return null;
    }

    static Method entryPoint(Class<?> type, String methodName, String functionName) {
        for (Method method : type.getMethods()) {
            FunctionName declared = method.getAnnotation(FunctionName.class);
            if (method.getName().equals(methodName) && declared != null && declared.value().equals(functionName)) {
                return method;
            }
        }
        throw new AssertionError(type.getName() + "." + methodName + " is not @FunctionName(\"" + functionName + "\")");
    }

    private static List<String> methods(JsonNode trigger) {
        List<String> methods = new ArrayList<>();
        trigger.path("methods").forEach(method -> methods.add(method.asText().toUpperCase()));
        return methods;
    }

    /** The route template's values in {@code path}, or null when it does not match. */
    private static Map<String, Object> routeValues(String template, String path) {
        List<String> names = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(template.substring(last, placeholder.start())));
            regex.append(placeholder.group().startsWith("{*") ? "(.+)" : "([^/]+)");
            names.add(placeholder.group(1));
            last = placeholder.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        Matcher matched = Pattern.compile(regex.toString()).matcher(path);
        if (!matched.matches()) {
            return null;
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), matched.group(i + 1));
        }
        return values;
    }

    /** The trace of the host's span for each invocation, as the host hands it over with telemetryMode OpenTelemetry. */
    static final String HOST_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final TraceContext HOST_TRACE = new TraceContext() {
        @Override
        public String getTraceparent() {
            return "00-" + HOST_TRACE_ID + "-b7ad6b7169203331-01";
        }

        @Override
        public String getTracestate() {
            return "";
        }

        @Override
        public Map<String, String> getAttributes() {
            return Map.of();
        }
    };

    private static ExecutionContext context(String function) {
        String invocation = UUID.randomUUID().toString();
        return new ExecutionContext() {
            @Override
            public TraceContext getTraceContext() {
                return HOST_TRACE;
            }

            @Override
            public Logger getLogger() {
                return Logger.getLogger("Function." + function);
            }

            @Override
            public String getInvocationId() {
                return invocation;
            }

            @Override
            public String getFunctionName() {
                return function;
            }
        };
    }

    /** The Durable client the host binds, answering from the local driver. */
    private DurableTaskClient durableClient() {
        DurableTaskClient client = mock(DurableTaskClient.class);
        when(client.scheduleNewOrchestrationInstance(anyString(), any(NewOrchestrationInstanceOptions.class)))
                .thenAnswer(call -> {
                    NewOrchestrationInstanceOptions options = call.getArgument(1);
                    durable.start((TranscodeRequest) options.getInput());
                    return options.getInstanceId();
                });
        when(client.getInstanceMetadata(anyString(), anyBoolean())).thenAnswer(call ->
                metadata(durable.state(call.getArgument(0))));
        doAnswer(call -> {
            durable.cancel(call.getArgument(0), String.valueOf((Object) call.getArgument(1)));
            return null;
        }).when(client).terminate(anyString(), any());
        return client;
    }

    private static OrchestrationMetadata metadata(Optional<InstanceState> state) {
        OrchestrationMetadata metadata = mock(OrchestrationMetadata.class);
        when(metadata.isInstanceFound()).thenReturn(state.isPresent());
        when(metadata.isCompleted()).thenReturn(state.filter(s -> s != InstanceState.RUNNING).isPresent());
        when(metadata.getRuntimeStatus()).thenReturn(state.map(s -> switch (s) {
            case RUNNING -> OrchestrationRuntimeStatus.RUNNING;
            case COMPLETED -> OrchestrationRuntimeStatus.COMPLETED;
            case FAILED -> OrchestrationRuntimeStatus.FAILED;
            case TERMINATED -> OrchestrationRuntimeStatus.TERMINATED;
        }).orElse(null));
        return metadata;
    }

    @Override
    public void close() {
        durable.close();
    }
}
