package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the Function App ships: the core, the Azure adapters and the orchestrations, and nothing from {@code local/}:
 * no module of the local wing as a jar, and none of its classes inside another jar. The local wing is read from the
 * repository, so a module or class added there is covered without touching this test.
 */
class PackagedAppContentsTest {

    private static final Path APP = PackagedFunctions.ROOT.resolve("functions/target/azure-functions/media-backend-func");
    private static final Path LOCAL = PackagedFunctions.ROOT.resolve("local");
    private static final Pattern ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");

    @Test
    void thePackagedAppHoldsNothingFromTheLocalWing() throws IOException {
        Set<String> localModules = localArtifactIds();
        Set<String> localClasses = localClassFiles();
        assertThat(localModules).as("the local wing's modules").contains("local-standins", "local-devtokens", "devhost");
        assertThat(localClasses).as("the local wing's classes").contains(
                "com/contoso/media/auth/DevTokenIssuer.class", "com/contoso/media/devhost/DevHost.class",
                "com/contoso/media/uploads/InMemoryUploadRepository.class");

        List<String> jars = jarPaths().stream().map(path -> path.getFileName().toString()).toList();
        assertThat(jars).as("the app's jars").anyMatch(jar -> jar.startsWith("core-"))
                .anyMatch(jar -> jar.startsWith("adapters-"))
                .noneMatch(jar -> localModules.stream().anyMatch(module -> jar.startsWith(module + "-")));
        List<String> shipped = new ArrayList<>();
        for (Path jar : jarPaths()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(entry -> entry.getName()).filter(localClasses::contains)
                        .forEach(name -> shipped.add(jar.getFileName() + "!" + name));
            }
        }
        assertThat(shipped).as("classes of the local wing inside the app").isEmpty();
    }

    private static Set<String> localArtifactIds() throws IOException {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> poms = Files.walk(LOCAL, 2)) {
            for (Path pom : poms.filter(path -> path.getFileName().toString().equals("pom.xml")).toList()) {
                Matcher artifact = ARTIFACT.matcher(Files.readString(pom));
                if (artifact.find()) {
                    ids.add(artifact.group(1));
                }
            }
        }
        return ids;
    }

    /** Every class the local wing compiles, as a jar entry name. */
    private static Set<String> localClassFiles() throws IOException {
        Set<String> classes = new HashSet<>();
        try (Stream<Path> modules = Files.list(LOCAL)) {
            for (Path compiled : modules.map(module -> module.resolve("target/classes")).filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(compiled)) {
                    files.filter(path -> path.toString().endsWith(".class"))
                            .forEach(path -> classes.add(compiled.relativize(path).toString().replace('\\', '/')));
                }
            }
        }
        return classes;
    }

    private static List<Path> jarPaths() throws IOException {
        assertThat(APP).as("packaged Function App (run mvn verify from the root)").isDirectory();
        try (Stream<Path> files = Files.walk(APP)) {
            return files.filter(path -> path.toString().endsWith(".jar")).toList();
        }
    }
}
