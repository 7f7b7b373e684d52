package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The function.json files azure-functions-maven-plugin generated, by function name. */
public final class PackagedFunctions {

    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PACKAGED = ROOT.resolve("functions/target/azure-functions");

    private PackagedFunctions() {
    }

    public static Map<String, JsonNode> byName() {
        assertThat(PACKAGED).as("packaged Function App (run mvn verify from the root)").isDirectory();
        Map<String, JsonNode> functions = new TreeMap<>();
        try (Stream<Path> files = Files.walk(PACKAGED)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("function.json")).toList()) {
                functions.put(file.getParent().getFileName().toString(), Json.read(Files.readString(file), JsonNode.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(functions).as("function.json files").hasSizeGreaterThan(10);
        return functions;
    }

    /** The function's trigger binding. */
    public static JsonNode trigger(JsonNode function) {
        for (JsonNode binding : function.path("bindings")) {
            if (binding.path("type").asText().endsWith("Trigger")) {
                return binding;
            }
        }
        throw new AssertionError("no trigger in " + function);
    }
}
