package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.AppSetting;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the deployment honest: every setting a binding or host.json needs is set by Bicep and has a value in
 * local.settings.json, Bicep sets nothing that nobody reads, and every connection has its role assignments.
 */
class BicepSettingsTest {

    private static final Path ROOT = PackagedFunctions.ROOT;
    private static final Pattern EXPRESSION = Pattern.compile("%([A-Za-z0-9_]+)%");
    private static final Pattern CODE_READ = Pattern.compile(
            "\\b(?:get|find|require|getLong|getList)\\(\\s*\"([A-Za-z][A-Za-z0-9_]*)\"");
    /** Settings the platform itself reads. */
    private static final Set<String> PLATFORM = Set.of(
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
    /** What each connection's identity must be granted (role definition ids, as in bicep/modules/rbac.bicep). */
    private static final Map<String, Set<String>> ROLES = Map.of(
            "AzureWebJobsStorage", Set.of("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
                    "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"),
            "CosmosDb", Set.of("00000000-0000-0000-0000-000000000002"),
            "ServiceBusConnection", Set.of("090c5cfd-751d-490a-894a-3ce6f1109419"));

    @Test
    void everyBindingExpressionIsSetByBicepAndLocally() throws IOException {
        Set<String> needed = bindingExpressions();
        assertThat(needed).as("binding expressions found").contains("DURABLE_TASK_HUB");

        assertThat(bicepSettings()).containsAll(needed);
        Map<String, String> local = localSettings();
        for (String name : needed) {
            assertThat(local.get(name)).as("local.settings.json value of %s", name).isNotBlank();
        }
    }

    @Test
    void everyConnectionIsConfiguredInBothPlacesAndHasItsRoles() throws IOException {
        Set<String> connections = connections();
        assertThat(connections).contains("AzureWebJobsStorage", "CosmosDb");
        String rbac = Files.readString(ROOT.resolve("bicep/modules/rbac.bicep"));
        Set<String> bicep = bicepSettings();
        Set<String> local = localSettings().keySet();

        for (String connection : connections) {
            assertThat(bicep).as("Bicep settings for connection %s", connection)
                    .anyMatch(name -> name.equals(connection) || name.startsWith(connection + "__"));
            assertThat(local).as("local settings for connection %s", connection)
                    .anyMatch(name -> name.equals(connection) || name.startsWith(connection + "__"));
            assertThat(ROLES).as("known roles for connection %s", connection).containsKey(connection);
            assertThat(ROLES.get(connection)).allSatisfy(role ->
                    assertThat(rbac).as("role %s for %s in rbac.bicep", role, connection).contains(role));
        }
    }

    @Test
    void bicepSetsNothingThatNobodyReads() throws IOException {
        Set<String> read = new HashSet<>(codeReads());
        read.addAll(bindingExpressions());
        read.addAll(PLATFORM);
        Set<String> connections = connections();

        Set<String> unread = bicepSettings().stream()
                .filter(name -> !read.contains(name))
                .filter(name -> connections.stream().noneMatch(c -> name.startsWith(c + "__")))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(unread).as("app settings in Bicep that no code, binding or host.json reads").isEmpty();
    }

    /** {@code %NAME%} in every generated function.json and in host.json. */
    private static Set<String> bindingExpressions() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode function : PackagedFunctions.byName().values()) {
            names.addAll(expressions(function.toString()));
        }
        names.addAll(expressions(Files.readString(ROOT.resolve("host.json"))));
        return names;
    }

    /** Binding connections, the host's own storage, and identity-based prefixes the code reads (X__y). */
    private static Set<String> connections() throws IOException {
        Set<String> names = new TreeSet<>(Set.of("AzureWebJobsStorage"));
        for (JsonNode function : PackagedFunctions.byName().values()) {
            for (JsonNode binding : function.path("bindings")) {
                if (binding.hasNonNull("connection")) {
                    names.add(binding.get("connection").asText());
                }
            }
        }
        codeReads().stream().filter(name -> name.contains("__")).map(name -> name.substring(0, name.indexOf("__")))
                .forEach(names::add);
        return names;
    }

    /** What the code reads: the settings catalogue (the only way code reads a setting; see below). */
    private static Set<String> codeReads() {
        return Arrays.stream(AppSetting.values()).map(AppSetting::settingName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void codeReadsSettingsOnlyThroughTheCatalogue() throws IOException {
        Set<String> byName = new TreeSet<>();
        // Every module of the build, the local wing's included; the benchmarks and the suites are not the app.
        List<Path> sources = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")))
                .results().map(module -> ROOT.resolve(module.group(1)).resolve("src/main/java"))
                .filter(Files::isDirectory).filter(dir -> !dir.startsWith(ROOT.resolve("bench"))).toList();
        assertThat(sources).contains(ROOT.resolve("core/src/main/java"), ROOT.resolve("local/devhost/src/main/java"));
        for (Path source : sources) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = CODE_READ.matcher(Files.readString(file));
                    while (m.find()) {
                        if (codeReads().contains(m.group(1)) || m.group(1).equals(m.group(1).toUpperCase())) {
                            byName.add(file.getFileName() + ": " + m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(byName).as("settings read by a string name instead of an AppSetting").isEmpty();
    }

    @Test
    void everyCatalogueEntryIsDocumented() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/configuration.md"));

        assertThat(codeReads()).allSatisfy(name ->
                assertThat(docs).as("docs/configuration.md lists %s", name).contains("`" + name + "`"));
    }

    /** The keys of {@code var appSettings = { ... }} in the Function App module. */
    private static Set<String> bicepSettings() throws IOException {
        String bicep = Files.readString(ROOT.resolve("bicep/modules/functionapp.bicep"));
        int start = bicep.indexOf("var appSettings = {");
        assertThat(start).as("appSettings object in functionapp.bicep").isNotNegative();
        int depth = 0;
        int end = start;
        for (int i = bicep.indexOf('{', start); i < bicep.length(); i++) {
            depth += bicep.charAt(i) == '{' ? 1 : bicep.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                end = i;
                break;
            }
        }
        Set<String> keys = new TreeSet<>();
        Matcher key = Pattern.compile("(?m)^\\s{2}([A-Za-z_][A-Za-z0-9_]*)\\s*:").matcher(bicep.substring(start, end));
        while (key.find()) {
            keys.add(key.group(1));
        }
        assertThat(keys).as("settings parsed from functionapp.bicep").hasSizeGreaterThan(10);
        return keys;
    }

    private static Map<String, String> localSettings() throws IOException {
        JsonNode values = Json.read(Files.readString(ROOT.resolve("local.settings.json")), JsonNode.class).path("Values");
        Map<String, String> settings = new java.util.TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            settings.put(entry.getKey(), entry.getValue().asText());
        }
        return settings;
    }

    private static Set<String> expressions(String text) {
        Set<String> names = new HashSet<>();
        Matcher m = EXPRESSION.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
