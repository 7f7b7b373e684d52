package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the Function App ships: the core, the Azure adapters and the orchestrations; no stand-in, no dev key. */
class PackagedAppContentsTest {

    private static final Path APP = PackagedFunctions.ROOT.resolve("functions/target/azure-functions/media-backend-func");

    @Test
    void thePackagedAppHoldsNoStandInAndNoDevTokenIssuer() throws IOException {
        List<String> jars = jars();
        assertThat(jars).as("the app's jars").anyMatch(jar -> jar.startsWith("core-"))
                .anyMatch(jar -> jar.startsWith("adapters-"))
                .noneMatch(jar -> jar.startsWith("local-standins") || jar.startsWith("devhost"));

        List<String> standIns = new ArrayList<>();
        for (Path jar : jarPaths()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(entry -> entry.getName())
                        .filter(name -> name.startsWith("com/contoso/media/"))
                        .filter(name -> name.contains("/InMemory") || name.contains("/InProcess")
                                || name.endsWith("/MessagePump.class") || name.endsWith("/ReceiverThreads.class") || name.contains("/DevTokenIssuer"))
                        .forEach(name -> standIns.add(jar.getFileName() + "!" + name));
            }
        }
        assertThat(standIns).isEmpty();
    }

    private static List<String> jars() throws IOException {
        return jarPaths().stream().map(path -> path.getFileName().toString()).toList();
    }

    private static List<Path> jarPaths() throws IOException {
        assertThat(APP).as("packaged Function App (run mvn verify from the root)").isDirectory();
        try (Stream<Path> files = Files.walk(APP)) {
            return files.filter(path -> path.toString().endsWith(".jar")).toList();
        }
    }
}
